#include "adapt/cloudformation/serverless.hpp"

#include <set>
#include <string_view>
#include <utility>

namespace guardrail::adapt::cloudformation {

using model::Location;
using model::Member;
using model::Value;

namespace {

/// SAM's rule for Globals: the resource's scalars win, maps merge (key by
/// key, recursively), lists are the global items then the resource's.
Value merged(const Value& global, const Value& own) {
  if (global.is_map() && own.is_map()) {
    Value out = global;
    for (const Member& m : own.as_map()) {
      const Value* g = out.find(m.key);
      out.set(m.key, g ? merged(*g, m.value) : m.value, m.key_location);
    }
    return out;
  }
  if (global.is_list() && own.is_list()) {
    Value out = global;
    for (const Value& item : own.as_list()) out.push_back(item);
    return out;
  }
  return own;
}

Value text(std::string s, const Location& where) { return Value::string(std::move(s), where); }

/// The execution role SAM makes for a function without a Role.
TemplateResource execution_role(const TemplateResource& fn, const Value& props, const Value& tags,
                                const Location& tags_at) {
  const Location& where = fn.location;
  Value role = Value::map({}, where);
  if (const Value* trust = props.find("AssumeRolePolicyDocument")) {
    role.set("AssumeRolePolicyDocument", *trust);
  } else {
    Value statement = Value::map({}, where);
    statement.set("Effect", text("Allow", where));
    Value principal = Value::map({}, where);
    principal.set("Service", text("lambda.amazonaws.com", where));
    statement.set("Principal", std::move(principal));
    statement.set("Action", text("sts:AssumeRole", where));
    Value lambda_trust = Value::map({}, where);
    lambda_trust.set("Version", text("2012-10-17", where));
    lambda_trust.set("Statement", Value::list({std::move(statement)}, where));
    role.set("AssumeRolePolicyDocument", std::move(lambda_trust));
  }
  Value managed = Value::list({text("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", where)}, where);
  Value inline_policies = Value::list({}, where);
  if (const Value* policies = props.find("Policies")) {
    std::vector<const Value*> items;
    if (policies->is_list())
      for (const Value& p : policies->as_list()) items.push_back(&p);
    else
      items.push_back(policies);
    for (size_t index = 0; index < items.size(); ++index) {
      const Value* p = items[index];
      if (p->is_string()) {
        // A managed policy by ARN, or AWS's by name.
        const std::string& name = p->as_string();
        managed.push_back(text(name.rfind("arn:", 0) == 0 ? name : "arn:aws:iam::aws:policy/" + name, p->location()));
      } else if ((p->is_map() && p->find("Statement")) || p->is_unknown()) {
        // SAM names it by its place in the list. One known only at deploy
        // (an Fn::If on a condition not decided here) may be any document.
        Value policy = Value::map({}, p->location());
        policy.set("PolicyName", text(fn.logical_id + "RolePolicy" + std::to_string(index), p->location()));
        policy.set("PolicyDocument", *p, p->location());
        inline_policies.push_back(std::move(policy));
      }
      // A policy template ({SQSPollerPolicy: {QueueName: ...}}) is scoped
      // by SAM to the resource it names: not an inline document here.
    }
  }
  role.set("ManagedPolicyArns", std::move(managed));
  if (!inline_policies.as_list().empty()) role.set("Policies", std::move(inline_policies));
  if (const Value* boundary = props.find("PermissionsBoundary")) role.set("PermissionsBoundary", *boundary);
  // SAM tags the role as it tags the function, and marks it as its own.
  // Tags known only at deploy stay so: the role's are as unknown.
  Value role_tags = tags.is_null() ? Value::map({}, where) : tags;
  if (role_tags.is_map()) role_tags.set("lambda:createdBy", text("SAM", where), where);
  role.set("Tags", std::move(role_tags), tags_at);
  return {fn.logical_id + "Role", "AWS::IAM::Role", std::move(role), where, fn.condition_unknown, {}};
}

}  // namespace

void expand_serverless(std::vector<TemplateResource>& resources, const Value& globals, const std::string& prefix) {
  // What SAM reads itself and CloudFormation's function does not take.
  static const std::set<std::string_view> kSamOnly = {
      "CodeUri", "InlineCode", "Policies", "FunctionUrlConfig", "Events", "AutoPublishAlias",
      "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "DeploymentPreference", "ProvisionedConcurrencyConfig",
      "Tracing", "PermissionsBoundary", "AssumeRolePolicyDocument", "RolePath", "EventInvokeConfig",
      "VersionDescription", "DeadLetterQueue", "Tags", "VersionPruningPolicy"};
  std::vector<TemplateResource> added;
  for (TemplateResource& fn : resources) {
    if (fn.type != "AWS::Serverless::Function") continue;
    Value props = globals.is_map() ? merged(globals, fn.properties) : fn.properties;
    if (!props.is_map()) continue;
    const Location& where = fn.location;
    Value lambda = Value::map({}, props.location());
    for (const Member& m : props.as_map())
      if (!kSamOnly.count(m.key.view())) lambda.set(m.key, m.value, m.key_location);
    // Tags stay SAM's map: the canonical tags read a map as it is.
    const Member* written = props.find_member("Tags");
    Value tags = written ? written->value : Value();
    if (written) lambda.set("Tags", tags, written->key_location);
    if (const Value* tracing = props.find("Tracing")) {
      Value config = Value::map({}, tracing->location());
      config.set("Mode", *tracing, tracing->location());
      lambda.set("TracingConfig", std::move(config), props.find_member("Tracing")->key_location);
    }
    if (const Value* code = props.find("InlineCode")) {
      Value config = Value::map({}, code->location());
      config.set("ZipFile", *code, code->location());
      lambda.set("Code", std::move(config), props.find_member("InlineCode")->key_location);
    }
    if (const Value* dlq = props.find("DeadLetterQueue"); dlq && dlq->is_map())
      if (const Value* target = dlq->find("TargetArn")) {
        Value config = Value::map({}, dlq->location());
        config.set("TargetArn", *target, target->location());
        lambda.set("DeadLetterConfig", std::move(config), props.find_member("DeadLetterQueue")->key_location);
      }
    // Without a Role (or a null one) SAM makes one; with one known only at
    // deploy (an Fn::If that may give AWS::NoValue) it makes one under the
    // same condition, which may not exist.
    const Value* own_role = props.find("Role");
    if (!own_role || own_role->is_null() || own_role->is_unknown()) {
      added.push_back(execution_role(fn, props, tags, written ? written->key_location : where));
      if (own_role && own_role->is_unknown()) added.back().condition_unknown = true;
      else lambda.set("Role", Value::reference(prefix + fn.logical_id + "Role.Arn", where), where);
    }
    if (const Value* url = props.find("FunctionUrlConfig"); url && url->is_map()) {
      Value u = Value::map({}, url->location());
      u.set("TargetFunctionArn", Value::reference(prefix + fn.logical_id, url->location()), url->location());
      for (const Member& m : url->as_map()) u.set(m.key, m.value, m.key_location);
      added.push_back({fn.logical_id + "Url", "AWS::Lambda::Url", std::move(u),
                       props.find_member("FunctionUrlConfig")->key_location, fn.condition_unknown, {}});
    }
    fn.type = "AWS::Lambda::Function";
    fn.properties = std::move(lambda);
  }
  for (TemplateResource& r : added) resources.push_back(std::move(r));
}

}  // namespace guardrail::adapt::cloudformation
