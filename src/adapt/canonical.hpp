#pragma once
#include <vector>

#include "model/resource.hpp"

namespace guardrail::adapt {

/// Presents the shapes that AWS allows two ways as one, whatever the source,
/// so that a rule is written once (docs/semantics.md, "model"):
///
/// - security group rules: separate rule resources (`aws_security_group_rule`,
///   `aws_vpc_security_group_ingress_rule`/`_egress_rule`) are folded into their
///   group's `ingress`/`egress` lists; every rule, inline or folded, has
///   `from_port`, `to_port`, `protocol` ("tcp", "udp", "icmp", or "-1" for
///   all), `cidr_blocks`, `ipv6_cidr_blocks`, `security_groups`,
///   `prefix_list_ids`, `self` and `rule` (the address it was written at).
///   A rule whose group is not in the scan stays an `aws_security_group_rule`
///   of that shape, with `type` and `security_group_id`.
/// - routes: `aws_route` resources are folded into their table's `route`
///   list (`cidr_block`, `ipv6_cidr_block`, and the target's `*_id`);
///   `aws_default_route_table` is an `aws_route_table` with `main = true`.
/// - `aws_default_vpc` is an `aws_vpc` with `is_default = true`,
///   `aws_default_security_group` an `aws_security_group` with `default = true`.
/// - VPCs get `cidr_blocks`: the primary block and every associated one
///   (`aws_vpc_ipv4_cidr_block_association`, an export's association set),
///   disassociated blocks left out.
/// - subnets get `route_table_id` (the explicit association, else the VPC's
///   main table) and `tier`, "public" or "private" by docs/semantics.md's
///   semantics (tags, names, then the default route), unknown when the
///   route that decides it is.
/// - NAT gateways get `vpc_id` from their subnet where the source omits it;
///   internet gateways from an `aws_internet_gateway_attachment`.
/// - load balancers get `scheme` ("internet-facing" or "internal") where
///   Terraform says `internal`.
/// - flow logs get `vpc_id`/`subnet_id`/`eni_id` from `resource_type` and
///   `resource_id`.
/// - a DB instance with a `cluster_identifier` is an `aws_rds_cluster_instance`.
/// - policy documents held as JSON text (`policy`, `assume_role_policy`,
///   `content`, inline policies) are the documents themselves.
///
/// Resources of the two views never join. Values keep the locations they
/// were written at, so a finding on a folded rule points into its own file.
void canonicalize(std::vector<model::Resource>& resources);

}  // namespace guardrail::adapt
