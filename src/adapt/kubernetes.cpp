#include "adapt/kubernetes.hpp"

#include <cctype>

#include <algorithm>
#include <array>
#include <map>

namespace guardrail::adapt {
namespace {

using model::Value;

const Value* path(const Value& v, std::initializer_list<std::string_view> keys) {
  const Value* cur = &v;
  for (std::string_view k : keys) {
    cur = cur->find(k);
    if (!cur) return nullptr;
  }
  return cur;
}

std::string string_at(const Value& v, std::initializer_list<std::string_view> keys) {
  const Value* s = path(v, keys);
  return s && s->is_string() ? s->as_string() : std::string();
}

/// The API groups of the built-in kinds rules name. A custom resource that
/// reuses such a kind (Azure Service Operator's servicebus.azure.com
/// Namespace) is not that kind: Pod Security reads core Namespaces' labels.
bool built_in_group_differs(const std::string& kind, std::string_view api_version) {
  static const std::map<std::string, std::vector<std::string_view>, std::less<>> kGroups = {
      {"Namespace", {""}},          {"Pod", {""}},
      {"Service", {""}},            {"Secret", {""}},
      {"ConfigMap", {""}},          {"ServiceAccount", {""}},
      {"ReplicationController", {""}}, {"PodTemplate", {""}},
      {"Deployment", {"apps", "extensions"}}, {"DaemonSet", {"apps", "extensions"}},
      {"StatefulSet", {"apps"}},    {"ReplicaSet", {"apps", "extensions"}},
      {"Job", {"batch"}},           {"CronJob", {"batch"}},
      {"Ingress", {"networking.k8s.io", "extensions"}}, {"NetworkPolicy", {"networking.k8s.io", "extensions"}},
      {"PodDisruptionBudget", {"policy"}}, {"HorizontalPodAutoscaler", {"autoscaling"}},
      {"Role", {"rbac.authorization.k8s.io"}}, {"RoleBinding", {"rbac.authorization.k8s.io"}},
      {"ClusterRole", {"rbac.authorization.k8s.io"}}, {"ClusterRoleBinding", {"rbac.authorization.k8s.io"}}};
  auto it = kGroups.find(kind);
  if (it == kGroups.end()) return false;
  // A group it names that is not the kind's (apps.example.com/v1); a bare
  // version (v1) on a kind of another group is a slip kubectl rejects, read
  // as the built-in kind it means.
  size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view group = api_version.substr(0, slash);
  return std::find(it->second.begin(), it->second.end(), group) == it->second.end();
}

void add_object(const Value& doc, std::vector<model::Resource>& out) {
  std::string kind = string_at(doc, {"kind"});
  model::Resource r;
  r.type = kind;
  std::string api_version = string_at(doc, {"apiVersion"});
  if (built_in_group_differs(kind, api_version)) {
    // Known by kind and group (Namespace.servicebus.azure.com), never as the built-in kind.
    r.type = kind + "." + api_version.substr(0, api_version.find('/'));
  }
  r.source = model::SourceKind::kubernetes;
  r.attrs = doc;
  std::string name = string_at(doc, {"metadata", "name"});
  if (name.empty()) name = string_at(doc, {"metadata", "generateName"});
  if (name.empty()) name = "(unnamed)";
  std::string ns;
  if (!is_cluster_scoped(r.type)) {
    ns = string_at(doc, {"metadata", "namespace"});
    if (ns.empty()) ns = "default";
    r.address = r.type + "/" + ns + "/" + name;
  } else {
    r.address = r.type + "/" + name;
  }
  r.attrs.set("namespace", Value::string(ns));
  // A base's namespace its overlays decide (set_namespace): unknown, never "default".
  if (const Value* given = path(doc, {"metadata", "namespace"}); given && given->is_unknown() && !ns.empty())
    r.attrs.set("namespace", *given);
  // A custom resource's pods (its type is kind.group) are its controller's, not the built-in kind's.
  const bool built_in = r.type == kind;
  if (built_in && kind == "Pod") {
    // A bare Pod is its own template.
    Value tpl = Value::map({}, doc.location());
    if (const model::Member* m = doc.find_member("metadata")) tpl.set("metadata", m->value, m->key_location);
    if (const model::Member* s = doc.find_member("spec")) tpl.set("spec", s->value, s->key_location);
    r.attrs.set("pod", std::move(tpl));
  } else if (const Value* tpl = built_in ? pod_template(doc) : nullptr) {
    r.attrs.set("pod", *tpl);
  }
  const model::Member* metadata = doc.find_member("metadata");
  r.location = metadata ? metadata->key_location : doc.location();
  if (const Value* ignore = path(doc, {"metadata", "annotations", "guardrail.io/ignore"}))
    r.suppressions = std::make_shared<const Value>(*ignore);
  r.ids.push_back(r.address);
  out.push_back(std::move(r));
}

}  // namespace

namespace {

/// An API version the Kubernetes API server could serve: "v1", or GROUP/VERSION
/// where GROUP is a DNS name (apps.example.com) or one of the built-in
/// groups without a dot. Tools that borrow the shape for their own files
/// (skaffold/v4beta6, kustomize.config.k8s.io's Kustomization) are not.
bool kubernetes_api_version(std::string_view api) {
  if (api == "v1") return true;
  size_t slash = api.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == api.size()) return false;
  std::string_view group = api.substr(0, slash), version = api.substr(slash + 1);
  if (group.rfind("kustomize.config.k8s.io", 0) == 0) return false;
  bool builtin = group == "apps" || group == "batch" || group == "autoscaling" || group == "policy" ||
                 group == "extensions";
  if (!builtin && group.find('.') == std::string_view::npos) return false;
  // v1, v2beta1, v1alpha3
  return version.size() >= 2 && version[0] == 'v' && std::isdigit(static_cast<unsigned char>(version[1]));
}

}  // namespace

