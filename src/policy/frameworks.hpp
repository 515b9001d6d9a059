#pragma once
// Compliance frameworks: the controls of a standard (AWS Foundational
// Security Best Practices, CIS AWS Foundations, NIST SP 800-53, the Pod
// Security Standards) and the rules that decide each of them. The shipped
// ones are frameworks/<id>.json, compiled into the binary; a user's is a
// file of the same form (docs/frameworks.md).

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "model/value.hpp"
#include "policy/pack.hpp"

namespace re2 {
class RE2;
}

namespace guardrail::policy {

/// How much of a control its rules decide.
enum class Mapping { full, partial, none };

std::string_view to_string(Mapping mapping);

/// A value a control fixes. `rule` is set when the setting is a rule's
/// parameter ("EKS-004.min_azs"): the policy in force is compared with it.
/// Otherwise (`rule` empty) it is the control's own figure, shown to the
/// reader ("days_to_expiration": 30).
struct ControlParameter {
  std::string rule, name;
  model::Value value;
};

struct Control {
  std::string id;
  std::string display;  // how the standard prints the ID (NIST's "AC-6(9)"); else the ID
  std::string title;
  Mapping mapping = Mapping::none;
  std::vector<std::string> rules;
  std::vector<ControlParameter> parameters;
  std::vector<std::string> resource_types;
  std::string level;  // a profile or level of the standard ("Level 1", "restricted")
  std::string note;
  std::vector<std::string> related;      // rules that concern it without deciding it
  std::vector<std::string> references;   // the same control in other standards (Security Hub IDs)
  std::vector<std::string> enhancements;  // NIST control enhancements the evidence also serves
  /// A rule that checks several things decides this control only by the
  /// findings whose message matches (RE2, unanchored): EDGE-003's "no AWS WAF
  /// web ACL" fails CloudFront.6, not CloudFront.3. Its other findings are
  /// passes here. Rules not named count by every finding.
  std::map<std::string, std::shared_ptr<re2::RE2>> findings;
  base::Location where;                  // the control's "id"
};

struct Framework {
  std::string id;  // what --framework names: "fsbp"
  std::string title, version, scope;
  std::vector<Control> controls;
  std::string path;  // "frameworks/fsbp.json", or the user's file
};

/// The IDs of the shipped frameworks, sorted.
std::vector<std::string> builtin_framework_ids();

/// Whether `name` names a framework file rather than a shipped framework:
/// not a shipped ID, and it holds a '/' or a '.' ("my.json", "compliance/x").
bool is_framework_file(std::string_view name);

/// Reads a framework: the ID of a shipped one, or the path of a JSON file.
/// Every mistake (bad JSON, a missing or mistyped field, a repeated control
/// ID, a rule the pack lacks, a parameter its rule does not have) is an
/// error located in the file; null when there were any, or `name` is
/// neither (then the error names the shipped ones).
std::unique_ptr<Framework> load_framework(std::string_view name, const Pack& pack, base::Diagnostics& diagnostics);

/// The same from text already read (tests; `path` is shown in errors).
std::unique_ptr<Framework> parse_framework(const base::SourceFile& file, const Pack& pack,
                                           base::Diagnostics& diagnostics);

}  // namespace guardrail::policy
