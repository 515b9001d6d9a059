#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <re2/re2.h>

#include <cstdlib>
#include <map>
#include <set>

#include "policy/frameworks.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

using guardrail::test::read_file;
using guardrail::test::run_guardrail;
using guardrail::test::source_dir;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;
namespace policy = guardrail::policy;

namespace {

const policy::Pack& shipped_pack() {
  static auto pack = guardrail::scan::load_pack({});
  return *pack;
}

/// The diagnostics of reading `text` as a framework file, one per line as
/// "line:column: message".
std::string problems_of(const std::string& text) {
  guardrail::base::SourceFile file("fw.json", text);
  guardrail::base::Diagnostics out;
  auto framework = policy::parse_framework(file, shipped_pack(), out);
  CHECK((framework == nullptr) == guardrail::base::has_errors(out));
  std::string lines;
  for (const auto& d : out)
    lines += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message + "\n";
  return lines;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

/// control ID -> status, from a JSON report's frameworks section.
std::map<std::string, std::string> statuses(const rapidjson::Value& framework) {
  std::map<std::string, std::string> out;
  for (const auto& c : framework["controls"].GetArray()) out[c["id"].GetString()] = c["status"].GetString();
  return out;
}

}  // namespace

TEST_CASE("frameworks: every shipped framework loads and names only rules of the pack") {
  std::vector<std::string> ids = policy::builtin_framework_ids();
  CHECK(ids == std::vector<std::string>{"cis-aws", "fsbp", "nist-800-53", "pss"});
  for (const std::string& id : ids) {
    INFO(id);
    guardrail::base::Diagnostics problems;
    auto f = policy::load_framework(id, shipped_pack(), problems);
    REQUIRE(f);
    CHECK(problems.empty());
    CHECK(f->id == id);
    CHECK_FALSE(f->title.empty());
    CHECK_FALSE(f->controls.empty());
    std::set<std::string> seen;
    for (const policy::Control& c : f->controls) {
      INFO(c.id);
      CHECK(seen.insert(c.id).second);
      CHECK_FALSE(c.title.empty());
      CHECK((c.mapping == policy::Mapping::none) == c.rules.empty());
      for (const std::string& r : c.rules) CHECK(shipped_pack().rule(r));
    }
  }
  // A control that takes some of a rule's findings names words its messages say:
  // a message reworded would otherwise leave the control passing silently.
  for (const std::string& id : ids) {
    guardrail::base::Diagnostics problems;
    auto f = policy::load_framework(id, shipped_pack(), problems);
    REQUIRE(f);
    for (const policy::Control& c : f->controls)
      for (const auto& [rule_id, pattern] : c.findings) {
        INFO(id << " " << c.id << " " << rule_id);
        const policy::Rule* rule = shipped_pack().rule(rule_id);
        REQUIRE(rule);
        // Or, for a selector of what the message fills in (a port, a source),
        // the message's own words around it: "from the internet (".
        std::string literal;
        for (char ch : pattern->pattern())
          if (ch != '\\') literal += ch;
        bool matched = false;
        for (const policy::Clause& clause : rule->body())
          if (!clause.message.empty()) {
            std::string text;
            for (const auto& part : clause.message.parts) {
              text += part.expr ? "X" : part.text;
              if (!part.expr && part.text.size() >= 12 && literal.find(part.text) != std::string::npos) matched = true;
            }
            matched = matched || re2::RE2::PartialMatch(text, *pattern);
          }
        CHECK(matched);
      }
  }
  // Every Pod Security rule decides a control of the standard.
  guardrail::base::Diagnostics problems;
  auto pss = policy::load_framework("pss", shipped_pack(), problems);
  REQUIRE(pss);
  std::set<std::string> mapped;
  for (const policy::Control& c : pss->controls) mapped.insert(c.rules.begin(), c.rules.end());
  for (const auto& r : shipped_pack().rules)
    if (r->id.rfind("PSS-", 0) == 0) CHECK(mapped.count(r->id));
}

TEST_CASE("frameworks: a mistake in a framework file is an error at its place") {
  const std::string head = "{\"id\": \"mine\", \"title\": \"Mine\", \"controls\": [\n";
  SECTION("not JSON") { CHECK(problems_of("{\"id\": \"mine\",\n  \"controls\": [,]}").find("2:") == 0); }
  SECTION("a misspelt field, with the nearest") {
    CHECK(problems_of(head + "  {\"id\": \"A.1\", \"title\": \"t\", \"mapping\": \"full\", \"rule\": [\"NET-001\"]}]}") ==
          "2:3: control A.1 has no \"rules\" (an empty list when none decides it)\n"
          "2:50: unknown control field \"rule\"; did you mean \"rules\"?\n");
  }
  SECTION("a rule the pack lacks") {
    CHECK(problems_of(head + "  {\"id\": \"A.1\", \"title\": \"t\", \"mapping\": \"full\", \"rules\": [\"NET-0001\"]}]}") ==
          "2:60: no rule NET-0001; did you mean NET-001?\n");
  }
  SECTION("a mapping that is not one of the three") {
    CHECK(problems_of(head + "  {\"id\": \"A.1\", \"title\": \"t\", \"mapping\": \"most\", \"rules\": []}]}") ==
          "2:42: \"mapping\" is \"full\", \"partial\" or \"none\", not \"most\"\n");
  }
  SECTION("a control listed twice") {
    CHECK(problems_of(head + "  {\"id\": \"A.1\", \"title\": \"t\", \"mapping\": \"none\", \"rules\": []},\n"
                             "  {\"id\": \"A.1\", \"title\": \"u\", \"mapping\": \"none\", \"rules\": []}]}") ==
          "3:10: control A.1 is listed twice\n");
  }
  SECTION("a parameter its rule does not have, or of a rule the control does not list") {
    CHECK(problems_of(head + "  {\"id\": \"A.1\", \"title\": \"t\", \"mapping\": \"full\", \"rules\": [\"EKS-004\"],\n"
                             "   \"parameters\": {\"EKS-004.min_az\": 3, \"DB-009.min_retention_days\": 7}}]}") ==
          "3:19: rule EKS-004 has no parameter 'min_az'; did you mean 'min_azs'?\n"
          "3:40: parameter DB-009.min_retention_days is of rule DB-009, which control A.1 does not list in \"rules\"\n");
  }
  SECTION("wrong types") {
    CHECK(problems_of("[1]") == "1:1: a framework is a JSON object with \"id\", \"title\" and \"controls\"\n");
    CHECK(problems_of("{\"id\": \"Mine!\", \"title\": 3, \"controls\": {}}") ==
          "1:8: a framework ID is lowercase letters, digits, '-' and '.': 'Mine!'\n"
          "1:26: \"title\" is a non-empty string\n"
          "1:41: \"controls\" is a list of controls\n");
  }
}

TEST_CASE("scan --framework: each control failed, undecided, passed, not applicable, not assessed or not covered") {
  fs::path dir = temp_dir("framework-statuses");
  write_file(dir / "pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
             "  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n"
             "  containers:\n  - name: app\n    image: registry.example.com/app@sha256:"
             "0000000000000000000000000000000000000000000000000000000000000000\n"
             "    securityContext:\n      privileged: true\n      allowPrivilegeEscalation: false\n"
             "      capabilities: {drop: [ALL]}\n");
  write_file(dir / "frameworks" / "mine.json", R"({
  "id": "mine", "title": "Mine", "version": "1",
  "controls": [
    {"id": "C.1", "title": "No privileged containers", "mapping": "full", "rules": ["PSS-003"]},
    {"id": "C.2", "title": "No host namespaces", "mapping": "full", "rules": ["PSS-002"]},
    {"id": "C.3", "title": "Something guardrail does not check", "mapping": "none", "rules": []},
    {"id": "C.4", "title": "VPC flow logs", "mapping": "full", "rules": ["NET-007"]},
    {"id": "C.5", "title": "No host ports", "mapping": "full", "rules": ["PSS-006"]},
    {"id": "C.6", "title": "Baseline only", "mapping": "partial", "rules": ["PSS-002"],
     "parameters": {"PSS-002.level": "baseline"}}
  ]
})");
  std::string out;
  int status = run_guardrail("scan --framework frameworks/mine.json --skip-rule PSS-006 -f json pod.yaml", out, dir);
  CHECK(status == 1);  // the privileged container
  rapidjson::Document report = parse(out);
  REQUIRE(report.HasMember("frameworks"));
  const rapidjson::Value& mine = report["frameworks"][0];
  CHECK(std::string(mine["id"].GetString()) == "mine");
  auto s = statuses(mine);
  CHECK(s["C.1"] == "failed");
  CHECK(s["C.2"] == "passed");
  CHECK(s["C.3"] == "not covered");
  CHECK(s["C.4"] == "not applicable");
  CHECK(s["C.5"] == "not assessed");
  CHECK(s["C.6"] == "undecided");  // the policy runs PSS-002 at another level than the control asks
  // C.1's evidence is the finding, by its index in the report.
  const rapidjson::Value& c1 = mine["controls"][0];
  REQUIRE(c1["findings"].Size() == 1);
  const rapidjson::Value& finding = report["findings"][c1["findings"][0].GetUint()];
  CHECK(std::string(finding["ruleId"].GetString()) == "PSS-003");
  CHECK(mine["summary"]["covered"].GetUint() == 5);
  CHECK(mine["summary"]["failed"].GetUint() == 1);
  const rapidjson::Value& c6 = mine["controls"][5];
  REQUIRE(c6["reasons"].Size() == 1);
  CHECK(std::string(c6["reasons"][0].GetString()) ==
        "the policy runs PSS-002 with level = restricted; the control asks baseline");
  const rapidjson::Value& c5 = mine["controls"][4];
  CHECK(std::string(c5["reasons"][0].GetString()) == "rule PSS-006 was not run (left out by --rule or --skip-rule)");

