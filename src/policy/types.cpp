#include "policy/types.hpp"

#include <vector>

namespace guardrail::policy {

std::string describe(TypeSet types) {
  if (types == kAny) return "any value";
  static const std::pair<TypeSet, const char*> kNames[] = {
      {kNull, "null"}, {kBool, "a bool"}, {kNumber, "a number"}, {kString, "a string"},
      {kList, "a list"}, {kMap, "a map"}, {kResource, "a resource"}};
  std::vector<std::string> parts;
  for (const auto& [bit, name] : kNames)
    if (types & bit) parts.push_back(name);
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace guardrail::policy
