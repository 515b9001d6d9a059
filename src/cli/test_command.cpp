#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "scan/rule_tests.hpp"

namespace guardrail::cli {
namespace {

struct TestOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> only;
  bool verbose = false;
};

int run_test(const TestOptions& options) {
  std::vector<std::string> dirs = options.dirs.empty() ? std::vector<std::string>{"rules"} : options.dirs;
  scan::RuleTestReport report = scan::run_rule_tests(dirs, options.only);
  for (const base::Diagnostic& d : report.diagnostics)
    std::cout << d.where.file << ":" << d.where.line << ":" << d.where.column << ": " << base::to_string(d.level)
              << "[" << d.code << "]: " << d.message << "\n";
  size_t passed = 0;
  for (const scan::CaseResult& c : report.cases) {
    if (c.ok) {
      ++passed;
      if (options.verbose) std::cout << "ok    " << c.rule_id << " " << (c.fire ? "fire " : "pass ") << c.path << "\n";
      continue;
    }
    std::cout << "FAIL  " << c.rule_id << " " << (c.fire ? "fire " : "pass ") << c.path << ": " << c.detail << "\n";
  }
  for (const std::string& p : report.problems) std::cout << "FAIL  " << p << "\n";
  std::cout << report.rules << " rules, " << report.cases.size() << " cases: " << passed << " passed, "
            << report.cases.size() - passed << " failed";
  if (!report.problems.empty()) std::cout << ", " << report.problems.size() << " problems";
  std::cout << "\n";
  if (base::has_errors(report.diagnostics)) return 2;
  return report.ok() ? 0 : 1;
}

}  // namespace

void setup_test(CLI::App& app, int& status) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand("test", "Run every rule's cases (inputs that must fire, and must not)");
  cmd->add_option("dirs", options->dirs, "Rule folders (default: rules)");
  cmd->add_option("--rule", options->only, "Only these rule IDs (repeatable)")->allow_extra_args(false);
  cmd->add_flag("--verbose,-v", options->verbose, "List passing cases too");
  cmd->callback([options, &status] { status = run_test(*options); });
}

}  // namespace guardrail::cli
