#include "scan/classify.hpp"

#include "adapt/aws_export.hpp"
#include "adapt/kubernetes.hpp"
#include "base/text.hpp"

namespace guardrail::scan {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_cloudformation(const model::Value& doc) {
  if (!doc.is_map()) return false;
  if (doc.find("AWSTemplateFormatVersion")) return true;
  // AWS::LanguageExtensions, AWS::Serverless-2016-10-31: resources may all be Fn::ForEach loops.
  if (const model::Value* transform = doc.find("Transform"); transform && doc.find("Resources")) {
    auto aws = [](const model::Value& t) { return t.is_string() && t.as_string().rfind("AWS::", 0) == 0; };
    if (aws(*transform)) return true;
    if (transform->is_list())
      for (const model::Value& t : transform->as_list())
        if (aws(t)) return true;
  }
  const model::Value* resources = doc.find("Resources");
  if (!resources || !resources->is_map()) return false;
  for (const model::Member& m : resources->as_map()) {
    const model::Value* type = m.value.find("Type");
    if (type && type->is_string()) {
      std::string_view t = type->as_string();
      if (t.starts_with("AWS::") || t.starts_with("Custom::") || t.starts_with("Alexa::"))
        return true;
    }
  }
  return false;
}

bool is_terraform_plan(const model::Value& doc) {
  if (!doc.is_map()) return false;
  if (doc.find("planned_values") || doc.find("resource_changes")) return true;
  return doc.find("format_version") && doc.find("terraform_version") &&
         (doc.find("configuration") || doc.find("values"));
}

/// A Terraform state file (format 4): {"version": 4, "terraform_version",
/// "resources": [...]}.
bool is_terraform_state(const model::Value& doc) {
  if (!doc.is_map()) return false;
  const model::Value* version = doc.find("version");
  const model::Value* resources = doc.find("resources");
  return version && version->is_number() && doc.find("terraform_version") && doc.find("lineage") && resources &&
         resources->is_list();
}

}  // namespace

NameKind kind_by_name(std::string_view filename) {
  std::string name = base::ascii_lower(filename);
  if (ends_with(name, ".tf") || ends_with(name, ".tofu") || ends_with(name, ".tf.json") ||
      ends_with(name, ".tofu.json"))
    return NameKind::terraform;
  if (ends_with(name, ".tfvars") || ends_with(name, ".tfvars.json")) return NameKind::terraform_vars;
  if (name == "dockerfile" || name == "containerfile" || name.rfind("dockerfile.", 0) == 0 ||
      ends_with(name, ".dockerfile") || name.rfind("containerfile.", 0) == 0)
    return NameKind::dockerfile;
  if (ends_with(name, ".yaml") || ends_with(name, ".yml")) return NameKind::yaml;
  if (ends_with(name, ".json") || ends_with(name, ".tfstate")) return NameKind::json;
  if (ends_with(name, ".template")) return NameKind::template_;
  if (ends_with(name, ".txt")) return NameKind::text;
  return NameKind::other;
}

std::string_view to_string(FileKind kind) {
  switch (kind) {
    case FileKind::kubernetes: return "kubernetes";
    case FileKind::cloudformation: return "cloudformation";
    case FileKind::terraform: return "terraform";
    case FileKind::terraform_vars: return "terraform-vars";
    case FileKind::terraform_plan: return "terraform-plan";
    case FileKind::terraform_state: return "terraform-state";
    case FileKind::terragrunt: return "terragrunt";
    case FileKind::aws_export: return "aws-export";
    case FileKind::dockerfile: return "dockerfile";
    case FileKind::helm_template: return "helm-template";
    case FileKind::kustomize: return "kustomize";
    case FileKind::other: return "other";
    case FileKind::binary: return "binary";
    case FileKind::unreadable: return "unreadable";
  }
  return "other";
}

FileKind classify_documents(const std::vector<model::Value>& documents, const std::string& path, bool json) {
  bool kubernetes = false;
  for (const model::Value& doc : documents) {
    if (is_terraform_plan(doc)) return FileKind::terraform_plan;
    if (json && is_terraform_state(doc)) return FileKind::terraform_state;
    if (is_cloudformation(doc)) return FileKind::cloudformation;
    if (adapt::is_kubernetes_object(doc)) kubernetes = true;
  }
  if (kubernetes) return FileKind::kubernetes;
  if (json && documents.size() == 1 && adapt::is_aws_export(documents[0], path)) return FileKind::aws_export;
  return FileKind::other;
}

}  // namespace guardrail::scan
