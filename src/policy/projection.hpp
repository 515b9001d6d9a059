#pragma once
#include <map>
#include <set>
#include <string>

#include "policy/pack.hpp"

namespace guardrail::policy {

/// What the rules of a pack can read of AWS resources (docs/semantics.md,
/// "projection"): the resource types they name and the attribute names
/// their paths use. A loader of a large export keeps only those while
/// parsing. Only checks that range over AWS resources count (a Kubernetes
/// check's leaves() says nothing about exports). Conservative: a name read
/// anywhere counts for every type; a check that reads a resource as a whole
/// (`keys(r)`, `leaves(r)`, `to_string(r)`, a member named by a computed key)
/// keeps every attribute of the types it names, and of every type when it
/// does not name them (over `aws_resource`, through resource()); one over
/// `aws_resource` keeps every type.
struct Projection {
  bool everything = false;  // every attribute of every type
  bool all_types = false;   // every AWS type
  std::set<std::string> types;
  std::set<std::string> attributes;  // read of some type
  /// Types some check reads as a whole: every attribute of them is kept.
  std::set<std::string> whole_types;
  /// Finer: the attributes read of each type a check names, and those read
  /// where the type is not known (over aws_resource, through resource()).
  std::map<std::string, std::set<std::string>> by_type;
  std::set<std::string> common;
  bool dynamic = false;  // (while walking) the check reaches resources through resource()
  bool whole = false;    // (while walking) the check reads a resource as a whole

  /// Whether an attribute of a type can be read by some rule.
  bool keeps(const std::string& type, const std::string& attribute) const {
    if (everything || common.count(attribute) || whole_types.count(type)) return true;
    auto it = by_type.find(type);
    return it != by_type.end() && it->second.count(attribute) > 0;
  }

  bool keeps_type(const std::string& type) const { return everything || all_types || types.count(type) > 0; }
  /// Whether some type's attribute of this name can be read (any name, when
  /// some type is read whole).
  bool keeps_attribute(const std::string& name) const {
    return everything || !whole_types.empty() || attributes.count(name) > 0;
  }
};

Projection projection(const Pack& pack);

}  // namespace guardrail::policy
