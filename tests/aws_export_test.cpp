#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "adapt/aws_export.hpp"
#include "scan/read_input.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace guardrail;

namespace {

struct Exported {
  scan::LoadedFile file;
  adapt::ExportResult result;
};

Exported read_export(const fs::path& path, const std::string& display) {
  Exported e;
  e.file = scan::read_input({path.string(), display, true});
  if (e.file.kind == scan::FileKind::aws_export && !e.file.documents.empty())
    adapt::adapt_export(e.file.documents[0], display, e.result);
  return e;
}

const model::Resource* by_id(const adapt::ExportResult& r, const std::string& id) {
  for (const auto& x : r.resources)
    for (const auto& i : x.ids)
      if (i == id) return &x;
  return nullptr;
}

std::string shown(const model::Value* v) { return v ? model::to_display(*v, 300) : "(absent)"; }

scan::ScanResult scan_folder(const std::string& folder, std::vector<std::string> rules = {}) {
  scan::ScanOptions options;
  options.paths = {(test::source_dir() / folder).string()};
  options.root = test::source_dir();
  options.jobs = 1;
  options.environments = test::fixture_environments();
  options.only_rules = std::move(rules);
  return scan::run_scan(options);
}

}  // namespace

TEST_CASE("exports: every AWS CLI sample is recognized and mapped; the invalid ones give located errors",
          "[aws-export][conformance]") {
  if (!test::have_external("aws-cli-examples")) return;
  fs::path root = test::external_dir() / "aws-cli-examples";
  int valid = 0, mapped = 0, invalid = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string name = fs::relative(e.path(), root).generic_string();
    if (name.size() > 17 && name.substr(name.size() - 17) == ".invalid-json.txt") {
      Exported x = read_export(e.path(), name);
      INFO(name);
      REQUIRE(base::has_errors(x.file.diagnostics));
      CHECK(x.file.diagnostics[0].where.line > 0);
      ++invalid;
      continue;
    }
    if (e.path().extension() != ".json") continue;
    ++valid;
    // As a bundle holds it: outputs named by their file (get-bucket-tagging)
    // are exports only there.
    Exported x = read_export(e.path(), "111111111111/us-east-1/" + name);
    INFO(name);
    CHECK(x.file.kind == scan::FileKind::aws_export);
    CHECK_FALSE((x.result.inventories.empty() && x.result.resources.empty()));
    if (!x.result.resources.empty()) ++mapped;
  }
  std::cout << "aws-cli-examples: " << valid << " outputs recognized (" << mapped << " with resources), " << invalid
            << " invalid outputs rejected with a location\n";
  CHECK(valid == 35);
  CHECK(invalid == 5);
  CHECK(mapped == valid);

  // Mapped as the samples say (checked against their text).
  Exported vpcs = read_export(root / "ec2/describe-vpcs.ex1.json", "describe-vpcs.json");
  REQUIRE(vpcs.result.resources.size() == 2);
  CHECK(shown(by_id(vpcs.result, "vpc-0e9801d129EXAMPLE")->attrs.find("cidr_block")) == "30.1.0.0/16");
  CHECK(by_id(vpcs.result, "vpc-06e4ab6c6cEXAMPLE")->account == "222222222222");  // OwnerId
  Exported eks = read_export(root / "eks/describe-cluster.json", "describe-cluster.json");
  const model::Resource* cluster = eks.result.resources.at(0).type == "aws_eks_cluster" ? &eks.result.resources[0] : nullptr;
  REQUIRE(cluster);
  CHECK(cluster->region == "us-east-2");
  const model::Value& vpc_config = cluster->attrs.find("vpc_config")->as_list().at(0);
  CHECK(shown(vpc_config.find("endpoint_public_access")) == "true");
  CHECK(shown(vpc_config.find("public_access_cidrs")) == "[\"22.19.18.2/32\"]");
  CHECK(cluster->attrs.find("encryption_config") == nullptr);
  Exported trails = read_export(root / "cloudtrail/describe-trails.json", "describe-trails.json");
  REQUIRE(trails.result.resources.size() == 2);
  CHECK(trails.result.resources[0].attrs.find("kms_key_id") == nullptr);
  CHECK(trails.result.resources[1].attrs.find("kms_key_id") != nullptr);
  Exported clusters = read_export(root / "rds/describe-db-clusters.ex1.json", "describe-db-clusters.json");
  CHECK(shown(clusters.result.resources.at(0).attrs.find("multi_az")) == "true");
  CHECK(shown(clusters.result.resources.at(0).attrs.find("storage_encrypted")) == "true");
}

