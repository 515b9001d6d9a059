#include <catch2/catch.hpp>

#include <set>

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
  int status = run_guardrail("scan --no-color --no-builtin .", out, root);
  CHECK(status == 2);
  CHECK(out ==
        "app/broken.yaml:4:1: error[yaml-syntax]: did not find expected ',' or ']' (while parsing a flow "
        "sequence that starts at 3:7)\n"
        "\n"
        "scanned 4 files (binary 1, kubernetes 1, other 1, unreadable 1)\n"
        "found 2 resources\n"
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

TEST_CASE("cli: Terraform roots and CloudFormation templates evaluated in parallel give the output of one worker") {
  auto root = temp_dir("parallel-eval");
  // Every root passes the same policy statements to one module: the JSON it
  // encodes is the same text at the same place, from each root's own lines.
  write_file(root / "modules/bucket/main.tf",
             "variable \"name\" {}\nvariable \"actions\" {}\n"
             "resource \"aws_s3_bucket\" \"b\" {\n  bucket = var.name\n}\n"
             "resource \"aws_iam_policy\" \"p\" {\n  name = var.name\n"
             "  policy = jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\",\n"
             "    Action = var.actions, Resource = \"*\"}]})\n}\n");
  for (int i = 0; i < 6; ++i)
    write_file(root / ("envs/e" + std::to_string(i) + "/main.tf"),
               "module \"b\" {\n  source = \"../../modules/bucket\"\n  name = \"b" + std::to_string(i) +
                   "\"\n  actions = [\"*\"]\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n");
  // Two parents nest one child, whose own problem is reported once.
  write_file(root / "cfn/child.yaml",
             "Parameters:\n  Name: {Type: String, Default: x}\nResources:\n"
             "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Missing\n");
  for (int i = 0; i < 4; ++i)
    write_file(root / ("cfn/parent" + std::to_string(i) + ".yaml"),
               "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
               "      TemplateURL: child.yaml\n  Queue:\n    Type: AWS::SQS::Queue\n");
  std::string one, two;
  run_guardrail("scan --jobs 1 --format json .", one, root);
  for (int run = 0; run < 5; ++run) {
    run_guardrail("scan --jobs 2 --format json .", two, root);
    CHECK(one == two);
  }
  CHECK(one.find("\"aws_s3_bucket\": 6") != std::string::npos);
  CHECK(one.find("SEC-003") != std::string::npos);
  CHECK(one.find("\"aws_sns_topic\": 4") != std::string::npos);
  size_t missing = 0;
  for (size_t at = one.find("Missing"); at != std::string::npos; at = one.find("Missing", at + 1)) ++missing;
  CHECK(missing == 1);
}

TEST_CASE("cli: each nesting of a template is a stack of its own, with its stack's tags and condition") {
  auto root = temp_dir("nested-stacks");
  write_file(root / "child.yaml",
             "Parameters:\n  Name: {Type: String}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
             "    Properties:\n      QueueName: !Ref Name\n");
  // A is made only if a parameter says so at deploy; B carries three of the
  // four tags, and the template configuration gives the stack the fourth.
  write_file(root / "parent.yaml",
             "Parameters:\n  Make: {Type: String}\nConditions:\n  MakeIt: !Equals [!Ref Make, \"yes\"]\n"
             "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Condition: MakeIt\n    Properties:\n"
             "      TemplateURL: child.yaml\n      Parameters: {Name: a}\n"
             "  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n"
             "      Parameters: {Name: b}\n      Tags:\n        - {Key: Environment, Value: prod}\n"
             "        - {Key: Owner, Value: me}\n        - {Key: CostCenter, Value: \"1\"}\n");
  write_file(root / "other.yaml",
             "Resources:\n  C:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
             "      TemplateURL: child.yaml\n      Parameters: {Name: c}\n");
  write_file(root / "config.json", "{\"Parameters\": {}, \"Tags\": {\"Project\": \"shop\"}}\n");
  std::string out;
  run_guardrail("scan --no-color --rule COST-001 child.yaml parent.yaml other.yaml", out, root);
  INFO(out);
  // Three nestings, three queues; one stack's queue is not the other's.
  CHECK(out.find("parent.yaml#B/Queue lacks the tag Project") != std::string::npos);
  CHECK(out.find("other.yaml#C/Queue lacks the tags Environment, Owner, CostCenter, Project") != std::string::npos);
  CHECK(out.find("parent.yaml#A/Queue") == std::string::npos);  // may not exist: undecided
  CHECK(out.find("child.yaml#Queue") == std::string::npos);
  run_guardrail("scan --no-color --rule COST-001 --cfn-params config.json child.yaml parent.yaml other.yaml", out, root);
  CHECK(out.find("parent.yaml#B/Queue") == std::string::npos);
  CHECK(out.find("other.yaml#C/Queue lacks the tags Environment, Owner, CostCenter\n") != std::string::npos);
}

TEST_CASE("cli: a module resource of the root the scan runs in is not labelled (.)") {
  auto root = temp_dir("root-label");
  write_file(root / "modules/key/main.tf", "resource \"aws_kms_key\" \"this\" {\n  enable_key_rotation = false\n}\n");
  write_file(root / "app/main.tf", "module \"key\" {\n  source = \"../modules/key\"\n}\n");
  std::string out;
  run_guardrail("scan --no-color --rule SEC-002 .", out, root / "app");
  INFO(out);
  CHECK(out.find("module.key.aws_kms_key.this does not rotate") != std::string::npos);
  run_guardrail("scan --no-color --rule SEC-002 app", out, root);
  CHECK(out.find("module.key.aws_kms_key.this (app) does not rotate") != std::string::npos);
}

TEST_CASE("cli: a module called by several roots says what it has to say about its files once") {
  auto root = temp_dir("shared-module-diagnostics");
  write_file(root / "main.tf", "module \"label\" {\n  source = \"cloudposse/label/null\"\n}\n");
  for (int i = 0; i < 3; ++i)
    write_file(root / ("examples/e" + std::to_string(i) + "/main.tf"), "module \"m\" {\n  source = \"../..\"\n}\n");
  std::string out;
  run_guardrail("scan --no-color --no-builtin .", out, root);
  size_t count = 0;
  for (size_t at = out.find("warning[tf-module]"); at != std::string::npos; at = out.find("warning[tf-module]", at + 1))
    ++count;
  INFO(out);
  CHECK(count == 1);
  CHECK(out.find("main.tf:1:1: warning[tf-module]: module \"label\"") != std::string::npos);
}

TEST_CASE("cli: a clean scan exits 0, usage errors exit 2, --version prints the version") {
  auto root = temp_dir("clean");
  write_file(root / "ns.yaml",
             "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n"
             "    pod-security.kubernetes.io/enforce: restricted\n");
  std::string out;
  CHECK(run_guardrail("scan ns.yaml", out, root) == 0);
  CHECK(run_guardrail("scan --format nope ns.yaml", out, root) == 2);
  CHECK(run_guardrail("frobnicate", out, root) == 2);
  CHECK(run_guardrail("--version", out, root) == 0);
  CHECK(out.rfind("guardrail ", 0) == 0);
  // A report that cannot be written (a full disk) fails the run, whatever --fail-on says.
  if (std::filesystem::exists("/dev/full")) {
    CHECK(run_guardrail("scan --fail-on never -o sarif=/dev/full ns.yaml", out, root, true) == 2);
    CHECK(out.find("cannot write /dev/full") != std::string::npos);
    CHECK(run_guardrail("scan --fail-on never --write-baseline /dev/full ns.yaml", out, root, true) == 2);
    CHECK(run_guardrail("scan --fail-on never ns.yaml > /dev/full", out, root, true) == 2);
  }
  // NAME=VALUE or nothing: a lone name would be dropped without a word.
  CHECK(run_guardrail("scan --var novalue ns.yaml", out, root, true) == 2);
  CHECK(out.find("--var takes NAME=VALUE, not 'novalue'") != std::string::npos);
  CHECK(run_guardrail("scan --cfn-param =x ns.yaml", out, root, true) == 2);
  // A staged file named like an option is named as what it is.
  write_file(root / "-deploy.yaml", "kind: x\n");
  CHECK(run_guardrail("scan -deploy.yaml", out, root, true) == 2);
  CHECK(out.find("'-deploy.yaml' is a file, but reads as an option: name it ./-deploy.yaml") != std::string::npos);
}

TEST_CASE("cli: a misspelt environment, rule or date is an error with the nearest name, not an empty scan") {
  auto root = temp_dir("selection");
  write_file(root / "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
  std::string out;
  CHECK(run_guardrail("scan --env prdo ns.yaml", out, root, true) == 2);
  CHECK(out.find("did you mean 'prod'?") != std::string::npos);
  CHECK(out.find("scanned") == std::string::npos);  // stopped before reading
  CHECK(run_guardrail("scan --env PROD ns.yaml", out, root, true) == 2);
  CHECK(out.find("did you mean 'prod'?") != std::string::npos);
  CHECK(run_guardrail("scan --env production ns.yaml", out, root, true) == 2);  // an alias, for folders
  CHECK(out.find("did you mean 'prod'?") != std::string::npos);
  CHECK(run_guardrail("scan --rule COST-01 ns.yaml", out, root, true) == 2);
  CHECK(out.find("did you mean COST-001?") != std::string::npos);
  CHECK(run_guardrail("scan --skip-rule 'ACME-*' ns.yaml", out, root, true) == 2);
  CHECK(out.find("no rule matches") != std::string::npos);
  CHECK(run_guardrail("scan --policy-name baseline --env prod ns.yaml", out, root, true) == 2);
  CHECK(run_guardrail("scan --now 2026-13-01 ns.yaml", out, root, true) == 2);
  // Comma lists, as Checkov takes them.
  CHECK(run_guardrail("scan --format json --rule K8S-010,K8S-006 ns.yaml", out, root) == 1);
  CHECK(out.find("K8S-010") != std::string::npos);
  CHECK(run_guardrail("scan --env prod --rule NET-009 ns.yaml", out, root) == 0);
}

TEST_CASE("cli: environments by folder without regard to case; a misnamed one in the configuration is hinted") {
  auto root = temp_dir("env-names");
  write_file(root / "envs/Production/main.tf",
             "resource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n"
             "    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n");
  std::string out;
  run_guardrail("scan --no-color --format json --rule NET-009 .", out, root);
  CHECK(out.find("\"environment\": \"prod\"") != std::string::npos);
  write_file(root / ".guardrail.yaml", "environments:\n  production: {accounts: [\"123456789012\"]}\n");
  CHECK(run_guardrail("scan --no-color .", out, root, true) == 2);
  CHECK(out.find("the policy has no environment 'production' (it has mgmt, dev, staging, prod); did you mean 'prod'?") !=
        std::string::npos);
}

TEST_CASE("cli: a missing path is reported and the other paths are scanned") {
  auto root = temp_dir("missing-path");
  write_file(root / "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color nope ns.yaml", out, root) == 2);
  CHECK(out.find("nope: error[io]: no such file or directory\n") == 0);
  CHECK(out.find("found 1 resource") != std::string::npos);
}

TEST_CASE("cli: standard input is read with '-'") {
  auto root = temp_dir("stdin");
  write_file(root / "in.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-builtin - < in.yaml", out, root) == 0);
  CHECK(out.find("found 2 resources\n") != std::string::npos);
  // Resources by type only when asked.
  CHECK(run_guardrail("scan --no-builtin --verbose - < in.yaml", out, root) == 0);
  CHECK(out.find("found 2 resources (Pod 1, Service 1)") != std::string::npos);
}

