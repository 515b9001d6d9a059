#include "scan/scanner.hpp"
#include "scan/drift.hpp"

#include "filter/filter.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <set>
#include <thread>
#include <type_traits>

#include "adapt/aws_export.hpp"
#include "adapt/canonical.hpp"
#include "adapt/dockerfile.hpp"
#include "adapt/kubernetes.hpp"
#include "adapt/terraform/plan.hpp"
#include "base/intern.hpp"
#include "base/paths.hpp"
#include "base/text.hpp"
#include "filter/filter.hpp"
#include "load/json_loader.hpp"
#include "load/limits.hpp"
#include "model/encoded.hpp"
#include "policy/functions.hpp"
#include "policy/projection.hpp"
#include "base/glob.hpp"
#include "scan/cloudformation_stage.hpp"
#include "scan/discover.hpp"
#include "scan/environment.hpp"
#include "scan/kustomize.hpp"
#include "scan/render.hpp"
#include "scan/parallel.hpp"
#include "scan/read_input.hpp"
#include "scan/terraform_stage.hpp"

namespace guardrail::scan {

const base::SourceFile* ScanResult::source(std::string_view path) const {
  auto it = std::lower_bound(sources.begin(), sources.end(), path,
                             [](const auto& s, std::string_view p) { return s->path() < p; });
  return it != sources.end() && (*it)->path() == path ? it->get() : nullptr;
}

std::optional<evaluate::Severity> ScanResult::configured_severity(std::string_view rule_id) const {
  std::optional<evaluate::Severity> out;
  for (const auto& [pattern, level] : severity_overrides)
    if (pattern == rule_id || base::glob_match(pattern, rule_id))
      if (auto parsed = evaluate::parse_severity(level)) out = parsed;
  return out;
}

evaluate::Severity ScanResult::severity_of(const policy::Rule& rule) const {
  return configured_severity(rule.id).value_or(rule.severity);
}

std::string ScanResult::repository_path(std::string_view display) const {
  if (display.empty() || display == "-" || repository.empty()) return std::string(display);
  if (auto inside = base::path_within(display_root, display, repository)) return *inside;
  return (display_root / std::filesystem::path(display)).lexically_normal().generic_string();
}

std::filesystem::path repository_root(const std::vector<std::string>& paths, const std::filesystem::path& config,
                                      const std::filesystem::path& cwd) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto folder_of = [&](const std::string& p) {
    fs::path absolute = (p.empty() || p == "-" ? cwd : (cwd / p)).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();  // "/repo/" -> "/repo"
    if (!fs::is_directory(absolute, ec)) absolute = absolute.parent_path();
    return absolute;
  };
  fs::path first = folder_of(paths.empty() ? std::string(".") : paths[0]);
  for (fs::path at = first;; at = at.parent_path()) {
    if (fs::exists(at / ".git", ec)) return at;
    if (at == at.root_path() || at.parent_path() == at) break;
  }
  if (!config.empty()) return (cwd / config).lexically_normal().parent_path();
  // The folder every path is in.
  fs::path shared = first;
  for (size_t i = 1; i < paths.size(); ++i) {
    fs::path other = folder_of(paths[i]);
    while (!shared.empty() && shared != shared.root_path()) {
      fs::path rel = other.lexically_relative(shared);
      if (!rel.empty() && rel.generic_string().rfind("..", 0) != 0) break;
      shared = shared.parent_path();
    }
  }
  return shared;
}

std::map<std::string, size_t> ScanResult::files_by_kind() const {
  std::map<std::string, size_t> out;
  for (const FileSummary& f : files) ++out[std::string(to_string(f.kind))];
  return out;
}

std::map<std::string, size_t> ScanResult::resources_by_type() const {
  std::map<std::string, size_t> out;
  for (const model::Resource& r : resources) ++out[r.type];
  return out;
}

size_t ScanResult::error_count() const {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [](const base::Diagnostic& d) { return d.level == base::Level::error; });
}

size_t ScanResult::warning_count() const {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [](const base::Diagnostic& d) { return d.level == base::Level::warning; });
}

