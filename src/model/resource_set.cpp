#include "model/resource_set.hpp"

namespace guardrail::model {

ResourceSet::ResourceSet(std::vector<const Resource*> resources) : all_(std::move(resources)) {
  // Sized once: growing them rehashed every entry at each doubling.
  by_address_.reserve(all_.size());
  by_id_.reserve(all_.size() * 2);
  by_scoped_address_.reserve(all_.size());
  by_scoped_id_.reserve(all_.size() * 2);
  for (const Resource* r : all_) {
    by_type_[r->type].push_back(r);
    if (!r->scope.empty()) by_scoped_address_.emplace(ViewPair{r->address, r->scope.view()}, r);
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
    if (const Value* identifier = r->attrs.find("identifier"); identifier && identifier->is_string())
      by_identifier_[{r->type, identifier->as_string()}].push_back(r);
    // Scoped resources (Terraform roots, clusters) repeat addresses across
    // scopes; they are found through their scope only.
    if (r->scope.empty()) by_address_.emplace(r->address, r);
    for (const std::string& id : r->ids) {
      by_id_.emplace(id, r);
      if (!r->scope.empty()) by_scoped_id_.emplace(ViewPair{r->scope.view(), id}, r);
    }
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
  auto it = by_scoped_address_.find(ViewPair{address, scope});
  return it == by_scoped_address_.end() ? nullptr : it->second;
}

const Resource* ResourceSet::by_address(std::string_view address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? nullptr : it->second;
}

const Resource* ResourceSet::by_id(std::string_view id, const std::string& scope) const {
  if (!scope.empty()) {
    auto scoped = by_scoped_id_.find(ViewPair{scope, id});
    if (scoped != by_scoped_id_.end()) return scoped->second;
  }
  auto it = by_id_.find(id);
  if (it != by_id_.end()) return it->second;
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
