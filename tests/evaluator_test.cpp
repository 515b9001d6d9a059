#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "evaluate/evaluator.hpp"
#include "load/yaml_loader.hpp"
#include "model/resource_set.hpp"
#include "policy/effective.hpp"
#include "policy/pack.hpp"
#include "support.hpp"

using namespace guardrail;

namespace {

/// Resources from YAML: a list of {type, address, env?, attrs}.
std::vector<model::Resource> resources(const std::string& yaml) {
  static std::vector<std::unique_ptr<base::SourceFile>> keep;
  keep.push_back(std::make_unique<base::SourceFile>("r.yaml", yaml));
  auto docs = load::load_yaml(*keep.back());
  REQUIRE(docs.diagnostics.empty());
  std::vector<model::Resource> out;
  for (const model::Value& item : docs.documents.at(0).as_list()) {
    model::Resource r;
    r.type = item.find("type")->as_string();
    r.address = item.find("address")->as_string();
    r.source = item.find("live") ? model::SourceKind::aws_export : model::SourceKind::terraform;
    if (const auto* e = item.find("env")) r.environment = e->as_string();
    if (const auto* ids = item.find("ids"))
      for (const auto& id : ids->as_list()) r.ids.push_back(id.as_string());
    if (r.ids.empty()) r.ids.push_back(r.address);
    r.attrs = item.find("attrs") ? *item.find("attrs") : model::Value::map();
    r.location = item.location();
    out.push_back(std::move(r));
  }
  return out;
}

struct Run {
  evaluate::RuleRun run;
  std::vector<std::string> findings;  // "line: message"
};

Run run_rule(const std::string& rule_text, const std::vector<model::Resource>& rs, const std::string& policy_text = "") {
  policy::Pack pack;
  policy::add_file(pack, "t.grl", rule_text + policy_text);
  policy::check(pack);
  for (const auto& d : pack.diagnostics) FAIL(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message);
  std::vector<const model::Resource*> ptrs;
  for (const auto& r : rs) ptrs.push_back(&r);
  model::ResourceSet set(ptrs);
  policy::Effective eff = policy::resolve(pack, pack.policies.empty() ? nullptr : pack.policies[0].get());
  evaluate::Evaluator ev(set, eff);
  Run out{ev.run(*pack.rules.at(0)), {}};
  for (const auto& f : out.run.findings) out.findings.push_back(std::to_string(f.where.line) + ": " + f.message);
  return out;
}

const char* kOne = "- type: aws_instance\n  address: aws_instance.one\n  attrs: {}\n";

/// The value of an expression, displayed, evaluated with `x` bound to a resource.
std::string value_of(const std::string& expr, const std::string& yaml = kOne) {
  auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n assert false message \"{" + expr + "}\"\n}\n",
                    resources(yaml));
  REQUIRE(r.run.findings.size() == 1);
  return r.run.findings[0].message;
}

/// "true", "false" or "unknown": the truth of a condition.
std::string truth_of(const std::string& expr, const std::string& yaml = kOne) {
  auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n assert " + expr + "\n}\n", resources(yaml));
  if (!r.run.findings.empty()) return "false";
  return r.run.undecided ? "unknown" : "true";
}

}  // namespace

TEST_CASE("evaluate: an undecided check keeps the reason the rule gives") {
  auto reason = [](const std::string& clauses) {
    auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n" + clauses + "}\n", resources(kOne));
    REQUIRE(r.run.undecided == 1);
    for (const auto& c : r.run.checks)
      if (c.outcome == evaluate::Tri::unknown) return c.reason.str();
    return std::string("none");
  };
  CHECK(reason(" assert if x.nothing == null then unknown \"its VPC is not in the scan\" else true\n") ==
        "its VPC is not in the scan");
  CHECK(reason(" let v = unknown \"a\" \"b\"\n assert v or false\n") == "ab");
  CHECK(reason(" where unknown \"skipped, and counted\"\n assert true\n") == "skipped, and counted");
  CHECK(reason(" assert unknown\n") == "a value it needs is not known");
}

