#include <catch2/catch.hpp>

#include "policy/effective.hpp"
#include "policy/pack.hpp"
#include "report/text.hpp"

using namespace guardrail;

namespace {

/// Every diagnostic of a snippet (checked with the shipped rules available),
/// as "line:col: error[code]: message".
std::vector<std::string> problems(const std::string& text) {
  policy::Pack pack;
  policy::add_builtin(pack);
  policy::add_file(pack, "t.grl", text, true);
  policy::check(pack);
  std::vector<std::string> out;
  for (const auto& d : pack.diagnostics)
    if (d.where.file == "t.grl")
      out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                    std::string(base::to_string(d.level)) + "[" + d.code + "]: " + d.message);
  return out;
}

std::string one(const std::string& text) {
  auto p = problems(text);
  REQUIRE(p.size() == 1);
  return p[0];
}

const char* kHead = "rule T-1 {\n  title \"t\"\n  severity low\n";

std::string rule(const std::string& body) { return std::string(kHead) + body + "}\n"; }

}  // namespace

TEST_CASE("check: syntax errors name what was expected, at the place it was expected") {
  CHECK(one("rule T-1 {\n  title \"t\n}\n") == "2:11: error[policy-syntax]: unterminated string");
  CHECK(one(rule("  for x in aws_vpc\n  assert x.a ==\n")) == "6:1: error[policy-syntax]: expected an operand");
  CHECK(one(rule("  for x in aws_vpc\n  assert count(x.a\n")) == "6:1: error[policy-syntax]: expected ')'");
  CHECK(one(rule("  for x in [1, 2\n")) == "5:1: error[policy-syntax]: expected ']'");
  CHECK(one("rule T-1 {\n  titel \"t\"\n}\n") ==
        "2:3: error[policy-syntax]: expected a rule item (title, severity, description, remediation, help, tags, "
        "param, check, for, let, where, assert, message) or '}'");
  CHECK(one("rule net-1 {}\n") == "1:6: error[policy-syntax]: expected a rule ID such as NET-001");
  CHECK(one("rules T-1 {}\n") == "1:1: error[policy-syntax]: expected 'rule' or 'policy'");
  CHECK(one(rule("  for x in aws_vpc\n  assert x.a == \"a\\q\"\n")) ==
        "5:20: error[policy-syntax]: unknown escape sequence (use \\\" \\\\ \\n \\t \\r \\{ \\} \\/)");
  CHECK(one(rule("  for x in aws_vpc\n  assert x.\n")) == "5:12: error[policy-syntax]: expected a name after '.'");
  CHECK(one(rule("  for x in aws_vpc\n  assert x.a == 1 message \"bad {x.a\"\n")) ==
        "5:36: error[policy-syntax]: expected '}' to close the template expression");
  CHECK(one("policy p {\n  waive T-1 on \"x\" until 2027-1-1 because \"r\"\n}\n") ==
        "2:26: error[policy-syntax]: expected a date YYYY-MM-DD");
}

TEST_CASE("check: expressions and rules too deep to evaluate are syntax errors, not a crash") {
  auto chain = [](const std::string& term, const std::string& op, int n) {
    std::string s = term;
    for (int i = 1; i < n; ++i) s += op + term;
    return s;
  };
  CHECK(one(rule("  for x in aws_vpc\n  assert " + chain("1", " + ", 300) + " > 0\n")).find(
            "error[policy-syntax]: the expression nests deeper than 256 levels") != std::string::npos);
  CHECK(one(rule("  for x in aws_vpc\n  assert " + chain("true", " and ", 300) + "\n")).find("deeper than 256") !=
        std::string::npos);
  CHECK(one(rule("  for x in aws_vpc\n  assert x" + chain(".a", "", 300) + " == 1\n")).find("deeper than 256") !=
        std::string::npos);
  CHECK(one(rule("  for x in aws_vpc\n  assert " +
                 chain("not", " ", 20000) + " true\n"))
            .find("maximum parser rule nesting depth exceeded") != std::string::npos);
  CHECK(one(rule("  for x in aws_vpc\n  assert " + std::string(20000, '-') + "1 < 5\n"))
            .find("maximum parser rule nesting depth exceeded") != std::string::npos);
  CHECK(one(rule("  for x in aws_vpc\n  assert 1" + std::string(400, '0') + " > 0\n")).find("is too large") !=
        std::string::npos);
  std::string lets;
  for (int i = 1; i < 300; ++i) lets += "  let x" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  CHECK(one(rule("  for x in aws_vpc\n" + lets + "  assert true\n")).find("more than 256 clauses") != std::string::npos);
  // What a person writes stays well inside the bounds.
  CHECK(problems(rule("  for x in aws_vpc\n  assert " + chain("1", " + ", 200) + " > 0\n")).empty());
}

