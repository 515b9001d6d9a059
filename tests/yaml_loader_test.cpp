#include <catch2/catch.hpp>

#include <string>

#include "load/yaml_loader.hpp"
#include "support.hpp"

using guardrail::load::load_yaml;
using guardrail::model::Value;
using guardrail::test::source;

namespace {

std::string span(const Value& v) {
  const auto& l = v.location();
  return std::to_string(l.line) + ":" + std::to_string(l.column) + "-" + std::to_string(l.end_line) +
         ":" + std::to_string(l.end_column);
}

}  // namespace

TEST_CASE("yaml: scalars, keys and block collections are located exactly") {
  auto file = source("kind: Pod\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n");
  auto docs = load_yaml(file);
  REQUIRE(docs.diagnostics.empty());
  REQUIRE(docs.documents.size() == 1);
  const Value& doc = docs.documents[0];
  CHECK(span(*doc.find("kind")) == "1:7-1:10");
  CHECK(doc.find_member("spec")->key_location.line == 2);
  const Value& containers = *doc.find("spec")->find("containers");
  CHECK(span(containers.as_list()[0]) == "4:5-5:22");
  CHECK(span(*containers.as_list()[0].find("image")) == "5:12-5:22");
  CHECK(containers.as_list()[0].find_member("image")->key_location.column == 5);
  CHECK(span(doc) == "1:1-5:22");
}