TEST_CASE("evaluate: an undecided check says why, through joins, members, functions and lists") {
  // One instance whose security groups are known only after apply, one bucket
  // judged: the reason names the instance that leaves the join open.
  auto rs = resources(
      "- type: aws_instance\n  address: aws_instance.app\n  attrs: {}\n"
      "- type: aws_s3_bucket\n  address: aws_s3_bucket.logs\n  attrs: {}\n");
  rs[0].attrs.set("vpc_security_group_ids", model::Value::unknown("known after apply"));
  rs[0].attrs.set("source", model::Value::unknown("a data source read at apply"));
  auto reason = [&](const std::string& clauses) {
    auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for b in aws_s3_bucket\n" + clauses + "}\n", rs);
    REQUIRE(r.run.undecided == 1);
    for (const auto& c : r.run.checks)
      if (c.outcome == evaluate::Tri::unknown) return c.reason.str();
    return std::string("none");
  };
  CHECK(reason(" assert count(aws_instance[b.id in default(.vpc_security_group_ids, [])]) == 0\n") ==
        "aws_instance.app: known after apply");
  CHECK(reason(" assert first(aws_instance).source.engine == \"postgres\"\n") == "a data source read at apply");
  CHECK(reason(" assert count(concat(aws_instance[.source == \"x\"], [])) == 0\n") ==
        "aws_instance.app: a data source read at apply");
  CHECK(reason(" assert any i in aws_instance : i.source matches \"x\"\n") == "a data source read at apply");
}

TEST_CASE("evaluate: a resource that may never be created is no witness") {
  auto rs = resources(
      "- type: aws_instance\n  address: aws_instance.one\n  attrs: {}\n"
      "- type: aws_s3_bucket\n  address: aws_s3_bucket.maybe\n  attrs: {ok: true}\n");
  rs[1].uncounted = true;
  auto run = [&](const std::string& cond) {
    auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n assert " + cond + "\n}\n", rs);
    if (!r.run.findings.empty()) return std::string("false");
    if (!r.run.undecided) return std::string("true");
    return r.run.checks.at(0).reason.str();
  };
  const std::string why = "aws_s3_bucket.maybe's count or for_each is known only at apply: it may have no instance";
  CHECK(run("any b in aws_s3_bucket : b.ok") == why);
  CHECK(run("none b in aws_s3_bucket : b.ok") == why);
  CHECK(run("all b in aws_s3_bucket : not b.ok") == why);
  CHECK(run("all b in aws_s3_bucket : b.ok") == "true");
  CHECK(run("any b in aws_s3_bucket : not b.ok") == "false");
  CHECK(run("count(aws_s3_bucket) == 1") == why);
}

TEST_CASE("evaluate: three-valued logic never turns unknown into a finding") {
  CHECK(truth_of("unknown") == "unknown");
  CHECK(truth_of("not unknown") == "unknown");
  CHECK(truth_of("unknown and false") == "false");
  CHECK(truth_of("false and unknown") == "false");
  CHECK(truth_of("unknown and true") == "unknown");
  CHECK(truth_of("unknown or true") == "true");
  CHECK(truth_of("unknown or false") == "unknown");
  CHECK(truth_of("unknown == 1") == "unknown");
  CHECK(truth_of("unknown != 1") == "unknown");
  CHECK(truth_of("1 in [2, unknown]") == "unknown");
  CHECK(truth_of("1 in [1, unknown]") == "true");
  CHECK(truth_of("if unknown then true else false") == "unknown");
  CHECK(truth_of("all v in [1, unknown] : v == 1") == "unknown");
  CHECK(truth_of("all v in [2, unknown] : v == 1") == "false");
  CHECK(truth_of("any v in [1, unknown] : v == 1") == "true");
  CHECK(truth_of("none v in [1, unknown] : v == 1") == "false");
  CHECK(truth_of("count v in [1, unknown] : v == 1 >= 1") == "unknown");
}

TEST_CASE("evaluate: a value known only after apply makes the check undecided") {
  const char* yaml = "- type: aws_instance\n  address: aws_instance.one\n  attrs: {arn: !unknown x, flag: true}\n";
  // The loader keeps the tag; adapters produce unknowns. Build one directly.
  auto rs = resources(yaml);
  rs[0].attrs.set("arn", model::Value::unknown("known after apply"));
  auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n assert x.arn matches \"^arn:\"\n}\n", rs);
  CHECK(r.findings.empty());
  CHECK(r.run.undecided == 1);
  REQUIRE(r.run.checks.size() == 1);
  CHECK(r.run.checks[0].outcome == evaluate::Tri::unknown);
}

TEST_CASE("evaluate: a resource whose nested loop binds nothing passes; one a where leaves out is not checked") {
  const char* yaml =
      "- type: aws_instance\n  address: aws_instance.none\n  attrs: {ports: [], watched: true}\n"
      "- type: aws_instance\n  address: aws_instance.bad\n  attrs: {ports: [22, 443], watched: true}\n"
      "- type: aws_instance\n  address: aws_instance.good\n  attrs: {ports: [443], watched: true}\n"
      "- type: aws_instance\n  address: aws_instance.skipped\n  attrs: {ports: [22], watched: false}\n";
  auto rs = resources(yaml);  // the checks point at them
  auto r = run_rule("rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n where x.watched\n"
                    " for p in x.ports\n assert p == 443\n}\n",
                    rs);
  std::string outcomes;
  for (const auto& c : r.run.checks)
    outcomes += c.resource->address + "=" + (c.outcome == evaluate::Tri::true_ ? "pass" : c.outcome == evaluate::Tri::false_ ? "fail" : "unknown") + " ";
  CHECK(outcomes == "aws_instance.none=pass aws_instance.bad=fail aws_instance.good=pass ");
  CHECK(r.findings.size() == 1);
}