TEST_CASE("cli: conventions: help, version, a misspelt command, short options, quiet") {
  auto root = temp_dir("conventions");
  write_file(root / "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
  std::string out;
  CHECK(run_guardrail("", out, root, true) == 2);
  CHECK(out.find("Usage: guardrail") != std::string::npos);
  CHECK(run_guardrail("scna ns.yaml", out, root, true) == 2);
  CHECK(out.find("did you mean 'scan'?") != std::string::npos);
  CHECK(run_guardrail("help", out, root) == 0);
  CHECK(out.find("Usage: guardrail") != std::string::npos);
  CHECK(run_guardrail("help scan", out, root) == 0);
  CHECK(out.find("Usage: guardrail scan") != std::string::npos);
  CHECK(run_guardrail("version", out, root) == 0);
  CHECK(out.rfind("guardrail ", 0) == 0);
  CHECK(run_guardrail("scan -f json -o sarif=out.sarif ns.yaml", out, root) == 1);
  CHECK(out.find("\"findings\"") != std::string::npos);
  CHECK(std::filesystem::exists(root / "out.sarif"));
  // Output folders are made; guardrail's own reports are never read back as inputs.
  CHECK(run_guardrail("scan -o json=reports/guardrail.json -o resources=reports/model.json ns.yaml", out, root) == 1);
  CHECK(std::filesystem::exists(root / "reports/guardrail.json"));
  CHECK(run_guardrail("scan -v .", out, root) == 1);
  CHECK(out.find("reports/guardrail.json: guardrail's own report") != std::string::npos);
  CHECK(out.find("reports/model.json: guardrail's own report") != std::string::npos);
  CHECK(run_guardrail("scan -q ns.yaml", out, root) == 1);
  CHECK(out.find("K8S-010") != std::string::npos);
  CHECK(out.find("scanned") == std::string::npos);
  CHECK(run_guardrail("rules -f json --policy-name baseline", out, root) == 0);
  CHECK(out.find("\"policy\": \"baseline\"") != std::string::npos);
  CHECK(run_guardrail("explain net-001", out, root) == 0);
  CHECK(out.rfind("NET-001:", 0) == 0);
}

TEST_CASE("cli: a Helm chart and a Kustomize overlay to render are one note each, and exit 0") {
  auto root = temp_dir("render");
  write_file(root / "chart/Chart.yaml", "name: web\n");
  write_file(root / "chart/templates/a.yaml", "kind: {{ .Values.kind }}\n");
  write_file(root / "chart/templates/b.yaml", "kind: {{ .Values.kind }}\n");
  write_file(root / "overlay/kustomization.yaml", "resources: [a.yaml]\npatches: [{path: p.yaml}]\n");
  write_file(root / "overlay/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
  write_file(root / "overlay/p.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b}}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color .", out, root) == 0);
  CHECK(out.find("chart: note[helm-template]: Helm chart: its templates are read once rendered: helm template chart | "
                 "guardrail scan -, or --render-helm\n") != std::string::npos);
  CHECK(out.find("overlay: note[kustomize]: Kustomize overlay with patches: its manifests are read once rendered: "
                 "kustomize build overlay | guardrail scan -, or --render-kustomize\n") != std::string::npos);
  CHECK(out.find("found 0 resources") != std::string::npos);
  CHECK(out.find("0 findings, 0 errors, 0 warnings") != std::string::npos);
  // Run inside templates/, the chart is still found above.
  CHECK(run_guardrail("scan --no-color a.yaml", out, root / "chart/templates") == 0);
  CHECK(out.find("..: note[helm-template]") != std::string::npos);
}

TEST_CASE("cli: findings print as compiler diagnostics with the line and a caret, then exit 1") {
  auto root = temp_dir("findings");
  write_file(root / "k8s/app.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n"
             "  - name: c\n    image: nginx:latest\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule K8S-006 --rule K8S-007 k8s", out, root) == 1);
  CHECK(out ==
        "k8s/app.yaml:5:3: medium[K8S-006]: Pod/default/p runs in the default namespace\n"
        "  namespace: default\n"
        "  ^~~~~~~~~~~~~~~~~~\n"
        "k8s/app.yaml:9:5: high[K8S-007]: container c of Pod/default/p pulls nginx:latest from outside ECR; "
        "container c of Pod/default/p uses nginx:latest, which is not pinned to a version tag or digest\n"
        "    image: nginx:latest\n"
        "    ^~~~~~~~~~~~~~~~~~~\n"
        "\n"
        "scanned 1 file (kubernetes 1)\n"
        "found 1 resource\n"
        "2 findings (high 1, medium 1), 0 errors, 0 warnings, 0 checks undecided\n");
  CHECK(run_guardrail("scan --rule K8S-006 --fail-on high k8s", out, root) == 0);
  CHECK(run_guardrail("scan --fail-on never k8s", out, root) == 0);
}

