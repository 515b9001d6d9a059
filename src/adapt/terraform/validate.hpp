#pragma once
#include "adapt/terraform/config.hpp"

namespace guardrail::adapt::terraform {

/// Checks a module's configuration as Terraform does before it plans
/// (`terraform validate`, without providers): what Terraform itself rejects
/// is a `tf-config` error at the offending block or argument, so a file that
/// does not load in Terraform does not pass here as if it did.
///
/// Checked: top-level block types and stray arguments; resource and data
/// labels; `count` with `for_each`; reserved blocks and arguments (`locals`
/// in a resource, `count` in a provider); provider references and local
/// names; lifecycle (booleans, `ignore_changes`, `replace_triggered_by`, data
/// resources); preconditions and postconditions (a condition, no reference
/// to the resource itself); variable types, literal defaults against them,
/// `sensitive`, `nullable = false` with a null default; module `version`
/// from a variable; experiments (release builds have none); several
/// `required_providers`, `cloud` or `backend` configurations; `import` to
/// an address that a `moved` block moves away; variables in `provider_meta`.
///
/// Not checked: anything that needs a provider's schema (unknown resource
/// arguments), or reference resolution beyond the rules above. Variable
/// validation conditions may refer to other objects (Terraform 1.9+).
/// Runs twice: on the files as written (`merged` false: each file's blocks,
/// override files included), then once override files are merged (`merged`
/// true: variable types and defaults, which an override may make disagree).
void validate_config(ModuleConfig& config, bool merged);

}  // namespace guardrail::adapt::terraform
