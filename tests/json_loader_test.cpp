#include <catch2/catch.hpp>

#include <cmath>

#include "load/json_loader.hpp"
#include "support.hpp"

using guardrail::load::load_json;
using guardrail::model::Value;
using guardrail::test::source;

namespace {

std::string span(const Value& v) {
  const auto& l = v.location();
  return std::to_string(l.line) + ":" + std::to_string(l.column) + "-" + std::to_string(l.end_line) +
         ":" + std::to_string(l.end_column);
}

}  // namespace

TEST_CASE("json: every node is located from its first character to just past its last") {
  auto docs = load_json(source("{\n  \"Vpcs\": [\n    {\"CidrBlock\": \"10.0.0.0/16\", \"IsDefault\": false, \"N\": -12.5e1}\n  ]\n}\n", "x.json"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(span(doc) == "1:1-5:2");
  CHECK(span(*doc.find("Vpcs")) == "2:11-4:4");
  const Value& vpc = doc.find("Vpcs")->as_list()[0];
  CHECK(span(vpc) == "3:5-3:67");
  CHECK(span(*vpc.find("CidrBlock")) == "3:19-3:32");
  CHECK(vpc.find_member("CidrBlock")->key_location.column == 6);
  CHECK(span(*vpc.find("IsDefault")) == "3:47-3:52");
  CHECK(span(*vpc.find("N")) == "3:59-3:66");
  CHECK(vpc.find("N")->as_double() == -125.0);
}

TEST_CASE("json: strings with escapes, commas and colons keep exact spans") {
  auto docs = load_json(source("{\"a\": \"x, y: \\\"z\\\" \\\\\", \"b\": 1}"));
  REQUIRE(docs.diagnostics.empty());
  CHECK(docs.documents[0].find("a")->as_string() == "x, y: \"z\" \\");
  CHECK(span(*docs.documents[0].find("a")) == "1:7-1:23");
  CHECK(span(*docs.documents[0].find("b")) == "1:30-1:31");
}

TEST_CASE("json: CRLF, tabs and UTF-8 before a token") {
  auto docs = load_json(source("{\r\n\t\"é€\": \"😀\",\r\n\t\"n\": null}"));
  REQUIRE(docs.diagnostics.empty());
  CHECK(span(*docs.documents[0].find("é€")) == "2:8-2:11");
  CHECK(span(*docs.documents[0].find("n")) == "3:7-3:11");
}

TEST_CASE("json: numbers keep integer and floating kinds") {
  auto docs = load_json(source("[1, -2, 9223372036854775807, 18446744073709551615, 1.0, 2e3]"));
  REQUIRE(docs.diagnostics.empty());
  const auto& l = docs.documents[0].as_list();
  CHECK(l[0].as_int() == 1);
  CHECK(l[1].as_int() == -2);
  CHECK(l[2].as_int() == INT64_MAX);
  CHECK(l[3].kind() == guardrail::model::Kind::floating);
  CHECK(l[4].kind() == guardrail::model::Kind::floating);
}

TEST_CASE("json: numbers beyond int64_t are doubles; beyond double, a located error") {
  auto docs = load_json(source("[1e-400, -0, 18446744073709551616, -9223372036854775809, 0.5e308]"));
  REQUIRE(docs.diagnostics.empty());
  const auto& l = docs.documents[0].as_list();
  CHECK(l[0].as_double() == 0.0);
  CHECK(l[1].as_int() == 0);
  CHECK(l[2].as_double() == 18446744073709551616.0);
  CHECK(l[3].kind() == guardrail::model::Kind::floating);
  CHECK(l[4].as_double() == 0.5e308);
  auto big = load_json(source("[1,\n 1e400]"));
  REQUIRE(big.diagnostics.size() == 1);
  CHECK(big.diagnostics[0].where.line == 2);
  CHECK(big.diagnostics[0].message == "number too big to be stored in double");
}

TEST_CASE("json: malformed inputs give one located error each") {
  struct Case {
    const char* text;
    uint32_t line, column;
    const char* says;
  };
  const Case cases[] = {
      {"{\"a\": 1,}", 1, 9, "a trailing comma before '}'"},    // trailing comma
      {"{'a': 1}", 1, 2, "names take double quotes"},           // single quotes
      // Output cut by hand, where the parser stopped (not at the string before it).
      {"{\"a\": [\n  {\"b\": \"c\"},\n  ...output omitted...\n]}", 3, 3, "output cut with '...'"},
      {"{\"a\": 1,\n  ...some output truncated...\n}", 2, 3, "output cut with '...'"},
      {"{\"Pool\": 'pool-2'}", 1, 10, "strings take double quotes"},
      {"{\"a\": [1, 2}", 1, 12, "missing a comma"},             // wrong bracket
      {"{\"a\": 1", 1, 8, "missing a comma or '}'"},            // truncated
      {"{\"a\": 1}\n{\"b\": 2}", 2, 1, "must not be followed"},      // two documents
      {"{\"a\": tru}", 1, 7, "invalid value"},
      {"{\"a\": \"\\x\"}", 1, 8, "invalid escape"},
      {"", 1, 1, "document is empty"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto docs = load_json(source(c.text, "bad.json"));
    REQUIRE(docs.diagnostics.size() == 1);
    const auto& d = docs.diagnostics[0];
    CHECK(d.code == "json-syntax");
    CHECK(d.where.line == c.line);
    CHECK(d.where.column == c.column);
    CHECK(d.message.find(c.says) != std::string::npos);
    CHECK(docs.documents.empty());
  }
}

TEST_CASE("json: nesting 10,000 deep is an error, not a stack overflow") {
  auto docs = load_json(source(std::string(10000, '[') + std::string(10000, ']')));
  REQUIRE(docs.diagnostics.size() == 1);
  CHECK(docs.diagnostics[0].message.find("nesting deeper than") != std::string::npos);
}

TEST_CASE("json: streaming hands out array elements one by one") {
  auto dir = guardrail::test::temp_dir("json-stream");
  guardrail::test::write_file(dir / "s.json",
                              "{\"fileVersion\": \"1.0\",\n \"configurationItems\": [\n  {\"resourceType\": \"AWS::EC2::VPC\", \"big\": {\"x\": [1,2,3]}},\n  {\"resourceType\": \"AWS::EC2::Subnet\"}\n ]}\n");
  std::vector<std::string> seen;
  std::vector<uint32_t> lines;
  auto result = guardrail::load::stream_json(
      (dir / "s.json").string(), "s.json",
      [&](std::string_view key, Value element) {
        seen.push_back(std::string(key) + ":" + element.find("resourceType")->as_string());
        lines.push_back(element.location().line);
        CHECK(element.find("big") == nullptr);  // projected away
        return true;
      },
      [](std::string_view array, std::string_view path) { return array != "configurationItems" || path != "big"; });
  REQUIRE(result.diagnostics.empty());
  CHECK(seen == std::vector<std::string>{"configurationItems:AWS::EC2::VPC", "configurationItems:AWS::EC2::Subnet"});
  CHECK(lines == std::vector<uint32_t>{3, 4});
  CHECK(result.envelope.find("fileVersion")->as_string() == "1.0");
  CHECK(result.envelope.find("configurationItems")->size() == 0);
}

TEST_CASE("json: a streaming read reports a truncated file at its end") {
  auto dir = guardrail::test::temp_dir("json-stream-bad");
  guardrail::test::write_file(dir / "t.json", "[{\"a\": 1},\n {\"b\": ");
  size_t n = 0;
  auto result = guardrail::load::stream_json((dir / "t.json").string(), "t.json",
                                             [&](std::string_view, Value) { return ++n, true; });
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].where.line == 2);
  CHECK(n == 1);
}

TEST_CASE("json: a wide object keeps its keys in order, and a repeated key's last value wins") {
  std::string text = "{";
  for (int i = 0; i < 20000; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  text += "\"k7\": \"last\"}";
  auto docs = load_json(source(text, "wide.json"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents.at(0);
  REQUIRE(doc.size() == 20000);
  CHECK(doc.as_map()[7].key == "k7");
  CHECK(doc.find("k7")->as_string() == "last");
  CHECK(doc.as_map()[19999].value.as_int() == 19999);
}
