#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "adapt/terraform/evaluator.hpp"
#include "base/diagnostic.hpp"
#include "load/hcl/ast.hpp"

namespace guardrail::adapt::terraform {

/// Parses an HCL file a Terragrunt configuration names (an include, a
/// read_terragrunt_config), by its path on disk, and keeps it alive for the
/// locations of its values; nullptr when it cannot be read or parsed (its
/// diagnostics are the reader's to report).
using HclReader = std::function<const load::hcl::Body*(const std::string& disk_path)>;

/// A Terragrunt unit (a folder with terragrunt.hcl), evaluated as far as
/// Terragrunt would before running Terraform: its includes merged, its
/// locals, dependencies (their mock outputs), `generate` blocks and inputs.
struct TerragruntUnit {
  std::string disk_dir;  // the unit's folder
  base::Location where;  // its terragrunt.hcl (the first line): a call site
  /// terraform.source as evaluated; "" when the unit has none (Terraform
  /// runs in the unit's own folder).
  std::string source;
  base::Location source_where;
  bool source_known = true;  // false when the source could not be evaluated
  /// `inputs`, merged across includes: the module's variables.
  VariableInputs inputs;
  /// Files the `generate` blocks write, .tf ones only.
  struct File {
    std::string path, contents;
    bool skip_if_exists = false;  // if_exists = "skip": a module file of that name wins
  };
  std::vector<File> generated;
  /// terraform.extra_arguments' required_var_files and the optional ones
  /// that exist, absolute, in order.
  std::vector<std::string> var_files;
  /// Configurations it includes (absolute): one of them that is a
  /// terragrunt.hcl is a parent's configuration, not a unit of its own.
  std::vector<std::string> read;
  base::Diagnostics diagnostics;
};

/// Evaluates the unit whose terragrunt.hcl is `body`, at `disk_path`, shown
/// as `where.file`. Functions that need the outside world (get_env without
/// a default, run_cmd, get_aws_account_id) and dependency outputs without
/// `mock_outputs` are unknown; get_env takes its default, never the
/// scanning machine's environment, so a scan does not depend on where it runs.
TerragruntUnit evaluate_terragrunt(const load::hcl::Body& body, const std::string& disk_path,
                                   const base::Location& where, const HclReader& read);

/// A terraform.source split as Terragrunt reads it: a local path (absolute,
/// resolved against `unit_dir`) or a remote address, and the module's
/// folder inside it (after "//"), without "?ref=" and the like.
struct ModuleSource {
  bool local = false;
  std::string root;    // local: absolute folder; remote: the address
  std::string subdir;  // "" or "vpc"
};
ModuleSource split_module_source(const std::string& source, const std::string& unit_dir);

}  // namespace guardrail::adapt::terraform
