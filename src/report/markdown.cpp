#include "report/markdown.hpp"

#include <algorithm>
#include <map>

#include "report/sarif.hpp"

namespace guardrail::report {
namespace {

/// Markdown inline text: characters that would format are escaped.
std::string md(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string render_markdown(const scan::ScanResult& result, const MarkdownOptions& options) {
  std::vector<const evaluate::Finding*> active;
  size_t suppressed = 0;  // waived, suppressed inline, or in the baseline: as the text report counts them
  for (const evaluate::Finding& f : result.findings) {
    if (f.suppressed()) ++suppressed;
    else active.push_back(&f);
  }
  std::string out = "## guardrail: ";
  out += active.empty() ? "no findings" : std::to_string(active.size()) + (active.size() == 1 ? " finding" : " findings");
  // An unread input was never judged: the headline says so, not only the counts below it.
  if (size_t errors = result.error_count(); errors > 0)
    out += ", " + std::to_string(errors) + (errors == 1 ? " input not read" : " inputs not read");
  out += "\n\n";
  auto count = [](size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  out += "Scanned " + count(result.files.size(), "file", "files") + ", " +
         count(result.resources.size(), "resource", "resources") + "; " + std::to_string(suppressed) + " suppressed, " +
         count(result.undecided, "check", "checks") + " undecided, " +
         count(result.error_count(), "input error", "input errors") + ", " +
         count(static_cast<size_t>(std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                                 [](const base::Diagnostic& d) { return d.level == base::Level::warning; })),
               "warning", "warnings") + ".\n\n";
  // The most severe first, so a capped list drops the least severe.
  std::stable_sort(active.begin(), active.end(),
                   [](const evaluate::Finding* a, const evaluate::Finding* b) { return a->severity > b->severity; });
  if (!active.empty()) {
    std::map<evaluate::Severity, size_t, std::greater<>> by_severity;
    std::map<std::string, size_t> by_rule;
    for (const evaluate::Finding* f : active) {
      ++by_severity[f->severity];
      ++by_rule[f->rule_id];
    }
    out += "| severity | findings |\n|---|---:|\n";
    for (const auto& [s, n] : by_severity) out += "| " + std::string(evaluate::to_string(s)) + " | " + std::to_string(n) + " |\n";
    out += "\n| rule | severity | title | findings |\n|---|---|---|---:|\n";
    for (const auto& [id, n] : by_rule) {
      const policy::Rule* rule = result.pack ? result.pack->rule(id) : nullptr;
      out += "| " + id + " | " + (rule ? std::string(evaluate::to_string(result.severity_of(*rule))) : "") + " | " +
             md(rule ? rule->title : "") + " | " + std::to_string(n) + " |\n";
    }
    out += "\n### Findings\n\n";
    size_t shown = 0;
    for (const evaluate::Finding* f : active) {
      if (shown == options.max_findings) break;
      ++shown;
      std::string where = std::string(f->where.file) + ":" + std::to_string(f->where.line);
      std::string link = options.link_base + uri_path(result.repository_path(f->where.file)) + "#L" + std::to_string(f->where.line);
      out += "- **" + std::string(evaluate::to_string(f->severity)) + "** " + f->rule_id + " [`" + where + "`](" +
             link + "): " + md(f->message) + "\n";
    }
    if (active.size() > shown)
      out += "\n…and " + std::to_string(active.size() - shown) + " more findings, not listed here (see the SARIF or text report).\n";
  }
  for (const scan::FrameworkResult& fr : result.frameworks) {
    using scan::ControlStatus;
    const policy::Framework& f = *fr.framework;
    out += "\n### " + md(f.title + (f.version.empty() ? "" : " " + f.version)) + "\n\n";
    out += "| status | controls |\n|---|---:|\n";
    for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::passed,
                             ControlStatus::not_applicable, ControlStatus::not_assessed, ControlStatus::not_covered})
      out += "| " + std::string(scan::to_string(st)) + " | " + std::to_string(fr.count(st)) + " |\n";
    std::string listed;
    for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::not_assessed})
      for (const scan::ControlResult& c : fr.controls) {
        if (c.status != st) continue;
        std::string rules;
        for (const std::string& r : c.control->rules) rules += (rules.empty() ? "" : ", ") + r;
        listed += "| " + std::string(scan::to_string(st)) + " | " + md(c.control->display) + " | " +
                  md(c.control->title) + " | " + rules + " | " +
                  (c.findings.empty() ? md(c.reasons.size() > 1 ? c.reasons[0] + " " + c.reasons[1]
                                                     : c.reasons.empty() ? "" : c.reasons[0])
                                      : std::to_string(c.findings.size()) + (c.findings.size() == 1 ? " finding" : " findings")) +
                  " |\n";
      }
    if (!listed.empty()) out += "\n| status | control | title | rules | why |\n|---|---|---|---|---|\n" + listed;
  }
  // Input errors, then warnings (an export not read, a nested template not
  // scanned): what a clean-looking report may not have judged.
  for (base::Level level : {base::Level::error, base::Level::warning}) {
    std::vector<const base::Diagnostic*> listed;
    for (const base::Diagnostic& d : result.diagnostics)
      if (d.level == level) listed.push_back(&d);
    if (listed.empty()) continue;
    out += level == base::Level::error ? "\n### Inputs that could not be read\n\n" : "\n### Warnings\n\n";
    size_t shown = 0;
    for (const base::Diagnostic* d : listed) {
      if (shown++ == 20) {
        out += "- …and " + std::to_string(listed.size() - 20) + " more\n";
        break;
      }
      out += "- `" + std::string(d->where.file) + (d->where.line ? ":" + std::to_string(d->where.line) : "") +
             "` " + d->code + ": " + md(d->message) + "\n";
    }
  }
  return out;
}

}  // namespace guardrail::report
