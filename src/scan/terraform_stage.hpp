#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "model/resource.hpp"
#include "scan/read_input.hpp"

namespace guardrail::scan {

struct TerraformOptions {
  std::vector<std::string> var_files;  // --var-file
  std::vector<std::string> vars;       // --var NAME=VALUE
  /// .guardrail.yaml's `var-files` per environment: a root module holding an
  /// environment's files is evaluated once per such environment, and its
  /// resources are that environment's.
  std::vector<std::pair<std::string, std::vector<std::string>>> environment_var_files;
};

struct TerraformOutput {
  std::vector<model::Resource> resources;
  base::Diagnostics diagnostics;
  /// Files read for modules outside the scanned paths (their text, for
  /// snippets; findings in them are not reported).
  std::vector<std::unique_ptr<base::SourceFile>> extra_sources;
  /// Terragrunt configurations evaluated (units and what they include or
  /// read), as displayed: a finding there was set by an input.
  std::set<std::string> terragrunt_files;
};

/// The addresses a plan's `configuration.root_module` declares.
std::set<std::string> plan_configuration(const model::Value& plan);

/// Whether a plan JSON describes the configuration beside it: the resources,
/// data sources and module calls of its `configuration.root_module` are those
/// the folder's .tf files declare. When not, `difference` names one address
/// that differs ("aws_s3_bucket.logs is in main.tf, not in the plan"). An
/// undecidable comparison (JSON-syntax configuration) counts as describing.
bool plan_describes(const LoadedFile& plan, const std::vector<const LoadedFile*>& configuration, std::string& difference);

/// Groups the Terraform files read into module folders, finds the roots (a
/// folder that a scanned root calls as a local module is evaluated through
/// its calls only; a folder holding a plan JSON is read from the plan), and
/// evaluates each root with its tfvars and the command line's variables, on
/// up to `jobs` threads (the output is the same whatever `jobs`).
TerraformOutput run_terraform(std::vector<LoadedFile*> files, const TerraformOptions& options,
                              const std::vector<std::string>& plan_dirs, unsigned jobs = 1);

}  // namespace guardrail::scan
