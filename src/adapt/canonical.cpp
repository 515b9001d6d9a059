#include "adapt/canonical.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "load/json_loader.hpp"
#include "model/encoded.hpp"
#include "base/text.hpp"
#include "model/resource_set.hpp"

namespace guardrail::adapt {
namespace {

using model::Resource;
using model::Value;

enum class Tri { no, yes, unknown };

bool is_live(const Resource& r) { return r.view() == model::View::live; }

/// Resolves references and IDs within one view.
class Resolver {
 public:
  explicit Resolver(std::vector<const Resource*> resources) : set_(std::move(resources)) {}

  const Resource* operator()(const Resource& owner, const Value* v) const {
    if (!v) return nullptr;
    if (v->is_reference()) return set_.resolve_reference(v->as_string(), owner.scope);
    if (v->is_string()) return set_.by_id(v->as_string(), owner.scope);
    return nullptr;
  }
  const model::ResourceSet& set() const { return set_; }

 private:
  model::ResourceSet set_;
};

/// A value that names `target` the way its view does: a reference in IaC,
/// the ID in a live export.
Value naming(const Resource& target, const base::Location& where) {
  if (is_live(target)) return Value::string(target.identity(), where);
  return Value::reference(target.address + ".id", where);
}

// --- security group rules -----------------------------------------------------

Value normal_protocol(const Value& p) {
  std::string text;
  if (p.is_number()) text = std::to_string(static_cast<int64_t>(p.as_double()));
  else if (p.is_string()) text = base::ascii_lower(p.as_string());
  else return p;
  static const std::map<std::string, std::string> kNumbers = {
      {"-1", "-1"}, {"all", "-1"}, {"6", "tcp"}, {"17", "udp"}, {"1", "icmp"}, {"58", "icmpv6"}};
  if (auto it = kNumbers.find(text); it != kNumbers.end()) text = it->second;
  return Value::string(text, p.location());
}

Value normal_port(const Value& p) {
  if (!p.is_string()) return p;
  const std::string& s = p.as_string();
  char* end = nullptr;
  long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0') return p;
  return Value::integer(n, p.location());
}

/// A scalar becomes a one-element list; lists stay; null stays null.
Value as_list(const Value& v) {
  if (v.is_list() || v.is_null() || v.is_unknown()) return v;
  return Value::list({v}, v.location());
}

void normalize_rule(Value& rule) {
  if (!rule.is_map()) return;
  if (Value* p = rule.find("protocol")) *p = normal_protocol(*p);
  // In place: what is already in shape is not copied (every rule of every
  // group of a large export is).
  for (const char* port : {"from_port", "to_port"})
    if (Value* p = rule.find(port); p && p->is_string()) *p = normal_port(*p);
  for (const char* list : {"cidr_blocks", "ipv6_cidr_blocks", "security_groups", "prefix_list_ids"})
    if (Value* v = rule.find(list); v && !v->is_list()) *v = as_list(*v);
}

/// A separate rule resource as an inline rule.
Value rule_of(const Resource& r) {
  Value out = Value::map({}, r.location);
  auto copy = [&](const char* from, const char* to, bool list) {
    const model::Member* m = r.attrs.find_member(from);
    if (!m || m->value.is_null()) return;
    out.set(to, list ? as_list(m->value) : m->value, m->key_location);
  };
  copy("from_port", "from_port", false);
  copy("to_port", "to_port", false);
  copy("protocol", "protocol", false);
  copy("ip_protocol", "protocol", false);
  copy("cidr_blocks", "cidr_blocks", true);
  copy("cidr_ipv4", "cidr_blocks", true);
  copy("ipv6_cidr_blocks", "ipv6_cidr_blocks", true);
  copy("cidr_ipv6", "ipv6_cidr_blocks", true);
  copy("source_security_group_id", "security_groups", true);
  copy("referenced_security_group_id", "security_groups", true);
  copy("prefix_list_ids", "prefix_list_ids", true);
  copy("prefix_list_id", "prefix_list_ids", true);
  copy("self", "self", false);
  copy("description", "description", false);
  out.set("rule", Value::string(r.address, r.location));
  normalize_rule(out);
  return out;
}

std::string rule_direction(const Resource& r) {
  if (r.type == "aws_vpc_security_group_ingress_rule") return "ingress";
  if (r.type == "aws_vpc_security_group_egress_rule") return "egress";
  const Value* t = r.attrs.find("type");
  return t && t->is_string() ? t->as_string() : "";
}

// --- routes -------------------------------------------------------------------

/// What a route sends traffic to, from the resource its target names or the
/// ID's prefix: "internet_gateway", "nat_gateway", "transit_gateway", … or
/// unknown when the target is not known before apply.
Value route_target(const Resolver& resolve, const Resource& owner, const Value& route) {
  static const std::vector<std::pair<const char*, const char*>> kByAttribute = {
      {"nat_gateway_id", "nat_gateway"},       {"transit_gateway_id", "transit_gateway"},
      {"egress_only_gateway_id", "egress_only_internet_gateway"},
      {"vpc_endpoint_id", "vpc_endpoint"},     {"vpc_peering_connection_id", "vpc_peering_connection"},
      {"network_interface_id", "network_interface"}, {"instance_id", "instance"},
      {"local_gateway_id", "local_gateway"},   {"carrier_gateway_id", "carrier_gateway"},
      {"core_network_arn", "core_network"},    {"gateway_id", ""}};
  static const std::map<std::string, std::string> kByType = {
      {"aws_internet_gateway", "internet_gateway"}, {"aws_nat_gateway", "nat_gateway"},
      {"aws_ec2_transit_gateway", "transit_gateway"}, {"aws_vpn_gateway", "vpn_gateway"},
      {"aws_egress_only_internet_gateway", "egress_only_internet_gateway"}, {"aws_vpc_endpoint", "vpc_endpoint"}};
  static const std::vector<std::pair<const char*, const char*>> kByPrefix = {
      {"igw-", "internet_gateway"}, {"nat-", "nat_gateway"}, {"tgw-", "transit_gateway"},
      {"vgw-", "vpn_gateway"},      {"eigw-", "egress_only_internet_gateway"}, {"vpce-", "vpc_endpoint"},
      {"pcx-", "vpc_peering_connection"}, {"local", "local"}};
  // Providers compute some targets (a route's network_interface_id after
  // apply): a known target wins over unknown ones.
  const Value* pending = nullptr;
  for (const auto& [attribute, kind] : kByAttribute) {
    const Value* v = route.find(attribute);
    if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) continue;
    if (v->is_unknown()) {
      if (!pending) pending = v;
      continue;
    }
    if (const Resource* target = resolve(owner, v))
      if (auto it = kByType.find(target->type); it != kByType.end()) return Value::string(it->second, v->location());
    if (v->is_string())
      for (const auto& [prefix, name] : kByPrefix)
        if (v->as_string().rfind(prefix, 0) == 0) return Value::string(name, v->location());
    if (*kind) return Value::string(kind, v->location());
    // gateway_id naming something outside the scan, or a reference of unknown kind.
    return Value::unknown("route target", v->location());
  }
  if (pending) return Value::unknown("route target", pending->location());
  return Value(route.location());
}

Value route_of(const Resource& r) {
  Value out = Value::map({}, r.location);
  for (const model::Member& m : r.attrs.as_map()) {
    if (m.key == "route_table_id" || m.key == "tags") continue;
    std::string key = m.key;
    if (key == "destination_cidr_block") key = "cidr_block";
    else if (key == "destination_ipv6_cidr_block") key = "ipv6_cidr_block";
    out.set(key, m.value, m.key_location);
  }
  out.set("route", Value::string(r.address, r.location));
  return out;
}

bool is_default_route(const Value& route) {
  const Value* c = route.find("cidr_block");
  if (!c || !c->is_string()) return false;
  const std::string& s = c->as_string();
  size_t slash = s.find('/');
  return slash != std::string::npos && s.substr(slash) == "/0";
}

// --- subnets ------------------------------------------------------------------

/// The subnet's tier from its tags and names; `unknown` when none says.
Tri named_tier(const Resource& s, Value& decided) {
  const Value* tags = s.attrs.find("tags");
  auto tag = [&](const char* key) -> const Value* { return tags ? tags->find(key) : nullptr; };
  for (const char* key : {"Tier", "tier"}) {
    const Value* t = tag(key);
    if (!t) continue;
    if (t->is_unknown()) {
      decided = Value::unknown("the subnet's tier is its Tier tag, which is not known before apply", t->location());
      return Tri::unknown;
    }
    if (t->is_string()) {
      std::string v = base::ascii_lower(t->as_string());
      if (v == "public" || v == "private") {
        decided = Value::string(v, t->location());
        return Tri::yes;
      }
    }
  }
  if (const Value* elb = tag("kubernetes.io/role/elb")) {
    decided = Value::string("public", elb->location());
    return Tri::yes;
  }
  if (const Value* internal = tag("kubernetes.io/role/internal-elb")) {
    decided = Value::string("private", internal->location());
    return Tri::yes;
  }
  // A name that holds both words ("ex-block-public-access-private-us-east-1a")
  // names neither tier: the next source decides.
  auto by_text = [&](const std::string& text, const base::Location& where) {
    std::string l = base::ascii_lower(text);
    bool is_public = l.find("public") != std::string::npos, is_private = l.find("private") != std::string::npos;
    if (is_public == is_private) return false;
    decided = Value::string(is_public ? "public" : "private", where);
    return true;
  };
  if (const Value* name = tag("Name")) {
    if (name->is_unknown()) {
      // It might say either: the tier is as unknown as the name.
      decided = Value::unknown("the subnet's tier is read from its Name tag, which is not known before apply",
                               name->location());
      return Tri::unknown;
    }
    if (name->is_string() && by_text(name->as_string(), name->location())) return Tri::yes;
  }
  // Its own name: a Terraform resource's name and key, a template's logical ID.
  if (!is_live(s)) {
    std::string own;
    // A nested stack's resource is "parent.yaml#Stack/LogicalId".
    if (size_t hash = s.address.rfind('#'); hash != std::string::npos)
      own = s.address.substr(std::max(hash, s.address.rfind('/')) + 1);
    else if (size_t at = s.address.rfind(s.type + "."); at != std::string::npos) own = s.address.substr(at + s.type.size() + 1);
    if (by_text(own, s.location)) return Tri::yes;
  }
  return Tri::no;
}

/// Policy documents written as JSON text (Terraform's jsonencode, an
/// aws_iam_policy_document's json) become the document itself, as
/// CloudFormation and exports give it, so that rules read statements.
void decode_policy(Value& v, char opening = '{') {
  if (!v.is_string()) return;
  const std::string& s = v.as_string();
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || s[first] != opening) return;
  // The located tree it was written as (jsonencode's object, the statement
  // blocks of a policy document, a heredoc read in place), else the text
  // parsed with every node at the attribute.
  if (auto origin = model::encoded_origin(s, v.location())) {
    v = *origin;
    return;
  }
  if (std::optional<Value> doc = load::parse_json_text(s, v.location())) v = std::move(*doc);
}

