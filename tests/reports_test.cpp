#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "report/junit.hpp"
#include "support.hpp"

using guardrail::test::run_guardrail;
using guardrail::test::source_dir;
using guardrail::test::temp_dir;
using guardrail::test::write_file;

TEST_CASE("junit: a suite per rule, a case per resource, failures with locations, waivers skipped") {
  std::string out;
  run_guardrail("scan --format junit --policy waivers.grl --now 2026-11-26 --rule K8S-006 --rule K8S-007 .", out,
                guardrail::test::copy_of("tests/golden/basic"));
  CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"guardrail\" tests=\"5\" failures=\"1\" "
                  "skipped=\"1\" errors=\"1\">\n", 0) == 0);
  CHECK(out.find("<testsuite name=\"K8S-006: No workload runs in the default, kube-public or kube-node-lease "
                 "namespace\" tests=\"2\" failures=\"0\" skipped=\"1\" errors=\"0\">") != std::string::npos);
  CHECK(out.find("<skipped message=\"waived until 2099-12-31: INC-7: debug pod, removed after the incident\"/>") !=
        std::string::npos);
  CHECK(out.find("<failure type=\"high\" message=\"container api of Deployment/innovate/api pulls nginx:latest from "
                 "outside ECR; container api of Deployment/innovate/api uses nginx:latest, which is not pinned to a "
                 "version tag or digest\">k8s/app.yaml:15:9: ") != std::string::npos);
  CHECK(out.find("<error type=\"json-syntax\"") != std::string::npos);
}

TEST_CASE("junit: XML special characters are escaped") {
  CHECK(guardrail::report::xml_escape("a<b & \"c\">\n") == "a&lt;b &amp; &quot;c&quot;&gt;&#10;");
  CHECK(guardrail::report::xml_escape(std::string("x\x01y", 3)) == "x y");
}

TEST_CASE("markdown: a short report with tables, links, and a cap on the list") {
  auto root = temp_dir("markdown");
  std::string many;
  for (int i = 0; i < 60; ++i)
    many += "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p" + std::to_string(i) + "\nspec:\n  containers: []\n";
  write_file(root / "k8s/pods.yaml", many);
  std::filesystem::create_directories(root / ".git");  // links are relative to the repository's top
  std::string out;
  CHECK(run_guardrail("scan --format markdown --rule K8S-006 k8s", out, root) == 1);
  CHECK(out.rfind("## guardrail: 60 findings\n\nScanned 1 file, 60 resources; 0 suppressed, 0 checks undecided, 0 input "
                  "errors, 0 warnings.\n\n| severity | findings |\n|---|---:|\n| medium | 60 |\n", 0) == 0);
  CHECK(out.find("| K8S-006 | medium | No workload runs in the default, kube-public or kube-node-lease namespace | 60 |") !=
        std::string::npos);
  CHECK(out.find("- **medium** K8S-006 [`k8s/pods.yaml:4`](k8s/pods.yaml#L4): Pod/default/p0 runs in the default namespace\n") !=
        std::string::npos);
  CHECK(out.find("…and 10 more findings, not listed here") != std::string::npos);
  size_t items = 0;
  for (size_t p = out.find("\n- **"); p != std::string::npos; p = out.find("\n- **", p + 1)) ++items;
  CHECK(items == 50);
}

