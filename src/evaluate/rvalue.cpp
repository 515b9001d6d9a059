#include "evaluate/rvalue.hpp"

#include <cmath>
#include <cstdio>

#include "model/supplied.hpp"

namespace guardrail::evaluate {

RValue RValue::of_map(model::Value map, Location where) {
  RValue v;
  v.kind = RKind::map;
  v.owned = std::make_shared<const model::Value>(std::move(map));
  v.node = v.owned.get();
  v.where = where;
  return v;
}

const std::vector<RValue>& RValue::list() const {
  static const std::vector<RValue> kEmpty;
  return kind == RKind::list && items ? *items : kEmpty;
}

RValue from_node(const model::Value& node, const model::Resource* owner, Location where, Location anchor) {
  RValue v;
  v.resource = owner;
  v.where = where;
  v.anchor = anchor;
  switch (node.kind()) {
    case model::Kind::null: break;
    case model::Kind::boolean:
      v.kind = RKind::boolean;
      v.boolean = node.as_bool();
      break;
    case model::Kind::integer:
      v.kind = RKind::number;
      v.number = static_cast<double>(node.as_int());
      v.integral = true;
      break;
    case model::Kind::floating:
      v.kind = RKind::number;
      v.number = node.as_double();
      break;
    case model::Kind::string:
      v.kind = RKind::string;
      v.text = node.as_string();
      v.supplied = node.tag() == model::kSuppliedTag;
      break;
    case model::Kind::unknown:
      v.kind = RKind::unknown;
      v.text = node.as_string();  // why: "known after apply", "tags are not in this output"
      break;
    case model::Kind::reference:
      v.kind = RKind::reference;
      v.text = node.as_string();
      break;
    case model::Kind::list: {
      std::vector<RValue> items;
      items.reserve(node.as_list().size());
      for (const model::Value& item : node.as_list()) {
        items.push_back(from_node(item, owner, item.location(), item.location()));
        if (items.back().kind == RKind::unknown && !v.incomplete) {
          v.incomplete = true;
          v.text = items.back().text;  // why the list is not known in full
        }
      }
      v.kind = RKind::list;
      v.items = std::make_shared<const std::vector<RValue>>(std::move(items));
      break;
    }
    case model::Kind::map:
      v.kind = RKind::map;
      v.node = &node;
      break;
  }
  return v;
}

model::Value to_model(const RValue& v) {
  switch (v.kind) {
    case RKind::null: return model::Value(v.where);
    case RKind::boolean: return model::Value::boolean(v.boolean, v.where);
    case RKind::number:
      return v.integral ? model::Value::integer(static_cast<int64_t>(v.number), v.where)
                        : model::Value::floating(v.number, v.where);
    case RKind::string: return model::Value::string(v.text, v.where);
    case RKind::reference: return model::Value::reference(v.text, v.where);
    case RKind::unknown: return model::Value::unknown(v.text, v.where);
    case RKind::list: {
      model::List items;
      for (const RValue& item : v.list()) items.push_back(to_model(item));
      return model::Value::list(std::move(items), v.where);
    }
    case RKind::map: return v.node ? *v.node : model::Value::map();
    case RKind::resource: return model::Value::string(v.resource->address, v.where);
  }
  return model::Value();
}

std::string display(const RValue& v) {
  switch (v.kind) {
    case RKind::null: return "null";
    case RKind::boolean: return v.boolean ? "true" : "false";
    case RKind::number: {
      if (v.integral || (std::floor(v.number) == v.number && std::fabs(v.number) < 1e15))
        return std::to_string(static_cast<long long>(v.number));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.number);
      return buf;
    }
    case RKind::string:
    case RKind::reference: return v.text;
    // Terraform's words for Terraform's values; a template's are known when
    // its stack is deployed.
    case RKind::unknown:
      return v.resource && v.resource->source == model::SourceKind::cloudformation ? "(known when deployed)"
                                                                                   : "(known after apply)";
    case RKind::resource: {
      // A module's resource is written in a folder shared by its callers
      // (a Terragrunt unit's root resources too: they are its module's):
      // the message says which root it belongs to.
      const model::Resource& r = *v.resource;
      if (!r.origin.empty()) {
        std::string_view file = r.location.file;
        bool elsewhere = r.source == model::SourceKind::terraform && r.origin != "." && !file.empty() &&
                         !(file.size() > r.origin.size() && file.starts_with(r.origin) && file[r.origin.size()] == '/');
        // The root the scan was run in is the one without a name: "(.)" says nothing.
        if ((r.address.rfind("module.", 0) == 0 || elsewhere) && r.origin != ".")
          return r.address + " (" + r.origin + ")";
      }
      // A template's resource reads with its path (dev/network.yaml#VPC):
      // two stacks of one file name in two folders are two resources, and a
      // message naming both must tell them apart.
      return r.address;
    }
    case RKind::list: {
      std::string out = "[";
      bool first = true;
      for (const RValue& item : v.list()) {
        if (!first) out += ", ";
        first = false;
        out += display(item);
        if (out.size() > 200) {
          out += ", …";
          break;
        }
      }
      return out + "]";
    }
    case RKind::map: return v.node ? model::to_display(*v.node) : "{}";
  }
  return "";
}

}  // namespace guardrail::evaluate
