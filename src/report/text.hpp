#pragma once
#include <string>

#include "report/mask.hpp"

#include "scan/scanner.hpp"

namespace guardrail::report {

struct TextOptions {
  bool color = false;
  bool summary = true;
  bool verbose = false;  // resources by type, and the files not read as infrastructure, and why
  bool quiet = false;    // findings and errors only: no warnings, notes or summary
  bool show_undecided = false;  // list the checks that could not be decided, with their reason
};

/// Compiler-style diagnostics, one block per finding and per error of the
/// run, merged in output order (path, line, column, rule):
///
///     k8s/web.yaml:14:11: high[PSS-003]: container "app" is privileged
///     privileged: true
///                 ^~~~
///
/// then a summary: files by kind, resources by type, findings by severity,
/// errors, warnings and undecided checks.
std::string render_text(const scan::ScanResult& result, const TextOptions& options);

/// A diagnostic of the run with its snippet (when `source` has the line).
std::string render_diagnostic(const base::Diagnostic& d, const base::SourceFile* source, bool color);

/// One diagnostic (or finding header) with its snippet, as above, masked by
/// `mask` (a secret finding's own value, and every secret on the line).
std::string render_block(const std::string& header, const base::Location& where,
                         const base::SourceFile* source, const Mask& mask);
std::string render_block(const std::string& header, const base::Location& where,
                         const base::SourceFile* source, bool secret = false);

}  // namespace guardrail::report
