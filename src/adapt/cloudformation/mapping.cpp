#include "adapt/cloudformation/mapping.hpp"

#include <cctype>
#include <vector>

#include <map>

#include "adapt/vocabulary.hpp"
#include "base/text.hpp"
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

bool has_mapping(const std::string& cfn_type) { return table().count(cfn_type) > 0; }

std::string canonical_type(const std::string& cfn_type) {
  auto it = table().find(cfn_type);
  if (it != table().end()) return it->second.canonical;
  // AWS::Service::Type -> aws_service_type, the service in one word as
  // Terraform writes most (aws_cloudfront_*, aws_secretsmanager_*), the
  // type snake_cased; EC2's types have no service part (aws_subnet).
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t sep = cfn_type.find("::", start);
    parts.push_back(cfn_type.substr(start, sep - start));
    if (sep == std::string::npos) break;
    start = sep + 2;
  }
  // Another publisher's type (AWSQS::EKS::Cluster, a registry extension) is
  // not AWS's own, whatever its service part says: it keeps its publisher.
  if (parts.size() != 3 || parts[0] != "AWS") {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "_") + adapt::snake_case(p);
    return out;
  }
  std::string service = base::ascii_lower(parts[1]);
  if (service == "apigateway") service = "api_gateway";
  std::string out = "aws_";
  if (service != "ec2") out += service + "_";
  return out + adapt::snake_case(parts[2]);
}

model::Value canonical_attributes(const std::string& cfn_type, const model::Value& properties) {
  auto it = table().find(cfn_type);
  return canonical_members(it == table().end() ? nullptr : &it->second, properties);
}

}  // namespace guardrail::adapt::cloudformation
