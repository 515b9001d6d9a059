#include "model/resource_set.hpp"

#include <utility>

namespace guardrail::model {

bool is_iac_resource(const Resource& r) {
  if (r.source != SourceKind::terraform && r.source != SourceKind::terraform_plan &&
      r.source != SourceKind::cloudformation)
    return false;
  // The code's own values, not resources.
  return r.type != "terraform_variables" && r.type != "terraform_locals" && r.type != "terraform_provider" &&
         r.type != "cloudformation_parameters";
}

ResourceSet::ResourceSet(std::vector<const Resource*> resources) : all_(std::move(resources)) {
  // Sized once: growing them rehashed every entry at each doubling.
  size_t ids = 0, scoped = 0, scoped_ids = 0;
  for (const Resource* r : all_) {
    ids += r->ids.size();
    if (!r->scope.empty()) ++scoped, scoped_ids += r->ids.size();
  }
  by_address_.reserve(all_.size() - scoped);
  by_id_.reserve(ids);
  by_scoped_address_.reserve(scoped);
  by_scoped_id_.reserve(scoped_ids);
  for (const Resource* r : all_) {
    by_type_[r->type].push_back(r);
    if (!r->scope.empty()) by_scoped_address_.add(r);
    if (r->source == SourceKind::kubernetes) {
      by_type_["k8s_object"].push_back(r);
      by_scoped_type_[{"k8s_object", r->scope}].push_back(r);
      by_scoped_type_[{r->type, r->scope}].push_back(r);
      if (r->attrs.find("pod")) {
        by_type_["k8s_workload"].push_back(r);
        by_scoped_type_[{"k8s_workload", r->scope}].push_back(r);
      }
    }
    if (r->type.rfind("aws_", 0) == 0) by_type_["aws_resource"].push_back(r);
    if (is_iac_resource(*r)) by_type_["iac_resource"].push_back(r);
    if (const Value* identifier = r->attrs.find("identifier"); identifier && identifier->is_string())
      by_identifier_[{r->type, identifier->as_string()}].push_back(r);
    // Scoped resources (Terraform roots, clusters) repeat addresses across
    // scopes; they are found through their scope only.
    if (r->scope.empty()) by_address_.add(r);
    for (uint32_t i = 0; i < r->ids.size(); ++i) {
      by_id_.add(r, i);
      if (!r->scope.empty()) by_scoped_id_.add(r, i);
    }
  }
}

size_t ResourceSet::NameIndex::hash(std::string_view first, std::string_view second) {
  size_t a = std::hash<std::string_view>{}(first), b = std::hash<std::string_view>{}(second);
  return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

std::pair<std::string_view, std::string_view> ResourceSet::NameIndex::name_of(const Slot& s) const {
  const Resource& r = *s.resource;
  switch (shape_) {
    case KeyShape::address: return {r.address, {}};
    case KeyShape::scope_address: return {r.address, r.scope.view()};
    case KeyShape::id: return {r.ids[s.id], {}};
    case KeyShape::scope_id: return {r.scope.view(), r.ids[s.id]};
  }
  return {};
}

void ResourceSet::NameIndex::reserve(size_t entries) {
  size_t want = 16;
  while (want * 7 < entries * 10) want *= 2;
  if (want <= slots_.size()) return;
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(want));
  used_ = 0;
  for (const Slot& s : old)
    if (s.resource) {
      size_t mask = slots_.size() - 1;
      auto [first, second] = name_of(s);
      for (size_t i = hash(first, second) & mask;; i = (i + 1) & mask)
        if (!slots_[i].resource) {
          slots_[i] = s;
          ++used_;
          break;
        }
    }
}

void ResourceSet::NameIndex::add(const Resource* r, uint32_t id) {
  if ((used_ + 1) * 10 > slots_.size() * 7) reserve(used_ + 1 > 8 ? (used_ + 1) * 2 : 16);
  Slot slot{r, id, 0};
  auto [first, second] = name_of(slot);
  size_t h = hash(first, second), mask = slots_.size() - 1;
  slot.hash = static_cast<uint32_t>(h);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.resource) {
      s = slot;
      ++used_;
      return;
    }
    if (s.hash == slot.hash && name_of(s) == std::pair{first, second}) return;  // the first keeps the name
  }
}

const Resource* ResourceSet::NameIndex::find(std::string_view first, std::string_view second) const {
  if (slots_.empty()) return nullptr;
  size_t h = hash(first, second), mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.resource) return nullptr;
    if (s.hash == static_cast<uint32_t>(h) && name_of(s) == std::pair{first, second}) return s.resource;
  }
}

const std::vector<const Resource*>& ResourceSet::of_type(const std::string& type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? empty_ : it->second;
}

const std::vector<const Resource*>& ResourceSet::of_type(const std::string& type, const std::string& scope) const {
  auto it = by_scoped_type_.find({type, scope});
  return it == by_scoped_type_.end() ? empty_ : it->second;
}

const std::vector<const Resource*>& ResourceSet::with_identifier(const std::string& type,
                                                                std::string_view identifier) const {
  auto it = by_identifier_.find(std::pair{type, std::string(identifier)});
  return it == by_identifier_.end() ? empty_ : it->second;
}

const Resource* ResourceSet::by_address(std::string_view address, const std::string& scope) const {
  if (scope.empty()) return by_address(address);
  return by_scoped_address_.find(address, scope);
}

const Resource* ResourceSet::by_address(std::string_view address) const {
  return by_address_.find(address);
}

const Resource* ResourceSet::by_id(std::string_view id, const std::string& scope) const {
  if (!scope.empty())
    if (const Resource* r = by_scoped_id_.find(scope, id)) return r;
  if (const Resource* r = by_id_.find(id)) return r;
  return by_address(id);
}

const Resource* ResourceSet::resolve_reference(std::string_view target, const std::string& scope) const {
  std::string_view prefix = target;
  for (;;) {
    if (!scope.empty())
      if (const Resource* r = by_address(prefix, scope)) return r;
    if (const Resource* r = by_address(prefix)) return r;
    // Cut the last ".attr" (an index like [0] stays with its name).
    size_t dot = prefix.rfind('.');
    if (dot == std::string_view::npos) return nullptr;
    prefix = prefix.substr(0, dot);
  }
}

}  // namespace guardrail::model
