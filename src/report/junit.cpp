#include "report/junit.hpp"

#include <map>
#include <tuple>

namespace guardrail::report {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) out += ' ';  // not allowed in XML 1.0
        else out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

std::string position(const base::Location& at) {
  return std::string(at.file) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace

std::string render_junit(const scan::ScanResult& result) {
  // Findings by rule and resource: its address, and the root it was
  // evaluated in (a module's resources share their address across roots).
  using ResourceKey = std::tuple<std::string, std::string, std::string>;
  std::map<ResourceKey, std::vector<const evaluate::Finding*>> findings;
  for (const evaluate::Finding& f : result.findings) findings[{f.rule_id, f.resource, f.origin.str()}].push_back(&f);
  std::map<std::string, std::vector<const evaluate::CheckRecord*>> by_rule;
  for (const evaluate::CheckRecord& c : result.checks)
    if (c.resource && c.resource->reported) by_rule[c.rule_id].push_back(&c);

  size_t tests = 0, failures = 0, skipped = 0;
  std::string suites;
  for (const policy::Rule* rule : result.rules_run) {
    auto checks = by_rule[rule->id];
    std::map<std::string, size_t> named;  // checks per address: a module's resource in several roots
    for (const evaluate::CheckRecord* c : checks) ++named[c->resource->address];
    std::string cases;
    size_t suite_failures = 0, suite_skipped = 0;
    for (const evaluate::CheckRecord* c : checks) {
      const model::Resource& r = *c->resource;
      std::string name = r.address;
      if (named[r.address] > 1 && !r.origin.empty()) name += " (" + r.origin.str() + ")";
      auto it = findings.find({rule->id, r.address, r.origin.str()});
      std::vector<const evaluate::Finding*> active, waived;
      if (it != findings.end())
        for (const evaluate::Finding* f : it->second) (f->suppressed() ? waived : active).push_back(f);
      // Where annotation tools put it: the first finding's line, else the
      // resource's; the path as the repository sees it, as SARIF gives it.
      const base::Location& at = active.empty() ? r.location : active.front()->where;
      cases += "    <testcase classname=\"" + xml_escape(rule->id) + "\" name=\"" + xml_escape(name) +
               "\" file=\"" + xml_escape(result.repository_path(at.file)) + "\" line=\"" + std::to_string(at.line) +
               "\"";
      if (!active.empty()) {
        ++suite_failures;
        std::string body;
        for (const evaluate::Finding* f : active) body += position(f->where) + ": " + f->message + "\n";
        cases += ">\n      <failure type=\"" + std::string(evaluate::to_string(result.severity_of(*rule))) + "\" message=\"" +
                 xml_escape(active.front()->message) + "\">" + xml_escape(body) + "</failure>\n    </testcase>\n";
      } else if (!waived.empty()) {
        ++suite_skipped;
        const auto& s = waived.front()->suppression;
        cases += ">\n      <skipped message=\"" +
                 xml_escape("waived" + (s.expires.empty() ? "" : " until " + s.expires) + ": " + s.justification) +
                 "\"/>\n    </testcase>\n";
      } else if (c->outcome == evaluate::Tri::unknown) {
        ++suite_skipped;
        cases += ">\n      <skipped message=\"undecided: a value it needs is not known (known only after apply, "
                 "or not in the scan)\"/>\n    </testcase>\n";
      } else if (c->outcome == evaluate::Tri::false_) {
        // Failed, but its findings are in files only read as context.
        cases += "/>\n";
      } else {
        cases += "/>\n";
      }
    }
    tests += checks.size();
    failures += suite_failures;
    skipped += suite_skipped;
    suites += "  <testsuite name=\"" + xml_escape(rule->id + ": " + rule->title) + "\" tests=\"" +
              std::to_string(checks.size()) + "\" failures=\"" + std::to_string(suite_failures) +
              "\" skipped=\"" + std::to_string(suite_skipped) + "\" errors=\"0\">\n" + cases + "  </testsuite>\n";
  }
  size_t errors = 0;
  std::string error_cases;
  for (const base::Diagnostic& d : result.diagnostics) {
    if (d.level != base::Level::error) continue;
    ++errors;
    error_cases += "    <testcase classname=\"guardrail\" name=\"" + xml_escape(std::string(d.where.file)) +
                   "\">\n      <error type=\"" + xml_escape(d.code) + "\" message=\"" + xml_escape(d.message) +
                   "\">" + xml_escape(position(d.where) + ": " + d.message) + "</error>\n    </testcase>\n";
  }
  if (errors)
    suites += "  <testsuite name=\"guardrail: input errors\" tests=\"" + std::to_string(errors) +
              "\" failures=\"0\" skipped=\"0\" errors=\"" + std::to_string(errors) + "\">\n" + error_cases +
              "  </testsuite>\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"guardrail\" tests=\"" +
         std::to_string(tests + errors) + "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" +
         std::to_string(skipped) + "\" errors=\"" + std::to_string(errors) + "\">\n" + suites + "</testsuites>\n";
}

}  // namespace guardrail::report
