// Drift (docs/drift.md): the reference architecture's code against its export
// bundle, and mutations of the bundle that each make exactly their finding.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "scan/drift.hpp"
#include "support.hpp"

using guardrail::test::copy_of;
using guardrail::test::read_file;
using guardrail::test::run_guardrail;
using guardrail::test::source_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

const char* kBundle = "aws/222222222222/us-east-1/";

/// The drift findings of the text output: "RULE message", in order.
std::vector<std::string> drift(const fs::path& dir, const std::string& flags = "") {
  std::string out;
  run_guardrail("drift -q --no-color " + flags + " .", out, dir);
  std::vector<std::string> found;
  std::regex finding(R"((critical|high|medium|low|info)\[(DRIFT-\d+)\]: (.*))");
  std::smatch m;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    if (std::regex_search(line, m, finding)) found.push_back(m[2].str() + " " + m[3].str());
    start = end + 1;
  }
  return found;
}

void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

/// Cuts the array element of a pretty-printed export that holds `marker`.
void delete_element(const fs::path& file, const std::string& marker) {
  std::string text = read_file(file);
  size_t at = text.find(marker);
  REQUIRE(at != std::string::npos);
  size_t begin = text.rfind("\n        {", at);
  size_t end = text.find("\n        }", at);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  end += std::string("\n        }").size();
  if (text.compare(end, 1, ",") == 0) ++end;              // an element before others
  else if (text[begin - 1] == ',') --begin;               // the last element
  text.erase(begin, end - begin);
  write_file(file, text);
}

}  // namespace

TEST_CASE("drift: the reference architecture's prod code and its export bundle agree", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  CHECK(drift(dir).empty());
  CHECK(drift(dir, "--all-attributes").empty());
}

TEST_CASE("drift: each mutation of the bundle makes exactly its finding", "[drift]") {
  SECTION("a security group added by hand is unmanaged") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "ec2/describe-security-groups.json", "\"SecurityGroups\": [",
                 R"("SecurityGroups": [
        {"GroupId": "sg-0123456789abcdef0", "GroupName": "debug-ssh", "VpcId": "vpc-0677654c63d217125",
         "OwnerId": "222222222222", "Description": "made by hand",
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
         "IpPermissionsEgress": [], "Tags": [{"Key": "Environment", "Value": "prod"}]},)");
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "DRIFT-001 aws_security_group 'debug-ssh' is deployed in 222222222222/us-east-1 but declared "
                      "nowhere in the scanned code of prod");
  }
  SECTION("an instance resized is changed, with both places") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "rds/describe-db-instances.json", "\"DBInstanceClass\": \"db.r6g.xlarge\"",
                 "\"DBInstanceClass\": \"db.r6g.large\"");
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "DRIFT-003 aws_db_instance 'innovate-prod': instance_class is db.r6g.xlarge in the code but "
                      "db.r6g.large deployed");
    std::string out;
    run_guardrail("drift --no-color .", out, dir);
    CHECK(out.find("terraform/prod/plan.json:") != std::string::npos);
    CHECK(out.find("rds/describe-db-instances.json:5:13: note[DRIFT-003]: deployed: instance_class = db.r6g.large") !=
          std::string::npos);
  }
  SECTION("encryption turned off is changed") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "ec2/get-ebs-encryption-by-default.json", "\"EbsEncryptionByDefault\": true",
                 "\"EbsEncryptionByDefault\": false");
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "DRIFT-003 aws_ebs_encryption_by_default of 222222222222/us-east-1: enabled is true in the "
                      "code but false deployed");
  }
  SECTION("a subnet deleted is missing") {
    fs::path dir = copy_of("fixtures/innovate");
    delete_element(dir / kBundle / "ec2/describe-subnets.json", "\"CidrBlock\": \"10.2.0.0/24\"");
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "DRIFT-002 declared aws_subnet '10.2.0.0/24' is not deployed in 222222222222/us-east-1 (the "
                      "export lists no aws_subnet with that cidr_block)");
  }
  SECTION("a security group rule opened by hand is changed") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "ec2/describe-security-groups.json", "\"CidrIp\": \"10.2.0.0/16\"",
                 "\"CidrIp\": \"0.0.0.0/0\"");
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("DRIFT-003 aws_security_group 'innovate-prod-endpoints': ingress is", 0) == 0);
  }
}

