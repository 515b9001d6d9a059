#pragma once
#include <string>
#include <vector>

#include "model/resource.hpp"
#include "policy/effective.hpp"

namespace guardrail::scan {

/// Sets each resource's environment as docs/semantics.md ("Environments") says,
/// first match wins: `forced` (--env); the AWS account in the policy's
/// account map; the path (a folder named after an environment or one of its
/// aliases, or an environment's path glob); the Kubernetes namespace label
/// `environment` (from a Namespace object in the scan); the `Environment` tag
/// (or label). Resources matching none keep "".
void assign_environments(std::vector<model::Resource>& resources, const policy::Effective& effective,
                         const std::string& forced);

/// Sets the scope (cluster) of every Kubernetes object: its environment, and
/// the AWS region a folder of its path names ("prod/us-west-2").
void set_kubernetes_scopes(std::vector<model::Resource>& resources);

/// The environment a path names by its folders, or "".
std::string environment_of_path(std::string_view path, const policy::Effective& effective);

}  // namespace guardrail::scan