TEST_CASE("check: a parameter used as a pattern must compile, as its default and wherever a policy sets it") {
  CHECK(one(rule("  param forbidden = \"^db\\\\.(t2\"\n  for x in aws_db_instance\n  assert not (x.instance_class matches forbidden)\n"))
            .find("4:21: error[policy-regex]: invalid regular expression in parameter forbidden") == 0);
  // Said once, however often the rule matches against it.
  CHECK(one(rule("  param forbidden = \"(\"\n  for x in aws_db_instance\n  assert not (x.instance_class matches forbidden)\n"
                 "  assert not (x.engine matches forbidden)\n"))
            .find("4:21: error[policy-regex]: invalid regular expression in parameter forbidden") == 0);
  CHECK(one("policy p {\n  enforce all in all\n  set K8S-007.registry_pattern = \"^(ecr\"\n}\n")
            .find("3:34: error[policy-regex]: invalid regular expression for K8S-007.registry_pattern") == 0);
  CHECK(problems("policy p {\n  enforce all in all\n  set K8S-007.registry_pattern = \"^ecr$\"\n}\n").empty());
}

TEST_CASE("check: one rule ID in two of the user's files is a duplicate, whichever comes first") {
  for (bool swap : {false, true}) {
    policy::Pack pack;
    policy::add_builtin(pack);
    std::string a = rule("  for x in aws_s3_bucket\n  assert x.versioning != null\n");
    std::string b = rule("  for x in aws_s3_bucket\n  assert x.bucket != null\n");
    policy::add_file(pack, swap ? "b.grl" : "a.grl", swap ? b : a, true);
    policy::add_file(pack, swap ? "a.grl" : "b.grl", swap ? a : b, true);
    // A shipped ID is replaced, not duplicated.
    policy::add_file(pack, "c.grl", "rule K8S-006 {\n  title \"t\"\n  severity low\n  for w in k8s_workload\n  assert true\n}\n", true);
    policy::check(pack);
    size_t duplicates = 0;
    for (const auto& d : pack.diagnostics)
      if (d.code == "policy-duplicate") {
        ++duplicates;
        CHECK(d.message.find("duplicate rule ID T-1 (first declared at ") == 0);
      }
    CHECK(duplicates == 1);
  }
}

TEST_CASE("check: a policy file is UTF-8, a byte-order mark allowed") {
  CHECK(problems("\xEF\xBB\xBF" + rule("  for x in aws_vpc\n  assert true\n")).empty());
  CHECK(one(rule("  for x in aws_vpc\n  assert x.a == \"\xFF\"\n")) == "5:18: error[policy-encoding]: invalid UTF-8 (byte 0xff)");
}

TEST_CASE("check: every broken declaration of a file is reported, not only the first") {
  auto p = problems("rule A-1 {\n  title \"a\n}\nrule B-1 {\n  severity\n}\nrule C-1 {\n  title \"c\"\n  severity low\n  for x in aws_vpc\n}\n");
  REQUIRE(p.size() == 2);
  CHECK(p[0] == "2:11: error[policy-syntax]: unterminated string");
  CHECK(p[1] == "6:1: error[policy-syntax]: expected a severity (info, low, medium, high, critical)");
}

