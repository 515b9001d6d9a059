#include "scan/terraform_stage.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "adapt/terraform/config.hpp"
#include "model/supplied.hpp"
#include "adapt/terraform/evaluator.hpp"
#include "adapt/terraform/terragrunt.hpp"
#include "base/intern.hpp"
#include "base/paths.hpp"
#include "load/json_loader.hpp"
#include "model/encoded.hpp"
#include "load/limits.hpp"
#include "load/text_decode.hpp"
#include "scan/discover.hpp"
#include "scan/parallel.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace tf = adapt::terraform;

namespace {

/// An absolute folder path without "." or ".." parts and without a trailing
/// separator ("../../" from a module call ends in one): the key of a module.
std::string normal_dir(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (p.has_parent_path() && p.filename().empty()) p = p.parent_path();
  return p.string();
}

std::string folder_of(const std::string& disk_path) {
  std::error_code ec;
  fs::path p = fs::absolute(disk_path, ec).lexically_normal();
  return p.parent_path().string();
}

bool is_vars_file(const std::string& name) {
  return name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
         (name.size() > 12 && name.find(".auto.tfvars") != std::string::npos);
}

/// A file read for the evaluation (a module outside the scan, a variables
/// file), decoded; nullptr with an `io` or `encoding` error when it cannot be.
std::unique_ptr<base::SourceFile> read_source(const fs::path& p, const std::string& shown,
                                              base::Diagnostics& diagnostics) {
  base::FileRead read = load::read_document(p.string());
  if (!read.ok()) {
    diagnostics.push_back(base::error("io", {base::intern(shown)}, read.error));
    return nullptr;
  }
  load::Decoded decoded = load::decode_text(std::move(read.bytes));
  auto src = std::make_unique<base::SourceFile>(shown, std::move(decoded.text));
  if (!decoded.error.empty()) {
    diagnostics.push_back(
        base::error("encoding", src->location(decoded.error_offset, decoded.error_offset + 1), decoded.error));
    return nullptr;
  }
  return src;
}

/// The body of a file, HCL or JSON.
load::hcl::Body body_of(LoadedFile& f, std::vector<std::unique_ptr<base::SourceFile>>& owned,
                        base::Diagnostics& diagnostics) {
  if (f.hcl) return std::move(f.hcl->body);
  if (!f.documents.empty() && f.source) return tf::json_config_body(f.documents[0], *f.source, owned, diagnostics);
  return {};
}

/// Adds the values of a tfvars body (constant expressions) to `inputs`.
void add_vars(const load::hcl::Body& body, tf::VariableInputs& inputs) {
  for (const load::hcl::Attribute& a : body.attributes) inputs.values.emplace_back(a.name, tf::evaluate_constant(*a.expr));
}

/// The folder of a remote module that Terragrunt downloaded for a unit
/// (.terragrunt-cache/HASH/HASH/SUBDIR holding .tf files), or "". With
/// several (a source changed since), the one written last.
std::string cached_module(const std::string& unit_dir, const std::string& subdir) {
  std::error_code ec;
  fs::path cache = fs::path(unit_dir) / ".terragrunt-cache";
  if (!fs::is_directory(cache, ec)) return "";
  std::string newest;
  fs::file_time_type newest_time{};
  for (const auto& a : fs::directory_iterator(cache, ec)) {
    if (!a.is_directory(ec)) continue;
    for (const auto& b : fs::directory_iterator(a.path(), ec)) {
      fs::path dir = subdir.empty() ? b.path() : b.path() / subdir;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".tf") continue;
        fs::file_time_type t = fs::last_write_time(dir, ec);
        // Ties (and equal times) go to the path that sorts first: the same answer every run.
        if (newest.empty() || t > newest_time || (t == newest_time && dir.string() < newest)) {
          newest = dir.string();
          newest_time = t;
        }
        break;
      }
    }
  }
  return newest;
}

