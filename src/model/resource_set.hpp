#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/resource.hpp"

namespace guardrail::model {

/// A resource of Terraform (HCL or plan) or CloudFormation, whatever its
/// provider or type: aws_*, github_actions_secret, Custom::*, Alexa::ASK::Skill.
/// The `iac_resource` group of the policy language.
bool is_iac_resource(const Resource& r);

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
  /// A name of a resource, read from the resource itself: its address or
  /// one of its IDs (`id`), alone or with its scope.
  enum class KeyShape : uint8_t { address, scope_address, id, scope_id };
  /// Resources by a name they hold, in open addressing: 16 bytes an entry
  /// and no node of its own (an export of 370,000 resources indexed by hash
  /// nodes spent 130 MB on them). The key is not stored: each entry points
  /// at the resource and says which of its IDs, and the table's shape says
  /// how to read the name from it. The first resource added under a name keeps it.
  class NameIndex {
   public:
    explicit NameIndex(KeyShape shape) : shape_(shape) {}
    void reserve(size_t entries);
    void add(const Resource* r, uint32_t id = 0);
    const Resource* find(std::string_view first, std::string_view second = {}) const;

   private:
    struct Slot {
      const Resource* resource = nullptr;
      uint32_t id = 0;
      uint32_t hash = 0;  // the low bits of the name's hash: most misses are told without reading the name
    };
    std::pair<std::string_view, std::string_view> name_of(const Slot& s) const;
    static size_t hash(std::string_view first, std::string_view second);
    KeyShape shape_;
    std::vector<Slot> slots_;  // a power of two, at most 7/10 full
    size_t used_ = 0;
  };
  NameIndex by_scoped_address_{KeyShape::scope_address};
  NameIndex by_address_{KeyShape::address};
  NameIndex by_id_{KeyShape::id};
  NameIndex by_scoped_id_{KeyShape::scope_id};
  std::map<std::pair<std::string, std::string>, std::vector<const Resource*>, std::less<>> by_identifier_;
  std::vector<const Resource*> empty_;
};

}  // namespace guardrail::model
