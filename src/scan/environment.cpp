#include "scan/environment.hpp"

#include <algorithm>
#include <cctype>

#include "base/paths.hpp"
#include "base/text.hpp"

#include <map>
#include <set>

#include <re2/re2.h>

#include "base/glob.hpp"

namespace guardrail::scan {
namespace {

std::string tag_value(const model::Resource& r) {
  for (const char* key : {"tags", "tags_all"}) {
    if (const model::Value* tags = r.attrs.find(key)) {
      if (const model::Value* env = tags->find("Environment"); env && env->is_string()) return env->as_string();
    }
  }
  if (r.source == model::SourceKind::kubernetes) {
    if (const model::Value* md = r.attrs.find("metadata"))
      if (const model::Value* labels = md->find("labels"))
        if (const model::Value* env = labels->find("environment"); env && env->is_string()) return env->as_string();
  }
  return {};
}

}  // namespace

namespace {

/// A path shown, as the repository's root reads it; as shown when there is
/// no repository or the file lies outside it. A trailing '/' (a folder) stays.
std::string from_repository(std::string_view shown, const RepositoryFrame& frame) {
  if (frame.repository.empty() || shown.empty()) return std::string(shown);
  bool folder = shown.back() == '/';
  std::optional<std::string> inside = base::path_within(frame.display_root, shown, frame.repository);
  if (!inside) return std::string(shown);
  while (!inside->empty() && inside->back() == '/') inside->pop_back();
  return folder ? *inside + "/" : *inside;
}

}  // namespace

std::string environment_of_path(std::string_view shown, const policy::Effective& effective,
                                const RepositoryFrame& frame) {
  if (!effective.policy) return {};
  std::string joined = from_repository(shown, frame);
  std::string_view path = joined;
  for (const policy::Environment& env : effective.environment_defs)
    for (const std::string& glob : env.paths)
      if (base::glob_match(glob, path)) return env.name;
  // The deepest folder named after an environment (or an alias of one).
  std::string found;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    // Without regard to case: envs/Production is production's.
    std::string_view folder = path.substr(start, slash - start);
    auto same = [folder](std::string_view name) {
      return folder.size() == name.size() &&
             std::equal(folder.begin(), folder.end(), name.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
             });
    };
    for (const policy::Environment& env : effective.environment_defs) {
      bool match = same(env.name);
      for (const std::string& alias : env.aliases) match = match || same(alias);
      if (match) found = env.name;
    }
    start = slash + 1;
  }
  return found;
}

void assign_environments(std::vector<model::Resource>& resources, const policy::Effective& effective,
                         const std::string& forced, const RepositoryFrame& frame) {
  std::map<std::string, std::string> by_account;
  if (effective.policy)
    for (const policy::Environment& env : effective.environment_defs)
      for (const std::string& account : env.accounts) by_account[account] = env.name;
  std::set<std::string> known(effective.environments.begin(), effective.environments.end());
  // Kubernetes namespaces that say their environment.
  std::map<std::string, std::string> namespace_env;
  for (const model::Resource& r : resources) {
    if (r.source != model::SourceKind::kubernetes || r.type != "Namespace") continue;
    const model::Value* md = r.attrs.find("metadata");
    const model::Value* name = md ? md->find("name") : nullptr;
    const model::Value* labels = md ? md->find("labels") : nullptr;
    const model::Value* env = labels ? labels->find("environment") : nullptr;
    if (name && name->is_string() && env && env->is_string()) namespace_env[name->as_string()] = env->as_string();
  }
  // Resources share their files and folders: each path is read once.
  std::map<std::string, std::string, std::less<>> path_environment;
  auto of_path = [&](std::string path) -> const std::string& {
    auto it = path_environment.find(path);
    if (it == path_environment.end()) {
      std::string env = environment_of_path(path, effective, frame);
      it = path_environment.emplace(std::move(path), std::move(env)).first;
    }
    return it->second;
  };
  for (model::Resource& r : resources) {
    if (!forced.empty()) {
      r.environment = forced;
      continue;
    }
    // A root evaluated with an environment's variable files is that environment's.
    bool preset = !r.environment.empty();
    struct AccountFromEnvironment {
      // IaC that names no account is in its environment's account, when the
      // policy gives the environment exactly one.
      const policy::Effective& effective;
      void operator()(model::Resource& r) const {
        if (!r.account.empty() || r.environment.empty() || r.type.rfind("aws_", 0) != 0 || !effective.policy) return;
        if (const policy::Environment* env = effective.environment(r.environment); env && env->accounts.size() == 1)
          r.account = env->accounts[0];
      }
    } account_from_environment{effective};
    if (preset) {
      account_from_environment(r);
      continue;
    }
    if (!r.account.empty()) {
      auto it = by_account.find(r.account);
      if (it != by_account.end()) {
        r.environment = it->second;
        continue;
      }
    }
    std::string by_path = r.origin.empty() ? "" : of_path(r.origin + "/");
    if (by_path.empty()) {
      // A rendered overlay or chart ("overlays/prod#kustomize") is in its folder.
      std::string_view file = r.location.file;
      size_t hash = file.rfind('#');
      by_path = hash != std::string_view::npos && (file.substr(hash) == "#kustomize" || file.substr(hash) == "#helm")
                    ? of_path(std::string(file.substr(0, hash)) + "/")
                    : of_path(std::string(file));
    }
    if (!by_path.empty()) {
      r.environment = by_path;
      account_from_environment(r);
      continue;
    }
    if (r.source == model::SourceKind::kubernetes) {
      const model::Value* ns = r.attrs.find("namespace");
      if (ns && ns->is_string()) {
        auto it = namespace_env.find(ns->as_string());
        if (it != namespace_env.end() && (known.empty() || known.count(it->second))) {
          r.environment = it->second;
          continue;
        }
      }
    }
    std::string tagged = tag_value(r);
    if (!tagged.empty() && (known.empty() || known.count(tagged))) r.environment = tagged;
    account_from_environment(r);
  }
  set_kubernetes_scopes(resources);
}

void set_kubernetes_scopes(std::vector<model::Resource>& resources) {
  // A folder named like an AWS region (us-west-2) holds another cluster of
  // the same environment: prod's DR standby.
  static const RE2 kRegion("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");
  for (model::Resource& r : resources) {
    if (r.source != model::SourceKind::kubernetes) continue;
    std::string region;
    std::string_view path = r.location.file;
    size_t start = 0;
    for (size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
      std::string folder(path.substr(start, slash - start));
      if (RE2::FullMatch(folder, kRegion)) region = folder;
      start = slash + 1;
    }
    r.scope = region.empty() ? r.environment.str() : r.environment + "/" + region;
    // Its identity too: Deployment/shop/api of dev is not prod's.
    r.ids.assign(1, "k8s:" + r.scope + ":" + r.address);
  }
}

}  // namespace guardrail::scan
