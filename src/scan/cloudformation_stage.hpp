#pragma once
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "model/resource.hpp"
#include "scan/read_input.hpp"

namespace guardrail::scan {

struct CloudFormationOptions {
  std::vector<std::string> params;       // --cfn-param KEY=VALUE (AWS::Region and AWS::AccountId too)
  std::vector<std::string> param_files;  // --cfn-params FILE: the CLI's [{ParameterKey, ParameterValue}] or {"Parameters": {…}}
};

struct CloudFormationOutput {
  std::vector<model::Resource> resources;
  base::Diagnostics diagnostics;
  std::vector<std::unique_ptr<base::SourceFile>> extra_sources;  // parameter files (--cfn-params)
};

/// Evaluates the CloudFormation templates read. A template that another
/// scanned template uses as a nested stack (a local TemplateURL) is evaluated
/// through that stack, with its Parameters, not also on its own. The region
/// and account are AWS::Region/AWS::AccountId when given, else a folder of
/// the path named like a region (us-west-2) or an account (12 digits).
/// Templates are evaluated on up to `jobs` threads; the output is the same
/// whatever `jobs`.
CloudFormationOutput run_cloudformation(const std::vector<LoadedFile*>& files, const CloudFormationOptions& options,
                                        unsigned jobs = 1);

}  // namespace guardrail::scan
