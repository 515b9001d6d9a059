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

namespace {

/// Per rule: how many of its checks passed, failed and stayed undecided.
struct RuleTally {
  int pass = 0, fail = 0, undecided = 0;
};

std::map<std::string, RuleTally> tally(const std::vector<std::string>& folders) {
  scan::ScanOptions options;
  options.paths.clear();
  for (const std::string& f : folders) options.paths.push_back((test::source_dir() / f).string());
  options.root = test::source_dir();
  options.jobs = 1;
  options.environments = test::fixture_environments();
  scan::ScanResult result = scan::run_scan(options);
  CHECK(result.error_count() == 0);
  std::map<std::string, RuleTally> out;
  for (const policy::Rule* rule : result.rules_run) out[rule->id];
  for (const auto& c : result.checks) {
    RuleTally& t = out[c.rule_id];
    (c.outcome == evaluate::Tri::true_ ? t.pass : c.outcome == evaluate::Tri::false_ ? t.fail : t.undecided)++;
  }
  return out;
}

bool names(const policy::Rule& rule, const char* source) {
  return std::find(rule.sources.begin(), rule.sources.end(), source) != rule.sources.end();
}

}  // namespace

TEST_CASE("parity: the reference architecture's three descriptions reach the same verdicts, rule by rule") {
  auto pack = scan::load_pack({});
  // Staging in Terraform and in CloudFormation; prod (with its DR region) in
  // Terraform and as an export bundle. Every rule whose catalog row names both
  // sources is decided on both, and passes on both.
  struct Pair {
    const char* source;
    std::vector<std::string> terraform, other;
  };
  for (const Pair& p : {Pair{"cloudformation", {"fixtures/innovate/terraform/staging", "fixtures/innovate/terraform/mgmt"},
                             {"fixtures/innovate-cloudformation/staging", "fixtures/innovate/terraform/mgmt"}},
                        Pair{"aws", {"fixtures/innovate/terraform/prod", "fixtures/innovate/terraform/dr", "fixtures/innovate/terraform/mgmt"},
                             {"fixtures/innovate/aws"}}}) {
    auto tf = tally(p.terraform);
    auto other = tally(p.other);
    int compared = 0;
    for (const auto& rule : pack->rules) {
      if (!names(*rule, "terraform") || !names(*rule, p.source)) continue;
      // The bundle holds prod only: what the management account's exports
      // decide (its SCPs, its budgets covering prod, the S3 buckets of the
      // organization's logs) stays undecided or unseen there.
      bool management_only = std::string(p.source) == "aws" &&
                             (rule->id == "ORG-002" || rule->id == "COST-002" || rule->id == "EDGE-006" ||
                              rule->id == "SEC-007" || rule->id == "SEC-009");
      if (management_only) {
        CHECK(other[rule->id].fail == 0);
        continue;
      }
      INFO(p.source << ": " << rule->id << " terraform " << tf[rule->id].pass << "/" << tf[rule->id].fail << "/"
                    << tf[rule->id].undecided << ", other " << other[rule->id].pass << "/" << other[rule->id].fail << "/"
                    << other[rule->id].undecided << " (pass/fail/undecided)");
      CHECK(tf[rule->id].fail == 0);
      CHECK(other[rule->id].fail == 0);
      // Decided on one side means decided on the other.
      CHECK((tf[rule->id].pass > 0) == (other[rule->id].pass > 0));
      ++compared;
    }
    CHECK(compared > 40);
  }
}
