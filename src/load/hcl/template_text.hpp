#pragma once
#include <string>
#include <string_view>

#include "base/diagnostic.hpp"
#include "load/hcl/ast.hpp"

namespace guardrail::load::hcl {

/// Every location of an expression parsed out of a string becomes `at`.
void relocate(Expr& e, const base::Location& at);

/// Text read as a template on its own (a templatefile's file, a string of
/// Terraform's JSON syntax): its literal text as it is, `${}` and `%{}` as
/// in a heredoc, every node located at `at`. Null, with `problems`, when it
/// does not parse.
ExprPtr parse_template_text(std::string_view text, const std::string& path, const base::Location& at,
                            base::Diagnostics& problems);

}  // namespace guardrail::load::hcl
