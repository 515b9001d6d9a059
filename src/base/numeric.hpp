#pragma once
#include <cmath>
#include <cstdint>
#include <optional>

namespace guardrail::base {

/// `d` as an int64_t when it is a finite whole number within int64_t's
/// range; nullopt otherwise (NaN, infinities and 1e308 would make a cast
/// undefined behaviour).
inline std::optional<int64_t> whole_number(double d) {
  if (!std::isfinite(d) || std::floor(d) != d) return std::nullopt;
  if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) return std::nullopt;
  return static_cast<int64_t>(d);
}

/// `d` truncated and clamped into [lo, hi]; NaN gives lo.
inline int64_t clamp_to(double d, int64_t lo, int64_t hi) {
  if (std::isnan(d) || d <= static_cast<double>(lo)) return lo;
  if (d >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(d);
}

}  // namespace guardrail::base
