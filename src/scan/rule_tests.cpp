#include "scan/rule_tests.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scan/discover.hpp"
#include "scan/scanner.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

using Expected = std::set<std::pair<std::string, uint32_t>>;  // (display path, line)

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Expectations for `rule_id` in one case file: inline comments and a sidecar.
void expectations(const fs::path& file, const std::string& shown, const std::string& rule_id, Expected& out) {
  static const RE2 kInline("(?:#|//)\\s*expect:\\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:\\s*,\\s*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)*)");
  std::string text = read_text(file);
  std::istringstream lines(text);
  std::string line;
  for (uint32_t n = 1; std::getline(lines, line); ++n) {
    std::string ids;
    if (!RE2::PartialMatch(line, kInline, &ids)) continue;
    std::istringstream list(ids);
    for (std::string id; std::getline(list, id, ',');) {
      id.erase(0, id.find_first_not_of(' '));
      id.erase(id.find_last_not_of(' ') + 1);
      if (id == rule_id) out.insert({shown, n});
    }
  }
  fs::path sidecar = file;
  sidecar += ".expect";
  if (!fs::exists(sidecar)) return;
  std::istringstream side(read_text(sidecar));
  while (std::getline(side, line)) {
    std::istringstream fields(line);
    uint32_t n = 0;
    std::string id;
    if (!(fields >> n)) continue;
    fields >> id;
    if (id.empty() || id == rule_id) out.insert({shown, n});
  }
}

std::string describe(const Expected& lines) {
  std::string out;
  for (const auto& [path, line] : lines) out += (out.empty() ? "" : ", ") + path + ":" + std::to_string(line);
  return out.empty() ? "nowhere" : out;
}

CaseResult run_case(const std::string& rule_id, const fs::path& case_path, bool fire,
                    std::shared_ptr<policy::Pack> pack, unsigned jobs) {
  CaseResult result{rule_id, case_path.generic_string(), fire, false, ""};
  fs::path root = fs::current_path();
  Expected expected;
  std::vector<fs::path> files;
  if (fs::is_directory(case_path)) {
    for (const auto& e : fs::recursive_directory_iterator(case_path))
      if (e.is_regular_file() && e.path().extension() != ".expect") files.push_back(e.path());
  } else {
    files.push_back(case_path);
  }
  for (const fs::path& f : files) expectations(f, display_path(f, root), rule_id, expected);

  ScanOptions options;
  options.paths = {case_path.string()};
  options.root = root;
  options.only_rules = {rule_id};
  options.jobs = jobs;
  ScanResult scan = run_scan(options, std::move(pack));
  for (const base::Diagnostic& d : scan.diagnostics) {
    if (d.level != base::Level::error) continue;
    result.detail = "the case does not load: " + std::string(d.where.file) + ":" + std::to_string(d.where.line) +
                    ": " + d.message;
    return result;
  }
  Expected actual;
  for (const evaluate::Finding& f : scan.findings)
    if (f.rule_id == rule_id && !f.suppressed()) actual.insert({std::string(f.where.file), f.where.line});
  if (fire && expected.empty()) {
    result.detail = "a fire case needs `# expect: " + rule_id + "` on the lines that must fire (or a .expect file)";
    return result;
  }
  if (actual != expected) {
    result.detail = "expected " + rule_id + " at " + describe(expected) + ", found it at " + describe(actual);
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace

bool RuleTestReport::ok() const {
  if (!problems.empty() || base::has_errors(diagnostics)) return false;
  return std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.ok; });
}

RuleTestReport run_rule_tests(const std::vector<std::string>& dirs, const std::vector<std::string>& only,
                              unsigned jobs) {
  RuleTestReport report;
  ScanOptions load;
  load.policy_files = dirs;
  load.root = fs::current_path();
  auto pack = load_pack(load);
  report.diagnostics = pack->diagnostics;
  if (base::has_errors(pack->diagnostics)) return report;

  // Rule folders: where a rule's file is, if it has a cases/ folder beside it.
  for (const auto& rule : pack->rules) {
    if (!only.empty() && std::find(only.begin(), only.end(), rule->id) == only.end()) continue;
    fs::path folder = fs::path(rule->file).parent_path();
    bool under_dirs = std::any_of(dirs.begin(), dirs.end(), [&](const std::string& d) {
      fs::path rel = fs::absolute(folder).lexically_normal().lexically_relative(fs::absolute(d).lexically_normal());
      return !rel.empty() && *rel.begin() != "..";
    });
    if (!under_dirs) continue;
    ++report.rules;
    for (bool fire : {true, false}) {
      fs::path kind = folder / "cases" / (fire ? "fire" : "pass");
      std::vector<fs::path> cases;
      if (fs::is_directory(kind))
        for (const auto& e : fs::directory_iterator(kind))
          if (e.path().extension() != ".expect") cases.push_back(e.path());
      std::sort(cases.begin(), cases.end());
      if (cases.empty()) report.problems.push_back(rule->id + " has no " + (fire ? "fire" : "pass") + " cases");
      for (const fs::path& c : cases) report.cases.push_back(run_case(rule->id, c, fire, pack, jobs));
    }
  }
  return report;
}

}  // namespace guardrail::scan