TEST_CASE("drift: what cannot be told is undecided, not a finding", "[drift]") {
  SECTION("a type whose inventory the bundle lacks is neither missing nor unmanaged") {
    fs::path dir = copy_of("fixtures/innovate");
    fs::remove(dir / kBundle / "ec2/describe-vpc-endpoints.json");
    CHECK(drift(dir).empty());
    std::string out;
    run_guardrail("drift --no-color --show-undecided .", out, dir);
    CHECK(out.find("DRIFT-002 module.network.aws_vpc_endpoint") != std::string::npos);
    CHECK(out.find("the export holds no inventory of aws_vpc_endpoint in 222222222222/us-east-1") != std::string::npos);
  }
  SECTION("a loose export (no account folder) says nothing of what is absent in an account") {
    fs::path dir = guardrail::test::temp_dir("drift-loose");
    write_file(dir / ".guardrail.yaml", "environments:\n  prod: {accounts: [\"111122223333\"]}\n");
    write_file(dir / "main.tf", "provider \"aws\" {\n  region              = \"eu-west-1\"\n"
                                "  allowed_account_ids = [\"111122223333\"]\n}\n"
                                "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.9.0.0/16\"\n}\n");
    write_file(dir / "exports/111122223333/eu-west-1/ec2/describe-subnets.json",
               R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.9.0.0/24",
                 "AvailabilityZone": "eu-west-1a", "OwnerId": "111122223333"}]})");
    write_file(dir / "samples/describe-vpcs.json",
               R"({"Vpcs": [{"VpcId": "vpc-0example", "CidrBlock": "10.0.0.0/16", "State": "available"}]})");
    // The subnet is unmanaged (nothing declares it); the VPC is not missing.
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("DRIFT-001 aws_subnet '10.9.0.0/24'", 0) == 0);
    std::string out;
    run_guardrail("drift --no-color --show-undecided .", out, dir);
    CHECK(out.find("the export holds no inventory of aws_vpc in 111122223333/eu-west-1") != std::string::npos);
  }
  SECTION("a resource whose count is known at apply only is not missing") {
    fs::path dir = guardrail::test::temp_dir("drift-uncounted");
    write_file(dir / ".guardrail.yaml", "environments:\n  prod: {accounts: [\"111122223333\"]}\n");
    write_file(dir / "main.tf", "provider \"aws\" {\n  region              = \"eu-west-1\"\n"
                                "  allowed_account_ids = [\"111122223333\"]\n}\n"
                                "variable \"create\" {\n  type = bool\n}\n"
                                "resource \"aws_vpc\" \"maybe\" {\n  count      = var.create ? 1 : 0\n"
                                "  cidr_block = \"10.9.0.0/16\"\n}\n");
    write_file(dir / "exports/111122223333/eu-west-1/ec2/describe-vpcs.json",
               R"({"Vpcs": [{"VpcId": "vpc-0aaa", "CidrBlock": "10.8.0.0/16", "OwnerId": "111122223333"}]})");
    CHECK(drift(dir).empty());
    std::string out;
    run_guardrail("drift --no-color --show-undecided .", out, dir);
    CHECK(out.find("DRIFT-002 aws_vpc.maybe: its count or for_each is known only at apply") != std::string::npos);
  }
  SECTION("two deployed resources with one key are ambiguous, not guessed") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "ec2/describe-security-groups.json", "\"SecurityGroups\": [",
                 R"("SecurityGroups": [
        {"GroupId": "sg-0123456789abcdef0", "GroupName": "innovate-prod-db", "VpcId": "vpc-0999999999999999",
         "OwnerId": "222222222222", "Description": "same name, other VPC",
         "IpPermissions": [], "IpPermissionsEgress": [], "Tags": []},)");
    CHECK(drift(dir).empty());
    std::string out;
    run_guardrail("drift --no-color --show-undecided .", out, dir);
    CHECK(out.find("share the key 'innovate-prod-db': ambiguous, not guessed") != std::string::npos);
  }
  SECTION("what AWS or a controller made is not unmanaged") {
    fs::path dir = copy_of("fixtures/innovate");
    replace_once(dir / kBundle / "ec2/describe-security-groups.json", "\"SecurityGroups\": [",
                 R"("SecurityGroups": [
        {"GroupId": "sg-0123456789abcdef1", "GroupName": "default", "VpcId": "vpc-0677654c63d217125",
         "OwnerId": "222222222222", "Description": "default VPC security group", "IpPermissions": [], "Tags": []},
        {"GroupId": "sg-0123456789abcdef2", "GroupName": "eks-cluster-sg-innovate-prod", "VpcId": "vpc-0677654c63d217125",
         "OwnerId": "222222222222", "Description": "EKS created security group", "IpPermissions": [],
         "Tags": [{"Key": "kubernetes.io/cluster/innovate-prod", "Value": "owned"}]},)");
    CHECK(drift(dir).empty());
  }
}

