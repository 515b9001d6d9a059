#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/diagnostic.hpp"
#include "load/json_loader.hpp"
#include "model/resource.hpp"

namespace guardrail::adapt {

/// One kind of resource that an export holds for an account and region, even
/// when it holds none of them (docs/semantics.md, "Partial export bundles").
/// `type` "*" is everything (an AWS Config snapshot); "" account or region
/// means any.
struct Inventory {
  std::string type, account, region;
  std::string file;  // the export that holds it
  bool operator<(const Inventory& o) const {
    return std::tie(type, account, region, file) < std::tie(o.type, o.account, o.region, o.file);
  }
};

/// The inventories hold `type` for the account and region ("*" holds every
/// type; an empty account or region on either side matches any).
bool holds(const std::vector<Inventory>& inventories, const std::string& type, const std::string& account,
           const std::string& region);

struct ExportResult {
  /// When set, a resource keeps only the attributes this accepts (the
  /// rules' projection, for streamed exports): memory stays bounded.
  std::function<bool(const std::string& type, const std::string& attribute)> keep_attribute;
  std::vector<model::Resource> resources;
  std::vector<Inventory> inventories;
  base::Diagnostics diagnostics;
  /// (type, account, region) already in `inventories`: an export of a
  /// million items records each kind once.
  std::set<std::tuple<std::string, std::string, std::string>> inventoried;
  /// The (account, region) pairs a streamed Config file's items speak of.
  std::set<std::pair<std::string, std::string>> placements;
  /// The file's full path, when it has one: its folders name the account and
  /// region even when the path shown (relative to where the scan was run)
  /// does not. "": the path shown is all there is.
  std::string placement_path;
  /// AWS Config items may be several captures of one resource (a history,
  /// in either order): the latest decides what it is, or that it is gone.
  /// False for a snapshot, which holds each resource once.
  bool config_history = true;
  /// (type, ID) -> the latest capture time seen and the resource it made
  /// (npos: none, it was deleted); superseded resources are dropped by finish_export.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, size_t>> captures;
  /// After finish_export: the latest capture of each resource of a history
  /// in this file, so that histories split across files (S3 delivers one
  /// per six hours) are decided by the latest capture of all (supersede_history).
  struct Capture {
    std::string type, id, time;
    std::string address;  // the resource it made; "" when it was deleted
  };
  std::vector<Capture> history;
  /// The output is one page of more (a NextToken, IsTruncated: true): what
  /// it lists is not all there is, so it inventories nothing.
  bool truncated = false;
  /// Types a snapshot marks ResourceNotRecorded: not held, whatever "*" says.
  std::set<std::string> not_recorded;
  /// (type, account, region) of every item a snapshot holds, whatever its
  /// state (a failed NAT gateway too): the types it shows are recorded.
  std::set<std::tuple<std::string, std::string, std::string>> recorded;
};

/// Whether an output's top level says more pages follow.
bool more_pages(const model::Value& document);

/// Across the files of a scan: the resources of older captures (and all of a
/// resource whose latest capture says it was deleted) are dropped.
/// `files[i]` are the captures of the file whose resources are `resources[i]`.
void supersede_history(const std::vector<std::vector<ExportResult::Capture>>& files,
                       std::vector<std::vector<model::Resource>>& resources);

/// After a file whose items were streamed: drops what later captures superseded.
void finish_export(ExportResult& out);

/// After a streamed file: a Config snapshot (its envelope, read last) holds
/// every type for the places its items speak of.
void snapshot_inventories(const model::Value& envelope, const std::string& path, ExportResult& out);

/// True when a JSON document is AWS CLI output (`--output json`) of a command
/// guardrail reads, or AWS Config items (snapshots, history, select results):
/// recognized by content (data/aws-exports.tsv): the command's output key,
/// items that carry its identifier, nothing beside it but pagination; the
/// outputs that do not name their resource (get-detector) only in a bundle's
/// <account>/ folder of `path`. A list of anything with a `name`, or a
/// values file with a `cluster:` key, is not an export.
bool is_aws_export(const model::Value& document, const std::string& path);

/// True when a member name is the identifier of a command's items
/// (VpcId, DBClusterIdentifier): evidence of an export cut by --query.
bool is_export_identifier(std::string_view key);

/// A top-level member of a JSON object, seen from afar: its name, and
/// whether its value is an array.
struct TopLevelKey {
  std::string name;
  bool array = false;
};

/// True when an object with these top-level keys is an export of arrays
/// that can be streamed: an array key of a command (or a Config snapshot's)
/// whose value is an array, and nothing beside it but other output keys,
/// pagination and a snapshot's envelope. A command's key whose value is an
/// object (describe-cluster's "cluster", describe-key's "KeyMetadata") is
/// read whole.
bool is_export_envelope(const std::vector<TopLevelKey>& top_level_keys);

/// True when a top-level member name starts an export (for streaming: the
/// array that a large file holds).
bool is_export_array(std::string_view key);

/// Maps one export document to canonical resources. `path` is the file's
/// display path: its folders give the account and region where the items
/// carry no ARN (<account>/<region>/…), and its name the resource for the
/// outputs that do not name it (get-detector, describe-notifications-for-budget).
void adapt_export(const model::Value& document, const std::string& path, ExportResult& out);

/// The same for one element of a streamed top-level array `array_key` (a
/// Config item of `configurationItems`, a VPC of `Vpcs`).
void adapt_export_element(std::string_view array_key, const model::Value& element, const std::string& path,
                          ExportResult& out);

/// Records the inventories a streamed file held (its arrays, even empty).
void export_inventories(const std::vector<std::string>& array_keys, const std::string& path, ExportResult& out);

/// Which members of a streamed export element to keep while parsing: those
/// that become one of `attributes` (the projection of the rules in force),
/// identities, tags and states; and all of an item of `whole_types` (types
/// some rule reads as a whole). Config items keep their envelope but not
/// their relationships; their type is not known while they are read, so with
/// any type read whole their configuration is kept whole.
load::KeepMember export_keep(const std::set<std::string>& attributes, const std::set<std::string>& whole_types = {});

/// Resources of one account, region, type and ID exported by several
/// commands (describe-key and get-key-rotation-status) become one; a
/// partial resource (known from a list-* output only) takes the attributes
/// of a complete one. Order: first appearance.
void merge_exports(std::vector<model::Resource>& resources);

/// The account and region an ARN names ("" where it names none).
std::pair<std::string, std::string> arn_placement(std::string_view arn);

}  // namespace guardrail::adapt
