#include "base/diagnostic.hpp"

#include <algorithm>

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

std::string caret_snippet(std::string_view line, uint32_t column, uint32_t end_column) {
  if (line.empty() && column <= 1) return "";
  std::string out(line);
  out += '\n';
  uint32_t col = 1;
  size_t i = 0;
  // Copy tabs (and count every other code point as one space) up to the column.
  while (col < column && i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    out += c == '\t' ? '\t' : ' ';
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++col;
  }
  while (col < column) {  // past the end of the line (a missing token at EOL)
    out += ' ';
    ++col;
  }
  out += '^';
  uint32_t width = 0;
  for (size_t j = i; j < line.size(); ++j) width += (static_cast<unsigned char>(line[j]) & 0xC0) != 0x80;
  uint32_t last = std::min<uint32_t>(end_column, column + width);
  for (uint32_t c = column + 1; c < last; ++c) out += '~';
  out += '\n';
  return out;
}

}  // namespace guardrail::base
