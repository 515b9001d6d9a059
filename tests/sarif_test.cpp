#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <cstdlib>
#include <map>
#include <regex>

#include "report/sarif.hpp"
#include "support.hpp"

using guardrail::test::read_file;
using guardrail::test::run_guardrail;
using guardrail::test::source_dir;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

/// Keeps a copy of every SARIF the tests produce for tests/sarif/validate.py.
void keep(const std::string& name, const std::string& sarif) {
  fs::path dir = GUARDRAIL_SARIF_OUT;
  fs::create_directories(dir);
  write_file(dir / (name + ".sarif"), sarif);
}

/// Blanks what truly varies: the root URI, versions, the command line.
std::string normalized(std::string sarif) {
  sarif = std::regex_replace(sarif, std::regex("\"uri\": \"file://[^\"]*\""), "\"uri\": \"file:///SRCROOT/\"");
  sarif = std::regex_replace(sarif, std::regex("\"(version|semanticVersion)\": \"[0-9][^\"]*\""), "\"$1\": \"0.0.0\"");
  sarif = std::regex_replace(sarif, std::regex("\"version\": \"0.0.0\",\n  \"runs\""), "\"version\": \"2.1.0\",\n  \"runs\"");
  sarif = std::regex_replace(sarif, std::regex("\"commandLine\": \"[^\"]*\""), "\"commandLine\": \"guardrail\"");
  return sarif;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

}  // namespace

TEST_CASE("sarif: the golden scan matches sarif/basic.sarif") {
  std::string out;
  // Two rules only, so the golden does not change whenever a rule is added.
  int status = run_guardrail("scan --format sarif --policy waivers.grl --now 2026-11-26 --rule K8S-006 --rule K8S-007 .",
                             out, guardrail::test::copy_of("tests/golden/basic"));
  CHECK(status == 2);  // broken.json
  keep("golden-basic", out);
  std::string actual = normalized(out);
  fs::path golden = source_dir() / "sarif/basic.sarif";
  if (std::getenv("GUARDRAIL_UPDATE_GOLDEN")) write_file(golden, actual);
  CHECK(actual == read_file(golden));
}

TEST_CASE("sarif: URIs are relative to the scan root, percent-encoded, under %SRCROOT%") {
  CHECK(guardrail::report::uri_path("k8s/app.yaml") == "k8s/app.yaml");
  CHECK(guardrail::report::uri_path("team docs/ünïcode/pod.yaml") == "team%20docs/%C3%BCn%C3%AFcode/pod.yaml");
  CHECK(guardrail::report::uri_path("a#b?c%d") == "a%23b%3Fc%25d");
  std::string out;
  run_guardrail("scan --format sarif --policy waivers.grl .", out, guardrail::test::copy_of("tests/golden/basic"));
  auto doc = parse(out);
  const auto& run = doc["runs"][0];
  std::vector<std::string> uris;
  for (const auto& r : run["results"].GetArray())
    uris.push_back(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString());
  CHECK(std::find(uris.begin(), uris.end(), "team%20docs/%C3%BCn%C3%AFcode/pod.yaml") != uris.end());
  CHECK(std::find(uris.begin(), uris.end(), "k8s/app.yaml") != uris.end());
  for (const auto& r : run["results"].GetArray())
    CHECK(std::string(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"].GetString()) == "%SRCROOT%");
  std::string root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].GetString();
  CHECK(root.rfind("file:///", 0) == 0);
  CHECK(root.back() == '/');
}

TEST_CASE("sarif: fingerprints stay the same when lines are inserted above a finding") {
  auto root = temp_dir("fingerprints");
  std::string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n"
                    "  - name: c\n    image: nginx:latest\n  - name: d\n    image: nginx:latest\n";
  write_file(root / "k8s/pod.yaml", pod);
  std::string before, after;
  run_guardrail("scan --format sarif --rule K8S-006 --rule K8S-007 k8s", before, root);
  write_file(root / "k8s/pod.yaml", "# a comment\n# and another\n\n" + pod);
  run_guardrail("scan --format sarif --rule K8S-006 --rule K8S-007 k8s", after, root);
  keep("fingerprints", after);
  auto a = parse(before), b = parse(after);
  const auto& ra = a["runs"][0]["results"];
  const auto& rb = b["runs"][0]["results"];
  REQUIRE(ra.Size() == 3);
  REQUIRE(rb.Size() == 3);
  std::set<std::string> fa, fb;
  for (rapidjson::SizeType i = 0; i < ra.Size(); ++i) {
    CHECK(rb[i]["locations"][0]["physicalLocation"]["region"]["startLine"].GetInt() ==
          ra[i]["locations"][0]["physicalLocation"]["region"]["startLine"].GetInt() + 3);
    fa.insert(ra[i]["partialFingerprints"]["primaryLocationLineHash"].GetString());
    fb.insert(rb[i]["partialFingerprints"]["primaryLocationLineHash"].GetString());
  }
  CHECK(fa == fb);
  CHECK(fa.size() == 3);  // two identical image lines still get distinct fingerprints
}

TEST_CASE("sarif: a waiver is an external suppression with its justification") {
  std::string out;
  run_guardrail("scan --format sarif --policy waivers.grl --now 2026-11-26 .", out, guardrail::test::copy_of("tests/golden/basic"));
  auto doc = parse(out);
  size_t suppressed = 0;
  for (const auto& r : doc["runs"][0]["results"].GetArray()) {
    if (!r.HasMember("suppressions")) continue;
    ++suppressed;
    const auto& s = r["suppressions"][0];
    CHECK(std::string(s["kind"].GetString()) == "external");
    CHECK(std::string(s["status"].GetString()) == "accepted");
    CHECK(std::string(s["justification"].GetString()) ==
          "INC-7: debug pod, removed after the incident (until 2099-12-31)");
    CHECK(std::string(r["ruleId"].GetString()) == "K8S-006");
  }
  CHECK(suppressed == 1);
}

TEST_CASE("sarif: input errors are tool execution notifications with their location") {
  std::string out;
  run_guardrail("scan --format sarif --policy waivers.grl .", out, guardrail::test::copy_of("tests/golden/basic"));
  auto doc = parse(out);
  const auto& inv = doc["runs"][0]["invocations"][0];
  CHECK_FALSE(inv["executionSuccessful"].GetBool());
  const auto& notes = inv["toolExecutionNotifications"];
  REQUIRE(notes.Size() == 1);
  CHECK(std::string(notes[0]["level"].GetString()) == "error");
  CHECK(std::string(notes[0]["descriptor"]["id"].GetString()) == "json-syntax");
  const auto& loc = notes[0]["locations"][0]["physicalLocation"];
  CHECK(std::string(loc["artifactLocation"]["uri"].GetString()) == "broken.json");
  CHECK(loc["region"]["startLine"].GetInt() == 2);
  CHECK(std::string(inv["commandLine"].GetString()).find("scan --format sarif") != std::string::npos);
}

TEST_CASE("sarif: rule descriptors carry what GitHub shows") {
  std::string out;
  run_guardrail("scan --format sarif --policy waivers.grl .", out, guardrail::test::copy_of("tests/golden/basic"));
  auto doc = parse(out);
  const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.Size() >= 4);
  for (const auto& r : rules.GetArray()) {
    INFO(r["id"].GetString());
    CHECK(r.HasMember("name"));
    CHECK(std::string(r["shortDescription"]["text"].GetString()).back() == '.');
    CHECK(r["fullDescription"]["text"].GetStringLength() <= 1024);
    CHECK(r["help"].HasMember("markdown"));
    CHECK(r.HasMember("helpUri"));
    CHECK(r["properties"].HasMember("security-severity"));
    CHECK(r["properties"]["tags"].Size() >= 1);
  }
  // Results point at their descriptor.
  for (const auto& res : doc["runs"][0]["results"].GetArray())
    CHECK(std::string(rules[res["ruleIndex"].GetUint()]["id"].GetString()) == res["ruleId"].GetString());
}

