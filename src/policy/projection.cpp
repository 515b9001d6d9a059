#include "policy/projection.hpp"

#include <algorithm>

namespace guardrail::policy {
namespace {

/// Names bound by `for` to resources of the check being walked.
thread_local const std::set<std::string>* resource_names = nullptr;

void walk(const Expr& e, Projection& p) {
  switch (e.kind) {
    case ExprKind::variable:
      if (e.ref == NameRef::types)
        for (const std::string& t : e.types) {
          if (t == "aws_resource") p.all_types = true;
          p.types.insert(t);
        }
      break;
    case ExprKind::member:
    case ExprKind::relative:
      if (!e.name.empty()) p.attributes.insert(e.name);
      break;
    case ExprKind::index:
      // A member named by a literal key is still known; a computed one is not.
      if (e.children[1]->kind == ExprKind::string_lit) p.attributes.insert(e.children[1]->text);
      else if (e.children[1]->kind != ExprKind::number_lit && !(e.children[0]->kind == ExprKind::call &&
                                                                e.children[0]->name == "table"))
        p.whole = true;  // (a data table's row by a computed key reads no resource)
      break;
    case ExprKind::call:
      if (e.name == "resource" || e.name == "db_source" || e.name == "owner") p.dynamic = true;
      // Reading a whole resource (keys(r)) needs every attribute; reading a
      // whole attribute (keys(r.tags)) keeps that attribute's subtree anyway.
      if ((e.name == "keys" || e.name == "values" || e.name == "to_string" || e.name == "leaves") &&
          !e.children.empty() && e.children[0]->kind == ExprKind::variable && resource_names &&
          resource_names->count(e.children[0]->name))
        p.whole = true;
      if ((e.name == "lookup" || e.name == "has") && e.children.size() > 1) {
        const Expr& key = *e.children[1];
        if (key.kind == ExprKind::string_lit) {
          p.attributes.insert(key.text.substr(0, key.text.find('.')));
          p.attributes.insert(key.text);
        } else {
          p.whole = true;
        }
      }
      break;
    default: break;
  }
  for (const auto& c : e.children) walk(*c, p);
}

}  // namespace

bool touches_aws(const Projection& p) {
  if (p.all_types) return true;
  return std::any_of(p.types.begin(), p.types.end(), [](const std::string& t) { return t.rfind("aws_", 0) == 0; });
}

void merge(Projection& into, const Projection& from) {
  into.everything = into.everything || from.everything;
  // A whole read of resources whose types the check names keeps those
  // types whole; of resources it reaches some other way, every type.
  if (from.whole && (from.all_types || from.dynamic)) into.everything = true;
  if (from.whole)
    for (const std::string& t : from.types)
      if (t.rfind("aws_", 0) == 0) into.whole_types.insert(t);
  into.all_types = into.all_types || from.all_types;
  for (const std::string& t : from.types)
    if (t.rfind("aws_", 0) == 0) into.types.insert(t);
  into.attributes.insert(from.attributes.begin(), from.attributes.end());
  if (from.all_types || from.dynamic) {
    into.common.insert(from.attributes.begin(), from.attributes.end());
  } else {
    for (const std::string& t : from.types)
      if (t.rfind("aws_", 0) == 0) into.by_type[t].insert(from.attributes.begin(), from.attributes.end());
  }
}

Projection projection(const Pack& pack) {
  Projection p;
  for (const auto& rule : pack.rules) {
    // A rule whose sources leave out live exports reads nothing of them
    // (SEC-004's leaves() of every IaC resource).
    if (rule->has_sources && std::find(rule->sources.begin(), rule->sources.end(), "aws") == rule->sources.end())
      continue;
    // Each check on its own: one over Kubernetes objects reads nothing of exports.
    Projection check;
    std::set<std::string> names;
    resource_names = &names;
    auto flush = [&] {
      if (touches_aws(check)) merge(p, check);
      check = Projection();
      names.clear();
    };
    for (const Clause& c : rule->body()) {
      if (c.kind == ClauseKind::check_) flush();
      if (c.kind == ClauseKind::for_) {
        bool over_types = !c.exprs.empty() && std::all_of(c.exprs.begin(), c.exprs.end(), [](const ExprPtr& x) {
          return x->kind == ExprKind::variable && x->ref == NameRef::types;
        });
        if (over_types)
          for (const std::string& n : c.names) names.insert(n);
      }
      for (const auto& e : c.exprs) walk(*e, check);
      if (c.at) walk(*c.at, check);
      for (const auto& part : c.message.parts)
        if (part.expr) walk(*part.expr, check);
    }
    flush();
    resource_names = nullptr;
  }
  // Identity and placement are always needed, and so is what the canonical
  // shapes (adapt/canonical.hpp) and the resource functions are computed from.
  for (const char* name : {"id", "arn", "tags", "tags_all", "vpc_id", "subnet_id", "subnet_ids", "route_table_id",
                           "route", "associations", "main", "cidr_block", "cidr_block_association_set",
                           "security_group_id", "ingress", "egress", "type", "map_public_ip_on_launch", "identifier",
                           "replicate_source_db", "default_route_table_id", "gateway_id", "nat_gateway_id",
                           "transit_gateway_id", "state", "status", "name", "key_manager", "region",
                           "cluster_identifier", "internal", "scheme", "resource_id", "resource_type",
                           "internet_gateway_id", "cost_filter", "cost_filters", "tag", "connectivity_type",
                           "policy", "assume_role_policy", "content", "inline_policy", "ipv6_cidr_block",
                           "destination_cidr_block", "destination_ipv6_cidr_block", "egress_only_gateway_id",
                           "vpc_endpoint_id", "vpc_peering_connection_id", "network_interface_id", "instance_id",
                           "local_gateway_id", "carrier_gateway_id", "core_network_arn", "from_port", "to_port",
                           "protocol", "ip_protocol", "cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6",
                           "security_groups", "source_security_group_id", "referenced_security_group_id",
                           "prefix_list_ids", "prefix_list_id", "self", "description", "owner_id"}) {
    p.attributes.insert(name);
    p.common.insert(name);
  }
  // A resource read as one type may be judged as another once it is
  // canonical (adapt/canonical.cpp): an Aurora cluster's instance is exported
  // as a DB instance, a default VPC is a VPC. It keeps what either is read for.
  static const std::pair<const char*, const char*> kBecomes[] = {
      {"aws_db_instance", "aws_rds_cluster_instance"}, {"aws_default_vpc", "aws_vpc"},
      {"aws_default_security_group", "aws_security_group"}, {"aws_default_route_table", "aws_route_table"},
      {"aws_default_network_acl", "aws_network_acl"}};
  for (const auto& [from, to] : kBecomes) {
    if (p.types.count(to)) p.types.insert(from);
    if (p.whole_types.count(to)) p.whole_types.insert(from);
    if (auto it = p.by_type.find(to); it != p.by_type.end()) {
      std::set<std::string> read = it->second;
      p.by_type[from].insert(read.begin(), read.end());
    }
  }
  return p;
}

}  // namespace guardrail::policy