TEST_CASE("drift: findings flow through every format, suppressions and baselines", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  replace_once(dir / kBundle / "rds/describe-db-instances.json", "\"DBInstanceClass\": \"db.r6g.xlarge\"",
               "\"DBInstanceClass\": \"db.r6g.large\"");
  std::string out;
  CHECK(run_guardrail("drift --format sarif .", out, dir) == 1);
  CHECK(out.find("\"id\": \"DRIFT-003\"") != std::string::npos);
  fs::path sarif_dir = GUARDRAIL_SARIF_OUT;
  fs::create_directories(sarif_dir);
  write_file(sarif_dir / "drift.sarif", out);
  CHECK(run_guardrail("drift --format json .", out, dir) == 1);
  CHECK(out.find("\"ruleId\": \"DRIFT-003\"") != std::string::npos);
  // The HTML report has a drift page per environment, with both places.
  CHECK(run_guardrail("drift --format html .", out, dir) == 1);
  CHECK(out.find("<section class=\"framework\" id=\"drift-prod\">") != std::string::npos);
  CHECK(out.find("<b>1</b><span class=\"k\">changed (DRIFT-003)</span>") != std::string::npos);
  CHECK(out.find("aws/222222222222/us-east-1/rds/describe-db-instances.json:5") != std::string::npos);
  CHECK(out.find("terraform/prod/plan.json:927") != std::string::npos);
  // A baseline of today's drift hides it tomorrow.
  CHECK(run_guardrail("drift --write-baseline base.json --fail-on never .", out, dir) == 0);
  CHECK(run_guardrail("drift --baseline base.json .", out, dir) == 0);
  // `scan --drift` runs the rules and drift together.
  CHECK(run_guardrail("scan --drift -q --no-color .", out, dir) == 1);
  CHECK(out.find("[DRIFT-003]") != std::string::npos);
}

TEST_CASE("drift: an inline suppression on the declaration hides a change, and a plain scan keeps it quietly", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  replace_once(dir / "aws/222222222222/us-west-2/rds/describe-db-instances.json", "\"DBInstanceClass\": \"db.r6g.xlarge\"",
               "\"DBInstanceClass\": \"db.r6g.2xlarge\"");
  std::vector<std::string> found = drift(dir);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "DRIFT-003 aws_db_instance 'innovate-dr': instance_class is db.r6g.xlarge in the code but "
                    "db.r6g.2xlarge deployed");
  replace_once(dir / "terraform/dr/main.tf", "  instance_class                      = \"db.r6g.xlarge\"",
               "  # guardrail:ignore DRIFT-003 scaled up by hand for the failover drill, ticket OPS-12\n"
               "  instance_class                      = \"db.r6g.xlarge\"");
  CHECK(drift(dir).empty());
  std::string out;
  run_guardrail("scan --no-color .", out, dir);
  CHECK(out.find("which is no rule") == std::string::npos);
}