TEST_CASE("cli: a named file is read with its siblings, and findings are reported for it only") {
  auto root = temp_dir("pre-commit");
  const char* bad = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\nspec:\n  containers:\n  - name: c\n    image: x\n";
  std::string a = bad, b = bad;
  a.replace(a.find("NAME"), 4, "a");
  b.replace(b.find("NAME"), 4, "b");
  write_file(root / "k8s/a.yaml", a);
  write_file(root / "k8s/b.yaml", b);
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule K8S-006 k8s/a.yaml", out, root) == 1);
  CHECK(out.find("k8s/a.yaml:3:1: medium[K8S-006]") != std::string::npos);
  CHECK(out.find("k8s/b.yaml") == std::string::npos);
  CHECK(out.find("found 2 resources") != std::string::npos);
}

TEST_CASE("cli: a named parent template reports what its nested stacks get wrong, at the nesting") {
  auto root = temp_dir("nested-named");
  write_file(root / "cfn/parent.yaml",
             "Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
             "      TemplateURL: ./child.yaml\n      Parameters:\n        SshCidr: 0.0.0.0/0\n");
  write_file(root / "cfn/child.yaml",
             "Parameters:\n  SshCidr:\n    Type: String\n    Default: 10.1.0.0/16\nResources:\n  Sg:\n"
             "    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: ssh\n"
             "      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SshCidr}\n"
             "        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}\n");
  std::string out;
  // The parameter the parent passes is where the port opens; the child's own
  // literal is reported at the nested stack that the parent declares.
  CHECK(run_guardrail("scan --no-color --rule NET-009 cfn/parent.yaml", out, root) == 1);
  CHECK(out.find("cfn/parent.yaml:7:18: critical[NET-009]: cfn/parent.yaml#Net/Sg allows tcp port 22") !=
        std::string::npos);
  CHECK(out.find("cfn/parent.yaml:2:3: critical[NET-009]: cfn/parent.yaml#Net/Sg allows tcp port 3389") !=
        std::string::npos);
  CHECK(out.find("cfn/child.yaml:12:") != std::string::npos);  // where it is set, related
}