void decode_policies(Resource& r) {
  for (const char* key : {"policy", "assume_role_policy", "content", "access_policies"})
    if (Value* v = r.attrs.find(key)) decode_policy(*v);
  for (const char* key : {"inline_policy", "inline_policies"})
    if (Value* list = r.attrs.find(key); list && list->is_list())
      for (Value& item : list->as_list())
        if (Value* p = item.find("policy")) decode_policy(*p);
  // An ECS task's containers are JSON text in Terraform, as the API's
  // structure in templates and exports: read the same.
  if (r.type == "aws_ecs_task_definition")
    if (Value* v = r.attrs.find("container_definitions")) decode_policy(*v, '[');
}

/// What a resource that may not be created adds to another (a conditional
/// ingress rule to its group, a route to its table): not known to be there.
Value maybe_absent(const Resource& from, Value v) {
  if (!from.uncounted) return v;
  base::Location where = v.location().known() ? v.location() : from.location;
  return Value::unknown(from.address + ": its " + std::string(model::may_not_exist_reason(from)), where);
}

struct Canonicalizer {
  std::vector<Resource*> view;
  Resolver resolve;
  std::set<const Resource*> folded;

  static std::vector<const Resource*> constant(const std::vector<Resource*>& rs) {
    return {rs.begin(), rs.end()};
  }
  explicit Canonicalizer(std::vector<Resource*> rs) : view(std::move(rs)), resolve(constant(view)) {}

