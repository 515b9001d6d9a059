#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/source_file.hpp"
#include "evaluate/rvalue.hpp"
#include "adapt/aws_export.hpp"
#include "model/resource_set.hpp"

namespace re2 {
class RE2;
}

namespace guardrail::evaluate {

/// Three-valued truth.
enum class Tri : uint8_t { false_, true_, unknown };

/// What built-in functions and the evaluator share about one view of the
/// scan: its resources, how identities compare, compiled regexes.
class Context {
 public:
  Context(const model::ResourceSet& resources, std::vector<const base::SourceFile*> files)
      : resources_(resources), files_(std::move(files)) {}

  const model::ResourceSet& resources() const { return resources_; }
  /// The text files of this view (for rules that read text, not documents:
  /// access keys in comments).
  const std::vector<const base::SourceFile*>& files() const { return files_; }

  /// The resource a value names: itself, the target of a reference, or the
  /// resource known by an ID/ARN string. nullptr when it names none.
  const model::Resource* named_resource(const RValue& v) const;

  /// How a value compares in joins (docs/semantics.md, "identity"): a resource, a
  /// reference to it and its ID or ARN all have the same key; other strings
  /// are themselves. nullopt for an unknown value.
  std::optional<std::string> identity_key(const RValue& v) const;
  /// identity_key(a) == identity_key(b) for two different strings, without
  /// building the keys (the evaluator's most frequent comparison).
  bool same_identity(const RValue& a, const RValue& b) const;

  /// The Kubernetes scope (cluster) of the check being evaluated: lookups of
  /// Kubernetes objects by name stay inside it.
  const std::string& scope() const { return scope_; }
  void set_scope(std::string scope) { scope_ = std::move(scope); }

  /// Where a reference is resolved: the scope of the resource it was read
  /// from (a Terraform root, a cluster), else the check's.
  const std::string& reference_scope(const RValue& v) const;

  /// What an export bundle holds (live views only; null in IaC, which is
  /// complete by nature), for inventory() and incomplete type lists.
  const std::vector<adapt::Inventory>* inventories = nullptr;
  /// An IaC view that holds only the folders of named files (pre-commit):
  /// inventory() is false, so what may lie elsewhere in the estate is undecided.
  bool partial = false;

  /// The pack's data tables (policy::Effective::tables), for table().
  const std::map<std::string, model::Value>* tables = nullptr;

  /// A regex compiled once per pattern; nullptr when the pattern is invalid.
  const re2::RE2* regex(const std::string& pattern);

 private:
  const model::ResourceSet& resources_;
  std::vector<const base::SourceFile*> files_;
  std::string scope_;
  std::map<std::string, std::shared_ptr<re2::RE2>> regexes_;
};

/// The truth of a value in a condition: a bool; "true"/"false" strings (as
/// CloudFormation writes them); null is false; unknown is unknown; any other
/// value is true.
Tri truth(const RValue& v);

/// Three-valued equality with identity semantics for references, resources
/// and IDs; numbers equal numeric strings ("5432" == 5432), as templates
/// often quote ports.
Tri equal(const Context& ctx, const RValue& a, const RValue& b);

/// Three-valued ordering: numbers (or numeric strings) numerically, strings
/// by bytes; anything against null is false.
Tri less(const RValue& a, const RValue& b);

/// The number a value holds (numbers, numeric strings), or nullopt.
std::optional<double> as_number(const RValue& v);

}  // namespace guardrail::evaluate
