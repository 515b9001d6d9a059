// Terragrunt units: a folder with terragrunt.hcl is its module evaluated with
// the unit's inputs (includes merged, locals, dependencies' mock outputs,
// generate blocks), judged as the unit's environment.
#include <catch2/catch.hpp>

#include "support.hpp"

using guardrail::test::run_guardrail;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

const char* kModule = R"(variable "name" {
  type = string
}
variable "encrypted" {
  type    = bool
  default = true
}
variable "multi_az" {
  type    = bool
  default = true
}
variable "subnet_ids" {
  type    = list(string)
  default = []
}
variable "tags" {
  type    = map(string)
  default = {}
}
resource "aws_db_instance" "db" {
  identifier        = var.name
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = var.encrypted
  multi_az          = var.multi_az
  tags              = var.tags
}
resource "aws_db_subnet_group" "db" {
  name       = var.name
  subnet_ids = var.subnet_ids
}
)";

const char* kRoot = R"(locals {
  env = read_terragrunt_config(find_in_parent_folders("env.hcl")).locals
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOF
provider "aws" {
  region              = "${get_env("AWS_REGION", "eu-west-1")}"
  allowed_account_ids = ["${local.env.account}"]
}
EOF
}

inputs = {
  name = "app-${local.env.name}-${replace(path_relative_to_include(), "/", "-")}"
  tags = { Team = "data", Tier = "db" }
}
)";

bool has(const std::string& out, const std::string& text) { return out.find(text) != std::string::npos; }

/// live/{prod,dev}/db units over modules/db, including root.hcl.
fs::path estate(const std::string& name, const std::string& prod_unit, const std::string& dev_unit) {
  fs::path dir = temp_dir(name);
  write_file(dir / "modules/db/main.tf", kModule);
  write_file(dir / "root.hcl", kRoot);
  write_file(dir / "live/prod/env.hcl", "locals {\n  name    = \"prod\"\n  account = \"222222222222\"\n}\n");
  write_file(dir / "live/dev/env.hcl", "locals {\n  name    = \"dev\"\n  account = \"333333333333\"\n}\n");
  write_file(dir / "live/prod/db/terragrunt.hcl", prod_unit);
  write_file(dir / "live/dev/db/terragrunt.hcl", dev_unit);
  return dir;
}

const char* kInclude = "include \"root\" {\n  path   = find_in_parent_folders(\"root.hcl\")\n  expose = true\n}\n";

std::string unit(const std::string& body) {
  return std::string(kInclude) + "terraform {\n  source = \"../../../modules//db\"\n}\n" + body;
}

}  // namespace

TEST_CASE("Terragrunt: a unit is its module evaluated with its inputs, in its environment", "[terragrunt]") {
  fs::path dir = estate("tg-basic", unit("inputs = {\n  multi_az = true\n}\n"),
                        unit("inputs = {\n  encrypted = false\n  multi_az  = false\n}\n"));
  std::string out;
  run_guardrail("scan --format resources .", out, dir);
  // Inputs from the root (with its locals and functions) and from the unit.
  CHECK(has(out, "\"identifier\": \"app-prod-live-prod-db\""));
  CHECK(has(out, "\"identifier\": \"app-dev-live-dev-db\""));
  // The generated provider: get_env's default, the account of env.hcl.
  CHECK(has(out, "\"account\": \"222222222222\""));
  CHECK(has(out, "\"region\": \"eu-west-1\""));
  CHECK(has(out, "\"environment\": \"dev\""));
  CHECK(has(out, "\"environment\": \"prod\""));
  // The module is not also a root judged with its defaults.
  CHECK(!has(out, "var.name has no value"));
  run_guardrail("scan --no-color --rule DB-001 --rule DB-002 .", out, dir);
  // dev's input decides: the finding is dev's, at the input.
  CHECK(has(out, "live/dev/db/terragrunt.hcl:9:15: high[DB-001]: aws_db_instance.db (live/dev/db) does not encrypt its storage at rest"));
  // ...and the resource that input reaches, in the module, is a related location.
  CHECK(has(out, "modules/db/main.tf:20:1: note[DB-001]: the resource it sets, in its module"));
  CHECK(!has(out, "error["));
  CHECK(!has(out, "warning["));
}