TEST_CASE("cli: s3control outputs are the account's, from wherever the bundle is scanned; an access point is no bucket") {
  auto root = temp_dir("s3control");
  write_file(root / "123456789012/global/s3control/get-public-access-block.json",
             "{\"PublicAccessBlockConfiguration\": {\"BlockPublicPolicy\": false, \"RestrictPublicBuckets\": true,"
             " \"IgnorePublicAcls\": true, \"BlockPublicAcls\": true}}\n");
  write_file(root / "123456789012/us-east-1/s3control/get-access-point.json",
             "{\"Name\": \"finance-ap\", \"Bucket\": \"business-records\", \"NetworkOrigin\": \"Internet\","
             " \"PublicAccessBlockConfiguration\": {\"BlockPublicAcls\": false, \"IgnorePublicAcls\": false,"
             " \"BlockPublicPolicy\": false, \"RestrictPublicBuckets\": false}}\n");
  std::string out;
  for (const char* where : {"", "123456789012/global", "123456789012/global/s3control"}) {
    CAPTURE(where);
    run_guardrail("scan --no-color --rule EDGE-006 --fail-on never .", out, root / where);
    CHECK(out.find("aws_s3_account_public_access_block/123456789012@123456789012/ turns off S3 Block Public Access "
                   "(block_public_policy)") != std::string::npos);
    CHECK(out.find("aws_s3_bucket/") == std::string::npos);
    CHECK(out.find("finance-ap") == std::string::npos);
  }
  run_guardrail("scan --no-color --rule EDGE-006 --fail-on never 123456789012/us-east-1", out, root);
  CHECK(out.find("found 0 resources") != std::string::npos);
}

