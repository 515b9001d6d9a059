#include "model/value.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace guardrail::model {

namespace {

/// Interned keys, in shards so that parsing threads seldom wait for each
/// other; each thread also remembers the keys it met last.
class KeyPool {
 public:
  const std::string* get(std::string_view text) {
    size_t h = std::hash<std::string_view>{}(text);
    thread_local std::pair<size_t, const std::string*> recent[512] = {};
    auto& slot = recent[h % 512];
    if (slot.second && slot.first == h && *slot.second == text) return slot.second;
    Shard& shard = shards_[h % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.keys.find(text);
    if (it == shard.keys.end()) it = shard.keys.emplace(text).first;
    slot = {h, &*it};
    return &*it;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::string, Hash, std::equal_to<>> keys;  // nodes never move
  };
  static constexpr size_t kShards = 64;
  Shard shards_[kShards];
};

KeyPool& key_pool() {
  static KeyPool* pool = new KeyPool();  // keys outlive every static Value
  return *pool;
}

const std::string* empty_key() {
  static const std::string* empty = key_pool().get("");
  return empty;
}

}  // namespace

Key::Key() : text_(empty_key()) {}
Key::Key(std::string_view text) : text_(text.empty() ? empty_key() : key_pool().get(text)) {}

std::ostream& operator<<(std::ostream& out, const Key& key) { return out << key.view(); }

void Value::wrong_kind() { throw std::logic_error("a value read as a kind it does not hold"); }

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "bool";
    case Kind::integer: return "integer";
    case Kind::floating: return "number";
    case Kind::string: return "string";
    case Kind::list: return "list";
    case Kind::map: return "map";
    case Kind::unknown: return "unknown";
    case Kind::reference: return "reference";
  }
  return "null";
}

Value Value::boolean(bool b, Location where) {
  Value v(where);
  v.kind_ = Kind::boolean;
  v.data_.b = b;
  return v;
}
Value Value::integer(int64_t i, Location where) {
  Value v(where);
  v.kind_ = Kind::integer;
  v.data_.i = i;
  return v;
}
Value Value::floating(double d, Location where) {
  Value v(where);
  v.kind_ = Kind::floating;
  v.data_.d = d;
  return v;
}
Value Value::string(std::string s, Location where) {
  Value v(where);
  new (&v.data_.s) std::string(std::move(s));
  v.kind_ = Kind::string;
  return v;
}
Value Value::list(List items, Location where) {
  Value v(where);
  new (&v.data_.list) List(std::move(items));
  v.kind_ = Kind::list;
  return v;
}
Value Value::list() { return list(List{}); }
Value Value::map() { return map(Map{}); }
Value Value::map(Map members, Location where) {
  Value v(where);
  new (&v.data_.map) Map(std::move(members));
  v.kind_ = Kind::map;
  return v;
}
Value Value::unknown(std::string reason, Location where) {
  Value v(where);
  new (&v.data_.s) std::string(std::move(reason));
  v.kind_ = Kind::unknown;
  return v;
}
Value Value::reference(std::string target, Location where) {
  Value v(where);
  new (&v.data_.s) std::string(std::move(target));
  v.kind_ = Kind::reference;
  return v;
}

namespace {

/// Tags are few ("!Ref", "!Sub", ...): each is interned and numbered, so a
/// Value holds two bytes for it. Numbers are handed out under a lock and
/// read without one (a slot is written once, before its number is).
struct TagTable {
  static constexpr size_t kMax = 65535;
  std::mutex mutex;
  std::map<std::string, uint16_t, std::less<>> numbers;
  std::array<std::atomic<const std::string*>, kMax + 1> texts{};

  TagTable() {
    // CloudFormation's short forms and our own tags are numbered first, so
    // that a file of more distinct tags than there are numbers cannot take
    // them away (docs/reliability.md).
    for (std::string_view known : {"!Ref", "!Sub", "!GetAtt", "!Join", "!Select", "!Split", "!If", "!Equals", "!Not",
                                   "!And", "!Or", "!Condition", "!FindInMap", "!Base64", "!Cidr", "!GetAZs",
                                   "!ImportValue", "!Transform", "!ToJsonString", "!Length", "!ForEach"})
      number(known);
    number(kOpenMapTag);
  }

  /// The tag's number; past kMax distinct tags, every new one shares the
  /// last number, which reads as "!guardrail/other-tag".
  uint16_t number(std::string_view tag) {
    std::lock_guard lock(mutex);
    if (auto it = numbers.find(tag); it != numbers.end()) return it->second;
    if (numbers.size() + 1 >= kMax) {
      static const std::string kOther = "!guardrail/other-tag";
      texts[kMax].store(&kOther, std::memory_order_release);
      return static_cast<uint16_t>(kMax);
    }
    auto n = static_cast<uint16_t>(numbers.size() + 1);
    auto it = numbers.emplace(std::string(tag), n).first;
    texts[n].store(&it->first, std::memory_order_release);
    return n;
  }
};

TagTable& tags() {
  static TagTable table;
  return table;
}

}  // namespace

void Value::set_tag(std::string_view tag) { tag_ = tag.empty() ? 0 : tags().number(tag); }

std::string_view Value::tag_text(uint16_t tag) { return *tags().texts[tag].load(std::memory_order_acquire); }

double Value::as_double() const {
  if (kind_ == Kind::integer) return static_cast<double>(data_.i);
  expect(kind_ == Kind::floating);
  return data_.d;
}

