#include "base/diagnostic.hpp"

#include <algorithm>

#include "base/source_file.hpp"

namespace guardrail::base {

std::string_view to_string(Level level) {
  switch (level) {
    case Level::error: return "error";
    case Level::warning: return "warning";
    case Level::note: return "note";
  }
  return "error";
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.level == Level::error; });
}

namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Byte offset of 1-based code point `col` in `line` (its size when past it).
size_t byte_of_column(std::string_view line, uint32_t col) {
  size_t i = 0;
  for (uint32_t c = 1; c < col && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && continuation(line[i])) ++i;
  }
  return i;
}

}  // namespace

Window window_line(std::string_view line, uint32_t column, uint32_t end_column) {
  uint32_t width = count_code_points(line);
  if (width <= kMaxSnippetColumns) return {std::string(line), column, end_column};
  // Some context before the caret, the rest after it.
  uint32_t first = column > kSnippetLead ? column - kSnippetLead : 1;
  uint32_t last = std::min(width + 1, first + kMaxSnippetColumns);  // exclusive
  if (last - first < kMaxSnippetColumns && last == width + 1) first = last > kMaxSnippetColumns ? last - kMaxSnippetColumns : 1;
  size_t begin = byte_of_column(line, first), end = byte_of_column(line, last);
  Window out;
  uint32_t shift = first - 1;
  if (first > 1) {
    out.text = "\u2026";  // one column
    --shift;
  }
  out.text.append(line.substr(begin, end - begin));
  if (end < line.size()) out.text += "\u2026";
  out.column = column - shift;
  uint32_t window_end = last - shift;  // exclusive, in the window's columns
  out.end_column = end_column == UINT32_MAX ? end_column : std::min(end_column - std::min(end_column, shift), window_end);
  return out;
}

std::string caret_snippet(std::string_view full_line, uint32_t column, uint32_t end_column) {
  if (full_line.empty() && column <= 1) return "";
  Window window = window_line(full_line, column, end_column);
  std::string_view line = window.text;
  column = window.column;
  end_column = window.end_column;
  std::string out(line);
  out += '\n';
  uint32_t col = 1;
  size_t i = 0;
  // Copy tabs (and count every other code point as one space) up to the column.
  while (col < column && i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    out += c == '\t' ? '\t' : ' ';
    ++i;
    while (i < line.size() && continuation(line[i])) ++i;
    ++col;
  }
  while (col < column) {  // past the end of the line (a missing token at EOL)
    out += ' ';
    ++col;
  }
  out += '^';
  uint32_t width = 0;
  for (size_t j = i; j < line.size(); ++j) width += !continuation(line[j]);
  uint32_t last = std::min<uint32_t>(end_column, column + width);
  for (uint32_t c = column + 1; c < last; ++c) out += '~';
  out += '\n';
  return out;
}

}  // namespace guardrail::base
