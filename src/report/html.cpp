#include "report/html.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/glob.hpp"
#include "report/sarif.hpp"
#include "scan/drift.hpp"

namespace guardrail::report {
namespace {

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// the catalog's areas, in its order: a rule ID's prefix.
const std::vector<std::pair<std::string, std::string>>& areas() {
  static const std::vector<std::pair<std::string, std::string>> kAreas = {
      {"ORG", "Organization"}, {"NET", "Network"},        {"EDGE", "Edge"},        {"EKS", "EKS"},
      {"K8S", "Kubernetes"},   {"PSS", "Pod Security"},   {"IMG", "Images"},       {"DB", "Databases"},
      {"SEC", "Secrets and IAM"}, {"OBS", "Observability"}, {"COST", "Cost"},      {"DR", "Disaster recovery"},
      {"DRIFT", "Drift (declared against deployed)"}};
  return kAreas;
}

std::string area_of(const std::string& rule_id) { return rule_id.substr(0, rule_id.find('-')); }

struct Tally {
  size_t pass = 0, fail = 0, waived = 0, undecided = 0;
  size_t total() const { return pass + fail + waived + undecided; }
  void add(const Tally& t) {
    pass += t.pass;
    fail += t.fail;
    waived += t.waived;
    undecided += t.undecided;
  }
};

/// A small stacked bar: passed, failed, waived, undecided.
std::string bar(const Tally& t) {
  if (t.total() == 0) return "";
  const double width = 64;
  std::string svg = "<svg class=\"bar\" width=\"64\" height=\"8\" viewBox=\"0 0 64 8\" aria-hidden=\"true\">";
  double x = 0;
  auto part = [&](size_t n, const char* cls) {
    if (n == 0) return;
    double w = width * static_cast<double>(n) / static_cast<double>(t.total());
    char buf[160];
    std::snprintf(buf, sizeof buf, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"8\" class=\"%s\"/>", x,
                  std::max(w, 1.0), cls);
    svg += buf;
    x += w;
  };
  part(t.pass, "pass");
  part(t.fail, "fail");
  part(t.waived, "waived");
  part(t.undecided, "undecided");
  return svg + "</svg>";
}

const char* kStyle = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 0; background: #f5f6f8; }
header { background: #1d2330; color: #fff; padding: 16px 32px; }
header h1 { margin: 0; font-size: 22px; } header p { margin: 3px 0 0; color: #c4c9d4; font-size: 13px; }
header code { color: #fff; }
main { padding: 4px 32px 40px; max-width: 1280px; }
h2 { margin: 26px 0 10px; font-size: 18px; border-bottom: 2px solid #d9dce3; padding-bottom: 4px; }
h3 { margin: 16px 0 6px; font-size: 15px; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; align-items: stretch; margin-top: 16px; }
.box { background: #fff; border-radius: 6px; padding: 10px 16px; box-shadow: 0 1px 2px #0001; }
.verdict b { display: block; font-size: 26px; } .verdict.bad b { color: #b3261e; } .verdict.good b { color: #1b7f3b; } .verdict.warn b { color: #9a5b00; }
.verdict a { display: block; margin-top: 4px; color: #9a5b00; }
.box span.k { color: #5b6372; font-size: 12px; text-transform: uppercase; }
.counts { display: flex; gap: 18px; } .counts div { text-align: center; } .counts b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 14px; box-shadow: 0 1px 2px #0001; }
th, td { text-align: left; padding: 5px 9px; border-bottom: 1px solid #e6e8ec; vertical-align: top; }
th { background: #eef0f4; font-weight: 600; font-size: 12px; text-transform: uppercase; color: #414857; }
td.num, th.num { text-align: right; } td.cell { white-space: nowrap; font-size: 12px; }
td.cell.failed { color: #b3261e; font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
code.id { word-break: normal; white-space: nowrap; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; white-space: nowrap; }
.sev.critical { background: #7a0f0a; } .sev.high { background: #b3261e; } .sev.medium { background: #c96a00; }
.sev.low { background: #5b6372; } .sev.info { background: #8a93a3; }
.bar { vertical-align: middle; margin-right: 6px; }
.bar .pass { fill: #2e9d57; } .bar .fail { fill: #d93a2b; } .bar .waived { fill: #8e7cc3; } .bar .undecided { fill: #c6cad3; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.expired { color: #b3261e; font-weight: 600; } .muted { color: #6b7280; }
.remediation { color: #414857; font-size: 13px; margin-top: 2px; }
td.rule { min-width: 170px; } td.where { min-width: 230px; } td.rule b, td.nowrap { white-space: nowrap; }
td { overflow-wrap: anywhere; }
.st { font-weight: 600; font-size: 11px; padding: 1px 6px; border-radius: 3px; white-space: nowrap; }
.st.failed { background: #b3261e; color: #fff; } .st.passed { background: #2e9d57; color: #fff; }
.st.undecided { background: #c6cad3; } .st.na, .st.nassessed { background: #eef0f4; color: #414857; }
.st.ncovered { color: #6b7280; }
table.controls td.scope { text-align: center; }
table.controls ul { margin: 0; padding-left: 16px; }
table.controls { table-layout: fixed; }
table.controls th.c-id { width: 8%; } table.controls th.c-title { width: 16%; } table.controls th.c-map { width: 6%; }
table.controls th.c-status { width: 8%; } table.controls th.c-evidence { width: 26%; }
table.controls th.scope { text-transform: none; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11px; }
  header { background: #fff; color: #000; padding: 0 0 6px; border-bottom: 2px solid #1d2330; }
  header p { color: #333; } header code { color: #000; }
  main { padding: 0; max-width: none; }
  table, .box { box-shadow: none; } .box { border: 1px solid #d9dce3; }
  thead { display: table-header-group; }
  tr, .summary { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.framework { break-before: page; }
  table.controls .st { white-space: normal; font-size: 8px; padding: 0 2px; }
  table.controls th.scope, table.controls th.c-map, table.controls th.c-status { font-size: 7px; padding: 3px 2px; }
  table.controls td.scope { padding: 3px 2px; }
  th, td { padding: 3px 6px; }
  code { font-size: 10px; } .remediation { font-size: 10px; }
  td.rule, td.where { min-width: 0; } .sev { font-size: 9px; padding: 1px 3px; } th { font-size: 10px; }
}
)";

std::string where_of(const base::Location& at) {
  return std::string(at.file) + (at.line ? ":" + std::to_string(at.line) : "");
}

const char* suppression_name(evaluate::SuppressionKind kind) {
  switch (kind) {
    case evaluate::SuppressionKind::inline_comment: return "inline";
    case evaluate::SuppressionKind::waiver: return "policy waiver";
    case evaluate::SuppressionKind::baseline: return "baseline";
    default: return "";
  }
}

std::string status_badge(scan::ControlStatus status) {
  using scan::ControlStatus;
  const char* cls = status == ControlStatus::failed           ? "failed"
                    : status == ControlStatus::passed         ? "passed"
                    : status == ControlStatus::undecided      ? "undecided"
                    : status == ControlStatus::not_applicable ? "na"
                    : status == ControlStatus::not_assessed   ? "nassessed"
                                                              : "ncovered";
  return "<span class=\"st " + std::string(cls) + "\">" + std::string(scan::to_string(status)) + "</span>";
}

/// A framework's page: where the scan stands on each control, per view and
/// environment, with links to the findings that fail it and the reasons a
/// control is undecided. Printed, each framework starts a page.
std::string framework_page(const scan::FrameworkResult& fr, const scan::ScanResult& result,
                           const std::map<std::pair<std::string, bool>, std::set<std::string>>& accounts) {
  using scan::ControlStatus;
  const policy::Framework& f = *fr.framework;
  std::string h = "<section class=\"framework\" id=\"framework-" + esc(f.id) + "\">\n<h2>" + esc(f.title) +
                  (f.version.empty() ? "" : " " + esc(f.version)) + "</h2>\n";
  h += "<p>guardrail's rules decide " + std::to_string(fr.covered()) + " of the " + std::to_string(fr.controls.size()) +
       " controls listed" + (f.scope.empty() ? "" : ": " + esc(f.scope)) + "</p>\n";
  h += "<section class=\"summary\"><div class=\"box\"><div class=\"counts\">";
  for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::passed,
                           ControlStatus::not_applicable, ControlStatus::not_assessed, ControlStatus::not_covered})
    h += "<div><b>" + std::to_string(fr.count(st)) + "</b><span class=\"k\">" + std::string(scan::to_string(st)) +
         "</span></div>";
  h += "</div></div></section>\n";
  // One column per view and environment that any control was judged in.
  std::vector<std::pair<std::string, std::string>> columns;
  for (const scan::ControlResult& c : fr.controls)
    for (const scan::ScopeStatus& s : c.scopes) columns.emplace_back(s.view, s.environment);
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  // Per view and environment: the accounts judged there (those the checks
  // table counts), and how the controls stand in each.
  if (!columns.empty()) {
    h += "<table class=\"scopes\">\n<thead><tr><th>view</th><th>environment</th><th>accounts</th>";
    for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::passed})
      h += "<th class=\"num\">" + std::string(scan::to_string(st)) + "</th>";
    h += "</tr></thead>\n<tbody>\n";
    for (const auto& column : columns) {
      std::map<ControlStatus, size_t> counts;
      for (const scan::ControlResult& c : fr.controls)
        for (const scan::ScopeStatus& s : c.scopes)
          if (s.view == column.first && s.environment == column.second) ++counts[s.status];
      std::string list;
      if (auto seen = accounts.find({column.second, column.first == "deployed"}); seen != accounts.end())
        for (const std::string& a : seen->second) list += (list.empty() ? "" : " ") + a;
      h += "<tr><td>" + esc(column.first) + "</td><td>" + esc(column.second.empty() ? "no environment" : column.second) +
           "</td><td>" + (list.empty() ? std::string("-") : "<code class=\"id\">" + esc(list) + "</code>") + "</td>";
      for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::passed})
        h += "<td class=\"num\">" + std::to_string(counts[st]) + "</td>";
      h += "</tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "<table class=\"controls\">\n<thead><tr><th class=\"c-id\">control</th><th class=\"c-title\">title</th>"
       "<th class=\"c-map\">mapping</th><th class=\"c-status\">status</th>";
  for (const auto& [view, env] : columns)
    h += "<th class=\"scope\">" + esc(view) + "<br>" + esc(env.empty() ? "no environment" : env) + "</th>";
  h += "<th class=\"c-evidence\">evidence</th></tr></thead>\n<tbody>\n";
  std::vector<const scan::ControlResult*> rows;
  for (const scan::ControlResult& c : fr.controls) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->status < b->status; });
  for (const scan::ControlResult* c : rows) {
    const policy::Control& control = *c->control;
    std::string rules;
    for (const std::string& r : control.rules) rules += (rules.empty() ? "" : ", ") + r;
    h += "<tr><td class=\"nowrap\"><b>" + esc(control.display) + "</b></td><td class=\"title\">" + esc(control.title) +
         (rules.empty() ? "" : "<br><span class=\"muted\">" + esc(rules) + "</span>") + "</td><td>" +
         std::string(policy::to_string(control.mapping)) + "</td><td>" + status_badge(c->status) + "</td>";
    for (const auto& column : columns) {
      auto s = std::find_if(c->scopes.begin(), c->scopes.end(), [&](const scan::ScopeStatus& s) {
        return s.view == column.first && s.environment == column.second;
      });
      h += "<td class=\"scope\">" + (s == c->scopes.end() ? std::string("-") : status_badge(s->status)) + "</td>";
    }
    std::string evidence;
    constexpr size_t kShown = 5;
    for (size_t k = 0; k < c->findings.size() && k < kShown; ++k) {
      const evaluate::Finding& finding = result.findings[c->findings[k]];
      evidence += "<li><a href=\"#finding-" + std::to_string(c->findings[k]) + "\">" + esc(finding.rule_id) + "</a> " +
                  esc(finding.resource) + " <span class=\"muted\">" + esc(where_of(finding.where)) + "</span></li>";
    }
    if (c->findings.size() > kShown)
      evidence += "<li>and " + std::to_string(c->findings.size() - kShown) + " more findings</li>";
    if (c->excepted)
      evidence += "<li>" + std::to_string(c->excepted) + " suppressed finding" + (c->excepted == 1 ? "" : "s") +
                  " (waived, inline or baseline)</li>";
    if (c->status != ControlStatus::failed)
      for (const std::string& reason : c->reasons) evidence += "<li>" + esc(reason) + "</li>";
    if (control.mapping != policy::Mapping::none && c->status != ControlStatus::failed)
      evidence += "<li class=\"muted\">" + std::to_string(c->passed) + " checks passed</li>";
    if (control.mapping == policy::Mapping::none && !control.note.empty())
      evidence += "<li class=\"muted\">" + esc(control.note) + "</li>";
    h += "<td class=\"evidence\">" + (evidence.empty() ? std::string() : "<ul>" + evidence + "</ul>") + "</td></tr>\n";
  }
  h += "</tbody></table>\n</section>\n";
  return h;
}

/// The rows' text is the reader's: everything escaped. At most `cap` rows,
/// then one saying how many more there are.
/// With drift compared (guardrail drift, scan --drift): a page per
/// environment of what is unmanaged, missing and changed, and what could not
/// be matched, with both places (docs/drift.md).
std::string drift_pages(const scan::ScanResult& result) {
  struct Page {
    std::vector<const evaluate::Finding*> findings;
    std::vector<const evaluate::CheckRecord*> undecided;
  };
  std::map<std::string, Page> pages;
  for (const evaluate::CheckRecord& c : result.checks) {
    if (c.rule_id.rfind("DRIFT-", 0) != 0 || !c.resource) continue;
    Page& p = pages[c.resource->environment];  // an environment judged, even with nothing undecided
    if (c.outcome == evaluate::Tri::unknown) p.undecided.push_back(&c);
  }
  for (const evaluate::Finding& f : result.findings)
    if (f.rule_id.rfind("DRIFT-", 0) == 0 && !f.suppressed()) pages[f.environment].findings.push_back(&f);
  std::string h;
  for (const auto& [env, page] : pages) {
    size_t count[3] = {};
    for (const evaluate::Finding* f : page.findings)
      for (int i = 0; i < 3; ++i) count[i] += f->rule_id == scan::kDriftRules[i];
    h += "<section class=\"framework\" id=\"drift-" + esc(env) + "\">\n<h2>Drift: " + esc(env) +
         "</h2>\n<p class=\"muted\">What the code declares against what the exports show deployed, matched by "
         "natural keys; only attributes the rules read are compared unless --all-attributes was given.</p>\n";
    h += "<section class=\"summary\"><div class=\"box\"><div class=\"counts\"><div><b>" + std::to_string(count[0]) +
         "</b><span class=\"k\">unmanaged (DRIFT-001)</span></div><div><b>" + std::to_string(count[1]) +
         "</b><span class=\"k\">missing (DRIFT-002)</span></div><div><b>" + std::to_string(count[2]) +
         "</b><span class=\"k\">changed (DRIFT-003)</span></div><div><b>" + std::to_string(page.undecided.size()) +
         "</b><span class=\"k\">not matched (undecided)</span></div></div></div></section>\n";
    if (page.findings.empty()) {
      h += "<p>No drift.</p>\n";
    } else {
      h += "<table class=\"findings\">\n<thead><tr><th>rule</th><th>resource</th><th>declared</th><th>deployed</th>"
           "<th>what differs</th></tr></thead>\n<tbody>\n";
      for (const evaluate::Finding* f : page.findings) {
        std::string declared = f->live ? "-" : where_of(f->where);
        std::string deployed = f->live ? where_of(f->where) : "-";
        for (const evaluate::Related& r : f->related)
          if (!f->live) deployed = where_of(r.where);
        h += "<tr><td class=\"rule\"><b>" + esc(f->rule_id) + "</b></td><td class=\"where\"><code>" +
             esc(f->arn.empty() ? f->resource : f->arn) + "</code></td><td class=\"where\"><span class=\"muted\">" +
             esc(declared) + "</span></td><td class=\"where\"><span class=\"muted\">" + esc(deployed) +
             "</span></td><td>" + esc(f->message) + "</td></tr>\n";
      }
      h += "</tbody></table>\n";
    }
    if (!page.undecided.empty()) {
      h += "<h3>Not matched</h3>\n<table>\n<thead><tr><th>rule</th><th>resource</th><th>why</th></tr></thead>\n<tbody>\n";
      for (const evaluate::CheckRecord* c : page.undecided)
        h += "<tr><td>" + esc(c->rule_id) + "</td><td><code>" + esc(c->resource->address) + "</code><br><span class=\"muted\">" +
             esc(where_of(c->where)) + "</span></td><td>" + esc(c->reason) + "</td></tr>\n";
      h += "</tbody></table>\n";
    }
    h += "</section>\n";
  }
  return h;
}

void more_row(std::string& h, size_t shown, size_t total, int columns) {
  if (total > shown)
    h += "<tr><td colspan=\"" + std::to_string(columns) + "\" class=\"muted\">and " + std::to_string(total - shown) +
         " more (the JSON and SARIF reports list them all)</td></tr>\n";
}

/// The rows of warnings or notes ("warning", "note"), the first 500.
void diagnostics_table(std::string& h, const std::vector<const base::Diagnostic*>& list, const char* what) {
  const size_t cap = 500;
  h += std::string("<table>\n<thead><tr><th>where</th><th>") + what + "</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < list.size() && i < cap; ++i) {
    const base::Diagnostic* d = list[i];
    h += "<tr><td><code>" + esc(d->where.file.empty() ? std::string("-") : where_of(d->where)) + "</code></td><td>" +
         esc(d->code) + ": " + esc(d->message) + "</td></tr>\n";
  }
  more_row(h, std::min(cap, list.size()), list.size(), 2);
  h += "</tbody></table>\n";
}

}  // namespace

std::string render_html(const scan::ScanResult& result, const HtmlOptions& options) {
  // Outcomes per check, and findings per (rule, resource) to tell waived from failed.
  std::map<std::pair<std::string, std::string>, bool> waived_finding;  // (rule, address) -> all its findings waived
  for (const evaluate::Finding& f : result.findings) {
    auto [it, fresh] = waived_finding.try_emplace({f.rule_id, f.resource}, f.suppressed());
    if (!fresh) it->second = it->second && f.suppressed();
  }
  // Tallies per environment, view (false: declared, true: deployed) and area.
  using Column = std::pair<std::string, bool>;
  std::map<Column, std::map<std::string, Tally>> tallies;
  std::map<Column, std::set<std::string>> accounts;
  std::map<std::string, size_t> undecided_by_rule;
  Tally total;
  for (const evaluate::CheckRecord& c : result.checks) {
    if (!c.resource) {  // undecided, tied to no resource
      if (c.outcome == evaluate::Tri::unknown) ++undecided_by_rule[c.rule_id];
      continue;
    }
    Column column{c.resource->environment, c.resource->view() == model::View::live};
    if (!c.resource->account.empty()) accounts[column].insert(c.resource->account);
    Tally one;
    if (c.outcome == evaluate::Tri::true_) {
      one.pass = 1;
    } else if (c.outcome == evaluate::Tri::unknown) {
      one.undecided = 1;
      ++undecided_by_rule[c.rule_id];
    } else if (auto w = waived_finding.find({c.rule_id, c.resource->address}); w != waived_finding.end() && w->second) {
      one.waived = 1;
    } else {
      one.fail = 1;
    }
    tallies[column][area_of(c.rule_id)].add(one);
    total.add(one);
  }
  std::vector<const evaluate::Finding*> active, suppressed;
  std::map<evaluate::Severity, size_t> by_severity;
  for (const evaluate::Finding& f : result.findings) {
    if (f.suppressed()) {
      suppressed.push_back(&f);
    } else {
      active.push_back(&f);
      ++by_severity[f.severity];
    }
  }
  // Counted as the text and JSON reports count them: notes (a Kustomize
  // overlay not rendered) are listed on their own, not as warnings.
  std::vector<const base::Diagnostic*> errors, warnings, notes;
  for (const base::Diagnostic& d : result.diagnostics)
    (d.level == base::Level::error ? errors : d.level == base::Level::warning ? warnings : notes).push_back(&d);

  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>guardrail report</title>\n<style>" +
                  std::string(kStyle) + "</style>\n</head>\n<body>\n";

  // Header: what was judged, by what, when.
  std::string policy = result.effective.policy ? result.effective.policy->name : "(no policy)";
  h += "<header><h1>guardrail: compliance report</h1>\n<p>Policy <b>" + esc(policy) + "</b> · judged on " +
       esc(options.generated) + (options.version.empty() ? "" : " · guardrail " + esc(options.version)) + "</p>\n";
  if (!options.paths.empty() || !options.commit.empty()) {
    std::string paths;
    for (const std::string& p : options.paths) paths += (paths.empty() ? "" : " ") + ("<code>" + esc(p) + "</code>");
    h += "<p>Scanned " + (paths.empty() ? std::string(".") : paths) +
         (options.commit.empty() ? "" : " at commit <code>" + esc(options.commit) + "</code>") + "</p>\n";
  }
  h += "<p>" + std::to_string(result.files.size()) + " files, " + std::to_string(result.resources.size()) +
       " resources, " + std::to_string(result.rules_run.size()) + " rules</p></header>\n<main>\n";

  // Summary: the verdict and what failed, by severity.
  h += "<section class=\"summary\" aria-label=\"summary\">\n";
  // No finding is not a clean bill when some inputs could not be read: what they hold was never judged.
  const char* verdict = !active.empty() ? "bad" : !errors.empty() ? "warn" : "good";
  h += "<div class=\"box verdict " + std::string(verdict) + "\"><b>" + std::to_string(active.size()) +
       "</b><span class=\"k\">" + (active.size() == 1 ? "finding" : "findings") + " to act on</span>";
  if (!errors.empty())
    h += "<a href=\"#errors\">" + std::to_string(errors.size()) +
         (errors.size() == 1 ? " input was" : " inputs were") + " not read: not judged</a>";
  h += "</div>\n";
  h += "<div class=\"box\"><div class=\"counts\">";
  for (evaluate::Severity s : {evaluate::Severity::critical, evaluate::Severity::high, evaluate::Severity::medium,
                               evaluate::Severity::low, evaluate::Severity::info}) {
    std::string name(evaluate::to_string(s));
    h += "<div><b>" + std::to_string(by_severity[s]) + "</b><span class=\"sev " + name + "\">" + name + "</span></div>";
  }
  h += "</div></div>\n";
  h += "<div class=\"box\"><div class=\"counts\"><div><b>" + std::to_string(total.fail) +
       "</b><span class=\"k\">checks failed</span></div><div><b>" + std::to_string(total.pass) +
       "</b><span class=\"k\">passed</span></div><div><b>" + std::to_string(suppressed.size()) +
       "</b><span class=\"k\">waived or suppressed</span></div><div><b>" + std::to_string(result.undecided) +
       "</b><span class=\"k\">undecided</span></div><div><b>" + std::to_string(errors.size()) +
       "</b><span class=\"k\">input errors</span></div><div><b>" + std::to_string(warnings.size()) +
       "</b><span class=\"k\">warnings</span></div></div></div>\n</section>\n";

  // Findings first, declared and deployed apart, the most severe first.
  h += "<h2 id=\"findings\">Findings</h2>\n";
  if (active.empty()) h += "<p>None.</p>\n";
  std::stable_sort(active.begin(), active.end(), [](const evaluate::Finding* a, const evaluate::Finding* b) {
    return std::tie(b->severity, a->environment, a->account) < std::tie(a->severity, b->environment, b->account);
  });
  for (bool live : {false, true}) {
    std::vector<const evaluate::Finding*> list;
    for (const evaluate::Finding* f : active)
      if (f->live == live) list.push_back(f);
    if (list.empty()) continue;
    h += std::string("<h3>") +
         (live ? "Deployed: live AWS exports" : "Declared: Terraform, CloudFormation, Kubernetes, Dockerfiles") +
         " <span class=\"muted\">(" + std::to_string(list.size()) + ")</span></h3>\n";
    h += "<table class=\"findings\">\n<thead><tr><th>severity</th><th>environment</th><th>account</th><th>rule</th>"
         "<th>resource and location</th><th>finding and remediation</th></tr></thead>\n<tbody>\n";
    for (const evaluate::Finding* f : list) {
      const policy::Rule* rule = result.pack ? result.pack->rule(f->rule_id) : nullptr;
      std::string sev(evaluate::to_string(f->severity));
      h += "<tr id=\"finding-" + std::to_string(f - result.findings.data()) + "\"><td><span class=\"sev " + sev +
           "\">" + sev + "</span></td><td>" + esc(f->environment.empty() ? "-" : f->environment) + "</td><td>" +
           (f->account.empty() ? std::string("-") : "<code class=\"id\">" + esc(f->account) + "</code>") +
           "</td><td class=\"rule\"><b>" + esc(f->rule_id) + "</b><br><span class=\"muted\">" + esc(rule ? rule->title : "") +
           "</span></td><td class=\"where\"><code>" + esc(f->arn.empty() ? f->resource : f->arn) +
           "</code><br><span class=\"muted\">" + esc(where_of(f->where)) + "</span></td><td>" + esc(f->message) + "<div class=\"remediation\">" +
           esc(rule ? rule->remediation : "") + "</div></td></tr>\n";
    }
    h += "</tbody></table>\n";
  }

  // Checks per area, one column per environment and view.
  h += "<h2 id=\"checks\">Checks by environment</h2>\n";
  if (tallies.empty()) {
    h += "<p class=\"muted\">No check ran on a resource.</p>\n";
  } else {
    h += "<p class=\"legend\"><span><i style=\"background:#2e9d57\"></i>passed</span>"
         "<span><i style=\"background:#d93a2b\"></i>failed</span><span><i style=\"background:#8e7cc3\"></i>waived</span>"
         "<span><i style=\"background:#c6cad3\"></i>undecided</span> Each cell: failed / all checks.</p>\n";
    std::map<std::string, std::vector<bool>> views;  // environment -> its views
    for (const auto& entry : tallies) views[entry.first.first].push_back(entry.first.second);
    h += "<table class=\"areas\">\n<thead><tr><th rowspan=\"2\">area</th>";
    for (const auto& [env, vs] : views)
      h += "<th colspan=\"" + std::to_string(vs.size()) + "\">" + esc(env.empty() ? "no environment" : env) + "</th>";
    h += "</tr>\n<tr>";
    for (const auto& [env, vs] : views)
      for (bool live : vs) {
        std::string list;
        for (const std::string& a : accounts[{env, live}]) list += (list.empty() ? "" : ", ") + a;
        h += std::string("<th>") + (live ? "deployed" : "declared") +
             (list.empty() ? "" : "<br><code class=\"id\">" + esc(list) + "</code>") + "</th>";
      }
    h += "</tr></thead>\n<tbody>\n";
    std::vector<std::pair<std::string, std::string>> rows(areas().begin(), areas().end());
    for (const auto& [code, name] : rows) {
      bool any = false;
      for (const auto& entry : tallies) any = any || entry.second.count(code);
      if (!any) continue;
      h += "<tr><td>" + esc(name) + "</td>";
      for (const auto& [env, vs] : views)
        for (bool live : vs) {
          const auto& by_area = tallies[{env, live}];
          auto it = by_area.find(code);
          if (it == by_area.end()) {
            h += "<td class=\"cell muted\">-</td>";
            continue;
          }
          const Tally& t = it->second;
          h += std::string("<td class=\"cell") + (t.fail ? " failed" : "") + "\" title=\"" + std::to_string(t.pass) +
               " passed, " + std::to_string(t.fail) + " failed, " + std::to_string(t.waived) + " waived, " +
               std::to_string(t.undecided) + " undecided\">" + bar(t) + std::to_string(t.fail) + " / " +
               std::to_string(t.total()) + "</td>";
        }
      h += "</tr>\n";
    }
    h += "</tbody></table>\n";
  }

  // Waivers, then every finding that does not count and why.
  h += "<h2 id=\"waived\">Waived and suppressed</h2>\n<h3>Waivers of the policy</h3>\n";
  if (result.effective.waivers.empty()) {
    h += "<p>The policy waives nothing.</p>\n";
  } else {
    h += "<table>\n<thead><tr><th>rule</th><th>resources</th><th>until</th><th>reason</th><th class=\"num\">findings "
         "waived</th></tr></thead>\n<tbody>\n";
    for (const policy::Waiver* w : result.effective.waivers) {
      size_t n = 0;
      for (const evaluate::Finding* f : suppressed)
        if (f->suppression.kind == evaluate::SuppressionKind::waiver && base::glob_match(w->rule, f->rule_id) &&
            base::glob_match(w->resource, f->resource))
          ++n;
      bool expired = !options.generated.empty() && w->until < options.generated;
      h += "<tr><td class=\"nowrap\">" + esc(w->rule) + "</td><td><code>" + esc(w->resource) + "</code></td><td" +
           (expired ? " class=\"expired\">" + esc(w->until) + " (expired)" : ">" + esc(w->until)) + "</td><td>" +
           esc(w->reason) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "<h3>Findings that do not count <span class=\"muted\">(" + std::to_string(suppressed.size()) + ")</span></h3>\n";
  if (suppressed.empty()) {
    h += "<p>None: no finding was waived, suppressed inline or held in a baseline.</p>\n";
  } else {
    const size_t cap = 1000;
    h += "<table>\n<thead><tr><th>how</th><th>rule</th><th>resource and location</th><th>reason</th><th>until</th>"
         "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < suppressed.size() && i < cap; ++i) {
      const evaluate::Finding* f = suppressed[i];
      bool expired = !f->suppression.expires.empty() && !options.generated.empty() &&
                     f->suppression.expires.view() < options.generated;
      h += "<tr><td>" + std::string(suppression_name(f->suppression.kind)) + "</td><td class=\"nowrap\"><b>" + esc(f->rule_id) +
           "</b></td><td><code>" + esc(f->arn.empty() ? f->resource : f->arn) + "</code><br><span class=\"muted\">" +
           esc(where_of(f->where)) + "</span></td><td>" +
           esc(f->suppression.justification.empty() ? "-" : f->suppression.justification.str()) + "</td><td" +
           (expired ? " class=\"expired\">" + esc(f->suppression.expires) + " (expired)"
                    : ">" + esc(f->suppression.expires.empty() ? "-" : f->suppression.expires.str())) +
           "</td></tr>\n";
    }
    more_row(h, std::min(cap, suppressed.size()), suppressed.size(), 5);
    h += "</tbody></table>\n";
  }

  // Warnings: expired or forbidden suppressions, modules not downloaded, ...
  h += "<h2 id=\"warnings\">Warnings</h2>\n";
  if (warnings.empty()) h += "<p>None.</p>\n";
  else diagnostics_table(h, warnings, "warning");
  if (!notes.empty()) {
    h += "<h2 id=\"notes\">Notes</h2>\n";
    diagnostics_table(h, notes, "note");
  }

  // What could not be evaluated.
  h += "<h2 id=\"undecided\">Not evaluated</h2>\n";
  if (undecided_by_rule.empty()) {
    h += "<p>Every check was decided.</p>\n";
  } else {
    h += "<p>Checks that needed a value known only at apply time, or an export the bundle does not hold. "
         "They are neither passes nor findings.</p>\n<table>\n<thead><tr><th>rule</th><th>title</th><th "
         "class=\"num\">undecided</th></tr></thead>\n<tbody>\n";
    for (const auto& [id, n] : undecided_by_rule) {
      const policy::Rule* rule = result.pack ? result.pack->rule(id) : nullptr;
      h += "<tr><td class=\"nowrap\">" + esc(id) + "</td><td>" + esc(rule ? rule->title : "") + "</td><td class=\"num\">" +
           std::to_string(n) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  // Inventories an export bundle lacks, per account and region it holds.
  if (!result.inventories.empty()) {
    std::set<std::pair<std::string, std::string>> places;
    std::set<std::string> types;
    for (const adapt::Inventory& inv : result.inventories) {
      if (!inv.account.empty() && !inv.region.empty()) places.insert({inv.account, inv.region});
      if (inv.type != "*") types.insert(inv.type);
    }
    std::string rows;
    for (const auto& [account, region] : places) {
      std::vector<std::string> missing;
      for (const std::string& t : types)
        if (!adapt::holds(result.inventories, t, account, region)) missing.push_back(t);
      if (missing.empty()) continue;
      std::string list;
      for (const std::string& t : missing) list += (list.empty() ? "" : ", ") + t;
      rows += "<tr><td><code class=\"id\">" + esc(account) + "</code></td><td style=\"white-space:nowrap\">" +
              esc(region) + "</td><td>" + esc(list) + "</td></tr>\n";
    }
    if (!rows.empty())
      h += "<h3>Exports missing from the bundle</h3>\n<p>Rules that need them are undecided for that account and "
           "region.</p>\n<table>\n<thead><tr><th>account</th><th>region</th><th>inventories not exported</th></tr>"
           "</thead>\n<tbody>\n" +
           rows + "</tbody></table>\n";
  }

  // Inputs that could not be read.
  if (!errors.empty()) {
    h += "<h2 id=\"errors\">Inputs that could not be read</h2>\n<table>\n<thead><tr><th>where</th><th>error</th></tr>"
         "</thead>\n<tbody>\n";
    for (const base::Diagnostic* d : errors)
      h += "<tr><td><code>" + esc(std::string(d->where.file)) +
           (d->where.line ? ":" + std::to_string(d->where.line) + ":" + std::to_string(d->where.column) : "") +
           "</code></td><td>" + esc(d->code) + ": " + esc(d->message) + "</td></tr>\n";
    h += "</tbody></table>\n";
  }
  h += drift_pages(result);
  // Last: each framework asked for (--framework) on a page of its own.
  for (const scan::FrameworkResult& fr : result.frameworks) h += framework_page(fr, result, accounts);
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace guardrail::report
