#include "adapt/aws_regions.hpp"

#include <map>

#include <re2/re2.h>

namespace guardrail::adapt {

model::Value availability_zones(const std::string& region, const model::Location& where) {
  static const std::map<std::string, std::string> kLetters = {
      {"us-east-1", "abcdef"}, {"us-east-2", "abc"},      {"us-west-1", "ac"},
      {"us-west-2", "abcd"},   {"eu-west-1", "abc"},      {"eu-central-1", "abc"},
      {"ap-southeast-2", "abc"}, {"ap-northeast-1", "acd"}};
  auto it = kLetters.find(region);
  std::string letters = it == kLetters.end() ? "abc" : it->second;
  model::Value out = model::Value::list({}, where);
  for (char c : letters) out.push_back(model::Value::string(region + c, where));
  return out;
}

bool is_region_name(const std::string& text) {
  static const RE2 kRegion("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");
  return RE2::FullMatch(text, kRegion);
}

}  // namespace guardrail::adapt