const Member* Value::find_member(std::string_view key) const {
  if (kind_ != Kind::map) return nullptr;
  for (const Member& m : data_.map)
    if (m.key == key) return &m;
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = find_member(key);
  return m ? &m->value : nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

size_t Value::size() const {
  if (kind_ == Kind::list) return data_.list.size();
  if (kind_ == Kind::map) return data_.map.size();
  return 0;
}

Value& Value::set(Key key, Value value, Location key_location) {
  Map& members = as_map();
  for (Member& m : members) {
    if (m.key == key) {
      m.value = std::move(value);
      if (key_location.known()) m.key_location = key_location;
      return m.value;
    }
  }
  members.push_back(Member{std::move(key), key_location, std::move(value)});
  return members.back().value;
}

Member* MapIndex::find(Map& members, std::string_view key) {
  if (members.size() <= kLinear) {
    for (Member& m : members)
      if (m.key == key) return &m;
    return nullptr;
  }
  for (size_t i = positions_.size(); i < members.size(); ++i) positions_.emplace(members[i].key, i);
  auto it = positions_.find(key);
  return it == positions_.end() ? nullptr : &members[it->second];
}

Value& MapWriter::set(Key key, Value value, Location key_location) {
  Map& members = map_.as_map();
  if (Member* m = index_.find(members, key)) {
    m->value = std::move(value);
    if (key_location.known()) m->key_location = key_location;
    return m->value;
  }
  members.push_back(Member{std::move(key), key_location, std::move(value)});
  return members.back().value;
}

Value* MapWriter::find(std::string_view key) {
  Member* m = index_.find(map_.as_map(), key);
  return m ? &m->value : nullptr;
}

Value& Value::push_back(Value value) {
  List& items = as_list();
  items.push_back(std::move(value));
  return items.back();
}

bool Value::same(const Value& other) const {
  if (is_number() && other.is_number()) return as_double() == other.as_double();
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::null: return true;
    case Kind::boolean: return as_bool() == other.as_bool();
    case Kind::string:
    case Kind::unknown:
    case Kind::reference: return as_string() == other.as_string();
    case Kind::list: {
      const List& a = as_list();
      const List& b = other.as_list();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!a[i].same(b[i])) return false;
      return true;
    }
    case Kind::map: {
      const Map& a = as_map();
      const Map& b = other.as_map();
      if (a.size() != b.size()) return false;
      if (a.size() <= MapIndex::kLinear) {
        for (const Member& m : a) {
          const Value* o = other.find(m.key);
          if (!o || !m.value.same(*o)) return false;
        }
        return true;
      }
      // Wide maps: by key order, not a search per key (n log n, not n²).
      auto by_key = [](const Map& members) {
        std::vector<const Member*> out;
        out.reserve(members.size());
        for (const Member& m : members) out.push_back(&m);
        std::sort(out.begin(), out.end(), [](const Member* x, const Member* y) { return x->key < y->key; });
        return out;
      };
      std::vector<const Member*> x = by_key(a), y = by_key(b);
      for (size_t i = 0; i < x.size(); ++i)
        if (x[i]->key != y[i]->key || !x[i]->value.same(y[i]->value)) return false;
      return true;
    }
    default: return false;
  }
}

namespace {

void quote(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void display(std::string& out, const Value& v, size_t max_length) {
  if (out.size() > max_length) return;
  switch (v.kind()) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Kind::integer: out += std::to_string(v.as_int()); break;
    case Kind::floating: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", v.as_double());
      out += buf;
      break;
    }
    case Kind::string: quote(out, v.as_string()); break;
    case Kind::unknown: out += "(known after apply)"; break;
    case Kind::reference: out += v.as_string(); break;
    case Kind::list: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        display(out, item, max_length);
        if (out.size() > max_length) break;
      }
      out += ']';
      break;
    }
    case Kind::map: {
      out += '{';
      bool first = true;
      for (const Member& m : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += m.key;
        out += ": ";
        display(out, m.value, max_length);
        if (out.size() > max_length) break;
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_display(const Value& value, size_t max_length) {
  std::string out;
  if (value.is_string()) return value.as_string().size() <= max_length
                                    ? value.as_string()
                                    : value.as_string().substr(0, max_length) + "…";
  display(out, value, max_length);
  if (out.size() > max_length) {
    out.resize(max_length);
    out += "…";
  }
  return out;
}

bool wholly_known(const Value& value) {
  if (value.is_unknown() || value.is_reference()) return false;
  if (value.is_list())
    for (const Value& item : value.as_list())
      if (!wholly_known(item)) return false;
  if (value.is_map())
    for (const Member& m : value.as_map())
      if (!wholly_known(m.value)) return false;
  return true;
}

std::string unknown_reason(const Value& value) {
  std::vector<const Value*> pending{&value};
  while (!pending.empty()) {
    const Value* x = pending.back();
    pending.pop_back();
    if (x->is_unknown() && !x->as_string().empty()) return x->as_string();
    if (x->is_list())
      for (auto it = x->as_list().rbegin(); it != x->as_list().rend(); ++it) pending.push_back(&*it);
    if (x->is_map())
      for (auto it = x->as_map().rbegin(); it != x->as_map().rend(); ++it) pending.push_back(&it->value);
  }
  return {};
}

}  // namespace guardrail::model
