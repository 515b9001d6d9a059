// One Terraform root, a variable file per environment (.guardrail.yaml
// `environments: {NAME: {var-files: [...]}}`): the root is evaluated once per
// environment and each evaluation is judged as that environment.
#include <catch2/catch.hpp>

#include "support.hpp"

using guardrail::test::run_guardrail;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

const char* kRoot = R"(variable "encrypted" {
  type    = bool
  default = true
}
variable "name" {
  type = string
}
resource "aws_db_instance" "db" {
  identifier        = var.name
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = var.encrypted
}
)";

fs::path layout(const std::string& name, const std::string& config) {
  fs::path dir = temp_dir(name);
  write_file(dir / "live/main.tf", kRoot);
  write_file(dir / "live/envs/prod.tfvars", "name = \"app-prod\"\n");
  write_file(dir / "live/envs/dev.tfvars", "name      = \"app-dev\"\nencrypted = false\n");
  write_file(dir / ".guardrail.yaml", config);
  return dir;
}

bool has(const std::string& out, const std::string& text) { return out.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("var-file matrix: the root is evaluated and judged once per environment", "[matrix]") {
  fs::path dir = layout("matrix", "environments:\n  prod: {var-files: [live/envs/prod.tfvars]}\n"
                                  "  dev: {var-files: [live/envs/dev.tfvars]}\n");
  std::string out;
  run_guardrail("scan --format resources .", out, dir);
  CHECK(has(out, "\"app-prod\""));
  CHECK(has(out, "\"app-dev\""));
  // dev's file turns encryption off: the finding is dev's, at the value that did it.
  run_guardrail("scan --no-color --rule DB-001 --rule DB-002 --rule DB-005 .", out, dir);
  CHECK(has(out, "live/envs/dev.tfvars:2:13: high[DB-001]: aws_db_instance.db does not encrypt its storage at rest"));
  CHECK(!has(out, "live/main.tf:12:3: high[DB-001]: aws_db_instance.db does not encrypt"));
  // Multi-AZ is required in prod only (the innovate policy): once, for prod.
  CHECK(has(out, "high[DB-002]: aws_db_instance.db is not Multi-AZ\n"));
  // A finding in both environments says which it is.
  CHECK(has(out, "medium[DB-005]: aws_db_instance.db does not enable IAM database authentication (in dev)"));
  CHECK(has(out, "medium[DB-005]: aws_db_instance.db does not enable IAM database authentication (in prod)"));
  run_guardrail("scan --format json --rule DB-001 .", out, dir);
  CHECK(has(out, "\"environment\": \"dev\""));
}

TEST_CASE("var-file matrix: without it, the root is evaluated once with its defaults", "[matrix]") {
  fs::path dir = layout("matrix-none", "environments:\n  prod: {paths: [\"live/**\"]}\n");
  std::string out;
  run_guardrail("scan --format resources .", out, dir);
  CHECK(!has(out, "\"app-prod\""));
  CHECK(has(out, "var.name has no value"));
}

TEST_CASE("var-file matrix: a misspelt key is an error that names the right ones", "[matrix]") {
  fs::path dir = layout("matrix-typo", "environments:\n  prod: {var-file: [live/envs/prod.tfvars]}\n");
  std::string out;
  CHECK(run_guardrail("scan .", out, dir, true) == 2);
  CHECK(has(out, "var-files"));
}
