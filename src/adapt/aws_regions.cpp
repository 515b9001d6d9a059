#include "adapt/aws_regions.hpp"

#include <map>

#include <re2/re2.h>

namespace guardrail::adapt {

model::Value availability_zones(const std::string& region, const model::Location& where) {
  static const std::map<std::string, std::string> kLetters = {
      {"us-east-1", "abcdef"},   {"us-east-2", "abc"},      {"us-west-1", "ac"},       {"us-west-2", "abcd"},
      {"ca-central-1", "abd"},   {"sa-east-1", "abc"},      {"eu-west-1", "abc"},      {"eu-west-2", "abc"},
      {"eu-west-3", "abc"},      {"eu-central-1", "abc"},   {"eu-north-1", "abc"},     {"ap-south-1", "abc"},
      {"ap-southeast-1", "abc"}, {"ap-southeast-2", "abc"}, {"ap-northeast-1", "acd"}, {"ap-northeast-2", "abcd"},
      {"ap-northeast-3", "abc"}};
  auto it = kLetters.find(region);
  if (it == kLetters.end()) return model::Value::unknown("the Availability Zones of " + region + " are not known here", where);
  const std::string& letters = it->second;
  model::Value out = model::Value::list({}, where);
  for (char c : letters) out.push_back(model::Value::string(region + c, where));
  return out;
}

std::optional<std::string> own_region(const model::Resource& r) {
  if (!r.type.starts_with("aws_") || r.type == "aws_cloudformation_stack_set_instance" ||
      r.type == "aws_config_aggregate_authorization" || r.type == "aws_dx_hosted_connection")
    return std::nullopt;
  const model::Value* own = r.attrs.find("region");
  if (!own || own->is_null()) return std::nullopt;
  return own->is_string() ? own->as_string() : std::string();
}

bool is_region_name(const std::string& text) {
  static const RE2 kRegion("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");
  return RE2::FullMatch(text, kRegion);
}

}  // namespace guardrail::adapt