TEST_CASE("cli: a module's finding suppressed or baselined where it falls stays so when only the caller is named") {
  auto root = temp_dir("named-suppressed");
  write_file(root / "main.tf", "module \"sg\" {\n  source = \"./modules/sg\"\n  cidr   = \"0.0.0.0/0\"\n}\n");
  const std::string module =
      "variable \"cidr\" {}\nresource \"aws_security_group\" \"this\" {\n  name = \"x\"\n  ingress {\n"
      "    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [var.cidr]SUPPRESS\n"
      "  }\n}\n";
  std::string suppressed = module;
  suppressed.replace(suppressed.find("SUPPRESS"), 8, " # guardrail:ignore NET-009 bastion reviewed in SEC-1");
  write_file(root / "modules/sg/main.tf", suppressed);
  std::string out;
  CHECK(run_guardrail("scan --no-color --no-config --rule NET-009 main.tf", out, root) == 0);
  CHECK(out.find("0 findings, 1 suppressed") != std::string::npos);
  // The baseline of the whole repository, then a pre-commit run naming the caller.
  std::string plain = module;
  plain.replace(plain.find("SUPPRESS"), 8, "");
  write_file(root / "modules/sg/main.tf", plain);
  run_guardrail("scan --no-color --no-config --rule NET-009 --write-baseline base.json .", out, root);
  REQUIRE(std::filesystem::exists(root / "base.json"));
  CHECK(run_guardrail("scan --no-color --no-config --rule NET-009 --baseline base.json main.tf", out, root) == 0);
  CHECK(out.find("0 findings, 1 suppressed") != std::string::npos);
  CHECK(run_guardrail("scan --no-color --no-config --rule NET-009 main.tf", out, root) == 1);
  CHECK(out.find("main.tf:1:1: critical[NET-009]") == 0);
}