  Resource* mutable_of(const Resource* r) { return const_cast<Resource*>(r); }

  void fold_security_group_rules();
  void fold_routes();
  void vpc_cidr_blocks();
  void subnets();
  void nat_gateways();
  void gateway_attachments();
  void acl_associations();
};

void Canonicalizer::acl_associations() {
  // A subnet associated by a separate resource is one of its ACL's subnets.
  for (Resource* r : view) {
    if (r->type != "aws_network_acl_association") continue;
    const Resource* acl = resolve(*r, r->attrs.find("network_acl_id"));
    const model::Member* subnet = r->attrs.find_member("subnet_id");
    if (!acl || acl->type != "aws_network_acl" || !subnet) continue;
    Resource* a = mutable_of(acl);
    Value* ids = a->attrs.find("subnet_ids");
    if (!ids || !ids->is_list()) ids = &a->attrs.set("subnet_ids", Value::list({}, a->location));
    ids->push_back(maybe_absent(*r, subnet->value));
  }
}

void Canonicalizer::gateway_attachments() {
  // A gateway attached by a separate resource is attached to that VPC.
  for (Resource* r : view) {
    if (r->type != "aws_internet_gateway_attachment") continue;
    const Resource* igw = resolve(*r, r->attrs.find("internet_gateway_id"));
    const model::Member* vpc = r->attrs.find_member("vpc_id");
    if (!igw || igw->type != "aws_internet_gateway" || !vpc) continue;
    Resource* g = mutable_of(igw);
    if (!g->attrs.find("vpc_id")) g->attrs.set("vpc_id", maybe_absent(*r, vpc->value), vpc->key_location);
  }
}

