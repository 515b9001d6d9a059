#pragma once
#include <filesystem>
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
/// (or label). Resources matching none keep "". Paths are read from the
/// repository's root, wherever the scan runs: from inside envs/prod of a
/// repository what it holds is prod, as a scan of the repository judges it,
/// and from above it (work/dev/repo) the folders above never count.
struct RepositoryFrame {
  std::filesystem::path display_root;  // absolute: what the paths shown are relative to
  std::filesystem::path repository;    // absolute, or empty: the paths shown are read as they are
};
void assign_environments(std::vector<model::Resource>& resources, const policy::Effective& effective,
                         const std::string& forced, const RepositoryFrame& frame = {});

/// Sets the scope (cluster) of every Kubernetes object: its environment, and
/// the AWS region a folder of its path names ("prod/us-west-2").
void set_kubernetes_scopes(std::vector<model::Resource>& resources);

/// The environment a path names by its folders, or "". A path shown is read
/// from the repository's root when it lies in the repository.
std::string environment_of_path(std::string_view path, const policy::Effective& effective,
                                const RepositoryFrame& frame = {});

}  // namespace guardrail::scan
