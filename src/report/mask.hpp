#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/location.hpp"

namespace guardrail::report {

/// What to hide on the lines of one finding (GUARDRAILS.md, SEC-004: the
/// secret value never appears in any output). `where` is the finding's
/// location; `secret` says the attribute there holds a secret.
struct Mask {
  base::Location where;
  bool secret = false;
};

/// A source line as outputs may show it. On every line, AWS access key IDs
/// (AKIA/ASIA + 16) keep only their prefix. For a secret finding, the value
/// on its first line (everything after the first ':' or '=' from the
/// finding's column, or after the first word when there is none) and the
/// whole of its following lines become '*'. Whitespace and quotes stay.
std::string mask_line(std::string_view line, uint32_t line_no, const Mask& mask);

}  // namespace guardrail::report
