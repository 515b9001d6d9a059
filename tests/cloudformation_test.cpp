#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <map>

#include "adapt/cloudformation/mapping.hpp"
#include "adapt/cloudformation/template.hpp"
#include "load/json_loader.hpp"
#include "load/yaml_loader.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace guardrail;
namespace cfn = adapt::cloudformation;
using model::Value;

namespace {

struct Result {
  std::unique_ptr<base::SourceFile> src;
  cfn::Evaluated ev;
};

Result evaluate_yaml(const std::string& text, cfn::Inputs inputs = {}) {
  Result r;
  r.src = std::make_unique<base::SourceFile>("t.yaml", text);
  load::Documents docs = load::load_yaml(*r.src);
  REQUIRE(docs.documents.size() == 1);
  r.ev = cfn::evaluate_template(docs.documents[0], inputs, "t.yaml#");
  return r;
}

const cfn::TemplateResource* resource(const Result& r, const std::string& id) {
  for (const auto& x : r.ev.resources)
    if (x.logical_id == id) return &x;
  return nullptr;
}

std::string shown(const Value& v) { return model::to_display(v, 400); }

std::string errors(const Result& r) {
  std::string out;
  for (const auto& d : r.ev.diagnostics)
    out += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("cfn: intrinsic functions in short and long form") {
  Result r = evaluate_yaml(R"(
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr: {Type: String, Default: 10.0.0.0/16}
  Env: {Type: String, Default: prod}
  Zones: {Type: CommaDelimitedList, Default: "a, b,c"}
Mappings:
  Sizes: {prod: {Class: db.r6g.large}, dev: {Class: db.t4g.micro}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: {"Fn::Not": [{Condition: IsProd}]}
  Both: !And [!Condition IsProd, !Not [!Condition NotProd]]
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: !Select [2, !Cidr [!GetAtt VPC.CidrBlock, 6, 8]]
      AvailabilityZone: !Select [1, !GetAZs us-west-2]
      Name: !Sub "${Env}-${AWS::Partition}-${!Literal}"
      Joined: {"Fn::Join": ["-", [a, !Ref Env, {"Fn::Select": ["0", !Ref Zones]}]]}
      Parts: !Split [",", "x,y"]
      Class: !FindInMap [Sizes, !Ref Env, Class]
      Picked: !If [IsProd, big, small]
      Gone: !If [NotProd, here, !Ref AWS::NoValue]
      Arn: !GetAtt VPC.Arn
      Account: !Ref AWS::AccountId
      Whole: !Sub "${VPC}"
  OnlyInDev:
    Type: AWS::EC2::VPC
    Condition: NotProd
    Properties: {CidrBlock: 10.9.0.0/16}
  OnlyInProd:
    Type: AWS::EC2::VPC
    Condition: Both
    Properties: {CidrBlock: 10.8.0.0/16}
)");
  CHECK(errors(r) == "");
  CHECK(resource(r, "OnlyInDev") == nullptr);  // its condition is false: not created, not checked
  REQUIRE(resource(r, "OnlyInProd") != nullptr);
  const Value& p = resource(r, "Subnet")->properties;
  CHECK(shown(*p.find("VpcId")) == "t.yaml#VPC");
  CHECK(p.find("VpcId")->is_reference());
  // Fn::Cidr [10.0.0.0/16, 6, 8]: six /24 blocks; the third is 10.0.2.0/24.
  CHECK(shown(*p.find("CidrBlock")) == "10.0.2.0/24");
  CHECK(shown(*p.find("AvailabilityZone")) == "us-west-2b");
  CHECK(shown(*p.find("Name")) == "prod-aws-${Literal}");
  CHECK(shown(*p.find("Joined")) == "a-prod-a");
  CHECK(shown(*p.find("Parts")) == "[\"x\", \"y\"]");
  CHECK(shown(*p.find("Class")) == "db.r6g.large");
  CHECK(shown(*p.find("Picked")) == "big");
  CHECK(p.find("Gone") == nullptr);  // AWS::NoValue removes the property
  CHECK(p.find("Arn")->is_reference());
  CHECK(p.find("Arn")->as_string() == "t.yaml#VPC.Arn");
  CHECK(p.find("Account")->is_unknown());  // unknown unless given
  CHECK(p.find("Whole")->is_reference());
  // A parameter's default is located where it is written (as a Terraform
  // variable's default is).
  CHECK(resource(r, "VPC")->properties.find("CidrBlock")->location().line == 4);
}

TEST_CASE("cfn: Fn::Cidr as AWS documents it, and pseudo parameters when given") {
  cfn::Inputs in;
  in.region = "us-east-1";
  in.account = "222222222222";
  Result r = evaluate_yaml(R"(
Resources:
  X:
    Type: AWS::EC2::VPC
    Properties:
      Blocks: !Cidr ["192.168.0.0/24", 6, 5]
      V6: !Cidr ["2001:db8::/56", 2, 64]
      Zones: !GetAZs ""
      Here: !Sub "arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}"
)",
                           in);
  CHECK(errors(r) == "");
  const Value& p = resource(r, "X")->properties;
  CHECK(shown(*p.find("Blocks")) ==
        "[\"192.168.0.0/27\", \"192.168.0.32/27\", \"192.168.0.64/27\", \"192.168.0.96/27\", \"192.168.0.128/27\", "
        "\"192.168.0.160/27\"]");
  CHECK(shown(*p.find("V6")) == "[\"2001:db8::/64\", \"2001:db8:0:1::/64\"]");
  CHECK(p.find("Zones")->size() == 6);
  CHECK(shown(*p.find("Here")) == "arn:aws:s3:us-east-1:222222222222");
}

TEST_CASE("cfn: Fn::GetAZs of a region whose zones are not in the table is unknown, never a guess") {
  // ap-northeast-2 has four zones; a region guardrail does not know is
  // unknown, and selecting past a guess is not an error on a valid template.
  Result r = evaluate_yaml(R"(
Resources:
  X:
    Type: AWS::EC2::Subnet
    Properties:
      Fourth: !Select [3, !GetAZs ap-northeast-2]
      Elsewhere: !Select [3, !GetAZs mx-central-1]
      Zones: !GetAZs mx-central-1
)");
  CHECK(errors(r) == "");
  const Value& p = resource(r, "X")->properties;
  CHECK(shown(*p.find("Fourth")) == "ap-northeast-2d");
  CHECK(p.find("Elsewhere")->is_unknown());
  CHECK(p.find("Zones")->is_unknown());
}

TEST_CASE("cfn: a nested stack's output is known when deployed, not the stack itself") {
  Result r = evaluate_yaml(R"(
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./vpc.yaml
  Logs:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Network.Outputs.VpcId
      ResourceType: VPC
)");
  CHECK(errors(r) == "");
  CHECK(resource(r, "Logs")->properties.find("ResourceId")->is_unknown());
}

TEST_CASE("cfn: AWS::Include in the Resources section stands for resources the template does not list") {
  // AWS: the transform may be used anywhere except Parameters and the version.
  Result r = evaluate_yaml(R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn::Transform:
    Name: AWS::Include
    Parameters:
      Location: s3://amzn-s3-demo-bucket/more-resources.yaml
)");
  CHECK(errors(r) == "");
  CHECK(r.ev.resources.size() == 1);
  CHECK(r.ev.macro == "AWS::Include");
}

TEST_CASE("cfn: AWS::LanguageExtensions names resources and loop items by functions") {
  Result r = evaluate_yaml(R"(
Transform: AWS::LanguageExtensions
Parameters:
  Extra: {Type: String, Default: audit}
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Alpha, !Ref Extra]
    - Topic${Name}:
        Type: AWS::SNS::Topic
      Policy${Name}:
        Type: AWS::SNS::TopicPolicy
        Properties:
          Topics:
            - !Ref
                Fn::Sub: Topic${Name}
          PolicyDocument:
            Statement:
              - Resource: !GetAtt [!Sub "Topic${Name}", TopicArn]
)");
  CHECK(errors(r) == "");
  REQUIRE(resource(r, "Topicaudit"));
  REQUIRE(resource(r, "Policyaudit"));
  const Value& policy = resource(r, "PolicyAlpha")->properties;
  CHECK(shown(*policy.find("Topics")) == "[t.yaml#TopicAlpha]");
  CHECK(shown(*policy.find("PolicyDocument")->find("Statement")->as_list()[0].find("Resource")) ==
        "t.yaml#TopicAlpha.TopicArn");
}

TEST_CASE("cfn: malformed templates give located errors; the rest is still evaluated") {
  Result r = evaluate_yaml(R"(
Conditions:
  A: !Condition B
  B: !Condition A
Resources:
  Good:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Bad:
    Type: AWS::EC2::Subnet
    Properties:
      Unknown: !Bogus x
      LongUnknown: {"Fn::Nope": [1]}
      OutOfRange: !Select [5, [a, b]]
      Arity: !Select [1]
      Nothing: !Ref Missing
      WrongNode: !Ref {a: b}
      Cycle: !If [A, x, y]
      Fine: !Ref Good
)");
  CHECK(errors(r) ==
        "13:16 unknown intrinsic function tag !Bogus\n"
        "18:18 !Ref takes a name, not a map\n"
        "14:21 unknown intrinsic function Fn::Nope\n"
        "15:19 Fn::Select: index 5 is out of range for a list of 2\n"
        "16:14 Fn::Select takes [index, list]\n"
        "17:16 Ref to 'Missing', which is neither a parameter nor a resource of this template\n"
        "4:6 condition 'A' depends on itself\n");
  const cfn::TemplateResource* bad = resource(r, "Bad");
  REQUIRE(bad);
  CHECK(bad->properties.find("OutOfRange")->is_unknown());
  CHECK(bad->properties.find("Fine")->is_reference());
  CHECK(resource(r, "Good") != nullptr);
}

TEST_CASE("cfn: the canonical vocabulary, from the table") {
  CHECK(cfn::snake_case("DBInstanceClass") == "db_instance_class");
  CHECK(cfn::snake_case("MultiAZ") == "multi_az");
  CHECK(cfn::snake_case("Ipv6CidrBlock") == "ipv6_cidr_block");
  CHECK(cfn::snake_case("VPCZoneIdentifier") == "vpc_zone_identifier");
  CHECK(cfn::canonical_type("AWS::EC2::VPC") == "aws_vpc");
  CHECK(cfn::canonical_type("AWS::RDS::DBInstance") == "aws_db_instance");
  CHECK(cfn::canonical_type("AWS::S3::Bucket") == "aws_s3_bucket");
  CHECK(cfn::canonical_type("AWS::Foo::BarBaz") == "aws_foo_bar_baz");  // not in the table
  // Another publisher's type keeps its publisher: AWSQS::EKS::Cluster is not aws_eks_cluster.
  CHECK(cfn::canonical_type("AWSQS::EKS::Cluster") == "awsqs_eks_cluster");
  CHECK(cfn::canonical_type("Alexa::ASK::Skill") == "alexa_ask_skill");

  Result r = evaluate_yaml(R"(
Resources:
  DB:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      MultiAZ: true
      EnableIAMDatabaseAuthentication: "true"
      Tags: [{Key: Environment, Value: prod}, {Key: Owner, Value: data}]
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  PG:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres16
      Parameters: {rds.force_ssl: 1}
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      ResourcesVpcConfig: {EndpointPublicAccess: false, SubnetIds: [a, b]}
      Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit}]}}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment: {Variables: {DBMasterPassword: x, LOG_LEVEL: info}}
)");
  auto attrs = [&](const std::string& id) {
    const cfn::TemplateResource* tr = resource(r, id);
    REQUIRE(tr);
    return cfn::canonical_attributes(tr->type, tr->properties);
  };
  Value db = attrs("DB");
  CHECK(shown(*db.find("instance_class")) == "db.r6g.large");
  CHECK(shown(*db.find("multi_az")) == "true");
  CHECK(shown(*db.find("iam_database_authentication_enabled")) == "true");
  CHECK(shown(*db.find("tags")) == "{Environment: \"prod\", Owner: \"data\"}");
  Value sg = attrs("SG");
  CHECK(shown(*sg.find("ingress")) ==
        "[{protocol: \"tcp\", from_port: 443, to_port: 443, cidr_blocks: [\"0.0.0.0/0\"]}]");
  Value pg = attrs("PG");
  CHECK(shown(*pg.find("parameter")) == "[{name: \"rds.force_ssl\", value: 1}]");
  Value eks = attrs("Cluster");
  CHECK(shown(*eks.find("vpc_config")) == "[{endpoint_public_access: false, subnet_ids: [\"a\", \"b\"]}]");
  CHECK(shown(*eks.find("enabled_cluster_log_types")) == "[\"api\", \"audit\"]");
  // The user's names for their variables stay as written.
  Value fn = attrs("Fn");
  CHECK(shown(*fn.find("environment")) == "[{variables: {DBMasterPassword: \"x\", LOG_LEVEL: \"info\"}}]");
}

