#include "report/html.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/glob.hpp"
#include "report/sarif.hpp"

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
      {"SEC", "Secrets and IAM"}, {"OBS", "Observability"}, {"COST", "Cost"},      {"DR", "Disaster recovery"}};
  return kAreas;
}

std::string area_of(const std::string& rule_id) { return rule_id.substr(0, rule_id.find('-')); }

struct Tally {
  size_t pass = 0, fail = 0, waived = 0, undecided = 0;
  size_t total() const { return pass + fail + waived + undecided; }
};

/// A horizontal stacked bar per area: pass, fail, waived, undecided.
std::string chart(const std::map<std::string, Tally>& by_area) {
  std::vector<std::pair<std::string, Tally>> rows;
  for (const auto& [code, name] : areas()) {
    auto it = by_area.find(code);
    if (it != by_area.end() && it->second.total() > 0) rows.emplace_back(name, it->second);
  }
  if (rows.empty()) return "<p class=\"muted\">No checks ran here.</p>\n";
  const int label = 150, width = 520, row_h = 22, height = static_cast<int>(rows.size()) * row_h + 24;
  std::string svg = "<svg class=\"chart\" role=\"img\" aria-label=\"checks per area\" width=\"" +
                    std::to_string(label + width + 70) + "\" height=\"" + std::to_string(height) +
                    "\" viewBox=\"0 0 " + std::to_string(label + width + 70) + " " + std::to_string(height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  int y = 4;
  for (const auto& row : rows) {
    const auto& name = row.first;
    const auto& t = row.second;  // captured below: no structured binding (clang 14)
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 14) + "\" class=\"label\">" + esc(name) + "</text>\n";
    double x = label;
    auto part = [&](size_t n, const char* cls, const char* what) {
      if (n == 0) return;
      double w = width * static_cast<double>(n) / static_cast<double>(t.total());
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"%s\"><title>%zu %s</title></rect>\n",
                    x, y, std::max(w, 1.0), cls, n, what);
      svg += buf;
      x += w;
    };
    part(t.pass, "pass", "passed");
    part(t.fail, "fail", "failed");
    part(t.waived, "waived", "waived");
    part(t.undecided, "undecided", "undecided");
    svg += "<text x=\"" + std::to_string(label + width + 6) + "\" y=\"" + std::to_string(y + 13) +
           "\" class=\"count\">" + std::to_string(t.fail) + " / " + std::to_string(t.total()) + "</text>\n";
    y += row_h;
  }
  svg += "</svg>\n";
  return svg;
}

