#include "adapt/terraform/terragrunt.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "adapt/terraform/functions.hpp"
#include "load/limits.hpp"

namespace guardrail::adapt::terraform {
namespace {

namespace fs = std::filesystem;
using load::hcl::Attribute;
using load::hcl::Block;
using load::hcl::Body;
using model::Value;

/// Includes and read_terragrunt_config calls nested deeper than this are
/// not read (Terragrunt itself allows one level of include).
constexpr int kMaxFileDepth = 16;
/// Locals referring to locals, deeper than this: unknown (each level is a
/// nested evaluation on the stack).
constexpr int kMaxLocalDepth = 200;

/// An absolute, normalized path without a trailing separator.
std::string normal(const fs::path& p) {
  std::error_code ec;
  fs::path n = fs::absolute(p, ec).lexically_normal();
  std::string s = n.generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

/// A path as messages show it: relative to the folder guardrail runs in
/// when it is below it.
std::string shown(const std::string& path) {
  std::error_code ec;
  std::string r = fs::path(path).lexically_relative(fs::current_path(ec)).generic_string();
  return r.empty() || r.rfind("..", 0) == 0 ? path : r;
}

std::string relative(const std::string& to, const std::string& from) {
  std::string r = fs::path(to).lexically_relative(from).generic_string();
  return r.empty() ? "." : r;
}

/// How an included configuration is merged into the one that includes it.
enum class Merge { shallow, deep, deep_map_only, none };

/// Maps merged member by member, `child` winning; with `lists`, lists are
/// concatenated; with `deep`, maps in both are merged the same way.
Value merged(const Value& parent, const Value& child, bool deep, bool lists) {
  if (parent.is_map() && child.is_map()) {
    Value out = parent;
    for (const model::Member& m : child.as_map()) {
      Value* mine = out.find(m.key);
      if (mine && deep) *mine = merged(*mine, m.value, deep, lists);
      else out.set(m.key, m.value, m.key_location);
    }
    return out;
  }
  if (lists && parent.is_list() && child.is_list()) {
    Value out = parent;
    for (const Value& v : child.as_list()) out.push_back(v);
    return out;
  }
  return child;
}

/// A `generate` block: the file it writes.
struct Generated {
  std::string path;
  Value contents;
  bool skip_if_exists = false;  // if_exists = "skip": a module file of that name wins
};

/// One configuration file evaluated: what it declares, and what a child
/// (through `include.NAME`) or read_terragrunt_config sees of it.
struct Evaluated {
  Value locals = Value::map();
  Value inputs;  // a map, or null when it sets none
  Value source;  // terraform.source: a string, unknown, or null
  base::Location source_where;
  /// extra_arguments blocks' var files, by block name in the order written:
  /// a child's block replaces an included block of the same name.
  std::vector<std::pair<std::string, std::vector<std::string>>> var_files;
  std::map<std::string, Value> dependencies;                      // name -> {config_path, outputs}
  std::map<std::string, Generated> generate;                      // by block name
  bool inputs_partial = false;  // an included configuration's inputs were unknown

  Value exposed() const {
    Value out = Value::map();
    out.set("locals", locals);
    out.set("inputs", inputs.is_null() ? Value::map() : inputs);
    Value deps = Value::map();
    for (const auto& [name, d] : dependencies) deps.set(name, d);
    out.set("dependency", std::move(deps));
    Value terraform = Value::map();
    if (!source.is_null()) terraform.set("source", source);
    out.set("terraform", std::move(terraform));
    return out;
  }
};

/// `parent` merged under `child` as `merge` says.
Evaluated merge_into(const Evaluated& parent, Evaluated child, Merge merge) {
  if (merge == Merge::none) return child;
  bool parent_unknown = !parent.inputs.is_null() && !parent.inputs.is_map();
  bool child_unknown = !child.inputs.is_null() && !child.inputs.is_map();
  if (child_unknown) {
    // The child's own inputs are unknown: so is what it makes of them.
  } else if (parent_unknown) {
    // The child's known keys stand; the parent's are lost (and said to be).
    child.inputs_partial = true;
    if (child.inputs.is_null()) child.inputs = parent.inputs;
  } else if (parent.inputs.is_map()) {
    child.inputs = merged(parent.inputs, child.inputs.is_map() ? child.inputs : Value::map(), merge != Merge::shallow,
                          merge == Merge::deep);
  }
  if (child.source.is_null()) {
    child.source = parent.source;
    child.source_where = parent.source_where;
  }
  auto files = parent.var_files;
  for (auto& block : child.var_files) {
    auto same = std::find_if(files.begin(), files.end(), [&](const auto& b) { return b.first == block.first; });
    if (same != files.end()) same->second = std::move(block.second);
    else files.push_back(std::move(block));
  }
  child.var_files = std::move(files);
  child.inputs_partial = child.inputs_partial || parent.inputs_partial;
  for (const auto& [name, d] : parent.dependencies) {
    auto [it, fresh] = child.dependencies.emplace(name, d);
    // Deep: a child's block of the same name keeps what it does not set (mock outputs).
    if (!fresh && merge == Merge::deep) it->second = merged(d, it->second, true, true);
  }
  for (const auto& [name, g] : parent.generate) child.generate.emplace(name, g);
  return child;
}

struct Include {
  std::string name;
  std::string dir;  // the included file's folder
};

/// What one file being evaluated can name.
struct Frame {
  std::string terragrunt_dir;  // get_terragrunt_dir() in it
  std::string own_dir;         // the file's own folder: file() reads relative to it
  std::optional<Include> current;  // evaluating an included file: that include
  std::map<std::string, const Attribute*> local_exprs;
  std::map<std::string, Value> locals;
  std::set<std::string> evaluating;
  std::map<std::string, Value> included;  // exposed includes
  std::map<std::string, Value> dependencies;
  ExternalNames names;
};

class UnitEvaluator {
 public:
  UnitEvaluator(const HclReader& read, std::string unit_dir, base::Diagnostics& diagnostics)
      : read_(read), unit_dir_(std::move(unit_dir)), diagnostics_(diagnostics) {}

  /// Evaluates a file; `with_includes` for the unit and configurations read
  /// with read_terragrunt_config (not for included ones: no nested include).
  Evaluated evaluate(const Body& body, const std::string& disk_path, const std::string& terragrunt_dir,
                     bool with_includes, int depth, const Include* current = nullptr);
  /// The unit's evaluation budget (steps and nesting), shared by every
  /// expression it evaluates; running out is reported in `diagnostics`.
  void start_budget(uint64_t bytes) {
    const load::Limits& bounds = load::limits();
    budget_.limit = bounds.eval_steps_base + bounds.eval_steps_per_byte * bytes;
    budget_.diagnostics = &diagnostics_;
  }
  /// Every configuration included along the way.
  const std::set<std::string>& read() const { return read_files_; }

 private:
  /// An expression's value; when an error of a Terragrunt function made it
  /// unknown (nothing caught it with try()), a warning at the expression says so.
  Value eval(Frame& f, const load::hcl::Expr& e) {
    Value v = evaluate_external(e, f.names);
    if (v.is_unknown() && !v.location().file.empty() && v.location() == e.where) {
      const std::string& why = v.as_string();
      if (why.rfind("find_in_parent_folders: ", 0) == 0 || why.rfind("read_terragrunt_config: ", 0) == 0)
        warn(e.where, why + ", so this value is unknown");
    }
    return v;
  }
  Value local(Frame& f, const std::string& name, const base::Location& where);
  std::optional<Value> function(Frame& f, const std::string& name, std::vector<Value>& args,
                                const base::Location& where);
  const Include* include_named(const Frame& f, const std::vector<Value>& args) const;
  void warn(const base::Location& where, std::string message) {
    diagnostics_.push_back(base::warning("terragrunt", where, std::move(message)));
  }
  void bind(Frame& f);

  const HclReader& read_;
  std::string unit_dir_;
  base::Diagnostics& diagnostics_;
  std::vector<Include> includes_;  // the unit's
  std::set<std::string> reading_;  // files being evaluated (read_terragrunt_config cycles)
  std::set<std::string> read_files_;
  std::map<std::string, Value> read_cache_;  // read_terragrunt_config results, by path
  ExternalNames::Budget budget_;
  int local_depth_ = 0;
  int file_depth_ = 0;
};

void UnitEvaluator::bind(Frame& f) {
  f.names.disk_dir = f.own_dir;
  f.names.budget = &budget_;
  f.names.attribute = [this, &f](const std::string& ns, const std::string& name,
                                 const base::Location& where) -> std::optional<Value> {
    if (ns == "local") return local(f, name, where);
    if (ns == "include") {
      if (auto it = f.included.find(name); it != f.included.end()) return it->second;
      // `include.locals` of a bare (unlabelled) include.
      if (auto it = f.included.find(""); it != f.included.end())
        if (const Value* v = it->second.find(name)) return *v;
      return std::nullopt;
    }
    if (ns == "dependency") {
      if (auto it = f.dependencies.find(name); it != f.dependencies.end()) return it->second;
    }
    return std::nullopt;
  };
  f.names.function = [this, &f](const std::string& name, std::vector<Value>& args,
                                const base::Location& where) { return function(f, name, args, where); };
}

Value UnitEvaluator::local(Frame& f, const std::string& name, const base::Location& where) {
  if (auto it = f.locals.find(name); it != f.locals.end()) return it->second;
  auto decl = f.local_exprs.find(name);
  if (decl != f.local_exprs.end() && f.evaluating.count(name)) {
    warn(where, "local." + name + " needs its own value (a cycle of locals), so it is unknown");
    return Value::unknown("", where);
  }
  if (decl == f.local_exprs.end() || local_depth_ >= kMaxLocalDepth) return Value::unknown("", where);
  f.evaluating.insert(name);
  ++local_depth_;
  Value v = eval(f, *decl->second->expr);
  --local_depth_;
  f.evaluating.erase(name);
  f.locals[name] = v;
  return v;
}

/// The include a path function means, as Terragrunt picks it: in an
/// included file, that include; with one include, it whatever the name;
/// else the one named (the first when none is).
const Include* UnitEvaluator::include_named(const Frame& f, const std::vector<Value>& args) const {
  if (f.current) return &*f.current;
  if (includes_.empty()) return nullptr;
  if (includes_.size() == 1 || args.empty()) return &includes_.front();
  if (!args[0].is_string()) return nullptr;
  for (const Include& i : includes_)
    if (i.name == args[0].as_string()) return &i;
  return nullptr;
}

std::optional<Value> UnitEvaluator::function(Frame& f, const std::string& name, std::vector<Value>& args,
                                             const base::Location& where) {
  auto text = [&](const std::string& s) { return Value::string(s, where); };
  if (name == "find_in_parent_folders") {
    std::string target = "terragrunt.hcl";
    if (!args.empty()) {
      if (!args[0].is_string()) return Value::unknown("", where);
      if (!args[0].as_string().empty()) target = args[0].as_string();
    }
    // From the folder above the unit's, up to the file system's root.
    fs::path dir = fs::path(f.terragrunt_dir).parent_path();
    for (int steps = 0; steps < 4096; ++steps) {
      std::error_code ec;
      if (fs::exists(dir / target, ec)) return text(normal(dir / target));  // a file or a folder
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
    if (args.size() > 1) return args[1];
    // An error, as Terragrunt's: try() may catch it (local() warns when nothing does).
    throw EvalError("find_in_parent_folders: no " + target + " in a folder above " + shown(f.terragrunt_dir));
  }
  if (name == "get_terragrunt_dir") return text(f.terragrunt_dir);
  if (name == "get_original_terragrunt_dir") return text(unit_dir_);
  if (name == "get_parent_terragrunt_dir") {
    const Include* i = include_named(f, args);
    return text(i ? i->dir : unit_dir_);
  }
  if (name == "path_relative_to_include" || name == "path_relative_from_include") {
    const Include* i = include_named(f, args);
    if (!i) return text(".");
    return text(name == "path_relative_to_include" ? relative(unit_dir_, i->dir) : relative(i->dir, unit_dir_));
  }
  if (name == "get_env") {
    // The default, never this machine's environment: a scan is the same wherever it runs.
    if (args.size() > 1) return args[1];
    return Value::unknown("an environment variable", where);
  }
  if (name == "get_repo_root" || name == "get_path_from_repo_root" || name == "get_path_to_repo_root") {
    fs::path dir = unit_dir_;
    for (int steps = 0; steps < 4096; ++steps) {
      std::error_code ec;
      if (fs::exists(dir / ".git", ec)) {
        std::string root = normal(dir);
        if (name == "get_repo_root") return text(root);
        return text(name == "get_path_from_repo_root" ? relative(unit_dir_, root) : relative(root, unit_dir_));
      }
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
    return Value::unknown("", where);
  }
  if (name == "read_terragrunt_config") {
    if (args.empty() || !args[0].is_string()) return Value::unknown("", where);
    fs::path p = args[0].as_string();
    if (p.is_relative()) p = fs::path(f.terragrunt_dir) / p;
    std::string path = normal(p);
    std::error_code ec;
    if (fs::is_directory(path, ec)) path = normal(fs::path(path) / "terragrunt.hcl");  // as Terragrunt reads a folder
    if (auto cached = read_cache_.find(path); cached != read_cache_.end()) return cached->second;
    if (!fs::is_regular_file(path, ec)) {
      if (args.size() > 1) return args[1];
      throw EvalError("read_terragrunt_config: " + shown(path) + " is not a file");
    }
    if (reading_.count(path) || file_depth_ >= kMaxFileDepth) {
      warn(where, "read_terragrunt_config: " + shown(path) + " reads itself (a cycle), so what it reads is unknown");
      return Value::unknown("", where);
    }
    const Body* body = read_(path);
    if (!body) return Value::unknown("", where);
    budget_.limit += load::limits().eval_steps_per_byte * fs::file_size(path, ec);
    Evaluated read = evaluate(*body, path, fs::path(path).parent_path().generic_string(), true, file_depth_ + 1);
    // Read once per unit: a file read by many (or by itself twice over) is evaluated once.
    return read_cache_.emplace(path, read.exposed()).first->second;
  }
  if (name == "mark_as_read") return args.empty() ? Value::unknown("", where) : args[0];
  if (name.rfind("get_terraform_commands_that_need_", 0) == 0) {
    Value out = Value::list({}, where);
    for (const char* c : {"apply", "console", "destroy", "import", "plan", "push", "refresh"}) out.push_back(text(c));
    return out;
  }
  // What only the world knows: accounts, commands, secrets.
  static const std::set<std::string> kOutside = {
      "get_aws_account_id",    "get_aws_account_alias",      "get_aws_caller_identity_arn",
      "get_aws_caller_identity_user_id", "run_cmd",          "sops_decrypt_file",
      "get_terraform_command", "get_terraform_cli_args",     "get_platform",
      "get_working_dir",       "read_tfvars_file",           "get_default_retryable_errors",
      "local_exec",            "get_terragrunt_source_cli_flag"};
  if (kOutside.count(name)) return Value::unknown("known only when Terragrunt runs", where);
  return std::nullopt;
}

Evaluated UnitEvaluator::evaluate(const Body& body, const std::string& disk_path, const std::string& terragrunt_dir,
                                  bool with_includes, int depth, const Include* current) {
  Evaluated out;
  reading_.insert(disk_path);
  int saved_depth = file_depth_;
  file_depth_ = depth;
  Frame f;
  f.terragrunt_dir = terragrunt_dir;
  f.own_dir = fs::path(disk_path).parent_path().generic_string();
  if (current) f.current = *current;
  bind(f);

  // 1. include blocks: their paths use functions only.
  std::vector<std::pair<Evaluated, Merge>> parents;
  for (const Block& b : body.blocks) {
    if (b.type != "include") continue;
    if (!with_includes) {
      warn(b.where, "an include in an included configuration is not read (Terragrunt reads one level)");
      continue;
    }
    std::string name = b.labels.empty() ? "" : b.labels[0];
    const Attribute* path_attr = b.body.attribute("path");
    Value path = path_attr ? eval(f, *path_attr->expr) : Value();
    if (!path.is_string()) {
      warn(b.where, "this include's path could not be evaluated: what it holds is not merged");
      continue;
    }
    fs::path p = path.as_string();
    if (p.is_relative()) p = fs::path(terragrunt_dir) / p;
    std::string included = normal(p);
    Merge merge = Merge::shallow;
    if (const Attribute* m = b.body.attribute("merge_strategy")) {
      Value v = eval(f, *m->expr);
      std::string s = v.is_string() ? v.as_string() : "";
      merge = s == "deep" ? Merge::deep : s == "deep_map_only" ? Merge::deep_map_only
              : s == "no_merge"                                  ? Merge::none
                                                                 : Merge::shallow;
    }
    bool expose = false;
    if (const Attribute* x = b.body.attribute("expose")) {
      Value v = eval(f, *x->expr);
      expose = v.is_bool() && v.as_bool();
    }
    std::error_code ec;
    const Body* parent_body = nullptr;
    if (reading_.count(included) || depth >= kMaxFileDepth) warn(b.where, "this include includes itself (a cycle)");
    else if (!fs::is_regular_file(included, ec)) warn(b.where, "this include names " + shown(included) + ", which is not a file");
    else parent_body = read_(included);
    if (!parent_body) continue;
    read_files_.insert(included);
    std::error_code size_ec;
    budget_.limit += load::limits().eval_steps_per_byte * fs::file_size(included, size_ec);
    Include include{name, fs::path(included).parent_path().generic_string()};
    if (depth == 0) includes_.push_back(include);
    Evaluated parent = evaluate(*parent_body, included, terragrunt_dir, false, depth + 1, &include);
    if (expose) f.included[name] = parent.exposed();
    parents.emplace_back(std::move(parent), merge);
  }

  // 2. locals, evaluated on demand (they may name each other and includes).
  for (const Block& b : body.blocks)
    if (b.type == "locals")
      for (const Attribute& a : b.body.attributes) f.local_exprs[a.name] = &a;
  for (const auto& [name, attr] : f.local_exprs) out.locals.set(name, local(f, name, attr->name_where));

  // 3. dependencies: the parents' first, so a child's inputs may name them.
  for (const auto& [parent, merge] : parents)
    if (merge != Merge::none)
      for (const auto& [name, d] : parent.dependencies) f.dependencies.emplace(name, d);
  for (const Block& b : body.blocks) {
    if (b.type != "dependency" || b.labels.empty()) continue;
    Value dep = Value::map({}, b.where);
    if (const Attribute* cp = b.body.attribute("config_path")) dep.set("config_path", eval(f, *cp->expr));
    const Attribute* mocks = b.body.attribute("mock_outputs");
    Value outputs = mocks ? eval(f, *mocks->expr) : Value();
    // Deep-merged: what this block does not set comes from an included
    // block of the same name (the _envcommon pattern's mock outputs).
    const Value* inherited = nullptr;
    for (const auto& [parent, merge] : parents)
      if (merge == Merge::deep)
        if (auto it = parent.dependencies.find(b.labels[0]); it != parent.dependencies.end())
          if (const Value* o = it->second.find("outputs"); o && o->is_map()) inherited = o;
    if (inherited) outputs = outputs.is_map() ? merged(*inherited, outputs, true, true) : *inherited;
    // Mock outputs stand for some of the outputs: one they lack is known
    // only after apply (mock_outputs_merge_strategy_with_state), not an error.
    if (outputs.is_map()) outputs.set_tag(model::kOpenMapTag);
    if (!outputs.is_map())
      outputs = Value::unknown("the outputs of dependency \"" + b.labels[0] +
                                   "\" are known only after it is applied (set mock_outputs to give them)",
                               b.where);
    dep.set("outputs", std::move(outputs));
    f.dependencies[b.labels[0]] = dep;
    out.dependencies[b.labels[0]] = std::move(dep);
  }

  // 4. everything else.
  if (const Attribute* in = body.attribute("inputs")) {
    const load::hcl::Expr& e = *in->expr;
    if (e.kind == load::hcl::ExprKind::object) {
      // Member by member: an input Terraform would reject is unknown, not every input.
      out.inputs = Value::map({}, e.where);
      for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
        Value k = eval(f, *e.children[i]);
        if (!k.is_string()) {
          out.inputs = Value::unknown("", e.where);
          break;
        }
        Value v = eval(f, *e.children[i + 1]);
        if (!v.location().known()) v.set_location(e.children[i + 1]->where);
        out.inputs.set(k.as_string(), std::move(v), e.children[i]->where);
      }
    } else {
      out.inputs = eval(f, e);
    }
    if (!out.inputs.is_map() && !out.inputs.is_unknown()) out.inputs = Value::unknown("", in->where);
  }
  for (const Block& b : body.blocks) {
    if (b.type == "terraform") {
      if (const Attribute* s = b.body.attribute("source")) {
        out.source = eval(f, *s->expr);
        out.source_where = s->where;
      }
      for (const Block& extra : b.body.blocks) {
        if (extra.type != "extra_arguments") continue;
        std::vector<std::string>& block_files =
            out.var_files.emplace_back(extra.labels.empty() ? "" : extra.labels[0], std::vector<std::string>{}).second;
        for (const char* key : {"required_var_files", "optional_var_files"}) {
          const Attribute* a = extra.body.attribute(key);
          Value files = a ? eval(f, *a->expr) : Value();
          if (!files.is_list()) continue;
          for (const Value& file : files.as_list()) {
            if (!file.is_string()) continue;
            fs::path p = file.as_string();
            if (p.is_relative()) p = fs::path(terragrunt_dir) / p;
            std::error_code ec;
            if (std::string(key) == "required_var_files" || fs::is_regular_file(p, ec)) block_files.push_back(normal(p));
          }
        }
      }
    }
    if (b.type == "generate" && !b.labels.empty()) {
      const Attribute* path = b.body.attribute("path");
      const Attribute* contents = b.body.attribute("contents");
      const Attribute* disable = b.body.attribute("disable");
      Value off = disable ? eval(f, *disable->expr) : Value();
      if (!path || !contents || (off.is_bool() && off.as_bool())) continue;
      Value p = eval(f, *path->expr);
      const Attribute* exists = b.body.attribute("if_exists");
      Value if_exists = exists ? eval(f, *exists->expr) : Value();
      out.generate[b.labels[0]] = {p.is_string() ? p.as_string() : "", eval(f, *contents->expr),
                                   if_exists.is_string() && if_exists.as_string() == "skip"};
    }
  }
  // Later includes win over earlier ones, the file itself over all.
  for (auto it = parents.rbegin(); it != parents.rend(); ++it) out = merge_into(it->first, std::move(out), it->second);
  file_depth_ = saved_depth;
  reading_.erase(disk_path);
  return out;
}

}  // namespace

ModuleSource split_module_source(const std::string& source, const std::string& unit_dir) {
  ModuleSource out;
  std::string s = source;
  if (size_t q = s.find('?'); q != std::string::npos) s.resize(q);
  // A scheme ("git::", "tfr://", "https://", "s3::") or a host makes it remote.
  size_t scheme = s.find("://");
  size_t getter = s.find("::");
  bool remote = scheme != std::string::npos || getter != std::string::npos ||
                s.rfind("github.com/", 0) == 0 || s.rfind("bitbucket.org/", 0) == 0 || s.rfind("git@", 0) == 0;
  // The module's folder: after the "//" that follows the address's own.
  size_t from = scheme != std::string::npos ? scheme + 3 : 0;
  if (size_t slashes = s.find("//", from); slashes != std::string::npos) {
    out.subdir = s.substr(slashes + 2);
    s.resize(slashes);
  }
  while (!out.subdir.empty() && out.subdir.back() == '/') out.subdir.pop_back();
  out.local = !remote;
  if (out.local) {
    fs::path p = s.empty() ? fs::path(unit_dir) : fs::path(s);
    if (p.is_relative()) p = fs::path(unit_dir) / p;
    out.root = normal(p);
  } else {
    out.root = s;
  }
  return out;
}

TerragruntUnit evaluate_terragrunt(const Body& body, const std::string& disk_path, const base::Location& where,
                                   const HclReader& read) {
  TerragruntUnit unit;
  std::string path = normal(disk_path);
  unit.disk_dir = fs::path(path).parent_path().generic_string();
  unit.where = where;
  UnitEvaluator evaluator(read, unit.disk_dir, unit.diagnostics);
  std::error_code ec;
  evaluator.start_budget(fs::file_size(path, ec));
  Evaluated ev = evaluator.evaluate(body, path, unit.disk_dir, true, 0);
  if (ev.source.is_string()) {
    unit.source = ev.source.as_string();
  } else if (!ev.source.is_null()) {
    unit.source_known = false;
  }
  unit.source_where = ev.source_where;
  if (ev.inputs.is_map()) {
    for (const model::Member& m : ev.inputs.as_map()) unit.inputs.values.emplace_back(m.key, m.value);
    if (ev.inputs_partial)
      unit.diagnostics.push_back(base::warning(
          "terragrunt", where,
          "the inputs of a configuration this unit includes could not be evaluated: the variables only they set "
          "are judged with their defaults"));
  } else if (ev.inputs.is_unknown()) {
    unit.diagnostics.push_back(base::warning(
        "terragrunt", where,
        "this unit's inputs could not be evaluated, so its module is judged with its variables' defaults"));
  }
  for (const auto& [name, g] : ev.generate) {
    const std::string& file = g.path;
    const Value& contents = g.contents;
    if (!contents.is_string()) {
      if (file.ends_with(".tf"))
        unit.diagnostics.push_back(base::Diagnostic{base::Level::note, "terragrunt", where,
                                                 "the contents of generate \"" + name +
                                                     "\" could not be evaluated (it needs what only a run knows), "
                                                     "so " + file + " is not read: its provider's region and "
                                                     "account are unknown"});
      continue;
    }
    if (file.ends_with(".tf") || file.ends_with(".tofu"))
      unit.generated.push_back({file, contents.as_string(), g.skip_if_exists});
  }
  for (auto& [name, files] : ev.var_files)
    for (std::string& file : files) unit.var_files.push_back(std::move(file));
  unit.read.assign(evaluator.read().begin(), evaluator.read().end());
  return unit;
}

}  // namespace guardrail::adapt::terraform