bool is_kubernetes_object(const Value& document) {
  const Value* api = document.find("apiVersion");
  const Value* kind = document.find("kind");
  return api && kind && api->is_string() && kind->is_string() && !kind->as_string().empty() &&
         kubernetes_api_version(api->as_string());
}

bool is_cluster_scoped(std::string_view kind) {
  static constexpr std::array<std::string_view, 28> kClusterScoped = {
      "APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "ClusterIssuer",
      "ClusterRole", "ClusterRoleBinding", "ClusterSecretStore", "ComponentStatus",
      "CustomResourceDefinition", "EC2NodeClass", "FlowSchema", "IngressClass",
      "MutatingWebhookConfiguration", "Namespace", "Node", "NodeClass", "NodePool",
      "PersistentVolume", "PodSecurityPolicy", "PriorityClass", "PriorityLevelConfiguration",
      "RuntimeClass", "StorageClass", "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment"};
  return std::binary_search(kClusterScoped.begin(), kClusterScoped.end(), kind);
}

const Value* pod_template(const Value& object) {
  const Value* kind = object.find("kind");
  if (!kind || !kind->is_string()) return nullptr;
  const std::string& k = kind->as_string();
  if (k == "Pod") return nullptr;  // the object itself; handled by the caller
  if (k == "CronJob") return path(object, {"spec", "jobTemplate", "spec", "template"});
  if (k == "PodTemplate") return object.find("template");
  if (k == "Deployment" || k == "StatefulSet" || k == "DaemonSet" || k == "ReplicaSet" ||
      k == "ReplicationController" || k == "Job")
    return path(object, {"spec", "template"});
  // Argo Rollouts: a Deployment's spec, its pods ordinary pods (a workloadRef
  // names a Deployment instead, judged as itself).
  if (k == "Rollout")
    if (const Value* api = object.find("apiVersion"); api && api->is_string() && api->as_string().rfind("argoproj.io/", 0) == 0)
      return path(object, {"spec", "template"});
  return nullptr;
}

std::vector<model::Resource> adapt_kubernetes(const std::vector<Value>& documents,
                                              base::Diagnostics& diagnostics) {
  (void)diagnostics;
  std::vector<model::Resource> out;
  for (const Value& doc : documents) {
    if (!is_kubernetes_object(doc)) continue;
    const std::string& kind = doc.find("kind")->as_string();
    const Value* items = doc.find("items");
    if (kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0 && items && items->is_list()) {
      for (const Value& item : items->as_list())
        if (is_kubernetes_object(item)) add_object(item, out);
      continue;
    }
    add_object(doc, out);
  }
  return out;
}

}  // namespace guardrail::adapt