TEST_CASE("evaluate: comparisons, arithmetic and strings") {
  CHECK(truth_of("\"5432\" == 5432") == "true");
  CHECK(truth_of("\"true\" == true") == "true");
  CHECK(truth_of("null == null") == "true");
  CHECK(truth_of("x.missing == null") == "true");
  CHECK(truth_of("x.missing >= 7") == "false");
  CHECK(truth_of("\"b\" > \"a\"") == "true");
  CHECK(truth_of("[1, 2] == [1, 2]") == "true");
  CHECK(truth_of("{a: 1} == {a: 1}") == "true");
  CHECK(truth_of("\"ab\" in \"xaby\"") == "true");
  CHECK(truth_of("\"a\" in {a: 1}") == "true");
  CHECK(truth_of("3 not in [1, 2]") == "true");
  CHECK(truth_of("\"db-prod-1\" matches \"^db-[a-z]+-[0-9]$\"") == "true");
  CHECK(truth_of("\"x\" not matches \"y\"") == "true");
  CHECK(value_of("1 + 2 * 3 - 4 / 2") == "5");
  CHECK(value_of("7 % 3") == "1");
  CHECK(value_of("-3 + 1") == "-2");
  CHECK(value_of("\"a\" + \"b\"") == "ab");
  CHECK(value_of("[1] + [2]") == "[1, 2]");
  CHECK(value_of("if 1 > 2 then \"yes\" else \"no\"") == "no");
}

TEST_CASE("evaluate: CIDR functions for IPv4 and IPv6") {
  CHECK(truth_of("cidr_valid(\"10.0.0.0/16\")") == "true");
  CHECK(truth_of("cidr_valid(\"10.0.0.0/33\")") == "false");
  CHECK(truth_of("cidr_valid(\"2001:db8::/32\")") == "true");
  CHECK(truth_of("cidr_valid(\"2001:db8:::1/32\")") == "false");
  CHECK(value_of("cidr_prefix(\"10.1.0.0/16\")") == "16");
  CHECK(value_of("cidr_prefix(\"10.1.2.3\")") == "32");
  CHECK(value_of("cidr_prefix(\"::1\")") == "128");
  CHECK(value_of("cidr_normalize(\"0.0.2.0/0\")") == "0.0.0.0/0");
  CHECK(value_of("cidr_normalize(\"2001:db8::1/32\")") == "2001:db8::/32");
  CHECK(truth_of("cidr_contains(\"10.0.0.0/16\", \"10.0.3.0/24\")") == "true");
  CHECK(truth_of("cidr_contains(\"10.0.0.0/16\", \"10.1.0.0/24\")") == "false");
  CHECK(truth_of("cidr_contains([\"10.0.0.0/16\", \"10.2.0.0/16\"], [\"10.0.1.0/24\", \"10.2.1.0/24\"])") == "true");
  CHECK(truth_of("cidr_contains(\"2001:db8::/32\", \"2001:db8:1::/48\")") == "true");
  CHECK(truth_of("cidr_contains(\"2001:db8::/32\", \"10.0.0.0/8\")") == "false");
  CHECK(truth_of("cidr_overlaps(\"10.0.0.0/16\", \"10.0.128.0/17\")") == "true");
  CHECK(truth_of("cidr_overlaps(\"10.0.0.0/16\", \"10.1.0.0/16\")") == "false");
  CHECK(truth_of("cidr_overlaps(\"fd00::/8\", \"fd12:3456::/32\")") == "true");
  CHECK(truth_of("cidr_private(\"172.20.0.0/16\")") == "true");
  CHECK(truth_of("cidr_private(\"100.64.1.0/24\")") == "true");
  CHECK(truth_of("cidr_private(\"172.32.0.0/16\")") == "false");
  CHECK(truth_of("cidr_private(\"fd00::/64\")") == "true");
  CHECK(truth_of("cidr_private(\"2001:db8::/64\")") == "false");
  CHECK(truth_of("cidr_open(\"0.0.0.0/0\")") == "true");
  CHECK(truth_of("cidr_open(\"::/0\")") == "true");
  CHECK(truth_of("cidr_open([\"0.0.0.0/1\", \"128.0.0.0/1\"])") == "true");
  CHECK(truth_of("cidr_open(\"1.0.0.0/1\")") == "true");
  CHECK(truth_of("cidr_open(\"10.0.0.0/8\")") == "false");
  CHECK(truth_of("cidr_open(\"8.0.0.0/9\")") == "false");
  CHECK(truth_of("cidr_open(\"8.0.0.0/9\", 9)") == "true");
  CHECK(truth_of("cidr_open(\"2001::/16\")") == "true");
  CHECK(truth_of("cidr_open(\"2001:db8::/48\")") == "false");
}

