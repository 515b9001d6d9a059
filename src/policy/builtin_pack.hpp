#pragma once
#include <span>
#include <string_view>

namespace guardrail::policy {

/// A shipped rule, data table or policy file, compiled into the binary.
struct PackFile {
  std::string_view path;     // relative to the repository: "rules/net/NET-001/rule.grl"
  std::string_view content;
};

/// Every file of rules/, policies/, data/ and frameworks/ that the build embedded, sorted by path.
std::span<const PackFile> builtin_pack();

/// SHA-256 over the paths and hashes of the embedded rule files (rules/**.grl):
/// what a compiled pack must have been made from.
std::string_view builtin_rules_fingerprint();

/// The content of one embedded file ("data/cloudformation.tsv"), or "" when
/// the build embedded no such file.
std::string_view builtin_file(std::string_view path);

}  // namespace guardrail::policy