TEST_CASE("exports: AWS Config snapshots, history and select results", "[aws-export][conformance]") {
  if (!test::have_external("aws-config-examples")) return;
  fs::path root = test::external_dir() / "aws-config-examples";
  Exported snapshot = read_export(root / "configuration-snapshot.deliver-snapshot-cli.json", "snapshot.json");
  REQUIRE(snapshot.file.kind == scan::FileKind::aws_export);
  REQUIRE(snapshot.result.resources.size() == 2);
  CHECK(snapshot.result.resources[0].type == "aws_ebs_volume");
  CHECK(snapshot.result.resources[1].type == "aws_instance");
  CHECK(snapshot.result.resources[1].account == "123456789012");
  // Without its recorder's item, a snapshot holds the types it shows, and no other.
  const model::Resource& instance = snapshot.result.resources[1];
  CHECK(adapt::holds(snapshot.result.inventories, "aws_instance", instance.account, instance.region));
  CHECK_FALSE(adapt::holds(snapshot.result.inventories, "aws_flow_log", instance.account, instance.region));
  Exported select = read_export(root / "select-resource-config.json", "select.json");
  REQUIRE_FALSE(select.result.resources.empty());
  CHECK(select.result.resources[0].partial);  // a select result holds only the fields it selected
  for (const char* bad : {"get-resource-config-history.ec2-securitygroup.invalid-json.txt",
                          "get-resource-config-history.config-resourcecompliance.view-compliance-history.invalid-json.txt"}) {
    Exported x = read_export(root / bad, bad);
    INFO(bad);
    REQUIRE(base::has_errors(x.file.diagnostics));
    CHECK(x.file.diagnostics[0].where.line > 1);
  }
}

TEST_CASE("exports: the bundle of four accounts gives exactly its planted findings") {
  scan::ScanResult result = scan_folder("fixtures/exports/bundle");
  CHECK(result.error_count() == 0);
  std::set<std::string> found, expected;
  for (const auto& f : result.findings) found.insert(f.rule_id + " " + f.resource);
  std::ifstream in(test::source_dir() / "fixtures/exports/expected.txt");
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') expected.insert(line);
  CHECK(found == expected);
  // Staging's flow logs were not exported: undecided, not a finding.
  bool undecided = false;
  for (const auto& c : result.checks)
    if (c.rule_id == "NET-007" && c.resource && c.resource->account == "444444444444")
      undecided = c.outcome == evaluate::Tri::unknown;
  CHECK(undecided);
}

TEST_CASE("exports: a resource's export and its Terraform twin get the same verdicts") {
  // Rules about one resource and its neighbours; estate rules (NET-001,
  // DR-001, EKS-008, ORG-001, COST-002) see more than the twin holds.
  const std::vector<std::string> rules = {"NET-00?", "DB-00?", "EKS-00?", "COST-001"};
  scan::ScanResult live = scan_folder("fixtures/exports/bundle/222222222222/us-east-1", rules);
  scan::ScanResult iac = scan_folder("fixtures/exports/twin", rules);
  auto verdicts = [](const scan::ScanResult& r) {
    std::map<std::pair<std::string, std::string>, evaluate::Tri> out;
    for (const auto& c : r.checks) {
      if (!c.resource || c.rule_id == "NET-001" || c.rule_id == "EKS-008") continue;
      const model::Value* tags = c.resource->attrs.find("tags");
      const model::Value* name = tags && tags->is_map() ? tags->find("Name") : nullptr;
      if (name && name->is_string()) out[{c.rule_id, c.resource->type + ":" + name->as_string()}] = c.outcome;
    }
    return out;
  };
  auto a = verdicts(live), b = verdicts(iac);
  int compared = 0, failing = 0;
  for (const auto& [key, outcome] : b) {
    auto it = a.find(key);
    if (it == a.end() || it->second == evaluate::Tri::unknown || outcome == evaluate::Tri::unknown) continue;
    INFO(key.first << " on " << key.second);
    CHECK(it->second == outcome);
    ++compared;
    failing += outcome == evaluate::Tri::false_;
  }
  CHECK(compared >= 30);
  CHECK(failing == 2);  // NET-009 on the bastion group, EKS-001 on the cluster
}

