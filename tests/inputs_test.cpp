// Real repositories (docs/inputs.md): valid files of every format are read
// without an error, and files that are not infrastructure make no resource
// and no error, whatever their syntax.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <filesystem>

#include "model/value.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

using namespace guardrail;
using test::temp_dir;
using test::write_file;
namespace fs = std::filesystem;

namespace {

struct Scanned {
  scan::ScanResult result;

  const model::Resource* find(const std::string& address) const {
    for (const auto& r : result.resources)
      if (r.address == address) return &r;
    return nullptr;
  }
  std::string attr(const std::string& address, const std::string& path) const {
    const model::Resource* r = find(address);
    if (!r) return "<no resource " + address + ">";
    const model::Value* v = &r->attrs;
    size_t start = 0;
    for (;;) {
      size_t dot = path.find('.', start);
      v = v->find(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (!v) return "<no attribute>";
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return model::to_display(*v, 2000);
  }
  std::string errors() const {
    std::string out;
    for (const base::Diagnostic& d : result.diagnostics)
      if (d.level == base::Level::error)
        out += std::string(d.where.file) + ":" + std::to_string(d.where.line) + ": " + d.message + "\n";
    return out;
  }
  std::string kind_of(const std::string& path) const {
    for (const scan::FileSummary& f : result.files)
      if (f.path == path) return std::string(scan::to_string(f.kind)) + (f.skip_reason.empty() ? "" : ": " + f.skip_reason);
    return "<not scanned>";
  }
};

Scanned scan_dir(const fs::path& dir, bool render_kustomize = false) {
  scan::ScanOptions o;
  o.paths = {dir.string()};
  o.root = dir;
  o.builtin_pack = false;
  o.jobs = 1;
  o.render_kustomize = render_kustomize;
  return {scan::run_scan(o)};
}

}  // namespace

TEST_CASE("inputs: HCL whose last line is a comment without a newline is valid") {
  auto root = temp_dir("hcl-eof-comment");
  write_file(root / "a/main.tf", "resource \"aws_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n# [END vpc]");
  write_file(root / "b/main.tf", "resource \"aws_vpc\" \"b\" {\n  cidr_block = \"10.1.0.0/16\"\n} // trailing");
  write_file(root / "c/main.tf", "variable \"x\" {}\nresource \"aws_vpc\" \"c\" {\n  cidr_block = var.x\n}\n");
  write_file(root / "c/terraform.tfvars", "x = \"10.2.0.0/16\" # the last line");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.attr("aws_vpc.a", "cidr_block") == "10.0.0.0/16");
  CHECK(s.attr("aws_vpc.b", "cidr_block") == "10.1.0.0/16");
  CHECK(s.attr("aws_vpc.c", "cidr_block") == "10.2.0.0/16");
}

TEST_CASE("inputs: a heredoc's closing marker may be followed by spaces and tabs") {
  auto root = temp_dir("heredoc-trailing");
  write_file(root / "main.tf",
             "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\"Version\": \"2012-10-17\"}\nEOF   \n"
             "  description = <<-EOT\n    indented\n    EOT\t \n}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.attr("aws_iam_policy.p", "description") == "indented\n");
}

TEST_CASE("inputs: Terraform override files merge into the blocks they override") {
  auto root = temp_dir("override");
  write_file(root / "main.tf",
             "locals {\n  cidr = \"10.0.0.0/16\"\n}\n"
             "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n  description = \"d\"\n"
             "  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n  }\n"
             "  ingress {\n    from_port = 80\n    to_port = 80\n    protocol = \"tcp\"\n  }\n}\n"
             "resource \"aws_vpc\" \"main\" {\n  cidr_block = local.cidr\n  tags = { Name = \"main\" }\n}\n");
  write_file(root / "override.tf",
             "resource \"aws_security_group\" \"web\" {\n  description = \"overridden\"\n"
             "  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n  }\n}\n");
  write_file(root / "net_override.tf", "locals {\n  cidr = \"10.9.0.0/16\"\n}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.attr("aws_security_group.web", "name") == "web");
  CHECK(s.attr("aws_security_group.web", "description") == "overridden");
  // The override's ingress blocks replace both of the original's.
  CHECK(s.attr("aws_security_group.web", "ingress").find("443") != std::string::npos);
  CHECK(s.attr("aws_security_group.web", "ingress").find("22") == std::string::npos);
  CHECK(s.attr("aws_vpc.main", "cidr_block") == "10.9.0.0/16");
  CHECK(s.attr("aws_vpc.main", "tags.Name") == "main");
  CHECK(s.find("aws_vpc.main")->location.file == "main.tf");

  write_file(root / "extra_override.tf", "resource \"aws_vpc\" \"nowhere\" {\n  cidr_block = \"10.1.0.0/16\"\n}\n");
  Scanned bad = scan_dir(root);
  CHECK(bad.errors() == "extra_override.tf:1: resource \"aws_vpc\" \"nowhere\" overrides nothing: no other file of this "
                        "module declares it\n");
}

TEST_CASE("inputs: CloudFormation Fn::ForEach generates resources with their identifiers substituted") {
  auto root = temp_dir("foreach");
  write_file(root / "template.yaml",
             "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions\n"
             "Parameters:\n  Envs:\n    Type: CommaDelimitedList\n    Default: 'dev,prod'\n"
             "Resources:\n"
             "  Fn::ForEach::Vpcs:\n    - Env\n    - !Ref Envs\n"
             "    - Vpc${Env}:\n        Type: AWS::EC2::VPC\n        Properties:\n"
             "          CidrBlock: !If [IsProd, 10.1.0.0/16, 10.0.0.0/16]\n"
             "          Tags:\n            - Key: Environment\n              Value: !Ref Env\n"
             "            - Key: Name\n              Value: !Sub 'vpc-${Env}'\n"
             "      Fn::ForEach::Subnets:\n        - Az\n        - [a, b]\n"
             "        - Subnet${Env}&{Az}:\n            Type: AWS::EC2::Subnet\n            Properties:\n"
             "              VpcId: !Ref Vpc${Env}\n              AvailabilityZone: !Sub 'us-east-1${Az}'\n"
             "Conditions:\n  IsProd: !Equals [prod, prod]\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.attr("template.yaml#Vpcdev", "tags.Environment") == "dev");
  CHECK(s.attr("template.yaml#Vpcprod", "tags.Name") == "vpc-prod");
  CHECK(s.attr("template.yaml#Subnetproda", "availability_zone") == "us-east-1a");
  CHECK(s.find("template.yaml#Subnetdevb") != nullptr);
  size_t aws = 0;
  for (const auto& r : s.result.resources) aws += r.type.rfind("aws_", 0) == 0;
  CHECK(aws == 6);

  // A collection known only when deployed: a warning, no resource, no error.
  write_file(root / "template.yaml",
             "Transform: AWS::LanguageExtensions\nParameters:\n  Names: {Type: CommaDelimitedList}\n"
             "Resources:\n  Fn::ForEach::Topics:\n    - N\n    - !Ref Names\n"
             "    - Topic${N}: {Type: AWS::SNS::Topic}\n");
  Scanned unknown = scan_dir(root);
  CHECK(unknown.errors() == "");
  CHECK(unknown.kind_of("template.yaml") == "cloudformation");
  CHECK(unknown.result.warning_count() == 1);
}

TEST_CASE("inputs: the Rules section's short tags are accepted") {
  auto root = temp_dir("rule-tags");
  write_file(root / "template.yaml",
             "Parameters:\n  Env: {Type: String}\n  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\n"
             "Rules:\n  ProdSubnets:\n    RuleCondition: !Equals [!Ref Env, prod]\n    Assertions:\n"
             "      - Assert: !EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', Tag:Env], prod]\n"
             "      - Assert: !EachMemberIn [!ValueOf [Env, Tag], !RefAll 'AWS::EC2::VPC::Id']\n"
             "      - Assert: !Contains [[prod, dev], !Ref Env]\n"
             "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.find("template.yaml#V") != nullptr);
}

TEST_CASE("inputs: an empty line inside a Dockerfile continuation is skipped, as Docker does") {
  auto root = temp_dir("docker-continuation");
  write_file(root / "Dockerfile", "FROM alpine:3.20\nRUN apk add \\\n\n    curl \\\n    # a comment\n\n    git\nUSER 1000\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.result.diagnostics.empty());
}

TEST_CASE("inputs: files named like a Dockerfile are one only when they start like one") {
  auto root = temp_dir("dockerfile-names");
  write_file(root / "dockerfile.go", "package dockerfile\n\nfunc Parse() {}\n");
  write_file(root / "Dockerfile.md", "# How to build\n\nRun docker build.\n");
  write_file(root / "dockerfile.json", "{\"from\": \"alpine\"}\n");
  write_file(root / "Dockerfile.dev", "# syntax=docker/dockerfile:1\n# dev image\nARG BASE=alpine:3.20\nFROM ${BASE}\n");
  write_file(root / "api.Dockerfile", "FROM python:3.12-alpine\nUSER 1000\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.kind_of("dockerfile.go") == "other: named like a Dockerfile, but does not start with FROM or ARG");
  CHECK(s.kind_of("Dockerfile.md") == "other: named like a Dockerfile, but a .md file");
  CHECK(s.kind_of("Dockerfile.dev") == "dockerfile");
  CHECK(s.kind_of("api.Dockerfile") == "dockerfile");
  CHECK(s.result.resources.size() == 2);
}

TEST_CASE("inputs: documentation and templates named after a Dockerfile are not read as one") {
  auto root = temp_dir("dockerfile-templates");
  // Prose whose first words happen to be "From the": a heading is no comment here.
  write_file(root / "Dockerfile.md", "# Building\n\nFrom the repository root, run:\n\n    docker build .\n");
  write_file(root / "Dockerfile.j2", "FROM {{ base_image }}:{{ base_tag }}\n{% if dev %}\nRUN pip install pytest\n{% endif %}\n");
  write_file(root / "Dockerfile.tmpl", "ARG BASE=python:3.12\nFROM ${BASE}\n{{ range .Packages }}\nRUN pip install {{ . }}\n{{ end }}\n");
  write_file(root / "tpl/Dockerfile", "FROM {{cookiecutter.base}}\nUSER app\n");
  // A Go template in a RUN is the program's, not a placeholder of the Dockerfile.
  write_file(root / "app/Dockerfile", "FROM alpine:3.20\nRUN docker inspect --format '{{.Id}}' x > /id\nUSER 1000\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.kind_of("Dockerfile.md") == "other: named like a Dockerfile, but a .md file");
  CHECK(s.kind_of("Dockerfile.j2") == "other: named like a Dockerfile, but a .j2 file");
  CHECK(s.kind_of("Dockerfile.tmpl") == "other: named like a Dockerfile, but a .tmpl file");
  CHECK(s.kind_of("tpl/Dockerfile") ==
        "other: a Dockerfile template ({{ }} or {% %} placeholders): render it, then scan the output");
  CHECK(s.kind_of("app/Dockerfile") == "dockerfile");
  // The template named exactly Dockerfile is said once, as a note.
  REQUIRE(s.result.diagnostics.size() == 1);
  CHECK(s.result.diagnostics[0].level == base::Level::note);
  CHECK(s.result.diagnostics[0].where.line == 1);
  CHECK(s.result.diagnostics[0].where.column == 6);
}

TEST_CASE("inputs: an HCL scaffold with Go template placeholders is a note, not an error") {
  auto root = temp_dir("hcl-scaffold");
  write_file(root / ".boilerplate/terragrunt.hcl",
             "terraform {\n  source = \"../modules/mysql\"\n}\ninputs = {\n  {{ range .requiredVariables }}\n"
             "  {{ .Name }} = {{ .Default }}\n  {{ end }}\n}\n");
  write_file(root / "broken.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n");
  Scanned s = scan_dir(root);
  CHECK(s.kind_of(".boilerplate/terragrunt.hcl").rfind("other: a template", 0) == 0);
  // HCL that is broken without a placeholder is still an error.
  CHECK(s.errors().find("broken.tf:2") != std::string::npos);
  CHECK(s.errors().find("terragrunt.hcl") == std::string::npos);
}

TEST_CASE("inputs: JSON that is not infrastructure is skipped, whatever its syntax") {
  auto root = temp_dir("not-infra-json");
  write_file(root / "tsconfig.json", "{\n  // compiler options\n  \"compilerOptions\": {\"strict\": true,},\n}\n");
  write_file(root / "empty.json", "");
  write_file(root / "dashboard.json", "/* Licensed under Apache-2.0 */\n{\"panels\": []}\n");
  write_file(root / "templates/NOTES.txt", "{{ .Release.Name }} is installed.\n");
  write_file(root / "log.txt", "[INFO] starting\n[INFO] done\n");
  write_file(root / "settings.json", "{\"editor.tabSize\": 2}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.result.resources.empty());
  CHECK(s.kind_of("empty.json") == "other: empty");
  CHECK(s.kind_of("tsconfig.json").rfind("other: not strict JSON (", 0) == 0);
  CHECK(s.kind_of("settings.json") ==
        "other: JSON, but no Kubernetes object, CloudFormation template, Terraform plan or AWS export");
}

TEST_CASE("inputs: infrastructure that does not parse is still an error, located") {
  auto root = temp_dir("broken-infra");
  write_file(root / "template.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {,}}\n");
  write_file(root / "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n");
  write_file(root / "vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-0123abcd\",}]}\n");
  Scanned s = scan_dir(root);
  CHECK(s.kind_of("template.json") == "unreadable");
  CHECK(s.kind_of("deploy.yaml") == "unreadable");
  CHECK(s.kind_of("vpcs.json") == "unreadable");
  CHECK(s.result.error_count() == 3);
}

TEST_CASE("inputs: JSON and YAML that are not AWS exports make no AWS resources") {
  auto root = temp_dir("not-exports");
  // An API response, a BigQuery schema, Helm values, a pre-commit manifest.
  write_file(root / "users.json", "[{\"name\": \"ann\", \"id\": 1}, {\"name\": \"bob\", \"id\": 2}]\n");
  write_file(root / "schema.json", "[{\"name\": \"id\", \"type\": \"INTEGER\", \"mode\": \"REQUIRED\"}]\n");
  write_file(root / "values.yaml", "cluster:\n  name: prod\nrepository: nginx\nimage: {tag: latest}\n");
  write_file(root / "cluster.json", "{\"cluster\": {\"name\": \"prod\", \"version\": \"1.29\"}}\n");
  write_file(root / ".pre-commit-hooks.yaml", "- id: lint\n  name: lint\n  entry: lint\n  language: system\n");
  write_file(root / "ids.json", "[{\"owner\": \"i-love-yaml\"}, {\"owner\": \"vpc-team\"}]\n");
  // Real exports still are.
  write_file(root / "111111111111/us-east-1/eks.json",
             "{\"cluster\": {\"name\": \"prod\", \"arn\": \"arn:aws:eks:us-east-1:111111111111:cluster/prod\", "
             "\"version\": \"1.29\"}}\n");
  write_file(root / "111111111111/us-east-1/sgs.json", "[{\"GroupId\": \"sg-0123abcd\", \"GroupName\": \"web\"}]\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  std::vector<std::string> types;
  for (const auto& r : s.result.resources) types.push_back(r.type + " from " + std::string(r.location.file));
  CHECK(types == std::vector<std::string>{"aws_eks_cluster from 111111111111/us-east-1/eks.json",
                                          "aws_security_group from 111111111111/us-east-1/sgs.json"});
}

TEST_CASE("inputs: a plain kustomization's resources are manifests, with its namespace") {
  auto root = temp_dir("kustomize-plain");
  write_file(root / "app/kustomization.yaml",
             "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n"
             "resources:\n  - deploy.yaml\n  - sub/service.yaml\n");
  write_file(root / "app/deploy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
             "      containers: [{name: c, image: nginx}]\n");
  write_file(root / "app/sub/service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n");
  write_file(root / "app/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.find("Deployment/shop/web") != nullptr);
  CHECK(s.find("Service/shop/web") != nullptr);
  CHECK(s.kind_of("app/patch.yaml") == "other: in a Kustomize folder, but not among its resources (a patch?)");
  CHECK(s.kind_of("app/kustomization.yaml").rfind("other", 0) == 0);
  CHECK(s.result.resources.size() == 2);
}

TEST_CASE("inputs: a kustomization's namespace renames the Namespace objects it lists, as kustomize does") {
  auto root = temp_dir("kustomize-ns-object");
  write_file(root / "app/kustomization.yaml", "namespace: shop\nresources:\n  - ns.yaml\n  - pod.yaml\n");
  write_file(root / "app/ns.yaml",
             "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: placeholder\n  labels:\n"
             "    pod-security.kubernetes.io/enforce: privileged\n");
  write_file(root / "app/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: other}\nspec:\n  containers: [{name: c, image: nginx}]\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.find("Namespace/shop") != nullptr);
  CHECK(s.find("Namespace/placeholder") == nullptr);
  CHECK(s.find("Pod/shop/p") != nullptr);
}

TEST_CASE("inputs: a base's namespace is kept under an overlay that cannot change it, unknown under one that may") {
  const std::string daemonset =
      "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cni-node, namespace: kube-system}\nspec:\n"
      "  template:\n    spec:\n      hostNetwork: true\n      containers: [{name: cni, image: cni:1.19.2}]\n";
  for (const std::string& overlay : {std::string("images:\n  - name: cni\n    newTag: \"1.19.3\"\n"),
                                     std::string("patches:\n  - path: patch.yaml\n"),
                                     std::string("commonLabels: {team: net}\n"),
                                     std::string("components:\n  - ../component\n"),
                                     std::string("namespace: platform\n")}) {
    CAPTURE(overlay);
    auto root = temp_dir("kustomize-base-ns");
    write_file(root / "cluster/kustomization.yaml", "resources:\n  - cni\n" + overlay);
    write_file(root / "cluster/patch.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cni-node}\n");
    write_file(root / "cluster/cni/kustomization.yaml", "resources:\n  - daemonset.yaml\n");
    write_file(root / "cluster/cni/daemonset.yaml", daemonset);
    Scanned s = scan_dir(root);
    const model::Resource* ds = nullptr;
    for (const auto& r : s.result.resources)
      if (r.type == "DaemonSet") ds = &r;
    REQUIRE(ds);
    const model::Value* ns = ds->attrs.find("namespace");
    REQUIRE(ns);
    if (overlay.rfind("components", 0) == 0) {
      // A component may hold a namespace of its own: known only once rendered.
      CHECK(ns->is_unknown());
    } else if (overlay.rfind("namespace", 0) == 0) {
      CHECK(model::to_display(*ns) == "platform");
    } else {
      // Images, patches, labels: the manifest's own namespace stands (kubectl kustomize agrees).
      CHECK(model::to_display(*ns) == "kube-system");
    }
  }
}

TEST_CASE("inputs: a file a kustomization names as a patch is not a manifest, in whatever folder it is") {
  // argo-cd's manifests/ha/base: patches under overlays/, and a chart listed
  // by a kustomization that patches it.
  auto root = temp_dir("kustomize-patch-folder");
  write_file(root / "base/kustomization.yaml",
             "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../plain\n"
             "patches:\n  - path: overlays/server.yaml\npatchesStrategicMerge:\n  - overlays/repo.yaml\n"
             "replacements:\n  - path: config/replace.yaml\n");
  write_file(root / "base/overlays/server.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: server}\nspec:\n  template:\n    spec:\n"
             "      containers: [{name: server, command: [run]}]\n");
  write_file(root / "base/overlays/repo.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: repo}\n");
  write_file(root / "base/config/replace.yaml", "source: {kind: ConfigMap, name: c}\n");
  write_file(root / "chart/kustomization.yaml", "resources: [upstream/all.yaml]\npatches: [{path: fix.yaml}]\n");
  write_file(root / "chart/upstream/all.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: redis}\n");
  write_file(root / "chart/fix.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: redis}\n");
  write_file(root / "plain/kustomization.yaml", "resources: [pod.yaml]\n");
  write_file(root / "plain/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  Scanned s = scan_dir(root);
  CHECK(s.errors() == "");
  CHECK(s.kind_of("base/overlays/server.yaml") == "other: named by the Kustomize folder base as a patch or configuration");
  CHECK(s.kind_of("base/overlays/repo.yaml") == "other: named by the Kustomize folder base as a patch or configuration");
  CHECK(s.kind_of("base/config/replace.yaml") == "other: named by the Kustomize folder base as a patch or configuration");
  CHECK(s.kind_of("chart/upstream/all.yaml") ==
        "kustomize: listed by a Kustomize overlay that must be rendered (chart: patches)");
  // What a plain kustomization lists is still read.
  std::vector<std::string> addresses;
  for (const auto& r : s.result.resources) addresses.push_back(r.address);
  CHECK(addresses == std::vector<std::string>{"Pod/default/web"});
}

TEST_CASE("inputs: Rain's words in a comment do not make a Rain template") {
  auto root = temp_dir("rain-comment");
  write_file(root / "sg.yaml",
             "# Package it with rain pkg if you add a !Rain::Embed directive.\nResources:\n  Group:\n"
             "    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n");
  write_file(root / "rain.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                                 "      Policy: !Rain::Embed policy.json\n");
  Scanned s = scan_dir(root);
  CHECK(s.kind_of("sg.yaml") == "cloudformation");
  CHECK(s.kind_of("rain.yaml").rfind("other: a Rain template", 0) == 0);
}

TEST_CASE("inputs: another tool's manifest template is a note, not a YAML error") {
  auto root = temp_dir("foreign-templates");
  write_file(root / "deploy/service.yaml",
             "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n"
             "    {{- include \"app.labels\" . | nindent 4 }}\n");
  write_file(root / "roles/web/templates/deployment.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
             "{% if env is defined %}\n  paused: true\n{% endif %}\n");
  write_file(root / "test/userdata.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n");
  // A manifest broken without a placeholder in sight is still an error.
  write_file(root / "broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");
  Scanned s = scan_dir(root);
  CHECK(s.kind_of("deploy/service.yaml").rfind("other: a template", 0) == 0);
  CHECK(s.kind_of("roles/web/templates/deployment.yaml").rfind("other: a template", 0) == 0);
  CHECK(s.kind_of("test/userdata.yaml").rfind("other: a template", 0) == 0);
  CHECK(s.kind_of("broken.yaml") == "unreadable");
  size_t notes = 0;
  for (const auto& d : s.result.diagnostics) notes += d.level == base::Level::note && d.code == "template";
  CHECK(notes == 3);
}

TEST_CASE("inputs: a patch scanned alone is known by the kustomization above it") {
  // A pre-commit run names the staged patch only: the kustomization that
  // names it is two folders up, out of the files scanned.
  auto root = temp_dir("kustomize-patch-alone");
  write_file(root / ".git/HEAD", "ref: refs/heads/main\n");
  write_file(root / "app/kustomization.yaml", "resources: [deploy.yaml]\npatches:\n  - path: patches/hardening.yaml\n");
  write_file(root / "app/deploy.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  write_file(root / "app/patches/hardening.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
             "      containers: [{name: web, securityContext: {runAsNonRoot: true}}]\n");
  scan::ScanOptions o;
  o.paths = {(root / "app/patches/hardening.yaml").string()};
  o.root = root;
  o.builtin_pack = false;
  o.jobs = 1;
  Scanned s{scan::run_scan(o)};
  CHECK(s.errors() == "");
  CHECK(s.result.resources.empty());
  CHECK(s.kind_of("app/patches/hardening.yaml") == "other: named by the Kustomize folder app as a patch or configuration");
}

TEST_CASE("inputs: a base folder takes the namespace and the place of the overlays that list it") {
  auto root = temp_dir("kustomize-base-folder");
  write_file(root / "base/kustomization.yaml", "resources: [deploy.yaml]\n");
  write_file(root / "base/deploy.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  write_file(root / "overlays/prod/kustomization.yaml", "namespace: shop\nresources: [../../base]\n");
  Scanned one = scan_dir(root);
  CHECK(one.errors() == "");
  REQUIRE(one.find("Pod/shop/web") != nullptr);
  CHECK(one.find("Pod/shop/web")->origin.str() == "overlays/prod");
  // Two overlays that disagree: its namespace is known per overlay only.
  write_file(root / "overlays/dev/kustomization.yaml", "namespace: shop-dev\nresources: [../../base]\n");
  Scanned two = scan_dir(root);
  REQUIRE(two.result.resources.size() == 1);
  const model::Value* ns = two.result.resources[0].attrs.find("metadata")->find("namespace");
  REQUIRE(ns);
  CHECK(ns->is_unknown());
  // The one overlay patches it: what it deploys is not the base as written,
  // which is judged in no overlay's environment.
  auto patched = temp_dir("kustomize-base-patched");
  write_file(patched / "base/kustomization.yaml", "resources: [deploy.yaml]\n");
  write_file(patched / "base/deploy.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  write_file(patched / "overlays/prod/kustomization.yaml",
             "namespace: shop\nresources: [../../base]\npatches: [{path: replicas.yaml}]\n");
  write_file(patched / "overlays/prod/replicas.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  Scanned p = scan_dir(patched);
  REQUIRE(p.result.resources.size() == 1);
  CHECK(p.result.resources[0].origin.empty());
}

TEST_CASE("inputs: --render-kustomize renders an overlay with kustomize on PATH") {
  auto root = temp_dir("kustomize-render");
  write_file(root / "overlay/kustomization.yaml", "resources: [a.yaml]\nnamePrefix: prod-\n");
  write_file(root / "overlay/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
  // A stand-in kustomize that prints what `kustomize build` would.
  write_file(root / "bin/kustomize",
             "#!/bin/sh\n[ \"$1\" = build ] || exit 3\nprintf 'apiVersion: v1\\nkind: Pod\\nmetadata: {name: prod-p, "
             "namespace: app}\\n'\n");
  ::chmod((root / "bin/kustomize").c_str(), 0755);
  std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", ((root / "bin").string() + ":" + saved).c_str(), 1);
  Scanned rendered = scan_dir(root / "overlay", true);
  ::setenv("PATH", saved.c_str(), 1);
  CHECK(rendered.errors() == "");
  CHECK(rendered.find("Pod/app/prod-p") != nullptr);
  CHECK(rendered.find("Pod/default/p") == nullptr);

  Scanned noted = scan_dir(root / "overlay");
  CHECK(noted.result.resources.empty());
  REQUIRE(noted.result.diagnostics.size() == 1);
  CHECK(noted.result.diagnostics[0].level == base::Level::note);
}

TEST_CASE("inputs: an export bundle scanned from inside its region folder keeps its account and region") {
  // Paths are shown relative to where the scan runs (`sg.json`), but the
  // file still sits in 123456789012/us-east-1/: its folders place it.
  auto root = temp_dir("bundle-cwd");
  fs::path region = root / "bundle/123456789012/us-east-1";
  write_file(region / "describe-security-groups.json",
             "{\"SecurityGroups\": [{\"GroupId\": \"sg-0123abcd\", \"GroupName\": \"web\", \"VpcId\": \"vpc-1\"}]}\n");
  write_file(region / "describe-configuration-recorders.json",
             "{\"ConfigurationRecorders\": [{\"name\": \"default\", \"recordingGroup\": {\"allSupported\": true}}]}\n");
  for (const fs::path& from : {root, region}) {
    scan::ScanOptions o;
    o.paths = {region.string()};
    o.root = from;
    o.builtin_pack = false;
    o.jobs = 1;
    Scanned s{scan::run_scan(o)};
    INFO("scanned from " << from);
    CHECK(s.errors() == "");
    REQUIRE(s.result.resources.size() == 2);
    for (const auto& r : s.result.resources) {
      CHECK(r.account == "123456789012");
      CHECK(r.region == "us-east-1");
    }
    bool warned = false;
    for (const auto& d : s.result.diagnostics) warned = warned || d.code == "export-placement";
    CHECK_FALSE(warned);
  }
}
