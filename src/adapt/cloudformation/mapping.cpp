#include "adapt/cloudformation/mapping.hpp"

#include <cctype>
#include <map>
#include <vector>

#include "policy/builtin_pack.hpp"

namespace guardrail::adapt::cloudformation {
namespace {

using model::Member;
using model::Value;

enum class Transform { none, list, tags, pairs, kvmap, block, hoist, keep, first, types };

struct Rename {
  std::string name;
  Transform transform = Transform::none;
};

struct TypeMapping {
  std::string canonical;
  std::map<std::string, Rename> renames;  // "Prop" or "Prop.Sub"
  std::vector<std::pair<std::string, std::string>> constants;
};

Transform transform_named(const std::string& t) {
  static const std::map<std::string, Transform> kNames = {
      {"list", Transform::list},   {"tags", Transform::tags},   {"pairs", Transform::pairs},
      {"kvmap", Transform::kvmap}, {"block", Transform::block}, {"hoist", Transform::hoist},
      {"keep", Transform::keep},   {"first", Transform::first}, {"types", Transform::types}};
  auto it = kNames.find(t);
  return it == kNames.end() ? Transform::none : it->second;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

const std::map<std::string, TypeMapping>& table() {
  static const std::map<std::string, TypeMapping> kTable = [] {
    std::map<std::string, TypeMapping> out;
    std::string_view text = policy::builtin_file("data/cloudformation.tsv");
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string line(text.substr(start, end - start));
      start = end + 1;
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      size_t s = 0;
      for (;;) {
        size_t tab = line.find('\t', s);
        cols.push_back(line.substr(s, tab - s));
        if (tab == std::string::npos) break;
        s = tab + 1;
      }
      if (cols.size() < 2) continue;
      TypeMapping m;
      m.canonical = trim(cols[1]);
      if (cols.size() > 2) {
        std::string renames = cols[2];
        size_t p = 0;
        while (p <= renames.size()) {
          size_t semi = renames.find(';', p);
          std::string item = trim(renames.substr(p, semi - p));
          p = semi == std::string::npos ? renames.size() + 1 : semi + 1;
          size_t eq = item.find('=');
          if (item.empty() || eq == std::string::npos) continue;
          std::string path = item.substr(0, eq), target = item.substr(eq + 1);
          if (path[0] == '+') {
            m.constants.emplace_back(path.substr(1), target);
            continue;
          }
          Rename r;
          size_t colon = target.find(':');
          r.name = target.substr(0, colon);
          if (colon != std::string::npos) r.transform = transform_named(target.substr(colon + 1));
          m.renames[path] = r;
        }
      }
      out[trim(cols[0])] = std::move(m);
    }
    return out;
  }();
  return kTable;
}

Value tags_map(const Value& v) {
  if (v.is_map()) return v;  // some types take Tags as a map already
  if (!v.is_list()) return v;
  Value out = Value::map({}, v.location());
  for (const Value& t : v.as_list()) {
    const Value* k = t.find("Key");
    const Value* val = t.find("Value");
    if (k && k->is_string()) {
      const Member* km = t.find_member("Key");
      out.set(k->as_string(), val ? *val : Value(t.location()), km ? km->key_location : t.location());
    }
  }
  return out;
}

void collect_types(const Value& v, Value& out) {
  if (v.is_map()) {
    for (const Member& m : v.as_map()) {
      if (m.key == "Type" && m.value.is_scalar()) out.push_back(m.value);
      else collect_types(m.value, out);
    }
  } else if (v.is_list()) {
    for (const Value& item : v.as_list()) collect_types(item, out);
  }
}

class Converter {
 public:
  explicit Converter(const TypeMapping* mapping) : mapping_(mapping) {}

  void members(const Value& in, const std::string& path, Value& out, bool keep);