TEST_CASE("evaluate: string functions") {
  CHECK(value_of("lower(\"AbC\")") == "abc");
  CHECK(value_of("upper(\"AbC\")") == "ABC");
  CHECK(value_of("trim(\"  x \")") == "x");
  CHECK(truth_of("starts_with(\"arn:aws:kms\", \"arn:\")") == "true");
  CHECK(truth_of("starts_with(\"abc\", [\"x\", \"ab\"])") == "true");
  CHECK(truth_of("ends_with(\"main.tf\", \".tf\")") == "true");
  CHECK(truth_of("contains(\"hello\", \"ell\")") == "true");
  CHECK(truth_of("contains([1, 2], 2)") == "true");
  CHECK(truth_of("contains({a: 1}, \"a\")") == "true");
  CHECK(value_of("split(\"a,b,,c\", \",\")") == "[a, b, , c]");
  CHECK(value_of("join([\"a\", \"b\"], \"-\")") == "a-b");
  CHECK(value_of("plural(1, \"day\")") == "1 day");
  CHECK(value_of("plural(7, \"day\")") == "7 days");
  CHECK(value_of("plural(0, \"NAT gateway\")") == "0 NAT gateways");
  CHECK(value_of("plural(2, \"policy\", \"policies\")") == "2 policies");
  CHECK(value_of("replace(\"a.b.c\", \".\", \"/\")") == "a/b/c");
  CHECK(value_of("regex_find(\"db.t3.medium\", \"^db\\\\.([a-z0-9]+)\\\\.\")") == "t3");
  CHECK(value_of("regex_find(\"v1.29.3\", \"[0-9]+\\\\.[0-9]+\")") == "1.29");
  CHECK(value_of("regex_find(\"abc\", \"z\")") == "(not set)");  // a message never prints null
  CHECK(value_of("words(\"masterUserPassword\")") == "[master, user, password]");
  CHECK(value_of("words(\"AWS_SECRET_ACCESS_KEY\")") == "[aws, secret, access, key]");
  CHECK(value_of("words(\"APIKey-v2\")") == "[api, key, v2]");
  CHECK(value_of("to_string(42)") == "42");
  CHECK(value_of("to_number(\"1.5\") * 2") == "3");
  CHECK(value_of("version_compare(\"v1.29\", \"1.30\")") == "-1");
  CHECK(value_of("version_compare(\"1.29.0\", \"1.29\")") == "0");
  CHECK(value_of("version_compare(\"15.4\", 15)") == "1");
}

TEST_CASE("evaluate: secret-looking names follow the word rule of docs/semantics.md") {
  for (const char* yes : {"master_password", "DB_PASSWORD", "secret_string", "apiKey", "client_secret",
                          "AWS_SECRET_ACCESS_KEY", "github-token", "credentials", "privateKey", "passwd"}) {
    INFO(yes);
    CHECK(truth_of(std::string("secret_name(\"") + yes + "\")") == "true");
  }
  for (const char* no : {"password_length", "http_tokens", "secret_string_template", "TOKEN_TTL_SECONDS",
                         "secretary", "keyspace", "token_url"}) {
    INFO(no);
    CHECK(truth_of(std::string("secret_name(\"") + no + "\")") == "false");
  }
}

TEST_CASE("evaluate: collection functions") {
  CHECK(value_of("count([1, 2, 3])") == "3");
  CHECK(value_of("count({a: 1})") == "1");
  CHECK(value_of("count(null)") == "0");
  CHECK(value_of("distinct([\"a\", \"b\", \"a\"])") == "[a, b]");
  CHECK(value_of("keys({b: 1, a: 2})") == "[b, a]");
  CHECK(value_of("values({b: 1, a: 2})") == "[1, 2]");
  CHECK(value_of("flatten([[1, [2]], 3])") == "[1, 2, 3]");
  CHECK(value_of("concat([1], null, [2, 3])") == "[1, 2, 3]");
  CHECK(value_of("sum([1, 2, 3.5])") == "6.5");
  CHECK(value_of("min([3, 1, 2])") == "1");
  CHECK(value_of("max([\"b\", \"c\", \"a\"])") == "c");
  CHECK(value_of("min([])") == "(not set)");
  CHECK(value_of("sort([3, 1, 2])") == "[1, 2, 3]");
  CHECK(value_of("first([7, 8])") == "7");
  CHECK(value_of("lookup({a: {b: 2}}, \"a.b\")") == "2");
  CHECK(value_of("lookup({\"a.b\": 5}, \"a.b\")") == "5");
  CHECK(value_of("lookup({a: 1}, \"z\", \"none\")") == "none");
  CHECK(truth_of("has({a: null}, \"a\")") == "true");
  CHECK(value_of("[1, 2, 3][. > 1]") == "[2, 3]");
  CHECK(value_of("[{n: 1}, {n: 2}][*].n") == "[1, 2]");
  CHECK(value_of("[{n: 1}, {n: 2}].n") == "[1, 2]");
  CHECK(value_of("{a: 1, b: 2}[*]") == "[1, 2]");
  CHECK(value_of("[10, 20, 30][-1]") == "30");
  CHECK(value_of("default(null, x.missing, 3)") == "3");
  CHECK(value_of("count v in [1, 2, 3] : v > 1") == "2");
}