TEST_CASE("exports: an output named after its resource is that resource, even beside one other of its type") {
  // A bucket's get-public-access-block is saved under the bucket's name; the
  // Config snapshot holds one other bucket. They are two buckets.
  scan::ScanOptions options;
  options.paths = {(test::source_dir() / "rules/edge/EDGE-006/cases/fire/aws-cli").string(),
                   (test::source_dir() / "rules/edge/EDGE-006/cases/fire/aws-config").string()};
  options.root = test::source_dir();
  options.jobs = 1;
  options.only_rules = {"EDGE-006"};
  scan::ScanResult result = scan::run_scan(options);
  std::vector<std::string> buckets;
  for (const auto& r : result.resources)
    if (r.type == "aws_s3_bucket") buckets.push_back(r.address);
  std::sort(buckets.begin(), buckets.end());
  CHECK(buckets == std::vector<std::string>{"arn:aws:s3:::innovate-prod-uploads", "aws_s3_bucket/innovate-prod-site@222222222222/us-east-1"});
  CHECK(result.findings.size() == 2);
  // A file named after the service or the command describes the one detector
  // of its account and region (ORG-005's case with other file names).
  scan::ScanResult detectors = scan_folder("rules/org/ORG-005/cases/fire/cli-other-file-names", {"ORG-005"});
  size_t count = 0;
  for (const auto& r : detectors.resources) count += r.type == "aws_guardduty_detector";
  CHECK(count == 1);
}

TEST_CASE("exports: load balancer and target group attributes, which print alike, are told apart by the ARN they are saved under") {
  fs::path dir = fs::temp_directory_path() / "guardrail-lb-attributes/222222222222/us-east-1/elbv2";
  fs::create_directories(dir / "describe-load-balancer-attributes");
  fs::create_directories(dir / "describe-target-group-attributes");
  const std::string lb = "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer%2Fapp%2Fweb%2F5f1c2a8e9b7d3c41";
  const std::string tg = "arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup%2Fweb%2F6a2d3b9f0c8e4d52";
  const std::string attributes =
      R"({"Attributes": [{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                         {"Key": "deregistration_delay.timeout_seconds", "Value": "300"}]})";
  std::ofstream(dir / "describe-load-balancer-attributes" / (lb + ".json")) << attributes;
  std::ofstream(dir / "describe-target-group-attributes" / (tg + ".json")) << attributes;
  std::map<std::string, std::string> types;
  for (std::string command : {"describe-load-balancer-attributes", "describe-target-group-attributes"}) {
    fs::path file = dir / command / ((command == "describe-load-balancer-attributes" ? lb : tg) + ".json");
    Exported e = read_export(file, file.string());
    REQUIRE(e.result.resources.size() == 1);
    types[command] = e.result.resources[0].type;
    CHECK(e.result.resources[0].attrs.find("load_balancer_attributes") != nullptr);
  }
  CHECK(types["describe-load-balancer-attributes"] == "aws_lb");
  CHECK(types["describe-target-group-attributes"] == "aws_lb_target_group");
  // Outside a bundle, a list of keys and values is anybody's JSON.
  std::ofstream(fs::temp_directory_path() / "guardrail-lb-attributes/attributes.json") << attributes;
  Exported loose = read_export(fs::temp_directory_path() / "guardrail-lb-attributes/attributes.json", "attributes.json");
  CHECK(loose.file.kind != scan::FileKind::aws_export);
  fs::remove_all(fs::temp_directory_path() / "guardrail-lb-attributes");
}

TEST_CASE("exports: a policy printed as text is a bucket's only from s3api get-bucket-policy, a function's from lambda get-policy, a key's from kms get-key-policy") {
  fs::path root = fs::temp_directory_path() / "guardrail-policy-text/222222222222/us-east-1";
  const std::string policy = R"({\"Version\":\"2012-10-17\",\"Statement\":[]})";
  struct Case {
    std::string file, doc;
    bool bucket;
  };
  for (const Case& c : {Case{"s3api/get-bucket-policy/innovate-logs.json", "{\"Policy\": \"" + policy + "\"}", true},
                        Case{"lambda/get-policy/rotate-secret.json",
                             "{\"Policy\": \"" + policy + "\", \"RevisionId\": \"4b1e\"}", false},
                        Case{"kms/get-key-policy/5bbe9c48.json",
                             "{\"Policy\": \"" + policy + "\", \"PolicyName\": \"default\"}", false}}) {
    INFO(c.file);
    fs::create_directories((root / c.file).parent_path());
    std::ofstream(root / c.file) << c.doc;
    Exported e = read_export(root / c.file, (root / c.file).string());
    size_t buckets = 0, functions = 0, keys = 0;
    for (const auto& r : e.result.resources) {
      buckets += r.type == "aws_s3_bucket";
      functions += r.type == "aws_lambda_function";
      keys += r.type == "aws_kms_key";
    }
    CHECK(buckets == (c.bucket ? 1u : 0u));
    // lambda get-policy is the function's policy, kms get-key-policy the key's, named by the file.
    CHECK(functions == (c.file.rfind("lambda/", 0) == 0 ? 1u : 0u));
    CHECK(keys == (c.file.rfind("kms/", 0) == 0 ? 1u : 0u));
  }
  fs::remove_all(fs::temp_directory_path() / "guardrail-policy-text");
}

