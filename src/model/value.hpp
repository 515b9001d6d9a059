#pragma once
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
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

/// A map key, interned: every copy of "storage_encrypted" in every document
/// is one string, and a Member holds a pointer to it (8 bytes, not a
/// 32-byte std::string and often a heap block). Equal keys are the same
/// pointer. Reads as a const std::string&.
class Key {
 public:
  Key();
  Key(std::string_view text);                        // NOLINT(google-explicit-constructor)
  Key(const std::string& text) : Key(std::string_view(text)) {}  // NOLINT
  Key(const char* text) : Key(std::string_view(text)) {}         // NOLINT

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return *text_; }    // NOLINT(google-explicit-constructor)
  std::string_view view() const { return *text_; }

  bool empty() const { return text_->empty(); }
  size_t size() const { return text_->size(); }
  const char* data() const { return text_->data(); }
  const char* c_str() const { return text_->c_str(); }
  char operator[](size_t i) const { return (*text_)[i]; }
  bool starts_with(std::string_view p) const { return view().starts_with(p); }
  bool ends_with(std::string_view p) const { return view().ends_with(p); }
  size_t find(std::string_view p, size_t from = 0) const { return text_->find(p, from); }
  size_t find(char c, size_t from = 0) const { return text_->find(c, from); }
  size_t rfind(std::string_view p, size_t from = std::string::npos) const { return text_->rfind(p, from); }
  size_t rfind(char c, size_t from = std::string::npos) const { return text_->rfind(c, from); }
  std::string substr(size_t from, size_t n = std::string::npos) const { return text_->substr(from, n); }
  int compare(std::string_view other) const { return view().compare(other); }
  int compare(size_t pos, size_t n, std::string_view other) const { return view().compare(pos, n, other); }
  std::string::const_iterator begin() const { return text_->begin(); }
  std::string::const_iterator end() const { return text_->end(); }

  friend bool operator==(const Key& a, const Key& b) { return a.text_ == b.text_; }
  friend bool operator==(const Key& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(const Key& a, const std::string& b) { return *a.text_ == b; }
  friend bool operator==(const Key& a, const char* b) { return *a.text_ == b; }
  friend std::strong_ordering operator<=>(const Key& a, const Key& b) {
    return a.text_ == b.text_ ? std::strong_ordering::equal : *a.text_ <=> *b.text_;
  }
  friend std::strong_ordering operator<=>(const Key& a, std::string_view b) { return a.view() <=> b; }
  friend std::string operator+(const Key& a, std::string_view b) { return std::string(a.view()).append(b); }
  friend std::string operator+(std::string_view a, const Key& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Key& a, const char* b) { return std::string(a.view()).append(b); }
  friend std::string operator+(const char* a, const Key& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Key& a, const std::string& b) { return std::string(a.view()).append(b); }
  friend std::string operator+(const std::string& a, const Key& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(std::string&& a, const Key& b) { return std::move(a.append(b.view())); }
  friend std::string operator+(const Key& a, char b) { return std::string(a.view()) + b; }

 private:
  const std::string* text_;
};

std::ostream& operator<<(std::ostream& out, const Key& key);

class Value;
struct Member;
using List = std::vector<Value>;
using Map = std::vector<Member>;  // ordered as written; keys unique

/// A node of a document tree, with the source span it came from. Values are
/// plain data: copying copies the subtree (locations included).
class Value {
 public:
  // Defined below Member: copying and moving need it complete.
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
  std::string_view tag() const { return tag_ ? tag_text(tag_) : std::string_view(); }
  void set_tag(std::string_view tag);

  // A read of the wrong kind throws std::logic_error (a defect of the
  // reader: the scan reports it as an error on the file being read).
  bool as_bool() const { return expect(kind_ == Kind::boolean), data_.b; }
  int64_t as_int() const { return expect(kind_ == Kind::integer), data_.i; }
  /// Integers widen to double.
  double as_double() const;
  /// The text of a string, the target of a reference, the reason of an unknown.
  const std::string& as_string() const { return expect(holds_text()), data_.s; }
  const List& as_list() const { return expect(kind_ == Kind::list), data_.list; }
  List& as_list() { return expect(kind_ == Kind::list), data_.list; }
  const Map& as_map() const { return expect(kind_ == Kind::map), data_.map; }
  Map& as_map() { return expect(kind_ == Kind::map), data_.map; }

  /// Member of a map by key; nullptr when absent or when this is not a map.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const Member* find_member(std::string_view key) const;
  /// Element count of a list or map, 0 otherwise.
  size_t size() const;

  /// Sets a map member, replacing one with the same key. This must be a map.
  Value& set(Key key, Value value, Location key_location = {});
  /// Appends to a list. This must be a list.
  Value& push_back(Value value);

  /// Structural equality, ignoring locations and tags.
  bool same(const Value& other) const;

  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value() { destroy(); }

 private:
  /// What kind_ says the value holds; a union, not a std::variant, whose
  /// own index would repeat kind_ (8 bytes of every node).
  union Data {
    bool b;
    int64_t i;
    double d;
    std::string s;  // string, unknown, reference
    List list;
    Map map;
    Data() : i(0) {}
    ~Data() {}
  };
  bool holds_text() const { return kind_ == Kind::string || kind_ == Kind::unknown || kind_ == Kind::reference; }
  static void expect(bool ok) {
    if (!ok) wrong_kind();
  }
  [[noreturn]] static void wrong_kind();
  void destroy();
  void copy_from(const Value& other);
  void move_from(Value&& other) noexcept;

  /// The text of a tag's number (1 and up).
  static std::string_view tag_text(uint16_t tag);

  // 56 bytes: the tag is a number beside the kind, not a pointer.
  Data data_;
  Location loc_;
  Kind kind_ = Kind::null;
  uint16_t tag_ = 0;  // 0: none; else the interned tag's number
};

/// One key of a map: the key's own location (for "point at the attribute")
/// and the value.
struct Member {
  Key key;
  Location key_location;
  Value value;
};

inline Value::Value() = default;
inline Value::Value(Location where) : loc_(where) {}

inline void Value::destroy() {
  switch (kind_) {
    case Kind::string:
    case Kind::unknown:
    case Kind::reference: data_.s.~basic_string(); break;
    case Kind::list: data_.list.~List(); break;
    case Kind::map: data_.map.~Map(); break;
    default: break;
  }
  kind_ = Kind::null;
}

inline void Value::copy_from(const Value& other) {
  switch (other.kind_) {
    case Kind::string:
    case Kind::unknown:
    case Kind::reference: new (&data_.s) std::string(other.data_.s); break;
    case Kind::list: new (&data_.list) List(other.data_.list); break;
    case Kind::map: new (&data_.map) Map(other.data_.map); break;
    default: data_.i = other.data_.i; break;  // a bool, number or nothing: the bytes
  }
  kind_ = other.kind_;
}

inline void Value::move_from(Value&& other) noexcept {
  switch (other.kind_) {
    case Kind::string:
    case Kind::unknown:
    case Kind::reference: new (&data_.s) std::string(std::move(other.data_.s)); break;
    case Kind::list: new (&data_.list) List(std::move(other.data_.list)); break;
    case Kind::map: new (&data_.map) Map(std::move(other.data_.map)); break;
    default: data_.i = other.data_.i; break;
  }
  kind_ = other.kind_;
}

inline Value::Value(const Value& other) : loc_(other.loc_), tag_(other.tag_) { copy_from(other); }
inline Value::Value(Value&& other) noexcept : loc_(other.loc_), tag_(other.tag_) { move_from(std::move(other)); }

inline Value& Value::operator=(const Value& other) {
  if (this == &other) return *this;
  Value copy(other);  // `other` may live inside this value
  return *this = std::move(copy);
}

inline Value& Value::operator=(Value&& other) noexcept {
  if (this == &other) return *this;
  Value moved_out;  // `other` may live inside this value: destroy the old contents last
  moved_out.move_from(std::move(*this));
  moved_out.tag_ = tag_;
  destroy();
  tag_ = other.tag_;
  loc_ = other.loc_;
  move_from(std::move(other));
  return *this;
}

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
  Value& set(Key key, Value value, Location key_location = {});
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
