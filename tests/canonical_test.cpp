#include <catch2/catch.hpp>

#include "adapt/canonical.hpp"

using namespace guardrail;
using model::Member;
using model::Resource;
using model::Value;

namespace {

base::Location at(int line) {
  base::Location l;
  l.file = "main.tf";
  l.line = line;
  l.column = 1;
  return l;
}

Value ref(const std::string& target) { return Value::reference(target); }
Value str(const std::string& s, int line = 0) { return Value::string(s, line ? at(line) : base::Location{}); }
Value num(int64_t n) { return Value::integer(n); }
Value list(model::List items) { return Value::list(std::move(items)); }

Resource res(const std::string& type, const std::string& name, Value attrs, int line = 1,
             model::SourceKind source = model::SourceKind::terraform) {
  Resource r;
  r.type = type;
  r.address = source == model::SourceKind::aws_export ? name : type + "." + name;
  r.source = source;
  r.scope = source == model::SourceKind::aws_export ? "" : "tf:root";
  r.attrs = std::move(attrs);
  r.location = at(line);
  r.ids.push_back(source == model::SourceKind::aws_export ? name : "tf:root:" + r.address);
  return r;
}

const Resource& get(const std::vector<Resource>& rs, const std::string& address) {
  for (const Resource& r : rs)
    if (r.address == address) return r;
  FAIL("no resource " << address);
  throw 0;
}

bool has(const std::vector<Resource>& rs, const std::string& address) {
  for (const Resource& r : rs)
    if (r.address == address) return true;
  return false;
}

}  // namespace

TEST_CASE("canonical: separate security group rules fold into their group, in one shape") {
  std::vector<Resource> rs;
  rs.push_back(res("aws_security_group", "web",
                   Value::map({{"ingress", {}, list({Value::map({{"from_port", {}, num(443)},
                                                                {"to_port", {}, num(443)},
                                                                {"protocol", {}, str("6")},
                                                                {"cidr_blocks", {}, list({str("0.0.0.0/0")})}})})}})));
  rs.push_back(res("aws_security_group_rule", "ssh",
                   Value::map({{"type", {}, str("ingress")},
                               {"security_group_id", {}, ref("aws_security_group.web.id")},
                               {"from_port", {}, str("22")},
                               {"to_port", {}, num(22)},
                               {"protocol", {}, str("TCP")},
                               {"cidr_blocks", {}, list({str("0.0.0.0/0", 9)})}}),
                   7));
  rs.push_back(res("aws_vpc_security_group_ingress_rule", "all",
                   Value::map({{"security_group_id", {}, ref("aws_security_group.web.id")},
                               {"ip_protocol", {}, num(-1)},
                               {"cidr_ipv6", {}, str("::/0")}})));
  rs.push_back(res("aws_vpc_security_group_egress_rule", "elsewhere",
                   Value::map({{"security_group_id", {}, str("sg-0123")}, {"ip_protocol", {}, str("all")},
                               {"cidr_ipv4", {}, str("0.0.0.0/0")}})));
  adapt::canonicalize(rs);

  CHECK_FALSE(has(rs, "aws_security_group_rule.ssh"));
  CHECK_FALSE(has(rs, "aws_vpc_security_group_ingress_rule.all"));
  const Value& ingress = *get(rs, "aws_security_group.web").attrs.find("ingress");
  REQUIRE(ingress.size() == 3);
  CHECK(ingress.as_list()[0].find("protocol")->as_string() == "tcp");
  const Value& ssh = ingress.as_list()[1];
  CHECK(ssh.find("protocol")->as_string() == "tcp");
  CHECK(ssh.find("from_port")->as_int() == 22);
  CHECK(ssh.find("rule")->as_string() == "aws_security_group_rule.ssh");
  CHECK(ssh.location().line == 7);  // findings point into the rule's own block
  CHECK(ssh.find("cidr_blocks")->as_list()[0].location().line == 9);
  const Value& all = ingress.as_list()[2];
  CHECK(all.find("protocol")->as_string() == "-1");
  CHECK(all.find("ipv6_cidr_blocks")->as_list()[0].as_string() == "::/0");

  // A rule whose group is not in the scan stays, in the same shape.
  const Resource& orphan = get(rs, "aws_vpc_security_group_egress_rule.elsewhere");
  CHECK(orphan.type == "aws_security_group_rule");
  CHECK(orphan.attrs.find("type")->as_string() == "egress");
  CHECK(orphan.attrs.find("protocol")->as_string() == "-1");
  CHECK(orphan.attrs.find("cidr_blocks")->as_list()[0].as_string() == "0.0.0.0/0");
}

