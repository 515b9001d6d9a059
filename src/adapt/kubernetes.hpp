#pragma once
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "model/resource.hpp"
#include "model/value.hpp"

namespace guardrail::adapt {

/// True when a document is a Kubernetes object (string `apiVersion` and `kind`).
bool is_kubernetes_object(const model::Value& document);

/// Turns Kubernetes documents into resources.
///
/// Every document with `apiVersion` and `kind` becomes a resource of type
/// `kind`; `List` kinds (`v1/List`, `DeploymentList`, ...) are flattened into
/// their `items`. Namespaced objects without `metadata.namespace` are in
/// `default`. Two members are added beside the document's own:
///   - `namespace`: the effective namespace ("" for cluster-scoped kinds);
///   - `pod`: for every kind that runs pods (Pod, Deployment, StatefulSet,
///     DaemonSet, ReplicaSet, ReplicationController, Job, CronJob,
///     PodTemplate), the pod template as `{metadata, spec}`, located in the
///     original file, so rules read every workload the same way.
/// Addresses are `Kind/namespace/name` (`Kind/name` when cluster-scoped).
/// Documents that are not Kubernetes objects are skipped silently: the
/// caller decided the file is Kubernetes by its other documents.
std::vector<model::Resource> adapt_kubernetes(const std::vector<model::Value>& documents,
                                              base::Diagnostics& diagnostics);

/// The pod template of a workload document, or nullptr when it has none.
const model::Value* pod_template(const model::Value& object);

/// True for kinds that live outside namespaces (Namespace, ClusterRole, ...).
bool is_cluster_scoped(std::string_view kind);

}  // namespace guardrail::adapt
