#pragma once
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace guardrail::scan {

/// What a file's text says it is, before (or instead of) parsing it: the
/// evidence that decides whether a file that does not parse is a broken
/// piece of infrastructure (an error) or a file of another kind (skipped).
///
/// A Dockerfile starts, after blank lines, comments and parser directives,
/// with FROM or ARG.
bool looks_like_dockerfile(std::string_view text);

/// The offset of a text template's placeholder where a Dockerfile has an
/// instruction (a line starting `{{`, `{%`, `{#` or `<%`, or a FROM naming
/// its image with one), or npos: `FROM {{ base }}` is Jinja's or Go's, not
/// Docker's, until rendered.
size_t dockerfile_template_marker(std::string_view text);

/// Text that names a Kubernetes object (an `apiVersion:` and a `kind:` key),
/// a CloudFormation template (`AWSTemplateFormatVersion`, or `Resources`
/// with an `AWS::` type), a Terraform plan (`planned_values`,
/// `resource_changes`, or `format_version` with `terraform_version`) or an
/// AWS export (a `configurationItems` key, or a top-level output key of a
/// known AWS CLI command such as `"Vpcs":`).
bool looks_like_infrastructure(std::string_view text);

/// The offset of a Rain directive (`!Rain::Embed`, `!Rain::Module`, a
/// `Rain::Constants` section) in a CloudFormation template's text, or npos:
/// such a template is a source for `rain pkg`, not a template yet.
size_t rain_directive(std::string_view text);

/// True when a YAML manifest is a text template read before rendering: a
/// `{{ placeholder }}` in an object's name, namespace or kind, or a map key
/// that YAML made of one (`image: {{ .Values.image }}` is a flow mapping).
bool is_unrendered_template(const std::vector<model::Value>& documents);

}  // namespace guardrail::scan
