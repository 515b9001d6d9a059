#include "base/location.hpp"

#include <tuple>

namespace guardrail::base {

std::strong_ordering Location::operator<=>(const Location& other) const {
  if (auto c = file.compare(other.file); c != 0) return c < 0 ? std::strong_ordering::less
                                                              : std::strong_ordering::greater;
  return std::tie(line, column, end_line, end_column) <=>
         std::tie(other.line, other.column, other.end_line, other.end_column);
}

Location span(const Location& first, const Location& last) {
  if (!first.known()) return last;
  if (!last.known()) return first;
  // A value written elsewhere (a variable's default, a module caller's
  // literal, a parameter) is located where it is written.
  if (first.file != last.file || std::tie(last.line, last.column) < std::tie(first.line, first.column)) return last;
  Location out = first;
  if (std::tie(last.end_line, last.end_column) > std::tie(first.end_line, first.end_column)) {
    out.end_line = last.end_line;
    out.end_column = last.end_column;
  }
  return out;
}

}  // namespace guardrail::base