/// A unit's own copy of its module's configuration, as Terragrunt lays out
/// its working folder: the module's files, the unit folder's own .tf files
/// (`own`, when the unit names a source elsewhere) over those of the same
/// name, and the files its `generate` blocks write (provider.tf, most often:
/// the region, account and default tags of the unit's environment).
std::unique_ptr<tf::ModuleConfig> unit_copy(const tf::ModuleConfig& module, const tf::ModuleConfig* own,
                                            const tf::TerragruntUnit& unit, const std::string& unit_dir,
                                            TerraformOutput& out) {
  auto cfg = std::make_unique<tf::ModuleConfig>();
  cfg->dir = module.dir;
  cfg->disk_dir = module.disk_dir;
  // What the generated files replace: a module file of the same name, unless
  // the block says to skip when one exists.
  auto name_of = [](const tf::ConfigFile& f) { return fs::path(std::string(f.source->path())).filename().string(); };
  std::set<std::string> module_files, generated, unit_files;
  for (const tf::ConfigFile& f : module.files)
    if (f.source) module_files.insert(name_of(f));
  if (own)
    for (const auto* files : {&own->files, &own->override_files})
      for (const tf::ConfigFile& f : *files)
        if (f.source) unit_files.insert(name_of(f)), module_files.insert(name_of(f));
  std::vector<const tf::TerragruntUnit::File*> written;
  for (const tf::TerragruntUnit::File& g : unit.generated) {
    std::string name = fs::path(g.path).filename().string();
    if (g.skip_if_exists && module_files.count(name)) continue;
    generated.insert(name);
    written.push_back(&g);
  }
  base::Diagnostics again;  // the module's own problems are reported with it
  auto copy = [&](const tf::ConfigFile& f, bool from_unit) {
    if (!f.source || generated.count(name_of(f)) || (!from_unit && unit_files.count(name_of(f)))) return;
    tf::ConfigFile c;
    c.source = f.source;
    c.reported = f.reported;
    if (f.source->path().ends_with(".json")) {
      load::Documents docs = load::load_json(*f.source);
      if (!docs.documents.empty()) c.body = tf::json_config_body(docs.documents[0], *f.source, out.extra_sources, again);
    } else {
      c.body = load::hcl::parse_hcl(*f.source).body;
    }
    cfg->files.push_back(std::move(c));
  };
  for (const tf::ConfigFile& f : module.files) copy(f, false);
  for (const tf::ConfigFile& f : module.override_files) copy(f, false);
  if (own) {
    for (const tf::ConfigFile& f : own->files) copy(f, true);
    for (const tf::ConfigFile& f : own->override_files) copy(f, true);
  }
  for (const tf::TerragruntUnit::File* g : written) {
    std::string shown = (unit_dir == "." ? "" : unit_dir + "/") + g->path;
    out.extra_sources.push_back(std::make_unique<base::SourceFile>(shown, g->contents));
    load::hcl::ParsedFile parsed = load::hcl::parse_hcl(*out.extra_sources.back());
    for (base::Diagnostic& d : parsed.diagnostics) {
      d.message += " (in the file generate writes for " + unit_dir + ")";
      out.diagnostics.push_back(std::move(d));
    }
    tf::ConfigFile c;
    c.source = out.extra_sources.back().get();
    c.body = std::move(parsed.body);
    c.reported = false;
    cfg->files.push_back(std::move(c));
  }
  tf::index_config(*cfg);
  return cfg;
}

}  // namespace

std::set<std::string> plan_configuration(const model::Value& plan) {
  std::set<std::string> out;
  const model::Value* config = plan.find("configuration");
  const model::Value* root = config ? config->find("root_module") : nullptr;
  if (!root) return out;
  if (const model::Value* resources = root->find("resources"); resources && resources->is_list())
    for (const model::Value& r : resources->as_list())
      if (const model::Value* a = r.find("address"); a && a->is_string()) out.insert(a->as_string());
  if (const model::Value* calls = root->find("module_calls"); calls && calls->is_map())
    for (const model::Member& m : calls->as_map()) out.insert("module." + m.key);
  return out;
}

bool plan_describes(const LoadedFile& plan, const std::vector<const LoadedFile*>& configuration,
                    std::string& difference) {
  // What the .tf files declare, and where.
  std::map<std::string, std::string> declared;  // address -> file
  for (const LoadedFile* f : configuration) {
    if (f->kind != FileKind::terraform) continue;
    if (!f->hcl) return true;  // .tf.json: not compared
    for (const load::hcl::Block& b : f->hcl->body.blocks) {
      std::string address;
      if (b.type == "resource" && b.labels.size() == 2) address = b.labels[0] + "." + b.labels[1];
      else if (b.type == "data" && b.labels.size() == 2) address = "data." + b.labels[0] + "." + b.labels[1];
      else if (b.type == "module" && b.labels.size() == 1) address = "module." + b.labels[0];
      if (!address.empty()) declared.emplace(address, fs::path(f->input.display_path).filename().string());
    }
  }
  // What the plan was made from.
  if (!plan.plan_configuration) {
    difference = "it has no configuration to compare with the .tf files";
    return false;
  }
  const std::set<std::string>& planned = *plan.plan_configuration;
  for (const auto& [address, file] : declared)
    if (!planned.count(address)) {
      difference = address + " is in " + file + ", not in the plan";
      return false;
    }
  for (const std::string& address : planned)
    if (!declared.count(address)) {
      difference = address + " is in the plan, not in the .tf files";
      return false;
    }
  return true;
}

