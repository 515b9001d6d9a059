#include <catch2/catch.hpp>

#include "load/text_decode.hpp"
#include "scan/classify.hpp"
#include "scan/discover.hpp"
#include "scan/read_input.hpp"
#include "support.hpp"

using namespace guardrail;
using guardrail::test::temp_dir;
using guardrail::test::write_file;

namespace {

std::vector<std::string> names(const scan::Discovery& d) {
  std::vector<std::string> out;
  for (const auto& c : d.files) out.push_back(c.display_path + (c.reported ? "" : " (context)"));
  return out;
}

}  // namespace

TEST_CASE("discover: walks folders in byte order and skips caches") {
  auto root = temp_dir("walk");
  write_file(root / "b.yaml", "a: 1\n");
  write_file(root / "A.yaml", "a: 1\n");
  write_file(root / "sub dir/ü.tf", "");
  write_file(root / ".git/config", "");
  write_file(root / "node_modules/x/y.yaml", "");
  write_file(root / "mod/.terraform/modules/m/main.tf", "");
  auto d = scan::discover({root.string()}, root);
  CHECK(d.diagnostics.empty());
  CHECK(names(d) == std::vector<std::string>{"A.yaml", "b.yaml", "sub dir/ü.tf"});
}

TEST_CASE("discover: a named file brings its directory's family as unreported context") {
  auto root = temp_dir("named");
  write_file(root / "k8s/deploy.yaml", "");
  write_file(root / "k8s/pdb.yml", "");
  write_file(root / "k8s/notes.md", "");
  write_file(root / "tf/main.tf", "");
  write_file(root / "tf/vars.tf", "");
  write_file(root / "tf/prod.tfvars", "");
  write_file(root / "tf/x.yaml", "");
  auto d = scan::discover({(root / "k8s/deploy.yaml").string(), (root / "tf/main.tf").string()}, root);
  CHECK(names(d) == std::vector<std::string>{"k8s/deploy.yaml", "k8s/pdb.yml (context)", "tf/main.tf",
                                             "tf/prod.tfvars (context)", "tf/vars.tf (context)"});
}

TEST_CASE("discover: a missing path is an io error and the others are still walked") {
  auto root = temp_dir("missing");
  write_file(root / "ok.yaml", "");
  auto d = scan::discover({(root / "nope").string(), root.string()}, root);
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "io");
  CHECK(d.diagnostics[0].message == "no such file or directory");
  CHECK(names(d) == std::vector<std::string>{"ok.yaml"});
}

TEST_CASE("classify: by name") {
  using scan::NameKind;
  CHECK(scan::kind_by_name("main.tf") == NameKind::terraform);
  CHECK(scan::kind_by_name("main.tf.json") == NameKind::terraform);
  CHECK(scan::kind_by_name("x.tofu") == NameKind::terraform);
  CHECK(scan::kind_by_name("prod.tfvars") == NameKind::terraform_vars);
  CHECK(scan::kind_by_name("a.tfvars.json") == NameKind::terraform_vars);
  CHECK(scan::kind_by_name("Dockerfile") == NameKind::dockerfile);
  CHECK(scan::kind_by_name("Dockerfile.api") == NameKind::dockerfile);
  CHECK(scan::kind_by_name("spa.dockerfile") == NameKind::dockerfile);
  CHECK(scan::kind_by_name("Containerfile") == NameKind::dockerfile);
  CHECK(scan::kind_by_name("x.YML") == NameKind::yaml);
  CHECK(scan::kind_by_name("plan.json") == NameKind::json);
  CHECK(scan::kind_by_name("stack.template") == NameKind::template_);
  CHECK(scan::kind_by_name("README.md") == NameKind::other);
}

