#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.hpp"
#include "model/value.hpp"

namespace guardrail::model {

/// Where a resource was described.
enum class SourceKind : uint8_t { terraform, terraform_plan, cloudformation, kubernetes, dockerfile, aws_export };

/// IaC and live exports are two views of one estate; rules over several
/// resources never mix them (docs/semantics.md, "Two views, never mixed").
enum class View : uint8_t { iac, live };

std::string_view to_string(SourceKind kind);
View view_of(SourceKind kind);

/// One thing a rule can judge: an AWS resource in the canonical (Terraform)
/// vocabulary, a Kubernetes object, a Dockerfile stage.
/// Text that many resources share (a type, an account, a region, an
/// environment, a root's folder) is held interned: 8 bytes, no heap block.
struct Resource {
  Key type;             // "aws_vpc", "Deployment", "dockerfile_stage"
  std::string address;  // what users write in waivers: "aws_vpc.main", "Deployment/web/api"
  Key environment;  // "" when unknown
  Key account, region;
  /// Kubernetes only: the cluster the object belongs to ("prod",
  /// "prod/us-west-2"). Names repeat across clusters, so rules join
  /// Kubernetes objects within one scope. "" for everything else.
  Key scope;
  /// The path that decides the environment when the file's own does not: a
  /// Terraform module's resources take their root module's folder.
  Key origin;
  Value attrs;              // a map
  Location location;        // the resource's first line (block header, `metadata`, element)
  /// A Terraform module's resource: the root module's `module` block that
  /// calls it (where a named-file scan reports it); unknown elsewhere.
  Location call_site;
  /// Names other resources use for this one in joins: its address in IaC, its
  /// ID and ARN live. The first is its identity.
  std::vector<std::string> ids;
  SourceKind source = SourceKind::kubernetes;  // beside the flags: one 8-byte word for all five
  /// False for files read only as context of a named file (pre-commit): their
  /// resources join, but findings on them are not reported.
  bool reported = true;
  /// An export said the resource exists but not what it is (a list-*
  /// output): its attributes are unknown, not absent.
  bool partial = false;
  /// Terraform: its count or for_each is known only at apply time, so this
  /// one stands for an unknown number of instances; CloudFormation: its
  /// Condition is decided at deploy. Lists of its type are incomplete (counts
  /// unknown), and what it fails is undecided (it may not exist).
  bool uncounted = false;
  /// An export whose output does not name the resource (get-detector,
  /// get-trail-status) took its identity from the file name; when the file
  /// name names no resource (it is the service's or the command's:
  /// guardduty-status.json), it describes the one of its type and place.
  bool named_by_file = false;
  /// An export described it as being deleted (DELETING, terminated, failed):
  /// kept only until the exports are merged, so that a listing of it (a
  /// list-* output's name) goes with it rather than standing for it.
  bool gone = false;
  /// CloudFormation: the template's transform that adds to it when deployed
  /// (an account's macro), or "". What it adds is not in the scan, so a
  /// check anchored on this resource finds every list of resources
  /// incomplete: counts and existence are unknown, not zero.
  Key macro;
  /// Terraform's `lifecycle { ignore_changes = [...] }`: the top-level
  /// attributes the code lets change after creation ("*" for all). Drift
  /// does not report them.
  std::vector<std::string> ignore_changes;
  /// The resource's own suppressions as written (none when null):
  /// CloudFormation's `Metadata.guardrail.ignore`, the Kubernetes annotation
  /// `guardrail.io/ignore`. filter/ reads them. A pointer, not a Value: few
  /// resources have any, and a 370,000-resource export keeps 15 MB less.
  std::shared_ptr<const Value> suppressions;

  View view() const { return view_of(source); }
  const std::string& identity() const { return ids.empty() ? address : ids.front(); }
};

/// Why a resource whose existence is decided only at deploy (`uncounted`)
/// may not exist, after "its ": "count or for_each is known only at apply:
/// it may have no instance", or its CloudFormation Condition. What it fails
/// is undecided, what it adds to another is unknown there, and drift does
/// not call it missing.
std::string_view may_not_exist_reason(const Resource& r);

}  // namespace guardrail::model
