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
/// (or label). Resources matching none keep "". `within` is the folder the
/// paths shown are relative to, relative to the repository's root ("" when
/// they are the same): a scan run from inside envs/prod of a repository
/// judges what it holds as prod, as a scan of the repository does.
void assign_environments(std::vector<model::Resource>& resources, const policy::Effective& effective,
                         const std::string& forced, const std::string& within = {});

/// Sets the scope (cluster) of every Kubernetes object: its environment, and
/// the AWS region a folder of its path names ("prod/us-west-2").
void set_kubernetes_scopes(std::vector<model::Resource>& resources);

/// The environment a path names by its folders, or "". A relative path is
/// read as `within`/path.
std::string environment_of_path(std::string_view path, const policy::Effective& effective,
                                std::string_view within = {});

}  // namespace guardrail::scan