TEST_CASE("check: names resolve, or say what they could have meant") {
  CHECK(one(rule("  for x in aws_vpc\n  assert cidr_contain(x.a, \"10.0.0.0/8\")\n")) ==
        "5:10: error[policy-name]: unknown function 'cidr_contain'; did you mean 'cidr_contains'?");
  CHECK(one(rule("  param min_azs = 3\n  for v in aws_vpc\n  assert count(v.azs) >= min_az\n")) ==
        "6:26: error[policy-name]: unknown name 'min_az'; did you mean 'min_azs'?");
  CHECK(one(rule("  for v in aws_vpc\n  assert vv.a == 1\n")) ==
        "5:10: error[policy-name]: unknown name 'vv'; did you mean 'v'?");
  CHECK(one(rule("  for v in aws_vpc\n  assert .a == 1\n")) ==
        "5:10: error[policy-name]: '.' stands for the element being filtered and works only inside [ ]");
  CHECK(one(rule("  assert true\n  for v in aws_vpc\n")) == "4:3: error[policy-name]: 'assert' comes before any 'for'");
}

TEST_CASE("check: a resource type no source gives is caught with the nearest one") {
  CHECK(one(rule("  for b in aws_s3_bukcet\n  assert b.acl == \"private\"\n")) ==
        "4:12: error[policy-type-name]: unknown resource type 'aws_s3_bukcet'; did you mean 'aws_s3_bucket'?");
  CHECK(one(rule("  for d in Deploymnet\n  assert d.spec.replicas >= 2\n")) ==
        "4:12: error[policy-type-name]: unknown resource type 'Deploymnet'; did you mean 'Deployment'?");
  CHECK(one(rule("  for d in deployment\n  assert d.spec.replicas >= 2\n")) ==
        "4:12: error[policy-name]: unknown name 'deployment'; did you mean 'Deployment'?");
  // An AWS type near none: perhaps a newer provider's; a warning, not an error.
  CHECK(one(rule("  for q in aws_quantum_annealer\n  assert q.x == 1\n")) ==
        "4:12: warning[policy-type-name]: unknown resource type 'aws_quantum_annealer': it is not a type of the "
        "Terraform AWS provider, nor one that guardrail maps from CloudFormation or AWS exports, so the rule may "
        "never see one");
  // Known: provider types, types only the tables give, groups, Kubernetes and
  // well-known custom kinds, and a custom kind near no known one.
  for (const char* type : {"aws_s3_bucket", "aws_wafv2_web_acl", "aws_tagging_resource", "aws_resource", "k8s_workload",
                           "Deployment", "NodePool", "ExternalSecret", "PrometheusRule", "AcmeWidget"})
    CHECK(problems(rule(std::string("  for x in ") + type + "\n  assert x.a == 1\n")).empty());
}

TEST_CASE("check: a 'where' that drops unresolved values uncounted is a warning") {
  CHECK(one(rule("  for n in aws_nat_gateway\n  let s = resource(n.subnet_id)\n  where n.x == 1 and s != null\n"
                 "  assert s.tier == \"public\"\n")) ==
        "6:22: warning[policy-undecided]: this 'where' drops every binding whose resource() names nothing in the "
        "scan, and counts none of them undecided; decide them in the assertion instead: `assert if x == null then "
        "unknown \"why\" else ...`");
  CHECK(one(rule("  for r in aws_vpc\n  where null != region(r)\n  assert r.a == 1\n")).find(
            "5:9: warning[policy-undecided]: this 'where' drops every binding whose region() is not known") == 0);
  // Kept and counted: an `or`, a decision in the assertion, a function whose null means absent.
  CHECK(problems(rule("  for n in aws_nat_gateway\n  let s = resource(n.subnet_id)\n  where s == null or s.x == 1\n"
                      "  assert if s == null then unknown \"not in the scan\" else s.tier == \"public\"\n"))
            .empty());
  CHECK(problems(rule("  for r in aws_db_instance\n  let p = db_source(r)\n  where p != null\n  assert p.a == 1\n"))
            .empty());
}

