#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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

/// `path` (absolute, or relative to `base`) relative to `root`, in generic
/// form ("envs/prod/main.tf"), or nothing when it lies outside `root` or is
/// `root` itself.
inline std::optional<std::string> path_within(const std::filesystem::path& base, std::string_view path,
                                              const std::filesystem::path& root) {
  std::filesystem::path absolute = (base / std::filesystem::path(path)).lexically_normal();
  std::string text = absolute.lexically_relative(root).generic_string();
  if (text.empty() || text == "." || text.rfind("..", 0) == 0) return std::nullopt;
  return text;
}

}  // namespace guardrail::base
