#pragma once
#include <string>

namespace guardrail::scan {
struct ScanResult;
}

namespace guardrail::filter {

struct FilterOptions {
  std::string now;       // YYYY-MM-DD: waivers and suppressions until an earlier day are expired
  std::string baseline;  // a baseline file, or ""
  bool report_unused_suppressions = false;
};

/// What happens to the findings after the rules ran, in this order: findings
/// in files read only as context (pre-commit) are dropped; the policy's
/// waivers, then inline suppressions, then the baseline mark the ones that
/// do not count. Findings must be sorted (fingerprints number them in order).
void filter_findings(scan::ScanResult& result, const FilterOptions& options);

}  // namespace guardrail::filter
