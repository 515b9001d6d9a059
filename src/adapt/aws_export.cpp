#include "adapt/aws_export.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "adapt/aws_regions.hpp"
#include "adapt/cloudformation/mapping.hpp"
#include "base/text.hpp"
#include "adapt/vocabulary.hpp"
#include "load/json_loader.hpp"
#include "policy/builtin_pack.hpp"

namespace guardrail::adapt {
namespace {

using model::Member;
using model::Value;

/// A row of data/aws-exports.tsv.
struct Row {
  std::string key;      // "Vpcs", or "-" for AWS Config only
  std::string require;  // a member the items must have ("" for none)
  std::string items;    // "Vpcs", "Reservations.Instances", "."
  std::string config;   // "AWS::EC2::VPC" or "-"
  std::string id;       // "VpcId", "PolicySummary.Id", "@file", "@item", "@record", "@index"
  bool partial = false;
  bool untagged = false;  // the output never carries tags
  TypeMapping mapping;
};

const std::vector<Row>& rows() {
  static const std::vector<Row> kRows = [] {
    std::vector<Row> out;
    for (auto& cols : table_rows(policy::builtin_file("data/aws-exports.tsv"))) {
      if (cols.size() < 7) continue;
      Row r;
      r.key = cols[0];
      if (size_t open = r.key.find('['); open != std::string::npos) {
        r.require = r.key.substr(open + 1, r.key.size() - open - 2);
        r.key = r.key.substr(0, open);
      }
      r.items = cols[1];
      r.config = cols[2];
      r.mapping.canonical = cols[3];
      r.id = cols[4];
      r.partial = cols[5].find("partial") != std::string::npos;
      r.untagged = cols[5].find("untagged") != std::string::npos;
      if (cols[6] != "-") parse_renames(cols[6], r.mapping);
      out.push_back(std::move(r));
    }
    return out;
  }();
  return kRows;
}

const Value* path_get(const Value& v, std::string_view path) {
  if (path == "." || path.empty()) return &v;
  const Value* cur = &v;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    std::string key(path.substr(start, dot - start));
    cur = cur->is_map() ? cur->find(key) : nullptr;
    if (!cur || dot == std::string_view::npos) return cur;
    start = dot + 1;
  }
}

std::pair<std::string, std::string> path_placement(const std::string& path);

/// An ARN member (`arn`, `Arn`, `nodegroupArn`, ...) of `v` or of a map
/// member of it, holding an ARN.
bool has_arn(const Value& v, int depth = 0) {
  if (!v.is_map()) return false;
  for (const Member& m : v.as_map()) {
    if (m.key.size() >= 3 && base::ascii_lower(m.key.substr(m.key.size() - 3)) == "arn" && m.value.is_string() &&
        m.value.as_string().rfind("arn:", 0) == 0)
      return true;
    if (depth == 0 && m.value.is_map() && has_arn(m.value, 1)) return true;
  }
  return false;
}

/// Members any AWS CLI output may carry beside its data.
bool envelope_key(std::string_view key) {
  static const std::set<std::string_view> kKeys = {"NextToken",  "nextToken",       "Marker",   "NextMarker",
                                                   "IsTruncated", "Truncated",      "MaxItems", "MaxResults",
                                                   "PaginationToken", "NextPageToken", "ResponseMetadata",
                                                   // route53 list-resource-record-sets, list-hosted-zones-by-name
                                                   "NextRecordName", "NextRecordType", "NextRecordIdentifier",
                                                   "NextDNSName", "NextHostedZoneId",
                                                   // cloudfront get-*: the version to name in an update
                                                   "ETag"};
  return kKeys.count(key) > 0;
}

/// A top-level key of a command guardrail reads ("Vpcs", "MetricAlarms"), or
/// one that stands beside such a key in its command's output.
bool output_key(const std::string& key) {
  static const std::set<std::string> kKeys = [] {
    std::set<std::string> keys = {"CompositeAlarms", "LockToken", "ApplicationIntegrationURL"};
    for (const Row& r : rows())
      if (r.key != "-") keys.insert(r.key);
    return keys;
  }();
  return kKeys.count(key) > 0;
}

/// True when `doc` is the output of the row's command: its key, items that
/// carry the row's identifier, and (when the data is one key) nothing beside
/// it but pagination. A Helm values file with a `cluster:` key, or a list of
/// anything with a `name`, is not an export.
bool row_matches(const Row& r, const Value& doc, const std::string& path) {
  if (r.key == "-" || !doc.is_map()) return false;
  const Value* v = doc.find(r.key);
  if (!v) return false;
  if (!r.require.empty()) {
    bool has = v->is_list()  ? !v->as_list().empty() && v->as_list()[0].find(r.require)
               : v->is_map() ? v->find(r.require) != nullptr
                             : doc.find(r.require) != nullptr;
    // describe-db-parameters --source user of a group the user never changed
    // prints no parameter: still that group, all at the engine's defaults.
    if (!has && r.key == "Parameters" && v->is_list() && v->as_list().empty() &&
        (path.find("describe-db-parameters/") != std::string::npos ||
         path.find("describe-db-cluster-parameters/") != std::string::npos))
      has = true;
    // An empty list is the row's own when no other command prints its key
    // (describe-vpcs prints every VPC's CidrBlock; describe-vpc-classic-link
    // prints Vpcs without one).
    if (!has && v->is_list() && v->as_list().empty() &&
        std::count_if(rows().begin(), rows().end(), [&](const Row& o) { return o.key == r.key; }) == 1)
      has = true;
    if (!has) return false;
  }
  // s3api get-bucket-policy prints its document as text under Policy, and
  // nothing else; Organizations' describe-policy holds an object there, and
  // lambda get-policy and kms get-key-policy print text beside RevisionId or
  // PolicyName. In a bundle, under a folder of S3's.
  if (r.key == "Policy" && r.items == "." && r.mapping.canonical == "aws_s3_bucket")
    return v->is_string() && doc.size() == 1 && !path_placement(path).first.empty() &&
           path.find("s3") != std::string::npos;
  // Security Hub's describe-organization-configuration has GuardDuty's
  // AutoEnable and MemberAccountLimitReached too, and its standards beside them.
  if (r.key == "AutoEnable" && (doc.find("AutoEnableStandards") || doc.find("OrganizationConfiguration"))) return false;
  if (r.items == ".") {
    // The document itself is the item: it names it, or (get-detector,
    // list-targets-for-policy) the file of a bundle does: <account>/<region>/NAME.json.
    // Outputs keyed by a word other JSON uses too must stand in a bundle.
    static const std::set<std::string_view> kGeneric = {"Targets", "Notifications", "TagSet", "PolicyStatus",
                                                        "AutoEnable", "Attributes", "Policy",
                                                        "KeyRotationEnabled"};
    // s3api's get-bucket-* and get-public-access-block print their one key
    // alone: beside others it is another output (s3control get-access-point
    // prints an access point's PublicAccessBlockConfiguration with its Name
    // and Bucket), not this bucket's.
    if (r.mapping.canonical == "aws_s3_bucket" && r.id == "@file")
      for (const Member& m : doc.as_map())
        if (m.key != r.key && !envelope_key(m.key)) return false;
    if (r.id[0] == '@') return !kGeneric.count(r.key) || !path_placement(path).first.empty();
    return path_get(doc, r.id) != nullptr;
  }
  // Beside its key, an output holds pagination and the keys of its
  // command's other lists (describe-alarms: MetricAlarms and CompositeAlarms;
  // get-account-authorization-details: four lists).
  for (const Member& m : doc.as_map())
    if (m.key != r.key && !envelope_key(m.key) && !output_key(m.key)) return false;
  if (r.items.find('.') != std::string::npos) return true;  // nested (Reservations.Instances): the key says it
  bool named = r.id[0] != '@' && r.id.find('.') == std::string::npos;
  if (v->is_list()) {
    if (v->as_list().empty()) return true;  // an empty inventory
    const Value& first = v->as_list()[0];
    if (r.id == "@item") return first.is_string();
    return !named || (first.is_map() && first.find(r.id));
  }
  if (v->is_map()) return (!named || v->find(r.id)) && has_arn(*v);
  return false;
}

const Row* row_for_config(const std::string& type) {
  for (const Row& r : rows())
    if (r.config == type) return &r;
  return nullptr;
}

/// The folders of a path that name an account (12 digits) and a region.
std::pair<std::string, std::string> path_placement(const std::string& path) {
  std::string account, region;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
    std::string folder = path.substr(start, slash - start);
    if (folder.size() == 12 && folder.find_first_not_of("0123456789") == std::string::npos) account = folder;
    else if (is_region_name(folder) || folder == "global") region = folder == "global" ? "" : folder;
    start = slash + 1;
  }
  return {account, region};
}