  // The text summary lists what is not passed, worst first.
  run_guardrail("scan --framework frameworks/mine.json --skip-rule PSS-006 pod.yaml", out, dir);
  CHECK(out.find("mine (Mine 1): 1 failed, 1 undecided, 1 passed, 1 not applicable, 1 not assessed of the 5 controls "
                 "guardrail decides; 1 of 6 not covered\n"
                 "  failed         C.1  No privileged containers (1 finding)\n"
                 "  undecided      C.6  Baseline only\n") != std::string::npos);

  // SARIF tags each rule with the controls it decides; without --framework, none.
  run_guardrail("scan --framework frameworks/mine.json -f sarif pod.yaml", out, dir);
  CHECK(out.find("\"compliance/mine/C.1\"") != std::string::npos);
  run_guardrail("scan -f sarif pod.yaml", out, dir);
  CHECK(out.find("compliance/") == std::string::npos);

  // The HTML report gives the framework a page, its failures linked to the findings.
  run_guardrail("scan --framework frameworks/mine.json -f html pod.yaml", out, dir);
  CHECK(out.find("<section class=\"framework\" id=\"framework-mine\">") != std::string::npos);
  std::string anchor = "finding-" + std::to_string(c1["findings"][0].GetUint());
  CHECK(out.find("<tr id=\"" + anchor + "\">") != std::string::npos);
  CHECK(out.find("<a href=\"#" + anchor + "\">PSS-003</a>") != std::string::npos);
}

