#include "scan/kustomize.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/intern.hpp"
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

/// Keys that leave the listed manifests as written.
bool plain_key(const std::string& key) {
  return key == "apiVersion" || key == "kind" || key == "resources" || key == "bases" || key == "namespace" ||
         key == "metadata" || key == "sortOptions" || key == "buildMetadata";
}

void read_kustomization(const Candidate& c, KustomizeFolder& folder) {
  base::FileRead read = c.content ? base::FileRead{*c.content, ""} : load::read_document(c.disk_path);
  if (!read.ok()) {
    folder.needs_render = true;
    folder.why = "its kustomization could not be read (" + read.error + ")";
    return;
  }
  load::Decoded decoded = load::decode_text(std::move(read.bytes));
  base::SourceFile src(c.display_path, std::move(decoded.text));
  load::Documents docs = load::load_yaml(src);
  if (base::has_errors(docs.diagnostics) || docs.documents.empty() || !docs.documents[0].is_map()) {
    folder.needs_render = true;
    folder.why = "its kustomization is not a YAML map";
    return;
  }
  const model::Value& k = docs.documents[0];
  for (const model::Member& m : k.as_map()) {
    if (plain_key(m.key)) continue;
    folder.needs_render = true;
    if (folder.why.empty()) folder.why = m.key;
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
        if (folder.why.empty() || plain_key(folder.why)) folder.why = "a remote base (" + r + ")";
        continue;
      }
      folder.resources.push_back((fs::path(folder.dir) / r).lexically_normal().generic_string());
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
      folder.inputs.push_back((fs::path(folder.dir) / path->as_string()).lexically_normal().generic_string());
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

const KustomizeFolder* KustomizePlan::listing(const std::string& display_path) const {
  auto it = listed.find(display_path);
  return it == listed.end() ? nullptr : it->second;
}

const KustomizeFolder* KustomizePlan::naming(const std::string& display_path) const {
  auto it = inputs.find(display_path);
  return it == inputs.end() ? nullptr : it->second;
}

KustomizePlan plan_kustomizations(const std::vector<Candidate>& files) {
  KustomizePlan plan;
  for (const Candidate& c : files) {
    if (c.by_content()) continue;
    std::string name = fs::path(c.display_path).filename().string();
    if (!is_kustomization_name(name)) continue;
    KustomizeFolder folder;
    folder.dir = parent_of(c.display_path);
    folder.disk_dir = fs::path(c.disk_path).parent_path().string();
    if (folder.disk_dir.empty()) folder.disk_dir = ".";
    read_kustomization(c, folder);
    plan.folders.emplace(folder.dir, std::move(folder));
  }
  // A file two kustomizations list is read through a plain one if there is one.
  for (const auto& [dir, folder] : plan.folders)
    for (const std::string& r : folder.resources) {
      auto [it, fresh] = plan.listed.emplace(r, &folder);
      if (!fresh && it->second->needs_render && !folder.needs_render) it->second = &folder;
    }
  for (const auto& [dir, folder] : plan.folders)
    for (const std::string& r : folder.inputs) plan.inputs.emplace(r, &folder);
  return plan;
}

}  // namespace guardrail::scan
