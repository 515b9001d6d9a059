#include "adapt/cloudformation/mapping.hpp"

#include <map>

#include "adapt/vocabulary.hpp"
#include "policy/builtin_pack.hpp"

namespace guardrail::adapt::cloudformation {
namespace {

/// data/cloudformation.tsv: type, canonical type, renames.
const std::map<std::string, TypeMapping>& table() {
  static const std::map<std::string, TypeMapping> kTable = [] {
    std::map<std::string, TypeMapping> out;
    for (const auto& cols : table_rows(policy::builtin_file("data/cloudformation.tsv"))) {
      if (cols.size() < 2) continue;
      TypeMapping m;
      m.canonical = cols[1];
      if (cols.size() > 2) parse_renames(cols[2], m);
      out[cols[0]] = std::move(m);
    }
    return out;
  }();
  return kTable;
}

}  // namespace

std::string snake_case(std::string_view name) { return adapt::snake_case(name); }

std::string canonical_type(const std::string& cfn_type) {
  auto it = table().find(cfn_type);
  if (it != table().end()) return it->second.canonical;
  // AWS::Service::Type -> aws_service_type
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t sep = cfn_type.find("::", start);
    std::string part = cfn_type.substr(start, sep - start);
    if (!out.empty()) out += '_';
    out += adapt::snake_case(part);
    if (sep == std::string::npos) break;
    start = sep + 2;
  }
  return out;
}

model::Value canonical_attributes(const std::string& cfn_type, const model::Value& properties) {
  auto it = table().find(cfn_type);
  return canonical_members(it == table().end() ? nullptr : &it->second, properties);
}

}  // namespace guardrail::adapt::cloudformation
