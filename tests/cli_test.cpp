#include <catch2/catch.hpp>

#include "support.hpp"

using guardrail::test::run_guardrail;
using guardrail::test::temp_dir;
using guardrail::test::write_file;

namespace {

std::filesystem::path mixed_folder() {
  auto root = temp_dir("mixed");
  write_file(root / "app/deploy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
             "  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n---\n"
             "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n");
  write_file(root / "app/broken.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: [1, 2\n");
  write_file(root / "app/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(root / "values.yaml", "replicaCount: 2\nimage: {tag: latest}\n");
  return root;
}

}  // namespace

TEST_CASE("cli: a mixed folder reports the broken file with its location, counts the rest, exits 2") {
  auto root = mixed_folder();
  std::string out;
  int status = run_guardrail("scan --no-color .", out, root);
  CHECK(status == 2);
  CHECK(out ==
        "app/broken.yaml:4:1: error[yaml-syntax]: did not find expected ',' or ']' (while parsing a flow "
        "sequence that starts at 3:7)\n"
        "\n"
        "scanned 4 files (binary 1, kubernetes 1, other 1, unreadable 1)\n"
        "found 2 resources (Deployment 1, Service 1)\n"
        "0 findings, 1 error, 0 warnings, 0 checks undecided\n");
}

TEST_CASE("cli: output is byte-identical whatever --jobs is") {
  auto root = mixed_folder();
  for (int i = 0; i < 20; ++i) write_file(root / ("many/m" + std::to_string(i) + ".yaml"),
                                          "apiVersion: v1\nkind: Pod\nmetadata: {name: p" + std::to_string(i) + "}\n");
  std::string one, two, json_one, json_two;
  run_guardrail("scan --jobs 1 .", one, root);
  run_guardrail("scan --jobs 2 .", two, root);
  run_guardrail("scan --jobs 1 --format json .", json_one, root);
  run_guardrail("scan --jobs 2 --format json .", json_two, root);
  CHECK(one == two);
  CHECK(json_one == json_two);
  CHECK(json_one.find("\"Pod\": 20") != std::string::npos);
}

TEST_CASE("cli: a clean scan exits 0, usage errors exit 2, --version prints the version") {
  auto root = temp_dir("clean");
  write_file(root / "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
  std::string out;
  CHECK(run_guardrail("scan ns.yaml", out, root) == 0);
  CHECK(run_guardrail("scan --format nope ns.yaml", out, root) == 2);
  CHECK(run_guardrail("frobnicate", out, root) == 2);
  CHECK(run_guardrail("--version", out, root) == 0);
  CHECK(out.rfind("guardrail ", 0) == 0);
}

TEST_CASE("cli: a missing path is reported and the other paths are scanned") {
  auto root = temp_dir("missing-path");
  write_file(root / "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color nope ns.yaml", out, root) == 2);
  CHECK(out.find("nope: error[io]: no such file or directory\n") == 0);
  CHECK(out.find("found 1 resource (Namespace 1)") != std::string::npos);
}

TEST_CASE("cli: standard input is read with '-'") {
  auto root = temp_dir("stdin");
  write_file(root / "in.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
  std::string out;
  CHECK(run_guardrail("scan - < in.yaml", out, root) == 0);
  CHECK(out.find("found 2 resources (Pod 1, Service 1)") != std::string::npos);
}

TEST_CASE("cli: a Helm chart and a Kustomize overlay are one warning each, and exit 0") {
  auto root = temp_dir("render");
  write_file(root / "chart/Chart.yaml", "name: web\n");
  write_file(root / "chart/templates/a.yaml", "kind: {{ .Values.kind }}\n");
  write_file(root / "chart/templates/b.yaml", "kind: {{ .Values.kind }}\n");
  write_file(root / "overlay/kustomization.yaml", "resources: [a.yaml]\n");
  write_file(root / "overlay/a.yaml", "apiVersion: v1\nkind: Pod\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color .", out, root) == 0);
  CHECK(out.find("chart: warning[helm-template]: Helm template, render first: helm template chart | guardrail scan -\n") != std::string::npos);
  CHECK(out.find("overlay: warning[kustomize]: Kustomize overlay, render first: kustomize build overlay | guardrail scan -\n") != std::string::npos);
  CHECK(out.find("0 findings, 0 errors, 2 warnings") != std::string::npos);
}
