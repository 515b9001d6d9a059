#pragma once
#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "policy/ast.hpp"

namespace guardrail::policy {

/// Checks one rule before anything runs: metadata (a title and a severity),
/// parameters (unique, constant defaults), names (every variable, parameter,
/// function and resource type resolves), arity, and the static types it can
/// see (`"a" < 1`, `count(3)`, `not "x"`). Resolves names and slots in place
/// and compiles literal regular expressions (RE2, never backtracking).
/// Reports every error it finds, not only the first.
base::Diagnostics check_rule(Rule& rule);

/// Checks a policy against the rules it can name: known rule IDs, known
/// environments, parameters that exist with values of the default's type,
/// valid waiver dates. Evaluates `set` values in place.
base::Diagnostics check_policy(Policy& policy, const std::map<std::string, const Rule*>& rules);

/// Evaluates a constant expression (literals, lists, maps, unary minus);
/// returns false when it is not constant.
bool constant_value(const Expr& e, model::Value& out);

/// True for names that stand for resource types: `aws_*` (the canonical AWS
/// vocabulary), Kubernetes kinds (PascalCase), and the groups `k8s_object`
/// (every Kubernetes object), `k8s_workload` (every kind with a pod
/// template), `aws_resource` (every AWS resource) and `dockerfile_stage`.
bool is_type_name(std::string_view name);

/// True for the type names that stand for a group of types, or for what a
/// source holds besides resources (`k8s_workload`, `terraform_variables`).
bool is_type_group(std::string_view name);

/// True for a real calendar date written YYYY-MM-DD.
bool valid_date(std::string_view text);

}  // namespace guardrail::policy
