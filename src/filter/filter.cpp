#include "filter/filter.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/glob.hpp"
#include "base/intern.hpp"
#include "filter/baseline.hpp"
#include "filter/suppress.hpp"
#include "scan/scanner.hpp"

namespace guardrail::filter {
namespace {

/// An expired waiver no longer applies, and a warning says so.
void apply_waivers(scan::ScanResult& result, const std::string& now) {
  std::set<const policy::Waiver*> expired_warned;
  for (evaluate::Finding& f : result.findings) {
    for (const policy::Waiver* w : result.effective.waivers) {
      if (w->rule != f.rule_id || !base::glob_match(w->resource, f.resource)) continue;
      if (w->until >= now) {
        f.suppression = {evaluate::SuppressionKind::waiver, w->reason, w->until};
        break;
      }
      if (expired_warned.insert(w).second)
        result.diagnostics.push_back(base::warning(
            "waiver-expired", w->where,
            "the waiver of " + w->rule + " on \"" + w->resource + "\" expired on " + w->until +
                " and no longer applies"));
    }
  }
}

}  // namespace

/// A named-file scan reports findings in the named files only. One that
/// falls elsewhere (a module's file, a sibling's variable default) moves to
/// its resource's place in a named file (a module's call site, the resource
/// block), keeping where it fell as a related location; with no such place it
/// is not reported.
void keep_named(scan::ScanResult& result) {
  std::set<std::string_view> named;
  for (const scan::FileSummary& f : result.files)
    if (f.reported) named.insert(base::intern(f.path));
  // A variable or parameter file given on the command line is named: a value
  // in it is reported where it is written.
  for (const std::string& given : result.input_files) named.insert(base::intern(given));
  std::multimap<std::string_view, const model::Resource*> by_address;
  for (const model::Resource& r : result.resources) by_address.emplace(r.address, &r);
  std::erase_if(result.findings, [&](evaluate::Finding& f) {
    if (named.count(f.where.file)) return false;
    auto [begin, end] = by_address.equal_range(f.resource);
    for (auto it = begin; it != end; ++it) {
      const model::Resource& r = *it->second;
      for (const base::Location* place : {&r.location, &r.call_site}) {
        if (!place->known() || !named.count(place->file)) continue;
        if (!f.secret) f.related.insert(f.related.begin(), {f.where, "where it is set, in a file not named"});
        if (f.secret) {
          // The secret stays hidden where it is written; the place the
          // finding moves to (a module call) holds none to mask.
          result.secret_places.push_back(f.where);
          f.secret = false;
        }
        f.where = *place;
        return false;
      }
    }
    return true;
  });
  std::sort(result.findings.begin(), result.findings.end());
}

void filter_findings(scan::ScanResult& result, const FilterOptions& options) {
  // Waivers, inline suppressions and the baseline judge a finding where it
  // falls, before a named-file scan moves it to the named file (a module's
  // finding to its call): a pre-commit run gives it the verdict a scan of
  // the repository gives.
  apply_waivers(result, options.now);
  apply_suppressions(result, {options.now, options.report_unused_suppressions});
  if (!options.baseline.empty()) apply_baseline(result, options.baseline);
  if (result.named_files) {
    keep_named(result);
  } else {
    std::set<std::string_view> unreported;
    for (const scan::FileSummary& f : result.files)
      if (!f.reported) unreported.insert(base::intern(f.path));
    std::erase_if(result.findings, [&](const evaluate::Finding& f) { return unreported.count(f.where.file) > 0; });
  }
}

}  // namespace guardrail::filter
