#pragma once
#include <compare>
#include <cstdint>
#include <string_view>

namespace guardrail::base {

/// A span of source text. Lines and columns are 1-based; columns count Unicode
/// code points (a tab is one column). `end_line`/`end_column` point just past
/// the last character. A default Location (line 0) means "no location".
/// `file` views a path owned by a SourceFile that outlives every Location.
struct Location {
  std::string_view file;
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
