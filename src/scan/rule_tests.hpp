#pragma once
#include <string>
#include <vector>

#include "base/diagnostic.hpp"

namespace guardrail::scan {

/// One case of one rule: an input that must fire (at the lines its
/// `# expect: RULE-ID` comments, or its `<file>.expect` sidecar, give) or
/// must not fire at all.
struct CaseResult {
  std::string rule_id;
  std::string path;  // the case file or folder
  bool fire = false;
  bool ok = false;
  std::string detail;  // why it failed
};

struct RuleTestReport {
  std::vector<CaseResult> cases;
  std::vector<std::string> problems;  // rules without cases, unreadable folders
  base::Diagnostics diagnostics;      // the pack's own errors
  size_t rules = 0;
  bool ok() const;
};

/// Runs the cases of every rule folder under `dirs` (a folder holding a
/// `.grl` rule file and `cases/fire/*`, `cases/pass/*`; each entry of those
/// is one case, a file or a whole folder scanned together). The rules of
/// `dirs` replace shipped ones with the same ID; the shipped `innovate`
/// policy (or the folders' own) decides environments, so a case under a
/// folder named `dev` is judged as dev. `only` limits the run to rule IDs.
RuleTestReport run_rule_tests(const std::vector<std::string>& dirs, const std::vector<std::string>& only = {},
                              unsigned jobs = 0);

}  // namespace guardrail::scan
