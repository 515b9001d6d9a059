// Inline suppressions in every format, baselines and the configuration
// file, through the binary as users run it.
#include <catch2/catch.hpp>

#include "support.hpp"

using guardrail::test::read_file;
using guardrail::test::run_guardrail;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

/// "file:line" of every finding the text output reports (suppressed ones are
/// not printed), in order.
std::vector<std::string> reported(const std::string& out) {
  std::vector<std::string> found;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    for (const char* level : {": critical[", ": high[", ": medium[", ": low[", ": info["}) {
      size_t at = line.find(level);
      if (at == std::string::npos) continue;
      size_t colon = line.rfind(':', at - 1);  // file:line:col
      found.push_back(line.substr(0, colon));
    }
    start = end + 1;
  }
  return found;
}

bool has(const std::string& out, const std::string& text) { return out.find(text) != std::string::npos; }

const char* kOpenGroup = R"(resource "aws_security_group" "NAME" {
  name   = "NAME"
  vpc_id = "vpc-0a1b2c3d"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]COMMENT
  }
}
)";

std::string open_group(const std::string& name, const std::string& comment = "") {
  std::string s = kOpenGroup;
  for (size_t at; (at = s.find("NAME")) != std::string::npos;) s.replace(at, 4, name);
  s.replace(s.find("COMMENT"), 7, comment);
  return s;
}

}  // namespace

TEST_CASE("suppressions: Terraform comments on the line, the line above, and above the resource") {
  auto root = temp_dir("suppress-tf");
  write_file(root / "main.tf",
             open_group("trailing", " # guardrail:ignore NET-009 bastion during the migration") +  // line 8
                 "\n" + open_group("slashes", " // guardrail:ignore NET-009: partner VPN, ticket OPS-12") +
                 "\n/* guardrail:ignore NET-009 until 2099-01-01 the whole group is a honeypot */\n" +
                 open_group("block") + "\n# guardrail:ignore NET-009 until 2099-01-01 the whole group\n" +
                 "# another comment between\n" + open_group("hash") + "\n" + open_group("open"));
  std::string out;
  int status = run_guardrail("scan --no-color --rule NET-009 main.tf", out, root);
  CHECK(status == 1);
  CHECK(reported(out) == std::vector<std::string>{"main.tf:55"});
  CHECK(has(out, "1 finding (critical 1), 4 suppressed"));

  // The SARIF says which were suppressed in the source, and why.
  run_guardrail("scan --rule NET-009 --format sarif main.tf", out, root);
  CHECK(has(out, "\"kind\": \"inSource\""));
  CHECK(has(out, "\"justification\": \"the whole group is a honeypot (until 2099-01-01)\""));
}

TEST_CASE("suppressions: the line above a nested attribute covers that line only") {
  auto root = temp_dir("suppress-tf-above");
  std::string group = open_group("web");
  group.replace(group.find("    cidr_blocks"), 0, "    # guardrail:ignore NET-009 reviewed in SEC-881\n");
  write_file(root / "main.tf", group);
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule NET-009 main.tf", out, root) == 0);
  CHECK(has(out, "0 findings, 1 suppressed"));
}

TEST_CASE("suppressions: a reason is required, the rule must exist, expired ones no longer apply") {
  auto root = temp_dir("suppress-bad");
  write_file(root / "main.tf",
             open_group("noreason", " # guardrail:ignore NET-009") + open_group("unknown", " # guardrail:ignore NET-999 typo") +
                 open_group("expired", " # guardrail:ignore NET-009 until 2026-01-31 temporary") +
                 open_group("baddate", " # guardrail:ignore NET-009 until 2026-02-30 not a day") +
                 open_group("norule", " # guardrail:ignore because I said so"));
  std::string out;
  int status = run_guardrail("scan --no-color --now 2026-06-01 --rule NET-009 main.tf", out, root);
  CHECK(status == 1);
  CHECK(reported(out).size() == 5);
  CHECK(has(out, "main.tf:8:33: warning[suppression]: the suppression of NET-009 gives no reason and does not apply"));
  CHECK(has(out, "main.tf:18:33: warning[suppression]: a suppression names NET-999, which is no rule"));
  CHECK(has(out, "main.tf:28:33: warning[suppression]: the suppression of NET-009 expired on 2026-01-31"));
  CHECK(has(out, "main.tf:38:33: warning[suppression]: '2026-02-30' is not a date"));
  CHECK(has(out, "main.tf:48:33: warning[suppression]: guardrail:ignore names no rule"));
  // A string that merely contains the words is no suppression.
  write_file(root / "main.tf", open_group("web") + "locals { note = \"# guardrail:ignore NET-009 in a string\" }\n");
  run_guardrail("scan --no-color --rule NET-009 main.tf", out, root);
  CHECK(reported(out).size() == 1);
}

