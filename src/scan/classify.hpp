#pragma once
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace guardrail::scan {

/// What a file's name alone says.
/// `text` (.txt) is read as JSON when its content starts like JSON: AWS CLI
/// output saved by hand often ends in .txt.
enum class NameKind { terraform, terraform_vars, dockerfile, yaml, json, template_, text, other };

NameKind kind_by_name(std::string_view filename);

/// One resource instance of a Terraform state file: what a root module
/// deployed, by physical ID (drift matches it with the export by these).
struct StateInstance {
  std::string folder;   // the state file's folder (its root module's), or a plan's path (its prior state)
  std::string address;  // "module.network.aws_vpc.this", "aws_subnet.a[0]", "aws_subnet.b[\"x\"]"
  std::string type;
  std::string id, arn;
  base::Location where;  // the instance in the state file
};

/// What a file is, once its content has been read.
enum class FileKind {
  kubernetes,
  cloudformation,
  terraform,
  terraform_vars,
  terraform_plan,
  terraform_state,  // terraform.tfstate: physical IDs of what a root deployed (drift)
  terragrunt,       // terragrunt.hcl: a unit, evaluated as the module it names with its inputs
  aws_export,
  dockerfile,
  helm_template,   // a chart's templates/: render first
  kustomize,       // a kustomization directory: render first
  other,           // YAML/JSON of no kind guardrail knows, or another format
  binary,
  unreadable,      // could not be read or parsed
};

std::string_view to_string(FileKind kind);

/// Classifies parsed YAML/JSON documents: a Terraform plan (`planned_values`,
/// `resource_changes`), a CloudFormation template (`AWSTemplateFormatVersion`,
/// `Resources` whose entries have an `AWS::`/`Custom::` `Type`, or a
/// `Transform` of AWS's), Kubernetes (any document with `apiVersion` and
/// `kind`), an AWS export (JSON only: AWS Config items or AWS CLI output, see
/// adapt/aws_export; `path` places bundle files), else other.
FileKind classify_documents(const std::vector<model::Value>& documents, const std::string& path, bool json);

}  // namespace guardrail::scan
