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

/// The code point starting at byte `i` (the replacement character for a
/// malformed sequence); `i` moves past it.
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  char32_t cp = more == 3 ? c & 0x07 : more == 2 ? c & 0x0F : more == 1 ? c & 0x1F : c;
  for (int k = 0; k < more; ++k) {
    if (i >= s.size() || !continuation(s[i])) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

/// How many terminal columns a code point takes: two for East Asian wide and
/// full-width characters and emoji, none for combining marks, one otherwise.
uint32_t display_width(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
      (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200D)
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
      (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

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
  // Copy tabs, and pad every other code point by the columns a terminal
  // gives it (two for 日本語), up to the column.
  while (col < column && i < line.size()) {
    if (line[i] == '\t') {
      out += '\t';
      ++i;
    } else {
      out.append(display_width(next_code_point(line, i)), ' ');
    }
    ++col;
  }
  while (col < column) {  // past the end of the line (a missing token at EOL)
    out += ' ';
    ++col;
  }
  // Under the span: as many columns as its code points take on screen.
  uint32_t under = 0;
  for (uint32_t c = column; c < end_column && i < line.size(); ++c)
    under += line[i] == '\t' ? (++i, 1) : display_width(next_code_point(line, i));
  out += '^';
  for (uint32_t c = 1; c < under; ++c) out += '~';
  out += '\n';
  return out;
}

}  // namespace guardrail::base