TEST_CASE("suppressions: unused ones are reported on request") {
  auto root = temp_dir("suppress-unused");
  write_file(root / "main.tf", "# guardrail:ignore NET-009 nothing here any more\nresource \"aws_vpc\" \"main\" {\n"
                               "  cidr_block = \"10.0.0.0/16\"\n}\n");
  std::string out;
  run_guardrail("scan --no-color --rule NET-009 main.tf", out, root);
  CHECK_FALSE(has(out, "unused"));
  run_guardrail("scan --no-color --rule NET-009 --report-unused-suppressions main.tf", out, root);
  CHECK(has(out, "main.tf:1:1: warning[suppression]: unused suppression: NET-009 finds nothing here"));
  // Not for rules that did not run.
  run_guardrail("scan --no-color --rule NET-001 --report-unused-suppressions main.tf", out, root);
  CHECK_FALSE(has(out, "unused"));
}

TEST_CASE("suppressions: a policy forbids inline suppressions of chosen rules") {
  auto root = temp_dir("suppress-forbid");
  write_file(root / "main.tf", open_group("web", " # guardrail:ignore NET-009 the developer says it is fine"));
  write_file(root / "audit.grl",
             "policy audit {\n  environment prod { path \"**\" }\n  enforce all\n  forbid inline NET-009\n}\n");
  std::string out;
  int status = run_guardrail("scan --no-color --rule NET-009 --policy audit.grl main.tf", out, root);
  CHECK(status == 1);
  CHECK(reported(out) == std::vector<std::string>{"main.tf:8"});
  CHECK(has(out, "warning[suppression]: policy audit forbids inline suppressions of NET-009"));
  write_file(root / "bad.grl", "policy audit {\n  forbid inline NET-998\n}\n");
  CHECK(run_guardrail("scan --no-color --policy bad.grl main.tf", out, root) == 2);
  CHECK(has(out, "bad.grl:2:17: error[policy-name]: policy audit names rule NET-998, which does not exist"));
}

TEST_CASE("suppressions: Kubernetes comments and the guardrail.io/ignore annotation") {
  auto root = temp_dir("suppress-k8s");
  const char* pod = R"(apiVersion: v1
kind: Pod
metadata:
  name: NAME
  namespace: shop
ANNOTATIONspec:
  containers:
    - name: app
      image: registry.example.com/app@sha256:5f0c3b4a
      securityContext:
        privileged: trueCOMMENT
)";
  auto make = [&](const std::string& name, const std::string& annotation, const std::string& comment) {
    std::string s = pod;
    s.replace(s.find("NAME"), 4, name);
    s.replace(s.find("ANNOTATION"), 10, annotation);
    s.replace(s.find("COMMENT"), 7, comment);
    return s;
  };
  write_file(root / "pods.yaml",
             make("trailing", "", " # guardrail:ignore PSS-003 the CNI installer needs it") + "---\n" +
                 make("annotated", "  annotations:\n    guardrail.io/ignore: \"K8S-001 sized by VPA; PSS-003 node agent\"\n", "") +
                 "---\n# guardrail:ignore PSS-003 until 2099-12-31 whole pod: a node debugger\n" + make("above", "", "") +
                 "---\n" + make("open", "", ""));
  std::string out;
  int status = run_guardrail("scan --no-color --rule PSS-003 pods.yaml", out, root);
  CHECK(status == 1);
  CHECK(reported(out).size() == 1);
  CHECK(has(out, "3 suppressed"));
}

TEST_CASE("suppressions: CloudFormation comments and Metadata.guardrail.ignore") {
  auto root = temp_dir("suppress-cfn");
  const char* group = R"(  NAME:
    Type: AWS::EC2::SecurityGroup
METADATA    Properties:
      GroupDescription: NAME
      VpcId: vpc-0a1b2c3d
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0COMMENT
)";
  auto make = [&](const std::string& name, const std::string& metadata, const std::string& comment) {
    std::string s = group;
    for (size_t at; (at = s.find("NAME")) != std::string::npos;) s.replace(at, 4, name);
    s.replace(s.find("METADATA"), 8, metadata);
    s.replace(s.find("COMMENT"), 7, comment);
    return s;
  };
  write_file(root / "template.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n" +
                 make("Trailing", "", " # guardrail:ignore NET-009 jump host, ticket OPS-3") +
                 make("Listed", "    Metadata:\n      guardrail:\n        ignore:\n          - NET-009 vendor appliance\n", "") +
                 make("Mapped",
                      "    Metadata:\n      guardrail:\n        ignore:\n          - rule: NET-009\n"
                      "            until: 2099-01-01\n            reason: being replaced by SSM\n",
                      "") +
                 "  # guardrail:ignore NET-009 the whole group\n" + make("Above", "", "") +
                 make("NoReason", "    Metadata:\n      guardrail:\n        ignore:\n          - rule: NET-009\n", "") +
                 make("Open", "", ""));
  std::string out;
  int status = run_guardrail("scan --no-color --rule NET-009 template.yaml", out, root);
  CHECK(status == 1);
  CHECK(reported(out).size() == 2);
  CHECK(has(out, "4 suppressed"));
  CHECK(has(out, "warning[suppression]: the suppression of NET-009 gives no reason"));
}