TEST_CASE("check: arity and types are checked before anything runs") {
  CHECK(one(rule("  for v in aws_vpc\n  assert cidr_contains(v.a)\n")) ==
        "5:10: error[policy-arity]: cidr_contains takes 2 arguments, got 1");
  CHECK(one(rule("  for v in aws_vpc\n  assert lower(v.a, v.b) == \"x\"\n")) ==
        "5:10: error[policy-arity]: lower takes 1 argument, got 2");
  CHECK(one(rule("  for v in aws_vpc\n  assert \"a\" < 1\n")) ==
        "5:10: error[policy-type]: '<' compares a string with a number");
  CHECK(one(rule("  for v in aws_vpc\n  assert count(3) > 0\n")) ==
        "5:16: error[policy-type]: argument 1 of count must be null, a string, a list or a map, not a number");
  CHECK(one(rule("  for v in aws_vpc\n  assert not \"x\"\n")) ==
        "5:14: error[policy-type]: the operand of 'not' must be a bool, not a string");
  CHECK(one(rule("  for v in aws_vpc\n  assert \"a\" + 1 == 2\n")) == "5:10: error[policy-type]: '+' adds a string to a number");
  CHECK(one(rule("  for v in aws_vpc\n  assert 1 + 2\n")) == "5:10: error[policy-type]: an assertion must be a bool, not a number");
  CHECK(one(rule("  for v in aws_vpc\n  assert \"x\".a == 1\n")) == "5:10: error[policy-type]: cannot read '.a' of a string");
  CHECK(one(rule("  for v in aws_vpc\n  assert v.a in 5\n")) ==
        "5:17: error[policy-type]: the right side of 'in' must be null, a string, a list or a map, not a number");
  CHECK(one(rule("  for v in 42\n")) == "4:12: error[policy-type]: what 'for' iterates over must be null, a list or a map, not a number");
  CHECK(one(rule("  for v in aws_vpc\n  assert v.name matches \"(unclosed\"\n")) ==
        "5:25: error[policy-regex]: invalid regular expression: missing ): (unclosed");
}

TEST_CASE("check: rule metadata and parameters") {
  CHECK(one("rule T-1 {\n  severity low\n  for v in aws_vpc\n}\n") == "1:6: error[policy-meta]: rule T-1 has no title");
  CHECK(one("rule T-1 {\n  title \"t\"\n  severity urgent\n  for v in aws_vpc\n}\n") ==
        "3:12: error[policy-meta]: unknown severity 'urgent' (info, low, medium, high, critical)");
  CHECK(one(rule("")) == "1:6: error[policy-meta]: rule T-1 has no 'for' clause: it checks nothing");
  CHECK(one(rule("  param p = 1\n  param p = 2\n  for v in aws_vpc\n")) ==
        "5:9: error[policy-duplicate]: parameter 'p' is declared twice");
  CHECK(one(rule("  param p = count([1])\n  for v in aws_vpc\n")) ==
        "4:13: error[policy-value]: the default of parameter 'p' must be a constant (a literal, list or map)");
  CHECK(one(rule("  for v in aws_vpc\n") + rule("  for v in aws_vpc\n")) ==
        "6:6: error[policy-duplicate]: duplicate rule ID T-1 (first declared at t.grl:1:6)");
}

TEST_CASE("check: policies name rules, parameters and environments that exist") {
  CHECK(one("policy p {\n  enforce NET-999 in all\n}\n") ==
        "2:11: error[policy-name]: policy p names rule NET-999, which does not exist");
  CHECK(one("policy p {\n  environment dev {}\n  enforce K8S-001 in devv\n}\n") ==
        "3:22: error[policy-name]: unknown environment 'devv'");
  CHECK(one("policy p {\n  set K8S-006.forbidden_namespace = []\n  enforce all in all\n}\n") ==
        "2:7: error[policy-name]: rule K8S-006 has no parameter 'forbidden_namespace'; did you mean 'forbidden_namespaces'?");
  CHECK(one("policy p {\n  set K8S-006.forbidden_namespaces = 3\n  enforce all in all\n}\n") ==
        "2:38: error[policy-type]: parameter K8S-006.forbidden_namespaces takes list values, not integer");
  CHECK(one("policy p {\n  waive K8S-001 on \"x\" until 2027-02-30 because \"r\"\n  enforce all in all\n}\n") ==
        "2:30: error[policy-value]: waiver date '2027-02-30' is not a real date");
  CHECK(one("policy p {\n  environment dev {}\n  environment dev {}\n  enforce all in all\n}\n") ==
        "3:15: error[policy-duplicate]: environment 'dev' is defined twice");
}