TEST_CASE("exports: wafv2 get-web-acl is the web ACL with its rules, beside its lock token") {
  scan::ScanResult result = scan_folder("rules/edge/EDGE-008/cases/pass/aws-cli", {"EDGE-008"});
  REQUIRE(result.resources.size() == 1);
  CHECK(result.resources[0].type == "aws_wafv2_web_acl");
  const model::Value* rules = result.resources[0].attrs.find("rule");
  REQUIRE(rules);
  CHECK(rules->is_list());
  CHECK(rules->size() == 1);
}

TEST_CASE("exports: only a command's arrays stream; its object, or anything else beside them, is read whole") {
  using K = adapt::TopLevelKey;
  CHECK(adapt::is_export_envelope({K{"SecurityGroups", true}}));
  CHECK(adapt::is_export_envelope({K{"Vpcs", true}, K{"NextToken", false}}));
  CHECK(adapt::is_export_envelope({K{"fileVersion", false}, K{"configSnapshotId", false}, K{"configurationItems", true}}));
  // describe-cluster's object and describe-key's are not arrays to stream.
  CHECK_FALSE(adapt::is_export_envelope({K{"cluster", false}}));
  CHECK_FALSE(adapt::is_export_envelope({K{"KeyMetadata", false}}));
  CHECK_FALSE(adapt::is_export_envelope({K{"SecurityGroups", false}}));
  // Not an export: something beside the array that no command prints.
  CHECK_FALSE(adapt::is_export_envelope({K{"SecurityGroups", true}, K{"mine", true}}));
  CHECK_FALSE(adapt::is_export_envelope({}));
}

TEST_CASE("exports: a streamed item keeps what names it and what the rules read, and all of a type read whole") {
  load::KeepMember keep = adapt::export_keep({"cidr_block"}, {"aws_s3_account_public_access_block"});
  // describe-availability-zones is named by ZoneName, which no rule reads.
  CHECK(keep("AvailabilityZones", "ZoneName"));
  CHECK(keep("Vpcs", "CidrBlock"));
  CHECK(keep("Vpcs", "VpcId"));
  CHECK_FALSE(keep("Vpcs", "InstanceTenancy"));
  // A Config item's type is not known while it is read: with a type read
  // whole, every configuration member is kept (and pruned by type after).
  CHECK(keep("configurationItems", "configuration.blockPublicAcls"));
  CHECK_FALSE(keep("configurationItems", "relationships"));
  load::KeepMember narrow = adapt::export_keep({"cidr_block"});
  CHECK_FALSE(narrow("configurationItems", "configuration.blockPublicAcls"));
  CHECK(narrow("configurationItems", "configuration.cidrBlock"));
}

TEST_CASE("exports: an AWS managed policy is in the account whose export lists it, not an account named aws") {
  auto dir = test::temp_dir("aws-managed-policy");
  fs::path file = dir / "123456789012/global/iam/get-account-authorization-details.json";
  test::write_file(file, R"({"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [],
    "Policies": [{"PolicyName": "ReadOnlyAccess", "PolicyId": "ANPAILL3HVNFSB6DCOWYQ",
                  "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "Path": "/", "DefaultVersionId": "v1",
                  "AttachmentCount": 1, "IsAttachable": true, "PolicyVersionList": []}]})");
  Exported e = read_export(file, "123456789012/global/iam/get-account-authorization-details.json");
  const model::Resource* policy = by_id(e.result, "arn:aws:iam::aws:policy/ReadOnlyAccess");
  REQUIRE(policy);
  CHECK(policy->account == "123456789012");
}

