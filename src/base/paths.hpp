#pragma once

#include <filesystem>
#include <system_error>

namespace guardrail::base {

/// A path made absolute (from the working folder) and normal, so that two
/// spellings of one file ("plan.json", "./x/../plan.json") compare equal.
/// A path the working folder cannot resolve is kept, made normal.
inline std::filesystem::path absolute_normal(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return (ec ? path : abs).lexically_normal();
}

}  // namespace guardrail::base
