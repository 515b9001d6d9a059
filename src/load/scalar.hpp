#pragma once
#include <string>

#include "model/value.hpp"

namespace guardrail::load {

/// Resolves an untagged plain YAML scalar by the YAML 1.2 core schema, plus the
/// YAML 1.1 booleans yes/no/on/off that Kubernetes' YAML reader accepts:
/// null, bool, integer (decimal, 0o octal, 0x hex), float (.inf, .nan), else string.
model::Value resolve_plain_scalar(std::string text, const base::Location& where);

}  // namespace guardrail::load