TEST_CASE("check: a policy extends another, and one that enforces nothing is a warning") {
  CHECK(one("policy p {\n  title \"t\"\n}\n") ==
        "1:8: warning[policy-empty]: policy p enforces no rule: add `enforce all in all` (or `enforce RULES in "
        "ENVIRONMENTS`), or extend a policy that does");
  // The parent's environments and enforcement come with it.
  CHECK(problems("policy p extends innovate {\n  set NET-012.regions = [\"eu-west-1\"] in prod\n}\n").empty());
  CHECK(problems("policy p extends baseline {\n  environment prod {}\n  enforce DB-002 in prod\n}\n").empty());
  CHECK(one("policy p extends innovate {\n  enforce K8S-001 in qa\n}\n") ==
        "2:22: error[policy-name]: unknown environment 'qa'");
  CHECK(one("policy p extends innvate {\n  enforce all in all\n}\n") ==
        "1:18: error[policy-name]: policy p extends 'innvate', which does not exist; did you mean 'innovate'?");
  auto cycle = problems("policy a extends b {\n  enforce all in all\n}\npolicy b extends a {\n  enforce all in all\n}\n");
  REQUIRE(cycle.size() == 1);  // breaking the cycle at a frees b
  CHECK(cycle[0] == "1:18: error[policy-cycle]: policy a extends itself through 'b'");
}

TEST_CASE("effective: a child policy applies its parent's statements first, then its own") {
  policy::Pack pack;
  policy::add_builtin(pack);
  policy::add_file(pack, "t.grl",
                   "policy acme extends innovate {\n"
                   "  environment qa { alias \"test\" }\n"
                   "  skip K8S-001 in qa\n"
                   "  set NET-012.regions = [\"eu-west-1\"] in prod\n"
                   "}\n",
                   true);
  policy::check(pack);
  REQUIRE(pack.diagnostics.empty());
  policy::Effective e = policy::resolve(pack, pack.policy("acme"));
  CHECK(e.environments == std::vector<std::string>{"mgmt", "dev", "staging", "prod", "qa"});
  // innovate's `skip ORG-001 in dev, staging, prod` still holds; `enforce all in all` reached qa.
  CHECK(e.rules.at("ORG-001").environments == std::set<std::string>{"mgmt", "qa"});
  CHECK(e.rules.at("K8S-001").environments.count("qa") == 0);
  CHECK(e.rules.at("NET-012").param("regions", "prod").as_list()[0].as_string() == "eu-west-1");
  CHECK(e.rules.at("K8S-010").param("allowed_levels", "dev").size() == 2);  // innovate's setting
}

TEST_CASE("check: the shipped pack compiles without a diagnostic") {
  policy::Pack pack;
  policy::add_builtin(pack);
  policy::check(pack);
  for (const auto& d : pack.diagnostics) FAIL(std::string(d.where.file) + ":" + std::to_string(d.where.line) + ": " + d.message);
  CHECK(pack.policy("innovate") != nullptr);
  CHECK(pack.rules.size() >= 4);
}

TEST_CASE("check: a diagnostic renders with its line and a caret") {
  policy::Pack pack;
  policy::add_file(pack, "t.grl", rule("  for v in aws_vpc\n  assert \"a\" < 1\n"));
  policy::check(pack);
  REQUIRE(pack.diagnostics.size() == 1);
  CHECK(report::render_diagnostic(pack.diagnostics[0], pack.source("t.grl"), false) ==
        "t.grl:5:10: error[policy-type]: '<' compares a string with a number\n"
        "  assert \"a\" < 1\n"
        "         ^~~~~~~\n");
}

#include <fstream>
#include <sstream>

#include "policy/functions.hpp"
#include "support.hpp"

TEST_CASE("docs: the language reference documents every built-in function") {
  std::string doc = guardrail::test::read_file(guardrail::test::source_dir() / "docs/policy-language.md");
  for (const auto& f : policy::functions()) {
    INFO(f.name);
    CHECK(doc.find("`" + std::string(f.name) + "(") != std::string::npos);
  }
}

#include "policy/projection.hpp"