TEST_CASE("canonical: routes fold into their table, targets are classified, subnets get their tier") {
  std::vector<Resource> rs;
  rs.push_back(res("aws_vpc", "main", Value::map({{"cidr_block", {}, str("10.0.0.0/16")}})));
  rs.push_back(res("aws_vpc_ipv4_cidr_block_association", "extra",
                   Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}, {"cidr_block", {}, str("10.1.0.0/16")}})));
  rs.push_back(res("aws_internet_gateway", "igw", Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}})));
  rs.push_back(res("aws_route_table", "edge", Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}})));
  rs.push_back(res("aws_route", "edge_default",
                   Value::map({{"route_table_id", {}, ref("aws_route_table.edge.id")},
                               {"destination_cidr_block", {}, str("0.0.0.0/0")},
                               {"gateway_id", {}, ref("aws_internet_gateway.igw.id")}})));
  rs.push_back(res("aws_default_route_table", "main",
                   Value::map({{"default_route_table_id", {}, ref("aws_vpc.main.default_route_table_id")},
                               {"route", {}, list({Value::map({{"cidr_block", {}, str("0.0.0.0/0")},
                                                               {"nat_gateway_id", {}, str("nat-0abc")}})})}})));
  // Named neutrally: its tier comes from its route (explicit association to the IGW table).
  rs.push_back(res("aws_subnet", "a", Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}})));
  rs.push_back(res("aws_route_table_association", "a",
                   Value::map({{"subnet_id", {}, ref("aws_subnet.a.id")},
                               {"route_table_id", {}, ref("aws_route_table.edge.id")}})));
  // No association: the VPC's main table, whose default route goes to a NAT gateway.
  rs.push_back(res("aws_subnet", "b", Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}})));
  // Tags and names win over routes.
  rs.push_back(res("aws_subnet", "c",
                   Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")},
                               {"tags", {}, Value::map({{"Tier", {}, str("Private")}})}})));
  rs.push_back(res("aws_subnet", "public_d", Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}})));
  rs.push_back(res("aws_subnet", "e",
                   Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")},
                               {"tags", {}, Value::map({{"kubernetes.io/role/internal-elb", {}, str("1")}})}})));
  rs.push_back(res("aws_subnet", "f",
                   Value::map({{"vpc_id", {}, ref("aws_vpc.main.id")}, {"map_public_ip_on_launch", {}, Value::boolean(true)}})));
  rs.push_back(res("aws_nat_gateway", "n", Value::map({{"subnet_id", {}, ref("aws_subnet.a.id")}})));
  adapt::canonicalize(rs);

  CHECK_FALSE(has(rs, "aws_route.edge_default"));
  const Value& routes = *get(rs, "aws_route_table.edge").attrs.find("route");
  REQUIRE(routes.size() == 1);
  CHECK(routes.as_list()[0].find("cidr_block")->as_string() == "0.0.0.0/0");
  CHECK(routes.as_list()[0].find("target_type")->as_string() == "internet_gateway");
  const Resource& main_table = get(rs, "aws_default_route_table.main");
  CHECK(main_table.type == "aws_route_table");
  CHECK(main_table.attrs.find("vpc_id")->as_string() == "aws_vpc.main.id");
  CHECK(main_table.attrs.find("route")->as_list()[0].find("target_type")->as_string() == "nat_gateway");

  auto tier = [&](const std::string& a) { return get(rs, a).attrs.find("tier")->as_string(); };
  CHECK(tier("aws_subnet.a") == "public");
  CHECK(tier("aws_subnet.b") == "private");
  CHECK(tier("aws_subnet.c") == "private");
  CHECK(tier("aws_subnet.public_d") == "public");
  CHECK(tier("aws_subnet.e") == "private");
  CHECK(tier("aws_subnet.f") == "public");
  CHECK(get(rs, "aws_subnet.a").attrs.find("route_table_id")->as_string() == "aws_route_table.edge.id");
  CHECK(get(rs, "aws_subnet.b").attrs.find("route_table_id")->as_string() == "aws_default_route_table.main.id");

  const Value& blocks = *get(rs, "aws_vpc.main").attrs.find("cidr_blocks");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks.as_list()[1].as_string() == "10.1.0.0/16");
  CHECK(get(rs, "aws_nat_gateway.n").attrs.find("vpc_id")->as_string() == "aws_vpc.main.id");
}

TEST_CASE("canonical: an unknown route leaves the tier unknown; live subnets without route tables too") {
  std::vector<Resource> rs;
  rs.push_back(res("aws_route_table", "t",
                   Value::map({{"route", {}, list({Value::map({{"cidr_block", {}, str("0.0.0.0/0")},
                                                               {"gateway_id", {}, Value::unknown()}})})}})));
  rs.push_back(res("aws_subnet", "x", Value::map({})));
  rs.push_back(res("aws_route_table_association", "x",
                   Value::map({{"subnet_id", {}, ref("aws_subnet.x.id")}, {"route_table_id", {}, ref("aws_route_table.t.id")}})));
  rs.push_back(res("aws_subnet", "subnet-1", Value::map({{"vpc_id", {}, str("vpc-1")}}), 1, model::SourceKind::aws_export));
  rs.push_back(res("aws_vpc", "vpc-1", Value::map({{"cidr_block_association_set", {},
                                                    list({Value::map({{"cidr_block", {}, str("10.0.0.0/16")}}),
                                                          Value::map({{"cidr_block", {}, str("10.9.0.0/16")},
                                                                      {"cidr_block_state", {}, Value::map({{"state", {}, str("disassociated")}})}})})}}),
                   1, model::SourceKind::aws_export));
  adapt::canonicalize(rs);
  CHECK(get(rs, "aws_subnet.x").attrs.find("tier")->is_unknown());
  CHECK(get(rs, "subnet-1").attrs.find("tier")->is_unknown());
  CHECK(get(rs, "vpc-1").attrs.find("cidr_blocks")->size() == 1);
}

TEST_CASE("canonical: the two views never join") {
  std::vector<Resource> rs;
  // A live rule naming an IaC group's address by text matches nothing.
  rs.push_back(res("aws_security_group", "web", Value::map({})));
  rs.push_back(res("sgr-1", "sgr-1",
                   Value::map({{"type", {}, str("ingress")}, {"security_group_id", {}, str("tf:root:aws_security_group.web")},
                               {"protocol", {}, str("tcp")}}),
                   1, model::SourceKind::aws_export));
  rs.back().type = "aws_security_group_rule";
  adapt::canonicalize(rs);
  CHECK(get(rs, "aws_security_group.web").attrs.find("ingress") == nullptr);
  CHECK(has(rs, "sgr-1"));
}
