#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"

namespace guardrail::scan {
struct ScanResult;
}

namespace guardrail::filter {

/// One inline suppression: `# guardrail:ignore NET-009,NET-010 until
/// 2027-01-31 the reason` in a comment, or an entry of a resource's own list
/// (CloudFormation `Metadata.guardrail.ignore`, the Kubernetes annotation
/// `guardrail.io/ignore`).
struct InlineSuppression {
  std::vector<std::string> rules;
  std::string until;   // YYYY-MM-DD or ""
  std::string reason;
  base::Location where;  // the directive
  /// What it covers: findings in `file` on `line` (0: no line), or on one of
  /// `resources` (a comment above a resource's first line, a resource's own
  /// list).
  std::string_view file;
  uint32_t line = 0;
  std::set<std::string> resources;
};

/// Parses the text after `guardrail:ignore`: `RULE[,RULE...] [until
/// YYYY-MM-DD] reason`. Fills rules, until and reason; false with `error`
/// set when the text names no rule or the date is not one (a missing reason
/// is not a parse error: the caller reports it).
bool parse_directive(std::string_view text, InlineSuppression& out, std::string& error);

/// Every inline suppression of the scanned files and resources; directives
/// that cannot be read become warnings in `diagnostics`.
std::vector<InlineSuppression> collect_suppressions(const scan::ScanResult& result, base::Diagnostics& diagnostics);

struct SuppressOptions {
  std::string now;  // YYYY-MM-DD: suppressions until an earlier day are expired
  bool report_unused = false;
};

/// Marks the findings that inline suppressions cover (kind inline_comment),
/// and warns (code `suppression`) about suppressions without a reason, of
/// unknown rules, expired, forbidden by the policy (`forbid inline`), and,
/// with `report_unused`, those that suppressed nothing. Those warned about
/// do not apply.
void apply_suppressions(scan::ScanResult& result, const SuppressOptions& options);

}  // namespace guardrail::filter