TEST_CASE("classify: by content") {
  auto root = temp_dir("content");
  struct Case {
    const char* name;
    const char* text;
    scan::FileKind kind;
  };
  const Case cases[] = {
      {"k.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n", scan::FileKind::kubernetes},
      {"k.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}", scan::FileKind::kubernetes},
      {"cfn.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", scan::FileKind::cloudformation},
      {"cfn2.yaml", "Resources:\n  V:\n    Type: AWS::EC2::VPC\n", scan::FileKind::cloudformation},
      {"cfn.json", "{\"Resources\": {\"V\": {\"Type\": \"AWS::EC2::VPC\"}}}", scan::FileKind::cloudformation},
      {"s.template", "{\"AWSTemplateFormatVersion\": \"2010-09-09\"}", scan::FileKind::cloudformation},
      {"plan.json", "{\"format_version\": \"1.2\", \"planned_values\": {}}", scan::FileKind::terraform_plan},
      {"values.yaml", "replicas: 3\n", scan::FileKind::other},
      {"data.json", "[1, 2]", scan::FileKind::other},
      {"broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n", scan::FileKind::unreadable},
      {"broken-values.yaml", "a: [\n", scan::FileKind::other},
      {"main.tf", "resource \"aws_vpc\" \"x\" {}\n", scan::FileKind::terraform},
      {"Dockerfile", "FROM scratch\n", scan::FileKind::dockerfile},
      {"notes.txt", "hello\n", scan::FileKind::other},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    write_file(root / c.name, c.text);
    auto f = scan::read_input({(root / c.name).string(), c.name, true});
    CHECK(f.kind == c.kind);
  }
  write_file(root / "bin.yaml", std::string("key: \0\1\2", 8));
  CHECK(scan::read_input({(root / "bin.yaml").string(), "bin.yaml", true}).kind == scan::FileKind::binary);
}

TEST_CASE("classify: Helm templates are recognised, not parsed") {
  auto root = temp_dir("render-first");
  write_file(root / "chart/Chart.yaml", "name: web\n");
  write_file(root / "chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: {{ .Values.kind }}\n");
  auto helm = scan::read_input({(root / "chart/templates/deploy.yaml").string(), "chart/templates/deploy.yaml", true});
  CHECK(helm.kind == scan::FileKind::helm_template);
  CHECK(helm.diagnostics.empty());
  CHECK(scan::render_first(helm.input).helm_chart == "chart");
}

TEST_CASE("decode: UTF-16 with a BOM is decoded, invalid UTF-8 is located") {
  auto d = load::decode_text(std::string("\xFF\xFEh\0i\0\n\0", 8));
  CHECK(d.error.empty());
  CHECK(d.text == "hi\n");
  auto be = load::decode_text(std::string("\xFE\xFF\0h\0\xE9", 6));
  CHECK(be.text == "h\xC3\xA9");
  auto bom = load::decode_text("\xEF\xBB\xBFx: 1");
  CHECK(bom.text == "x: 1");
  auto bad = load::decode_text("ok: \"\xC3\x28\"");
  CHECK(bad.error == "invalid UTF-8 (byte 0xc3)");
  CHECK(bad.error_offset == 5);
  CHECK(load::find_invalid_utf8("\xE0\x80\x80") == 0);      // overlong
  CHECK(load::find_invalid_utf8("\xED\xA0\x80") == 0);      // surrogate
  CHECK(load::find_invalid_utf8("a\xF0\x9F\x98") == 1);     // truncated
  CHECK(load::find_invalid_utf8("é€😀") == std::string::npos);
  auto odd = load::decode_text(std::string("\xFF\xFEh\0i", 5));
  CHECK(odd.error == "invalid UTF-16: odd number of bytes");
}

TEST_CASE("read: a file with invalid UTF-8 is an encoding error with its location") {
  auto root = temp_dir("utf8");
  write_file(root / "bad.yaml", "apiVersion: v1\nkind: Pod\nb: \xFF\n");
  auto f = scan::read_input({(root / "bad.yaml").string(), "bad.yaml", true});
  CHECK(f.kind == scan::FileKind::unreadable);
  REQUIRE(f.diagnostics.size() == 1);
  CHECK(f.diagnostics[0].code == "encoding");
  CHECK(f.diagnostics[0].where.line == 3);
  CHECK(f.diagnostics[0].where.column == 4);
}
