#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "adapt/canonical.hpp"
#include "adapt/terraform/plan.hpp"
#include "scan/read_input.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace guardrail;

namespace {

struct Loaded {
  scan::LoadedFile file;
  std::vector<model::Resource> resources;
};

Loaded load_plan(const fs::path& path, const std::string& display) {
  Loaded out;
  out.file = scan::read_input({path.string(), display, true});
  if (out.file.kind == scan::FileKind::terraform_plan && !out.file.documents.empty())
    out.resources = adapt::terraform::adapt_plan(out.file.documents[0], out.file.diagnostics);
  return out;
}

const model::Resource* find(const std::vector<model::Resource>& rs, const std::string& address) {
  for (const auto& r : rs)
    if (r.address == address) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("plan: every plan JSON of the corpus loads; the invalid ones give located errors",
          "[terraform-plan][conformance]") {
  if (!test::have_external("terraform-plan-json")) return;
  fs::path root = test::external_dir() / "terraform-plan-json";
  int plans = 0, loaded = 0, invalid = 0, resources = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    std::string name = fs::relative(e.path(), root).generic_string();
    Loaded l = load_plan(e.path(), name);
    bool errors = base::has_errors(l.file.diagnostics);
    if (name.find("/invalid/") != std::string::npos) {
      // Upstream's decoder must reject these: trailing data after the object.
      INFO(name);
      REQUIRE(errors);
      CHECK(l.file.diagnostics[0].where.line > 0);
      CHECK(l.file.diagnostics[0].where.column > 0);
      ++invalid;
      continue;
    }
    if (l.file.kind != scan::FileKind::terraform_plan) continue;  // state files, schemas
    ++plans;
    INFO(name);
    CHECK_FALSE(errors);
    if (!errors) ++loaded;
    resources += static_cast<int>(l.resources.size());
  }
  std::cout << "terraform-plan-json: " << loaded << "/" << plans << " plans loaded (" << resources
            << " resources), " << invalid << " invalid files rejected with a location\n";
  CHECK(invalid == 2);
  CHECK(plans >= 30);
}

TEST_CASE("plan: the UTF-16 plan written on Windows reads like its UTF-8 twin", "[terraform-plan][conformance]") {
  if (!test::have_external("terraform-plan-json")) return;
  fs::path dir = test::external_dir() / "terraform-plan-json/checkov/tests/terraform/parser/resources/plan_encodings";
  Loaded utf16 = load_plan(dir / "tfplan_win_utf16.json", "utf16.json");
  Loaded utf8 = load_plan(dir / "tfplan_win_utf8.json", "utf8.json");
  REQUIRE(utf16.file.kind == scan::FileKind::terraform_plan);
  REQUIRE_FALSE(utf16.resources.empty());
  REQUIRE(utf16.resources.size() == utf8.resources.size());
  for (size_t i = 0; i < utf8.resources.size(); ++i) {
    CHECK(utf16.resources[i].address == utf8.resources[i].address);
    CHECK(utf16.resources[i].attrs.same(utf8.resources[i].attrs));
  }
}

TEST_CASE("plan: unknowns, references by count index and for_each key, module addresses") {
  auto root = test::temp_dir("plan");
  // The shape `terraform show -json` writes, cut to what matters here.
  test::write_file(root / "plan.json", R"({
  "format_version": "1.2",
  "terraform_version": "1.11.4",
  "planned_values": {"root_module": {
    "resources": [
      {"address": "aws_subnet.a[0]", "mode": "managed", "type": "aws_subnet", "name": "a", "index": 0,
       "values": {"cidr_block": "10.0.0.0/24", "tags": {"Name": "a"}, "tags_all": {"Name": "a", "Owner": "ops"}}},
      {"address": "aws_subnet.a[1]", "mode": "managed", "type": "aws_subnet", "name": "a", "index": 1,
       "values": {"cidr_block": "10.0.1.0/24"}},
      {"address": "aws_nat_gateway.n[1]", "mode": "managed", "type": "aws_nat_gateway", "name": "n", "index": 1,
       "values": {"connectivity_type": "public"}},
      {"address": "aws_db_subnet_group.g", "mode": "managed", "type": "aws_db_subnet_group", "name": "g",
       "values": {"name": "g"}},
      {"address": "aws_route_table.r[\"x\"]", "mode": "managed", "type": "aws_route_table", "name": "r", "index": "x",
       "values": {"route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": ""}]}},
      {"address": "aws_internet_gateway.g", "mode": "managed", "type": "aws_internet_gateway", "name": "g",
       "values": {}},
      {"address": "data.aws_region.current", "mode": "data", "type": "aws_region", "name": "current", "values": {}}
    ],
    "child_modules": [{"address": "module.vpc", "resources": [
      {"address": "module.vpc.aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
       "values": {"cidr_block": "10.0.0.0/16"}}]}]
  }},
  "resource_changes": [
    {"address": "aws_nat_gateway.n[1]", "change": {"actions": ["create"], "after_unknown": {"id": true, "subnet_id": true}}},
    {"address": "aws_db_subnet_group.g", "change": {"actions": ["create"], "after_unknown": {"subnet_ids": true}}},
    {"address": "aws_route_table.r[\"x\"]", "change": {"actions": ["create"],
     "after_unknown": {"route": [{"gateway_id": true}]}}},
    {"address": "aws_internet_gateway.g", "change": {"actions": ["create"], "after_unknown": {"vpc_id": true}}}
  ],
  "configuration": {
    "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-west-2"}}}},
    "root_module": {
      "resources": [
        {"address": "aws_nat_gateway.n", "mode": "managed", "type": "aws_nat_gateway", "name": "n",
         "provider_config_key": "aws",
         "expressions": {"subnet_id": {"references": ["aws_subnet.a", "count.index"]}}},
        {"address": "aws_db_subnet_group.g", "mode": "managed", "type": "aws_db_subnet_group", "name": "g",
         "provider_config_key": "aws",
         "expressions": {"subnet_ids": {"references": ["aws_subnet.a"]}}},
        {"address": "aws_route_table.r", "mode": "managed", "type": "aws_route_table", "name": "r",
         "provider_config_key": "aws",
         "expressions": {"route": {"references": ["module.vpc.igw_id", "module.vpc"]}}},
        {"address": "aws_internet_gateway.g", "mode": "managed", "type": "aws_internet_gateway", "name": "g",
         "provider_config_key": "aws",
         "expressions": {"vpc_id": {"references": ["module.vpc.vpc_id", "module.vpc"]}}}
      ],
      "module_calls": {"vpc": {"source": "./vpc", "module": {"resources": [
        {"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
         "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}}],
        "outputs": {"vpc_id": {"expression": {"references": ["aws_vpc.this.id", "aws_vpc.this"]}}}}}}
    }
  }
})");
  Loaded l = load_plan(root / "plan.json", "plan.json");
  REQUIRE_FALSE(base::has_errors(l.file.diagnostics));
  REQUIRE(l.resources.size() == 7);  // data sources are not resources
  CHECK(find(l.resources, "module.vpc.aws_vpc.this") != nullptr);

  const model::Resource* nat = find(l.resources, "aws_nat_gateway.n[1]");
  REQUIRE(nat);
  CHECK(nat->region == "us-west-2");
  // count.index of instance 1 picks aws_subnet.a[1].
  REQUIRE(nat->attrs.find("subnet_id")->is_reference());
  CHECK(nat->attrs.find("subnet_id")->as_string() == "aws_subnet.a[1]");
  // An apply-time value the configuration does not set is absent, as in HCL.
  CHECK(nat->attrs.find("id") == nullptr);
  // The finding for a value the plan leaves out points at the resource's address line.
  CHECK(nat->location.line == 10);

  // A reference without an index names every instance (aws_subnet.a[*].id).
  const model::Value* ids = find(l.resources, "aws_db_subnet_group.g")->attrs.find("subnet_ids");
  REQUIRE(ids->is_list());
  REQUIRE(ids->size() == 2);
  CHECK(ids->as_list()[1].as_string() == "aws_subnet.a[1]");

  // Provider default tags arrive in tags_all; they count as tags.
  const model::Value* tags = find(l.resources, "aws_subnet.a[0]")->attrs.find("tags");
  CHECK(tags->find("Owner")->as_string() == "ops");

  // One unknown ID inside blocks and one resource named: the reference goes there.
  const model::Value* route = find(l.resources, "aws_route_table.r[\"x\"]")->attrs.find("route");
  REQUIRE(route->is_list());
  const model::Value* gw = route->as_list()[0].find("gateway_id");
  REQUIRE(gw->is_reference());
  CHECK(gw->as_string() == "module.vpc.igw_id");

  // A module's output is followed to what its expression refers to; an
  // output the module does not declare (igw_id above) keeps its name.
  const model::Value* vpc_id = find(l.resources, "aws_internet_gateway.g")->attrs.find("vpc_id");
  REQUIRE(vpc_id->is_reference());
  CHECK(vpc_id->as_string() == "module.vpc.aws_vpc.this.id");
}

