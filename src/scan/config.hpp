#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "load/limits.hpp"

namespace guardrail::scan {

/// The user's own accounts and paths for one of the policy's environments;
/// each replaces the policy's when given.
struct EnvironmentOverride {
  std::optional<std::vector<std::string>> accounts, paths;
  /// Terraform variable files of this environment: the root module that
  /// holds them (their folder or one above it) is evaluated once per
  /// environment that names files in it, each with its own (docs/inputs.md).
  std::vector<std::string> var_files;
  base::Location where;  // the environment's key
};

/// `.guardrail.yaml`: what a repository sets once instead of on every
/// command line. Paths in it are relative to its own folder.
///
///   policy: [policies/acme.grl]      # files or folders, like --policy
///   policy-name: acme                # like --policy-name
///   environments:
///     prod: {accounts: ["123456789012"], paths: ["live/prod/**"], var-files: [envs/prod.tfvars]}
///   include: ["infra/**"]            # globs over paths relative to the scan root
///   exclude: ["**/testdata/**"]
///   fail-on: high                    # like --fail-on
///   outputs: {sarif: guardrail.sarif} # like --output sarif=guardrail.sarif
///   rules:
///     enable: ["NET-*", "DB-*"]       # like --rule
///     disable: [COST-001]            # like --skip-rule
///     severity: {NET-009: critical}
///   baseline: .guardrail-baseline.json
///   report-unused-suppressions: true
///   limits: {max-file-size: 2GiB}   # like --limit max-file-size=2GiB
struct Config {
  std::filesystem::path path;  // empty: none
  std::vector<std::string> policy_files;
  std::string policy_name;
  std::map<std::string, EnvironmentOverride> environments;
  std::vector<std::string> include, exclude;
  std::string fail_on;
  std::vector<std::string> outputs;  // FORMAT=FILE
  std::vector<std::string> enable, disable;
  std::map<std::string, std::string> severity;  // rule ID or glob -> severity
  std::string baseline;
  std::vector<std::string> frameworks;  // like --framework
  std::optional<bool> report_unused_suppressions;
  load::Limits limits;  // the defaults, with what `limits:` sets
  /// Unknown keys, wrong shapes: errors at their location.
  base::Diagnostics diagnostics;
  std::unique_ptr<base::SourceFile> source;  // for the diagnostics' snippets
};

/// The `.guardrail.yaml` (or `.guardrail.yml`) of `start` or the nearest
/// folder above it, or nullopt.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// Reads a configuration file; problems are in `diagnostics`.
Config load_config(const std::filesystem::path& path);

/// The policy files of the .guardrail.yaml that governs the current folder
/// (`policy:`), for commands that describe rules (explain, rules): the rules a
/// scan from here runs are the ones they describe. Empty when there is none.
std::vector<std::string> configured_policy_files();

/// Reads configuration text (a string entry point, for tests and fuzzing);
/// its relative paths are taken relative to `folder`.
Config parse_config(std::unique_ptr<base::SourceFile> source, const std::filesystem::path& folder);

}  // namespace guardrail::scan
