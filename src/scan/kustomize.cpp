#include "scan/kustomize.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/intern.hpp"
#include "base/paths.hpp"
#include "load/limits.hpp"
#include "load/text_decode.hpp"
#include "load/yaml_loader.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

bool is_kustomization_name(const std::string& name) {
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::string parent_of(const std::string& display) {
  std::string dir = fs::path(display).parent_path().generic_string();
  return dir.empty() ? "." : dir;
}

/// A file's absolute, normal path: how kustomizations and files meet, from
/// wherever the scan runs.
std::string absolute(const std::string& path) { return base::absolute_normal(path).generic_string(); }

/// Keys that leave the listed manifests as written.
bool plain_key(const std::string& key) {
  return key == "apiVersion" || key == "kind" || key == "resources" || key == "bases" || key == "namespace" ||
         key == "metadata" || key == "sortOptions" || key == "buildMetadata";
}

/// Keys by which a kustomization may give its objects namespaces other than
/// its `namespace:` (a component or a transformer may hold a namespace of its
/// own; Helm charts render with theirs).
bool namespace_setting_key(const std::string& key) {
  return key == "transformers" || key == "replacements" || key == "components" || key == "helmCharts" ||
         key == "helmChartInflationGenerator" || key == "generators" || key == "vars";
}

void read_kustomization(const Candidate& c, KustomizeFolder& folder) {
  base::FileRead read = c.content ? base::FileRead{*c.content, ""} : load::read_document(c.disk_path);
  if (!read.ok()) {
    folder.needs_render = true;
    folder.namespace_open = true;
    folder.why = "its kustomization could not be read (" + read.error + ")";
    return;
  }
  load::Decoded decoded = load::decode_text(std::move(read.bytes));
  base::SourceFile src(c.display_path, std::move(decoded.text));
  load::Documents docs = load::load_yaml(src);
  if (base::has_errors(docs.diagnostics) || docs.documents.empty() || !docs.documents[0].is_map()) {
    folder.needs_render = true;
    folder.namespace_open = true;
    folder.why = "its kustomization is not a YAML map";
    return;
  }
  const model::Value& k = docs.documents[0];
  for (const model::Member& m : k.as_map()) {
    if (plain_key(m.key)) continue;
    folder.needs_render = true;
    if (folder.why.empty()) folder.why = m.key;
    if (namespace_setting_key(m.key)) folder.namespace_open = true;
    // A JSON 6902 patch written inline may replace /metadata/namespace.
    if ((m.key == "patches" || m.key == "patchesJson6902") && m.value.is_list())
      for (const model::Value& patch : m.value.as_list())
        if (const model::Value* text = patch.find("patch");
            text && text->is_string() && text->as_string().find("/metadata/namespace") != std::string::npos)
          folder.namespace_open = true;
  }
  if (const model::Value* ns = k.find("namespace"); ns && ns->is_string()) {
    folder.namespace_ = ns->as_string();
    folder.namespace_where = ns->location();
  }
  for (const char* key : {"resources", "bases"}) {
    const model::Value* list = k.find(key);
    if (!list || !list->is_list()) continue;
    for (const model::Value& item : list->as_list()) {
      if (!item.is_string()) continue;
      const std::string& r = item.as_string();
      if (r.find("://") != std::string::npos || r.find("?ref=") != std::string::npos || r.rfind("github.com/", 0) == 0 ||
          r.rfind("git@", 0) == 0) {
        folder.needs_render = true;
        folder.namespace_open = true;
        if (folder.why.empty() || plain_key(folder.why)) folder.why = "a remote base (" + r + ")";
        continue;
      }
      std::string listed = (fs::path(folder.abs_dir) / r).lexically_normal().generic_string();
      std::error_code ec;
      if (fs::is_directory(listed, ec)) folder.bases.push_back(listed);
      else folder.resources.push_back(listed);
    }
  }
  // Files named as patches or configurations: a path as a string, or a
  // {path: ...} entry (an inline patch is text, not a file).
  for (const char* key : {"patches", "patchesStrategicMerge", "patchesJson6902", "replacements", "configurations",
                          "crds", "transformers", "generators", "validators"}) {
    const model::Value* list = k.find(key);
    if (!list || !list->is_list()) continue;
    for (const model::Value& item : list->as_list()) {
      const model::Value* path = item.is_string() ? &item : item.find("path");
      if (!path || !path->is_string() || path->as_string().find('\n') != std::string::npos) continue;
      folder.inputs.push_back((fs::path(folder.abs_dir) / path->as_string()).lexically_normal().generic_string());
    }
  }
}

}  // namespace