TerraformOutput run_terraform(std::vector<LoadedFile*> files, const TerraformOptions& options,
                              const std::vector<std::string>& plan_dirs, unsigned jobs) {
  TerraformOutput out;
  // Module folders of the scan.
  std::map<std::string, std::vector<LoadedFile*>> by_dir;
  std::vector<LoadedFile*> units;  // terragrunt.hcl files
  for (LoadedFile* f : files) {
    if (f->input.disk_path.empty()) continue;
    if (f->kind == FileKind::terragrunt) units.push_back(f);
    else by_dir[folder_of(f->input.disk_path)].push_back(f);
  }
  std::sort(units.begin(), units.end(),
            [](LoadedFile* a, LoadedFile* b) { return a->input.display_path < b->input.display_path; });
  std::map<std::string, std::unique_ptr<tf::ModuleConfig>> configs;
  std::map<std::string, std::vector<load::hcl::Body>> vars_bodies;
  for (auto& [dir, dir_files] : by_dir) {
    auto cfg = std::make_unique<tf::ModuleConfig>();
    cfg->disk_dir = dir;
    cfg->dir = fs::path(dir_files.front()->input.display_path).parent_path().generic_string();
    if (cfg->dir.empty()) cfg->dir = ".";
    std::sort(dir_files.begin(), dir_files.end(),
              [](LoadedFile* a, LoadedFile* b) { return a->input.display_path < b->input.display_path; });
    std::set<std::string> tofu;
    for (LoadedFile* f : dir_files) {
      std::string name = fs::path(f->input.disk_path).filename().string();
      if (name.size() > 5 && name.substr(name.size() - 5) == ".tofu") tofu.insert(name.substr(0, name.size() - 5));
    }
    for (LoadedFile* f : dir_files) {
      std::string name = fs::path(f->input.disk_path).filename().string();
      if (f->kind == FileKind::terraform_vars) {
        if (is_vars_file(name)) vars_bodies[dir].push_back(body_of(*f, out.extra_sources, out.diagnostics));
        continue;
      }
      if (f->kind != FileKind::terraform) continue;
      // A .tofu file replaces the .tf file of the same name (OpenTofu).
      if (name.size() > 3 && name.substr(name.size() - 3) == ".tf" && tofu.count(name.substr(0, name.size() - 3)))
        continue;
      tf::ConfigFile cf;
      cf.source = f->source.get();
      cf.body = body_of(*f, out.extra_sources, out.diagnostics);
      cf.reported = f->input.reported;
      cfg->files.push_back(std::move(cf));
    }
    tf::index_config(*cfg);
    configs[dir] = std::move(cfg);
  }

  // Folders called by other scanned folders are modules, not roots.
  std::set<std::string> called;
  for (const auto& [dir, cfg] : configs)
    for (const tf::ModuleCallDecl& call : cfg->module_calls)
      if (call.source.rfind("./", 0) == 0 || call.source.rfind("../", 0) == 0)
        called.insert(normal_dir(fs::path(dir) / call.source));
  std::set<std::string> planned;
  for (const std::string& d : plan_dirs) planned.insert(normal_dir(d));

  // A file the evaluation reads beyond the scanned ones (a module called
  // from outside them, a variables file, a Terragrunt configuration), kept
  // for snippets; nullptr when it cannot be read (its `io` error reported).
  auto keep_file = [&](const fs::path& p, const std::string& shown) -> const base::SourceFile* {
    auto src = read_source(p, shown, out.diagnostics);
    if (!src) return nullptr;
    out.extra_sources.push_back(std::move(src));
    return out.extra_sources.back().get();
  };
  // Its HCL body, its syntax errors reported.
  auto parse_kept = [&](const base::SourceFile& src) {
    load::hcl::ParsedFile parsed = load::hcl::parse_hcl(src);
    for (auto& d : parsed.diagnostics) out.diagnostics.push_back(d);
    return std::move(parsed.body);
  };

  // Modules outside the scanned paths are read from disk when called.
  std::map<std::string, std::unique_ptr<tf::ModuleConfig>> loaded;
  std::mutex loader_mutex;
  tf::ModuleLoader loader = [&](const std::string& disk_dir) -> const tf::ModuleConfig* {
    std::lock_guard lock(loader_mutex);
    std::string dir = normal_dir(disk_dir);
    if (auto it = configs.find(dir); it != configs.end()) return it->second.get();
    if (auto it = loaded.find(dir); it != loaded.end()) return it->second.get();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      loaded[dir] = nullptr;
      return nullptr;
    }
    auto cfg = std::make_unique<tf::ModuleConfig>();
    cfg->disk_dir = dir;
    cfg->dir = display_path(dir, fs::current_path());
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".tf" || ext == ".tofu")) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      const base::SourceFile* src = keep_file(p, display_path(p, fs::current_path()));
      if (!src) continue;
      tf::ConfigFile cf;
      cf.source = src;
      cf.body = parse_kept(*src);
      cf.reported = false;
      cfg->files.push_back(std::move(cf));
    }
    tf::index_config(*cfg);
    auto* raw = cfg.get();
    loaded[dir] = std::move(cfg);
    return raw;
  };

  auto read_var_file = [&](const std::string& path, tf::VariableInputs& into) {
    // Shown as the scan shows the file when it is among those scanned (a
    // var-file the configuration names from its own folder, "../envs/prod.tfvars"
    // seen from a subfolder): a finding in it falls in the file named.
    std::string shown = path;
    fs::path abs = base::absolute_normal(path);
    for (const LoadedFile* f : files)
      if (!f->input.disk_path.empty() && base::absolute_normal(f->input.disk_path) == abs) shown = f->input.display_path;
    const base::SourceFile* kept = keep_file(path, shown);
    if (!kept) return;
    const base::SourceFile& src = *kept;
    if (path.size() > 5 && path.substr(path.size() - 5) == ".json") {
      load::Documents docs = load::load_json(src);
      for (auto& d : docs.diagnostics) out.diagnostics.push_back(d);
      if (!docs.documents.empty() && docs.documents[0].is_map())
        for (const model::Member& m : docs.documents[0].as_map()) into.values.emplace_back(m.key, m.value);
    } else {
      add_vars(parse_kept(src), into);
    }
  };
  // Variables from the command line apply to every root.
  tf::VariableInputs cli;
  for (const std::string& path : options.var_files) read_var_file(path, cli);
  // An environment's variable files, and the folder they lie in.
  struct EnvironmentInputs {
    std::string name;
    std::vector<std::string> folders;
    tf::VariableInputs inputs;
  };
  std::vector<EnvironmentInputs> matrix;
  for (const auto& [name, files] : options.environment_var_files) {
    if (files.empty()) continue;
    EnvironmentInputs e{name, {}, {}};
    for (const std::string& path : files) {
      read_var_file(path, e.inputs);
      e.folders.push_back(fs::absolute(fs::path(path)).parent_path().lexically_normal().generic_string());
    }
    matrix.push_back(std::move(e));
  }
  // The environments whose files a root holds: in its folder or below it.
  auto environments_of = [&](const std::string& dir) {
    std::vector<const EnvironmentInputs*> envs;
    std::string root = fs::absolute(fs::path(dir)).lexically_normal().generic_string();
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    for (const EnvironmentInputs& e : matrix) {
      bool held = std::all_of(e.folders.begin(), e.folders.end(), [&](const std::string& f) {
        return f == root || f.rfind(root == "/" ? root : root + "/", 0) == 0;
      });
      if (held) envs.push_back(&e);
    }
    return envs;
  };
  for (const std::string& nv : options.vars) {
    size_t eq = nv.find('=');
    if (eq == std::string::npos) continue;
    std::string name = nv.substr(0, eq), text = nv.substr(eq + 1);
    out.extra_sources.push_back(std::make_unique<base::SourceFile>("--var " + name, text));
    base::Diagnostics ignored;
    load::hcl::ExprPtr e = load::hcl::parse_expression(*out.extra_sources.back(), ignored);
    // As Terraform does: a value that is not a constant expression is a string.
    model::Value v = e ? tf::evaluate_constant(*e) : model::Value::unknown();
    if (v.is_unknown()) v = model::Value::string(text);
    if (v.is_string()) v.set_tag(model::kSuppliedTag);  // given at the command line, not written in the code
    cli.values.emplace_back(name, std::move(v));
  }

  struct Root {
    const tf::ModuleConfig* config;
    tf::VariableInputs inputs;
    std::string environment;  // whose variable files the inputs hold, or ""
    std::string origin;       // a Terragrunt unit's folder, or "" (the module's)
    base::Location call_site; // a Terragrunt unit's terragrunt.hcl
  };
  std::vector<Root> roots;

  // Terragrunt units: each is its module evaluated with the unit's inputs.
  // The modules they name are not also roots of their own.
  std::map<std::string, std::unique_ptr<load::hcl::Body>> hcl_read;  // null: unreadable
  tf::HclReader read_hcl = [&](const std::string& disk_path) -> const load::hcl::Body* {
    auto [it, fresh] = hcl_read.try_emplace(disk_path);
    if (!fresh) return it->second.get();
    const base::SourceFile* src = keep_file(disk_path, display_path(disk_path, fs::current_path()));
    if (!src) return nullptr;
    out.terragrunt_files.insert(std::string(src->path()));
    it->second = std::make_unique<load::hcl::Body>(parse_kept(*src));
    return it->second.get();
  };
  std::vector<std::unique_ptr<tf::ModuleConfig>> unit_configs;
  std::set<std::string> in_units;  // unit folders whose .tf files are part of their unit's module
  std::vector<std::pair<LoadedFile*, tf::TerragruntUnit>> evaluated_units;
  std::set<std::string> parents;  // terragrunt.hcl files that units include: configurations, not units
  for (LoadedFile* f : units) {
    if (!f->hcl || !f->source) continue;
    const base::SourceFile& file = *f->source;
    base::Location where = file.location(0, std::min<size_t>(file.text().find('\n'), file.text().size()));
    evaluated_units.emplace_back(f, tf::evaluate_terragrunt(f->hcl->body, f->input.disk_path, where, read_hcl));
    for (const std::string& p : evaluated_units.back().second.read) parents.insert(p);
  }
  std::set<base::Location> unit_said;
  for (auto& [f, unit] : evaluated_units) {
    out.terragrunt_files.insert(f->input.display_path);
    if (parents.count(normal_dir(f->input.disk_path))) continue;
    std::string unit_dir = fs::path(f->input.display_path).parent_path().generic_string();
    if (unit_dir.empty()) unit_dir = ".";
    const base::Location& where = unit.where;
    // The line naming the module, when the unit itself names it: where the
    // unit says what became of it, and its call site.
    base::Location at = unit.source_where.known() && unit.source_where.file == where.file ? unit.source_where : where;
    // A file that many units include or read says what is wrong at a place
    // once (the first unit's words: "no config.yaml above live/dev").
    for (auto& d : unit.diagnostics)
      if (!d.where.known() || d.where.file == f->source->path() || unit_said.insert(d.where).second)
        out.diagnostics.push_back(std::move(d));
    if (!unit.source_known) {
      out.diagnostics.push_back(base::warning(
          "terragrunt", at, "terraform.source could not be evaluated, so this unit's module is not read"));
      continue;
    }
    std::string module_dir = unit.disk_dir;
    if (!unit.source.empty()) {
      tf::ModuleSource src = tf::split_module_source(unit.source, unit.disk_dir);
      module_dir = src.local ? (fs::path(src.root) / src.subdir).string() : cached_module(unit.disk_dir, src.subdir);
      if (module_dir.empty()) {
        out.diagnostics.push_back({base::Level::note, "terragrunt", at,
                                   "the module " + unit.source +
                                       " is remote and no downloaded copy is in .terragrunt-cache, so this unit is "
                                       "not evaluated (run terragrunt init, or scan a plan JSON of the unit)"});
        continue;
      }
    }
    module_dir = normal_dir(module_dir);
    const tf::ModuleConfig* module = nullptr;
    if (auto it = configs.find(module_dir); it != configs.end()) module = it->second.get();
    else module = loader(module_dir);
    if (!module || module->files.empty()) {
      // No source and no .tf files: a configuration other units include, most often.
      if (!unit.source.empty())
        out.diagnostics.push_back(base::warning("terragrunt", at,
                                                "no Terraform files in " + display_path(module_dir, fs::current_path()) +
                                                    ", so this unit is not evaluated"));
      continue;
    }
    called.insert(module_dir);
    // The unit folder's own .tf files join the module's (Terragrunt copies
    // them into its working folder); they are not a root of their own.
    const tf::ModuleConfig* own = nullptr;
    std::string unit_disk = normal_dir(unit.disk_dir);
    if (unit_disk != module_dir)
      if (auto it = configs.find(unit_disk);
          it != configs.end() && (!it->second->files.empty() || !it->second->override_files.empty())) {
        own = it->second.get();
        called.insert(unit_disk);
        in_units.insert(unit_disk);
      }
    if (!unit.generated.empty() || own) {
      unit_configs.push_back(unit_copy(*module, own, unit, unit_dir, out));
      module = unit_configs.back().get();
    }
    // Terragrunt's inputs reach Terraform as TF_VAR_ variables: below the
    // module's tfvars files, then the unit's var files, the command line's last.
    tf::VariableInputs inputs = std::move(unit.inputs);
    if (auto vb = vars_bodies.find(module_dir); vb != vars_bodies.end())
      for (const load::hcl::Body& b : vb->second) add_vars(b, inputs);
    for (const std::string& path : unit.var_files) read_var_file(display_path(path, fs::current_path()), inputs);
    for (auto& v : cli.values) inputs.values.push_back(v);
    roots.push_back({module, std::move(inputs), "", unit_dir, at});
  }
  for (auto& [dir, cfg] : configs) {
    // Judged as part of its unit's module (whose evaluation reports its problems).
    if (in_units.count(dir)) continue;
    if (called.count(dir) || planned.count(dir) || cfg->files.empty()) {
      // Not evaluated as a root: the problems of its files are still its own
      // (a root reports its configuration's with its evaluation).
      for (const base::Diagnostic& d : cfg->diagnostics) out.diagnostics.push_back(d);
      continue;
    }
    tf::VariableInputs inputs;
    auto vb = vars_bodies.find(dir);
    if (vb != vars_bodies.end()) {
      // terraform.tfvars first, then *.auto.tfvars in name order (already sorted).
      for (const load::hcl::Body& b : vb->second) add_vars(b, inputs);
    }
    std::vector<const EnvironmentInputs*> envs = environments_of(dir);
    if (envs.empty()) {
      for (auto& v : cli.values) inputs.values.push_back(v);
      roots.push_back({cfg.get(), std::move(inputs), "", "", {}});
      continue;
    }
    // Once per environment: its files after the folder's, the command line's last.
    for (const EnvironmentInputs* e : envs) {
      tf::VariableInputs per = inputs;
      for (auto& v : e->inputs.values) per.values.push_back(v);
      for (auto& v : cli.values) per.values.push_back(v);
      roots.push_back({cfg.get(), std::move(per), e->name, "", {}});
    }
  }
  // Roots are independent: each is evaluated on its own worker, and the
  // results are taken in folder order, so the output does not depend on
  // --jobs. (Modules read from disk are shared, behind the loader's lock.)
  std::vector<tf::Evaluation> evaluated(roots.size());
  std::vector<model::EncodedBuffer> encoded(roots.size());
  parallel_for(roots.size(), jobs, [&](size_t i) {
    const tf::ModuleConfig& cfg = *roots[i].config;
    model::CaptureEncoded capture(encoded[i]);
    try {
      evaluated[i] = tf::evaluate_root(cfg, roots[i].inputs, loader, roots[i].origin);
    } catch (const std::exception& e) {
      // A defect of ours must not cost the other modules their scan.
      evaluated[i] = {};
      evaluated[i].diagnostics.push_back(base::error("internal", base::Location{base::intern(cfg.dir)},
                                                     std::string("this module could not be evaluated (") + e.what() +
                                                         "); please report it with its files attached"));
    }
  });
  for (model::EncodedBuffer& b : encoded) b.replay();
  for (size_t i = 0; i < evaluated.size(); ++i) {
    tf::Evaluation& ev = evaluated[i];
    for (auto& d : ev.diagnostics) out.diagnostics.push_back(std::move(d));
    for (auto& r : ev.resources) {
      r.environment = roots[i].environment;  // "" : assigned later, by account, path or tag
      // A unit's resources are reported through its terragrunt.hcl when it alone is named.
      if (roots[i].call_site.known()) r.call_site = roots[i].call_site;
      out.resources.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace guardrail::scan