TEST_CASE("evaluate: Kubernetes label selectors, upstream semantics") {
  const char* labels = "{app: \"web\", tier: \"frontend\"}";
  auto sel = [&](const std::string& s) { return truth_of("selector_matches(" + s + ", " + labels + ")"); };
  CHECK(sel("{matchLabels: {\"app\": \"web\"}}") == "true");
  CHECK(sel("{matchLabels: {\"app\": \"api\"}}") == "false");
  CHECK(sel("{\"app\": \"web\", \"tier\": \"frontend\"}") == "true");  // a Service's plain selector
  CHECK(sel("{\"app\": \"web\", \"zone\": \"a\"}") == "false");
  CHECK(sel("{}") == "true");                          // an empty selector selects everything
  CHECK(sel("null") == "false");                       // a missing one selects nothing
  CHECK(sel("{matchExpressions: [{key: \"tier\", operator: \"In\", values: [\"frontend\", \"edge\"]}]}") == "true");
  CHECK(sel("{matchExpressions: [{key: \"tier\", operator: \"In\", values: [\"backend\"]}]}") == "false");
  CHECK(sel("{matchExpressions: [{key: \"tier\", operator: \"NotIn\", values: [\"backend\"]}]}") == "true");
  CHECK(sel("{matchExpressions: [{key: \"zone\", operator: \"NotIn\", values: [\"a\"]}]}") == "true");
  CHECK(sel("{matchExpressions: [{key: \"app\", operator: \"Exists\"}]}") == "true");
  CHECK(sel("{matchExpressions: [{key: \"zone\", operator: \"Exists\"}]}") == "false");
  CHECK(sel("{matchExpressions: [{key: \"zone\", operator: \"DoesNotExist\"}]}") == "true");
  CHECK(sel("{matchExpressions: [{key: \"app\", operator: \"DoesNotExist\"}]}") == "false");
  CHECK(sel("{matchLabels: {\"app\": \"web\"}, matchExpressions: [{key: \"tier\", operator: \"In\", values: [\"backend\"]}]}") == "false");
  CHECK(sel("{matchExpressions: [{key: \"app\", operator: \"Bogus\", values: [\"web\"]}]}") == "false");
}

TEST_CASE("evaluate: image references") {
  CHECK(value_of("parse_image(\"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:1.2@sha256:abc\")") ==
        "{registry: \"123456789012.dkr.ecr.us-east-1.amazonaws.com\", repository: \"team/api\", tag: \"1.2\", digest: \"sha256:abc\"}");
  CHECK(value_of("parse_image(\"nginx\")") == "{registry: null, repository: \"nginx\", tag: null, digest: null}");
  CHECK(value_of("parse_image(\"localhost:5000/app:dev\").registry") == "localhost:5000");
  CHECK(value_of("parse_image(\"library/redis:7\").tag") == "7");
}