TEST_CASE("cli: a waiver suppresses until its date, then no longer applies and says so") {
  auto root = temp_dir("waiver");
  write_file(root / "k8s/app.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
  write_file(root / "mine.grl",
             "policy mine {\n  enforce all in all\n"
             "  waive K8S-006 on \"Pod/default/*\" until 2027-01-31 because \"OPS-142: moving to its namespace\"\n}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule K8S-006 --policy mine.grl --now 2027-01-31 k8s", out, root) == 0);
  CHECK(out.find("0 findings, 1 suppressed") != std::string::npos);
  std::string json;
  run_guardrail("scan --format json --rule K8S-006 --policy mine.grl --now 2027-01-31 k8s", json, root);
  CHECK(json.find("\"kind\": \"waiver\"") != std::string::npos);
  CHECK(json.find("\"justification\": \"OPS-142: moving to its namespace\"") != std::string::npos);
  CHECK(run_guardrail("scan --no-color --rule K8S-006 --policy mine.grl --now 2027-02-01 k8s", out, root) == 1);
  CHECK(out.find("mine.grl:3:9: warning[waiver-expired]: the waiver of K8S-006 on \"Pod/default/*\" expired on "
                 "2027-01-31 and no longer applies\n") != std::string::npos);
  CHECK(out.find("k8s/app.yaml:3:1: medium[K8S-006]") != std::string::npos);
}

TEST_CASE("cli: a policy that does not compile stops the run with exit 2") {
  auto root = temp_dir("bad-policy");
  write_file(root / "k8s/app.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
  write_file(root / "bad.grl", "rule X-1 {\n  title \"x\"\n  severity low\n  for v in aws_vpc\n  assert nope(v)\n}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color --policy bad.grl k8s", out, root) == 2);
  CHECK(out.find("bad.grl:5:10: error[policy-name]: unknown function 'nope'") == 0);
  CHECK(run_guardrail("check --no-color bad.grl", out, root) == 2);
  CHECK(out == "bad.grl:5:10: error[policy-name]: unknown function 'nope'\n  assert nope(v)\n         ^~~~~~~\n"
               "1 file: 1 rule, 0 policies, 1 error\n");
}

TEST_CASE("cli: malformed Terraform gives located errors; the other modules are still evaluated") {
  auto root = temp_dir("malformed-tf");
  write_file(root / "string/main.tf", "resource \"aws_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/16\n}\n");
  write_file(root / "heredoc/main.tf", "locals {\n  doc = <<EOT\nnever closed\n}\n");
  write_file(root / "brace/main.tf", "resource \"aws_vpc\" \"b\" {\n  cidr_block = \"10.1.0.0/16\"\n");
  write_file(root / "utf8/main.tf", "resource \"aws_vpc\" \"c\" {\n  cidr_block = \"10.2.\xC3\x28\"\n}\n");
  write_file(root / "deep/main.tf", "locals {\n  x = " + std::string(10000, '{') + std::string(10000, '}') + "\n}\n");
  write_file(root / "good/main.tf", "resource \"aws_vpc\" \"ok\" {\n  cidr_block = \"10.9.0.0/16\"\n}\n");
  std::string out;
  int status = run_guardrail("scan --no-color --no-builtin --format text .", out, root);
  CHECK(status == 2);
  CHECK(out.find("brace/main.tf:3:1: error[hcl-syntax]: ") != std::string::npos);
  CHECK(out.find("deep/main.tf:2:") != std::string::npos);
  CHECK(out.find("nesting deeper than") != std::string::npos);
  CHECK(out.find("heredoc/main.tf:2:9: error[hcl-syntax]: unterminated heredoc") != std::string::npos);
  CHECK(out.find("string/main.tf:2:28: error[hcl-syntax]: unterminated string") != std::string::npos);
  CHECK(out.find("utf8/main.tf:2:22: error[encoding]: invalid UTF-8") != std::string::npos);
  // The good module is still read.
  CHECK(out.find("found 1 resource") != std::string::npos);
}

