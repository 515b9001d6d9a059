#include <catch2/catch.hpp>

#include "adapt/kubernetes.hpp"
#include "load/yaml_loader.hpp"
#include "support.hpp"

using guardrail::adapt::adapt_kubernetes;
using guardrail::model::Resource;

namespace {

std::vector<Resource> adapt(const std::string& yaml) {
  static std::vector<guardrail::base::SourceFile> keep;  // Locations view the path
  auto file = guardrail::test::source(yaml, "k8s.yaml");
  auto docs = guardrail::load::load_yaml(file);
  REQUIRE(docs.diagnostics.empty());
  guardrail::base::Diagnostics diags;
  return adapt_kubernetes(docs.documents, diags);
}

const char* kPodSpec = R"(    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx
)";

std::string indent(const std::string& text, size_t n) {
  std::string out, pad(n, ' ');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    out += pad + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("kubernetes: every workload kind exposes its pod template as `pod`") {
  struct Case {
    const char* kind;
    std::string body;
    uint32_t container_line;
  };
  std::string tpl = kPodSpec;
  const Case cases[] = {
      {"Deployment", "spec:\n  template:\n" + tpl, 12},
      {"StatefulSet", "spec:\n  template:\n" + tpl, 12},
      {"DaemonSet", "spec:\n  template:\n" + tpl, 12},
      {"ReplicaSet", "spec:\n  template:\n" + tpl, 12},
      {"ReplicationController", "spec:\n  template:\n" + tpl, 12},
      {"Job", "spec:\n  template:\n" + tpl, 12},
      {"CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n" + indent(tpl, 4), 14},
      {"PodTemplate", "template:\n" + indent(tpl.substr(0), 0).replace(0, 0, ""), 0},
  };
  for (const Case& c : cases) {
    INFO(c.kind);
    std::string body = c.body;
    if (std::string(c.kind) == "PodTemplate") {
      // PodTemplate's template sits at the top level, two spaces in.
      body = "template:\n  metadata:\n    labels: {app: web}\n  spec:\n    containers:\n    - name: app\n      image: nginx\n";
    }
    auto rs = adapt(std::string("apiVersion: v1\nkind: ") + c.kind + "\nmetadata:\n  name: w\n  namespace: shop\n" + body);
    REQUIRE(rs.size() == 1);
    const Resource& r = rs[0];
    CHECK(r.type == c.kind);
    CHECK(r.address == std::string(c.kind) + "/shop/w");
    CHECK(r.location.line == 3);  // the `metadata` line
    const auto* pod = r.attrs.find("pod");
    REQUIRE(pod);
    CHECK(pod->find("metadata")->find("labels")->find("app")->as_string() == "web");
    const auto& containers = *pod->find("spec")->find("containers");
    REQUIRE(containers.size() == 1);
    CHECK(containers.as_list()[0].find("name")->as_string() == "app");
    if (c.container_line) CHECK(containers.as_list()[0].location().line == c.container_line);
  }
}

TEST_CASE("kubernetes: a bare Pod is its own template") {
  auto rs = adapt("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n");
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].address == "Pod/default/p");  // namespace defaulted
  CHECK(rs[0].attrs.find("namespace")->as_string() == "default");
  const auto* pod = rs[0].attrs.find("pod");
  REQUIRE(pod);
  CHECK(pod->find("spec")->find("containers")->as_list()[0].location().line == 7);
  CHECK(pod->find("metadata")->find("name")->as_string() == "p");
}

TEST_CASE("kubernetes: List kinds are flattened and cluster-scoped kinds have no namespace") {
  auto rs = adapt(
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: shop}\n"
      "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p, namespace: shop}\n  spec: {containers: [{name: c}]}\n"
      "---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: frontend\n");
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].address == "Namespace/shop");
  CHECK(rs[0].attrs.find("namespace")->as_string().empty());
  CHECK(rs[1].address == "Pod/shop/p");
  CHECK(rs[1].attrs.find("pod") != nullptr);
  CHECK(rs[2].address == "NodePool/frontend");
}

TEST_CASE("kubernetes: documents without apiVersion and kind are not resources") {
  auto rs = adapt("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\nfoo: bar\n---\nkind: Orphan\n");
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].type == "Service");
  CHECK(rs[0].attrs.find("pod") == nullptr);
}

TEST_CASE("kubernetes: a manifest that cannot be read may hold the object an existence rule looks for") {
  auto root = guardrail::test::temp_dir("unread-hpa");
  guardrail::test::write_file(root / "prod/deployment.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 5\n"
             "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n"
             "      containers: [{name: c, image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/w:1}]\n");
  guardrail::test::write_file(root / "prod/hpa.yaml",
             "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\n"
             "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 5\n"
             "  maxReplicas: 10\n\tmetrics: []\n");
  std::string out;
  guardrail::test::run_guardrail("scan --no-config --no-color --rule K8S-005 --show-undecided .", out, root);
  INFO(out);
  CHECK(out.find("[K8S-005]") == std::string::npos);
  CHECK(out.find("K8S-005 Deployment/shop/web: the manifest prod/hpa.yaml could not be read, and may hold one") !=
        std::string::npos);
}

TEST_CASE("kubernetes: a custom resource that reuses a built-in kind is not that kind") {
  auto rs = adapt(
      "apiVersion: servicebus.azure.com/v1api20211101\nkind: Namespace\nmetadata:\n  name: orders-bus\n  namespace: app\n"
      "---\napiVersion: apps.example.com/v1\nkind: Deployment\nmetadata:\n  name: x\n  namespace: app\n"
      "spec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n"
      "---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: app\n"
      "spec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n");
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].type == "Namespace.servicebus.azure.com");
  CHECK(rs[0].address == "Namespace.servicebus.azure.com/app/orders-bus");
  CHECK(rs[1].type == "Deployment.apps.example.com");
  CHECK(rs[1].attrs.find("pod") == nullptr);  // its pods are its controller's
  // An old group of the built-in kind is the built-in kind.
  CHECK(rs[2].type == "Deployment");
  CHECK(rs[2].attrs.find("pod") != nullptr);
}