TEST_CASE("sarif: a severity the configuration gives a rule is its descriptor's, as GitHub ranks alerts by it") {
  fs::path dir = guardrail::test::copy_of("tests/golden/basic");
  write_file(dir / ".guardrail.yaml", "rules:\n  severity:\n    PSS-013: low\n");
  std::string out;
  run_guardrail("scan --format sarif --rule PSS-013 .", out, dir);
  auto doc = parse(out);
  const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.Size() == 1);
  CHECK(std::string(rules[0]["defaultConfiguration"]["level"].GetString()) == "note");
  CHECK(std::string(rules[0]["properties"]["problem.severity"].GetString()) == "recommendation");
  CHECK(std::string(rules[0]["properties"]["security-severity"].GetString()) == "3.0");
  REQUIRE(doc["runs"][0]["results"].Size() == 2);
  for (const auto& res : doc["runs"][0]["results"].GetArray()) CHECK(std::string(res["level"].GetString()) == "note");
}

TEST_CASE("sarif: past GitHub's 25,000 results a run keeps the most severe and says how many it left out") {
  auto dir = temp_dir("sarif-limit");
  std::string pods;
  for (int i = 0; i < 4000; ++i)
    pods += "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p" + std::to_string(i) +
            "\n  namespace: app\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
  write_file(dir / "pods.yaml", pods);
  std::string json, sarif;
  run_guardrail("scan --format json --fail-on never pods.yaml", json, dir);
  auto report = parse(json);
  size_t all = report["findings"].Size();
  REQUIRE(all > 25000);
  run_guardrail("scan --format sarif --fail-on never pods.yaml", sarif, dir);
  auto doc = parse(sarif);
  const auto& run = doc["runs"][0];
  CHECK(run["results"].Size() == 25000);
  const auto& notes = run["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.Size() >= 1);
  CHECK(std::string(notes[0]["descriptor"]["id"].GetString()) == "sarif-results-limit");
  CHECK(std::string(notes[0]["message"]["text"].GetString())
            .find(std::to_string(all - 25000) + " of " + std::to_string(all) + " results are not in this log") == 0);
  // What is left out is the least severe: no result of a level above it is missing.
  std::map<std::string, size_t> in_json, in_sarif;
  for (const auto& f : report["findings"].GetArray()) ++in_json[f["severity"].GetString()];
  for (const auto& r : run["results"].GetArray()) ++in_sarif[r["level"].GetString()];
  CHECK(in_sarif["error"] == in_json["critical"] + in_json["high"]);
}