TEST_CASE("exports: JSON in a bundle that is no output guardrail reads is a warning, not silence") {
  auto dir = test::temp_dir("bundle-unread");
  test::write_file(dir / "123456789012/us-east-1/wafv2/list-web-acls.json",
                   R"({"NextMarker": "x", "WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/1"}]})");
  test::write_file(dir / "notes/tsconfig.json", R"({"compilerOptions": {}})");
  scan::ScanOptions options;
  options.paths = {dir.string()};
  options.root = dir;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  size_t warnings = 0;
  for (const auto& d : result.diagnostics)
    if (d.code == "export-unread") {
      ++warnings;
      CHECK(d.level == base::Level::warning);
      CHECK(d.message.find("its keys: NextMarker, WebACLs") != std::string::npos);
    }
  CHECK(warnings == 1);  // the tsconfig is no export, and nothing says it is
}

TEST_CASE("exports: only what exists, and only complete listings, count") {
  auto dir = test::temp_dir("exports-live");
  auto item = [](const std::string& type, const std::string& id, const std::string& configuration,
                 const std::string& time = "2025-06-02T04:15:33.214Z", const std::string& status = "OK") {
    return R"({"configurationItemCaptureTime": ")" + time + R"(", "configurationItemStatus": ")" + status +
           R"(", "awsAccountId": "123456789012", "awsRegion": "us-east-1", "resourceType": ")" + type +
           R"(", "resourceId": ")" + id + R"(", "tags": {}, "configuration": )" + configuration + "}";
  };
  // A snapshot: a failed NAT gateway and a deleted endpoint are not there; a
  // flow log the recorder does not record leaves flow logs unknown; an RDS
  // item without its configuration is known to exist, nothing more.
  test::write_file(dir / "123456789012/us-east-1/config/snapshot.json",
                   R"({"fileVersion": "1.0", "configSnapshotId": "x", "configurationItems": [)" +
                       item("AWS::EC2::NatGateway", "nat-1", R"({"natGatewayId": "nat-1", "state": "failed"})") + "," +
                       item("AWS::EC2::VPCEndpoint", "vpce-1", R"({"vpcEndpointId": "vpce-1", "state": "deleted"})") + "," +
                       item("AWS::EC2::FlowLog", "fl-1", "null", "2025-06-02T04:15:33.214Z", "ResourceNotRecorded") + "," +
                       item("AWS::RDS::DBInstance", "db-1", "null") + "]}");
  // A history split across two files: the later one deletes the group.
  test::write_file(dir / "123456789012/us-east-1/config/a_ConfigHistory_AWS::EC2::SecurityGroup_1.json",
                   R"({"fileVersion": "1.0", "configurationItems": [)" +
                       item("AWS::EC2::SecurityGroup", "sg-1", R"({"groupId": "sg-1", "ipPermissions": []})",
                            "2025-06-01T00:00:00Z") + "]}");
  test::write_file(dir / "123456789012/us-east-1/config/b_ConfigHistory_AWS::EC2::SecurityGroup_2.json",
                   R"({"fileVersion": "1.0", "configurationItems": [)" +
                       item("AWS::EC2::SecurityGroup", "sg-1", "null", "2025-06-02T00:00:00Z", "ResourceDeleted") + "]}");
  // One page of several, and a VPC whose second block failed to associate.
  test::write_file(dir / "123456789012/us-west-2/ec2/describe-flow-logs.json",
                   R"({"FlowLogs": [{"FlowLogId": "fl-2", "ResourceId": "vpc-9"}], "NextToken": "abc"})");
  test::write_file(dir / "123456789012/us-west-2/ec2/describe-vpcs.json",
                   R"({"Vpcs": [{"VpcId": "vpc-9", "CidrBlock": "10.0.0.0/16", "CidrBlockAssociationSet": [
                        {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
                        {"CidrBlock": "10.9.0.0/16", "CidrBlockState": {"State": "failed"}}]}]})");
  scan::ScanOptions options;
  options.paths = {dir.string()};
  options.root = dir;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  std::set<std::string> types;
  for (const auto& r : result.resources) types.insert(r.type);
  CHECK(!types.count("aws_nat_gateway"));
  CHECK(!types.count("aws_vpc_endpoint"));
  CHECK(!types.count("aws_security_group"));
  for (const auto& r : result.resources)
    if (r.type == "aws_db_instance") CHECK(r.partial);
  CHECK(adapt::holds(result.inventories, "aws_nat_gateway", "123456789012", "us-east-1"));
  CHECK(!adapt::holds(result.inventories, "aws_flow_log", "123456789012", "us-east-1"));  // not recorded
  CHECK(!adapt::holds(result.inventories, "aws_flow_log", "123456789012", "us-west-2"));  // one page of more
  CHECK(adapt::holds(result.inventories, "aws_vpc", "123456789012", "us-west-2"));
  for (const auto& r : result.resources)
    if (r.type == "aws_vpc") CHECK(model::to_display(*r.attrs.find("cidr_blocks")) == "[\"10.0.0.0/16\"]");
}

