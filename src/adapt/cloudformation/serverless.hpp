#pragma once
#include <string>
#include <vector>

#include "adapt/cloudformation/template.hpp"
#include "model/value.hpp"

namespace guardrail::adapt::cloudformation {

/// What the Serverless transform (AWS::Serverless-2016-10-31) deploys for a
/// template's functions, as far as the rules judge it:
///
/// - each AWS::Serverless::Function becomes the AWS::Lambda::Function SAM
///   creates under the same logical ID, with the template's
///   `Globals.Function` merged in (maps merged, lists appended, the
///   function's own scalars winning), `Tracing` as
///   `TracingConfig`, `InlineCode` as `Code.ZipFile`;
/// - without a `Role`, the execution role SAM creates, `<ID>Role`: Lambda's
///   trust policy, the managed policies `Policies` names, the policy
///   documents it holds as inline policies, the function's tags;
/// - with a `FunctionUrlConfig`, the AWS::Lambda::Url `<ID>Url`.
///
/// Policy templates (SQSPollerPolicy: {...}) are left out: SAM scopes each to
/// the resource its parameters name. Event sources, aliases, APIs and the
/// permissions SAM adds for them are not made. `globals` is the evaluated
/// `Globals.Function` (null when none); `prefix` what references start with.
void expand_serverless(std::vector<TemplateResource>& resources, const model::Value& globals,
                       const std::string& prefix);

}  // namespace guardrail::adapt::cloudformation