void Canonicalizer::fold_security_group_rules() {
  for (Resource* r : view) {
    if (r->type == "aws_security_group") {
      for (const char* dir : {"ingress", "egress"})
        if (Value* list = r->attrs.find(dir); list && list->is_list())
          for (Value& rule : list->as_list()) normalize_rule(rule);
      continue;
    }
    if (r->type != "aws_security_group_rule" && r->type != "aws_vpc_security_group_ingress_rule" &&
        r->type != "aws_vpc_security_group_egress_rule")
      continue;
    std::string dir = rule_direction(*r);
    Value rule = rule_of(*r);
    const Resource* group = resolve(*r, r->attrs.find("security_group_id"));
    if (group && group->type == "aws_security_group" && (dir == "ingress" || dir == "egress")) {
      Resource* g = mutable_of(group);
      Value* list = g->attrs.find(dir);
      if (!list || !list->is_list()) list = &g->attrs.set(dir, Value::list({}, g->location));
      list->push_back(maybe_absent(*r, std::move(rule)));
      folded.insert(r);
      continue;
    }
    // Its group is not in the scan: it stays a rule of its own, in the one shape.
    Value attrs = std::move(rule);
    if (const model::Member* m = r->attrs.find_member("security_group_id"))
      attrs.set("security_group_id", m->value, m->key_location);
    if (const model::Member* m = r->attrs.find_member("type")) attrs.set("type", m->value, m->key_location);
    else attrs.set("type", Value::string(dir, r->location));
    r->type = "aws_security_group_rule";
    r->attrs = std::move(attrs);
  }
}

