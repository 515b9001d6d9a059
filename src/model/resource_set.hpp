#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/resource.hpp"

namespace guardrail::model {

/// The resources of one view (IaC or live) with the indexes joins need:
/// by type, by address, and by every identifier a resource is known by.
/// Holds pointers: the resources must outlive it and not move.
class ResourceSet {
 public:
  ResourceSet() = default;
  explicit ResourceSet(std::vector<const Resource*> resources);

  const std::vector<const Resource*>& all() const { return all_; }
  /// Resources of a type (or of a group: k8s_object, k8s_workload,
  /// aws_resource), in scan order; empty when there are none.
  const std::vector<const Resource*>& of_type(const std::string& type) const;
  /// The same within one Kubernetes scope (Resource::scope).
  const std::vector<const Resource*>& of_type(const std::string& type, const std::string& scope) const;
  const Resource* by_address(std::string_view address) const;
  /// A resource by address within a Kubernetes scope.
  const Resource* by_address(std::string_view address, const std::string& scope) const;
  /// The resource an ID, ARN or address names, or nullptr. With a scope (an
  /// account and region of an export), that scope's resources first: names
  /// such as a DB subnet group's repeat across accounts.
  const Resource* by_id(std::string_view id, const std::string& scope = {}) const;
  /// The resource a reference such as "aws_vpc.main.id" or
  /// "module.net.aws_subnet.a[0].cidr_block" points at: the longest prefix
  /// (cut at '.') that is an address, looked up first within `scope` (the
  /// Terraform root or cluster the reference was written in), then among
  /// unscoped resources. nullptr when it names nothing scanned.
  const Resource* resolve_reference(std::string_view target, const std::string& scope = {}) const;
  /// Resources of a type whose `identifier` attribute is the string
  /// `identifier` (an RDS instance named by a replica's source), in scan
  /// order: a lookup, not a search of every resource of the type.
  const std::vector<const Resource*>& with_identifier(const std::string& type, std::string_view identifier) const;

 private:
  std::vector<const Resource*> all_;
  std::map<std::string, std::vector<const Resource*>, std::less<>> by_type_;
  std::map<std::pair<std::string, std::string>, std::vector<const Resource*>> by_scoped_type_;
  /// (address, scope) and (scope, ID), viewed in the resources' own text:
  /// an export of 370,000 resources indexed by copies cost a gigabyte.
  using ViewPair = std::pair<std::string_view, std::string_view>;
  struct ViewPairHash {
    size_t operator()(const ViewPair& p) const {
      size_t a = std::hash<std::string_view>{}(p.first), b = std::hash<std::string_view>{}(p.second);
      return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
  };
  std::unordered_map<ViewPair, const Resource*, ViewPairHash> by_scoped_address_;
  std::unordered_map<std::string_view, const Resource*> by_address_;
  std::unordered_map<std::string_view, const Resource*> by_id_;
  std::unordered_map<ViewPair, const Resource*, ViewPairHash> by_scoped_id_;
  std::map<std::pair<std::string, std::string>, std::vector<const Resource*>, std::less<>> by_identifier_;
  std::vector<const Resource*> empty_;
};

}  // namespace guardrail::model