TEST_CASE("plan: a plan without planned values is a warning, not a crash") {
  auto root = test::temp_dir("plan-empty");
  test::write_file(root / "plan.json", R"({"format_version": "1.2", "terraform_version": "1.11.4", "resource_changes": []})");
  Loaded l = load_plan(root / "plan.json", "plan.json");
  CHECK(l.resources.empty());
  CHECK_FALSE(base::has_errors(l.file.diagnostics));
}

TEST_CASE("plan: a plan is read instead of the .tf files beside it only while it describes them") {
  fs::path dir = test::temp_dir("stale-plan") / "prod";
  fs::create_directories(dir);
  fs::copy(test::source_dir() / "fixtures/innovate/terraform/prod", dir, fs::copy_options::recursive);
  // The modules it calls, at the same relative place.
  fs::create_directories(dir.parent_path() / "modules");
  fs::copy(test::source_dir() / "fixtures/innovate/terraform/modules", dir.parent_path() / "modules",
           fs::copy_options::recursive);
  auto scan_dir = [&] {
    scan::ScanOptions options;
    options.paths = {dir.string()};
    options.jobs = 1;
    options.only_rules = {"NET-009"};
    return scan::run_scan(options);
  };
  auto stale = [](const scan::ScanResult& r) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [](const base::Diagnostic& d) { return d.code == "tf-plan-stale"; });
  };
  scan::ScanResult fresh = scan_dir();
  CHECK_FALSE(stale(fresh));
  CHECK(fresh.findings.empty());
  // A violation added after the plan was made: the plan no longer describes
  // main.tf, so main.tf is scanned (and the violation found), with a warning.
  std::ofstream(dir / "main.tf", std::ios::app) << "\nresource \"aws_security_group\" \"ssh\" {\n"
                                                   "  ingress {\n    from_port = 22\n    to_port = 22\n"
                                                   "    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
  scan::ScanResult changed = scan_dir();
  CHECK(stale(changed));
  REQUIRE(changed.findings.size() == 1);
  CHECK(changed.findings[0].resource == "aws_security_group.ssh");
}