TEST_CASE("evaluate: joins compare identities, and a reference to nothing matches nothing") {
  const char* yaml =
      "- type: aws_vpc\n  address: aws_vpc.main\n  attrs: {cidr_block: 10.0.0.0/16}\n"
      "- type: aws_vpc\n  address: aws_vpc.other\n  attrs: {cidr_block: 10.1.0.0/16}\n"
      "- type: aws_subnet\n  address: aws_subnet.a\n  attrs: {vpc_id: !ref x, availability_zone: us-east-1a}\n"
      "- type: aws_subnet\n  address: aws_subnet.b\n  attrs: {vpc_id: !ref x, availability_zone: us-east-1b}\n"
      "- type: aws_subnet\n  address: aws_subnet.c\n  attrs: {vpc_id: !ref x, availability_zone: us-east-1c}\n";
  auto rs = resources(yaml);
  rs[2].attrs.set("vpc_id", model::Value::reference("aws_vpc.main.id"));
  rs[3].attrs.set("vpc_id", model::Value::reference("aws_vpc.main.id"));
  rs[4].attrs.set("vpc_id", model::Value::reference("aws_vpc.gone.id"));
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n param min_azs = 2\n for v in aws_vpc\n"
      " let azs = distinct(aws_subnet[.vpc_id == v.id].availability_zone)\n"
      " assert count(azs) >= min_azs message \"{v} has {count(azs)}\"\n}\n",
      rs);
  CHECK(r.findings == std::vector<std::string>{"4: aws_vpc.other has 0"});
  // A subnet whose VPC is unknown makes the count undecided, not a finding.
  rs[3].attrs.set("vpc_id", model::Value::unknown());
  auto r2 = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n param min_azs = 2\n for v in aws_vpc\n"
      " let azs = distinct(aws_subnet[.vpc_id == v.id].availability_zone)\n assert count(azs) >= min_azs\n}\n",
      rs);
  CHECK(r2.findings.empty());
  CHECK(r2.run.undecided == 2);
}

TEST_CASE("evaluate: membership in a single reference is equality") {
  // A plan may hold one reference where the configuration wrote a list
  // (`subnet_ids = [aws_subnet.a.id]` left unknown, then resolved).
  const char* yaml =
      "- type: aws_subnet\n  address: aws_subnet.a\n  attrs: {}\n"
      "- type: aws_subnet\n  address: aws_subnet.b\n  attrs: {}\n"
      "- type: aws_db_subnet_group\n  address: aws_db_subnet_group.g\n  attrs: {subnet_ids: x}\n";
  auto rs = resources(yaml);
  rs[2].attrs.set("subnet_ids", model::Value::reference("aws_subnet.a.id"));
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n for s in aws_subnet\n"
      " assert any g in aws_db_subnet_group : s in g.subnet_ids message \"{s}\"\n}\n",
      rs);
  CHECK(r.findings == std::vector<std::string>{"4: aws_subnet.b"});
}

TEST_CASE("evaluate: live IDs and ARNs name the same resource") {
  const char* yaml =
      "- type: aws_kms_key\n  address: arn:aws:kms:us-east-1:111111111111:key/k1\n  live: true\n"
      "  ids: [\"arn:aws:kms:us-east-1:111111111111:key/k1\", k1]\n  attrs: {key_manager: CUSTOMER}\n"
      "- type: aws_db_instance\n  address: db1\n  live: true\n  attrs: {kms_key_id: \"arn:aws:kms:us-east-1:111111111111:key/k1\"}\n"
      "- type: aws_db_instance\n  address: db2\n  live: true\n  attrs: {kms_key_id: k1}\n"
      "- type: aws_db_instance\n  address: db3\n  live: true\n  attrs: {kms_key_id: \"arn:aws:kms:us-east-1:111111111111:key/other\"}\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n for d in aws_db_instance\n let key = resource(d.kms_key_id)\n"
      " assert key != null and key.key_manager == \"CUSTOMER\" message \"{d}\"\n}\n",
      resources(yaml));
  CHECK(r.findings == std::vector<std::string>{"17: db3"});  // its kms_key_id line
}

TEST_CASE("evaluate: pairs from overlapping() point at one member with the other related") {
  const char* yaml =
      "- type: aws_vpc\n  address: aws_vpc.a\n  attrs: {cidr_block: 10.0.0.0/16}\n"
      "- type: aws_vpc\n  address: aws_vpc.b\n  attrs: {cidr_block: 10.0.128.0/17}\n"
      "- type: aws_vpc\n  address: aws_vpc.c\n  attrs: {cidr_block: 10.1.0.0/16}\n"
      "- type: aws_vpc\n  address: aws_vpc.d\n  attrs: {cidr_block: \"fd00::/8\"}\n"
      "- type: aws_vpc\n  address: aws_vpc.e\n  attrs: {cidr_block: \"fd12::/16\"}\n"
      "- type: aws_vpc\n  address: aws_vpc.f\n  attrs: {cidr_block: 100.64.0.0/16}\n"
      "- type: aws_vpc\n  address: aws_vpc.g\n  attrs: {cidr_block: 100.64.0.0/16}\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n param shared = [\"100.64.0.0/10\"]\n"
      " for a, b in overlapping(aws_vpc.cidr_block[not cidr_contains(shared, .)])\n"
      " message \"{owner(a)} ({a}) overlaps {owner(b)} ({b})\"\n}\n",
      resources(yaml));
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0] == "3: aws_vpc.a (10.0.0.0/16) overlaps aws_vpc.b (10.0.128.0/17)");
  CHECK(r.findings[1] == "12: aws_vpc.d (fd00::/8) overlaps aws_vpc.e (fd12::/16)");
  REQUIRE(r.run.findings[0].related.size() == 1);
  CHECK(r.run.findings[0].related[0].where.line == 6);
}

