#include "evaluate/finding.hpp"

#include <tuple>

namespace guardrail::evaluate {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "medium";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

bool operator<(const Finding& a, const Finding& b) {
  return std::tie(a.where.file, a.where.line, a.where.column, a.rule_id, a.where.end_line,
                  a.where.end_column, a.message, a.resource) <
         std::tie(b.where.file, b.where.line, b.where.column, b.rule_id, b.where.end_line,
                  b.where.end_column, b.message, b.resource);
}

}  // namespace guardrail::evaluate