TEST_CASE("cli: check takes folders; test runs only the folder's own rules, selected by ID or glob") {
  auto root = temp_dir("own-rules");
  write_file(root / "acme/ACME-001/rule.grl",
             "rule ACME-001 {\n  title \"Namespaces are labelled with a team\"\n  severity low\n"
             "  for ns in Namespace\n  assert ns.metadata.labels.team != null\n}\n");
  write_file(root / "acme/ACME-001/cases/fire/ns.yaml",
             "apiVersion: v1\nkind: Namespace\nmetadata: # expect: ACME-001\n  name: shop\n");
  write_file(root / "acme/ACME-001/cases/pass/ns.yaml",
             "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: web}\n");
  std::string out;
  CHECK(run_guardrail("check acme", out, root) == 0);
  CHECK(out.find("1 file: 1 rule, 0 policies, 0 errors") != std::string::npos);
  CHECK(run_guardrail("check empty-folder-that-is-missing", out, root) == 2);
  // From inside the rule's folder: its cases only, not the 89 shipped rules'.
  CHECK(run_guardrail("test .", out, root / "acme/ACME-001") == 0);
  CHECK(out.find("1 rule, 2 cases: 2 passed, 0 failed") != std::string::npos);
  CHECK(run_guardrail("test --rule 'ACME-*' acme", out, root) == 0);
  CHECK(out.find("1 rule, 2 cases") != std::string::npos);
  CHECK(run_guardrail("test --rule 'NET-*' acme", out, root) == 0);
  CHECK(out.find("0 rules, 0 cases") != std::string::npos);
}

TEST_CASE("cli: a scan run from inside a repository's envs/prod judges its files as prod, as a scan of the repository does") {
  auto root = temp_dir("env-cwd");
  std::filesystem::create_directories(root / ".git");
  write_file(root / "envs/prod/k8s/deploy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  replicas: 1\n"
             "  template:\n    spec:\n      containers:\n      - name: api\n"
             "        image: 111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1.0\n");
  std::string whole, inside;
  run_guardrail("scan --no-color --format json .", whole, root);
  run_guardrail("scan --no-color --format json .", inside, root / "envs/prod/k8s");
  auto environments = [](const std::string& json) {
    std::set<std::string> out;
    for (size_t at = json.find("\"environment\": \""); at != std::string::npos;
         at = json.find("\"environment\": \"", at + 1)) {
      size_t start = at + 16;
      out.insert(json.substr(start, json.find('"', start) - start));
    }
    return out;
  };
  CHECK(environments(whole) == std::set<std::string>{"prod"});
  CHECK(environments(inside) == std::set<std::string>{"prod"});
  // From above the repository, under a folder named like another environment
  // (a checkout in ~/work/dev/): the folders above the repository never count.
  auto above = temp_dir("env-cwd-above");
  std::filesystem::create_directories(above / "dev");
  std::filesystem::copy(root, above / "dev/repo", std::filesystem::copy_options::recursive);
  std::string from_above, from_parent;
  run_guardrail("scan --no-color --format json dev/repo", from_above, above);
  run_guardrail("scan --no-color --format json repo", from_parent, above / "dev");
  CHECK(environments(from_above) == std::set<std::string>{"prod"});
  CHECK(environments(from_parent) == std::set<std::string>{"prod"});
  std::filesystem::create_directories(above / "dev/plain/.git");
  write_file(above / "dev/plain/services/deploy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  replicas: 1\n");
  std::string plain, plain_inside;
  run_guardrail("scan --no-color --format resources dev/plain", plain, above);
  run_guardrail("scan --no-color --format resources .", plain_inside, above / "dev/plain");
  CHECK(environments(plain) == std::set<std::string>{""});
  CHECK(environments(plain_inside) == std::set<std::string>{""});
}

