#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "scan/discover.hpp"

namespace guardrail::scan {

/// What a folder's `kustomization.yaml` (or .yml, or `Kustomization`) means
/// for the manifests beside it.
///
/// A plain kustomization (`resources:` that are local files or folders, and
/// at most a `namespace:`) is read as written: the files it lists are
/// manifests, with its namespace set on their namespaced objects; the other
/// YAML files of the folder (patches, values) are not. One that must be
/// rendered (patches, generators, name prefixes, labels, images, remote
/// bases, components, Helm charts) leaves every YAML file of its folder
/// unread, with one note, unless guardrail renders it (`--render-kustomize`
/// with `kustomize` or `kubectl` on PATH).
struct KustomizeFolder {
  std::string dir;           // display path of the folder
  std::string disk_dir;      // to render it
  std::string abs_dir;       // absolute and normal: what files are matched by
  bool needs_render = false;
  std::string why;           // what needs rendering: "patches", "a remote base", ...
  std::vector<std::string> resources;  // absolute paths of the listed files
  std::vector<std::string> bases;      // absolute paths of the listed folders (kustomizations of their own)
  /// Absolute paths of the files it names as something other than a resource:
  /// patches, replacements, transformer and generator configurations. Not
  /// manifests, wherever they are.
  std::vector<std::string> inputs;
  /// It may set its objects' namespaces by other means than `namespace:`
  /// (transformers, replacements, components, a JSON patch of
  /// /metadata/namespace, a base it cannot read): what namespace it gives
  /// is known only by rendering it. Images, labels, prefixes, generators
  /// and ordinary patches leave namespaces as they are.
  bool namespace_open = false;
  std::string namespace_;               // "" for none
  base::Location namespace_where;       // the `namespace:` value
  base::Diagnostics diagnostics;        // a kustomization that does not parse
};

struct KustomizePlan {
  /// By display path of the folder. Beside those among the files scanned,
  /// the kustomizations of the folders above a scanned YAML file (up to the
  /// repository's root): a patch staged alone is still known as a patch.
  std::map<std::string, KustomizeFolder> folders;
  std::map<std::string, const KustomizeFolder*> listed;  // resource (absolute) -> folder listing it
  std::map<std::string, const KustomizeFolder*> inputs;  // patch or configuration (absolute) -> folder naming it
  std::map<std::string, std::vector<const KustomizeFolder*>> users;  // base folder (absolute) -> folders listing it
  bool rendering = false;  // overlays that must be rendered are (--render-kustomize)
  /// The folder whose kustomization governs a YAML candidate (its own), or null.
  const KustomizeFolder* folder_of(const Candidate& c) const;
  /// The plain kustomization that lists a file among its resources, else one
  /// that must be rendered, else null.
  const KustomizeFolder* listing(const Candidate& c) const;
  /// The kustomization that names a file as a patch or a configuration, or null.
  const KustomizeFolder* naming(const Candidate& c) const;
  /// The kustomizations that list the folder of a file as a base.
  const std::vector<const KustomizeFolder*>* users_of(const Candidate& c) const;
};

/// Reads the kustomization files among `files`, and those above them.
KustomizePlan plan_kustomizations(const std::vector<Candidate>& files);

/// The object kinds of kustomize's own configuration (kustomize.config.k8s.io):
/// build instructions, not cluster objects.
bool is_kustomize_config(std::string_view api_version);

}  // namespace guardrail::scan
