#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "policy/ast.hpp"

namespace guardrail::policy {

/// Rules and policies from any number of files, parsed and checked together.
struct Pack {
  /// The policy files, for snippets; a compiled rule's is added when asked for.
  mutable std::vector<std::unique_ptr<base::SourceFile>> sources;
  std::vector<std::unique_ptr<Rule>> rules;                // sorted by ID after check()
  std::vector<std::unique_ptr<Policy>> policies;
  /// Data tables shipped with the rules (rules/**/*.tsv), by file name.
  std::map<std::string, std::string> tables;
  /// One fire case per shipped rule, by path (rules/<area>/<ID>/cases/fire/<file>).
  std::map<std::string, std::string> examples;
  base::Diagnostics diagnostics;

  const Rule* rule(std::string_view id) const;
  const Policy* policy(std::string_view name) const;
  const base::SourceFile* source(std::string_view path) const;
  std::map<std::string, const Rule*> rules_by_id() const;
};

/// Parses one file into the pack. With `replace`, a rule or policy whose ID
/// or name is already in the pack replaces it (a user's file over the
/// shipped pack); otherwise a repeated ID is an error at check time.
void add_file(Pack& pack, const std::string& path, std::string text, bool replace = false);

/// Adds every `*.grl` file under a folder (sorted), and its `*.tsv` tables.
void add_directory(Pack& pack, const std::filesystem::path& dir, const std::filesystem::path& root,
                   bool replace = false);

/// Adds the rules, tables and policies compiled into the binary.
void add_builtin(Pack& pack);

/// Checks every rule and policy; reports duplicate IDs. Sorts rules by ID.
void check(Pack& pack);

}  // namespace guardrail::policy
