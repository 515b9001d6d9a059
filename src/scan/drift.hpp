#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "scan/scanner.hpp"

namespace guardrail::scan {

/// The rules drift findings carry (docs/drift.md).
inline constexpr std::string_view kDriftUnmanaged = "DRIFT-001";  // deployed, declared nowhere
inline constexpr std::string_view kDriftMissing = "DRIFT-002";    // declared, not deployed
inline constexpr std::string_view kDriftChanged = "DRIFT-003";    // deployed otherwise than declared
/// The three, in that order.
inline constexpr std::string_view kDriftRules[3] = {kDriftUnmanaged, kDriftMissing, kDriftChanged};

/// How one resource type is matched across the views and what of it is
/// compared: the table docs/drift.md prints.
struct DriftType {
  std::string type;
  /// The natural key, as each view may spell it (the export's
  /// `load_balancer_name` is the code's `name`): the first spelling a
  /// resource has is its key. Each is a `+`-joined list of attribute paths
  /// ("cluster_name+node_group_name", "tags.Name"); "" makes the type one
  /// per account and region (EBS encryption by default).
  std::vector<std::string> keys;
  /// Attributes some rule reads, compared by default ("vpc_config.endpoint_public_access").
  std::vector<std::string> compared;
  bool global = false;  // one namespace per account, not per region (IAM, CloudFront)
};

const std::vector<DriftType>& drift_types();

/// The three drift rules, added to `pack` when it lacks them (a scan, or
/// `guardrail explain DRIFT-001`); in the order of their IDs.
std::vector<const policy::Rule*> add_drift_rules(policy::Pack& pack);

/// Compares the declared view (Terraform, CloudFormation) with the deployed
/// one (AWS exports) of every environment that has both, and adds to
/// `result`: DRIFT-001/002/003 findings, a check record per resource judged
/// (undecided ones with their reason), the three rules to `rules_run`, and
/// one note per environment that counts what was matched and names the
/// types that were not compared. `all_attributes` compares every attribute
/// both sides know, not only the ones rules read.
void add_drift(ScanResult& result, bool all_attributes);

}  // namespace guardrail::scan