void Canonicalizer::fold_routes() {
  for (Resource* r : view) {
    if (r->type != "aws_route") continue;
    const Resource* table = resolve(*r, r->attrs.find("route_table_id"));
    if (!table || table->type != "aws_route_table") continue;
    Resource* t = mutable_of(table);
    Value* list = t->attrs.find("route");
    if (!list || !list->is_list()) list = &t->attrs.set("route", Value::list({}, t->location));
    list->push_back(maybe_absent(*r, route_of(*r)));
    folded.insert(r);
  }
  for (Resource* r : view) {
    if (r->type != "aws_route_table") continue;
    if (Value* list = r->attrs.find("route"); list && list->is_list())
      for (Value& route : list->as_list())
        if (route.is_map()) route.set("target_type", route_target(resolve, *r, route));
  }
}

void Canonicalizer::vpc_cidr_blocks() {
  std::map<const Resource*, std::vector<Value>> extra;
  for (Resource* r : view) {
    if (r->type != "aws_vpc_ipv4_cidr_block_association") continue;
    const Resource* vpc = resolve(*r, r->attrs.find("vpc_id"));
    const Value* cidr = r->attrs.find("cidr_block");
    if (vpc && cidr && !cidr->is_null()) extra[vpc].push_back(*cidr);
  }
  for (Resource* r : view) {
    if (r->type != "aws_vpc") continue;
    const Value* primary = r->attrs.find("cidr_block");
    Value blocks = Value::list({}, primary ? primary->location() : r->location);
    if (const Value* set = r->attrs.find("cidr_block_association_set"); set && set->is_list()) {
      // An export: every association, disassociated ones left out.
      for (const Value& a : set->as_list()) {
        const Value* state = a.find("cidr_block_state");
        const Value* code = state && state->is_map() ? state->find("state") : state;
        // botocore's VpcCidrBlockStateCode: a failed association never held the block.
        if (code && code->is_string() &&
            (code->as_string() == "disassociated" || code->as_string() == "disassociating" ||
             code->as_string() == "failed" || code->as_string() == "failing"))
          continue;
        if (const Value* c = a.find("cidr_block")) blocks.push_back(*c);
      }
    } else if (primary && !primary->is_null()) {
      blocks.push_back(*primary);
    } else if (!is_live(*r)) {
      // No literal block: AWS allocates one from an IPAM pool at apply time.
      r->attrs.set("cidr_blocks", Value::unknown("CIDR allocated at apply time", r->location));
      continue;
    }
    for (Value& v : extra[r]) blocks.push_back(std::move(v));
    r->attrs.set("cidr_blocks", std::move(blocks));
  }
}