TEST_CASE("Terragrunt: include merge strategies", "[terragrunt]") {
  const char* root = R"(inputs = {
  name = "shared"
  tags = { Team = "data", Owner = "platform" }
  subnet_ids = ["subnet-a"]
}
)";
  auto layout = [&](const std::string& name, const std::string& strategy) {
    fs::path dir = temp_dir(name);
    write_file(dir / "modules/db/main.tf", kModule);
    write_file(dir / "root.hcl", root);
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n" + strategy +
                   "}\nterraform {\n  source = \"../../../modules//db\"\n}\n"
                   "inputs = {\n  tags = { Tier = \"db\" }\n  subnet_ids = [\"subnet-b\"]\n}\n");
    return dir;
  };
  std::string out;
  SECTION("shallow (the default): the child's keys replace the parent's") {
    run_guardrail("scan --format resources .", out, layout("tg-shallow", ""));
    CHECK(has(out, "\"identifier\": \"shared\""));
    CHECK(has(out, "\"Tier\": \"db\""));
    CHECK(!has(out, "\"Owner\": \"platform\""));
    CHECK(!has(out, "subnet-a"));
  }
  SECTION("deep: maps merged, lists concatenated") {
    run_guardrail("scan --format resources .", out, layout("tg-deep", "  merge_strategy = \"deep\"\n"));
    CHECK(has(out, "\"Owner\": \"platform\""));
    CHECK(has(out, "\"Tier\": \"db\""));
    CHECK(has(out, "subnet-a"));
    CHECK(has(out, "subnet-b"));
  }
  SECTION("no_merge: nothing of the parent") {
    run_guardrail("scan --format resources .", out, layout("tg-nomerge", "  merge_strategy = \"no_merge\"\n"));
    CHECK(!has(out, "\"identifier\": \"shared\""));
    CHECK(has(out, "var.name has no value"));
  }
}

TEST_CASE("Terragrunt: dependencies give their mock outputs, or unknown", "[terragrunt]") {
  std::string deps = R"(dependency "vpc" {
  config_path  = "../vpc"
  mock_outputs = { subnet_ids = ["subnet-mock-1", "subnet-mock-2"] }
}
dependency "kms" {
  config_path = "../kms"
}
inputs = {
  subnet_ids = dependency.vpc.outputs.subnet_ids
  encrypted  = dependency.kms.outputs.enabled
  tags       = { Zone = dependency.vpc.outputs.zone_id }
}
)";
  fs::path dir = estate("tg-deps", unit(deps), unit(""));
  std::string out;
  run_guardrail("scan --format resources .", out, dir);
  CHECK(has(out, "subnet-mock-1"));
  // An output the mocks do not list is known only after apply: unknown, and
  // the other inputs stand (found in a public repository: a missing mock
  // erased every input of its unit).
  run_guardrail("scan --no-color .", out, dir);
  CHECK(!has(out, "inputs could not be evaluated"));
  // Without mocks the output is unknown: undecided, not a finding.
  run_guardrail("scan --no-color --rule DB-001 .", out, dir);
  CHECK(!has(out, "live/prod/db/terragrunt.hcl:10:16: high[DB-001]"));
  CHECK(!has(out, "does not encrypt its storage at rest"));
}

TEST_CASE("Terragrunt: a named unit reports its module's findings at itself", "[terragrunt]") {
  fs::path dir = estate("tg-named", unit("inputs = {\n  encrypted = false\n}\n"), unit(""));
  std::string out;
  run_guardrail("scan --no-color --rule DB-001 --rule DB-002 live/prod/db/terragrunt.hcl", out, dir);
  CHECK(has(out, "live/prod/db/terragrunt.hcl:9:15: high[DB-001]: aws_db_instance.db (live/prod/db) does not encrypt"));
  CHECK(!has(out, "live/dev/"));
}

TEST_CASE("Terragrunt: a remote module is read from .terragrunt-cache, or a note says it is not", "[terragrunt]") {
  std::string remote = std::string(kInclude) +
                       "terraform {\n  source = \"git::https://example.com/modules.git//db?ref=v1.2.0\"\n}\n"
                       "inputs = {\n  encrypted = false\n}\n";
  fs::path dir = estate("tg-remote", remote, unit(""));
  std::string out;
  run_guardrail("scan --no-color --rule DB-001 .", out, dir);
  CHECK(has(out, "note[terragrunt]: the module git::https://example.com/modules.git//db?ref=v1.2.0 is remote and no "
                 "downloaded copy is in .terragrunt-cache"));
  CHECK(!has(out, "live/prod/db/terragrunt.hcl:9:15: high[DB-001]"));
  // terragrunt init downloaded it: the copy is read.
  write_file(dir / "live/prod/db/.terragrunt-cache/abc/def/db/main.tf", kModule);
  run_guardrail("scan --no-color --rule DB-001 .", out, dir);
  CHECK(has(out, "live/prod/db/terragrunt.hcl:9:15: high[DB-001]: aws_db_instance.db does not encrypt"));
}

