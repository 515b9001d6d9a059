#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.hpp"
#include "model/value.hpp"

namespace guardrail::evaluate {

/// How much a finding matters, in increasing order.
enum class Severity : uint8_t { info, low, medium, high, critical };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// A second place a finding concerns (the other VPC of an overlap).
struct Related {
  base::Location where;
  std::string message;
};

/// Why a finding does not count against the run.
enum class SuppressionKind : uint8_t { none, inline_comment, waiver, baseline };

/// Its text is interned: one waiver or baseline suppresses many findings.
struct Suppression {
  SuppressionKind kind = SuppressionKind::none;
  model::Key justification;
  model::Key expires;  // YYYY-MM-DD or ""
};

/// One thing a rule found wrong, located at the attribute that is wrong.
/// The text that repeats from finding to finding (rule, type, environment,
/// account, baseline state) is interned, 8 bytes each: a large export gives
/// hundreds of thousands of findings.
struct Finding {
  model::Key rule_id;
  Severity severity = Severity::medium;
  std::string message;
  base::Location where;
  std::vector<Related> related;
  std::string resource;  // the resource's address (logical location)
  /// The root the resource was evaluated in (a Terraform module's resources
  /// have one address in every root that calls it), or "".
  model::Key origin;
  model::Key resource_type;  // its type ("aws_db_instance"), when the finding has a resource
  std::string arn;       // for live resources, when known
  model::Key environment;
  model::Key account;  // the resource's AWS account, when known
  /// Found in a live export (deployed), not in infrastructure as code (declared).
  bool live = false;
  Suppression suppression;
  /// The attribute at `where` holds a secret: every output masks its value
  /// (docs/semantics.md, SEC-004). Set for rules tagged "secret".
  bool secret = false;
  /// With a baseline: "new" or "unchanged" (SARIF baselineState); else "".
  model::Key baseline_state;

  bool suppressed() const { return suppression.kind != SuppressionKind::none; }
};

/// Orders findings as every report prints them: path (bytes), line, column,
/// rule, message.
bool operator<(const Finding& a, const Finding& b);

}  // namespace guardrail::evaluate