TEST_CASE("suppressions: Dockerfile comments above an instruction or a stage") {
  auto root = temp_dir("suppress-docker");
  write_file(root / "Dockerfile",
             "# guardrail:ignore IMG-004 the base image drops privileges itself\n"
             "FROM registry.example.com/base@sha256:5f0c3b4a AS run\n"
             "COPY app /app\n");
  write_file(root / "other/Dockerfile", "FROM registry.example.com/base@sha256:5f0c3b4a AS run\nCOPY app /app\n");
  std::string out;
  int status = run_guardrail("scan --no-color --rule IMG-004 .", out, root);
  CHECK(status == 1);
  CHECK(reported(out) == std::vector<std::string>{"other/Dockerfile:1"});
  CHECK(has(out, "1 suppressed"));
}

TEST_CASE("baselines: an old finding is not reported, a new one is, a fixed one disappears") {
  auto root = temp_dir("baseline");
  write_file(root / "main.tf", open_group("old") + open_group("fixed"));
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule NET-009 --write-baseline baseline.json main.tf", out, root) == 1);
  CHECK(has(read_file(root / "baseline.json"), "\"guardrailBaseline\": 1"));
  CHECK(run_guardrail("scan --no-color --rule NET-009 --baseline baseline.json main.tf", out, root) == 0);
  CHECK(has(out, "0 findings, 2 suppressed"));

  // Lines inserted above, a group fixed, a new one opened.
  std::string fixed = open_group("fixed");
  fixed.replace(fixed.find("0.0.0.0/0"), 9, "10.0.0.0/8");
  write_file(root / "main.tf", "# moved down\n\n" + open_group("old") + fixed + open_group("new"));
  CHECK(run_guardrail("scan --no-color --rule NET-009 --baseline baseline.json main.tf", out, root) == 1);
  CHECK(reported(out) == std::vector<std::string>{"main.tf:30"});
  CHECK(has(out, "1 finding (critical 1), 1 suppressed"));
  run_guardrail("scan --rule NET-009 --baseline baseline.json --format sarif main.tf", out, root);
  CHECK(has(out, "\"baselineState\": \"unchanged\""));
  CHECK(has(out, "\"baselineState\": \"new\""));

  // Rewriting the baseline with the old one in effect keeps the old findings.
  CHECK(run_guardrail("scan --no-color --rule NET-009 --baseline baseline.json --write-baseline baseline.json main.tf", out,
                      root) == 1);
  CHECK(run_guardrail("scan --no-color --rule NET-009 --baseline baseline.json main.tf", out, root) == 0);
  CHECK(has(out, "0 findings, 2 suppressed"));

  write_file(root / "broken.json", "{\"findings\": [}");
  CHECK(run_guardrail("scan --no-color --rule NET-009 --baseline broken.json main.tf", out, root) == 2);
  CHECK(has(out, "broken.json:1:15: error[baseline]: invalid value (a trailing comma, or a missing value?)"));
}

TEST_CASE("baselines: rewriting from a subfolder or with some rules keeps what the run did not judge") {
  auto root = temp_dir("baseline-subset");
  fs::create_directories(root / ".git");  // a repository: identities are relative to its top
  write_file(root / "tf/main.tf", open_group("web"));
  write_file(root / "k8s/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n"
             "  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext: {privileged: true}\n");
  std::string out;
  run_guardrail("scan --fail-on never --rule NET-009,PSS-003 --write-baseline b.json .", out, root);
  // Refreshed from tf/ alone, then with one rule alone: k8s/'s entry and PSS-003's stay.
  run_guardrail("scan --fail-on never --rule NET-009,PSS-003 --baseline b.json --write-baseline b.json tf", out, root);
  run_guardrail("scan --fail-on never --rule NET-009 --baseline b.json --write-baseline b.json .", out, root);
  CHECK(run_guardrail("scan --no-color --rule NET-009,PSS-003 --baseline b.json .", out, root) == 0);
  CHECK(has(out, "0 findings, 2 suppressed"));
  // A finding fixed in what the run judged leaves the file.
  std::string fixed = open_group("web");
  fixed.replace(fixed.find("0.0.0.0/0"), 9, "10.0.0.0/8");
  write_file(root / "tf/main.tf", fixed);
  run_guardrail("scan --fail-on never --rule NET-009,PSS-003 --baseline b.json --write-baseline b.json tf", out, root);
  std::string written = read_file(root / "b.json");
  CHECK_FALSE(has(written, "NET-009"));
  CHECK(has(written, "PSS-003"));
}

