#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapt/terraform/config.hpp"
#include "base/diagnostic.hpp"
#include "model/resource.hpp"

namespace guardrail::adapt::terraform {

/// Variable values from outside the configuration, in the order Terraform
/// applies them (later wins): terraform.tfvars, *.auto.tfvars (sorted), then
/// --var-file files, then --var NAME=VALUE.
struct VariableInputs {
  std::vector<std::pair<std::string, model::Value>> values;
};

/// Finds a module's configuration by its folder on disk, parsing it if the
/// scan has not; nullptr when the folder has no configuration.
using ModuleLoader = std::function<const ModuleConfig*(const std::string& disk_dir)>;

struct Evaluation {
  std::vector<model::Resource> resources;
  base::Diagnostics diagnostics;
  std::vector<std::string> module_dirs;  // disk folders of the local modules it called
};

/// Evaluates a root module as `terraform plan` would, as far as it can
/// without providers (see evaluator.cpp for what it computes and what it
/// leaves unknown), and returns its managed resources in the canonical
/// model: addresses as Terraform prints them, references kept for joins,
/// every value located where it was written, provider region, account and
/// default tags applied. `origin` is the folder that decides the resources'
/// environment (the root module's).
/// `origin` overrides it: a Terragrunt unit's folder, not its module's.
Evaluation evaluate_root(const ModuleConfig& root, const VariableInputs& inputs, const ModuleLoader& loader,
                         const std::string& origin = {});

/// What an expression outside any module (a Terragrunt configuration) can
/// name and call besides Terraform's built-in functions.
struct ExternalNames {
  /// The value of `ns.name` (`local.region`, `include.root`,
  /// `dependency.vpc`), or nullopt when it names nothing known: unknown.
  std::function<std::optional<model::Value>(const std::string& ns, const std::string& name,
                                            const base::Location& where)>
      attribute;
  /// The result of a function of its own (find_in_parent_folders), or
  /// nullopt when it has none of that name: a built-in is called.
  std::function<std::optional<model::Value>(const std::string& name, std::vector<model::Value>& args,
                                            const base::Location& where)>
      function;
  std::string disk_dir;  // where file() and friends resolve relative paths
  /// Shared by every expression of one configuration (a Terragrunt unit and
  /// what it includes or reads), so that a chain of locals, each evaluated
  /// on its own, is bounded in nesting and in steps as one evaluation is.
  struct Budget {
    uint64_t limit = 0, spent = 0;
    int depth = 0;
    bool exhausted = false;
    base::Diagnostics* diagnostics = nullptr;  // where running out is reported
  };
  Budget* budget = nullptr;
};

/// The value of an expression over `names`; unknown where it needs what
/// they do not know, or where Terraform would reject it.
model::Value evaluate_external(const Expr& e, const ExternalNames& names);

/// The value of an expression that refers to nothing (a tfvars value, a
/// --var value); unknown where it would need a variable.
model::Value evaluate_constant(const Expr& e);

}  // namespace guardrail::adapt::terraform