bool is_kustomize_config(std::string_view api_version) {
  return api_version.rfind("kustomize.config.k8s.io/", 0) == 0;
}

const KustomizeFolder* KustomizePlan::folder_of(const Candidate& c) const {
  auto it = folders.find(parent_of(c.display_path));
  return it == folders.end() ? nullptr : &it->second;
}

const KustomizeFolder* KustomizePlan::listing(const Candidate& c) const {
  if (c.by_content() || listed.empty()) return nullptr;
  auto it = listed.find(absolute(c.disk_path));
  return it == listed.end() ? nullptr : it->second;
}

const KustomizeFolder* KustomizePlan::naming(const Candidate& c) const {
  if (c.by_content() || inputs.empty()) return nullptr;
  auto it = inputs.find(absolute(c.disk_path));
  return it == inputs.end() ? nullptr : it->second;
}

const std::vector<const KustomizeFolder*>* KustomizePlan::users_of(const Candidate& c) const {
  if (c.by_content() || users.empty()) return nullptr;
  auto it = users.find(fs::path(absolute(c.disk_path)).parent_path().generic_string());
  return it == users.end() ? nullptr : &it->second;
}

KustomizePlan plan_kustomizations(const std::vector<Candidate>& files) {
  KustomizePlan plan;
  std::set<std::string> seen;  // absolute folders whose kustomization is read, or known to have none
  auto add = [&](const Candidate& c) {
    KustomizeFolder folder;
    folder.dir = parent_of(c.display_path);
    folder.disk_dir = fs::path(c.disk_path).parent_path().string();
    if (folder.disk_dir.empty()) folder.disk_dir = ".";
    folder.abs_dir = fs::path(absolute(c.disk_path)).parent_path().generic_string();
    seen.insert(folder.abs_dir);
    read_kustomization(c, folder);
    plan.folders.emplace(folder.dir, std::move(folder));
  };
  for (const Candidate& c : files) {
    if (c.by_content()) continue;
    std::string name = fs::path(c.display_path).filename().string();
    if (is_kustomization_name(name)) add(c);
  }
  // The folders above each YAML file, to the repository's root (a .git
  // beside), at most 16 up: a kustomization there may name the file.
  std::set<std::string> walked, walked_disk;
  for (const Candidate& c : files) {
    if (c.by_content()) continue;
    std::string ext = fs::path(c.display_path).extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
    // Once per folder: the walk of a folder's first file covers the rest.
    fs::path disk_dir = fs::path(c.disk_path).parent_path();
    if (!walked_disk.insert(disk_dir.string()).second) continue;
    fs::path abs_dir = fs::path(absolute(c.disk_path)).parent_path();
    fs::path display_dir = fs::path(c.display_path).parent_path();
    for (int up = 0; up < 16 && !abs_dir.empty(); ++up) {
      if (!walked.insert(abs_dir.generic_string()).second) break;  // and everything above it
      std::error_code ec;
      if (!seen.count(abs_dir.generic_string()))
        for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"})
          if (fs::is_regular_file(abs_dir / name, ec)) {
            Candidate k;
            k.disk_path = (abs_dir / name).string();
            fs::path shown = display_dir.empty() ? fs::path(".") : display_dir;
            k.display_path = (shown / name).lexically_normal().generic_string();
            k.reported = false;
            add(k);
            break;
          }
      if (fs::exists(abs_dir / ".git", ec) || abs_dir.parent_path() == abs_dir) break;
      abs_dir = abs_dir.parent_path();
      if (display_dir.empty() || display_dir == ".") display_dir = "..";
      else if (display_dir.filename() == "..") display_dir /= "..";
      else display_dir = display_dir.parent_path().empty() ? fs::path(".") : display_dir.parent_path();
    }
  }
  // A file two kustomizations list is read through a plain one if there is one.
  for (const auto& [dir, folder] : plan.folders)
    for (const std::string& r : folder.resources) {
      auto [it, fresh] = plan.listed.emplace(r, &folder);
      if (!fresh && it->second->needs_render && !folder.needs_render) it->second = &folder;
    }
  for (const auto& [dir, folder] : plan.folders) {
    for (const std::string& r : folder.inputs) plan.inputs.emplace(r, &folder);
    for (const std::string& b : folder.bases) plan.users[b].push_back(&folder);
  }
  return plan;
}

}  // namespace guardrail::scan