TEST_CASE("baselines: identities are relative to the repository, wherever guardrail runs") {
  auto top = temp_dir("identity");
  fs::path repo = top / "repo";
  write_file(repo / ".guardrail.yaml", "rules:\n  enable: [NET-009]\n");
  write_file(repo / "infra/main.tf", open_group("web"));
  std::string out;
  CHECK(run_guardrail("scan --no-color --write-baseline .guardrail-baseline.json .", out, repo) == 1);
  CHECK(has(read_file(repo / ".guardrail-baseline.json"), "\"file\": \"infra/main.tf\""));
  // From above the repository, from inside it, and naming the file alone.
  CHECK(run_guardrail("scan --no-color --baseline repo/.guardrail-baseline.json repo", out, top) == 0);
  CHECK(has(out, "0 findings, 1 suppressed"));
  CHECK(run_guardrail("scan --no-color --baseline ../.guardrail-baseline.json .", out, repo / "infra") == 0);
  CHECK(run_guardrail("scan --no-color --baseline repo/.guardrail-baseline.json repo/infra/main.tf", out, top) == 0);
  // SARIF: the URI under %SRCROOT%, the repository's folder, from wherever it ran.
  run_guardrail("scan --format sarif repo", out, top);
  CHECK(has(out, "\"uri\": \"infra/main.tf\",\n"));
  CHECK(has(out, "\"uri\": \"file://" + repo.generic_string() + "/\""));
  std::string from_inside;
  run_guardrail("scan --format sarif .", from_inside, repo / "infra");
  auto prints = [](const std::string& sarif) {
    auto at = sarif.find("\"guardrail/v1\": ");
    return at == std::string::npos ? std::string() : sarif.substr(at, 40);
  };
  CHECK(!prints(out).empty());
  CHECK(prints(out) == prints(from_inside));
  // A template's resource is named by its path as shown (infra/sg.yaml#Group):
  // its fingerprint is still the repository's, from wherever it ran.
  write_file(repo / "infra/sg.yaml",
             "Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n"
             "      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n");
  CHECK(run_guardrail("scan --no-color --write-baseline .guardrail-baseline.json .", out, repo) == 1);
  CHECK(run_guardrail("scan --no-color --baseline ../.guardrail-baseline.json .", out, repo / "infra") == 0);
  CHECK(has(out, "0 findings, 2 suppressed"));

  // A git work tree's top is the repository, whatever .guardrail.yaml is below it.
  fs::create_directories(top / "mono/.git");
  write_file(top / "mono/infra/.guardrail.yaml", "rules:\n  enable: [NET-009]\n");
  write_file(top / "mono/infra/main.tf", open_group("web"));
  run_guardrail("scan --format sarif mono/infra", out, top);
  CHECK(has(out, "\"uri\": \"infra/main.tf\",\n"));
  CHECK(has(out, "\"uri\": \"file://" + (top / "mono").generic_string() + "/\""));
  // Neither: the folder scanned.
  write_file(top / "loose/net/main.tf", open_group("web"));
  run_guardrail("scan --format sarif --rule NET-009 loose", out, top);
  CHECK(has(out, "\"uri\": \"net/main.tf\",\n"));
}

TEST_CASE("config: files named from several folders read the configuration of the folder above them all") {
  // A pre-commit run stages infra/main.tf and app/Dockerfile, in either order.
  auto root = temp_dir("config-staged");
  write_file(root / ".guardrail.yaml", "fail-on: critical\n");
  write_file(root / "infra/.guardrail.yaml", "rules:\n  disable: [NET-009]\n");
  write_file(root / "infra/main.tf", open_group("web"));
  write_file(root / "app/Dockerfile", "FROM python:3.12\nUSER app\n");
  std::string one, two;
  int a = run_guardrail("scan --no-color infra/main.tf app/Dockerfile", one, root, true);
  int b = run_guardrail("scan --no-color app/Dockerfile infra/main.tf", two, root, true);
  CHECK(a == b);
  CHECK(reported(one) == reported(two));
  CHECK(has(one, "warning: infra/.guardrail.yaml is not read: one configuration applies to a scan, .guardrail.yaml"));
  // Alone, the file's own folder holds them all.
  std::string alone;
  run_guardrail("scan --no-color infra/main.tf", alone, root, true);
  CHECK(!has(alone, "is not read"));
}

