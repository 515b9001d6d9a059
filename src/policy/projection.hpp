#pragma once
#include <set>
#include <string>

#include "policy/pack.hpp"

namespace guardrail::policy {

/// What the rules of a pack can read (DESIGN.md, "projection"): the resource
/// types they name and the attribute names their paths use. A loader of a
/// large export keeps only those while parsing. Conservative: a name read
/// anywhere counts for every type, and a rule that reads a resource as a
/// whole (`keys(r)`, `to_string(r)`, a member named by a computed key) or
/// ranges over every AWS resource turns the projection off.
struct Projection {
  bool everything = false;
  std::set<std::string> types;
  std::set<std::string> attributes;

  bool keeps_type(const std::string& type) const { return everything || types.count(type) > 0; }
  bool keeps_attribute(const std::string& name) const { return everything || attributes.count(name) > 0; }
};

Projection projection(const Pack& pack);

}  // namespace guardrail::policy
