#include "base/intern.hpp"

#include <mutex>
#include <set>
#include <string>

namespace guardrail::base {

std::string_view intern(std::string_view text) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>>* pool = new std::set<std::string, std::less<>>();
  std::lock_guard lock(mutex);
  auto it = pool->find(text);
  if (it == pool->end()) it = pool->emplace(text).first;
  return *it;
}

}  // namespace guardrail::base