/// The path a file's account and region are read from: its full path when
/// the scanner gave one (a bundle scanned from inside its region folder
/// still names them), else the path shown.
const std::string& placement_path(const std::string& path, const ExportResult& out) {
  return out.placement_path.empty() ? path : out.placement_path;
}

/// The resource a file is about: its name without .json, %2F and %25
/// decoded (scripts/export-aws.sh writes ARNs that way).
std::string file_stem(const std::string& path) {
  // Percent-encoded, as the export script writes an ARN's slashes (%2F) and
  // cloudmapper's collector every reserved character (%3A for ':').
  std::string stem = std::filesystem::path(path).stem().string(), out;
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < stem.size(); ++i) {
    if (stem[i] == '%' && i + 2 < stem.size() && hex(stem[i + 1]) >= 0 &&
        hex(stem[i + 2]) >= 0) {
      char c = static_cast<char>(hex(stem[i + 1]) * 16 + hex(stem[i + 2]));
      if (c >= 0x20 && c < 0x7f) {  // printable ASCII only: never a control byte or half a UTF-8 sequence
        out += c;
        i += 2;
        continue;
      }
    }
    out += stem[i];
  }
  return out;
}

/// Whether an item describes a resource that is gone or never came to be:
/// deleted, being deleted, failed, terminated, or a VPC endpoint rejected or
/// expired (botocore's State values of each type).
bool deleted(const Value& item) {
  for (const char* key : {"State", "state", "Status", "status", "DBInstanceStatus", "dBInstanceStatus"}) {
    const Value* s = item.find(key);
    const Value* text = s && s->is_map() ? s->find("Name") : s;  // EC2 instances: {Code, Name}
    if (text && text->is_string()) {
      std::string v = base::ascii_lower(text->as_string());
      if (v == "deleted" || v == "deleting" || v == "failed" || v == "terminated" || v == "rejected" ||
          v == "expired")
        return true;
    }
  }
  return false;
}

/// An identifier, name or type as text: a string, or a whole number written
/// without quotes (an account ID). Anything else is not what the command
/// prints: an `export-shape` error at it, and "".
std::string text_of(const Value* v, ExportResult& out) {
  if (!v || v->is_null()) return "";
  if (v->is_string()) return v->as_string();
  if (v->kind() == model::Kind::integer) return std::to_string(v->as_int());
  out.diagnostics.push_back(base::error("export-shape", v->location(),
                                        "expected a string here (an identifier, name or type), found " +
                                            std::string(v->is_number() ? "a number"
                                                        : v->is_list() ? "a list"
                                                        : v->is_map()  ? "an object"
                                                                       : "a " + std::string(model::to_string(v->kind())))));
  return "";
}

/// rds describe-db-clusters and describe-db-instances (and Config's RDS
/// types) list DocumentDB and Neptune too, told apart by their engine: they
/// are those services' clusters and instances, not RDS databases.
std::string type_by_engine(const std::string& type, const Value& attrs) {
  if (type != "aws_rds_cluster" && type != "aws_db_instance") return type;
  const Value* engine = attrs.find("engine");
  if (!engine || !engine->is_string()) return type;
  const std::string& e = engine->as_string();
  if (e == "docdb" || e == "docdb-elastic") return type == "aws_rds_cluster" ? "aws_docdb_cluster" : "aws_docdb_cluster_instance";
  if (e == "neptune") return type == "aws_rds_cluster" ? "aws_neptune_cluster" : "aws_neptune_cluster_instance";
  return type;
}

/// Builds one resource; `fallback` is the file's placement.
model::Resource make_resource(const std::string& type, const std::string& id, std::string arn, Value attrs,
                              const base::Location& where, std::string account, std::string region) {
  model::Resource r;
  r.type = type_by_engine(type, attrs);
  r.source = model::SourceKind::aws_export;
  r.location = where;
  if (arn.empty() && id.rfind("arn:", 0) == 0) arn = id;
  // An organization trail is listed by every member account's describe-trails
  // with the management account in its ARN: that listing is the member's
  // evidence of coverage, so the trail stays in the account that listed it
  // (its owner in owner_account), one resource per listing account.
  std::string owner;
  if (!arn.empty()) {
    auto [a, g] = arn_placement(arn);
    // An AWS managed policy's ARN names the account "aws"
    // (arn:aws:iam::aws:policy/ReadOnlyAccess): it is listed in, and judged
    // with, the account whose export lists it.
    if (a.find_first_not_of("0123456789") != std::string::npos) a.clear();
    if (type == "aws_cloudtrail" && !account.empty() && !a.empty() && a != account) owner = a;
    else if (!a.empty()) account = a;
    if (!g.empty()) region = g;
  }
  r.account = account;
  r.region = region;
  r.address = !owner.empty() ? arn + "@" + account
              : !arn.empty() ? arn
              : account.empty() && region.empty() ? r.type + "/" + id
                                                  : r.type + "/" + id + "@" + account + "/" + region;
  r.scope = "live:" + account + "/" + region;
  // The identity is the address (the ARN, or the ID with its placement):
  // names repeat across accounts. The bare ID and ARN find it too.
  r.ids.push_back(r.address);
  if (!id.empty() && id != r.address) r.ids.push_back(id);
  if (!arn.empty() && arn != r.address) r.ids.push_back(arn);
  if (!attrs.is_map()) attrs = Value::map({}, where);
  if (!attrs.find("id") && !id.empty()) attrs.set("id", Value::string(id, where));
  if (!attrs.find("arn") && !arn.empty()) attrs.set("arn", Value::string(arn, where));
  if (!owner.empty()) attrs.set("owner_account", Value::string(owner, where));
  attrs.set_location(where);
  r.attrs = std::move(attrs);
  // Route 53 aliases name a load balancer by its DNS name, as
  // "dualstack.NAME." in any case: both sides in one spelling.
  auto dns = [](std::string_view raw) {
    std::string name = base::ascii_lower(raw);
    if (name.rfind("dualstack.", 0) == 0) name.erase(0, 10);
    while (!name.empty() && name.back() == '.') name.pop_back();
    return name;
  };
  if (type == "aws_lb" || type == "aws_elb")
    if (const Value* d = r.attrs.find("dns_name"); d && d->is_string()) r.ids.push_back(dns(d->as_string()));
  if (type == "aws_route53_record")
    if (Value* alias = r.attrs.find("alias"); alias && alias->is_list())
      for (Value& a : alias->as_list())
        if (Value* name = a.find("name"); name && name->is_string()) *name = Value::string(dns(name->as_string()), name->location());
  return r;
}

/// A Route 53 record name as written: the API escapes characters outside
/// letters, digits, '-' and '.' as \ooo (octal), and a wildcard's * as \052.
std::string route53_name(std::string_view listed) {
  std::string name;
  name.reserve(listed.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    auto octal = [&](size_t k) { return i + k < listed.size() && listed[i + k] >= '0' && listed[i + k] <= '7'; };
    if (listed[i] == '\\' && octal(1) && octal(2) && octal(3)) {
      int code = (listed[i + 1] - '0') * 64 + (listed[i + 2] - '0') * 8 + (listed[i + 3] - '0');
      if (code < 256) {
        name += static_cast<char>(code);
        i += 3;
        continue;
      }
    }
    name += listed[i];
  }
  return name;
}