namespace {

/// "NET-009,NET-001" as two entries, as Checkov takes them; blanks dropped.
std::vector<std::string> split_list(const std::vector<std::string>& entries) {
  std::vector<std::string> out;
  for (const std::string& e : entries) {
    size_t start = 0;
    while (start <= e.size()) {
      size_t comma = e.find(',', start);
      if (comma == std::string::npos) comma = e.size();
      std::string item = e.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

/// The environment a misspelt or aliased name most likely means ("prdo",
/// "production": prod), or "".
std::string nearest_environment(const std::string& name, const policy::Effective& effective) {
  std::string suggestion = policy::closest(name, effective.environments);
  for (const policy::Environment& e : effective.environment_defs)
    for (const std::string& alias : e.aliases)
      if (base::ascii_lower(alias) == base::ascii_lower(name)) suggestion = e.name;
  return suggestion;
}

/// --env, --rule and --skip-rule (and the configuration's rules lists) name
/// what exists: a misspelt one would silently select nothing, so it is an
/// error with the nearest name.
bool check_selection(const policy::Pack& pack, const policy::Effective& effective, const ScanOptions& options,
                     base::Diagnostics& out) {
  bool ok = true;
  auto fail = [&](std::string message) {
    out.push_back(base::error("usage", {}, std::move(message)));
    ok = false;
  };
  std::string policy_name = effective.policy ? effective.policy->name : std::string("(none)");
  if (!options.env.empty() &&
      std::find(effective.environments.begin(), effective.environments.end(), options.env) ==
          effective.environments.end()) {
    if (effective.environments.empty()) {
      fail("--env " + options.env + ": policy " + policy_name + " has no environments");
    } else {
      std::string suggestion = nearest_environment(options.env, effective);
      std::string known;
      for (const std::string& e : effective.environments) known += (known.empty() ? "" : ", ") + e;
      fail("--env " + options.env + ": policy " + policy_name + " has no such environment (it has " + known + ")" +
           (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
    }
  }
  std::vector<std::string> ids;
  for (const auto& r : pack.rules) ids.push_back(r->id);
  auto check_rules = [&](const std::vector<std::string>& patterns, const char* what) {
    for (const std::string& p : split_list(patterns)) {
      bool any = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return base::glob_match(p, id); });
      if (any) continue;
      std::string suggestion = p.find('*') == std::string::npos ? policy::closest(p, ids) : "";
      fail(std::string(what) + " " + p + ": " +
           (p.find('*') == std::string::npos ? "no rule has this ID" : "no rule matches") +
           (suggestion.empty() ? "" : "; did you mean " + suggestion + "?"));
    }
  };
  bool from_config = !options.rules_from_config.empty();
  check_rules(options.only_rules, from_config ? ("rules.enable of " + options.rules_from_config + ":").c_str() : "--rule");
  check_rules(options.skip_rules,
              from_config ? ("rules.disable of " + options.rules_from_config + ":").c_str() : "--skip-rule");
  return ok;
}


bool diagnostic_less(const base::Diagnostic& a, const base::Diagnostic& b) {
  return std::tie(a.where.file, a.where.line, a.where.column, a.code, a.message) <
         std::tie(b.where.file, b.where.line, b.where.column, b.code, b.message);
}

void evaluate_rules(ScanResult& result, const ScanOptions& options) {
  // One declared view (Terraform, plans, CloudFormation, Kubernetes and
  // Dockerfiles together: an environment built partly in each is one
  // estate) and one deployed view.
  std::vector<const model::Resource*> iac, live;
  for (const model::Resource& r : result.resources) (r.view() == model::View::live ? live : iac).push_back(&r);
  // Raw text (access keys in comments) is read in the files of IaC kinds.
  std::set<std::string_view> iac_paths;
  for (const FileSummary& f : result.files)
    if (f.kind == FileKind::kubernetes || f.kind == FileKind::cloudformation || f.kind == FileKind::terraform ||
        f.kind == FileKind::terraform_vars || f.kind == FileKind::terragrunt || f.kind == FileKind::dockerfile)
      iac_paths.insert(f.path);
  std::vector<const base::SourceFile*> iac_files;
  for (const auto& src : result.sources)
    if (iac_paths.count(src->path())) iac_files.push_back(src.get());
  // A manifest that failed to read, whole or after a bad document: the
  // objects it holds are not in the lists of kinds.
  std::string unread_manifest;
  {
    std::set<std::string_view> failed;
    for (const base::Diagnostic& d : result.diagnostics)
      if (d.level == base::Level::error) failed.insert(d.where.file);
    for (const FileSummary& f : result.files) {
      if (!failed.count(f.path) || (f.kind != FileKind::kubernetes && f.kind != FileKind::unreadable)) continue;
      if (f.kind == FileKind::unreadable) {
        const base::SourceFile* src = result.source(f.path);
        if (!src || src->text().find("apiVersion") == std::string_view::npos ||
            src->text().find("kind") == std::string_view::npos)
          continue;
      }
      unread_manifest = f.path;
      break;
    }
  }
  std::vector<model::ResourceSet> views;
  views.reserve(2);
  bool has_iac = !iac.empty() || !iac_files.empty();
  if (has_iac) views.emplace_back(std::move(iac));
  bool has_live = !live.empty();
  if (has_live) views.emplace_back(std::move(live));

  std::vector<const policy::Rule*> selected;
  const std::vector<std::string> only = split_list(options.only_rules), skip = split_list(options.skip_rules);
  for (const auto& rule : result.pack->rules) {
    // IDs or globs: --rule 'NET-*', --rule NET-009,NET-001.
    auto listed = [&](const std::vector<std::string>& ids) {
      return std::any_of(ids.begin(), ids.end(), [&](const std::string& g) { return base::glob_match(g, rule->id); });
    };
    if (!only.empty() && !listed(only)) continue;
    if (listed(skip)) continue;
    selected.push_back(rule.get());
  }
  result.rules_run = selected;

  // Rules are independent: each worker evaluates every jobs-th rule with
  // evaluators of its own (their caches are not shared), and the runs are
  // merged in rule order, so the output does not depend on --jobs.
  unsigned jobs = options.jobs ? options.jobs : default_jobs();
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(selected.size())));
  // A few resources take less time to judge than a thread and its heap take
  // to start (a pre-commit run on one file).
  constexpr size_t kWorthAThread = 200;
  if (result.resources.size() < kWorthAThread) jobs = 1;
  std::vector<std::vector<evaluate::RuleRun>> runs(selected.size());  // per rule: iac, live
  std::vector<std::string> rule_errors(selected.size());
  auto worker = [&](unsigned t) {
    std::vector<std::unique_ptr<evaluate::Evaluator>> evaluators;
    size_t v = 0;
    if (has_iac) {
      evaluators.push_back(std::make_unique<evaluate::Evaluator>(views[v++], result.effective, iac_files));
      evaluators.back()->set_partial(result.named_files);
      evaluators.back()->set_unread_manifest(unread_manifest);
    }
    if (has_live) {
      evaluators.push_back(std::make_unique<evaluate::Evaluator>(views[v++], result.effective));
      evaluators.back()->set_inventories(&result.inventories);
    }
    for (size_t i = t; i < selected.size(); i += jobs)
      for (auto& evaluator : evaluators) {
        // A defect of ours in one rule must not cost the others their run.
        try {
          runs[i].push_back(evaluator->run(*selected[i]));
        } catch (const std::exception& e) {
          runs[i].emplace_back();
          rule_errors[i] = e.what();
        }
      }
  };
  if (jobs == 1) {
    worker(0);
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker, t);
    worker(0);
    for (std::thread& th : threads) th.join();
  }
  for (size_t i = 0; i < selected.size(); ++i)
    if (!rule_errors[i].empty())
      result.diagnostics.push_back(base::error("internal", selected[i]->where,
                                               "rule " + selected[i]->id + " could not be evaluated (" +
                                                   rule_errors[i] + "); please report it"));
  // Gathered into vectors sized once, each run's freed as it is taken: a
  // rule with a finding on each of 100,000 resources must not hold them
  // three times over (the run's, and the result's grown by doubling). The
  // largest run's vector is taken whole, and the others go into its spare
  // capacity when it has enough (the order is the sorted one, later).
  auto gather = [&](auto member, auto& into) {
    using Vector = std::remove_reference_t<decltype(into)>;
    size_t total = into.size();
    Vector* largest = nullptr;
    for (std::vector<evaluate::RuleRun>& per_view : runs)
      for (evaluate::RuleRun& run : per_view) {
        Vector& v = run.*member;
        total += v.size();
        if (!largest || v.size() > largest->size()) largest = &v;
      }
    if (into.empty() && largest) into.swap(*largest);
    into.reserve(total);
    for (std::vector<evaluate::RuleRun>& per_view : runs)
      for (evaluate::RuleRun& run : per_view) {
        Vector& v = run.*member;
        for (auto& item : v) into.push_back(std::move(item));
        Vector().swap(v);
      }
  };
  gather(&evaluate::RuleRun::findings, result.findings);
  gather(&evaluate::RuleRun::checks, result.checks);
  for (const std::vector<evaluate::RuleRun>& per_view : runs)
    for (const evaluate::RuleRun& run : per_view) result.undecided += run.undecided;
}

}  // namespace

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::shared_ptr<policy::Pack> load_pack(const ScanOptions& options) {
  auto pack = std::make_shared<policy::Pack>();
  if (options.builtin_pack) policy::add_builtin(*pack);
  std::error_code ec;
  for (const std::string& path : options.policy_files) {
    std::filesystem::path p(path);
    if (std::filesystem::is_directory(p, ec)) {
      policy::add_directory(*pack, p, options.root, true);
    } else if (std::filesystem::exists(p, ec)) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      policy::add_file(*pack, display_path(p, options.root), ss.str(), true);
    } else {
      pack->diagnostics.push_back(base::error("io", {base::intern(path)}, "no such policy file or folder"));
    }
  }
  policy::check(*pack);
  return pack;
}