TEST_CASE("exports: a Route 53 record's name is read as written, not with the API's octal escapes") {
  auto dir = test::temp_dir("route53-escapes");
  fs::path file = dir / "123456789012/global/route53/list-resource-record-sets/Z1.json";
  test::write_file(file, R"({"ResourceRecordSets": [
    {"Name": "\\052.example.com.", "Type": "CNAME", "TTL": 300, "ResourceRecords": [{"Value": "lb.example.net"}]},
    {"Name": "a\\100b.example.com.", "Type": "TXT", "TTL": 300, "ResourceRecords": [{"Value": "\"x\""}]},
    {"Name": "app.example.com.", "Type": "A", "SetIdentifier": "primary",
     "AliasTarget": {"HostedZoneId": "Z2", "DNSName": "lb.example.net.", "EvaluateTargetHealth": true}}]})");
  Exported e = read_export(file, "123456789012/global/route53/list-resource-record-sets/Z1.json");
  const model::Resource* wildcard = by_id(e.result, "*.example.com.|CNAME");
  REQUIRE(wildcard);
  CHECK(shown(wildcard->attrs.find("name")) == "*.example.com.");
  CHECK(by_id(e.result, "a@b.example.com.|TXT"));
  CHECK(by_id(e.result, "app.example.com.|A|primary"));
}

TEST_CASE("exports: DocumentDB and Neptune, listed by rds describe-db-clusters, are not RDS databases") {
  auto dir = test::temp_dir("docdb-neptune");
  fs::path file = dir / "123456789012/us-east-1/rds/describe-db-clusters.json";
  test::write_file(file, R"({"DBClusters": [
    {"DBClusterIdentifier": "docs", "Engine": "docdb", "StorageEncrypted": true,
     "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:docs"},
    {"DBClusterIdentifier": "graph", "Engine": "neptune", "StorageEncrypted": true,
     "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:graph"},
    {"DBClusterIdentifier": "app", "Engine": "aurora-postgresql", "StorageEncrypted": true,
     "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:app"}]})");
  Exported e = read_export(file, "123456789012/us-east-1/rds/describe-db-clusters.json");
  REQUIRE(by_id(e.result, "arn:aws:rds:us-east-1:123456789012:cluster:docs"));
  CHECK(by_id(e.result, "arn:aws:rds:us-east-1:123456789012:cluster:docs")->type == "aws_docdb_cluster");
  CHECK(by_id(e.result, "arn:aws:rds:us-east-1:123456789012:cluster:graph")->type == "aws_neptune_cluster");
  CHECK(by_id(e.result, "arn:aws:rds:us-east-1:123456789012:cluster:app")->type == "aws_rds_cluster");
}

TEST_CASE("exports: a page of route53 list-resource-record-sets is read, its NextRecordName its pagination") {
  auto dir = test::temp_dir("route53-pages");
  fs::path file = dir / "123456789012/global/route53/list-resource-record-sets/Z1.json";
  test::write_file(file, R"({"ResourceRecordSets": [
    {"Name": "app.example.com.", "Type": "A", "SetIdentifier": "main", "Failover": "PRIMARY",
     "AliasTarget": {"HostedZoneId": "Z2", "DNSName": "lb.example.net.", "EvaluateTargetHealth": true}}],
    "IsTruncated": true, "NextRecordName": "app.example.com.", "NextRecordType": "A", "NextRecordIdentifier": "dr",
    "MaxItems": "1"})");
  Exported e = read_export(file, "123456789012/global/route53/list-resource-record-sets/Z1.json");
  CHECK(e.file.kind == scan::FileKind::aws_export);
  CHECK(by_id(e.result, "app.example.com.|A|main"));
  CHECK(e.result.truncated);
}