void Canonicalizer::subnets() {
  std::map<const Resource*, std::pair<const Resource*, Value>> by_subnet;  // subnet -> table, and where said
  std::map<const Resource*, const Resource*> main_of_vpc;
  std::set<std::string> unknown_association;  // scopes with an association whose subnet is known at apply only
  bool any_table = false;
  for (Resource* r : view) {
    if (r->type == "aws_route_table_association") {
      const Value* table_ref = r->attrs.find("route_table_id");
      if (const Value* subnet_ref = r->attrs.find("subnet_id"); subnet_ref && subnet_ref->is_unknown())
        unknown_association.insert(r->scope);
      const Resource* subnet = resolve(*r, r->attrs.find("subnet_id"));
      const Resource* table = resolve(*r, table_ref);
      if (subnet && table) by_subnet[subnet] = {table, naming(*table, table_ref->location())};
      else if (subnet && table_ref) {
        std::string named = table_ref->is_string() || table_ref->is_reference() ? " (" + table_ref->as_string() + ")" : "";
        by_subnet[subnet] = {nullptr, Value::unknown("its route table" + named + " is not in the scan or known only at apply",
                                                     table_ref->location())};
      }
    } else if (r->type == "aws_main_route_table_association") {
      const Resource* vpc = resolve(*r, r->attrs.find("vpc_id"));
      const Resource* table = resolve(*r, r->attrs.find("route_table_id"));
      if (vpc && table) main_of_vpc[vpc] = table;
    } else if (r->type == "aws_route_table") {
      any_table = true;
      const Resource* vpc = resolve(*r, r->attrs.find("vpc_id"));
      if (const Value* main = r->attrs.find("main"); vpc && main && main->is_bool() && main->as_bool())
        main_of_vpc.emplace(vpc, r);
      // An export lists a table's associations with it.
      if (const Value* assocs = r->attrs.find("associations"); assocs && assocs->is_list())
        for (const Value& a : assocs->as_list()) {
          const Value* m = a.find("main");
          if (m && m->is_bool() && m->as_bool() && vpc) main_of_vpc[vpc] = r;
          if (const Resource* subnet = resolve(*r, a.find("subnet_id")))
            by_subnet[subnet] = {r, naming(*r, a.location())};
        }
    }
  }
  for (Resource* s : view) {
    if (s->type != "aws_subnet") continue;
    const Resource* table = nullptr;
    Value table_value;
    if (auto it = by_subnet.find(s); it != by_subnet.end()) {
      table = it->second.first;
      table_value = it->second.second;
    } else if (unknown_association.count(s->scope)) {
      // An association of its root whose subnet is known only at apply may be its.
      table_value = Value::unknown("a route table association known at apply", s->location);
    } else if (auto m = main_of_vpc.find(resolve(*s, s->attrs.find("vpc_id"))); m != main_of_vpc.end()) {
      table = m->second;
      table_value = naming(*table, s->location);
    } else if (is_live(*s) && !any_table) {
      table_value = Value::unknown("route tables not exported", s->location);
    } else if (!is_live(*s) && !resolve(*s, s->attrs.find("vpc_id"))) {
      // Its VPC (vpc_id = var.vpc_id) is not in the scan: the VPC's main
      // route table, which routes it, is not known.
      const Value* vpc = s->attrs.find("vpc_id");
      table_value = Value::unknown("its VPC, whose main route table routes it, is not in the scan",
                                   vpc ? vpc->location() : s->location);
    }
    // Where the subnet's default route goes, if it has one.
    Value default_target;
    if (table)
      if (const Value* routes = table->attrs.find("route"); routes && routes->is_list())
        for (const Value& route : routes->as_list())
          if (is_default_route(route))
            if (const Value* t = route.find("target_type")) default_target = *t;
    if (table_value.is_unknown()) default_target = table_value;

    Value tier;
    if (named_tier(*s, tier) == Tri::no) {
      const Value* map_public = s->attrs.find("map_public_ip_on_launch");
      if (map_public && map_public->is_bool() && map_public->as_bool())
        tier = Value::string("public", map_public->location());
      else if (default_target.is_unknown())
        tier = Value::unknown(default_target.as_string().ends_with("not in the scan")
                                  ? "the subnet's tier is decided by its VPC's main route table, which is not in the scan"
                                  : "the subnet's tier is decided by a route not known before apply",
                              default_target.location());
      else if (default_target.is_string() && default_target.as_string() == "internet_gateway")
        tier = Value::string("public", default_target.location());
      else
        tier = Value::string("private", s->location);
    }
    s->attrs.set("tier", std::move(tier));
    if (!table_value.is_null()) s->attrs.set("route_table_id", std::move(table_value));
  }
}