TEST_CASE("reports: several outputs at once, identical to the single-format runs") {
  auto root = temp_dir("outputs");
  write_file(root / "k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
  std::string text, sarif_alone;
  run_guardrail("scan --no-color --rule K8S-006 --output sarif=out.sarif --output junit=out.xml k8s", text, root);
  run_guardrail("scan --format junit --rule K8S-006 k8s", sarif_alone, root);
  CHECK(text.find("medium[K8S-006]") != std::string::npos);
  CHECK(guardrail::test::read_file(root / "out.xml") == sarif_alone);
  CHECK(guardrail::test::read_file(root / "out.sarif").find("\"ruleId\": \"K8S-006\"") != std::string::npos);
}

TEST_CASE("json: the summary lists the checks that could not be decided") {
  auto root = temp_dir("json-undecided");
  write_file(root / "main.tf",
             "variable \"encrypted\" {\n  type = bool\n}\n\n"
             "resource \"aws_db_instance\" \"db\" {\n  engine            = \"postgres\"\n"
             "  storage_encrypted = var.encrypted\n}\n");
  std::string out;
  run_guardrail("scan --format json --fail-on never --rule DB-001 .", out, root);
  CHECK(out.find("\"undecided\": 1,") != std::string::npos);
  CHECK(out.find("\"undecidedChecks\": [\n      {\n        \"ruleId\": \"DB-001\",\n        \"resource\": \"aws_db_instance.db\",\n"
                 "        \"location\": {\n          \"path\": \"main.tf\",\n          \"line\": 7,") != std::string::npos);
  CHECK(out.find("\"reason\": \"var.encrypted has no value (no default, -var or .tfvars)\"\n      }\n    ]") != std::string::npos);
  run_guardrail("scan --no-color --show-undecided --rule DB-001 .", out, root);
  CHECK(out.find("1 check undecided\nundecided:\n  DB-001 aws_db_instance.db: var.encrypted has no value (no default, -var or .tfvars) (main.tf:7:3)\n") !=
        std::string::npos);
}

TEST_CASE("text: a rule iterating over what is not known is undecided where the value is, not in the rule") {
  auto root = temp_dir("undecided-for");
  write_file(root / "main.tf",
             "variable \"document\" {\n  type = string\n}\n\n"
             "resource \"aws_iam_policy\" \"app\" {\n  name   = \"app\"\n  policy = var.document\n}\n");
  std::string out;
  run_guardrail("scan --no-color --show-undecided --rule SEC-003 .", out, root);
  CHECK(out.find("  SEC-003 aws_iam_policy.app: var.document has no value (no default, -var or .tfvars) (main.tf:7:") !=
        std::string::npos);
  CHECK(out.find(".grl") == std::string::npos);
}

TEST_CASE("text: an undecided check names the value it lacks, through functions and templates") {
  auto root = temp_dir("undecided-reasons");
  write_file(root / "main.tf",
             "variable \"tags\" {\n  type = map(string)\n}\n\n"
             "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n  tags = merge(var.tags, { Name = \"q\" })\n}\n\n"
             "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n\n"
             "resource \"aws_iam_policy\" \"p\" {\n  name   = \"p\"\n  policy = <<EOF\n"
             "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\",\n"
             "  \"Resource\": \"arn:aws:s3:::${aws_s3_bucket.b.id}/*\"}]}\nEOF\n}\n");
  std::string out;
  run_guardrail("scan --no-color --show-undecided --rule COST-001 --rule SEC-003 .", out, root);
  // merge() of a variable without a value: the variable's reason.
  CHECK(out.find("COST-001 aws_sqs_queue.q: var.tags has no value") != std::string::npos);
  // A heredoc with a reference known only after apply.
  CHECK(out.find("SEC-003 aws_iam_policy.p: aws_s3_bucket.b.id is known only after apply") != std::string::npos);
  CHECK(out.find("a value it needs is not known") == std::string::npos);
}

TEST_CASE("text: what a module not downloaded or a for_each known at apply leaves undecided says so") {
  auto root = temp_dir("undecided-module");
  write_file(root / "main.tf",
             "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n"
             "module \"kms\" {\n  source = \"terraform-aws-modules/kms/aws\"\n}\n\n"
             "resource \"aws_cloudwatch_log_group\" \"g\" {\n  name              = \"g\"\n"
             "  retention_in_days = 30\n  kms_key_id        = module.kms.key_arn\n}\n\n"
             "resource \"aws_sqs_queue\" \"q\" {\n  for_each = toset([module.kms.key_id])\n"
             "  name     = each.key\n  tags     = each.value\n}\n");
  std::string out;
  run_guardrail("scan --no-color --show-undecided --rule OBS-002 --rule COST-001 .", out, root);
  CHECK(out.find("OBS-002 aws_cloudwatch_log_group.g: module.kms's outputs are not known (it is not downloaded, or not "
                 "read)") != std::string::npos);
  CHECK(out.find("COST-001 aws_sqs_queue.q: its for_each is known only after apply") != std::string::npos);
  CHECK(out.find("a value it needs is not known") == std::string::npos);
}

TEST_CASE("text: a key of a map that may grow where it is built is undecided, and says so") {
  auto root = temp_dir("undecided-open-map");
  // A module read alone: its caller's provider may add default tags.
  write_file(root / "main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n");
  std::string out;
  run_guardrail("scan --no-color --show-undecided --rule COST-001 .", out, root);
  CHECK(out.find("COST-001 aws_sqs_queue.q: 'Environment' may be added where this map is built") != std::string::npos);
}

TEST_CASE("json: every undecided check the summary counts is listed, with a reason") {
  for (const char* folder : {"fixtures/innovate", "fixtures/innovate-cloudformation", "fixtures/exports/bundle"}) {
    std::string out;
    run_guardrail(std::string("scan --format json --fail-on never ") + folder, out, guardrail::test::source_dir());
    rapidjson::Document doc;
    doc.Parse(out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& summary = doc["summary"];
    INFO(folder);
    CHECK(summary["undecided"].GetUint64() == summary["undecidedChecks"].Size());
    for (const auto& c : summary["undecidedChecks"].GetArray()) CHECK(c["reason"].GetStringLength() > 0);
  }
}

TEST_CASE("reports: a secret is masked on every line any output shows, whichever finding shows it") {
  // Other findings on the secret's line (DB-001 on a one-line block), a
  // container's context lines holding its env var, a Dockerfile's ENV with
  // several pairs: none may print the value that SEC-004 masks.
  auto root = temp_dir("reports-secret-lines");
  write_file(root / "main.tf",
             "resource \"aws_db_instance\" \"db\" { password = \"Xq7#kLp9!vR2mZ8w\" }\n");
  write_file(root / "Dockerfile", "FROM python:3.12\nENV LOG_LEVEL=info API_TOKEN=ghp_zYxWvUtSrQpOnMlKjIhGfEdCbA9876543210\n");
  write_file(root / "pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n"
             "  - name: app\n    image: nginx\n    env:\n    - name: DB_PASSWORD\n      value: \"Pq9&rT4vB7nM2kLz\"\n");
  for (const char* format : {"text", "sarif", "json", "junit", "markdown", "html"}) {
    INFO(format);
    std::string out;
    run_guardrail(std::string("scan --no-config --no-color -v -f ") + format + " .", out, root);
    CHECK(out.find("SEC-004") != std::string::npos);
    CHECK(out.find("Xq7#kLp9") == std::string::npos);
    CHECK(out.find("zYxWvUtSrQpOnMlKj") == std::string::npos);
    CHECK(out.find("Pq9&rT4vB7nM2kLz") == std::string::npos);
  }
}

TEST_CASE("junit: a module's resource in several roots is a test case per root, failed only where it fails") {
  auto root = temp_dir("junit-module-roots");
  write_file(root / "modules" / "q" / "main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n");
  int i = 0;
  for (const char* region : {"eu-west-1", "eu-central-1", "us-east-1"}) {
    std::string env = std::string("envs/") + static_cast<char>('a' + i++);
    write_file(root / env / "main.tf", std::string("provider \"aws\" {\n  region = \"") + region +
                                           "\"\n}\nmodule \"m\" {\n  source = \"../../modules/q\"\n}\n");
  }
  std::string out;
  run_guardrail("scan --no-config --rule NET-012 -f junit .", out, root);
  CHECK(out.find("tests=\"3\" failures=\"2\"") != std::string::npos);
  CHECK(out.find("name=\"module.m.aws_sqs_queue.q (envs/c)\" file=\"modules/q/main.tf\" line=\"1\"/>") !=
        std::string::npos);
  CHECK(out.find("(envs/b) is in eu-central-1") != std::string::npos);
  // JSON names the root beside the address the roots share.
  run_guardrail("scan --no-config --rule NET-012 -f json .", out, root);
  CHECK(out.find("\"resource\": \"module.m.aws_sqs_queue.q\",\n      \"root\": \"envs/b\"") != std::string::npos);
}

TEST_CASE("html: notes are listed apart, and the warnings tile counts warnings as text and JSON do") {
  auto root = temp_dir("html-notes");
  write_file(root / "overlay" / "kustomization.yaml", "resources: [../base]\npatches:\n  - path: patch.yaml\n");
  write_file(root / "overlay" / "patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n");
  write_file(root / "tf" / "main.tf", "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n");
  std::string out;
  run_guardrail("scan --no-config -f html .", out, root);
  CHECK(out.find("<b>1</b><span class=\"k\">warnings") != std::string::npos);
  CHECK(out.find("<h2 id=\"notes\">Notes</h2>") != std::string::npos);
}

TEST_CASE("html: no finding with an unread input is not a green verdict") {
  auto root = temp_dir("html-unread");
  write_file(root / "broken.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n");
  std::string out;
  run_guardrail("scan --no-config -f html .", out, root);
  CHECK(out.find("box verdict warn") != std::string::npos);
  CHECK(out.find("box verdict good") == std::string::npos);
  CHECK(out.find("1 input was not read: not judged") != std::string::npos);
  run_guardrail("scan --no-config -f markdown .", out, root);
  CHECK(out.rfind("## guardrail: no findings, 1 input not read\n", 0) == 0);
  write_file(root / "broken.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n");
  run_guardrail("scan --no-config --rule NET-012 -f html .", out, root);
  CHECK(out.find("box verdict good") != std::string::npos);
}