/// Lists and maps built member by member hold spare capacity: give it back
/// (a streamed export holds hundreds of thousands of these).
void shrink(Value& v) {
  if (v.is_map()) {
    for (Member& m : v.as_map()) shrink(m.value);
    v.as_map().shrink_to_fit();
  } else if (v.is_list()) {
    for (Value& item : v.as_list()) shrink(item);
    v.as_list().shrink_to_fit();
  }
}

/// Drops what no rule reads, and gives back spare capacity, whether or not
/// there is a projection: the members set after the canonical ones (id, arn)
/// double the vector's capacity (1.5 KB of a security group).
void prune(model::Resource& r, const ExportResult& out) {
  if (!r.attrs.is_map()) return;
  if (out.keep_attribute) {
    model::Map& members = r.attrs.as_map();
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [&](const Member& m) { return !out.keep_attribute(r.type, m.key); }),
                  members.end());
  }
  shrink(r.attrs);
  r.address.shrink_to_fit();
  r.ids.shrink_to_fit();
}

void add_inventory(ExportResult& out, const std::string& type, const std::string& account, const std::string& region,
                   const std::string& path) {
  if (out.inventoried.emplace(type, account, region).second) out.inventories.push_back({type, account, region, path});
}

/// What a snapshot inventories in one account and region: every type the
/// recorder records. Its recorder says which (the recorder is a recorded
/// type itself): all supported types ("*", less those it excludes), or the
/// types it lists. A snapshot without its recorder says no more than the
/// types it holds items of: a type it holds none of may simply not be
/// recorded (no GuardDuty detector item is no proof GuardDuty is off).
void add_snapshot_inventory(ExportResult& out, const std::string& account, const std::string& region,
                            const std::string& path) {
  auto here = [&](const model::Resource& r) { return r.account == account && r.region == region; };
  auto add_config_types = [&](const Value* types, const std::string& prefix) {
    if (types && types->is_list())
      for (const Value& t : types->as_list())
        if (t.is_string())
          if (const Row* row = row_for_config(t.as_string())) add_inventory(out, prefix + row->mapping.canonical, account, region, path);
  };
  for (const model::Resource& r : out.resources) {
    if (r.type != "aws_config_configuration_recorder" || !here(r)) continue;
    const Value* group = r.attrs.find("recording_group");
    if (group && group->is_list() && !group->as_list().empty()) group = &group->as_list()[0];
    if (!group || !group->is_map()) continue;
    add_inventory(out, r.type, account, region, path);  // the recorder itself is in the snapshot
    const Value* all = group->find("all_supported");
    // Recording all but some types (recordingStrategy EXCLUSION_BY_RESOURCE_TYPES) lists those.
    const Value* excluded = group->find("exclusion_by_resource_types");
    if (excluded && excluded->is_list() && !excluded->as_list().empty()) excluded = &excluded->as_list()[0];
    const Value* excluded_types = excluded && excluded->is_map() ? excluded->find("resource_types") : nullptr;
    bool excluding = excluded_types && excluded_types->is_list() && !excluded_types->as_list().empty();
    if ((all && all->is_bool() && all->as_bool()) || excluding) {
      add_inventory(out, "*", account, region, path);
      if (excluding) add_config_types(excluded_types, "!");
    } else {
      add_config_types(group->find("resource_types"), "");
    }
    for (const std::string& type : out.not_recorded) add_inventory(out, "!" + type, account, region, path);
    return;
  }
  for (const auto& [type, item_account, item_region] : out.recorded)
    if (item_account == account && item_region == region) add_inventory(out, type, account, region, path);
}

}  // namespace

bool more_pages(const Value& doc) {
  if (!doc.is_map()) return false;
  for (const char* key : {"NextToken", "nextToken", "NextMarker", "Marker", "NextRecordName"})
    if (const Value* v = doc.find(key); v && v->is_string() && !v->as_string().empty()) return true;
  const Value* truncated = doc.find("IsTruncated");
  return truncated && truncated->is_bool() && truncated->as_bool();
}

