#pragma once
#include <memory>
#include <string>
#include <vector>

#include "base/location.hpp"
#include "model/value.hpp"

namespace guardrail::load::hcl {

using base::Location;

enum class ExprKind : uint8_t {
  literal,      // number, bool, null, or a string without interpolations
  template_,    // a string with interpolations or directives
  variable,     // name
  call,         // name(args...), expand_last for f(list...)
  tuple,        // [a, b]
  object,       // {k = v}: children alternate key, value
  for_tuple,    // [for k, v in coll : value if cond]
  for_object,   // {for k, v in coll : key => value... if cond}
  get_attr,     // base.name
  index,        // base[key]
  splat,        // base[*].a[0] (full) or base.*.a (attribute): traversal after it
  unary,        // !x, -x
  binary,       // x op y
  conditional,  // c ? a : b
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// A step after a splat: `.name`, `[key]`, or a nested `[*]` that applies
/// the steps after it to each element.
struct Step {
  std::string attr;  // "" for an index or splat step
  ExprPtr index;     // null for an attribute or splat step
  bool splat = false;
};

/// One piece of a template: literal text, an interpolation, or an
/// `if`/`for` directive with its sub-templates.
struct TemplatePart {
  enum class Kind : uint8_t { text, interpolation, if_, for_ } kind = Kind::text;
  std::string text;
  ExprPtr expr;                      // interpolation; if condition; for collection
  std::vector<TemplatePart> body;    // if's then-part, for's body
  std::vector<TemplatePart> else_body;
  std::string key_var, value_var;    // for
  Location where;
};

struct Expr {
  ExprKind kind = ExprKind::literal;
  Location where;
  model::Value literal;
  std::string name;  // variable, function, attribute, operator ("!", "-", "==", "&&", ...)
  std::vector<ExprPtr> children;
  bool expand_last = false;   // call: the last argument is expanded with `...`
  std::vector<TemplatePart> parts;
  // for expressions: children are [collection, value] or [collection, key, value], then cond (if any)
  std::string key_var, value_var;
  bool grouping = false;      // {for ... : k => v...}
  bool has_cond = false;
  // splat
  bool attr_splat = false;
  std::vector<Step> steps;
};

struct Body;

struct Attribute {
  std::string name;
  Location name_where;
  ExprPtr expr;
  Location where;  // name to end of value
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  std::vector<Location> label_wheres;
  Body body;
  Location where;   // type to closing brace
};

}  // namespace guardrail::load::hcl