TEST_CASE("scan --framework: a control decided by one part of a rule fails only by that part's findings") {
  // A distribution that requires HTTPS, with an ACM certificate and TLSv1.2_2021,
  // but no WAF: EDGE-003 fires, and only FSBP CloudFront.6 (WAF) fails.
  fs::path dir = temp_dir("framework-parts");
  write_file(dir / "cdn.tf", R"(resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111111111111:certificate/abc"
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
}
)");
  std::string out;
  run_guardrail("scan --no-config --rule EDGE-003 --framework fsbp -f json cdn.tf", out, dir);
  rapidjson::Document report = parse(out);
  REQUIRE(report["findings"].Size() == 1);
  auto s = statuses(report["frameworks"][0]);
  CHECK(s["CloudFront.6"] == "failed");
  CHECK(s["CloudFront.3"] == "passed");
  CHECK(s["CloudFront.9"] == "passed");
  CHECK(s["CloudFront.15"] == "passed");
}

TEST_CASE("scan --framework: security group controls take only the findings of their ports and sources") {
  // SSH open to 0.0.0.0/0 and ICMP to ::/0: CIS 5.2 fails by SSH alone, 5.3
  // (admin ports from ::/0) passes; FSBP EC2.19 (high-risk ports) fails by SSH.
  fs::path dir = temp_dir("framework-ports");
  write_file(dir / "123456789012/us-east-1/ec2/describe-security-groups.json", R"({"SecurityGroups": [{
  "GroupId": "sg-0000000000000bast", "GroupName": "bastion", "Description": "bastion", "OwnerId": "123456789012",
  "VpcId": "vpc-0123456789abcdef0", "IpPermissionsEgress": [],
  "IpPermissions": [
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []},
    {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}]}
)");
  std::string out;
  run_guardrail("scan --no-config --rule NET-009 --framework cis-aws --framework fsbp -f json .", out, dir);
  rapidjson::Document report = parse(out);
  REQUIRE(report["findings"].Size() == 2);
  auto cis = statuses(report["frameworks"][0]);
  auto fsbp = statuses(report["frameworks"][1]);
  CHECK(cis["5.2"] == "failed");
  CHECK(cis["5.3"] == "passed");
  CHECK(fsbp["EC2.18"] == "failed");
  CHECK(fsbp["EC2.19"] == "failed");
  for (const auto& control : report["frameworks"][0]["controls"].GetArray())
    if (std::string(control["id"].GetString()) == "5.2") CHECK(control["findings"].Size() == 1);
}

