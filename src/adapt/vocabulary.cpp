#include "adapt/vocabulary.hpp"

#include <algorithm>
#include <cctype>

#include "base/text.hpp"
#include "policy/builtin_pack.hpp"

namespace guardrail::adapt {
namespace {

using model::Member;
using model::Value;

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

/// Path segments compare with their first letter upper-cased.
std::string normal_key(std::string_view key) {
  std::string out(key);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string normal_path(const std::string& path) {
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    if (!out.empty()) out += '.';
    out += normal_key(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

Value tags_map(const Value& v) {
  if (!v.is_list()) return v;  // a map already (AWS Config, some types)
  Value out = Value::map({}, v.location());
  model::MapWriter members(out);
  bool open = false;
  for (const Value& t : v.as_list()) {
    // A tag decided at deploy (an Fn::If on a parameter's condition): the
    // map may hold any key, not only those written.
    if (t.is_unknown() || t.is_reference()) open = true;
    const Value* k = t.find("Key");
    if (!k) k = t.find("key");
    const Value* val = t.find("Value");
    if (!val) val = t.find("value");
    if (k && k->is_string()) {
      const Member* km = t.find_member(k == t.find("Key") ? "Key" : "key");
      members.set(k->as_string(), val ? *val : Value(t.location()), km ? km->key_location : t.location());
    }
  }
  if (open) out.set_tag(model::kOpenMapTag);
  return out;
}

void collect_types(const Value& v, Value& out) {
  if (v.is_map()) {
    for (const Member& m : v.as_map()) {
      if ((m.key == "Type" || m.key == "type") && m.value.is_scalar()) out.push_back(m.value);
      else collect_types(m.value, out);
    }
  } else if (v.is_list()) {
    for (const Value& item : v.as_list()) collect_types(item, out);
  }
}

const Value* member_ci(const Value& map, const std::string& key) {
  if (const Value* v = map.find(key)) return v;
  std::string lower = key;
  if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  return map.find(lower);
}

class Converter {
 public:
  explicit Converter(const TypeMapping* mapping) : mapping_(mapping) {}
  /// `hoisted`: the name of the object whose members these are made the
  /// resource's own (LaunchTemplateData); a rename written under it
  /// (LaunchTemplateData.TagSpecifications) wins over the bare one, which
  /// may name a property of the resource itself.
  void members(const Value& in, const std::string& path, model::MapWriter& out, bool keep,
               const std::string& hoisted = "");

 private:
  Value value(const Value& in, const std::string& path, bool keep);
  Value transform(const TypeMapping::Rename& r, const std::string& path, const Value& raw, Value converted);
  const TypeMapping::Rename* rename(const std::string& path) const {
    if (!mapping_) return nullptr;
    auto it = mapping_->renames.find(path);
    if (it != mapping_->renames.end()) return &it->second;
    auto f = mapping_->folded.find(base::ascii_lower(path));
    return f == mapping_->folded.end() ? nullptr : &mapping_->renames.at(f->second);
  }
  const TypeMapping* mapping_;
};

Value Converter::value(const Value& in, const std::string& path, bool keep) {
  if (in.is_map()) {
    Value out = Value::map({}, in.location());
    out.as_map().reserve(in.size());  // about as many as it reads
    model::MapWriter writer(out);
    members(in, path, writer, keep);
    return out;
  }
  if (in.is_list()) {
    Value out = Value::list({}, in.location());
    for (const Value& item : in.as_list()) out.push_back(value(item, path, keep));
    return out;
  }
  return in;
}

Value Converter::transform(const TypeMapping::Rename& r, const std::string& path, const Value& raw, Value v) {
  const std::string& t = r.transform;
  if (t == "list") {
    if (!v.is_list() && !v.is_unknown() && !v.is_null()) v = Value::list({v}, v.location());
  } else if (t == "tags") {
    v = tags_map(raw);
  } else if (t == "pairs" && raw.is_map()) {
    Value list = Value::list({}, raw.location());
    for (const Member& p : raw.as_map()) {
      Value item = Value::map({}, p.key_location);
      item.set("name", Value::string(p.key, p.key_location), p.key_location);
      item.set("value", p.value, p.key_location);
      list.push_back(std::move(item));
    }
    v = std::move(list);
  } else if (t == "kvmap" && raw.is_list()) {
    Value map = Value::map({}, raw.location());
    model::MapWriter members(map);
    for (const Value& e : raw.as_list()) {
      const Value* k = member_ci(e, "Name");
      if (!k) k = member_ci(e, "Key");
      const Value* val = member_ci(e, "Value");
      if (k && k->is_string()) members.set(k->as_string(), val ? *val : Value(e.location()), e.location());
    }
    v = std::move(map);
  } else if (t == "block") {
    if (v.is_map()) v = Value::list({v}, v.location());
  } else if (t == "first") {
    if (v.is_list()) {
      if (v.as_list().empty()) return Value(raw.location());
      Value first = v.as_list()[0];
      if (first.is_map() && first.size() == 1) first = first.as_map()[0].value;
      v = std::move(first);
    }
  } else if (t == "types") {
    Value list = Value::list({}, raw.location());
    collect_types(raw, list);
    v = std::move(list);
  } else if (t == "pick") {
    // The member of the converted value (its own renames applied), under
    // the name the member converts to.
    const Value* from = v.is_list() ? (v.as_list().empty() ? nullptr : &v.as_list()[0]) : &v;
    const TypeMapping::Rename* inner = rename(path + "." + normal_key(r.argument));
    std::string name = inner ? inner->name : snake_case(r.argument);
    const Value* m = from && from->is_map() ? from->find(name) : nullptr;
    v = m ? *m : Value(raw.location());
  } else if (t == "kvparams" && raw.is_list()) {
    // describe-db-parameters: [{ParameterName, ParameterValue, Source, ...}]
    // as Terraform's parameter blocks [{name, value}]; parameters left at
    // the engine's default carry no value and are not settings.
    Value list = Value::list({}, raw.location());
    for (const Value& e : raw.as_list()) {
      const Value* name = member_ci(e, "ParameterName");
      const Value* value = member_ci(e, "ParameterValue");
      if (!name || !value) continue;
      Value item = Value::map({}, e.location());
      item.set("name", *name, e.location());
      item.set("value", *value, e.find_member("ParameterValue") ? e.find_member("ParameterValue")->key_location
                                                                 : e.location());
      if (const Value* method = member_ci(e, "ApplyMethod")) item.set("apply_method", *method, e.location());
      list.push_back(std::move(item));
    }
    v = std::move(list);
  } else if (t == "pluck" && raw.is_list()) {
    Value list = Value::list({}, raw.location());
    for (const Value& e : raw.as_list()) {
      if (const Value* m = e.is_map() ? member_ci(e, r.argument) : nullptr) list.push_back(*m);
      else if (e.is_scalar()) list.push_back(e);  // AWS Config lists bare values
    }
    v = std::move(list);
  } else if (t == "egress" && raw.is_bool()) {
    v = Value::string(raw.as_bool() ? "egress" : "ingress", raw.location());
  } else if (t == "enabled_types") {
    // {clusterLogging: [{types: [api, audit], enabled: true}, {types: [...], enabled: false}]}
    Value list = Value::list({}, raw.location());
    const Value* entries = raw.is_map() ? member_ci(raw, "ClusterLogging") : nullptr;
    if (entries && entries->is_list())
      for (const Value& e : entries->as_list()) {
        const Value* enabled = member_ci(e, "Enabled");
        const Value* types = member_ci(e, "Types");
        if (enabled && enabled->is_bool() && enabled->as_bool() && types && types->is_list())
          for (const Value& x : types->as_list()) list.push_back(x);
      }
    v = std::move(list);
  } else if (t == "default_document" && raw.is_list()) {
    for (const Value& version : raw.as_list()) {
      const Value* is_default = member_ci(version, "IsDefaultVersion");
      if (is_default && is_default->is_bool() && is_default->as_bool()) {
        const Value* doc = member_ci(version, "Document");
        v = doc ? *doc : Value(version.location());
        return v;
      }
    }
    v = Value(raw.location());
  }
  return v;
}

void Converter::members(const Value& in, const std::string& path, model::MapWriter& out, bool keep,
                        const std::string& hoisted) {
  for (const Member& m : in.as_map()) {
    std::string key = normal_key(m.key);
    std::string sub = path.empty() ? key : path + "." + key;
    if (keep) {
      out.set(m.key, value(m.value, sub, true), m.key_location);
      continue;
    }
    if (path.empty() && (key == "Tags" || key == "TagList" || key == "TagSet")) {
      out.set("tags", tags_map(m.value), m.key_location);
      continue;
    }
    const TypeMapping::Rename* r = hoisted.empty() ? nullptr : rename(hoisted + "." + sub);
    if (!r) r = rename(sub);
    if (r && r->transform == "hoist") {
      // The object's members are its parent's own: the resource's
      // (DistributionConfig), or a list element's (a classic load balancer's
      // ListenerDescriptions[].Listener), renamed as the parent's.
      if (m.value.is_map()) members(m.value, path, out, false, key);
      continue;
    }
    std::string name = r ? r->name : snake_case(m.key);
    if (name.empty()) continue;
    Value v = value(m.value, sub, r && r->transform == "keep");
    if (r && !r->transform.empty()) v = transform(*r, sub, m.value, std::move(v));
    // Two members read as one (AWS Config's ipRanges and ipv4Ranges, either
    // of which may be empty): their lists together.
    if (Value* earlier = out.find(name); earlier && earlier->is_list() && v.is_list()) {
      for (Value& item : v.as_list())
        if (std::none_of(earlier->as_list().begin(), earlier->as_list().end(),
                         [&](const Value& e) { return e.same(item); }))
          earlier->push_back(std::move(item));
      continue;
    }
    out.set(name, std::move(v), m.key_location);
  }
}

}  // namespace

std::string snake_case(std::string_view raw) {
  std::string name = normal_key(raw);
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

void parse_renames(const std::string& column, TypeMapping& m) {
  size_t p = 0;
  while (p <= column.size()) {
    size_t semi = column.find(';', p);
    std::string item = trim(column.substr(p, semi - p));
    p = semi == std::string::npos ? column.size() + 1 : semi + 1;
    size_t eq = item.find('=');
    if (item.empty() || eq == std::string::npos) continue;
    std::string path = item.substr(0, eq), target = item.substr(eq + 1);
    if (path[0] == '+') {
      m.constants.emplace_back(path.substr(1), target);
      continue;
    }
    TypeMapping::Rename r;
    size_t colon = target.find(':');
    r.name = target.substr(0, colon);
    if (colon != std::string::npos) {
      r.transform = target.substr(colon + 1);
      size_t slash = r.transform.find('/');
      if (slash != std::string::npos) {
        r.argument = r.transform.substr(slash + 1);
        r.transform = r.transform.substr(0, slash);
      }
    }
    std::string normal = normal_path(path);
    m.renames[normal] = r;
    m.folded[base::ascii_lower(normal)] = normal;
  }
}

namespace {

/// Calls `row` with each line of a table that is not blank or a comment,
/// without its line end.
template <typename Row>
void for_each_row(std::string_view text, Row row) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    row(line);
  }
}

}  // namespace

std::vector<std::vector<std::string>> table_rows(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  for_each_row(text, [&](std::string_view view) {
    std::string line(view);
    std::vector<std::string> cols;
    size_t s = 0;
    for (;;) {
      size_t tab = line.find('\t', s);
      cols.push_back(trim(line.substr(s, tab - s)));
      if (tab == std::string::npos) break;
      s = tab + 1;
    }
    rows.push_back(std::move(cols));
  });
  return rows;
}

/// One column of a table (an embedded one: the views live as long as the
/// program), trimmed as table_rows trims it; rows without it give nothing.
std::vector<std::string_view> table_column(std::string_view text, size_t index) {
  std::vector<std::string_view> out;
  for_each_row(text, [&](std::string_view line) {
    size_t begin = 0;
    for (size_t i = 0; i < index; ++i) {
      size_t tab = line.find('\t', begin);
      if (tab == std::string_view::npos) return;
      begin = tab + 1;
    }
    std::string_view field = line.substr(begin, line.find('\t', begin) - begin);
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t' || field.back() == '\r')) field.remove_suffix(1);
    out.push_back(field);
  });
  return out;
}

const std::vector<std::string_view>& resource_types() {
  // Views into the embedded tables, no copies: every run checks the shipped
  // rules' type names, so this is start-up cost.
  static const std::vector<std::string_view> kTypes = [] {
    std::vector<std::string_view> types;
    auto column = [&](std::string_view table, size_t index) {
      for (std::string_view t : table_column(policy::builtin_file(table), index))
        if (!t.empty() && t != "-") types.push_back(t);
    };
    column("data/resource-types.tsv", 0);
    column("data/cloudformation.tsv", 1);
    column("data/aws-exports.tsv", 3);
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    return types;
  }();
  return kTypes;
}

model::Value canonical_members(const TypeMapping* mapping, const model::Value& members) {
  Value out = Value::map({}, members.location());
  out.as_map().reserve(members.size() + (mapping ? mapping->constants.size() : 0));
  model::MapWriter writer(out);
  if (members.is_map()) Converter(mapping).members(members, "", writer, false);
  if (mapping)
    for (const auto& [name, constant] : mapping->constants) {
      Value v = constant == "true" || constant == "false" ? Value::boolean(constant == "true", members.location())
                                                          : Value::string(constant, members.location());
      writer.set(name, std::move(v));
    }
  return out;
}

}  // namespace guardrail::adapt
