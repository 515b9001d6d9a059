#pragma once
#include <map>
#include <string>
#include <vector>

#include "evaluate/context.hpp"
#include "evaluate/finding.hpp"
#include "adapt/aws_export.hpp"
#include "model/resource_set.hpp"
#include "policy/ast.hpp"
#include "policy/effective.hpp"

namespace guardrail::evaluate {

/// The outcome of one rule on one resource (its anchor: the resource the
/// rule's first `for` bound): failed when any assertion failed, undecided
/// when none failed but one could not be decided, else passed.
/// A scan holds one per rule and resource it applies to (millions in a large
/// export), so the text is interned: a rule's ID and the reasons, which
/// repeat ("tags are not in this output"), are 8 bytes each (48 bytes a
/// record, not 104).
struct CheckRecord {
  model::Key rule_id;
  /// The resource the check is about; null for one that could not be tied
  /// to a resource (its `for` source itself was not known).
  const model::Resource* resource = nullptr;
  Tri outcome = Tri::true_;
  /// Undecided: where the value that could not be known is, and why.
  Location where;
  model::Key reason;
};

/// What a message shows for a missing value (`{x}` where x is null).
inline constexpr const char* kNotSet = "(not set)";

struct RuleRun {
  std::vector<Finding> findings;
  std::vector<CheckRecord> checks;
  size_t undecided = 0;  // checks with the outcome unknown (each is in `checks`)
};

/// Runs rules over one view of the scan (docs/semantics.md, "evaluate"): every
/// combination of `for` bindings, `let`, `where` filters, then assertions,
/// each three-valued. A false assertion becomes a finding located at what
/// decided it (the attribute that failed; for a missing attribute the
/// variable it was read from); an unknown one is counted as undecided and
/// never reported. Only resources whose environment enforces the rule are
/// anchors; parameters take the anchor environment's values.
class Evaluator {
 public:
  /// `files`: the text files of the view, for rules that read raw text.
  Evaluator(const model::ResourceSet& resources, const policy::Effective& effective,
            std::vector<const base::SourceFile*> files = {});
  ~Evaluator();

  RuleRun run(const policy::Rule& rule);

  /// What an export bundle holds: a live resource's rules reading a type the
  /// bundle has no inventory of for its account and region are undecided,
  /// never findings (docs/semantics.md, "Partial export bundles").
  void set_inventories(const std::vector<adapt::Inventory>* inventories);

  /// The view holds only the folders of files named on the command line, not
  /// the estate: inventory() is false in it (docs/semantics.md, existence rules).
  void set_partial(bool partial);
  /// A manifest of the scan that could not be read, or all of it ("" when
  /// none): the Kubernetes objects it holds are missing from the lists of
  /// kinds, which are then incomplete (no HPA found is not no HPA).
  void set_unread_manifest(std::string path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guardrail::evaluate