TEST_CASE("Terragrunt: broken units are located errors, and the others are still scanned", "[terragrunt]") {
  fs::path dir = estate("tg-broken", "include \"root\" {\n  path = \n}\n", unit("inputs = {\n  encrypted = false\n}\n"));
  // Cycles: an include of itself, locals naming each other, a config reading itself.
  write_file(dir / "live/stage/loop/terragrunt.hcl",
             "include \"self\" {\n  path = \"terragrunt.hcl\"\n}\nlocals {\n  a = local.b\n  b = local.a\n"
             "  c = read_terragrunt_config(\"terragrunt.hcl\")\n}\nterraform {\n  source = \"../../../modules//db\"\n}\n"
             "inputs = {\n  name = local.a\n}\n");
  write_file(dir / "live/stage/nothing/terragrunt.hcl", "terraform {\n  source = \"../../../modules//none\"\n}\n");
  std::string out;
  CHECK(run_guardrail("scan --no-color --rule DB-001 .", out, dir, true) == 2);
  CHECK(has(out, "live/prod/db/terragrunt.hcl:2:10: error[hcl-syntax]"));
  CHECK(has(out, "live/dev/db/terragrunt.hcl:9:15: high[DB-001]"));
  CHECK(has(out, "live/stage/loop/terragrunt.hcl:1:1: warning[terragrunt]: this include includes itself (a cycle)"));
  CHECK(has(out, "warning[terragrunt]: local.a needs its own value (a cycle of locals), so it is unknown"));
  CHECK(has(out, "warning[terragrunt]: no Terraform files in modules/none, so this unit is not evaluated"));
}

TEST_CASE("Terragrunt: a terragrunt.hcl that units include is their configuration, not a unit", "[terragrunt]") {
  // The older layout: the root configuration is itself named terragrunt.hcl.
  fs::path dir = temp_dir("tg-parent");
  write_file(dir / "modules/db/main.tf", kModule);
  write_file(dir / "live/terragrunt.hcl", "inputs = {\n  name = \"app-${path_relative_to_include()}\"\n}\n");
  write_file(dir / "live/prod/db/terragrunt.hcl",
             "include {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = \"../../../modules//db\"\n}\n");
  std::string out;
  run_guardrail("scan --no-color .", out, dir);
  CHECK(!has(out, "warning["));
  run_guardrail("scan --format resources .", out, dir);
  CHECK(has(out, "\"identifier\": \"app-prod/db\""));
  CHECK(!has(out, "var.name has no value"));
}

TEST_CASE("Terragrunt: stacks and JSON configurations are not read, and one note says so", "[terragrunt]") {
  fs::path dir = temp_dir("tg-stack");
  write_file(dir / "live/terragrunt.stack.hcl", "unit \"db\" {\n  source = \"../modules/db\"\n  path = \"db\"\n}\n");
  write_file(dir / "live/other/terragrunt.hcl.json", "{\"inputs\": {\"name\": \"x\"}}\n");
  std::string out;
  run_guardrail("scan --no-color .", out, dir);
  CHECK(has(out, "note[terragrunt]: 2 Terragrunt stack or JSON configurations are not read"));
  CHECK(!has(out, "error["));
}

TEST_CASE("Terragrunt: a missing file is an error try() catches; a folder can be found", "[terragrunt]") {
  // Found in a public repository: find_in_parent_folders names folders too,
  // and try(read_terragrunt_config(missing), {...}) falls back.
  fs::path dir = temp_dir("tg-try");
  write_file(dir / "modules/db/main.tf", kModule);
  write_file(dir / "live/shared/marker.txt", "x\n");
  write_file(dir / "live/prod/db/terragrunt.hcl", R"(locals {
  extra  = try(read_terragrunt_config("${get_terragrunt_dir()}/missing.hcl"), { locals = { name = "fallback" } })
  shared = find_in_parent_folders("shared")
  gone   = read_terragrunt_config("nowhere.hcl")
}
terraform {
  source = "../../../modules//db"
}
inputs = {
  name = "${local.extra.locals.name}-${basename(local.shared)}"
}
)");
  std::string out;
  run_guardrail("scan --no-color --format resources .", out, dir, true);
  CHECK(has(out, "\"identifier\": \"fallback-shared\""));
  // Uncaught, the same error is a warning at the expression.
  run_guardrail("scan --no-color .", out, dir);
  CHECK(has(out, "live/prod/db/terragrunt.hcl:4:12: warning[terragrunt]: read_terragrunt_config: "));
  CHECK(has(out, "nowhere.hcl is not a file, so this value is unknown"));
}