TEST_CASE("exports: a node group listed by list-nodegroups and described by describe-nodegroup is one") {
  auto dir = test::temp_dir("nodegroup-merge");
  test::write_file(dir / "222222222222/us-east-1/eks/list-nodegroups/prod.json", R"({"nodegroups": ["system"]})");
  test::write_file(dir / "222222222222/us-east-1/eks/describe-nodegroup/prod-system.json", R"({"nodegroup": {
    "nodegroupName": "system", "clusterName": "prod", "capacityType": "ON_DEMAND",
    "nodegroupArn": "arn:aws:eks:us-east-1:222222222222:nodegroup/prod/system/a8c75f2f",
    "labels": {}, "tags": {}}})");
  scan::ScanOptions options;
  options.paths = {dir.string()};
  options.root = dir;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  size_t groups = 0;
  for (const auto& r : result.resources)
    if (r.type == "aws_eks_node_group") {
      ++groups;
      CHECK_FALSE(r.partial);
      CHECK(shown(r.attrs.find("id")) == "prod:system");
    }
  CHECK(groups == 1);
}

TEST_CASE("exports: a resource described as being deleted takes its listing with it") {
  auto dir = test::temp_dir("deleting-listed");
  test::write_file(dir / "222222222222/us-east-1/eks/list-clusters.json", R"({"clusters": ["prod", "legacy"]})");
  test::write_file(dir / "222222222222/us-east-1/eks/describe-cluster/prod.json", R"({"cluster": {
    "name": "prod", "arn": "arn:aws:eks:us-east-1:222222222222:cluster/prod", "status": "ACTIVE"}})");
  test::write_file(dir / "222222222222/us-east-1/eks/describe-cluster/legacy.json", R"({"cluster": {
    "name": "legacy", "arn": "arn:aws:eks:us-east-1:222222222222:cluster/legacy", "status": "DELETING"}})");
  scan::ScanOptions options;
  options.paths = {dir.string()};
  options.root = dir;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  std::vector<std::string> clusters;
  for (const auto& r : result.resources)
    if (r.type == "aws_eks_cluster") clusters.push_back(r.address);
  CHECK(clusters == std::vector<std::string>{"arn:aws:eks:us-east-1:222222222222:cluster/prod"});
}

TEST_CASE("exports: a --query list is read by its items' own ID, not by the VPC or subnet they sit in") {
  auto dir = test::temp_dir("query-own-id");
  auto read = [&](const std::string& name, const std::string& text) {
    std::string display = "123456789012/us-east-1/" + name;
    test::write_file(dir / display, text);
    return read_export(dir / display, display);
  };
  // describe-security-groups --query 'SecurityGroups[]'
  Exported groups = read("security-groups.json", R"([{"GroupName": "ssh", "GroupId": "sg-0123456789abcdef0",
    "IpPermissions": [], "VpcId": "vpc-0a1b2c3d4e5f60718"}])");
  REQUIRE(groups.result.resources.size() == 1);
  CHECK(groups.result.resources[0].type == "aws_security_group");
  // describe-instances --query 'Reservations[].Instances[]'
  Exported instances = read("instances.json", R"([{"ImageId": "ami-0abcdef1234567890", "InstanceId": "i-1234567890abcdef0",
    "SubnetId": "subnet-0a1b2c3d", "VpcId": "vpc-0a1b2c3d"}])");
  REQUIRE(instances.result.resources.size() == 1);
  CHECK(instances.result.resources[0].type == "aws_instance");
  // describe-subnets --query 'Subnets[]': a subnet carries its VPC's ID.
  Exported subnets = read("subnets.json", R"([{"SubnetId": "subnet-0a1b2c3d", "VpcId": "vpc-0a1b2c3d"}])");
  REQUIRE(subnets.result.resources.size() == 1);
  CHECK(subnets.result.resources[0].type == "aws_subnet");
  // describe-network-interfaces --query 'NetworkInterfaces[]': no row reads
  // them, and they are neither subnets nor VPCs.
  Exported enis = read("enis.json", R"([{"NetworkInterfaceId": "eni-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d",
    "VpcId": "vpc-0a1b2c3d"}])");
  for (const auto& r : enis.result.resources) CHECK((r.type != "aws_subnet" && r.type != "aws_vpc"));
}

