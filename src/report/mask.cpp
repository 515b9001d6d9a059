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

bool covers(const base::Location& secret, uint32_t line_no) {
  uint32_t last = secret.end_line ? secret.end_line : secret.line;
  return line_no >= secret.line && line_no <= last;
}

/// Hides the secret at `where` on line `line_no` (one of its lines).
void hide(std::string& line, uint32_t line_no, const base::Location& where) {
  if (line_no > where.line) {
    star_from(line, 0);
    return;
  }
  size_t start = byte_of_column(line, where.column);
  // The located span on this line: a value alone ("Sup3rSecret!", where a
  // variable's default is reported), or a key and its value.
  bool bounded = where.end_line == line_no && where.end_column > where.column;
  size_t end = bounded ? byte_of_column(line, where.end_column) : line.size();
  size_t sep = line.substr(0, end).find_first_of(":=", start);
  if (sep == std::string::npos && bounded) {
    star_from(line, start, end);
    return;
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
}

}  // namespace

SecretPlaces::SecretPlaces(const std::vector<evaluate::Finding>& findings, const std::vector<base::Location>& others) {
  for (const evaluate::Finding& f : findings)
    if (f.secret && f.where.known()) by_file_[f.where.file].push_back(f.where);
  for (const base::Location& where : others)
    if (where.known()) by_file_[where.file].push_back(where);
}

Mask SecretPlaces::mask(const base::Location& where, bool secret) const {
  auto it = by_file_.find(where.file);
  return {where, secret, it == by_file_.end() ? nullptr : &it->second};
}

std::string mask_line(std::string_view line_in, uint32_t line_no, const Mask& mask) {
  std::string line(line_in);
  static const RE2 kAccessKey("(A[KS]IA)[A-Z0-9]{16}");
  RE2::GlobalReplace(&line, kAccessKey, "\\1****************");
  if (mask.secret && covers(mask.where, line_no)) hide(line, line_no, mask.where);
  if (mask.others)
    for (const base::Location& other : *mask.others)
      if (covers(other, line_no) && !(mask.secret && other == mask.where)) hide(line, line_no, other);
  return line;
}

}  // namespace guardrail::report

namespace guardrail::report {
namespace {

/// Lines up to this many bytes are masked whole; longer ones by the window.
constexpr size_t kShortLine = 4096;
/// Code points masked beyond a window on each side: more than an access key.
constexpr uint32_t kMargin = 64;

std::string cut_columns(const std::string& s, uint32_t from, uint32_t to) {
  size_t begin = byte_of_column(s, from), end = to == UINT32_MAX ? s.size() : byte_of_column(s, to);
  return end > begin ? s.substr(begin, end - begin) : std::string();
}

}  // namespace

std::string masked_columns(const base::SourceFile& src, uint32_t line_no, const Mask& mask, uint32_t from,
                           uint32_t to) {
  std::string_view raw = src.line(line_no);
  if (raw.size() <= kShortLine) return cut_columns(mask_line(raw, line_no, mask), from, to);
  uint32_t first = from > kMargin ? from - kMargin : 1;
  uint32_t last = to > UINT32_MAX - kMargin ? UINT32_MAX : to + kMargin;
  size_t line_start = src.offset(line_no, 1);
  size_t begin = src.offset(line_no, first) - line_start, end = src.offset(line_no, last) - line_start;
  std::string piece(raw.substr(begin, end - begin));
  bool secret_here = mask.secret && covers(mask.where, line_no);
  if (mask.others)
    for (const base::Location& other : *mask.others) secret_here = secret_here || covers(other, line_no);
  if (secret_here) {
    // Where the secret starts relative to the piece is not worth the risk: all of it.
    star_from(piece, 0);
  } else {
    static const RE2 kAccessKey("(A[KS]IA)[A-Z0-9]{16}");
    RE2::GlobalReplace(&piece, kAccessKey, "\\1****************");
  }
  return cut_columns(piece, from - first + 1, to == UINT32_MAX ? UINT32_MAX : to - first + 1);
}

base::Window shown_line(const base::SourceFile& src, const base::Location& where, const Mask& mask) {
  std::string_view raw = src.line(where.line);
  uint32_t end = where.end_line == where.line ? where.end_column : UINT32_MAX;
  if (raw.size() <= base::kMaxSnippetColumns) return {mask_line(raw, where.line, mask), where.column, end};
  uint32_t first = where.column > base::kSnippetLead ? where.column - base::kSnippetLead : 1;
  uint32_t last = first + base::kMaxSnippetColumns;  // exclusive
  base::Window out;
  uint32_t shift = first - 1;
  if (first > 1) {
    out.text = "\u2026";  // one column
    --shift;
  }
  out.text += masked_columns(src, where.line, mask, first, last);
  size_t line_end = src.offset(where.line, 1) + raw.size();
  if (src.offset(where.line, last) < line_end) out.text += "\u2026";
  out.column = where.column - shift;
  out.end_column = end == UINT32_MAX ? end : std::min(end - std::min(end, shift), last - shift);
  return out;
}

}  // namespace guardrail::report
