#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/location.hpp"
#include "evaluate/finding.hpp"
#include "model/value.hpp"

namespace re2 {
class RE2;
}

namespace guardrail::policy {

using base::Location;

enum class Op : uint8_t {
  eq, ne, lt, le, gt, ge, in, not_in, matches, not_matches,  // comparisons
  add, sub, mul, div, mod,                                   // arithmetic
  and_, or_, not_, neg,                                      // logic, unary minus
};

std::string_view to_string(Op op);

enum class ExprKind : uint8_t {
  null_lit, bool_lit, number_lit, string_lit, unknown_lit,
  list, map,
  variable,    // a bound name, a parameter, or resource type(s)
  relative,    // `.` or `.name`: the element a filter or quantifier looks at
  member,      // base.name
  index,       // base[expr]: a list index or a map key
  splat,       // base[*]
  filter,      // base[predicate with `.`]
  call,        // name(args)
  unary,       // not x, -x
  binary,      // x op y
  quantifier,  // all/any/none/count v in xs : predicate
  conditional, // if c then a else b
};

enum class Quant : uint8_t { all, any, none, count };

/// What a `variable` expression names, decided by the checker.
enum class NameRef : uint8_t { unresolved, local, param, types };

struct Expr {
  ExprKind kind;
  Location where;
  Op op = Op::eq;
  Quant quant = Quant::all;
  std::string name;   // variable, member, function or quantifier variable
  std::string text;   // string literal
  double number = 0;
  bool integer = false;
  bool boolean = false;
  std::vector<std::unique_ptr<Expr>> children;
  std::vector<std::string> keys;  // map literal keys, parallel to children
  uint32_t depth = 1;             // of the tree below and including this node (bounded by the parser)

  // Filled in by the checker.
  NameRef ref = NameRef::unresolved;
  int slot = -1;                     // local variable slot (variables, quantifier variable)
  std::vector<std::string> types;    // resource types a `types` name stands for
  int function = -1;                 // index into the function table
  std::shared_ptr<re2::RE2> regex;   // a literal pattern, compiled once
};
using ExprPtr = std::unique_ptr<Expr>;

/// A message with {expressions}: text parts and holes, in order.
struct Template {
  struct Part {
    std::string text;
    ExprPtr expr;  // null for a text part
  };
  std::vector<Part> parts;
  Location where;
  bool empty() const { return parts.empty(); }
};

/// `check_` starts an independent check (a `check { }` block); the clauses
/// before the first one, if any, form a check of their own.
enum class ClauseKind : uint8_t { for_, let, where, assert_, message, check_ };

struct Clause {
  ClauseKind kind;
  Location where;
  std::vector<std::string> names;   // bound names (for: one or two; let: one)
  std::vector<Location> name_locations;
  std::vector<int> slots;           // filled by the checker
  std::vector<ExprPtr> exprs;       // for: its sources; let/where/assert: one expression
  Template message;                 // assert and message clauses
  ExprPtr at;                       // assert: where a failure is reported, when the rule says
};

struct LazyBody;

struct Param {
  std::string name;
  Location where;
  ExprPtr default_expr;
  model::Value value;  // the default, evaluated by the checker (a constant)
  bool pattern = false;  // used as a regular expression: its default and every value set must compile
};

struct Rule {
  std::string id;
  Location where;  // the ID in the `rule` header
  std::string file;
  bool from_user = false;  // declared in a user's file, not the shipped pack
  std::string title, description, remediation, help;
  evaluate::Severity severity = evaluate::Severity::medium;
  bool has_severity = false;
  Location severity_where;
  std::string severity_word;
  std::vector<std::string> tags;
  /// The inputs the rule is written for (the catalog's sources column):
  /// terraform, cloudformation, aws, kubernetes, dockerfile. `guardrail test`
  /// requires cases of each.
  std::vector<std::string> sources;
  bool has_sources = false;
  Location sources_where;
  std::vector<Param> params;
  /// A compiled rule's are read the first time body() is asked for them.
  mutable std::vector<Clause> clauses;
  int slot_count = 0;  // filled by the checker
  /// Read from the build's compiled pack (policy/compiled.hpp): already checked.
  bool checked = false;
  /// What the first `for` of every check iterates, when each names resource
  /// types (`for p in aws_iam_policy, aws_iam_role_policy`): a view holding
  /// none of them binds nothing, so the rule need not run. Empty when some
  /// check starts otherwise (`for a in accounts()`). Filled by the checker.
  std::vector<std::string> anchor_types;
  /// A compiled rule's clauses, still serialized (policy/compiled.cpp).
  std::shared_ptr<LazyBody> lazy;

  const Param* param(std::string_view name) const;
  /// The clauses; a compiled rule's are read here once (safe across threads).
  const std::vector<Clause>& body() const;
};

struct Environment {
  std::string name;
  Location where;
  std::vector<std::string> accounts;
  std::vector<std::string> paths;    // globs: "envs/prod/**"
  std::vector<std::string> aliases;  // other folder names that mean this environment ("production", "dr")
  std::vector<std::pair<std::string, std::string>> tags;  // Environment = prod
};

/// `enforce`/`skip` statement: rules (empty = all) in environments (empty = all).
struct Enforcement {
  bool skip = false;
  std::vector<std::string> rules;
  std::vector<Location> rule_locations;
  std::vector<std::string> environments;
  std::vector<Location> environment_locations;
  Location where;
};

struct ParamSetting {
  std::string rule, param;
  Location where;  // the RULE.param target
  ExprPtr expr;
  model::Value value;  // evaluated by the checker
  std::vector<std::string> environments;  // empty = all
  std::vector<Location> environment_locations;
};

struct Waiver {
  std::string rule;
  Location where;
  std::string resource;  // an address or a glob over addresses
  std::string until;     // YYYY-MM-DD
  Location until_where;  // the date
  std::string reason;
};

struct Policy {
  bool from_user = false;  // declared in a user's file, not the shipped pack
  std::string name;
  Location where;
  /// `extends NAME`: the parent's environments and statements come first, and
  /// this policy's after them (an environment declared again replaces the
  /// parent's). `base` is linked when the pack is checked.
  std::string parent;
  Location parent_where;
  const Policy* base = nullptr;
  std::string file;
  std::string title, description;
  std::vector<Environment> environments;
  std::vector<Enforcement> enforcements;  // in order: later statements win
  std::vector<ParamSetting> settings;
  std::vector<Waiver> waivers;
  /// `forbid inline`: rules (IDs or globs; "*" all) whose inline
  /// suppressions do not apply.
  std::vector<Enforcement> forbidden_inline;

  /// The policies whose statements apply, in order: the farthest ancestor
  /// first, this policy last.
  std::vector<const Policy*> lineage() const;
  /// The environments in force: the parent's, replaced or added to by this
  /// policy's, in declaration order.
  std::vector<Environment> all_environments() const;
};

/// What one policy-language file declares.
struct Module {
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<std::unique_ptr<Policy>> policies;
};

}  // namespace guardrail::policy