TEST_CASE("yaml: flow collections end at their closing bracket") {
  auto docs = load_yaml(source("ports: [80, 443]\nsel: {app: web, tier: front}\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(span(*doc.find("ports")) == "1:8-1:17");
  CHECK(span(doc.find("ports")->as_list()[1]) == "1:13-1:16");
  CHECK(span(*doc.find("sel")) == "2:6-2:29");
  CHECK(span(*doc.find("sel")->find("tier")) == "2:23-2:28");
}

TEST_CASE("yaml: multi-line strings span their lines") {
  auto docs = load_yaml(source("a: |\n  line one\n  line two\nb: \"x\n  y\"\nc: plain\n  continued\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(doc.find("a")->as_string() == "line one\nline two\n");
  CHECK(doc.find("a")->location().line == 1);
  CHECK(doc.find("a")->location().end_line >= 3);
  CHECK(doc.find("b")->as_string() == "x y");
  CHECK(span(*doc.find("b")) == "4:4-5:5");
  CHECK(doc.find("c")->as_string() == "plain continued");
  CHECK(span(*doc.find("c")) == "6:4-7:12");
}

TEST_CASE("yaml: CRLF line ends count as one line break") {
  auto docs = load_yaml(source("a: 1\r\nb: two\r\n"));
  REQUIRE(docs.diagnostics.empty());
  CHECK(span(*docs.documents[0].find("b")) == "2:4-2:7");
}

TEST_CASE("yaml: columns count code points, and a tab is one column") {
  auto docs = load_yaml(source("name: \"é€😀\"\nx: [\"ü\", v]\n# tab in a comment\t\ny: {a:\tb}\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(span(*doc.find("name")) == "1:7-1:12");
  CHECK(span(doc.find("x")->as_list()[1]) == "2:10-2:11");
  CHECK(span(*doc.find("y")->find("a")) == "4:8-4:9");
}

TEST_CASE("yaml: multi-document streams give one value per document") {
  auto docs = load_yaml(source("---\na: 1\n---\nb: 2\n...\n---\n- c\n"));
  REQUIRE(docs.diagnostics.empty());
  REQUIRE(docs.documents.size() == 3);
  CHECK(docs.documents[1].find("b")->location().line == 4);
  CHECK(docs.documents[2].is_list());
}

TEST_CASE("yaml: anchors, aliases and merge keys") {
  auto docs = load_yaml(source("base: &b {cpu: 100m, mem: 1Gi}\nuse: *b\nmerged:\n  <<: *b\n  mem: 2Gi\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(doc.find("use")->find("cpu")->as_string() == "100m");
  CHECK(doc.find("merged")->find("mem")->as_string() == "2Gi");   // explicit key wins
  CHECK(doc.find("merged")->find("cpu")->as_string() == "100m");  // merged in
  CHECK(doc.find("merged")->find("<<") == nullptr);
}

TEST_CASE("yaml: custom tags stay on the node they tag") {
  auto docs = load_yaml(source("VpcId: !Ref Vpc\nAz: !Select [0, !GetAZs '']\nSub: !Sub 'arn:${AWS::Partition}'\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& doc = docs.documents[0];
  CHECK(doc.find("VpcId")->tag() == "!Ref");
  CHECK(doc.find("VpcId")->as_string() == "Vpc");
  CHECK(doc.find("Az")->tag() == "!Select");
  CHECK(doc.find("Az")->as_list()[1].tag() == "!GetAZs");
  CHECK(doc.find("Az")->as_list()[0].as_int() == 0);
  CHECK(doc.find("Sub")->tag() == "!Sub");
}

TEST_CASE("yaml: plain scalars resolve by the core schema") {
  auto docs = load_yaml(source(
      "a: true\nb: no\nc: ~\nd: 42\ne: -0x1F\nf: 0o17\ng: 1.5e3\nh: .inf\ni: '42'\nj: 1.29\nk: v1\nl:\nm: !!str 7\n"));
  REQUIRE(docs.diagnostics.empty());
  const Value& d = docs.documents[0];
  CHECK(d.find("a")->as_bool());
  CHECK_FALSE(d.find("b")->as_bool());
  CHECK(d.find("c")->is_null());
  CHECK(d.find("d")->as_int() == 42);
  CHECK(d.find("e")->is_string());  // a sign before 0x is not an integer in the core schema
  CHECK(d.find("f")->as_int() == 15);
  CHECK(d.find("g")->as_double() == 1500.0);
  CHECK(std::isinf(d.find("h")->as_double()));
  CHECK(d.find("i")->is_string());
  CHECK(d.find("j")->as_double() == 1.29);
  CHECK(d.find("k")->as_string() == "v1");
  CHECK(d.find("l")->is_null());
  CHECK(d.find("m")->as_string() == "7");
}

TEST_CASE("yaml: a syntax error is located and earlier documents are kept") {
  auto docs = load_yaml(source("a: 1\n---\nb: [1, 2\nc: 3\n", "bad.yaml"));
  REQUIRE(docs.diagnostics.size() == 1);
  const auto& d = docs.diagnostics[0];
  CHECK(d.code == "yaml-syntax");
  CHECK(d.where.file == "bad.yaml");
  CHECK(d.where.line == 4);
  CHECK(d.message.find("did not find expected ',' or ']'") != std::string::npos);
  CHECK(d.message.find("starts at 3:4") != std::string::npos);
  CHECK(docs.documents.size() == 1);
}

TEST_CASE("yaml: malformed inputs give located errors, never a crash") {
  const char* cases[] = {
      "a: b: c\n",              // mapping values not allowed
      "- a\nb: c\n",            // block sequence then mapping
      "a: 'unterminated\n",     // unterminated quote
      "a: *nope\n",             // unknown alias
      "\ta: 1\n",               // tab indentation
      "a: [\n",                 // unterminated flow
      "key: @reserved\n",       // reserved indicator
      "%YAML 9.9\n---\na: 1\n", // unsupported version
  };
  for (const char* text : cases) {
    INFO(text);
    auto docs = load_yaml(source(text));
    REQUIRE_FALSE(docs.diagnostics.empty());
    CHECK(docs.diagnostics[0].where.line >= 1);
    CHECK_FALSE(docs.diagnostics[0].message.empty());
  }
}

TEST_CASE("yaml: nesting 10,000 deep is an error, not a stack overflow") {
  std::string deep(10000, '[');
  auto docs = load_yaml(source(deep + std::string(10000, ']')));
  REQUIRE(docs.diagnostics.size() == 1);
  CHECK(docs.diagnostics[0].message.find("nesting deeper than") != std::string::npos);
  std::string maps;
  for (int i = 0; i < 10000; ++i) maps += std::string(static_cast<size_t>(i), ' ') + "a:\n";
  CHECK_FALSE(load_yaml(source(maps)).diagnostics.empty());
}

TEST_CASE("yaml: billion laughs stops at the alias budget") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", " : "") + "*" + prev;
    text += "]\n";
    prev = c;
  }
  auto docs = load_yaml(source(text));
  REQUIRE_FALSE(docs.diagnostics.empty());
  CHECK(docs.diagnostics[0].message.find("alias expansion") != std::string::npos);
}

TEST_CASE("yaml: duplicate keys warn and the last one wins") {
  auto docs = load_yaml(source("a: 1\na: 2\n"));
  REQUIRE(docs.diagnostics.size() == 1);
  CHECK(docs.diagnostics[0].level == guardrail::base::Level::warning);
  CHECK(docs.diagnostics[0].where.line == 2);
  CHECK(docs.documents[0].find("a")->as_int() == 2);
}

TEST_CASE("yaml: a wide mapping warns of each repeated key, and merges keep the keys it has") {
  std::string text = "base: &b {k1: merged, extra: merged}\nwide:\n  <<: *b\n";
  for (int i = 0; i < 5000; ++i) text += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "  k42: again\n";
  auto docs = load_yaml(source(text));
  REQUIRE(docs.diagnostics.size() == 1);
  CHECK(docs.diagnostics[0].where.line == 5004);
  const Value& wide = *docs.documents.at(0).find("wide");
  CHECK(wide.size() == 5001);
  CHECK(wide.find("k42")->as_string() == "again");
  CHECK(wide.find("k1")->as_int() == 1);
  CHECK(wide.find("extra")->as_string() == "merged");
}
