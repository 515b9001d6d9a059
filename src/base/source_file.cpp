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
    : path_(intern(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')))
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

std::pair<uint32_t, uint32_t> SourceFile::line_column(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t start = line_starts_[index];
  uint32_t column = count_code_points(std::string_view(text_).substr(start, offset - start)) + 1;
  return {static_cast<uint32_t>(index + 1), column};
}

Location SourceFile::location(size_t begin, size_t end) const {
  auto [line, column] = line_column(begin);
  auto [end_line, end_column] = line_column(std::max(begin, end));
  return Location{path_, line, column, end_line, end_column};
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
  size_t pos = 0;
  for (uint32_t col = 1; col < column && pos < s.size(); ++col) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  }
  return line_starts_[line_no - 1] + pos;
}

}  // namespace guardrail::base
