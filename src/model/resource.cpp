#include "model/resource.hpp"

namespace guardrail::model {

std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::terraform: return "terraform";
    case SourceKind::terraform_plan: return "terraform-plan";
    case SourceKind::cloudformation: return "cloudformation";
    case SourceKind::kubernetes: return "kubernetes";
    case SourceKind::dockerfile: return "dockerfile";
    case SourceKind::aws_export: return "aws-export";
  }
  return "kubernetes";
}

View view_of(SourceKind kind) { return kind == SourceKind::aws_export ? View::live : View::iac; }

std::string_view may_not_exist_reason(const Resource& r) {
  return r.source == SourceKind::cloudformation ? "Condition is decided at deploy: it may not be created"
                                                : "count or for_each is known only at apply: it may have no instance";
}

}  // namespace guardrail::model
