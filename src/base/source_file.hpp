#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/location.hpp"

namespace guardrail::base {

/// The bytes of one input and a table of where its lines start, so that byte
/// offsets from any parser (PEGTL positions, RapidJSON offsets, HCL tokens)
/// become line/column Locations. Lines end at "\n", "\r\n" or a lone "\r".
/// Columns count code points, so "é" before a token moves it by one column.
class SourceFile {
 public:
  /// `path` is the path shown to users (relative to the scan root, forward
  /// slashes); `text` the content, already decoded to UTF-8.
  SourceFile(std::string path, std::string text);

  /// Interned: Locations may keep the view after the SourceFile is gone.
  std::string_view path() const { return path_; }
  std::string_view text() const { return text_; }
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

  /// 1-based line and column of a byte offset (clamped to the text).
  std::pair<uint32_t, uint32_t> line_column(size_t offset) const;
  /// The Location of bytes [begin, end).
  Location location(size_t begin, size_t end) const;
  /// Line `n` (1-based) without its terminator; empty when out of range.
  std::string_view line(uint32_t n) const;
  /// Byte offset of a 1-based line and column (past the line's end: its
  /// end; past the last line: the text's size).
  size_t offset(uint32_t line, uint32_t column) const;

 private:
  /// Code points from its line's start to every kStride-th byte: columns and
  /// offsets cost O(kStride), not O(line), so a one-line 10 MB export with
  /// thousands of located nodes is not quadratic.
  static constexpr size_t kStride = 1024;
  /// The code point offset (column - 1) of byte `offset` within its line, which starts at `start`.
  uint32_t code_points_before(size_t start, size_t offset) const;

  std::string_view path_;
  FileName name_;  // path_, as Locations hold it
  std::string text_;
  std::vector<uint32_t> line_starts_;
  std::vector<uint32_t> checkpoints_;  // [k]: code points of the line before byte k * kStride
};

/// Number of code points in a UTF-8 string (continuation bytes are not counted).
uint32_t count_code_points(std::string_view text);

}  // namespace guardrail::base
