#pragma once
#include <memory>
#include <string>
#include <vector>

#include "base/location.hpp"
#include "model/resource.hpp"
#include "model/value.hpp"

namespace guardrail::evaluate {

using base::Location;

enum class RKind : uint8_t { null, boolean, number, string, reference, unknown, list, map, resource };

/// A value while a rule runs. Values read from a document remember where they
/// were read (`where`: the attribute's line) and from which resource
/// (`resource`), so a failed check points at the attribute and a computed
/// value can still name its owner. `anchor` is where the path that produced
/// the value started (the bound variable): a missing attribute is located
/// there, as docs/semantics.md asks ("its block header, its metadata, its list
/// element"). A boolean's `where` is the place that decided it (its blame).
struct RValue {
  // The flags share one word: a rule over a large export holds lists of
  // hundreds of thousands of these.
  RKind kind = RKind::null;
  bool boolean = false;
  bool integral = false;
  bool incomplete = false;  // list: some elements may be missing (their membership is unknown)
  bool supplied = false;    // string: given from outside the code (model::kSuppliedTag), not written in it
  double number = 0;
  std::string text;  // string, reference target, unknown reason
  std::shared_ptr<const std::vector<RValue>> items;  // list
  const model::Value* node = nullptr;           // map (document-backed or `owned`)
  std::shared_ptr<const model::Value> owned;    // keeps a computed map alive
  const model::Resource* resource = nullptr;    // the resource, or the owner of a document value
  Location where;
  Location anchor;

  static RValue null(Location where = {}) {
    RValue v;
    v.where = where;
    return v;
  }
  /// `why`: the reason the undecided list gives, when one is known.
  static RValue unknown(Location where = {}, std::string why = {}) {
    RValue v;
    v.kind = RKind::unknown;
    v.where = where;
    v.text = std::move(why);
    return v;
  }
  static RValue of_bool(bool b, Location where = {}) {
    RValue v;
    v.kind = RKind::boolean;
    v.boolean = b;
    v.where = where;
    return v;
  }
  static RValue of_number(double n, bool integral, Location where = {}) {
    RValue v;
    v.kind = RKind::number;
    v.number = n;
    v.integral = integral;
    v.where = where;
    return v;
  }
  static RValue of_string(std::string s, Location where = {}) {
    RValue v;
    v.kind = RKind::string;
    v.text = std::move(s);
    v.where = where;
    return v;
  }
  static RValue of_list(std::vector<RValue> items, bool incomplete = false, Location where = {}) {
    RValue v;
    v.kind = RKind::list;
    v.items = std::make_shared<const std::vector<RValue>>(std::move(items));
    v.incomplete = incomplete;
    v.where = where;
    return v;
  }
  static RValue of_resource(const model::Resource* r) {
    RValue v;
    v.kind = RKind::resource;
    v.resource = r;
    v.where = r->location;
    v.anchor = r->location;
    return v;
  }
  /// A computed map (owns its document).
  static RValue of_map(model::Value map, Location where = {});

  bool is_null() const { return kind == RKind::null; }
  bool is_unknown() const { return kind == RKind::unknown; }
  bool is_true() const { return kind == RKind::boolean && boolean; }
  bool is_false() const { return kind == RKind::boolean && !boolean; }
  /// The list's elements (empty for non-lists).
  const std::vector<RValue>& list() const;
  /// Where to point for this value: `where`, else `anchor`.
  const Location& blame() const { return where.known() ? where : anchor; }
};

/// A document value as a run-time value. Lists become lists of run-time
/// values; maps stay document-backed.
RValue from_node(const model::Value& node, const model::Resource* owner, Location where, Location anchor);

/// A run-time value back as a document value (locations kept where known).
model::Value to_model(const RValue& v);

/// Text for messages: strings as they are, resources by address, lists and
/// maps compact, null as "null", unknown as "(known after apply)".
std::string display(const RValue& v);

}  // namespace guardrail::evaluate
