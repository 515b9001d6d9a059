#pragma once
#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "load/hcl/ast.hpp"

namespace guardrail::load::hcl {

struct ParsedFile {
  Body body;
  base::Diagnostics diagnostics;  // `hcl-syntax` errors
  bool ok() const { return !base::has_errors(diagnostics); }
};

/// Parses one file of HCL native syntax (a .tf, .tofu or .tfvars file) into
/// its body, every node located. On a syntax error the result has one
/// `hcl-syntax` diagnostic naming what was expected where, and an empty body.
/// Nesting deeper than 256 levels is an error, not a crash.
ParsedFile parse_hcl(const base::SourceFile& file);

/// Parses a standalone expression (for --var values and tests).
ExprPtr parse_expression(const base::SourceFile& file, base::Diagnostics& diagnostics);

}  // namespace guardrail::load::hcl
