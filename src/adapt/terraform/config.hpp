#pragma once
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "load/hcl/ast.hpp"
#include "load/hcl/parse.hpp"

namespace guardrail::adapt::terraform {

using load::hcl::Block;
using load::hcl::Body;
using load::hcl::Expr;

/// One parsed configuration file of a module directory.
struct ConfigFile {
  const base::SourceFile* source = nullptr;
  load::hcl::Body body;
  bool reported = true;  // named on the command line (or under a named folder)
};

struct VariableDecl {
  std::string name;
  const Block* block = nullptr;
  const Expr* default_expr = nullptr;
  bool sensitive = false;
  /// `nullable = false`: a null input takes the default.
  bool nullable = true;
};

struct LocalDecl {
  std::string name;
  const load::hcl::Attribute* attribute = nullptr;
};

struct ResourceDecl {
  bool data = false;
  std::string type, name;
  const Block* block = nullptr;
};

struct ModuleCallDecl {
  std::string name;
  std::string source;
  const Block* block = nullptr;
};

struct OutputDecl {
  std::string name;
  const Expr* expr = nullptr;
};

struct ProviderDecl {
  std::string name;   // "aws"
  std::string alias;  // "" for the default configuration
  const Block* block = nullptr;
};

/// What one module directory declares, from all its .tf/.tofu files (a
/// .tofu file replaces the .tf file of the same name, as OpenTofu does).
/// Holds pointers into `files`: keep it alive and unmoved while in use.
/// Override files (override.tf, *_override.tf) are merged into the blocks
/// they override, as Terraform does (index_config).
struct ModuleConfig {
  std::string dir;       // as displayed: "envs/prod"
  std::string disk_dir;  // for reading files and local modules
  std::vector<ConfigFile> files;
  std::vector<ConfigFile> override_files;  // merged into `files` by index_config; kept alive
  std::vector<VariableDecl> variables;
  std::vector<LocalDecl> locals;
  std::vector<ResourceDecl> resources;
  std::vector<ModuleCallDecl> module_calls;
  std::vector<OutputDecl> outputs;
  std::vector<ProviderDecl> providers;
  base::Diagnostics diagnostics;
  /// Where each declaration is in its vector, by the name index_config
  /// gives it ("var.x", "local.x", "data.t.n", "t.n", "module.x",
  /// "output.x"): a module of thousands of declarations is not searched
  /// linearly at every reference.
  std::unordered_map<std::string, size_t> positions;

  const VariableDecl* variable(std::string_view name) const;
  const LocalDecl* local(std::string_view name) const;
  const ResourceDecl* resource(bool data, std::string_view type, std::string_view name) const;
  const ModuleCallDecl* module_call(std::string_view name) const;
  const OutputDecl* output(std::string_view name) const;
};

/// override.tf, *_override.tf (and their .tf.json and .tofu forms).
bool is_override_file(std::string_view path);

/// Merges override files into the others, then indexes the declarations of
/// the parsed files (kept in `config.files`). Duplicate declarations are
/// `tf-config` errors; an override block with nothing to override is a
/// `tf-override` error.
void index_config(ModuleConfig& config);

/// The body of a .tf.json file: JSON objects become blocks by Terraform's
/// known block types (resource and data take two labels, variable, output,
/// module and provider one), strings with ${...} become templates.
load::hcl::Body json_config_body(const model::Value& document, const base::SourceFile& file,
                                 std::vector<std::unique_ptr<base::SourceFile>>& owned,
                                 base::Diagnostics& diagnostics);

/// The traversal an expression is (`aws_instance.web`, `each.key`,
/// `tags["x"]` as `tags`), as names; nullopt when it is not a plain traversal.
std::optional<std::vector<std::string>> traversal(const Expr& e);

}  // namespace guardrail::adapt::terraform