TEST_CASE("scan --framework: a misspelt name or a broken file stops the run and says so") {
  fs::path dir = temp_dir("framework-errors");
  write_file(dir / "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: a}]}\n");
  std::string out;
  CHECK(run_guardrail("scan --framework fsbq pod.yaml", out, dir, true) == 2);
  CHECK(out.find("no framework 'fsbq'; did you mean 'fsbp'?") != std::string::npos);
  CHECK(out.find("pod.yaml") == std::string::npos);
  write_file(dir / "bad.json", "{\"id\": \"bad\", \"title\": \"Bad\", \"controls\": [{\"id\": \"X\"}]}");
  CHECK(run_guardrail("scan --framework bad.json pod.yaml", out, dir, true) == 2);
  CHECK(out.find("bad.json:1:44: error[framework]: missing \"title\"") != std::string::npos);
  CHECK(run_guardrail("rules --framework bad.json", out, dir, true) == 2);
  CHECK(out.find("bad.json:1:44: error[framework]: missing \"title\"") != std::string::npos);
}

TEST_CASE("scan --framework: the reference architecture and the export bundle stand as recorded") {
  // Golden: one line per control, "ID: status", for the shipped frameworks.
  struct Case {
    const char* folder;
    const char* args;
    const char* golden;
  };
  for (const Case& c : {Case{"fixtures/innovate", "scan --framework fsbp --framework cis-aws --framework nist-800-53 "
                                                   "--framework pss -f json .",
                             "tests/golden/frameworks/innovate.txt"},
                        Case{"fixtures/exports", "scan --framework fsbp --framework cis-aws -f json bundle",
                             "tests/golden/frameworks/export-bundle.txt"}}) {
    INFO(c.folder);
    std::string out;
    run_guardrail(c.args, out, guardrail::test::copy_of(c.folder));
    rapidjson::Document report = parse(out);
    REQUIRE(report.HasMember("frameworks"));
    std::string actual;
    for (const auto& f : report["frameworks"].GetArray()) {
      actual += std::string("# ") + f["id"].GetString() + "\n";
      for (const auto& control : f["controls"].GetArray())
        actual += std::string(control["id"].GetString()) + ": " + control["status"].GetString() + "\n";
    }
    fs::path golden = source_dir() / c.golden;
    if (std::getenv("GUARDRAIL_UPDATE_GOLDEN")) write_file(golden, actual);
    CHECK(actual == read_file(golden));
  }
}

