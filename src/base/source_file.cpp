#include "base/source_file.hpp"

#include <algorithm>

#include "base/intern.hpp"

namespace guardrail::base {

uint32_t count_code_points(std::string_view text) {
  uint32_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(intern(path)), name_(path_), text_(std::move(text)) {
  line_starts_.push_back(0);
  checkpoints_.reserve(text_.size() / kStride + 1);
  uint32_t column = 0;  // code points since the line's start
  for (size_t i = 0; i < text_.size(); ++i) {
    if (i % kStride == 0) checkpoints_.push_back(column);
    char c = text_[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
      column = 0;
    } else {
      column += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
  }
  // The end of the text is an offset too (an error at EOF): when it starts a
  // new stride, it needs a checkpoint of its own.
  if (text_.size() % kStride == 0) checkpoints_.push_back(column);
}

uint32_t SourceFile::code_points_before(size_t start, size_t offset) const {
  size_t k = offset / kStride;
  size_t from = k * kStride;
  if (from <= start || k >= checkpoints_.size()) return count_code_points(std::string_view(text_).substr(start, offset - start));
  return checkpoints_[k] + count_code_points(std::string_view(text_).substr(from, offset - from));
}

std::pair<uint32_t, uint32_t> SourceFile::line_column(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return {static_cast<uint32_t>(index + 1), code_points_before(line_starts_[index], offset) + 1};
}

Location SourceFile::location(size_t begin, size_t end) const {
  auto [line, column] = line_column(begin);
  auto [end_line, end_column] = line_column(std::max(begin, end));
  return Location{name_, line, column, end_line, end_column};
}

std::string_view SourceFile::line(uint32_t n) const {
  if (n == 0 || n > line_starts_.size()) return {};
  size_t start = line_starts_[n - 1];
  size_t end = n < line_starts_.size() ? line_starts_[n] : text_.size();
  std::string_view s = std::string_view(text_).substr(start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

size_t SourceFile::offset(uint32_t line_no, uint32_t column) const {
  if (line_no == 0 || line_no > line_starts_.size()) return text_.size();
  std::string_view s = line(line_no);
  size_t start = line_starts_[line_no - 1];
  uint32_t want = column > 0 ? column - 1 : 0;  // code points to skip
  // The last checkpoint inside the line at or before the column, then a short scan.
  size_t pos = 0;
  uint32_t col = 0;
  size_t first_k = (start + kStride - 1) / kStride, last_k = (start + s.size()) / kStride;
  if (first_k <= last_k && first_k < checkpoints_.size()) {
    size_t lo = first_k, hi = std::min(last_k + 1, checkpoints_.size());  // [lo, hi)
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (checkpoints_[mid] <= want) lo = mid;
      else hi = mid;
    }
    if (checkpoints_[lo] <= want && lo * kStride >= start && lo * kStride <= start + s.size()) {
      pos = lo * kStride - start;
      // A checkpoint may fall inside a code point: back up to its first byte.
      // (A checkpoint at the line's end is a boundary already: nothing to read there.)
      while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
      col = code_points_before(start, start + pos);
    }
  }
  for (; col < want && pos < s.size(); ++col) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  }
  return start + pos;
}

}  // namespace guardrail::base
