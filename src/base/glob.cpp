#include "base/glob.hpp"

namespace guardrail::base {

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matcher with backtracking points for '*' and '**'.
  size_t pi = 0, ti = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  bool star_crosses = false;
  while (ti < t.size()) {
    if (pi + 1 < p.size() && p[pi] == '*' && p[pi + 1] == '*') {
      star_p = pi;
      star_crosses = true;
      pi += 2;
      if (pi < p.size() && p[pi] == '/') ++pi;  // "**/" also matches zero segments
      star_t = ti;
      continue;
    }
    if (pi < p.size() && p[pi] == '*') {
      star_p = pi;
      star_crosses = false;
      ++pi;
      star_t = ti;
      continue;
    }
    if (pi < p.size() && (p[pi] == '?' ? t[ti] != '/' : p[pi] == t[ti])) {
      ++pi;
      ++ti;
      continue;
    }
    if (star_p != std::string_view::npos && (star_crosses || t[star_t] != '/')) {
      // Let the last star swallow one more character and retry.
      ++star_t;
      ti = star_t;
      pi = star_p + (star_crosses ? 2 : 1);
      if (star_crosses && pi < p.size() && p[pi] == '/') ++pi;
      continue;
    }
    return false;
  }
  while (pi < p.size() && (p[pi] == '*' || p[pi] == '/')) ++pi;
  return pi == p.size();
}

}  // namespace guardrail::base