TEST_CASE("rules --framework lists the controls and the rules that decide them") {
  std::string out;
  CHECK(run_guardrail("rules --framework pss", out) == 0);
  CHECK(out.find("Kubernetes Pod Security Standards latest (pss): 19 controls; guardrail's rules decide 19 "
                 "(19 fully, 0 in part)\n") == 0);
  CHECK(out.find("Privileged Containers") != std::string::npos);
  CHECK(run_guardrail("rules --framework fsbp -f json", out) == 0);
  rapidjson::Document d = parse(out);
  CHECK(std::string(d["frameworks"][0]["id"].GetString()) == "fsbp");
}

TEST_CASE("frameworks: the README's and docs/frameworks.md's coverage tables say what the shipped files hold") {
  std::string readme = read_file(source_dir() / "README.md");
  std::string guide = read_file(source_dir() / "docs/frameworks.md");
  for (const std::string& id : policy::builtin_framework_ids()) {
    INFO(id);
    guardrail::base::Diagnostics problems;
    auto f = policy::load_framework(id, shipped_pack(), problems);
    REQUIRE(f);
    size_t full = 0, partial = 0;
    for (const policy::Control& c : f->controls) {
      full += c.mapping == policy::Mapping::full;
      partial += c.mapping == policy::Mapping::partial;
    }
    size_t total = f->controls.size(), decided = full + partial;
    std::string row = "| `" + id + "` | " + std::to_string(total) + " | " + std::to_string(decided) + " (" +
                      std::to_string((decided * 100 + total / 2) / total) + "%): " + std::to_string(full) + " fully, " +
                      std::to_string(partial) + " in part |";
    CHECK(readme.find(row) != std::string::npos);
    // docs/frameworks.md's table: ... | listed | full | partial | not covered |
    std::string counts = " | " + std::to_string(total) + " | " + std::to_string(full) + " | " + std::to_string(partial) +
                         " | " + std::to_string(total - decided) + " |";
    size_t line = guide.find("| `" + id + "` | ");
    REQUIRE(line != std::string::npos);
    std::string text = guide.substr(line, guide.find('\n', line) - line);
    CHECK(text.size() >= counts.size());
    CHECK(text.compare(text.size() - counts.size(), counts.size(), counts) == 0);
  }
}

TEST_CASE(".guardrail.yaml frameworks: judged as --framework would, files relative to the configuration") {
  fs::path dir = temp_dir("framework-config");
  write_file(dir / "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: a}]}\n");
  write_file(dir / "compliance" / "mine.json",
             "{\"id\": \"mine\", \"title\": \"Mine\", \"controls\": [{\"id\": \"C.1\", \"title\": \"t\", "
             "\"mapping\": \"full\", \"rules\": [\"PSS-003\"]}]}");
  write_file(dir / ".guardrail.yaml", "frameworks: [pss, compliance/mine.json]\n");
  std::string out;
  run_guardrail("scan -f json pod.yaml", out, dir);
  rapidjson::Document report = parse(out);
  REQUIRE(report.HasMember("frameworks"));
  REQUIRE(report["frameworks"].Size() == 2);
  CHECK(std::string(report["frameworks"][0]["id"].GetString()) == "pss");
  CHECK(std::string(report["frameworks"][1]["id"].GetString()) == "mine");
  // The command line wins.
  run_guardrail("scan -f json --framework fsbp pod.yaml", out, dir);
  report = parse(out);
  REQUIRE(report["frameworks"].Size() == 1);
  CHECK(std::string(report["frameworks"][0]["id"].GetString()) == "fsbp");
}
