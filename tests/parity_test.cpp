#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "scan/scanner.hpp"
#include "support.hpp"

using namespace guardrail;

namespace {

/// A resource's name without its kind of spelling: Terraform's
/// aws_subnet.private_a and CloudFormation's stack.yaml#PrivateA are both
/// "privatea".
std::string logical_key(const std::string& address) {
  size_t hash = address.find('#');
  std::string name = hash != std::string::npos ? address.substr(hash + 1) : address.substr(address.find('.') + 1);
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Verdicts {
  std::map<std::pair<std::string, std::string>, std::string> outcome;  // (rule, key) -> pass/fail/undecided
  std::map<std::pair<std::string, std::string>, int> findings;
  size_t errors = 0;
};

Verdicts verdicts(const std::string& folder, const std::vector<std::string>& rules) {
  scan::ScanOptions options;
  options.paths = {(test::source_dir() / folder).string()};
  options.root = test::source_dir();
  options.only_rules = rules;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  Verdicts v;
  v.errors = result.error_count();
  for (const auto& c : result.checks) {
    if (!c.resource) continue;
    std::string o = c.outcome == evaluate::Tri::true_ ? "pass" : c.outcome == evaluate::Tri::false_ ? "fail" : "undecided";
    v.outcome[{c.rule_id, logical_key(c.resource->address)}] = o;
  }
  for (const auto& f : result.findings) ++v.findings[{f.rule_id, logical_key(f.resource)}];
  return v;
}

}  // namespace

TEST_CASE("parity: a stack in CloudFormation gets the verdicts of its Terraform twin") {
  const std::vector<std::string> rules = {"NET-00?", "DB-001", "DB-002", "DB-003", "DB-004", "DB-005", "DB-006",
                                         "EKS-001", "EKS-002", "EKS-003", "EKS-004", "COST-001"};
  Verdicts tf = verdicts("fixtures/parity/prod/terraform", rules);
  Verdicts cfn = verdicts("fixtures/parity/prod/cloudformation", rules);
  CHECK(tf.errors == 0);
  CHECK(cfn.errors == 0);
  std::set<std::pair<std::string, std::string>> keys;
  for (const auto& [k, o] : tf.outcome) keys.insert(k);
  for (const auto& [k, o] : cfn.outcome) keys.insert(k);
  std::set<std::string> rules_seen, failing_rules;
  for (const auto& k : keys) {
    INFO(k.first << " on " << k.second);
    CHECK(tf.outcome[k] == cfn.outcome[k]);
    CHECK(tf.findings[k] == cfn.findings[k]);
    rules_seen.insert(k.first);
    if (tf.outcome[k] == "fail") failing_rules.insert(k.first);
  }
  // The twins exercise every rule of the list, passing and failing.
  for (const char* id : {"NET-001", "NET-002", "NET-003", "NET-004", "NET-005", "NET-006", "NET-007", "NET-008",
                         "NET-009", "DB-001", "DB-002", "DB-003", "DB-004", "DB-005", "DB-006", "EKS-001", "EKS-002",
                         "EKS-003", "EKS-004", "COST-001"}) {
    INFO(id);
    CHECK(rules_seen.count(id) == 1);
    CHECK(failing_rules.count(id) == 1);
  }
  CHECK(keys.size() > 80);
}
