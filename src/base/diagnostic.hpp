#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.hpp"

namespace guardrail::base {

/// How bad a problem of the run itself is. Errors make `guardrail` exit 2;
/// warnings and notes never change the exit status.
enum class Level { error, warning, note };

std::string_view to_string(Level level);

/// A problem with an input or a policy (not a finding of a rule), such as
/// `main.tf:12:7: error[hcl-syntax]: expected '='`.
struct Diagnostic {
  Level level = Level::error;
  std::string code;  // "yaml-syntax", "hcl-syntax", "policy-type", ...
  Location where;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

inline Diagnostic error(std::string code, Location where, std::string message) {
  return {Level::error, std::move(code), where, std::move(message)};
}
inline Diagnostic warning(std::string code, Location where, std::string message) {
  return {Level::warning, std::move(code), where, std::move(message)};
}

bool has_errors(const Diagnostics& diagnostics);

/// Source lines wider than this many code points are shown as a window of
/// that width around the caret, cut with "…", so that output stays
/// proportional to the findings, not to the lines (a one-line 10 MB export).
inline constexpr uint32_t kMaxSnippetColumns = 160;
inline constexpr uint32_t kSnippetLead = 60;  // columns shown before the caret

/// A line as shown: whole when narrow, else a window; columns moved to match.
struct Window {
  std::string text;
  uint32_t column = 1, end_column = 1;
};
Window window_line(std::string_view line, uint32_t column, uint32_t end_column);

/// The source line (windowed, see kMaxSnippetColumns) and a caret line under `column` (1-based, code points),
/// with `~` up to `end_column` when the span ends on the same line. Tabs in the
/// line are kept in the caret line's indentation so the caret lines up.
/// Returns "" when `line` is empty.
std::string caret_snippet(std::string_view line, uint32_t column, uint32_t end_column);

}  // namespace guardrail::base
