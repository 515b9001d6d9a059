#include "filter/filter.hpp"

#include <algorithm>
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

void filter_findings(scan::ScanResult& result, const FilterOptions& options) {
  std::set<std::string_view> unreported;
  for (const scan::FileSummary& f : result.files)
    if (!f.reported) unreported.insert(base::intern(f.path));
  std::erase_if(result.findings, [&](const evaluate::Finding& f) { return unreported.count(f.where.file) > 0; });
  apply_waivers(result, options.now);
  apply_suppressions(result, {options.now, options.report_unused_suppressions});
  if (!options.baseline.empty()) apply_baseline(result, options.baseline);
}

}  // namespace guardrail::filter