TEST_CASE("plan: a plan and its configuration named by bare names are read once, from the plan") {
  // A pre-commit run at the repository's root names "plan.json" and "main.tf".
  fs::path dir = test::temp_dir("bare-plan-names");
  for (const char* name : {"main.tf", "plan.json"})
    fs::copy_file(test::source_dir() / "tests/cases/plan-beside-config" / name, dir / name);
  for (const char* args : {"scan --no-color plan.json main.tf", "scan --no-color ./plan.json main.tf",
                           "scan --no-color main.tf plan.json"}) {
    std::string out;
    test::run_guardrail(args, out, dir);
    INFO(args << "\n" << out);
    CHECK(out.find("found 1 resource") != std::string::npos);
  }
}

TEST_CASE("plan: a partial plan (-target) says so, and beside its configuration gives way to it") {
  fs::path dir = test::temp_dir("partial-plan");
  fs::copy(test::source_dir() / "tests/cases/plan-partial", dir, fs::copy_options::recursive);
  std::string out;
  test::run_guardrail("scan --no-color plan.json", out, dir, true);
  CHECK(out.find("warning[tf-plan-partial]: this plan is partial (made with -target): the resources it does not plan") !=
        std::string::npos);
  test::run_guardrail("scan --no-color .", out, dir, true);
  INFO(out);
  CHECK(out.find("warning[tf-plan-partial]: this plan is partial (made with -target): the .tf files beside it are "
                 "scanned instead") != std::string::npos);
  CHECK(out.find("aws_iam_role.app") != std::string::npos);  // a resource the plan leaves out
}

TEST_CASE("plan: a root provider's region = var.region is the variable's value in the plan") {
  Loaded l = load_plan(test::source_dir() / "rules/db/DB-012/cases/plan/pass/supplied/plan.json", "plan.json");
  const model::Resource* db = find(l.resources, "aws_db_instance.app");
  REQUIRE(db);
  CHECK(db->region == "eu-west-1");
  // The password is the value of a variable without a default: given when the
  // plan was made, and marked so (not a literal written in the code).
  const model::Value* password = db->attrs.find("password");
  REQUIRE(password);
  CHECK(password->tag() == "!guardrail/supplied");
}