namespace {

bool is_snapshot(const Value& doc, const std::string& path) {
  // A history file speaks of one resource type only. Delivered snapshots
  // carry configSnapshotId; AWS's documented example has only requestId,
  // like history files do, which S3 delivery names *ConfigHistory*.
  return doc.find("fileVersion") &&
         (doc.find("configSnapshotId") || (doc.find("requestId") && path.find("ConfigHistory") == std::string::npos));
}

/// The canonical type of a row's items. describe-db-parameters and
/// describe-db-cluster-parameters print the same shape; only the command
/// (the bundle's file name) tells a cluster's group from an instance's.
/// `path` is the file's placement path (its full path on disk when known:
/// a bundle's s3control folder counts when scanned from inside it).
std::string type_of_row(const Row& row, const std::string& path) {
  if (row.mapping.canonical == "aws_db_parameter_group" && path.find("describe-db-cluster-parameters") != std::string::npos)
    return "aws_rds_cluster_parameter_group";
  // describe-load-balancer-attributes and describe-target-group-attributes
  // print the same shape, saved under the ARN they describe.
  if (row.mapping.canonical == "aws_lb" && (path.find("target-group") != std::string::npos ||
                                            path.find("targetgroup%2F") != std::string::npos))
    return "aws_lb_target_group";
  // s3control get-public-access-block prints the account's settings in the
  // shape s3api get-public-access-block prints a bucket's.
  if (row.mapping.canonical == "aws_s3_bucket" && ("/" + path).find("/s3control/") != std::string::npos)
    return "aws_s3_account_public_access_block";
  return row.mapping.canonical;
}

void add_cli_item(const Row& row, const Value& item, size_t index, const std::string& path, ExportResult& out,
                  const Value* parent = nullptr) {
  size_t diagnostics_before = out.diagnostics.size();
  // A resource described as being deleted is not there; it is made, marked,
  // only to take its listings with it when the exports are merged.
  const bool gone = item.is_map() && deleted(item);
  if (gone && row.partial) return;
  auto [account, region] = path_placement(placement_path(path, out));
  std::string id;
  Value attrs;
  if (item.is_scalar()) {
    id = text_of(&item, out);
    attrs = Value::map({}, item.location());
  } else {
    attrs = canonical_members(&row.mapping, item);
    if (row.id == "@file") id = file_stem(path);
    else if (row.id == "@index") id = file_stem(path) + "#" + std::to_string(index);
    else if (row.id == "@record") {
      // Route 53 lists a name with octal escapes (\052 for a wildcard's *):
      // the name written in code, and compared with it, is the plain one.
      std::string name = route53_name(text_of(item.find("Name"), out));
      if (Value* n = attrs.find("name"); n && n->is_string()) *n = Value::string(name, n->location());
      std::string set = text_of(item.find("SetIdentifier"), out);
      id = name + "|" + text_of(item.find("Type"), out) + (set.empty() ? "" : "|" + set);
    }
    else id = text_of(path_get(item, row.id), out);
  }
  if (row.id == "@item" && !item.is_scalar()) id = text_of(path_get(item, "Id"), out);
  if (row.id == "@file" && item.is_scalar()) id = file_stem(path);
  if (out.diagnostics.size() > diagnostics_before) return;  // an identifier of the wrong kind: not a resource
  // A node group is known as "cluster:name" (Terraform's ID), which both
  // list-nodegroups (a cluster's names, in a file named by the cluster) and
  // describe-nodegroup give: the two are one resource.
  if (row.mapping.canonical == "aws_eks_node_group") {
    if (item.is_scalar()) {
      attrs.set("cluster_name", Value::string(file_stem(path), item.location()));
      attrs.set("node_group_name", Value::string(id, item.location()));
      id = file_stem(path) + ":" + id;
    } else {
      const Value* cluster = attrs.find("cluster_name");
      const Value* name = attrs.find("node_group_name");
      if (cluster && cluster->is_string() && name && name->is_string())
        id = cluster->as_string() + ":" + name->as_string();
    }
  }
  // The resource a context file (named by the resource) speaks of: for a
  // web ACL's list-resources-for-web-acl, each ARN is an association of it.
  if (row.mapping.canonical == "aws_wafv2_web_acl_association") {
    attrs.set("resource_arn", item);
    attrs.set("web_acl_arn", Value::string(file_stem(path), item.location()));
    id = file_stem(path) + "|" + id;
  }
  // list-organizational-units-for-parent is named by the parent's ID.
  if (row.mapping.canonical == "aws_organizations_organizational_unit" && !attrs.find("parent_id"))
    attrs.set("parent_id", Value::string(file_stem(path), item.location()));
  const Value* arn_value = attrs.find("arn");
  std::string arn = arn_value && arn_value->is_string() ? arn_value->as_string() : "";
  // Outputs that print no ARN for what has one (the tagging API names them by it).
  std::string type = type_of_row(row, placement_path(path, out));
  if (type == "aws_s3_account_public_access_block") id = account;  // not named by its file
  if (arn.empty() && !id.empty() && !account.empty()) {
    if (type == "aws_db_parameter_group" && !region.empty()) arn = "arn:aws:rds:" + region + ":" + account + ":pg:" + id;
    if (type == "aws_rds_cluster_parameter_group" && !region.empty())
      arn = "arn:aws:rds:" + region + ":" + account + ":cluster-pg:" + id;
    if (type == "aws_route53_health_check") arn = "arn:aws:route53:::healthcheck/" + id;
    if (type == "aws_elb" && !region.empty()) arn = "arn:aws:elasticloadbalancing:" + region + ":" + account + ":loadbalancer/" + id;
  }
  // EC2 items carry their account as OwnerId.
  if (const Value* owner = attrs.find("owner_id"); owner && owner->is_string() && owner->as_string().size() == 12)
    account = owner->as_string();
  // An instance's account is its reservation's OwnerId.
  else if (const Value* owner = parent ? parent->find("OwnerId") : nullptr;
           owner && owner->is_string() && owner->as_string().size() == 12 && account.empty())
    account = owner->as_string();
  model::Resource r = make_resource(type, id, arn, std::move(attrs), item.location(), account, region);
  r.partial = row.partial;
  r.gone = gone;
  r.named_by_file = row.id == "@file";
  // The account's Block Public Access settings are no taggable resource.
  if (row.untagged && !r.attrs.find("tags") && type != "aws_s3_account_public_access_block")
    r.attrs.set("tags", Value::unknown("tags are not in this output", item.location()));
  // describe-trails never says whether a trail is logging: get-trail-status does.
  if (row.key == "trailList" && !r.attrs.find("enable_logging"))
    r.attrs.set("enable_logging",
                Value::unknown("the export does not carry the trail's logging status (get-trail-status)", item.location()));
  prune(r, out);
  out.resources.push_back(std::move(r));
}

/// What a command's output is the whole list of, in its account and region,
/// whether it was read whole or streamed.
void add_row_inventories(const Row& row, const std::string& path, ExportResult& out) {
  if (out.truncated) return;  // one page of more: not all of the type
  const std::string& placed = placement_path(path, out);
  auto [account, region] = path_placement(placed);
  std::string type = type_of_row(row, placed);
  // A file no folder places (`aws ... > x.json` in a flat folder) is the
  // whole list of the account its items name, when they name one alone; else
  // it speaks for no account (list-detectors prints bare IDs).
  if (account.empty()) {
    std::set<std::string_view> accounts;
    for (const model::Resource& r : out.resources)
      if (r.type == type && !r.account.empty()) accounts.insert(r.account);
    if (accounts.size() == 1) account = std::string(*accounts.begin());
  }
  add_inventory(out, type, account, region, path);
  // describe-db-instances lists Aurora's instances too (canonical.cpp makes
  // them aws_rds_cluster_instance).
  if (row.mapping.canonical == "aws_db_instance") add_inventory(out, "aws_rds_cluster_instance", account, region, path);
  // describe-trails in a member account lists the organization's trails too
  // (ORG-003): absent there, there is none. A Config snapshot does not.
  if (row.mapping.canonical == "aws_cloudtrail") add_inventory(out, "aws_cloudtrail:organization", account, region, path);
}

/// Output without ARNs needs its place from the bundle's folders: one
/// warning per file when a resource from `first` on has no account, whether
/// the file was read whole or streamed.
void warn_unplaced(const std::string& path, ExportResult& out, size_t first = 0, base::Location where = {}) {
  bool placed = std::all_of(out.resources.begin() + static_cast<long>(first), out.resources.end(),
                            [](const model::Resource& r) { return !r.account.empty(); });
  bool warned = std::any_of(out.diagnostics.begin(), out.diagnostics.end(),
                            [](const base::Diagnostic& d) { return d.code == "export-placement"; });
  if (placed || warned) return;
  if (!where.known()) where = {base::FileName(path), 1, 1, 1, 2};
  out.diagnostics.push_back(base::warning(
      "export-placement", where,
      "this AWS CLI output names no account: put it under <account>/<region>/ in the bundle (scripts/export-aws.sh "
      "does), or its resources join no account's rules"));
}

void add_cli_row(const Row& row, const Value& doc, const std::string& path, ExportResult& out) {
  size_t before = out.resources.size();
  if (more_pages(doc)) out.truncated = true;
  const Value* items = path_get(doc, row.items);
  if (row.items.find('.') != std::string::npos && row.items != ".") {
    // Nested lists (Reservations[].Instances[]): every inner item.
    std::string outer = row.items.substr(0, row.items.find('.'));
    std::string inner = row.items.substr(row.items.find('.') + 1);
    const Value* list = doc.find(outer);
    if (list && list->is_list()) {
      size_t i = 0;
      for (const Value& o : list->as_list())
        if (const Value* in = path_get(o, inner); in && in->is_list())
          for (const Value& item : in->as_list()) add_cli_item(row, item, i++, path, out, &o);
    }
    if (list && list->is_map()) {  // DistributionList.Items
      if (const Value* in = path_get(*list, inner); in && in->is_list()) {
        size_t i = 0;
        for (const Value& item : in->as_list()) add_cli_item(row, item, i++, path, out);
      }
    }
  } else if (items && items->is_list() && row.items != ".") {
    size_t i = 0;
    for (const Value& item : items->as_list()) add_cli_item(row, item, i++, path, out);
  } else if (items) {
    add_cli_item(row, *items, 0, path, out);
  }
  add_row_inventories(row, path, out);
  warn_unplaced(path, out, before, doc.location());
}

/// AWS Config records IAM policy documents URL-encoded
/// ("%7B%22Version%22..."): members named *document become JSON again.
void decode_documents(Value& v, int depth = 0) {
  if (depth > 16) return;
  if (v.is_list()) {
    for (Value& item : v.as_list()) decode_documents(item, depth + 1);
    return;
  }
  if (!v.is_map()) return;
  for (Member& m : v.as_map()) {
    if (m.value.is_string() && base::ascii_lower(m.key).ends_with("document") && m.value.as_string().rfind("%7B", 0) == 0) {
      const std::string& in = m.value.as_string();
      std::string text;
      for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
          text += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          text += in[i] == '+' ? ' ' : in[i];
        }
      }
      if (auto parsed = load::parse_json_text(text, m.value.location())) m.value = std::move(*parsed);
    } else {
      decode_documents(m.value, depth + 1);
    }
  }
}

/// The canonical type of an AWS Config resource type: its row's, else its
/// CloudFormation type's.
std::string config_canonical(const std::string& type) {
  const Row* row = row_for_config(type);
  return row ? row->mapping.canonical : cloudformation::canonical_type(type);
}