namespace {

/// What a streamed export keeps of each element while parsing, and of each
/// resource after: what the rules in force can read of AWS resources
/// (policy/projection).
struct ExportProjection {
  load::KeepMember keep_member;
  std::function<bool(const std::string&, const std::string&)> keep_attribute;
};

ExportProjection export_projection(const policy::Pack& pack) {
  auto p = std::make_shared<policy::Projection>(policy::projection(pack));
  if (p->everything) return {};
  return {adapt::export_keep(p->attributes, p->whole_types),
          [p](const std::string& type, const std::string& attribute) { return p->keeps(type, attribute); }};
}

/// The projection, made the first time an export is streamed: it reads every
/// rule's body, which a scan without an export never needs (start-up). None
/// when every attribute is wanted whatever the rules read (drift, the
/// resource model).
class LazyProjection {
 public:
  LazyProjection(const policy::Pack& pack, bool keep_everything) : pack_(pack), keep_everything_(keep_everything) {}
  const ExportProjection& get() const {
    std::call_once(once_, [this] {
      if (!keep_everything_) value_ = export_projection(pack_);
    });
    return value_;
  }

 private:
  const policy::Pack& pack_;
  bool keep_everything_;
  mutable std::once_flag once_;
  mutable ExportProjection value_;
};

/// Terraform addresses repeat across root modules (envs/dev and envs/prod
/// both declare aws_vpc.main): a resource's references resolve within its
/// root, and its identity names the root.
void scope_terraform(model::Resource& r, std::string scope) {
  r.scope = std::move(scope);
  r.ids.assign(1, r.scope + ":" + r.address);
}

/// kustomize's `namespace:` over the namespaced objects of a listed file,
/// located at the kustomization's line that sets it.
void set_namespace(std::vector<model::Value>& documents, const model::Value& ns, const base::Location& where) {
  auto apply = [&](model::Value& object) {
    const model::Value* kind = object.find("kind");
    if (!adapt::is_kubernetes_object(object)) return;
    // Kustomize's namespace transformer renames the Namespace objects it
    // lists to its namespace (kustomize 3.8.3 and later): the namespace that
    // exists is that one, with their labels.
    if (kind->as_string() == "Namespace" && ns.is_string()) {
      const model::Value* api = object.find("apiVersion");
      model::Value* metadata = object.find("metadata");
      if (api && api->is_string() && api->as_string() == "v1" && metadata && metadata->is_map())
        if (const model::Member* name = metadata->find_member("name"))
          metadata->set("name", model::Value::string(ns.as_string(), name->value.location()), name->key_location);
      return;
    }
    if (adapt::is_cluster_scoped(kind->as_string())) return;
    model::Value* metadata = object.find("metadata");
    if (!metadata || !metadata->is_map()) metadata = &object.set("metadata", model::Value::map({}, object.location()));
    // Where the kustomization sets it; a namespace it leaves unknown is at the object.
    base::Location at = where.known() ? where : object.location();
    model::Value value = ns;
    if (!where.known()) value.set_location(at);
    metadata->set("namespace", std::move(value), at);
  };
  for (model::Value& doc : documents) {
    if (!doc.is_map()) continue;
    model::Value* items = doc.find("items");
    const model::Value* kind = doc.find("kind");
    if (items && items->is_list() && kind && kind->is_string() && kind->as_string().ends_with("List"))
      for (model::Value& item : items->as_list()) apply(item);
    else
      apply(doc);
  }
}

/// A member's text, or "" when it is absent or not a string.
std::string text_at(const model::Value& v, std::string_view key) {
  const model::Value* m = v.find(key);
  return m && m->is_string() ? m->as_string() : std::string();
}

/// The managed resource instances of a Terraform state file, with their
/// physical IDs. What is not of the expected kind is skipped: a state is
/// only a hint for matching, never a source of findings.
void read_state(const LoadedFile& f, std::vector<StateInstance>& out) {
  const model::Value* resources = f.documents[0].find("resources");
  if (!resources || !resources->is_list()) return;
  std::string folder = std::filesystem::path(f.input.display_path).parent_path().generic_string();
  for (const model::Value& r : resources->as_list()) {
    if (!r.is_map() || text_at(r, "mode") != "managed") continue;
    std::string type = text_at(r, "type"), name = text_at(r, "name"), module = text_at(r, "module");
    const model::Value* instances = r.find("instances");
    if (type.empty() || name.empty() || !instances || !instances->is_list()) continue;
    for (const model::Value& inst : instances->as_list()) {
      if (!inst.is_map()) continue;
      std::string address = (module.empty() ? "" : module + ".") + type + "." + name;
      if (const model::Value* key = inst.find("index_key")) {
        if (key->is_number() && key->kind() == model::Kind::integer) address += "[" + std::to_string(key->as_int()) + "]";
        else if (key->is_string()) address += "[\"" + key->as_string() + "\"]";
      }
      const model::Value* attrs = inst.find("attributes");
      if (!attrs || !attrs->is_map()) continue;
      out.push_back({folder, std::move(address), type, text_at(*attrs, "id"), text_at(*attrs, "arn"), inst.location()});
    }
  }
}

/// A plan's `prior_state`: what the state held when the plan was made, by
/// full address (the plan's resources are keyed by the plan's path).
void read_prior_state(const LoadedFile& f, std::vector<StateInstance>& out) {
  const model::Value* prior = f.documents[0].find("prior_state");
  const model::Value* values = prior ? prior->find("values") : nullptr;
  const model::Value* root = values ? values->find("root_module") : nullptr;
  if (!root) return;
  adapt::terraform::for_each_module_resource(*root, [&](const model::Value& r) {
    if (!r.is_map() || text_at(r, "mode") != "managed") return;
    const model::Value* attrs = r.find("values");
    std::string address = text_at(r, "address"), type = text_at(r, "type");
    if (address.empty() || type.empty() || !attrs || !attrs->is_map()) return;
    out.push_back({f.input.display_path, std::move(address), std::move(type), text_at(*attrs, "id"),
                   text_at(*attrs, "arn"), r.location()});
  });
}

void load_and_adapt(const Candidate& input, LoadedFile& f, std::vector<model::Resource>& adapted,
                    std::vector<adapt::Inventory>& inventories, const LazyProjection& lazy_projection,
                    const KustomizePlan& kustomize) {
  // A Kustomize folder decides which of its YAML files are manifests.
  const KustomizeFolder* listed_by = nullptr;
  if (!input.by_content() && !input.content_is_rendered) {
    NameKind by_name = kind_by_name(std::filesystem::path(input.display_path).filename().string());
    std::string name = std::filesystem::path(input.display_path).filename().string();
    bool kustomization = name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
    if ((by_name == NameKind::yaml || by_name == NameKind::json) && !kustomization) {
      listed_by = kustomize.listing(input);
      const KustomizeFolder* own = kustomize.folder_of(input);
      if (own && own->needs_render && (!listed_by || listed_by->needs_render)) {
        f.input = input;
        f.kind = FileKind::kustomize;
        f.skip_reason = "in a Kustomize overlay that must be rendered (" + own->why + ")";
        return;
      }
      if (own && !listed_by) {
        f.input = input;
        f.kind = FileKind::other;
        f.skip_reason = "in a Kustomize folder, but not among its resources (a patch?)";
        return;
      }
      // Wherever it is: a file a kustomization names as a patch or a
      // configuration is not a manifest, and one listed only by a
      // kustomization that must be rendered is read as rendered, or not at all.
      if (const KustomizeFolder* naming = kustomize.naming(input); naming && !listed_by) {
        f.input = input;
        f.kind = FileKind::other;
        f.skip_reason = "named by the Kustomize folder " + naming->dir + " as a patch or configuration";
        return;
      }
      if (listed_by && listed_by->needs_render && !own) {
        f.input = input;
        f.kind = FileKind::kustomize;
        f.skip_reason = "listed by a Kustomize overlay that must be rendered (" + listed_by->dir + ": " +
                        listed_by->why + ")";
        return;
      }
      // A base an overlay renders is read in the overlay's output, not twice.
      if (const auto* users = kustomize.users_of(input); users && listed_by && kustomize.rendering)
        for (const KustomizeFolder* user : *users)
          if (user->needs_render) {
            f.input = input;
            f.kind = FileKind::kustomize;
            f.skip_reason = "a base of the Kustomize overlay " + user->dir + ", read as the overlay renders it";
            return;
          }
    }
  }
  f = read_input(input);
  // A plan describes its own root whole: another plan beside a named one is
  // no context of it (its apply-time values made the named plan's undecided).
  if (!input.reported && f.kind == FileKind::terraform_plan) {
    f.kind = FileKind::other;
    f.skip_reason = "a Terraform plan beside the file named: a plan is read only when named";
    std::vector<model::Value>().swap(f.documents);
    return;
  }
  // The overlays that list this file's folder as a base, if it is one.
  const std::vector<const KustomizeFolder*>* users = listed_by ? kustomize.users_of(input) : nullptr;
  if (listed_by && !listed_by->namespace_.empty() && f.kind == FileKind::kubernetes)
    set_namespace(f.documents, model::Value::string(listed_by->namespace_, listed_by->namespace_where),
                  listed_by->namespace_where);
  // A base's namespace is its overlays': the one they agree on, else known
  // only per overlay (unknown here).
  if (users && f.kind == FileKind::kubernetes) {
    // Each overlay's namespace for the base: its own, or "" to keep the base's.
    std::set<std::string> given;
    bool unknown = false;
    const KustomizeFolder* first = nullptr;
    for (const KustomizeFolder* user : *users) {
      if (user->namespace_open) unknown = true;
      given.insert(user->namespace_);
      if (!first && !user->namespace_.empty()) first = user;
    }
    if (!unknown && given.size() == 1 && first) {
      set_namespace(f.documents, model::Value::string(first->namespace_, first->namespace_where), first->namespace_where);
    } else if (unknown || given.size() > 1) {
      std::string names;
      for (const KustomizeFolder* user : *users) names += (names.empty() ? "" : ", ") + user->dir;
      base::Location where;
      set_namespace(f.documents,
                    model::Value::unknown("the namespace the Kustomize overlays using this base give it (" + names + ")",
                                          where),
                    where);
    }
  }
  if (f.kind == FileKind::kubernetes) {
    adapted = adapt::adapt_kubernetes(f.documents, f.diagnostics);
    // A base one overlay uses as it is is deployed where that overlay is
    // (overlays/prod). One the overlay patches is not what it deploys there:
    // it is judged as written, in no environment.
    if (users && users->size() == 1 && !(*users)[0]->needs_render)
      for (model::Resource& r : adapted) r.origin = (*users)[0]->dir;
  }
  if (f.kind == FileKind::terraform_plan && !f.documents.empty()) {
    adapted = adapt::terraform::adapt_plan(f.documents[0], f.diagnostics);
    for (model::Resource& r : adapted) scope_terraform(r, "tfplan:" + f.input.display_path);
    if (f.documents[0].find("configuration")) f.plan_configuration = plan_configuration(f.documents[0]);
    if (const model::Value* complete = f.documents[0].find("complete"); complete && complete->is_bool())
      f.plan_partial = !complete->as_bool();
    read_prior_state(f, f.states);
  }
  if (f.stream) {
    // Element by element: the document is never held whole.
    const ExportProjection& projection = lazy_projection.get();
    adapt::ExportResult exported;
    exported.placement_path = placement_path(f.input);
    exported.config_history = !f.stream_snapshot;
    exported.keep_attribute = projection.keep_attribute;
    std::vector<std::string> arrays;
    base::intern(f.input.display_path);
    auto on_element = [&](std::string_view key, model::Value element) {
      if (arrays.empty() || arrays.back() != key) arrays.emplace_back(key);
      adapt::adapt_export_element(key, element, f.input.display_path, exported);
      return true;
    };
    load::StreamResult streamed;
    if (f.source) {
      // Read already (small enough to keep, for snippets): streamed from memory.
      std::string_view text = f.source->text();
      std::FILE* memory = fmemopen(const_cast<char*>(text.data()), std::max<size_t>(text.size(), 1), "rb");
      if (memory) {
        streamed = load::stream_json(memory, base::intern(f.input.display_path), on_element, projection.keep_member);
        std::fclose(memory);
      }
    } else {
      streamed = load::stream_json(f.input.disk_path, base::intern(f.input.display_path), on_element,
                                   projection.keep_member);
    }
    if (streamed.envelope.is_map())
      for (const model::Member& m : streamed.envelope.as_map())
        if (m.value.is_list() && std::find(arrays.begin(), arrays.end(), m.key) == arrays.end()) arrays.push_back(m.key);
    adapt::finish_export(exported);
    if (adapt::more_pages(streamed.envelope)) exported.truncated = true;
    adapt::export_inventories(arrays, f.input.display_path, exported);
    adapt::snapshot_inventories(streamed.envelope, f.input.display_path, exported);
    adapted = std::move(exported.resources);
    inventories = std::move(exported.inventories);
    f.history = std::move(exported.history);
    for (base::Diagnostic& d : streamed.diagnostics) f.diagnostics.push_back(std::move(d));
    for (base::Diagnostic& d : exported.diagnostics) f.diagnostics.push_back(std::move(d));
    if (base::has_errors(f.diagnostics)) f.kind = FileKind::unreadable;
  }
  if (f.kind == FileKind::terraform_state && f.documents.size() == 1) read_state(f, f.states);
  if (f.kind == FileKind::dockerfile && f.source) {
    load::ParsedDockerfile parsed = load::parse_dockerfile(*f.source);
    for (base::Diagnostic& d : parsed.diagnostics) f.diagnostics.push_back(std::move(d));
    adapted = adapt::adapt_dockerfile(parsed, f.input.display_path);
  }
  if (f.kind == FileKind::aws_export && !f.documents.empty()) {
    adapt::ExportResult exported;
    exported.placement_path = placement_path(f.input);
    adapt::adapt_export(f.documents[0], f.input.display_path, exported);
    adapted = std::move(exported.resources);
    inventories = std::move(exported.inventories);
    f.history = std::move(exported.history);
    for (base::Diagnostic& d : exported.diagnostics) f.diagnostics.push_back(std::move(d));
  }
  for (model::Resource& r : adapted) r.reported = f.input.reported;
  // Adapted: the resources hold what the rules read; the parsed documents
  // of these kinds are not read again (half the memory of a manifest scan).
  // Nor are those of files that are nothing guardrail knows.
  if (f.kind == FileKind::kubernetes || f.kind == FileKind::terraform_plan || f.kind == FileKind::aws_export ||
      f.kind == FileKind::other || f.kind == FileKind::unreadable)
    std::vector<model::Value>().swap(f.documents);
}

/// A file whose reading or adapting threw: one located error, no resources.
void fail_file(LoadedFile& f, std::vector<model::Resource>& adapted, std::vector<adapt::Inventory>& inventories,
               const Candidate& input, const std::string& what) {
  adapted.clear();
  inventories.clear();
  f.input = input;
  f.kind = FileKind::unreadable;
  f.documents.clear();
  f.hcl.reset();
  f.diagnostics.push_back(base::error("internal", {base::intern(input.display_path)},
                                      "guardrail could not read this file (" + what +
                                          "); please report it with the file attached"));
}

/// A finding that a Terragrunt input decided is located at that input (the
/// line to change, one per environment); the resource it reaches, in its
/// module, is a related location.
void relate_to_module(ScanResult& result, const std::set<std::string>& terragrunt_files) {
  if (terragrunt_files.empty()) return;
  std::multimap<std::string_view, const model::Resource*> by_address;
  for (const model::Resource& r : result.resources)
    if (r.source == model::SourceKind::terraform) by_address.emplace(r.address, &r);
  for (evaluate::Finding& f : result.findings) {
    if (!terragrunt_files.count(std::string(f.where.file))) continue;
    auto [begin, end] = by_address.equal_range(f.resource);
    for (auto it = begin; it != end; ++it) {
      const model::Resource& r = *it->second;
      if (r.environment != f.environment || !r.location.known() || r.location.file == f.where.file) continue;
      f.related.push_back({r.location, "the resource it sets, in its module"});
      break;
    }
  }
}

}  // namespace

