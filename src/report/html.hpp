#pragma once
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

struct HtmlOptions {
  std::string generated;  // the date the report is for (YYYY-MM-DD)
};

/// The auditor's report: one self-contained HTML file (inline CSS and SVG,
/// no scripts, no fonts, nothing fetched) that a person reads. Per
/// environment and account, pass/fail/waived/undecided counts per area of
/// docs/semantics.md with a bar chart; every failing resource with its ARN (or
/// address), location, message and the rule's remediation; the policy's
/// waivers with reason and expiry, expired ones flagged; what could not be
/// evaluated (undecided checks per rule, inventories the export bundle lacks);
/// inputs that could not be read.
std::string render_html(const scan::ScanResult& result, const HtmlOptions& options);

}  // namespace guardrail::report
