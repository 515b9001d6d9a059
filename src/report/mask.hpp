#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace guardrail::report {

/// Replaces the code points in each [begin, end) column range (1-based) of a
/// line with '*', so a secret never reaches an output.
std::string mask_columns(const std::string& line, const std::vector<std::pair<uint32_t, uint32_t>>& ranges);

}  // namespace guardrail::report