 private:
  Value value(const Value& in, const std::string& path, bool keep);
  const Rename* rename(const std::string& path) const {
    if (!mapping_) return nullptr;
    auto it = mapping_->renames.find(path);
    return it == mapping_->renames.end() ? nullptr : &it->second;
  }
  const TypeMapping* mapping_;
};

Value Converter::value(const Value& in, const std::string& path, bool keep) {
  if (in.is_map()) {
    Value out = Value::map({}, in.location());
    members(in, path, out, keep);
    return out;
  }
  if (in.is_list()) {
    Value out = Value::list({}, in.location());
    for (const Value& item : in.as_list()) out.push_back(value(item, path, keep));
    return out;
  }
  return in;
}

void Converter::members(const Value& in, const std::string& path, Value& out, bool keep) {
  for (const Member& m : in.as_map()) {
    std::string sub = path.empty() ? m.key : path + "." + m.key;
    if (keep) {
      out.set(m.key, value(m.value, sub, true), m.key_location);
      continue;
    }
    if (path.empty() && m.key == "Tags") {
      out.set("tags", tags_map(m.value), m.key_location);
      continue;
    }
    const Rename* r = rename(sub);
    Transform t = r ? r->transform : Transform::none;
    if (t == Transform::hoist) {
      // The object's members are the resource's own (DistributionConfig).
      if (m.value.is_map()) members(m.value, "", out, false);
      continue;
    }
    std::string name = r ? r->name : snake_case(m.key);
    if (name.empty()) continue;
    Value v = value(m.value, sub, t == Transform::keep);
    switch (t) {
      case Transform::list:
        if (!v.is_list() && !v.is_unknown()) v = Value::list({v}, v.location());
        break;
      case Transform::tags: v = tags_map(m.value); break;
      case Transform::pairs:
        if (m.value.is_map()) {
          Value list = Value::list({}, m.value.location());
          for (const Member& p : m.value.as_map()) {
            Value item = Value::map({}, p.key_location);
            item.set("name", Value::string(p.key, p.key_location), p.key_location);
            item.set("value", p.value, p.key_location);
            list.push_back(std::move(item));
          }
          v = std::move(list);
        }
        break;
      case Transform::kvmap:
        if (m.value.is_list()) {
          Value map = Value::map({}, m.value.location());
          for (const Value& e : m.value.as_list()) {
            const Value* k = e.find("Name");
            if (!k) k = e.find("Key");
            const Value* val = e.find("Value");
            if (k && k->is_string()) map.set(k->as_string(), val ? *val : Value(e.location()), e.location());
          }
          v = std::move(map);
        }
        break;
      case Transform::block:
        if (v.is_map()) v = Value::list({v}, v.location());
        break;
      case Transform::first:
        if (v.is_list()) {
          if (v.as_list().empty()) continue;
          Value first = v.as_list()[0];
          // [{CertificateArn: x}] -> x
          if (first.is_map() && first.size() == 1) first = first.as_map()[0].value;
          v = std::move(first);
        }
        break;
      case Transform::types: {
        Value list = Value::list({}, m.value.location());
        collect_types(m.value, list);
        v = std::move(list);
        break;
      }
      default: break;
    }
    out.set(name, std::move(v), m.key_location);
  }
}

}  // namespace

std::string snake_case(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && i > 0) {
      char prev = name[i - 1];
      bool prev_lower = std::islower(static_cast<unsigned char>(prev)) || std::isdigit(static_cast<unsigned char>(prev));
      bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      bool prev_upper = std::isupper(static_cast<unsigned char>(prev));
      // "DBInstance": a new word starts at the I of Instance; "MultiAZ": at the A.
      if (prev_lower || (prev_upper && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string canonical_type(const std::string& cfn_type) {
  auto it = table().find(cfn_type);
  if (it != table().end()) return it->second.canonical;
  // AWS::Service::Type -> aws_service_type
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t sep = cfn_type.find("::", start);
    std::string part = cfn_type.substr(start, sep - start);
    if (!out.empty()) out += '_';
    out += snake_case(part);
    if (sep == std::string::npos) break;
    start = sep + 2;
  }
  return out;
}

model::Value canonical_attributes(const std::string& cfn_type, const model::Value& properties) {
  auto it = table().find(cfn_type);
  const TypeMapping* mapping = it == table().end() ? nullptr : &it->second;
  Value out = Value::map({}, properties.location());
  if (properties.is_map()) Converter(mapping).members(properties, "", out, false);
  if (mapping)
    for (const auto& [name, constant] : mapping->constants) {
      Value v = constant == "true" || constant == "false" ? Value::boolean(constant == "true", properties.location())
                                                          : Value::string(constant, properties.location());
      out.set(name, std::move(v));
    }
  return out;
}

}  // namespace guardrail::adapt::cloudformation