TEST_CASE("evaluate: one place that overlaps several with the same name names every one of them") {
  // Three stacks with the same file name and logical ID (serverless-patterns):
  // the words repeat, the places do not.
  const char* yaml =
      "- type: aws_vpc\n  address: template.yaml#VPC\n  attrs: {cidr_block: 10.0.0.0/16}\n"
      "- type: aws_vpc\n  address: template.yaml#VPC\n  attrs: {cidr_block: 10.0.0.0/16}\n"
      "- type: aws_vpc\n  address: template.yaml#VPC\n  attrs: {cidr_block: 10.0.0.0/16}\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n"
      " for a, b in overlapping(aws_vpc.cidr_block)\n"
      " message \"{owner(a)} ({a}) overlaps {owner(b)} ({b})\"\n}\n",
      resources(yaml));
  REQUIRE(!r.run.findings.empty());
  std::set<uint32_t> named = {r.run.findings[0].where.line};
  for (const auto& f : r.run.findings)
    for (const auto& rel : f.related) named.insert(rel.where.line);
  CHECK(named == std::set<uint32_t>{3, 6, 9});
}

TEST_CASE("evaluate: parameters take the anchor environment's values, and rules skip other environments") {
  const char* yaml =
      "- type: aws_vpc\n  address: aws_vpc.dev\n  env: dev\n  attrs: {azs: 2}\n"
      "- type: aws_vpc\n  address: aws_vpc.prod\n  env: prod\n  attrs: {azs: 2}\n"
      "- type: aws_vpc\n  address: aws_vpc.staging\n  env: staging\n  attrs: {azs: 2}\n"
      "- type: aws_vpc\n  address: aws_vpc.nowhere\n  attrs: {azs: 1}\n";
  const char* rule = "rule T-1 {\n title \"t\"\n severity low\n param min_azs = 3\n for v in aws_vpc\n"
                     " assert v.azs >= min_azs message \"{v} {min_azs}\"\n}\n";
  const char* policy = "policy p {\n environment dev {}\n environment staging {}\n environment prod {}\n"
                       " enforce T-1 in dev, prod\n set T-1.min_azs = 2 in dev\n}\n";
  auto r = run_rule(rule, resources(yaml), policy);
  // dev passes with its own threshold; staging is not enforced; an unknown
  // environment is judged only by rules enforced everywhere.
  CHECK(r.findings == std::vector<std::string>{"8: aws_vpc.prod 3"});
  const char* everywhere = "policy p {\n environment dev {}\n environment prod {}\n enforce all in all\n set T-1.min_azs = 1\n}\n";
  auto r2 = run_rule(rule, resources(yaml), everywhere);
  CHECK(r2.findings.empty());
}

TEST_CASE("evaluate: a finding points at the failing attribute, a missing one at its variable") {
  const char* yaml =
      "- type: aws_instance\n  address: aws_instance.one\n  attrs:\n    spec:\n      containers:\n"
      "      - name: a\n        securityContext:\n          privileged: true\n"
      "      - name: b\n        image: x\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n for c in x.spec.containers\n"
      " assert c.securityContext.privileged != true message \"privileged {c.name}\"\n"
      " assert c.securityContext.runAsNonRoot == true message \"root {c.name}\"\n}\n",
      resources(yaml));
  // Two clauses broken at one place would make one finding naming both;
  // here each container breaks at its own place.
  auto f = r.findings;
  std::sort(f.begin(), f.end());
  CHECK(f == std::vector<std::string>{"6: root a", "8: privileged a", "9: root b"});
}

TEST_CASE("evaluate: two clauses broken at the same place make one finding that names both") {
  const char* yaml = "- type: aws_instance\n  address: aws_instance.one\n  attrs:\n    items:\n    - name: a\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n for x in aws_instance\n for i in x.items\n"
      " assert i.cpu != null message \"no cpu\"\n assert i.memory != null message \"no memory\"\n}\n",
      resources(yaml));
  CHECK(r.findings == std::vector<std::string>{"5: no cpu; no memory"});
}

TEST_CASE("evaluate: a rule's check blocks run independently, each with its own names") {
  const char* yaml =
      "- type: aws_lb\n  address: aws_lb.a\n  attrs: {waf: false}\n"
      "- type: Ingress\n  address: Ingress/x/y\n  attrs: {annotated: false}\n";
  auto r = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n"
      " check {\n  for lb in aws_lb\n  assert lb.waf == true message \"aws {lb}\"\n }\n"
      " check {\n  for lb in Ingress\n  assert lb.annotated == true message \"k8s {lb}\"\n }\n}\n",
      resources(yaml));
  auto f = r.findings;
  std::sort(f.begin(), f.end());
  CHECK(f == std::vector<std::string>{"3: aws aws_lb.a", "6: k8s Ingress/x/y"});
}