const char* kStyle = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 0; background: #f5f6f8; }
header { background: #1d2330; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 22px; } header p { margin: 4px 0 0; color: #c4c9d4; }
main { padding: 8px 32px 40px; max-width: 1280px; }
h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 2px solid #d9dce3; padding-bottom: 4px; }
h3 { margin: 18px 0 8px; font-size: 15px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 16px; }
.card { background: #fff; border-radius: 6px; padding: 10px 16px; min-width: 110px; box-shadow: 0 1px 2px #0001; }
.card b { display: block; font-size: 22px; } .card span { color: #5b6372; font-size: 12px; text-transform: uppercase; }
.card.bad b { color: #b3261e; } .card.good b { color: #1b7f3b; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 14px; box-shadow: 0 1px 2px #0001; }
th, td { text-align: left; padding: 5px 9px; border-bottom: 1px solid #e6e8ec; vertical-align: top; }
th { background: #eef0f4; font-weight: 600; font-size: 12px; text-transform: uppercase; color: #414857; }
td.num, th.num { text-align: right; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
code.id { word-break: normal; white-space: nowrap; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; }
.sev.critical { background: #7a0f0a; } .sev.high { background: #b3261e; } .sev.medium { background: #c96a00; }
.sev.low { background: #5b6372; } .sev.info { background: #8a93a3; }
.env { background: #fff; border-radius: 6px; padding: 4px 16px 10px; margin: 14px 0; box-shadow: 0 1px 2px #0001; }
.chart .label { font-size: 12px; fill: #1d2330; } .chart .count { font-size: 11px; fill: #5b6372; }
.chart .pass { fill: #2e9d57; } .chart .fail { fill: #d93a2b; } .chart .waived { fill: #8e7cc3; } .chart .undecided { fill: #c6cad3; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.expired { color: #b3261e; font-weight: 600; } .muted { color: #6b7280; }
.remediation { color: #414857; font-size: 13px; }
)";

}  // namespace

std::string render_html(const scan::ScanResult& result, const HtmlOptions& options) {
  // Outcomes per check, and findings per (rule, resource) to tell waived from failed.
  std::map<std::pair<std::string, std::string>, bool> waived_finding;  // (rule, address) -> all its findings waived
  for (const evaluate::Finding& f : result.findings) {
    auto [it, fresh] = waived_finding.try_emplace({f.rule_id, f.resource}, f.suppressed());
    if (!fresh) it->second = it->second && f.suppressed();
  }
  using Place = std::pair<std::string, std::string>;  // environment, account
  std::map<Place, std::map<std::string, Tally>> tallies;
  std::map<std::string, size_t> undecided_by_rule;
  Tally total;
  for (const evaluate::CheckRecord& c : result.checks) {
    if (!c.resource) continue;
    Place place{c.resource->environment.empty() ? "(unknown)" : c.resource->environment, c.resource->account};
    Tally& t = tallies[place][area_of(c.rule_id)];
    if (c.outcome == evaluate::Tri::true_) {
      ++t.pass;
      ++total.pass;
    } else if (c.outcome == evaluate::Tri::unknown) {
      ++t.undecided;
      ++total.undecided;
      ++undecided_by_rule[c.rule_id];
    } else if (auto w = waived_finding.find({c.rule_id, c.resource->address}); w != waived_finding.end() && w->second) {
      ++t.waived;
      ++total.waived;
    } else {
      ++t.fail;
      ++total.fail;
    }
  }
  size_t active = 0, waived = 0;
  for (const evaluate::Finding& f : result.findings) (f.suppressed() ? waived : active) += 1;

  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>guardrail report</title>\n<style>" +
                  std::string(kStyle) + "</style>\n</head>\n<body>\n";
  std::string policy = result.effective.policy ? result.effective.policy->name : "(no policy)";
  h += "<header><h1>guardrail: compliance report</h1><p>Policy <b>" + esc(policy) + "</b> · judged on " +
       esc(options.generated) + " · " + std::to_string(result.files.size()) + " files, " +
       std::to_string(result.resources.size()) + " resources, " + std::to_string(result.rules_run.size()) +
       " rules</p></header>\n<main>\n";
  auto card = [&](size_t n, const char* what, const char* cls) {
    h += "<div class=\"card " + std::string(cls) + "\"><b>" + std::to_string(n) + "</b><span>" + what + "</span></div>\n";
  };
  h += "<div class=\"cards\">\n";
  card(active, "findings", active ? "bad" : "good");
  card(total.pass, "checks passed", "good");
  card(total.fail, "checks failed", total.fail ? "bad" : "");
  card(waived, "waived", "");
  card(result.undecided, "undecided", "");
  card(result.error_count(), "input errors", result.error_count() ? "bad" : "");
  h += "</div>\n";

  // Per environment and account.
  h += "<h2>By environment and account</h2>\n<p class=\"legend\"><span><i style=\"background:#2e9d57\"></i>passed</span>"
       "<span><i style=\"background:#d93a2b\"></i>failed</span><span><i style=\"background:#8e7cc3\"></i>waived</span>"
       "<span><i style=\"background:#c6cad3\"></i>undecided</span></p>\n";
  for (const auto& [place, by_area] : tallies) {
    Tally sum;
    for (const auto& [a, t] : by_area) {
      sum.pass += t.pass;
      sum.fail += t.fail;
      sum.waived += t.waived;
      sum.undecided += t.undecided;
    }
    h += "<section class=\"env\"><h3>" + esc(place.first) +
         (place.second.empty() ? "" : " · account <code>" + esc(place.second) + "</code>") + "</h3>\n";
    h += "<p>" + std::to_string(sum.pass) + " passed, <b>" + std::to_string(sum.fail) + " failed</b>, " +
         std::to_string(sum.waived) + " waived, " + std::to_string(sum.undecided) + " undecided</p>\n";
    h += chart(by_area);
    h += "</section>\n";
  }

  // Failing resources.
  h += "<h2>Failing resources</h2>\n";
  if (active == 0) {
    h += "<p>None.</p>\n";
  } else {
    std::vector<const evaluate::Finding*> list;
    for (const evaluate::Finding& f : result.findings)
      if (!f.suppressed()) list.push_back(&f);
    std::stable_sort(list.begin(), list.end(), [](const evaluate::Finding* a, const evaluate::Finding* b) {
      return std::tie(a->environment, b->severity) < std::tie(b->environment, a->severity);
    });
    h += "<table>\n<tr><th>env</th><th>severity</th><th>rule</th><th>resource</th><th>finding and remediation</th></tr>\n";
    for (const evaluate::Finding* f : list) {
      const policy::Rule* rule = result.pack ? result.pack->rule(f->rule_id) : nullptr;
      std::string sev(evaluate::to_string(f->severity));
      h += "<tr><td>" + esc(f->environment.empty() ? "-" : f->environment) + "</td><td><span class=\"sev " + sev +
           "\">" + sev + "</span></td><td><b>" + esc(f->rule_id) + "</b><br><span class=\"muted\">" +
           esc(rule ? rule->title : "") + "</span></td><td><code>" + esc(f->arn.empty() ? f->resource : f->arn) +
           "</code><br><span class=\"muted\">" + esc(std::string(f->where.file)) + ":" + std::to_string(f->where.line) +
           "</span></td><td>" + esc(f->message) + "<div class=\"remediation\">" +
           esc(rule ? rule->remediation : "") + "</div></td></tr>\n";
    }
    h += "</table>\n";
  }

  // Waivers.
  h += "<h2>Waivers</h2>\n";
  if (result.effective.waivers.empty()) {
    h += "<p>The policy waives nothing.</p>\n";
  } else {
    h += "<table>\n<tr><th>rule</th><th>resources</th><th>until</th><th>reason</th><th class=\"num\">findings waived</th></tr>\n";
    for (const policy::Waiver* w : result.effective.waivers) {
      size_t n = 0;
      for (const evaluate::Finding& f : result.findings)
        if (f.suppressed() && base::glob_match(w->rule, f.rule_id) && base::glob_match(w->resource, f.resource)) ++n;
      bool expired = !options.generated.empty() && w->until < options.generated;
      h += "<tr><td>" + esc(w->rule) + "</td><td><code>" + esc(w->resource) + "</code></td><td" +
           (expired ? " class=\"expired\">" + esc(w->until) + " (expired)" : ">" + esc(w->until)) + "</td><td>" +
           esc(w->reason) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    }
    h += "</table>\n";
  }

  // What could not be evaluated.
  h += "<h2>Not evaluated</h2>\n";
  if (undecided_by_rule.empty()) {
    h += "<p>Every check was decided.</p>\n";
  } else {
    h += "<p>Checks that needed a value known only at apply time, or an export the bundle does not hold. "
         "They are neither passes nor findings.</p>\n<table>\n<tr><th>rule</th><th>title</th><th class=\"num\">undecided</th></tr>\n";
    for (const auto& [id, n] : undecided_by_rule) {
      const policy::Rule* rule = result.pack ? result.pack->rule(id) : nullptr;
      h += "<tr><td>" + esc(id) + "</td><td>" + esc(rule ? rule->title : "") + "</td><td class=\"num\">" +
           std::to_string(n) + "</td></tr>\n";
    }
    h += "</table>\n";
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
      rows += "<tr><td><code class=\"id\">" + esc(account) + "</code></td><td style=\"white-space:nowrap\">" + esc(region) + "</td><td>" + esc(list) + "</td></tr>\n";
    }
    if (!rows.empty())
      h += "<h3>Exports missing from the bundle</h3>\n<p>Rules that need them are undecided for that account and region.</p>\n"
           "<table>\n<tr><th>account</th><th>region</th><th>inventories not exported</th></tr>\n" + rows + "</table>\n";
  }

  // Inputs that could not be read.
  std::vector<const base::Diagnostic*> errors;
  for (const base::Diagnostic& d : result.diagnostics)
    if (d.level == base::Level::error) errors.push_back(&d);
  if (!errors.empty()) {
    h += "<h2>Inputs that could not be read</h2>\n<table>\n<tr><th>where</th><th>error</th></tr>\n";
    for (const base::Diagnostic* d : errors)
      h += "<tr><td><code>" + esc(std::string(d->where.file)) +
           (d->where.line ? ":" + std::to_string(d->where.line) + ":" + std::to_string(d->where.column) : "") +
           "</code></td><td>" + esc(d->code) + ": " + esc(d->message) + "</td></tr>\n";
    h += "</table>\n";
  }
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace guardrail::report
