#include "report/mask.hpp"

#include <algorithm>

#include <re2/re2.h>

namespace guardrail::report {
namespace {

void star_from(std::string& line, size_t from, size_t to = std::string::npos) {
  for (size_t i = from; i < std::min(to, line.size()); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == ',') continue;
    // A UTF-8 sequence becomes one star.
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) {
      line.erase(i, 1);
      --i;
      if (to != std::string::npos) --to;
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
  // The located span on this line: a value alone ("Sup3rSecret!", where a
  // variable's default is reported), or a key and its value.
  bool bounded = mask.where.end_line == line_no && mask.where.end_column > mask.where.column;
  size_t end = bounded ? byte_of_column(line, mask.where.end_column) : line.size();
  size_t sep = line.substr(0, end).find_first_of(":=", start);
  if (sep == std::string::npos && bounded) {
    star_from(line, start, end);
    return line;
  }
  if (sep == std::string::npos) {
    // No separator ("ENV TOKEN value"): keep the first word, hide the rest.
    size_t word = line.find_first_not_of(" \t", start);
    size_t word_end = word == std::string::npos ? std::string::npos : line.find_first_of(" \t", word);
    if (word_end != std::string::npos) {
      size_t second = line.find_first_not_of(" \t", word_end);
      size_t second_end = second == std::string::npos ? std::string::npos : line.find_first_of(" \t", second);
      sep = second_end == std::string::npos ? word_end : second_end;
    } else {
      sep = line.size();
    }
  }
  star_from(line, sep + 1, end);
  return line;
}

}  // namespace guardrail::report