ScanResult run_scan(const ScanOptions& options) { return run_scan(options, load_pack(options)); }

ScanResult run_scan(const ScanOptions& options, std::shared_ptr<policy::Pack> pack) {
  model::forget_encoded();  // the JSON a previous scan's Terraform wrote
  ScanResult result;
  result.pack = std::move(pack);
  auto folder = [](const std::filesystem::path& p) {
    std::filesystem::path normal = base::absolute_normal(p);
    return normal.has_filename() ? normal : normal.parent_path();
  };
  result.display_root = folder(options.root);
  if (options.inputs.empty()) result.scanned_paths = options.paths;
  if (!options.repository.empty()) result.repository = folder(options.repository);
  for (const base::Diagnostic& d : result.pack->diagnostics) result.diagnostics.push_back(d);
  if (base::has_errors(result.pack->diagnostics)) return result;
  const policy::Policy* policy = nullptr;
  if (!options.policy_name.empty()) {
    policy = result.pack->policy(options.policy_name);
    if (!policy) {
      result.diagnostics.push_back(
          base::error("policy-name", {}, "no policy named '" + options.policy_name + "' is loaded"));
      return result;
    }
  } else {
    for (const auto& p : result.pack->policies)
      if (p->from_user || !options.builtin_pack) policy = p.get();
    if (!policy) policy = result.pack->policy("innovate");
  }
  result.effective = policy::resolve(*result.pack, policy);
  for (const auto& [env_name, o] : options.environments) {
    const std::string& name = env_name;  // clang 14 cannot capture a structured binding
    auto it = std::find_if(result.effective.environment_defs.begin(), result.effective.environment_defs.end(),
                           [&](const policy::Environment& e) { return e.name == name; });
    if (it == result.effective.environment_defs.end() && result.effective.environment_defs.empty()) {
      // A policy without environments (baseline) judges every resource alike:
      // the configuration's bindings, written for another policy, do not apply.
      if (env_name == options.environments.begin()->first) {
        std::string names;
        for (const auto& [n, _] : options.environments) names += (names.empty() ? "" : ", ") + n;
        result.diagnostics.push_back(base::warning(
            "config", o.where,
            "the configuration's environments (" + names + ") are not used: policy " +
                (result.effective.policy ? result.effective.policy->name : std::string("(none)")) +
                " has no environments"));
      }
      continue;
    }
    if (it == result.effective.environment_defs.end()) {
      std::string known;
      for (const std::string& e : result.effective.environments) known += (known.empty() ? "" : ", ") + e;
      std::string suggestion = nearest_environment(name, result.effective);
      result.diagnostics.push_back(base::error("config", o.where,
                                               "the policy has no environment '" + name + "' (it has " +
                                                   (known.empty() ? "none" : known) + ")" +
                                                   (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?")));
      continue;
    }
    if (o.accounts) it->accounts = *o.accounts;
    if (o.paths) it->paths = *o.paths;
  }

  if (!check_selection(*result.pack, result.effective, options, result.diagnostics)) return result;
  // The frameworks are read before any input: a misspelt one stops the run.
  std::vector<std::shared_ptr<const policy::Framework>> frameworks;
  base::Diagnostics framework_problems;
  for (const std::string& name : options.frameworks)
    if (auto f = policy::load_framework(name, *result.pack, framework_problems)) {
      bool again = std::any_of(frameworks.begin(), frameworks.end(), [&](const auto& g) { return g->id == f->id; });
      if (!again) frameworks.push_back(std::move(f));
    }
  bool frameworks_broken = base::has_errors(framework_problems);
  for (base::Diagnostic& d : framework_problems) result.diagnostics.push_back(std::move(d));
  if (frameworks_broken) return result;

  Discovery discovery = options.inputs.empty() ? discover(options.paths, options.root) : Discovery{options.inputs, {}};
  // Files named on the command line (pre-commit) rather than folders: the
  // scan holds their folders, not the estate (docs/semantics.md, existence rules).
  std::error_code named_ec;
  result.named_files = options.inputs.empty() &&
                       std::any_of(options.paths.begin(), options.paths.end(), [&](const std::string& p) {
                         return p != "-" && std::filesystem::is_regular_file(p, named_ec);
                       });
  for (base::Diagnostic& d : discovery.diagnostics) result.diagnostics.push_back(std::move(d));
  if (!options.include.empty() || !options.exclude.empty()) {
    auto matches = [](const std::vector<std::string>& globs, const std::string& path) {
      return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return base::glob_match(g, path); });
    };
    std::erase_if(discovery.files, [&](const Candidate& c) {
      if (c.disk_path.empty()) return false;  // standard input
      return (!options.include.empty() && !matches(options.include, c.display_path)) ||
             matches(options.exclude, c.display_path);
    });
  }

  RenderOutcome rendered = render_first_inputs(discovery.files, options.render_kustomize, options.render_helm);
  for (base::Diagnostic& d : rendered.diagnostics) result.diagnostics.push_back(std::move(d));
  for (Candidate& c : rendered.inputs) discovery.files.push_back(std::move(c));
  const KustomizePlan& kustomize = rendered.kustomize;

  std::vector<LoadedFile> loaded(discovery.files.size());
  std::vector<std::vector<model::Resource>> adapted(discovery.files.size());
  std::vector<std::vector<adapt::Inventory>> inventories(discovery.files.size());
  unsigned jobs = options.jobs ? options.jobs : default_jobs();
  // Drift compares attributes no rule reads (docs/drift.md's keys and
  // attributes, or all of them); the resource model shows every attribute.
  LazyProjection projection(*result.pack, options.drift || options.keep_all_attributes);
  load::scan_alias_nodes() = 0;
  parallel_for(discovery.files.size(), jobs, [&](size_t i) {
    // Whatever one file does, the others are scanned: an exception thrown
    // while reading or adapting it becomes an error located on it.
    try {
      load_and_adapt(discovery.files[i], loaded[i], adapted[i], inventories[i], projection, kustomize);
    } catch (const std::exception& e) {
      fail_file(loaded[i], adapted[i], inventories[i], discovery.files[i], e.what());
    } catch (...) {
      fail_file(loaded[i], adapted[i], inventories[i], discovery.files[i], "unknown exception");
    }
  });
  // An AWS Config history split across files is decided by its latest capture.
  {
    std::vector<std::vector<adapt::ExportResult::Capture>> histories(loaded.size());
    for (size_t i = 0; i < loaded.size(); ++i) histories[i] = std::move(loaded[i].history);
    adapt::supersede_history(histories, adapted);
  }

  // The files whose findings are reported: in a named-file scan, a module's
  // resources and a nested template's are reported through the named file
  // that calls or nests them.
  std::set<std::string_view> named;
  for (LoadedFile& f : loaded)
    if (f.input.reported) named.insert(base::intern(f.input.display_path));

  // Terraform is evaluated per module folder, after every file is read.
  std::vector<LoadedFile*> terraform_files;
  for (LoadedFile& f : loaded)
    if (f.kind == FileKind::terraform || f.kind == FileKind::terraform_vars || f.kind == FileKind::terragrunt)
      terraform_files.push_back(&f);
  TerraformOutput tf;
  if (!terraform_files.empty()) {
    std::set<std::string_view> unreported;
    for (LoadedFile& f : loaded)
      if (!f.input.reported) unreported.insert(base::intern(f.input.display_path));
    // A folder with a plan JSON is read from the plan, not also from its
    // configuration, when the plan describes that configuration; a plan made
    // before the .tf files changed is stale: the .tf files are read instead.
    // Folders compared absolute and normal: "plan.json" and "./main.tf" are in one.
    auto folder = [](const std::string& disk_path) { return base::absolute_normal(disk_path).parent_path().string(); };
    std::map<std::string, std::vector<const LoadedFile*>> tf_by_dir;
    for (const LoadedFile* f : terraform_files)
      if (!f->input.disk_path.empty()) tf_by_dir[folder(f->input.disk_path)].push_back(f);
    std::vector<std::string> plan_dirs;
    for (size_t i = 0; i < loaded.size(); ++i) {
      LoadedFile& f = loaded[i];
      if (f.kind != FileKind::terraform_plan || f.input.disk_path.empty()) continue;
      std::string dir = folder(f.input.disk_path);
      auto beside = tf_by_dir.find(dir);
      std::string difference;
      if (beside != tf_by_dir.end() && f.plan_partial) {
        // A -target plan says nothing of what it leaves out: the configuration does,
        // so the adapter's warning (judge the configuration) gives way to this one.
        std::erase_if(f.diagnostics, [](const base::Diagnostic& d) { return d.code == "tf-plan-partial"; });
        f.diagnostics.push_back(base::warning(
            "tf-plan-partial", {base::intern(f.input.display_path)},
            "this plan is partial (made with -target): the .tf files beside it are scanned instead"));
        f.skip_reason = "a partial plan: the .tf files beside it are scanned instead";
        adapted[i].clear();
        inventories[i].clear();
        continue;
      }
      if (beside == tf_by_dir.end() || plan_describes(f, beside->second, difference)) {
        plan_dirs.push_back(dir);
        continue;
      }
      f.diagnostics.push_back(base::warning(
          "tf-plan-stale", {base::intern(f.input.display_path)},
          "this plan does not describe the .tf files beside it (" + difference +
              "): it is stale, and the .tf files are scanned instead; make the plan again to scan it"));
      f.skip_reason = "a stale plan: the .tf files beside it are scanned instead";
      adapted[i].clear();
      inventories[i].clear();
    }
    TerraformOptions tf_options{options.var_files, options.vars, {}};
    for (const auto& [name, o] : options.environments)
      if (!o.var_files.empty()) tf_options.environment_var_files.emplace_back(name, o.var_files);
    tf = run_terraform(terraform_files, tf_options, plan_dirs, jobs);
    // A named file a module's value may come from (its terraform.tfvars, its
    // variables.tf or locals.tf, an environment's var-file): the module's
    // resources are judged, and what falls in the named file is reported.
    std::set<std::string> valued_dirs;
    if (result.named_files) {
      std::set<std::string> env_var_files;
      for (const auto& [env, o] : options.environments)
        for (const std::string& v : o.var_files) env_var_files.insert(base::absolute_normal(v).generic_string());
      auto dir_of = [](const std::string& display) { return std::filesystem::path(display).parent_path().generic_string(); };
      for (const LoadedFile* f : terraform_files) {
        if (!f->input.reported) continue;
        valued_dirs.insert(dir_of(f->input.display_path));
        std::string var_file = base::absolute_normal(f->input.disk_path).generic_string();
        if (!env_var_files.count(var_file)) continue;
        // The roots an environment's var-file applies to: the modules in the folders above it.
        for (const LoadedFile* g : terraform_files)
          if (g->kind == FileKind::terraform &&
              var_file.starts_with(base::absolute_normal(g->input.disk_path).parent_path().generic_string() + "/"))
            valued_dirs.insert(dir_of(g->input.display_path));
      }
    }
    for (model::Resource& r : tf.resources) {
      // A root evaluated once per environment: one identity per evaluation.
      scope_terraform(r, "tf:" + r.origin + (r.environment.empty() ? "" : "#" + r.environment));
      // A module's resources belong to the root that calls it, wherever the
      // module's files are; files read as context are not reported, and in a
      // named-file scan a module's resource is reported through its call.
      r.reported = result.named_files ? named.count(r.location.file) || named.count(r.call_site.file)
                                      : !unreported.count(r.location.file);
      if (!r.reported && result.named_files && !r.call_site.known())
        r.reported = valued_dirs.count(std::filesystem::path(std::string(r.location.file)).parent_path().generic_string()) > 0;
    }
  }

  // CloudFormation: templates, with their nested stacks.
  std::vector<LoadedFile*> templates;
  for (LoadedFile& f : loaded)
    if (f.kind == FileKind::cloudformation) templates.push_back(&f);
  CloudFormationOutput cfn;
  if (!templates.empty()) cfn = run_cloudformation(templates, {options.cfn_params, options.cfn_param_files}, jobs);
  if (result.named_files)
    for (model::Resource& r : cfn.resources)
      if (!r.reported && r.call_site.known()) r.reported = named.count(r.call_site.file) > 0;

  // Sized once: a vector of a million resources grown by doubling holds
  // twice what it needs at the last step.
  size_t resource_count = tf.resources.size() + cfn.resources.size();
  for (const auto& list : adapted) resource_count += list.size();
  result.resources.reserve(resource_count);
  for (size_t i = 0; i < loaded.size(); ++i) {
    LoadedFile& f = loaded[i];
    result.files.push_back({f.input.display_path, f.kind, f.input.reported, std::move(f.skip_reason)});
    for (base::Diagnostic& d : f.diagnostics) result.diagnostics.push_back(std::move(d));
    for (model::Resource& r : adapted[i]) result.resources.push_back(std::move(r));
    std::vector<model::Resource>().swap(adapted[i]);
    for (StateInstance& st : f.states) result.states.push_back(std::move(st));
    if (f.source) result.sources.push_back(std::move(f.source));
    // Every stage has read the parsed documents: the resources hold what
    // the rules read (the documents are often half the memory of a scan).
    std::vector<model::Value>().swap(f.documents);
    f.hcl.reset();
  }
  std::vector<std::vector<model::Resource>>().swap(adapted);
  // Terragrunt stacks and JSON configurations are not read: said once, not silently skipped.
  size_t unread = 0;
  const FileSummary* first_unread = nullptr;
  for (const FileSummary& f : result.files)
    if (f.skip_reason == kTerragruntUnread && ++unread == 1) first_unread = &f;
  if (first_unread)
    result.diagnostics.push_back({base::Level::note, "terragrunt", {base::intern(first_unread->path)},
                                  std::to_string(unread) + " Terragrunt stack or JSON configuration" +
                                      (unread == 1 ? " is" : "s are") +
                                      " not read: the units it makes are judged only if the scan holds them "
                                      "(docs/inputs.md)"});
  for (auto& d : tf.diagnostics) result.diagnostics.push_back(std::move(d));
  for (auto& d : cfn.diagnostics) result.diagnostics.push_back(std::move(d));
  for (auto& r : cfn.resources) result.resources.push_back(std::move(r));
  for (auto& r : tf.resources) result.resources.push_back(std::move(r));
  std::set<std::string_view> have;
  for (const auto& src : result.sources) have.insert(src->path());
  for (auto& src : tf.extra_sources)
    if (have.insert(src->path()).second) result.sources.push_back(std::move(src));
  for (auto& src : cfn.extra_sources)
    if (have.insert(src->path()).second) result.sources.push_back(std::move(src));
  std::sort(result.sources.begin(), result.sources.end(),
            [](const auto& a, const auto& b) { return a->path() < b->path(); });
  // A file read only as context of a named one (a sibling) does not fail the
  // run: its problems are warnings, and say why.
  if (result.named_files) {
    // Context: the siblings read beside a named file, and the files of the
    // modules it calls; not what the user gave (named files, --var-file).
    std::set<std::string_view> named, context;
    for (const FileSummary& f : result.files) (f.reported ? named : context).insert(base::intern(f.path));
    for (const auto& src : result.sources)
      if (!named.count(src->path())) context.insert(src->path());
    for (const std::string& v : options.var_files) context.erase(base::intern(v));
    for (base::Diagnostic& d : result.diagnostics)
      if (d.level == base::Level::error && context.count(d.where.file)) {
        d.level = base::Level::warning;
        d.message += " (in a file read only as context of the files named)";
      }
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);

  for (auto& list : inventories)
    for (adapt::Inventory& inv : list) result.inventories.push_back(std::move(inv));
  std::sort(result.inventories.begin(), result.inventories.end());
  try {
    adapt::merge_exports(result.resources);
    adapt::canonicalize(result.resources);
    // Paths shown from inside the repository (a scan run in envs/prod) or
    // from above it are read from its root, as a scan of the repository reads them.
    assign_environments(result.resources, result.effective, options.env, {result.display_root, result.repository});
  } catch (const std::exception& e) {
    // Adapters check every kind they read; this is the net under a defect of ours.
    result.diagnostics.push_back(base::error("internal", {}, std::string("resources could not be prepared (") +
                                                                 e.what() + "); please report it"));
  }
  evaluate_rules(result, options);
  relate_to_module(result, tf.terragrunt_files);
  if (options.drift) add_drift(result, options.drift_all_attributes);
  result.severity_overrides = options.severity;
  result.input_files = options.var_files;
  result.input_files.insert(result.input_files.end(), options.cfn_param_files.begin(), options.cfn_param_files.end());
  if (!options.severity.empty())
    for (evaluate::Finding& f : result.findings) f.severity = result.configured_severity(f.rule_id).value_or(f.severity);
  std::sort(result.findings.begin(), result.findings.end());
  filter::filter_findings(result, {options.now.empty() ? today_utc() : options.now, options.baseline,
                                   options.report_unused_suppressions});
  for (auto& framework : frameworks) result.frameworks.push_back(judge(std::move(framework), result));
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);
  // A module that several roots call is evaluated with each, and says what
  // it says about its own files each time: the same diagnostic is one.
  auto same = [](const base::Diagnostic& a, const base::Diagnostic& b) {
    return a.level == b.level && a.code == b.code && a.where == b.where && a.message == b.message;
  };
  result.diagnostics.erase(std::unique(result.diagnostics.begin(), result.diagnostics.end(), same),
                           result.diagnostics.end());
  return result;
}

}  // namespace guardrail::scan
