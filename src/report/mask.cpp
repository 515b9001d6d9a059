#include "report/mask.hpp"

#include <re2/re2.h>

namespace guardrail::report {
namespace {

void star_from(std::string& line, size_t from) {
  for (size_t i = from; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == ',') continue;
    // A UTF-8 sequence becomes one star.
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) {
      line.erase(i, 1);
      --i;
      continue;
    }
    line[i] = '*';
  }
}

size_t byte_of_column(std::string_view line, uint32_t column) {
  size_t i = 0;
  for (uint32_t col = 1; col < column && i < line.size(); ++col) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

}  // namespace

std::string mask_line(std::string_view line_in, uint32_t line_no, const Mask& mask) {
  std::string line(line_in);
  static const RE2 kAccessKey("(A[KS]IA)[A-Z0-9]{16}");
  RE2::GlobalReplace(&line, kAccessKey, "\\1****************");
  if (!mask.secret || line_no < mask.where.line) return line;
  uint32_t last = mask.where.end_line ? mask.where.end_line : mask.where.line;
  if (line_no > last) return line;
  if (line_no > mask.where.line) {
    star_from(line, 0);
    return line;
  }
  size_t start = byte_of_column(line, mask.where.column);
  size_t sep = line.find_first_of(":=", start);
  if (sep == std::string::npos) {
    // No separator ("ENV TOKEN value"): keep the first word, hide the rest.
    size_t word = line.find_first_not_of(" \t", start);
    size_t end = word == std::string::npos ? std::string::npos : line.find_first_of(" \t", word);
    if (end != std::string::npos) {
      size_t second = line.find_first_not_of(" \t", end);
      size_t second_end = second == std::string::npos ? std::string::npos : line.find_first_of(" \t", second);
      sep = second_end == std::string::npos ? end : second_end;
    } else {
      sep = line.size();
    }
  }
  star_from(line, sep + 1);
  return line;
}

}  // namespace guardrail::report