TEST_CASE("projection: the pack says which types and attributes its rules read") {
  policy::Pack pack;
  policy::add_file(pack, "t.grl",
                   "rule T-1 {\n title \"t\"\n severity low\n for v in aws_vpc\n"
                   " let s = aws_subnet[.vpc_id == v.id]\n assert lookup(v.tags, \"Name.x\") != null and s.cidr_block != null\n}\n");
  policy::check(pack);
  REQUIRE(pack.diagnostics.empty());
  auto p = policy::projection(pack);
  CHECK_FALSE(p.everything);
  // A default VPC is judged as a VPC once canonical: it is read for what a VPC is.
  CHECK(p.types == std::set<std::string>{"aws_default_vpc", "aws_subnet", "aws_vpc"});
  CHECK(p.keeps_attribute("vpc_id"));
  CHECK(p.keeps_attribute("cidr_block"));
  CHECK(p.keeps_attribute("tags"));
  CHECK_FALSE(p.keeps_attribute("enable_dns_support"));
  CHECK_FALSE(p.keeps_type("aws_instance"));
  // A Kubernetes check reads nothing of AWS exports, whatever it does.
  policy::add_file(pack, "k.grl", "rule T-3 {\n title \"t\"\n severity low\n for d in Deployment\n assert count(keys(d)) > 0\n}\n");
  policy::check(pack);
  CHECK_FALSE(policy::projection(pack).everything);
  CHECK_FALSE(policy::projection(pack).keeps_attribute("spec"));
  policy::add_file(pack, "u.grl", "rule T-2 {\n title \"t\"\n severity low\n for r in aws_resource\n assert count(keys(r.tags)) > 0\n}\n");
  policy::check(pack);
  CHECK_FALSE(policy::projection(pack).everything);  // keys of one attribute
  CHECK(policy::projection(pack).keeps_type("aws_instance"));
  // Reading a resource whole keeps every attribute of its type, and only of its type.
  policy::add_file(pack, "w.grl", "rule T-4 {\n title \"t\"\n severity low\n for r in aws_vpc\n assert count(keys(r)) > 0\n}\n");
  policy::check(pack);
  auto whole = policy::projection(pack);
  CHECK_FALSE(whole.everything);
  CHECK(whole.whole_types == std::set<std::string>{"aws_default_vpc", "aws_vpc"});
  CHECK(whole.keeps("aws_vpc", "enable_dns_support"));
  CHECK_FALSE(whole.keeps("aws_subnet", "enable_dns_support"));
  CHECK(whole.keeps("aws_subnet", "cidr_block"));
  CHECK(whole.keeps_attribute("enable_dns_support"));  // of some type, by name alone
  // leaves() of a resource, as EDGE-006 reads a public access block.
  policy::add_file(pack, "l.grl", "rule T-5 {\n title \"t\"\n severity low\n for p in aws_s3_account_public_access_block\n"
                                  " assert count(leaves(p)) > 0\n}\n");
  policy::check(pack);
  CHECK(policy::projection(pack).keeps("aws_s3_account_public_access_block", "block_public_acls"));
  CHECK_FALSE(policy::projection(pack).keeps("aws_vpc_endpoint", "policy_document_version"));
  // An Aurora cluster's instance is exported as a DB instance: it keeps what
  // a cluster instance is read for.
  policy::add_file(pack, "a.grl", "rule T-7 {\n title \"t\"\n severity low\n for i in aws_rds_cluster_instance\n"
                                  " assert i.availability_zone != null\n}\n");
  policy::check(pack);
  CHECK(policy::projection(pack).keeps("aws_db_instance", "availability_zone"));
  // Over every type, a whole read keeps everything.
  policy::add_file(pack, "x.grl", "rule T-6 {\n title \"t\"\n severity low\n for r in aws_resource\n assert count(keys(r)) > 0\n}\n");
  policy::check(pack);
  CHECK(policy::projection(pack).everything);
}

TEST_CASE("suggestions: the nearest name, case ignored, a swap of two letters one edit") {
  CHECK(policy::edit_distance("prdo", "prod") == 1);
  CHECK(policy::edit_distance("scna", "scan") == 1);
  CHECK(policy::edit_distance("kitten", "sitting") == 3);
  std::vector<std::string> envs{"mgmt", "dev", "staging", "prod"};
  CHECK(policy::closest("PROD", envs) == "prod");
  CHECK(policy::closest("prdo", envs) == "prod");
  CHECK(policy::closest("stagin", envs) == "staging");
  CHECK(policy::closest("qa", envs).empty());
}