TEST_CASE("config: .guardrail.yaml from the scan root upwards; the command line wins") {
  auto root = temp_dir("config");
  write_file(root / "infra/prod/main.tf", open_group("web"));
  write_file(root / "infra/vendor/main.tf", open_group("vendored"));
  write_file(root / ".guardrail.yaml",
             "fail-on: critical\nexclude: [\"infra/vendor/**\"]\nrules:\n  enable: [NET-009]\n"
             "  severity: {NET-009: medium}\noutputs: {sarif: out/guardrail.sarif}\n");
  std::string out;
  std::filesystem::create_directories(root / "out");
  // From a subfolder: the file above is found; medium is below the file's threshold.
  CHECK(run_guardrail("scan --no-color infra", out, root) == 0);
  CHECK(reported(out) == std::vector<std::string>{"infra/prod/main.tf:8"});
  CHECK(has(out, "medium[NET-009]"));
  CHECK(has(read_file(root / "out/guardrail.sarif"), "\"ruleId\": \"NET-009\""));
  // The command line over the file.
  CHECK(run_guardrail("scan --no-color --fail-on medium infra", out, root) == 1);
  CHECK(run_guardrail("scan --no-color --no-config --rule NET-009 infra", out, root) == 1);
  CHECK(reported(out).size() == 2);

  // The user's own accounts for an environment; unknown ones are errors.
  write_file(root / ".guardrail.yaml", "environments:\n  prod: {paths: [\"infra/vendor/**\"]}\n  qa: {accounts: [\"1\"]}\n");
  CHECK(run_guardrail("scan --no-color --rule NET-009 infra", out, root) == 2);
  CHECK(has(out, ".guardrail.yaml:3:3: error[config]: the policy has no environment 'qa'"));

  write_file(root / ".guardrail.yaml", "fail-on: hihg\nrules:\n  disable: [COST-001]\n  severty: {}\n");
  CHECK(run_guardrail("scan --no-color infra 2>&1; exit $?", out, root) == 2);
  CHECK(has(out, ".guardrail.yaml:1:10: error[config]: fail-on takes info, low, medium, high, critical or never"));
  CHECK(has(out, ".guardrail.yaml:4:3: error[config]: unknown key 'severty' in rules"));

  // A rule the configuration names that does not exist is the configuration's mistake, not a flag's.
  write_file(root / ".guardrail.yaml", "rules:\n  disable: [NET-999]\n");
  CHECK(run_guardrail("scan --no-color infra 2>&1; exit $?", out, root) == 2);
  CHECK(has(out, "rules.disable of .guardrail.yaml: NET-999: no rule has this ID; did you mean NET-009?"));
}

TEST_CASE("pre-commit: a secret from a parameter file is reported there; one moved to a module call masks nothing there") {
  auto root = temp_dir("named-secret-places");
  fs::create_directories(root / ".git");
  write_file(root / "templates/db.yaml",
             "Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\nResources:\n  DB:\n"
             "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: admin\n"
             "      MasterUserPassword: !Ref DBPassword\n");
  write_file(root / "params/prod.json", "[\n  {\"ParameterKey\": \"DBPassword\", \"ParameterValue\": \"ChangeThisPassword1234\"}\n]\n");
  std::string out;
  run_guardrail("scan --no-color --rule DB-012 templates/db.yaml --cfn-params params/prod.json", out, root);
  CHECK(has(out, "params/prod.json:2:"));
  CHECK_FALSE(has(out, "ChangeThisPassword1234"));
  CHECK_FALSE(has(out, "**:"));  // the logical ID is no secret

  write_file(root / "tf/main.tf", "module \"db\" {\n  source = \"./mod\"\n}\n");
  write_file(root / "tf/mod/main.tf",
             "resource \"aws_db_instance\" \"db\" {\n  engine   = \"postgres\"\n  password = \"S3cr3t-Pa55w0rd-x9\"\n}\n");
  run_guardrail("scan --no-color --rule SEC-004 tf/main.tf", out, root);
  CHECK(has(out, "tf/main.tf:1:1: critical[SEC-004]"));
  CHECK(has(out, "module \"db\" {"));
  CHECK_FALSE(has(out, "S3cr3t-Pa55w0rd-x9"));
}