/// An AWS Config item: a snapshot's or history's configurationItem, a
/// batch-get baseConfigurationItem, or a select result.
void add_config_item(const Value& raw, const std::string& path, ExportResult& out, bool partial,
                     std::set<std::pair<std::string, std::string>>* placements) {
  size_t diagnostics_before = out.diagnostics.size();
  // Read in place: a copy of every item of a snapshot costs as much as reading it.
  std::optional<Value> parsed_text;
  if (raw.is_string()) {  // select-resource-config: each result is JSON text
    parsed_text = load::parse_json_text(raw.as_string(), raw.location());
    if (!parsed_text) return;
  }
  const Value& item = parsed_text ? *parsed_text : raw;
  if (!item.is_map()) return;
  std::string status = text_of(item.find("configurationItemStatus"), out);
  if (status == "ResourceNotRecorded" || status == "ResourceDeletedNotRecorded") {
    // The recorder does not record its type: a snapshot does not hold it.
    if (std::string t = text_of(item.find("resourceType"), out); !t.empty()) out.not_recorded.insert(config_canonical(t));
    return;
  }
  if (status == "ResourceDeleted") return;
  std::string type = text_of(item.find("resourceType"), out);
  // A select that did not select resourceType says only that the resource exists.
  if (type.empty() && !partial) return;
  Value props = Value::map({}, item.location());
  if (const Value* c = item.find("configuration")) {
    if (c->is_string()) {
      if (auto parsed = load::parse_json_text(c->as_string(), c->location())) props = std::move(*parsed);
    } else if (c->is_map()) {
      props = *c;
    }
  }
  if (const Value* sup = item.find("supplementaryConfiguration"); sup && sup->is_map() && props.is_map()) {
    model::MapWriter members(props);
    for (const Member& m : sup->as_map()) {
      if (members.find(m.key)) continue;
      Value v = m.value;
      if (v.is_string())
        if (auto parsed = load::parse_json_text(v.as_string(), v.location())) v = std::move(*parsed);
      members.set(m.key, std::move(v), m.key_location);
    }
  }
  decode_documents(props);
  // A NAT gateway that failed, an endpoint deleted: Config records them, but
  // they are not there. The type is still held (absent is absent).
  if (props.is_map() && deleted(props)) {
    if (!type.empty() && !partial) {
      auto [account, region] = path_placement(placement_path(path, out));
      if (!placements) add_inventory(out, config_canonical(type), account, region, path);
      else out.recorded.emplace(config_canonical(type), account, region);
    }
    return;
  }
  const Row* row = type.empty() ? nullptr : row_for_config(type);
  std::string canonical = type.empty() ? "aws_config_selected_resource" : config_canonical(type);
  // Types AWS Config records through the CloudFormation registry carry their
  // CloudFormation properties (PascalCase: Subnets, Taints, Logging), the
  // older ones the service API's description (lowerCamelCase).
  bool pascal = props.is_map() && !props.as_map().empty() && !props.as_map()[0].key.empty() &&
                std::isupper(static_cast<unsigned char>(props.as_map()[0].key[0]));
  Value attrs = pascal && cloudformation::has_mapping(type) ? cloudformation::canonical_attributes(type, props)
                                                            : canonical_members(row ? &row->mapping : nullptr, props);
  if (const Value* tags = item.find("tags"); tags && (tags->is_map() || tags->is_list())) {
    Value t = canonical_members(nullptr, Value::map({{"Tags", {}, *tags}}, tags->location()));
    if (Value* m = t.find("tags")) attrs.set("tags", std::move(*m));
  } else if (!tags && !attrs.find("tags")) {
    // batch-get-resource-config's items, and select results that did not
    // select them, carry no tags member: not "no tags".
    attrs.set("tags", Value::unknown("tags are not in this output", item.location()));
  }
  std::string id = text_of(item.find("resourceId"), out);
  std::string arn = text_of(item.find("arn"), out);
  if (arn.empty()) arn = text_of(item.find("ARN"), out);
  auto [account, region] = path_placement(placement_path(path, out));
  if (std::string a = text_of(item.find("awsAccountId"), out); !a.empty()) account = a;
  if (std::string a = text_of(item.find("accountId"), out); !a.empty()) account = a;
  if (std::string g = text_of(item.find("awsRegion"), out); !g.empty()) region = g == "global" ? "" : g;
  if (out.diagnostics.size() > diagnostics_before) return;  // an identifier of the wrong kind: not a resource
  // A select row that names no resource (a COUNT(*) ... GROUP BY) is none.
  if (id.empty() && arn.empty()) return;
  model::Resource r = make_resource(canonical, id, arn, std::move(attrs), raw.location(), account, region);
  // Without its configuration (absent, null, or "null" text) only its existence is known.
  const Value* configuration = item.find("configuration");
  r.partial = partial || !configuration || configuration->is_null() ||
              (configuration->is_string() && configuration->as_string() == "null");
  if (placements) {
    if (!r.region.empty()) placements->insert({r.account, r.region});  // global types: no region to hold
    out.recorded.emplace(r.type, r.account, r.region);
  }
  // A select's results are what its WHERE chose, not all of a type.
  else if (!partial) add_inventory(out, canonical, r.account, r.region, path);
  prune(r, out);
  out.resources.push_back(std::move(r));
}

/// A capture time as a key that orders as time does: the API prints epoch
/// seconds (a number), delivered files ISO 8601 text. "" when unreadable.
std::string capture_key(const Value* at) {
  double seconds = -1;
  if (at && at->is_number()) {
    seconds = at->as_double();
  } else if (at && at->is_string()) {
    std::tm t{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    double second = 0;
    char zone[8] = {0};
    int n = std::sscanf(at->as_string().c_str(), "%d-%d-%dT%d:%d:%lf%7s", &year, &month, &day, &hour, &minute,
                        &second, zone);
    if (n >= 6) {
      t.tm_year = year - 1900;
      t.tm_mon = month - 1;
      t.tm_mday = day;
      t.tm_hour = hour;
      t.tm_min = minute;
      seconds = static_cast<double>(timegm(&t)) + second;
      int zh = 0, zm = 0;
      if (n == 7 && (zone[0] == '+' || zone[0] == '-') && std::sscanf(zone + 1, "%d:%d", &zh, &zm) >= 1)
        seconds -= (zone[0] == '+' ? 1 : -1) * (zh * 3600.0 + zm * 60.0);  // local time ahead of UTC
    }
  }
  if (!(seconds >= 0) || seconds > 1e12) return "";
  char key[32];
  std::snprintf(key, sizeof key, "%017.3f", seconds);
  return key;
}

/// A Config item of a history: only the latest capture of a resource makes
/// it (a later one supersedes the resource an earlier one made; a latest one
/// that says it was deleted leaves none).
void add_config_capture(const Value& item, const std::string& path, ExportResult& out,
                        std::set<std::pair<std::string, std::string>>* placements) {
  const Value* type = item.is_map() ? item.find("resourceType") : nullptr;
  const Value* id = item.is_map() ? item.find("resourceId") : nullptr;
  if (!out.config_history || !type || !id || !type->is_string() || !id->is_string()) {
    add_config_item(item, path, out, false, placements);
    return;
  }
  std::string time = capture_key(item.find("configurationItemCaptureTime"));
  auto [it, fresh] = out.captures.try_emplace({type->as_string(), id->as_string()}, time, std::string::npos);
  if (!fresh) {
    if (time <= it->second.first) return;  // an earlier capture (or the same)
    if (it->second.second != std::string::npos) out.resources[it->second.second].type = model::Key();
    it->second.first = time;
  }
  size_t before = out.resources.size();
  add_config_item(item, path, out, false, placements);
  it->second.second = out.resources.size() > before ? before : std::string::npos;
}

}  // namespace

std::pair<std::string, std::string> arn_placement(std::string_view arn) {
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return {"", ""};
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn") return {"", ""};
  return {std::string(parts[4]), std::string(parts[3])};
}