TEST_CASE("drift: a state file matches by physical ID where names cannot", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  // A name known only after apply: matched with nothing, by names.
  replace_once(dir / "terraform/dr/main.tf", "  name        = \"innovate-dr-db\"", "  name_prefix = \"innovate-dr-db-\"");
  replace_once(dir / "aws/222222222222/us-west-2/ec2/describe-security-groups.json", "\"CidrIp\": \"10.12.64.0/18\"",
               "\"CidrIp\": \"0.0.0.0/0\"");
  CHECK(drift(dir).empty());
  std::string state = R"({"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "3f1c", "outputs": {},
  "resources": [
    {"mode": "managed", "type": "aws_security_group", "name": "db",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"schema_version": 1, "attributes": {"id": "sg-0ab8c820a391baedf",
       "arn": "arn:aws:ec2:us-west-2:222222222222:security-group/sg-0ab8c820a391baedf", "name": "innovate-dr-db-2025"}}]},
    SECOND
  ]}
)";
  SECTION("the state's ID finds the deployed group, whose rule was opened by hand") {
    write_file(dir / "terraform/dr/terraform.tfstate",
               std::regex_replace(state, std::regex("SECOND"), R"({"mode": "data", "type": "aws_region", "name": "x", "instances": []})"));
    std::vector<std::string> found = drift(dir);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("DRIFT-003 aws_security_group 'sg-0ab8c820a391baedf': ingress is", 0) == 0);
  }
  SECTION("an ID the export does not list is missing") {
    write_file(dir / "terraform/dr/terraform.tfstate",
               std::regex_replace(state, std::regex("sg-0ab8c820a391baedf"), "sg-0000000000000dead"));
    std::string text = read_file(dir / "terraform/dr/terraform.tfstate");
    write_file(dir / "terraform/dr/terraform.tfstate", std::regex_replace(text, std::regex(",\\s*SECOND"), ""));
    std::vector<std::string> found = drift(dir);
    // The state's group is gone; the one deployed under the name is then
    // nobody's: the code's group is placed by the state, not by the name.
    REQUIRE(found.size() == 2);
    CHECK(found[0] == "DRIFT-001 aws_security_group 'innovate-dr-db' is deployed in 222222222222/us-west-2 but declared "
                      "nowhere in the scanned code of prod");
    CHECK(found[1] == "DRIFT-002 declared aws_security_group 'arn:aws:ec2:us-west-2:222222222222:security-group/"
                      "sg-0000000000000dead' is not deployed in 222222222222/us-west-2 (its state, "
                      "terraform/dr/terraform.tfstate:5, gives that ID; the export does not list it)");
  }
}

TEST_CASE("drift: a plan's prior state matches by physical ID too", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  // Renamed by hand (a new group in its place): by names, one missing and one unmanaged.
  replace_once(dir / kBundle / "ec2/describe-security-groups.json", "\"GroupName\": \"innovate-prod-db\"",
               "\"GroupName\": \"innovate-prod-db-renamed\"");
  std::vector<std::string> found = drift(dir);
  REQUIRE(found.size() == 2);
  CHECK(found[0].rfind("DRIFT-001 aws_security_group 'innovate-prod-db-renamed'", 0) == 0);
  CHECK(found[1].rfind("DRIFT-002 declared aws_security_group 'innovate-prod-db'", 0) == 0);
  // The plan's prior state says which group the code made: the same one.
  fs::path plan = dir / "terraform/prod/plan.json";
  std::string text = read_file(plan);
  size_t prior = text.find("\"prior_state\"");
  REQUIRE(prior != std::string::npos);
  size_t root = text.find("\"root_module\": {", prior);
  REQUIRE(root != std::string::npos);
  text.insert(root + std::string("\"root_module\": {").size(),
              R"("resources": [{"address": "module.database.aws_security_group.db", "mode": "managed",
                 "type": "aws_security_group", "name": "db", "values": {"id": "sg-06dd4d661801cfa04"}}],)");
  write_file(plan, text);
  CHECK(drift(dir).empty());
}

TEST_CASE("drift: nothing to compare is said, not silent", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  std::string out;
  CHECK(run_guardrail("drift --no-color terraform", out, dir, true) == 0);
  CHECK(out.find("warning[drift]: drift: no environment holds both declared and deployed AWS resources, so nothing "
                 "was compared; environments: dev (declared only)") != std::string::npos);
  // Code with no account: undecided, saying how to bind one.
  CHECK(run_guardrail("drift --no-config --env prod --no-color --show-undecided terraform/prod aws", out, dir) == 0);
  CHECK(out.find("its account is not known, so it cannot be matched with what is deployed (bind prod to its "
                 "accounts in .guardrail.yaml") != std::string::npos);
  // ...nor is a deployed resource of its type and place unmanaged: it may be that one
  // (the DR root names its account; the prod plan does not).
  CHECK(run_guardrail("drift --no-config --env prod -q --no-color terraform/prod terraform/dr aws", out, dir) == 0);
  CHECK(out.find("DRIFT-00") == std::string::npos);
}

