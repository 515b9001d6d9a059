#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/location.hpp"

namespace guardrail::model {

using base::Location;

/// The tag of a map that may hold more members than it lists (a resource's
/// tags when its provider's default tags are not in the scan): a member it
/// lacks is unknown to the rules, not absent.
inline constexpr std::string_view kOpenMapTag = "!guardrail/open-map";

/// What a Value holds. `unknown` is a value known only at apply time (a
/// Terraform `id`, an unset CloudFormation pseudo parameter); `reference` is an
/// unresolved pointer to another resource such as `aws_vpc.main.id`.
enum class Kind : uint8_t { null, boolean, integer, floating, string, list, map, unknown, reference };

std::string_view to_string(Kind kind);

class Value;
struct Member;
using List = std::vector<Value>;
using Map = std::vector<Member>;  // ordered as written; keys unique

/// A node of a document tree, with the source span it came from. Values are
/// plain data: copying copies the subtree (locations included).
class Value {
 public:
  // Defined below Member: the variant's constructor needs it complete.
  Value();
  explicit Value(Location where);

  static Value boolean(bool b, Location where = {});
  static Value integer(int64_t i, Location where = {});
  static Value floating(double d, Location where = {});
  static Value string(std::string s, Location where = {});
  // Overloads, not default arguments: a default List or Map would be
  // destroyed here, where Member is not yet complete (clang rejects that).
  static Value list(List items, Location where = {});
  static Value list();
  static Value map(Map members, Location where = {});
  static Value map();
  /// An apply-time value; `reason` says why it is unknown ("known after apply").
  static Value unknown(std::string reason = {}, Location where = {});
  /// A pointer to another resource, written the way the source wrote it after
  /// resolution, such as "aws_vpc.main.id" or "module.net.aws_subnet.a[0].id".
  static Value reference(std::string target, Location where = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_bool() const { return kind_ == Kind::boolean; }
  bool is_number() const { return kind_ == Kind::integer || kind_ == Kind::floating; }
  bool is_string() const { return kind_ == Kind::string; }
  bool is_list() const { return kind_ == Kind::list; }
  bool is_map() const { return kind_ == Kind::map; }
  bool is_unknown() const { return kind_ == Kind::unknown; }
  bool is_reference() const { return kind_ == Kind::reference; }
  bool is_scalar() const { return !is_list() && !is_map(); }

  const Location& location() const { return loc_; }
  void set_location(const Location& where) { loc_ = where; }
  /// The YAML tag written on the node ("!Ref"), or "" when it had none.
  std::string_view tag() const { return tag_ ? std::string_view(*tag_) : std::string_view(); }
  void set_tag(std::string_view tag);

  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  /// Integers widen to double.
  double as_double() const;
  /// The text of a string, the target of a reference, the reason of an unknown.
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  List& as_list() { return std::get<List>(data_); }
  const Map& as_map() const { return std::get<Map>(data_); }
  Map& as_map() { return std::get<Map>(data_); }

  /// Member of a map by key; nullptr when absent or when this is not a map.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const Member* find_member(std::string_view key) const;
  /// Element count of a list or map, 0 otherwise.
  size_t size() const;

  /// Sets a map member, replacing one with the same key. This must be a map.
  Value& set(std::string key, Value value, Location key_location = {});
  /// Appends to a list. This must be a list.
  Value& push_back(Value value);

  /// Structural equality, ignoring locations and tags.
  bool same(const Value& other) const;

 private:
  Kind kind_ = Kind::null;
  const std::string* tag_ = nullptr;  // interned, lives forever
  Location loc_;
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Map> data_;
};

/// One key of a map: the key's own location (for "point at the attribute")
/// and the value.
struct Member {
  std::string key;
  Location key_location;
  Value value;
};

inline Value::Value() = default;
inline Value::Value(Location where) : loc_(where) {}

/// Finds keys among the members of a map being built, with a hash index
/// once the map is wide: a linear search per key would make reading a JSON
/// object or YAML mapping of n keys cost n² (200,000 keys: 49 s). Members
/// must only be appended to the map, never removed or reordered.
class MapIndex {
 public:
  /// Up to this many members, a search is faster than hashing.
  static constexpr size_t kLinear = 16;

  /// The member with `key` in `members`, or nullptr.
  Member* find(Map& members, std::string_view key);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, size_t, Hash, std::equal_to<>> positions_;
};

/// Sets the members of one map key after key, in constant time per key
/// (Value::set searches the members: n keys set one by one cost n²). The
/// map must outlive the writer and gain members only through it.
class MapWriter {
 public:
  explicit MapWriter(Value& map) : map_(map) {}
  /// As Value::set.
  Value& set(std::string key, Value value, Location key_location = {});
  Value* find(std::string_view key);

 private:
  Value& map_;
  MapIndex index_;
};

/// True when a value holds no unknown and no reference anywhere inside.
bool wholly_known(const Value& value);

/// Why a value is not known in full: the reason of the first unknown inside
/// it (depth first) that gives one, or "".
std::string unknown_reason(const Value& value);

/// Compact one-line JSON-like rendering, for messages and debugging.
std::string to_display(const Value& value, size_t max_length = 200);

}  // namespace guardrail::model
