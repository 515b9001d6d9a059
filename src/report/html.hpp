#pragma once
#include <string>
#include <vector>

#include "scan/scanner.hpp"

namespace guardrail::report {

struct HtmlOptions {
  std::string generated;            // the date the report is for (YYYY-MM-DD)
  std::string version;              // guardrail's version
  std::vector<std::string> paths;   // what was scanned, as given
  std::string commit;               // the repository's commit, when known
};

/// The auditor's report: one self-contained HTML file (inline CSS and SVG,
/// no scripts, no fonts, nothing fetched) that a person reads on screen or
/// prints. What failed comes first: a summary with the findings per
/// severity, then every finding, declared (infrastructure as code) and
/// deployed (live exports) apart, with environment, account, location,
/// message and the rule's remediation. Then the checks per area for each
/// environment and view; the policy's waivers (expired ones flagged) and
/// every suppressed finding with how and why; warnings; what could not be
/// evaluated (undecided checks per rule, inventories the export bundle
/// lacks); inputs that could not be read.
std::string render_html(const scan::ScanResult& result, const HtmlOptions& options);

}  // namespace guardrail::report