namespace {

/// What an AWS Config snapshot never holds, however complete: configuration
/// that is not a resource Config records (its own delivery channel, budgets,
/// Route 53 record sets, WAF associations, Organizations). A snapshot leaves
/// these unknown. (Backup replications, lifecycle policies and rotation
/// settings are members of the items Config does record.)
bool config_records(const std::string& type) {
  // What AWS Config has no resource type for: absent from a snapshot, it is
  // not known to be absent (an account setting such as EBS encryption by
  // default is no resource at all).
  static const std::set<std::string> kNot = {
      "aws_config_delivery_channel", "aws_config_configuration_recorder_status", "aws_budgets_budget",
      "aws_route53_record", "aws_wafv2_web_acl_association",
      "aws_guardduty_organization_configuration", "aws_organizations_policy", "aws_organizations_policy_attachment",
      "aws_organizations_organizational_unit", "aws_organizations_account", "aws_organizations_organization",
      "aws_iam_access_key", "aws_iam_user_login_profile", "aws_ecr_registry_scanning_configuration",
      "aws_ebs_encryption_by_default", "aws_iam_account_password_policy",
      // A snapshot is itself the sign of a recorder, which it need not list
      // (add_snapshot_inventory holds the type when it does).
      "aws_config_configuration_recorder"};
  return !kNot.count(type);
}

}  // namespace

bool holds(const std::vector<Inventory>& inventories, const std::string& type, const std::string& account,
           const std::string& region) {
  // An inventory of no account is no account's (an output no folder places,
  // whose items name none): it is not proof that another account has none.
  auto here = [&](const Inventory& inv) {
    return (account.empty() || inv.account == account) &&
           (inv.region.empty() || region.empty() || inv.region == region);
  };
  // A snapshot's item marked ResourceNotRecorded: that type is not held there.
  for (const Inventory& inv : inventories)
    if (inv.type.size() == type.size() + 1 && inv.type[0] == '!' && inv.type.compare(1, std::string::npos, type) == 0 &&
        here(inv))
      return false;
  // "*" is every resource type a snapshot records, not what a listing shows (aws_cloudtrail:organization).
  for (const Inventory& inv : inventories)
    if ((inv.type == type || (inv.type == "*" && config_records(type) && type.find(':') == std::string::npos)) &&
        here(inv))
      return true;
  return false;
}

bool is_export_identifier(std::string_view key) {
  if (key.empty() || !std::isupper(static_cast<unsigned char>(key[0])) || key == "Id" || key == "ARN") return false;
  for (const Row& r : rows())
    if (r.id == key) return true;
  return false;
}

bool is_export_envelope(const std::vector<TopLevelKey>& keys) {
  bool array = false;
  for (const auto& [k, is_array] : keys) {
    if (is_export_array(k) && !is_array) return false;
    if (is_export_array(k)) array = true;
    else if (!envelope_key(k) && !output_key(k) && k != "fileVersion" && k != "configSnapshotId") return false;
  }
  return array;
}

bool is_export_array(std::string_view key) {
  if (key == "configurationItems" || key == "baseConfigurationItems") return true;
  for (const Row& r : rows())
    if (r.key == key && r.items == r.key) return true;
  return false;
}

/// The type an ID's prefix names, for --query outputs that keep only some
/// fields under names of their own ([{"ID": "sg-…", "Name": …}]).
const char* type_of_id(const std::string& id) {
  static const std::vector<std::pair<std::string_view, const char*>> kPrefixes = {
      {"sg-", "aws_security_group"}, {"vpc-", "aws_vpc"}, {"subnet-", "aws_subnet"}, {"rtb-", "aws_route_table"},
      {"igw-", "aws_internet_gateway"}, {"nat-", "aws_nat_gateway"}, {"acl-", "aws_network_acl"},
      {"vpce-", "aws_vpc_endpoint"}, {"i-", "aws_instance"}, {"vol-", "aws_ebs_volume"}, {"eni-", "aws_network_interface"},
      {"fl-", "aws_flow_log"}};
  for (const auto& [prefix, type] : kPrefixes) {
    if (id.rfind(prefix, 0) != 0) continue;
    // EC2 IDs: the prefix and 8 or 17 hexadecimal digits ("i-love-yaml" is not one).
    std::string_view rest = std::string_view(id).substr(prefix.size());
    bool hex = (rest.size() == 8 || rest.size() == 17) &&
               rest.find_first_not_of("0123456789abcdef") == std::string_view::npos;
    return hex ? type : nullptr;
  }
  return nullptr;
}

/// How surely a member names its item rather than a resource the item sits in
/// or points at: a security group, an instance, a route table carries its
/// VpcId; an instance its SubnetId; a rule its GroupId; a listener its
/// LoadBalancerArn; an Aurora instance its DBClusterIdentifier.
int own_id_rank(std::string_view member) {
  static const std::vector<std::string_view> kContainers = {"VpcId",           "SubnetId",
                                                            "GroupId",         "LoadBalancerArn",
                                                            "DBClusterIdentifier", "FunctionName",
                                                            "repositoryName"};
  for (size_t i = 0; i < kContainers.size(); ++i)
    if (kContainers[i] == member) return static_cast<int>(i);
  return 100;
}

/// A --query output: a list of objects with some of an output's fields.
/// The row whose ID field its items have, or null. Of several, the one whose
/// ID is the item's own: `describe-security-groups --query 'SecurityGroups[]'`
/// lists security groups, though each carries a VpcId.
const Row* row_for_query(const Value& doc) {
  if (!doc.is_list() || doc.as_list().empty() || !doc.as_list()[0].is_map()) return nullptr;
  const Value& first = doc.as_list()[0];
  // By an identifier member that names the output (VpcId, DBInstanceIdentifier);
  // generic ones (name, Id, ARN) say nothing.
  const Row* best = nullptr;
  int best_rank = -1;
  for (const Row& r : rows())
    if (r.key != "-" && r.id[0] != '@' && r.id.find('.') == std::string::npos && r.id != "Id" && r.id != "ARN" &&
        std::isupper(static_cast<unsigned char>(r.id[0])) && first.find(r.id) && own_id_rank(r.id) > best_rank) {
      best = &r;
      best_rank = own_id_rank(r.id);
    }
  // An item of a type no row reads (a network interface: eni-…, with its
  // SubnetId and VpcId) is not the subnet's or the VPC's.
  if (best && best_rank < 100)
    for (const Member& m : first.as_map())
      if (own_id_rank(m.key) == 100 && m.value.is_string())
        if (const char* type = type_of_id(m.value.as_string()); type && best->mapping.canonical != type)
          return nullptr;
  return best;
}

/// The item's own ID, by its prefix: of several, the one least likely a container's.
std::string id_in(const Value& item) {
  if (!item.is_map()) return "";
  const Member* best = nullptr;
  for (const Member& m : item.as_map())
    if (m.value.is_string() && type_of_id(m.value.as_string()) &&
        (!best || own_id_rank(m.key) > own_id_rank(best->key)))
      best = &m;
  return best ? best->value.as_string() : "";
}

bool is_aws_export(const model::Value& doc, const std::string& path) {
  if (doc.is_list()) return row_for_query(doc) || (!doc.as_list().empty() && !id_in(doc.as_list()[0]).empty());
  if (!doc.is_map()) return false;
  for (const char* key : {"configurationItems", "baseConfigurationItems"})
    if (const Value* items = doc.find(key); items && items->is_list()) return true;
  if (doc.find("Results") && doc.find("QueryInfo")) return true;
  for (const Row& r : rows())
    if (row_matches(r, doc, path)) return true;
  return false;
}