TEST_CASE("cfn: every template of the corpus loads; YAML and JSON twins agree", "[cloudformation][conformance]") {
  if (!test::have_external("aws-cloudformation-templates")) return;
  fs::path root = test::external_dir() / "aws-cloudformation-templates";
  std::map<std::string, std::vector<std::string>> by_stem;  // stem -> "type logical" lines
  int templates = 0, resources = 0;
  std::vector<std::unique_ptr<base::SourceFile>> keep;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".json")) continue;
    keep.push_back(std::make_unique<base::SourceFile>(fs::relative(e.path(), root).generic_string(),
                                                      test::read_file(e.path())));
    load::Documents docs = ext == ".json" ? load::load_json(*keep.back()) : load::load_yaml(*keep.back());
    INFO(keep.back()->path());
    REQUIRE(docs.documents.size() == 1);
    cfn::Evaluated ev = cfn::evaluate_template(docs.documents[0], {}, "");
    CHECK(errors(Result{nullptr, ev}) == "");
    ++templates;
    resources += static_cast<int>(ev.resources.size());
    std::string stem = fs::relative(e.path(), root).replace_extension().generic_string();
    std::vector<std::string> lines;
    for (const auto& r : ev.resources)
      lines.push_back(r.type + " " + r.logical_id + " " +
                      model::to_display(cfn::canonical_attributes(r.type, r.properties), 100000));
    std::sort(lines.begin(), lines.end());
    auto [it, fresh] = by_stem.emplace(stem, lines);
    if (!fresh) CHECK(it->second == lines);  // the YAML and JSON renderings are one stack
  }
  std::cout << "aws-cloudformation-templates: " << templates << " templates, " << resources << " resources\n";
  CHECK(templates == 32);

  // A sample checked by hand against the templates' text.
  auto count = [&](const std::string& stem, const std::string& type) {
    int n = 0;
    for (const std::string& l : by_stem[stem]) n += l.rfind(type + " ", 0) == 0;
    return n;
  };
  CHECK(by_stem["VPC/FindInMapAZs"].size() == 22);  // grep -c "Type: AWS::"
  CHECK(count("VPC/FindInMapAZs", "AWS::EC2::Subnet") == 4);
  CHECK(count("EKS/template", "AWS::EC2::Subnet") == 6);
  CHECK(count("RDS/RDS_MySQL_With_Read_Replica", "AWS::RDS::DBInstance") == 2);
  bool replica = false;
  for (const std::string& l : by_stem["RDS/RDS_MySQL_With_Read_Replica"])
    if (l.find("ReplicaDB") != std::string::npos)
      replica = l.find("replicate_source_db: MainDB") != std::string::npos;
  CHECK(replica);
}