TEST_CASE("resource set: resources by type and identifier, in scan order") {
  auto rs = resources(
      "- {type: aws_db_instance, address: a, attrs: {identifier: main}}\n"
      "- {type: aws_rds_cluster, address: b, attrs: {identifier: main}}\n"
      "- {type: aws_db_instance, address: c, attrs: {identifier: other}}\n"
      "- {type: aws_db_instance, address: d, attrs: {identifier: main}}\n"
      "- {type: aws_db_instance, address: e, attrs: {identifier: [main]}}\n");
  std::vector<const model::Resource*> ptrs;
  for (const auto& r : rs) ptrs.push_back(&r);
  model::ResourceSet set(ptrs);
  const auto& main = set.with_identifier("aws_db_instance", "main");
  REQUIRE(main.size() == 2);
  CHECK(main[0]->address == "a");
  CHECK(main[1]->address == "d");
  CHECK(set.with_identifier("aws_rds_cluster", "main").size() == 1);
  CHECK(set.with_identifier("aws_db_instance", "absent").empty());
}

TEST_CASE("resource set: names find resources by address, ID and scope, and the first resource keeps a name") {
  // Thousands of resources, so the index grows past its first size, with
  // names that repeat across scopes and across resources.
  std::vector<model::Resource> rs(5000);
  for (size_t i = 0; i < rs.size(); ++i) {
    model::Resource& r = rs[i];
    r.type = "aws_security_group";
    r.source = model::SourceKind::aws_export;
    r.address = "arn:aws:ec2:us-east-1:111111111111:security-group/sg-" + std::to_string(i);
    r.scope = i % 2 ? "live:111111111111/us-east-1" : "";
    r.ids = {r.address, "sg-" + std::to_string(i), "shared"};
  }
  model::Resource unscoped_twin = rs[0];  // same address as rs[0], added after it
  std::vector<const model::Resource*> ptrs;
  for (const auto& r : rs) ptrs.push_back(&r);
  ptrs.push_back(&unscoped_twin);
  model::ResourceSet set(ptrs);
  for (size_t i = 0; i < rs.size(); i += 97) {
    CHECK(set.by_id("sg-" + std::to_string(i)) == &rs[i]);
    CHECK(set.by_id(rs[i].address) == &rs[i]);
    if (i % 2) {
      CHECK(set.by_address(rs[i].address, "live:111111111111/us-east-1") == &rs[i]);
      CHECK(set.by_id("sg-" + std::to_string(i), "live:111111111111/us-east-1") == &rs[i]);
      CHECK(set.by_address(rs[i].address) == nullptr);  // scoped: found through its scope only
    } else {
      CHECK(set.by_address(rs[i].address) == &rs[i]);
    }
  }
  CHECK(set.by_id("shared") == &rs[0]);
  CHECK(set.by_id("shared", "live:111111111111/us-east-1") == &rs[1]);
  CHECK(set.by_address(rs[0].address) == &rs[0]);  // not its twin
  CHECK(set.by_id("sg-5000") == nullptr);
  CHECK(set.by_id("sg-1", "live:222222222222/us-east-1") == &rs[1]);  // another scope: the unscoped lookup
  CHECK(set.by_address("arn:aws:ec2:us-east-1:111111111111:security-group/sg-1", "live:other") == nullptr);
  CHECK(model::ResourceSet().by_id("x") == nullptr);
  CHECK(model::ResourceSet().by_address("x", "s") == nullptr);
}

TEST_CASE("db_source finds a replica's source by identifier, in its own account and region") {
  auto rs = resources(
      "- {type: aws_db_instance, address: other-account, attrs: {identifier: main}}\n"
      "- {type: aws_db_instance, address: primary, attrs: {identifier: main}}\n"
      "- {type: aws_db_instance, address: replica, attrs: {identifier: r, replicate_source_db: "
      "'arn:aws:rds:us-east-1:111111111111:db:main'}}\n");
  rs[0].account = "222222222222";
  rs[1].account = "111111111111";
  rs[2].account = "111111111111";
  for (auto& r : rs) r.region = "us-east-1";
  auto run = run_rule(
      "rule T-1 {\n title \"t\"\n severity low\n for r in aws_db_instance\n where r.replicate_source_db != null\n"
      " assert db_source(r) == null message \"source {db_source(r)}\"\n}\n",
      rs);
  REQUIRE(run.findings.size() == 1);
  INFO(run.findings[0]);
  CHECK(run.findings[0].find("source primary") != std::string::npos);
}