TEST_CASE("exports: an output named by its resource's name or percent-encoded ARN goes to it; one naming none is partial") {
  const std::string arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/0123456789abcdef";
  const std::string lbs = R"({"LoadBalancers": [{"LoadBalancerArn": ")" + arn +
                          R"(", "LoadBalancerName": "demo", "Scheme": "internal", "Type": "application"}]})";
  const std::string attributes = R"({"Attributes": [{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}]})";
  for (const std::string& name : {std::string("demo"),
                                  std::string("arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Aloadbalancer"
                                              "%2Fapp%2Fdemo%2F0123456789abcdef"),
                                  std::string("retired-lb")}) {
    CAPTURE(name);
    auto dir = test::temp_dir("lb-attributes");
    test::write_file(dir / "123456789012/us-east-1/elbv2/describe-load-balancers.json", lbs);
    test::write_file(dir / ("123456789012/us-east-1/elbv2/describe-load-balancer-attributes/" + name + ".json"), attributes);
    scan::ScanOptions options;
    options.paths = {dir.string()};
    options.root = dir;
    options.jobs = 1;
    options.builtin_pack = false;
    scan::ScanResult result = scan::run_scan(options);
    std::vector<const model::Resource*> lb;
    for (const auto& r : result.resources)
      if (r.type == "aws_lb" && r.address == arn) lb.push_back(&r);
      else if (r.type == "aws_lb") {
        // Attributes of a load balancer the listing does not hold: all else
        // about it is unknown, never Terraform's internet-facing default.
        CHECK(name == "retired-lb");
        CHECK(r.partial);
        CHECK(r.attrs.find("scheme") == nullptr);
      }
    REQUIRE(lb.size() == 1);
    CHECK(lb[0]->address == arn);
    CHECK(shown(lb[0]->attrs.find("scheme")) == "internal");
    CHECK((lb[0]->attrs.find("load_balancer_attributes") != nullptr) == (name != "retired-lb"));
  }
}

TEST_CASE("exports: outputs of other services that share a key are not read as the output guardrail knows") {
  auto dir = test::temp_dir("shared-keys");
  auto read = [&](const std::string& name, const std::string& text) {
    std::string display = "111122223333/us-east-1/" + name;
    test::write_file(dir / display, text);
    return read_export(dir / display, display);
  };
  // securityhub describe-organization-configuration, beside GuardDuty's of the same name.
  Exported hub = read("securityhub/describe-organization-configuration.json",
                      R"({"AutoEnable": true, "MemberAccountLimitReached": false, "AutoEnableStandards": "DEFAULT",
                          "OrganizationConfiguration": {"ConfigurationType": "LOCAL"}})");
  CHECK(hub.result.resources.empty());
  Exported guardduty = read("guardduty/describe-organization-configuration.json",
                            R"({"AutoEnable": true, "MemberAccountLimitReached": false, "AutoEnableOrganizationMembers": "NEW"})");
  REQUIRE(guardduty.result.resources.size() == 1);
  CHECK(guardduty.result.resources[0].type == "aws_guardduty_organization_configuration");
  // events list-targets-by-rule, beside organizations list-targets-for-policy.
  Exported events = read("events/list-targets-by-rule/nightly-backup.json",
                         R"({"Targets": [{"Id": "1", "Arn": "arn:aws:lambda:us-east-1:111122223333:function:backup"}]})");
  CHECK(events.result.resources.empty());
  Exported scp = read("organizations/list-targets-for-policy/p-examplepolicyid111.json",
                      R"({"Targets": [{"TargetId": "ou-examplerootid111-exampleouid111", "Arn": "arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-examplerootid111-exampleouid111", "Name": "Prod", "Type": "ORGANIZATIONAL_UNIT"}]})");
  REQUIRE(scp.result.resources.size() == 1);
  CHECK(scp.result.resources[0].type == "aws_organizations_policy");
}

TEST_CASE("exports: an instance of a flat describe-instances output is in its reservation's account") {
  auto dir = test::temp_dir("flat-instances");
  test::write_file(dir / "instances.json",
                   R"({"Reservations": [{"ReservationId": "r-0123456789abcdef0", "OwnerId": "111122223333",
                       "Instances": [{"InstanceId": "i-1234567890abcdef0", "InstanceType": "t3.micro"}]}]})");
  Exported e = read_export(dir / "instances.json", "instances.json");
  REQUIRE(e.result.resources.size() == 1);
  CHECK(e.result.resources[0].account == "111122223333");
}
