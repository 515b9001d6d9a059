#pragma once
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

struct MarkdownOptions {
  size_t max_findings = 50;  // listed one by one; the rest are counted
  /// Prefix for links to files ("https://github.com/o/r/blob/SHA/"); ""
  /// gives links relative to the scan root.
  std::string link_base;
};

/// A report short enough for a pull-request comment: totals, a table by
/// severity and one by rule, then the findings (capped) with links to file
/// and line, and what could not be read.
std::string render_markdown(const scan::ScanResult& result, const MarkdownOptions& options);

}  // namespace guardrail::report