void adapt_export(const model::Value& doc, const std::string& path, ExportResult& out) {
  if (doc.is_list()) {
    // A --query output holds some fields only: its resources are partial.
    if (const Row* row = row_for_query(doc)) {
      Row partial = *row;
      partial.partial = true;
      size_t i = 0;
      for (const Value& item : doc.as_list()) add_cli_item(partial, item, i++, path, out);
      auto [account, region] = path_placement(placement_path(path, out));
      add_inventory(out, row->mapping.canonical, account, region, path);
      return;
    }
    auto [account, region] = path_placement(placement_path(path, out));
    for (const Value& item : doc.as_list()) {
      std::string id = id_in(item);
      if (id.empty()) continue;
      model::Resource r = make_resource(type_of_id(id), id, "", canonical_members(nullptr, item), item.location(),
                                        account, region);
      r.partial = true;
      out.resources.push_back(std::move(r));
    }
    return;
  }
  if (!doc.is_map()) return;
  for (const char* key : {"configurationItems", "baseConfigurationItems"}) {
    const Value* items = doc.find(key);
    if (!items || !items->is_list()) continue;
    // A snapshot holds everything the recorder records: every type is there,
    // for every account and region it speaks of.
    bool snapshot = is_snapshot(doc, path);
    std::set<std::pair<std::string, std::string>> placements;
    out.config_history = !snapshot;
    for (const Value& item : items->as_list()) add_config_capture(item, path, out, snapshot ? &placements : nullptr);
    finish_export(out);
    for (const auto& [account, region] : placements) add_snapshot_inventory(out, account, region, path);
    return;
  }
  if (const Value* results = doc.find("Results"); results && results->is_list() && doc.find("QueryInfo")) {
    for (const Value& item : results->as_list()) add_config_item(item, path, out, true, nullptr);
    return;
  }
  for (const Row& r : rows())
    if (row_matches(r, doc, placement_path(path, out))) add_cli_row(r, doc, path, out);
}

void adapt_export_element(std::string_view array_key, const model::Value& element, const std::string& path,
                          ExportResult& out) {
  if (array_key == "configurationItems" || array_key == "baseConfigurationItems") {
    size_t before = out.resources.size();
    add_config_capture(element, path, out, nullptr);
    if (out.resources.size() > before) {
      const model::Resource& r = out.resources.back();
      if (!r.region.empty()) out.placements.emplace(r.account, r.region);
      out.recorded.emplace(r.type, r.account, r.region);
    }
    return;
  }
  // Rows that share a key (IAM's and Organizations' Policies) are told apart
  // by a member their items have, item by item.
  for (const Row& r : rows())
    if (r.key == array_key && r.items == r.key && (r.require.empty() || element.find(r.require))) {
      add_cli_item(r, element, out.resources.size(), path, out);
      return;
    }
}

void finish_export(ExportResult& out) {
  for (const auto& [key, latest] : out.captures)
    out.history.push_back({key.first, key.second, latest.first,
                           latest.second == std::string::npos || out.resources[latest.second].type.empty()
                               ? std::string()
                               : out.resources[latest.second].address});
  std::erase_if(out.resources, [](const model::Resource& r) { return r.type.empty(); });
  out.captures.clear();
}

void supersede_history(const std::vector<std::vector<ExportResult::Capture>>& files,
                       std::vector<std::vector<model::Resource>>& resources) {
  std::map<std::pair<std::string, std::string>, const ExportResult::Capture*> latest;
  size_t histories = 0;
  for (const auto& captures : files) {
    histories += !captures.empty();
    for (const ExportResult::Capture& c : captures) {
      auto [it, fresh] = latest.try_emplace({c.type, c.id}, &c);
      if (!fresh && c.time > it->second->time) it->second = &c;
    }
  }
  if (histories < 2) return;  // one file decides within itself
  for (size_t i = 0; i < files.size(); ++i) {
    std::set<std::string> stale;
    for (const ExportResult::Capture& c : files[i])
      if (latest[{c.type, c.id}] != &c && !c.address.empty()) stale.insert(c.address);
    if (!stale.empty())
      std::erase_if(resources[i], [&](const model::Resource& r) { return stale.count(r.address) > 0; });
  }
}

void snapshot_inventories(const model::Value& envelope, const std::string& path, ExportResult& out) {
  if (!envelope.is_map() || !is_snapshot(envelope, path)) return;
  for (const auto& [account, region] : out.placements) add_snapshot_inventory(out, account, region, path);
}

void export_inventories(const std::vector<std::string>& array_keys, const std::string& path, ExportResult& out) {
  for (const std::string& key : array_keys) {
    // A Config file holds every type only when it is a snapshot, which
    // snapshot_inventories tells from its envelope (a history file does not).
    if (key == "configurationItems") continue;
    for (const Row& r : rows()) {
      if (r.key != key) continue;
      // A row told apart by its items' member lists what it held only when
      // some item was its (an empty list is nobody's, as when read whole).
      if (!r.require.empty()) {
        std::string type = type_of_row(r, placement_path(path, out));
        if (std::none_of(out.resources.begin(), out.resources.end(),
                         [&](const model::Resource& res) { return res.type == type; }))
          continue;
      }
      add_row_inventories(r, path, out);
    }
  }
  warn_unplaced(path, out);
}

load::KeepMember export_keep(const std::set<std::string>& attributes, const std::set<std::string>& whole_types) {
  // The CLI arrays whose items become a type read whole.
  auto whole_arrays = std::make_shared<std::set<std::string, std::less<>>>();
  for (const Row& r : rows())
    if (r.items == r.key && (whole_types.count(r.mapping.canonical) ||
                             (r.mapping.canonical == "aws_db_parameter_group" &&
                              whole_types.count("aws_rds_cluster_parameter_group")) ||
                             (r.mapping.canonical == "aws_lb" && whole_types.count("aws_lb_target_group"))))
      whole_arrays->insert(r.key);
  bool whole_config = !whole_types.empty();
  // Raw member names (first letter upper-cased) that some table row renames
  // into a kept attribute.
  auto raw = std::make_shared<std::set<std::string>>();
  for (const Row& r : rows()) {
    for (const auto& [path, rename] : r.mapping.renames)
      if (attributes.count(rename.name) || rename.transform == "hoist")
        raw->insert(path.substr(0, path.find('.')));
    // What names the item (describe-availability-zones' ZoneName) is its
    // identity, read or not.
    if (!r.id.empty() && r.id[0] != '@') raw->insert(r.id.substr(0, r.id.find('.')));
    if (r.id == "@record") raw->insert({"Name", "Type", "SetIdentifier"});
    if (!r.require.empty()) raw->insert(r.require.substr(0, r.require.find('.')));  // what tells its items apart
    if (r.id == "@item") raw->insert("Id");
  }
  auto kept = std::make_shared<std::set<std::string>>(attributes);
  auto keeps = [raw, kept](std::string_view segment) {
    if (segment.empty()) return true;
    std::string upper(segment);
    upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[0])));
    if (raw->count(upper) || kept->count(snake_case(segment))) return true;
    static const std::set<std::string> kAlways = {"Tags", "TagList", "TagSet", "State", "Status", "Name",
                                                  "OwnerId", "Arn", "ARN", "Id"};
    if (kAlways.count(upper)) return true;
    auto ends = [&](std::string_view suffix) {
      return upper.size() >= suffix.size() && upper.compare(upper.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends("Id") || ends("Arn") || ends("ARN") || ends("Identifier");
  };
  return [keeps, whole_arrays, whole_config](std::string_view array_key, std::string_view path) {
    if (!array_key.empty() && whole_arrays->count(array_key)) return true;
    size_t dot = path.find('.');
    std::string_view first = path.substr(0, dot);
    if (dot == std::string_view::npos && is_export_array(first)) return true;  // the streamed array itself
    if (first == "relationships" || first == "relatedEvents") return false;  // Config items: not read
    if (first == "configuration" || first == "supplementaryConfiguration") {
      if (dot == std::string_view::npos || whole_config) return true;
      std::string_view rest = path.substr(dot + 1);
      return keeps(rest.substr(0, rest.find('.')));
    }
    // A Config item's envelope, or a CLI item's own member.
    if (first == "resourceType" || first == "resourceId" || first == "awsAccountId" || first == "awsRegion" ||
        first == "fileVersion" ||  // a snapshot's envelope (with configSnapshotId)
        first == "configurationItemStatus" || first == "configurationItemCaptureTime" || first == "tags" ||
        first == "arn")
      return true;
    return dot != std::string_view::npos || keeps(first);
  };
}