void Canonicalizer::nat_gateways() {
  for (Resource* r : view) {
    if (r->type != "aws_nat_gateway" || r->attrs.find("vpc_id")) continue;
    const Value* subnet_ref = r->attrs.find("subnet_id");
    if (subnet_ref && subnet_ref->is_unknown()) {
      // Its subnet is known at apply only, and with it its VPC.
      r->attrs.set("vpc_id", Value::unknown("the VPC of a subnet known at apply", subnet_ref->location()));
      continue;
    }
    const Resource* subnet = resolve(*r, subnet_ref);
    if (!subnet) continue;
    if (const Value* vpc = subnet->attrs.find("vpc_id")) {
      Value v = *vpc;
      // The subnet's reference is written in the subnet's scope; a VPC it
      // names is the same resource from here (one root, one view).
      r->attrs.set("vpc_id", std::move(v));
    }
  }
}

}  // namespace

void canonicalize(std::vector<model::Resource>& resources) {
  // Types that are another type's special case.
  for (Resource& r : resources) {
    if (r.type.rfind("aws_", 0) != 0) continue;
    decode_policies(r);
    // RDS takes engine names and parameter group families in any case
    // (CloudFormation samples write Engine: MySQL) and reports them in lower
    // case: rules compare the lower.
    if (r.type.starts_with("aws_db_") || r.type.starts_with("aws_rds_")) {
      for (const char* key : {"engine", "family"})
        if (Value* v = r.attrs.find(key); v && v->is_string() && v->as_string() != base::ascii_lower(v->as_string()))
          *v = Value::string(base::ascii_lower(v->as_string()), v->location());
      // An empty version or key is one not set (the provider's reading, and
      // modules' `default = ""`): today's default version, the AWS managed key.
      for (const char* key : {"engine_version", "kms_key_id"})
        if (Value* v = r.attrs.find(key); v && v->is_string() && v->as_string().empty()) *v = Value(v->location());
      // Aurora Serverless v1 clusters are always encrypted (the provider's
      // default for engine_mode = "serverless"): with the AWS managed key
      // unless one is named.
      const Value* mode = r.attrs.find("engine_mode");
      const Value* encrypted = r.attrs.find("storage_encrypted");
      if (r.type == "aws_rds_cluster" && mode && mode->is_string() && base::ascii_lower(mode->as_string()) == "serverless" &&
          (!encrypted || encrypted->is_null()))
        r.attrs.set("storage_encrypted", Value::boolean(true, mode->location()));
    }
    if (r.type == "aws_db_instance") {
      // An Aurora cluster's instance (CloudFormation and exports write it as
      // a DB instance with a cluster identifier).
      const Value* cluster = r.attrs.find("cluster_identifier");
      if (cluster && !cluster->is_null()) r.type = "aws_rds_cluster_instance";
    } else if (r.type == "aws_lb" || r.type == "aws_elb" || r.type == "aws_alb") {
      // One way to say internet-facing: `scheme` (Terraform says `internal`).
      // An export prints the scheme; one without it (the attributes output
      // alone) does not say, and Terraform's default is no fact of it.
      if (!r.attrs.find("scheme") && r.source != model::SourceKind::aws_export) {
        const Value* internal = r.attrs.find("internal");
        if (internal && internal->is_unknown()) r.attrs.set("scheme", Value::unknown("internal", internal->location()));
        else {
          bool is_internal = internal && internal->is_bool() && internal->as_bool();
          r.attrs.set("scheme", Value::string(is_internal ? "internal" : "internet-facing",
                                              internal ? internal->location() : r.location));
        }
      }
    } else if (r.type == "aws_flow_log") {
      // CloudFormation and exports name the logged resource by ID and type.
      const Value* id = r.attrs.find("resource_id");
      const Value* type = r.attrs.find("resource_type");
      std::string t = type && type->is_string() ? base::ascii_lower(type->as_string()) : "";
      if (t.empty() && id && id->is_string()) {
        // An export names the resource by its ID only.
        const std::string& i = id->as_string();
        t = i.rfind("vpc-", 0) == 0 ? "vpc" : i.rfind("subnet-", 0) == 0 ? "subnet" : i.rfind("eni-", 0) == 0 ? "networkinterface" : "";
      }
      if (id && !t.empty()) {
        const char* key = t == "vpc" ? "vpc_id" : t == "subnet" ? "subnet_id" : t == "networkinterface" ? "eni_id" : nullptr;
        if (key && !r.attrs.find(key)) r.attrs.set(key, *id);
      }
    } else if (r.type == "aws_route53_record") {
      // Terraform's failover_routing_policy { type } is the record's failover.
      if (const Value* p = r.attrs.find("failover_routing_policy"); p && p->is_list() && !p->as_list().empty() &&
                                                                     !r.attrs.find("failover"))
        if (const Value* t = p->as_list()[0].find("type")) r.attrs.set("failover", *t);
    } else if (r.type == "aws_default_network_acl") {
      r.type = "aws_network_acl";
      r.attrs.set("default", Value::boolean(true, r.location));
    } else if (r.type == "aws_budgets_budget") {
      // Terraform writes filters as cost_filter { name values } blocks;
      // CloudFormation and exports as a map.
      if (const Value* blocks = r.attrs.find("cost_filter"); blocks && blocks->is_list() && !r.attrs.find("cost_filters")) {
        Value filters = Value::map({}, blocks->location());
        for (const Value& b : blocks->as_list()) {
          const Value* name = b.find("name");
          if (name && name->is_string()) filters.set(name->as_string(), b.find("values") ? *b.find("values") : Value(b.location()), b.location());
        }
        r.attrs.set("cost_filters", std::move(filters));
      }
    } else if (r.type == "aws_autoscaling_group") {
      // Terraform writes its tags as `tag { key value propagate_at_launch }` blocks.
      if (const Value* blocks = r.attrs.find("tag"); blocks && blocks->is_list()) {
        Value tags = r.attrs.find("tags") && r.attrs.find("tags")->is_map() ? *r.attrs.find("tags")
                                                                             : Value::map({}, blocks->location());
        for (const Value& b : blocks->as_list()) {
          const Value* k = b.find("key");
          if (k && k->is_string()) tags.set(k->as_string(), b.find("value") ? *b.find("value") : Value(b.location()), b.location());
        }
        r.attrs.set("tags", std::move(tags));
      }
    } else if (r.type == "aws_default_vpc") {
      r.type = "aws_vpc";
      r.attrs.set("is_default", Value::boolean(true, r.location));
    } else if (r.type == "aws_default_security_group") {
      r.type = "aws_security_group";
      r.attrs.set("default", Value::boolean(true, r.location));
    } else if (r.type == "aws_default_route_table") {
      r.type = "aws_route_table";
      r.attrs.set("main", Value::boolean(true, r.location));
      // default_route_table_id = aws_vpc.main.default_route_table_id names the VPC.
      if (const model::Member* m = r.attrs.find_member("default_route_table_id");
          m && m->value.is_reference() && !r.attrs.find("vpc_id")) {
        const std::string& target = m->value.as_string();
        size_t dot = target.rfind(".default_route_table_id");
        if (dot != std::string::npos)
          r.attrs.set("vpc_id", Value::reference(target.substr(0, dot) + ".id", m->value.location()), m->key_location);
      }
    }
  }
  for (model::View which : {model::View::iac, model::View::live}) {
    std::vector<Resource*> view;
    for (Resource& r : resources)
      if (r.view() == which && r.type.rfind("aws_", 0) == 0) view.push_back(&r);
    if (view.empty()) continue;
    Canonicalizer c(std::move(view));
    c.fold_security_group_rules();
    c.fold_routes();
    c.vpc_cidr_blocks();
    c.subnets();
    c.nat_gateways();
    c.gateway_attachments();
    c.acl_associations();
    if (c.folded.empty()) continue;
    std::set<const Resource*> gone = std::move(c.folded);
    size_t kept = 0;
    for (size_t i = 0; i < resources.size(); ++i) {
      if (gone.count(&resources[i])) continue;
      if (kept != i) resources[kept] = std::move(resources[i]);
      ++kept;
    }
    resources.resize(kept);
  }
}

}  // namespace guardrail::adapt