TEST_CASE("Terragrunt: include and read semantics as Terragrunt has them", "[terragrunt]") {
  fs::path dir = temp_dir("tg-semantics");
  write_file(dir / "modules/db/main.tf", kModule);
  std::string out;
  SECTION("a bare include is the one path_relative_to_include names, whatever the label") {
    write_file(dir / "live/root.hcl", "inputs = {\n  encrypted = true\n}\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "include {\n  path = find_in_parent_folders(\"root.hcl\")\n}\nterraform {\n"
               "  source = \"../../../modules//${basename(path_relative_to_include(\"root\"))}\"\n}\n"
               "inputs = {\n  name = path_relative_to_include(\"root\")\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "\"identifier\": \"prod/db\""));
  }
  SECTION("find_in_parent_folders(\"\") looks for terragrunt.hcl") {
    write_file(dir / "live/terragrunt.hcl", "inputs = {\n  name = \"from-parent\"\n}\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "include \"root\" {\n  path = find_in_parent_folders(\"\")\n}\nterraform {\n"
               "  source = \"../../../modules//db\"\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "\"identifier\": \"from-parent\""));
  }
  SECTION("file() in an included file reads beside that file; a folder read is its terragrunt.hcl") {
    write_file(dir / "live/common.yaml", "name: from-yaml\n");
    write_file(dir / "live/root.hcl", "locals {\n  c = yamldecode(file(\"common.yaml\"))\n}\n"
                                      "inputs = {\n  name = local.c.name\n}\n");
    write_file(dir / "live/shared/terragrunt.hcl", "locals {\n  tier = \"db\"\n}\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n"
               "locals {\n  shared = read_terragrunt_config(\"../../shared\")\n}\n"
               "terraform {\n  source = \"../../../modules//db\"\n}\n"
               "inputs = {\n  tags = { Tier = local.shared.locals.tier }\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "\"identifier\": \"from-yaml\""));
    CHECK(has(out, "\"Tier\": \"db\""));
  }
  SECTION("a unit another unit reads is still a unit") {
    write_file(dir / "live/prod/vpc/terragrunt.hcl",
               "terraform {\n  source = \"../../../modules//db\"\n}\ninputs = {\n  name = \"vpc-unit\"\n}\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "locals {\n  vpc = read_terragrunt_config(\"../vpc/terragrunt.hcl\")\n}\n"
               "terraform {\n  source = \"../../../modules//db\"\n}\n"
               "inputs = {\n  name = \"db-of-${local.vpc.inputs.name}\"\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "\"identifier\": \"vpc-unit\""));
    CHECK(has(out, "\"identifier\": \"db-of-vpc-unit\""));
  }
  SECTION("deep merge keeps a parent dependency's mock outputs; unknown parent inputs keep the child's") {
    write_file(dir / "live/common.hcl",
               "dependency \"vpc\" {\n  config_path  = \"../vpc\"\n  mock_outputs = { subnet_ids = [\"subnet-mock\"] }\n}\n"
               "inputs = merge({ name = \"n\" }, run_cmd(\"inputs\"))\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "include \"common\" {\n  path           = find_in_parent_folders(\"common.hcl\")\n"
               "  merge_strategy = \"deep\"\n}\n"
               "dependency \"vpc\" {\n  config_path = \"../vpc2\"\n}\n"
               "terraform {\n  source = \"../../../modules//db\"\n}\n"
               "inputs = {\n  encrypted  = false\n  subnet_ids = dependency.vpc.outputs.subnet_ids\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "subnet-mock"));
    run_guardrail("scan --no-color --rule DB-001 .", out, dir);
    CHECK(has(out, "high[DB-001]"));  // the child's encrypted = false stands
    CHECK(has(out, "warning[terragrunt]: the inputs of a configuration this unit includes could not be evaluated"));
  }
  SECTION("generate with if_exists = \"skip\" leaves the module's file") {
    write_file(dir / "modules/db/provider.tf", "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n");
    write_file(dir / "live/prod/db/terragrunt.hcl",
               "generate \"provider\" {\n  path      = \"provider.tf\"\n  if_exists = \"skip\"\n"
               "  contents  = \"provider \\\"aws\\\" {\\n  region = \\\"us-east-1\\\"\\n}\\n\"\n}\n"
               "terraform {\n  source = \"../../../modules//db\"\n}\ninputs = {\n  name = \"x\"\n}\n");
    run_guardrail("scan --format resources .", out, dir);
    CHECK(has(out, "\"region\": \"eu-central-1\""));
    CHECK(!has(out, "\"region\": \"us-east-1\""));
  }
}

TEST_CASE("Terragrunt: a unit's evaluation is bounded as one evaluation is", "[terragrunt]") {
  fs::path dir = temp_dir("tg-bounds");
  write_file(dir / "modules/db/main.tf", kModule);
  // 200 locals, each nesting the next 200 deep: one chain of 40,000 frames
  // if each local were bounded on its own.
  std::string locals = "locals {\n";
  for (int i = 0; i < 200; ++i)
    locals += "  a" + std::to_string(i) + " = " + std::string(200, '[') + "local.a" + std::to_string(i + 1) +
              std::string(200, ']') + "\n";
  locals += "  a200 = 1\n";
  // Many locals, each a large for: bounded by one budget for the unit.
  for (int i = 0; i < 40; ++i)
    locals += "  f" + std::to_string(i) + " = [for x in range(1000) : [for y in range(1000) : y]]\n";
  // Reads that double at each level: each file is evaluated once.
  for (int i = 0; i < 14; ++i)
    write_file(dir / ("live/r" + std::to_string(i) + ".hcl"),
               "locals {\n  a = read_terragrunt_config(\"r" + std::to_string(i + 1) +
                   ".hcl\")\n  b = read_terragrunt_config(\"r" + std::to_string(i + 1) + ".hcl\")\n}\n");
  write_file(dir / "live/r14.hcl", "locals {\n  x = 1\n}\n");
  locals += "  r = read_terragrunt_config(\"../../r0.hcl\")\n}\n";
  write_file(dir / "live/prod/db/terragrunt.hcl",
             locals + "terraform {\n  source = \"../../../modules//db\"\n}\ninputs = {\n  name = \"x\"\n}\n");
  std::string out;
  int status = run_guardrail("scan --no-color .", out, dir, true);
  CHECK((status == 0 || status == 1 || status == 2));
  CHECK(has(out, "error[tf-budget]"));
  CHECK(has(out, "found "));
}

TEST_CASE("Terragrunt: extra_arguments' var files, a unit's block replacing an included one of its name",
          "[terragrunt]") {
  fs::path dir = temp_dir("tg-varfiles");
  write_file(dir / "modules/db/main.tf", kModule);
  write_file(dir / "live/common.tfvars", "name = \"from-common\"\nencrypted = false\n");
  write_file(dir / "live/prod/prod.tfvars", "name = \"from-prod\"\n");
  write_file(dir / "live/root.hcl",
             "terraform {\n  extra_arguments \"vars\" {\n    commands = [\"plan\"]\n"
             "    required_var_files = [\"${get_parent_terragrunt_dir()}/common.tfvars\"]\n  }\n}\n");
  write_file(dir / "live/prod/db/terragrunt.hcl",
             "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n"
             "terraform {\n  source = \"../../../modules//db\"\n  extra_arguments \"vars\" {\n    commands = [\"plan\"]\n"
             "    optional_var_files = [\"${get_terragrunt_dir()}/../prod.tfvars\", \"missing.tfvars\"]\n  }\n}\n");
  std::string out;
  run_guardrail("scan --format resources .", out, dir);
  CHECK(has(out, "\"identifier\": \"from-prod\""));
  // root.hcl's block of the same name is replaced: its encrypted = false is not read.
  CHECK(has(out, "\"storage_encrypted\": true"));
}

TEST_CASE("Terragrunt: a unit folder's own .tf files join its module, over those of their name", "[terragrunt]") {
  fs::path dir = temp_dir("tg-own-files");
  write_file(dir / "modules/db/main.tf", kModule);
  write_file(dir / "live/prod/db/terragrunt.hcl",
             "terraform {\n  source = \"../../../modules//db\"\n}\ninputs = {\n  name = \"app\"\n}\n");
  // An override beside the unit, as Terragrunt copies it into the module's working folder.
  write_file(dir / "live/prod/db/main_override.tf",
             "resource \"aws_db_instance\" \"db\" {\n  storage_encrypted = false # expect: DB-001\n}\n");
  std::string out;
  run_guardrail("scan --no-color --rule DB-001 .", out, dir);
  CHECK(has(out, "live/prod/db/main_override.tf:2:3: high[DB-001]: aws_db_instance.db (live/prod/db) does not encrypt"));
  CHECK(!has(out, "error["));
  CHECK(!has(out, "overrides nothing"));
}