namespace {

/// Whether a resource named by its file's name was saved under a name that
/// names no resource: the command's or the service's own ("get-detector.json",
/// "guardduty-status.json" for aws_guardduty_detector), not a resource's (an
/// S3 bucket's outputs are saved under the bucket's name, the only identity
/// they have).
bool file_names_no_resource(const model::Resource& r) {
  std::filesystem::path file(std::string(r.location.file));
  std::string stem = base::ascii_lower(file.stem().string());
  std::string folder = base::ascii_lower(file.parent_path().filename().string());
  if (stem == folder) return true;
  for (std::string_view verb : {"get-", "describe-", "list-"})
    if (stem.rfind(verb, 0) == 0) return true;
  // The first word of the name is the type's service (aws_guardduty_detector: guardduty).
  std::string_view type = r.type;
  if (type.rfind("aws_", 0) == 0) type.remove_prefix(4);
  std::string_view service = type.substr(0, type.find('_'));
  std::string first = stem.substr(0, stem.find_first_of("-_."));
  return !service.empty() && first == service;
}

/// Whether another output's value takes the place of what the merged
/// resource holds: nothing, null, or an unknown the other output knows.
bool fills(const Value* held, const Value& given) {
  return !held || held->is_null() || (held->is_unknown() && !given.is_unknown());
}

}  // namespace

void merge_exports(std::vector<model::Resource>& resources) {
  using Place = std::tuple<std::string, std::string, std::string, std::string>;  // type, account, region, name
  // An output may name its resource by ARN where the others use its ID:
  // get-key-rotation-status prints the key's ARN as KeyId, describe-key its
  // ID. The ARN of a resource whose ID is known stands for that ID.
  std::map<Place, std::string> id_of_arn;
  for (const model::Resource& r : resources) {
    if (r.source != model::SourceKind::aws_export) continue;
    const Value* id = r.attrs.find("id");
    const Value* arn = r.attrs.find("arn");
    if (id && id->is_string() && arn && arn->is_string() && id->as_string().rfind("arn:", 0) != 0)
      id_of_arn.emplace(Place{r.type, r.account, r.region, arn->as_string()}, id->as_string());
  }
  std::map<Place, size_t> first;
  std::vector<bool> drop(resources.size(), false);
  for (size_t i = 0; i < resources.size(); ++i) {
    model::Resource& r = resources[i];
    if (r.source != model::SourceKind::aws_export) continue;
    const Value* id = r.attrs.find("id");
    Place key{r.type, r.account, r.region, id && id->is_string() ? id->as_string() : r.address};
    bool by_arn = false;
    if (auto known = id_of_arn.find(key); known != id_of_arn.end()) {
      std::get<3>(key) = known->second;
      by_arn = true;
    }
    auto [it, fresh] = first.emplace(key, i);
    if (fresh) continue;
    model::Resource& into = resources[it->second];
    // The group is known by the ID, not the ARN that also names it.
    if (const Value* own = into.attrs.find("id"); !by_arn && own && own->is_string() && own->as_string().rfind("arn:", 0) == 0) {
      if (!into.attrs.find("arn")) into.attrs.set("arn", *own, into.attrs.find_member("id")->key_location);
      into.attrs.set("id", *id, r.attrs.find_member("id")->key_location);
    }
    into.named_by_file = into.named_by_file && r.named_by_file;
    into.gone = into.gone || r.gone;
    // A complete description wins over a partial one; attributes add up.
    if (into.partial && !r.partial) {
      Value attrs = std::move(r.attrs);
      for (const Member& m : into.attrs.as_map())
        if (const Value* held = attrs.find(m.key); !held || (held->is_unknown() && !m.value.is_unknown()))
          attrs.set(m.key, m.value, m.key_location);
      into.attrs = std::move(attrs);
      into.location = r.location;
      into.partial = false;
    } else {
      for (const Member& m : r.attrs.as_map())
        if (fills(into.attrs.find(m.key), m.value)) into.attrs.set(m.key, m.value, m.key_location);
    }
    if (into.address.rfind("arn:", 0) != 0 && r.address.rfind("arn:", 0) == 0) {
      into.address = r.address;
      into.ids.insert(into.ids.begin(), r.address);
    }
    for (const std::string& other : r.ids)
      if (std::find(into.ids.begin(), into.ids.end(), other) == into.ids.end()) into.ids.push_back(other);
    drop[i] = true;
  }
  // A file named by no resource (a bundle made by another tool: get-detector
  // saved as guardduty.json) describes the one resource of its type in its
  // account and region, when there is exactly one: GuardDuty keeps one
  // detector per account and region. A file named otherwise names its
  // resource (a bucket's get-public-access-block saved as BUCKET.json), even
  // when the other outputs hold one other of its type.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<size_t>> named;
  for (size_t i = 0; i < resources.size(); ++i)
    if (!drop[i] && resources[i].source == model::SourceKind::aws_export && !resources[i].named_by_file)
      named[{resources[i].type, resources[i].account, resources[i].region}].push_back(i);
  for (size_t i = 0; i < resources.size(); ++i) {
    model::Resource& r = resources[i];
    if (drop[i] || !r.named_by_file || r.source != model::SourceKind::aws_export) continue;
    auto it = named.find({r.type, r.account, r.region});
    if (it == named.end()) continue;
    // The file may name its resource by name where the others use an ARN
    // (a load balancer's attributes saved as NAME.json).
    std::string stem = file_stem(std::string(r.location.file));
    std::vector<size_t> by_name;
    auto own_name = [&](const model::Resource& x) {
      for (const Member& m : x.attrs.as_map())
        if ((m.key == "name" || m.key == x.type.substr(4) + "_name") &&
            m.value.is_string() && m.value.as_string() == stem)
          return true;
      return false;
    };
    for (size_t j : it->second)
      if (own_name(resources[j])) by_name.push_back(j);
    size_t target;
    if (by_name.size() == 1) target = by_name.front();
    else if (file_names_no_resource(r) && it->second.size() == 1) target = it->second.front();
    else {
      // The outputs that list its type here do not hold the resource the
      // file names (a bucket's settings saved under its name beside a
      // snapshot of other buckets): it stands alone, described only by what
      // the file says, so the rest is unknown, never a default (a load
      // balancer with no scheme read as internet-facing).
      r.partial = true;
      continue;
    }
    model::Resource& into = resources[target];
    for (const Member& m : r.attrs.as_map())
      if (m.key != "id" && m.key != "arn" && fills(into.attrs.find(m.key), m.value))
        into.attrs.set(m.key, m.value, m.key_location);
    if (into.partial) {
      into.partial = r.partial;
      into.location = r.location;
    }
    drop[i] = true;
  }
  // Tags from the tagging API go to the resource their ARN names, when its
  // own output did not say (an "untagged" output); never a resource alone.
  std::map<std::string, size_t> by_arn;
  for (size_t i = 0; i < resources.size(); ++i)
    if (!drop[i] && resources[i].source == model::SourceKind::aws_export && resources[i].type != "aws_tagging_resource")
      for (const std::string& id : resources[i].ids)
        if (id.rfind("arn:", 0) == 0) by_arn.emplace(id, i);
  for (size_t i = 0; i < resources.size(); ++i) {
    if (drop[i] || resources[i].type != "aws_tagging_resource") continue;
    drop[i] = true;
    auto it = by_arn.find(resources[i].address);
    if (it == by_arn.end()) it = by_arn.find(resources[i].address + ":*");  // a log group as describe-log-groups prints it
    const Value* tags = resources[i].attrs.find("tags");
    if (it == by_arn.end() || !tags) continue;
    model::Resource& target = resources[it->second];
    const Value* own = target.attrs.find("tags");
    if (!own || own->is_unknown()) target.attrs.set("tags", *tags, resources[i].attrs.find_member("tags")->key_location);
  }
  size_t kept = 0;
  for (size_t i = 0; i < resources.size(); ++i) {
    if (drop[i] || resources[i].gone) continue;
    if (kept != i) resources[kept] = std::move(resources[i]);
    ++kept;
  }
  resources.resize(kept);
}

}  // namespace guardrail::adapt
