#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"

namespace guardrail::scan {

/// One case of one rule: an input that must fire (at the lines its
/// `# expect: RULE-ID` comments, or its `<file>.expect` sidecar, give) or
/// must not fire at all.
///
/// A case may have twins, judged by the same verdict rather than by lines: a
/// plan twin (`cases/plan/fire/NAME`, the plan JSON Terraform makes of
/// `cases/fire/NAME`) and, made on the fly, the JSON rendering of every
/// CloudFormation YAML case. A twin must fire on the same resources, in the
/// same environments, as its original.
struct CaseResult {
  std::string rule_id;
  std::string path;  // the case file or folder
  bool fire = false;
  bool ok = false;
  std::string detail;  // why it failed
  std::string twin;    // "plan" or "json" for a twin, else ""
  /// The inputs the case exercised (see kVariants): those of its files.
  std::set<std::string> variants;
};

/// The inputs the coverage table counts, per source of the catalog:
/// terraform: tf-hcl, tf-plan; cloudformation: cfn-yaml, cfn-json;
/// aws: aws-cli, aws-config; kubernetes: k8s; dockerfile: dockerfile.
extern const std::vector<std::pair<std::string, std::string>> kVariants;  // (variant, source)

struct RuleCoverage {
  std::string rule_id;
  std::vector<std::string> sources;  // the rule's `sources`
  std::map<std::string, std::pair<bool, bool>> variants;  // variant -> (has fire case, has pass case)
  /// cases/NOT-APPLICABLE: "VARIANT fire|pass reason" lines for what a
  /// source cannot show (AWS Config records no WAF associations), by
  /// "VARIANT SIDE".
  std::map<std::string, std::string> not_applicable;
  /// Variants of the rule's sources without a passing fire case or pass case.
  std::vector<std::string> missing() const;
};

struct RuleTestReport {
  std::vector<CaseResult> cases;
  std::vector<RuleCoverage> coverage;  // by rule ID
  std::vector<std::string> problems;  // rules without cases, unreadable folders
  base::Diagnostics diagnostics;      // the pack's own errors
  size_t rules = 0;
  bool ok() const;
};

/// The coverage table in Markdown: a row per rule, a column per variant.
std::string coverage_markdown(const RuleTestReport& report);

/// Runs the cases of every rule folder under `dirs` (a folder holding a
/// `.grl` rule file and `cases/fire/*`, `cases/pass/*`; each entry of those
/// is one case, a file or a whole folder scanned together). The rules of
/// `dirs` replace shipped ones with the same ID; the shipped `innovate`
/// policy (or the folders' own) decides environments, so a case under a
/// folder named `dev` is judged as dev. `only` limits the run to rule IDs.
RuleTestReport run_rule_tests(const std::vector<std::string>& dirs, const std::vector<std::string>& only = {},
                              unsigned jobs = 0);

}  // namespace guardrail::scan