TEST_CASE("cli: a plan named beside another plan is judged as it is alone") {
  auto root = temp_dir("sibling-plans");
  std::filesystem::path cases = guardrail::test::source_dir() / "tests/cases/sibling-plans/plans";
  std::filesystem::create_directories(root / "alone");
  std::filesystem::copy_file(cases / "a.json", root / "a.json");
  std::filesystem::copy_file(cases / "b.json", root / "b.json");
  std::filesystem::copy_file(cases / "a.json", root / "alone/a.json");
  std::string beside, alone;
  run_guardrail("scan --no-color a.json", beside, root);
  run_guardrail("scan --no-color a.json", alone, root / "alone");
  auto summary = [](const std::string& out) { return out.substr(out.rfind("found")); };
  CHECK(summary(beside) == summary(alone));
  CHECK(summary(alone).find("0 checks undecided") != std::string::npos);
}

TEST_CASE("cli: a --var value is used, but it is not a literal written in the code (DB-012, SEC-004)") {
  auto root = guardrail::test::temp_dir("cli-supplied-var");
  guardrail::test::write_file(root / "main.tf",
                              "variable \"db_password\" {\n  type = string\n  sensitive = true\n}\n"
                              "resource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n"
                              "  instance_class = \"db.t3.micro\"\n  username = \"app\"\n"
                              "  password = var.db_password\n}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule DB-012 --rule SEC-004 --var db_password=Sup3rS3cretPw .", out, root) == 0);
  CHECK(out.find("DB-012") == std::string::npos);
  // Written as a default in the code, the same value is a literal.
  guardrail::test::write_file(root / "main.tf",
                              "variable \"db_password\" {\n  type = string\n  default = \"Sup3rS3cretPw\"\n}\n"
                              "resource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n"
                              "  instance_class = \"db.t3.micro\"\n  username = \"app\"\n"
                              "  password = var.db_password\n}\n");
  CHECK(run_guardrail("scan --no-color --rule DB-012 --rule SEC-004 .", out, root) == 1);
  CHECK(out.find("DB-012") != std::string::npos);
}

TEST_CASE("cli: a finding over a parameter's elements belongs to the resource, not to the rule's file") {
  auto root = temp_dir("param-findings");
  write_file(root / "rules/tags.grl",
             "rule ACME-TAG-02 {\n  title \"Required tags\"\n  severity low\n  param required = [\"Owner\", \"CostCenter\"]\n"
             "  param limit = 9223372036854775808\n"
             "  for r in aws_s3_bucket\n  for t in required\n  assert t in default(r.tags, {}) and limit > 0\n"
             "    message \"{r} lacks tag {t}\"\n}\n");
  write_file(root / "infra/main.tf",
             "provider \"aws\" {\n  region = \"us-east-1\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  std::string out;
  run_guardrail("scan --no-config --no-color --no-builtin --policy rules infra", out, root);
  INFO(out);
  CHECK(out.find("infra/main.tf:4:1: low[ACME-TAG-02]: aws_s3_bucket.b lacks tag Owner") != std::string::npos);
  CHECK(out.find("tags.grl:") == std::string::npos);
}

TEST_CASE("cli: explain and rules know the rules .guardrail.yaml adds; a user's rule without help links nowhere") {
  auto root = temp_dir("config-rules");
  write_file(root / ".guardrail.yaml", "policy: [policies/]\n");
  write_file(root / "policies/acme.grl",
             "rule ACME-K8S-01 {\n  title \"Workloads carry a team label\"\n  severity low\n"
             "  description \"Every workload says which team owns it.\"\n  remediation \"Add metadata.labels.team.\"\n"
             "  for w in k8s_workload\n  assert has(default(w.metadata.labels, {}), \"team\")\n"
             "    message \"{w} has no team label\"\n}\n");
  write_file(root / "deploy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n"
             "    spec:\n      containers: [{name: c, image: nginx}]\n");
  std::string out;
  CHECK(run_guardrail("explain ACME-K8S-01", out, root) == 0);
  CHECK(out.find("Workloads carry a team label") != std::string::npos);
  CHECK(run_guardrail("rules", out, root) == 0);
  CHECK(out.find("ACME-K8S-01") != std::string::npos);
  run_guardrail("scan --format sarif --rule ACME-K8S-01 .", out, root);
  CHECK(out.find("\"ACME-K8S-01\"") != std::string::npos);
  CHECK(out.find("helpUri") == std::string::npos);
}
