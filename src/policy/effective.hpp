#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "policy/pack.hpp"

namespace guardrail::policy {

/// Where one rule is enforced and with which parameter values, once a
/// policy's statements have been applied in order.
struct RuleSettings {
  std::set<std::string> environments;  // enforced in these
  /// Enforced in every environment the policy defines (or there is no
  /// policy): then it also judges resources whose environment is unknown.
  bool everywhere = false;
  std::map<std::string, model::Value> params;  // defaults, with all-environment settings applied
  std::map<std::string, std::map<std::string, model::Value>> env_params;  // env -> name -> value

  bool enforced(const std::string& env) const {
    if (everywhere && environments.empty()) return true;  // no policy: every rule for everything
    return env.empty() ? everywhere : environments.count(env) > 0;
  }
  /// The parameter's value in an environment ("" for none).
  const model::Value& param(const std::string& name, const std::string& env) const;
};

/// A policy applied to a pack: what every rule does in every environment.
struct Effective {
  const Policy* policy = nullptr;  // null: every rule everywhere, default parameters
  std::vector<std::string> environments;
  /// The policy's environment definitions, copied so that a configuration
  /// file can give the user's own accounts and paths.
  std::vector<Environment> environment_defs;
  std::map<std::string, RuleSettings> rules;  // every rule of the pack, by ID
  std::vector<const Waiver*> waivers;
  /// Rules whose inline suppressions do not apply (`forbid inline`).
  std::set<std::string> forbidden_inline;
  /// The pack's data tables (rules/**/*.tsv) by file name: a map from each
  /// row's first column to the list of its other columns.
  std::map<std::string, model::Value> tables;

  const Environment* environment(const std::string& name) const;
};

/// Applies `policy` (may be null) to the pack's rules. `enforce` adds
/// environments, `skip` removes them, later statements win; `set ... in E`
/// overrides a parameter in E only, `set` without `in` everywhere.
Effective resolve(const Pack& pack, const Policy* policy);

}  // namespace guardrail::policy