TEST_CASE("drift: what the code's lifecycle lets change is not drift", "[drift]") {
  fs::path dir = copy_of("fixtures/innovate");
  replace_once(dir / "aws/222222222222/us-west-2/rds/describe-db-instances.json", "\"DBInstanceClass\": \"db.r6g.xlarge\"",
               "\"DBInstanceClass\": \"db.r6g.2xlarge\"");
  REQUIRE(drift(dir).size() == 1);
  replace_once(dir / "terraform/dr/main.tf", "  instance_class                      = \"db.r6g.xlarge\"",
               "  instance_class                      = \"db.r6g.xlarge\"\n"
               "  lifecycle {\n    ignore_changes = [instance_class, tags[\"Owner\"]]\n  }");
  CHECK(drift(dir).empty());
}

TEST_CASE("drift: storage autoscaling is not drift, storage shrunk is", "[drift]") {
  // The prod primary declares allocated_storage = 100 and max_allocated_storage = 1000.
  fs::path dir = copy_of("fixtures/innovate");
  fs::path file = dir / kBundle / "rds/describe-db-instances.json";
  std::string original = read_file(file);
  replace_once(file, "\"AllocatedStorage\": 100", "\"AllocatedStorage\": 250");
  CHECK(drift(dir).empty());
  write_file(file, original);
  replace_once(file, "\"AllocatedStorage\": 100", "\"AllocatedStorage\": 50");
  std::vector<std::string> found = drift(dir);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "DRIFT-003 aws_db_instance 'innovate-prod': allocated_storage is 100 in the code but 50 deployed");
}

TEST_CASE("drift: guardrail explain knows the drift rules", "[drift]") {
  std::string out;
  CHECK(run_guardrail("explain DRIFT-003", out) == 0);
  CHECK(out.find("DRIFT-003: Deployed settings are the declared ones") != std::string::npos);
  CHECK(out.find("defined in:   (built in: guardrail drift, docs/drift.md)") != std::string::npos);
  CHECK(run_guardrail("explain drift-001", out) == 0);
  CHECK(out.find("DRIFT-001: Every deployed resource is declared in code") != std::string::npos);
}

TEST_CASE("drift: docs/drift.md names every type it matches", "[drift]") {
  std::string doc = read_file(source_dir() / "docs/drift.md");
  for (const guardrail::scan::DriftType& t : guardrail::scan::drift_types()) {
    INFO(t.type);
    CHECK(doc.find("| `" + t.type + "` |") != std::string::npos);
  }
}

TEST_CASE("drift: a changed secret is reported, its values never shown", "[drift]") {
  fs::path dir = guardrail::test::temp_dir("drift-secret");
  write_file(dir / ".guardrail.yaml", "environments:\n  prod: {accounts: [\"111122223333\"]}\n");
  write_file(dir / "stack.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
             "    Properties:\n      FunctionName: fn\n      Role: arn:aws:iam::111122223333:role/fn\n"
             "      Runtime: python3.12\n      Handler: a.b\n      Code: {ZipFile: x}\n      Environment:\n"
             "        Variables:\n          db_password: DECLARED-hunter2\n          LOG_LEVEL: info\n");
  write_file(dir / "exports/111122223333/us-east-1/lambda/list-functions.json",
             R"({"Functions": [{"FunctionName": "fn", "FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:fn",
                 "Runtime": "python3.12", "Role": "arn:aws:iam::111122223333:role/fn", "Handler": "a.b",
                 "Environment": {"Variables": {"db_password": "DEPLOYED-hunter2", "LOG_LEVEL": "info"}}}]})");
  std::string out;
  for (const char* format : {"text", "sarif", "json", "html"}) {
    INFO(format);
    run_guardrail(std::string("drift --no-color --all-attributes --cfn-param AWS::AccountId=111122223333 "
                              "--cfn-param AWS::Region=us-east-1 -f ") + format + " .", out, dir);
    CHECK(out.find("DRIFT-003") != std::string::npos);
    CHECK(out.find("hunter2") == std::string::npos);
  }
}
