#pragma once
#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "policy/ast.hpp"

namespace guardrail::policy {

struct Parsed {
  Module module;
  base::Diagnostics diagnostics;  // `policy-syntax` errors
};

/// Parses one policy-language file (rules and policies). A syntax error
/// skips to the next line that starts with `rule` or `policy`, so every
/// declaration of a file is reported on, not only the first broken one. An
/// empty file is a valid module with nothing in it.
Parsed parse_policy(const base::SourceFile& file);

}  // namespace guardrail::policy
