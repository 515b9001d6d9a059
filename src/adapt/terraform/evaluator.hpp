#pragma once
#include <functional>
#include <map>
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
Evaluation evaluate_root(const ModuleConfig& root, const VariableInputs& inputs, const ModuleLoader& loader);

/// The value of an expression that refers to nothing (a tfvars value, a
/// --var value); unknown where it would need a variable.
model::Value evaluate_constant(const Expr& e);

}  // namespace guardrail::adapt::terraform
