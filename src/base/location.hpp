#pragma once
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace guardrail::base {

/// The path of a file as users see it, in four bytes: an index into a table
/// of interned paths that lives until the program ends. Every parsed node
/// carries one (a Location), so its size is the document model's. Reads as
/// a string_view; equal paths have equal indexes.
class FileName {
 public:
  FileName() = default;
  // Implicit, as the string_view it replaces: Location{path, line, ...}.
  FileName(std::string_view path);  // NOLINT(google-explicit-constructor)
  FileName(const char* path) : FileName(std::string_view(path)) {}  // NOLINT
  FileName(const std::string& path) : FileName(std::string_view(path)) {}  // NOLINT

  std::string_view view() const;
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)

  bool empty() const { return id_ == 0; }
  size_t size() const { return view().size(); }
  const char* data() const { return view().data(); }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
  bool ends_with(std::string_view suffix) const { return view().ends_with(suffix); }
  int compare(FileName other) const { return id_ == other.id_ ? 0 : view().compare(other.view()); }

  friend bool operator==(FileName a, FileName b) { return a.id_ == b.id_; }
  friend bool operator==(FileName a, std::string_view b) { return a.view() == b; }
  friend bool operator==(FileName a, const char* b) { return a.view() == b; }
  friend bool operator==(FileName a, const std::string& b) { return a.view() == b; }
  /// Orders by the paths' bytes, as the string_views did.
  friend std::strong_ordering operator<=>(FileName a, FileName b) {
    int c = a.compare(b);
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
  }

 private:
  uint32_t id_ = 0;
};

std::ostream& operator<<(std::ostream& out, FileName file);

/// A span of source text. Lines and columns are 1-based; columns count Unicode
/// code points (a tab is one column). `end_line`/`end_column` point just past
/// the last character. A default Location (line 0) means "no location".
struct Location {
  FileName file;
  uint32_t line = 0, column = 0, end_line = 0, end_column = 0;

  bool known() const { return line != 0; }
  /// Orders by file (bytes), then start, then end.
  std::strong_ordering operator<=>(const Location& other) const;
  bool operator==(const Location& other) const = default;
};

/// Smallest span covering both (an attribute's key and its value); either
/// may be unknown. A `last` in another file or before `first` (a value
/// written elsewhere: a variable's default) is returned alone.
Location span(const Location& first, const Location& last);

}  // namespace guardrail::base

template <>
struct std::hash<guardrail::base::FileName> {
  size_t operator()(guardrail::base::FileName f) const { return std::hash<std::string_view>{}(f.view()); }
};
