#pragma once
#include <functional>
#include <vector>

#include "base/diagnostic.hpp"
#include "model/resource.hpp"
#include "model/value.hpp"

namespace guardrail::adapt::terraform {

/// Turns `terraform show -json` output into resources: the planned values of
/// the root and every child module (or, for a state, `values`), with
/// unknown-after-apply attributes as unknowns and references rebuilt from the
/// `configuration` section (through module variables) so joins work as they
/// do from HCL. Addresses are Terraform's; every value is located in the
/// plan file. `tags` takes `tags_all` (provider default tags included); the
/// region comes from the provider's constant configuration. Data sources are
/// not resources. Short of Terraform: references whose source is a variable
/// of the root module stay as the planned value (or unknown).
std::vector<model::Resource> adapt_plan(const model::Value& plan, base::Diagnostics& diagnostics);

/// Calls `visit` on each resource of a module tree as `terraform show -json`
/// writes it (`planned_values.root_module`, `prior_state.values.root_module`,
/// a state's `values.root_module`): a module's `resources`, then its
/// `child_modules`, depth first. What is not a map or list is skipped.
void for_each_module_resource(const model::Value& module, const std::function<void(const model::Value&)>& visit);

}  // namespace guardrail::adapt::terraform
