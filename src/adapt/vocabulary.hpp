#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace guardrail::adapt {

/// "DBInstanceClass" -> "db_instance_class", "MultiAZ" -> "multi_az",
/// "dBInstanceClass" (AWS Config's spelling) -> "db_instance_class".
std::string snake_case(std::string_view name);

/// How one source's type maps into the canonical vocabulary: a row of a data
/// table (data/cloudformation.tsv, data/aws-exports.tsv). The renames column
/// is ';'-separated, each `Path=name[:transform]` or `+name=constant`:
///
///   Path        a member (DBInstanceClass), or Member.Sub for a member of the
///               objects a member holds (SecurityGroupIngress.CidrIp). Paths
///               match whatever the case of their first letter (AWS Config
///               writes dBInstanceClass for the API's DBInstanceClass);
///   name        the canonical attribute; empty drops the member;
///   transform   list       a scalar becomes a one-element list
///               tags       a list of {Key, Value} becomes a map
///               pairs      a map {name: value} becomes a list of {name, value}
///               kvmap      a list of {Name|Key, Value} becomes a map
///               block      an object becomes a one-element list (a Terraform block)
///               hoist      the object's members become the resource's own
///               keep       member names below stay as written (user data)
///               first      the first element of a list ([{X: v}] gives v)
///               types      every `Type` value below, as a list
///               pick/K     a map's member K (or the first element's)
///               pluck/K    a list of maps: the list of their members K
///               egress     a boolean IsEgress: "egress" or "ingress"
///               enabled_types  EKS logging: the types of the enabled entries
///               default_document  an IAM policy's default version's document
///   +name=constant  sets an attribute the type implies (+type=ingress).
///
/// Members not listed are snake_cased; `Tags` is always the `tags` map.
struct TypeMapping {
  std::string canonical;
  struct Rename {
    std::string name;
    std::string transform;
    std::string argument;  // pick/K, pluck/K
  };
  std::map<std::string, Rename> renames;  // by normalized path
  /// The same paths lower-cased: AWS Config spells some members in its own
  /// case (dbclusterIdentifier for DBClusterIdentifier).
  std::map<std::string, std::string> folded;
  std::vector<std::pair<std::string, std::string>> constants;
};

/// Parses a renames column into `mapping`.
void parse_renames(const std::string& column, TypeMapping& mapping);

/// The rows of a tab-separated table without comments and blank lines, each
/// split into its columns.
std::vector<std::vector<std::string>> table_rows(std::string_view text);

/// One column of a table's rows, as views into `text`.
std::vector<std::string_view> table_column(std::string_view text, size_t index);

/// Every resource type a source can give a resource, sorted: the AWS
/// provider's types and the Kubernetes kinds of data/resource-types.tsv, and
/// the canonical types of data/cloudformation.tsv and data/aws-exports.tsv.
/// Custom Kubernetes kinds and unmapped CloudFormation types are open-ended
/// and not all here.
const std::vector<std::string_view>& resource_types();

/// A source's members in the canonical vocabulary, locations kept.
/// `mapping` may be null: everything is snake_cased.
model::Value canonical_members(const TypeMapping* mapping, const model::Value& members);

}  // namespace guardrail::adapt
