#include "policy/projection.hpp"

namespace guardrail::policy {
namespace {

void walk(const Expr& e, Projection& p) {
  switch (e.kind) {
    case ExprKind::variable:
      if (e.ref == NameRef::types)
        for (const std::string& t : e.types) {
          if (t == "aws_resource") p.everything = true;
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
      else if (e.children[1]->kind != ExprKind::number_lit) p.everything = true;
      break;
    case ExprKind::call:
      if (e.name == "keys" || e.name == "values" || e.name == "to_string") p.everything = true;
      if ((e.name == "lookup" || e.name == "has") && e.children.size() > 1) {
        const Expr& key = *e.children[1];
        if (key.kind == ExprKind::string_lit) {
          p.attributes.insert(key.text.substr(0, key.text.find('.')));
          p.attributes.insert(key.text);
        } else {
          p.everything = true;
        }
      }
      break;
    default: break;
  }
  for (const auto& c : e.children) walk(*c, p);
}

}  // namespace

Projection projection(const Pack& pack) {
  Projection p;
  for (const auto& rule : pack.rules) {
    for (const Clause& c : rule->clauses) {
      for (const auto& e : c.exprs) walk(*e, p);
      if (c.at) walk(*c.at, p);
      for (const auto& part : c.message.parts)
        if (part.expr) walk(*part.expr, p);
    }
  }
  // Identity and placement are always needed, and so is what the canonical
  // shapes (adapt/canonical.hpp) and the resource functions are computed from.
  for (const char* name : {"id", "arn", "tags", "tags_all", "vpc_id", "subnet_id", "subnet_ids", "route_table_id",
                           "route", "associations", "main", "cidr_block", "cidr_block_association_set",
                           "security_group_id", "ingress", "egress", "type", "map_public_ip_on_launch", "identifier",
                           "replicate_source_db", "default_route_table_id", "gateway_id", "nat_gateway_id",
                           "transit_gateway_id"})
    p.attributes.insert(name);
  return p;
}

}  // namespace guardrail::policy
