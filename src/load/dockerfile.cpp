#include "load/dockerfile.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace guardrail::load {
namespace {

const std::set<std::string>& keywords() {
  static const std::set<std::string> kKeywords = {
      "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
      "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"};
  return kKeywords;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct Line {
  std::string_view text;
  size_t offset;  // of its first character in the file
};

}  // namespace

ParsedDockerfile parse_dockerfile(const base::SourceFile& file) {
  ParsedDockerfile out;
  std::string_view text = file.text();
  std::vector<Line> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(start, end - start), start});
    if (end == text.size()) break;
    start = end + 1;
  }

  size_t i = 0;
  // Parser directives: `# key=value` lines before anything else.
  for (; i < lines.size(); ++i) {
    std::string_view l = trim_right(lines[i].text);
    size_t p = l.find_first_not_of(" \t");
    if (p == std::string_view::npos || l[p] != '#') break;
    std::string_view body = l.substr(p + 1);
    size_t eq = body.find('=');
    if (eq == std::string_view::npos) break;
    std::string key(body.substr(0, eq));
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t'; }), key.end());
    std::string value(body.substr(eq + 1));
    value.erase(0, value.find_first_not_of(" \t"));
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (key == "escape") {
      if (value == "`" || value == "\\") out.escape = value[0];
      else out.diagnostics.push_back(base::error("dockerfile-syntax", file.location(lines[i].offset + p, lines[i].offset + l.size()),
                                                 "the escape directive takes \\ or `"));
    } else if (key != "syntax" && key != "check") {
      break;
    }
  }

  while (i < lines.size()) {
    std::string_view l = lines[i].text;
    size_t p = l.find_first_not_of(" \t\r");
    if (p == std::string_view::npos || l[p] == '#') {
      ++i;
      continue;
    }
    size_t word_end = l.find_first_of(" \t\r", p);
    if (word_end == std::string_view::npos) word_end = l.size();
    Instruction ins;
    ins.keyword = upper(std::string(l.substr(p, word_end - p)));
    ins.where = file.location(lines[i].offset + p, lines[i].offset + word_end);
    size_t args = l.find_first_not_of(" \t", word_end);
    {
      // The arguments on the instruction's first line, without a trailing
      // continuation character: what a finding about them underlines.
      size_t begin = args == std::string_view::npos ? word_end : args;
      std::string_view first = trim_right(l.substr(begin));
      if (!first.empty() && first.back() == out.escape) first = trim_right(first.substr(0, first.size() - 1));
      ins.arguments_at = file.location(lines[i].offset + begin, lines[i].offset + begin + std::max<size_t>(first.size(), 1));
    }
    // The arguments, with continuation lines joined (comment lines and
    // empty lines inside a continuation are dropped, as Docker does).
    std::string joined;
    std::string_view rest = args == std::string_view::npos ? std::string_view() : l.substr(args);
    for (;;) {
      std::string_view r = trim_right(rest);
      bool continues = !r.empty() && r.back() == out.escape;
      if (continues) r.remove_suffix(1);
      if (!joined.empty() && !r.empty()) joined += ' ';
      joined += std::string(r);
      ++i;
      if (!continues) break;
      while (i < lines.size()) {
        std::string_view next = lines[i].text;
        size_t q = next.find_first_not_of(" \t\r");
        if (q == std::string_view::npos || next[q] == '#') {
          ++i;
          continue;
        }
        break;
      }
      if (i >= lines.size()) break;
      rest = lines[i].text;
      size_t q = rest.find_first_not_of(" \t");
      rest = q == std::string_view::npos ? std::string_view() : rest.substr(q);
    }
    ins.arguments = joined;
    // Heredocs: `<<EOF`, `<<-EOF` (tabs stripped), `<<"EOF"`; each body
    // runs to a line holding only its delimiter.
    for (size_t h = joined.find("<<"); h != std::string::npos; h = joined.find("<<", h + 2)) {
      size_t s = h + 2;
      bool strip = s < joined.size() && joined[s] == '-';
      if (strip) ++s;
      char quote = s < joined.size() && (joined[s] == '"' || joined[s] == '\'') ? joined[s] : 0;
      if (quote) ++s;
      size_t e = s;
      while (e < joined.size() && (std::isalnum(static_cast<unsigned char>(joined[e])) || joined[e] == '_')) ++e;
      if (e == s) continue;
      std::string delimiter = joined.substr(s, e - s);
      std::string body;
      bool closed = false;
      while (i < lines.size()) {
        std::string_view b = lines[i].text;
        if (!b.empty() && b.back() == '\r') b.remove_suffix(1);
        ++i;
        std::string_view cmp = b;
        if (strip) cmp.remove_prefix(std::min(cmp.find_first_not_of('\t'), cmp.size()));
        if (cmp == delimiter) {
          closed = true;
          break;
        }
        body += std::string(strip ? cmp : b) + "\n";
      }
      if (!closed) {
        out.diagnostics.push_back(base::error("dockerfile-syntax", ins.where,
                                              "heredoc <<" + delimiter + " is never closed: a line holding only " +
                                                  delimiter + " must end it"));
      }
      ins.heredocs.push_back(std::move(body));
    }
    if (!keywords().count(ins.keyword)) {
      out.diagnostics.push_back(base::error("dockerfile-syntax", ins.where,
                                            "unknown instruction " + ins.keyword +
                                                " (FROM, RUN, COPY, USER, ENV, ARG, … or a continuation line missing its " +
                                                std::string(1, out.escape) + ")"));
      continue;
    }
    out.instructions.push_back(std::move(ins));
  }
  return out;
}

std::string substitute(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values,
                       char escape) {
  auto lookup = [&](const std::string& name) -> const std::string* {
    for (auto it = values.rbegin(); it != values.rend(); ++it)
      if (it->first == name) return &it->second;
    return nullptr;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == escape && i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (c != '$' || i + 1 >= text.size()) {
      out += c;
      continue;
    }
    if (text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        out += c;
        continue;
      }
      std::string inner(text.substr(i + 2, close - i - 2));
      i = close;
      size_t colon = inner.find(':');
      std::string name = inner.substr(0, colon);
      const std::string* v = lookup(name);
      if (colon != std::string::npos && colon + 1 < inner.size()) {
        char op = inner[colon + 1];
        std::string word = inner.substr(colon + 2);
        if (op == '-') out += v && !v->empty() ? *v : word;
        else if (op == '+') out += v && !v->empty() ? word : "";
        continue;
      }
      if (v) out += *v;
      continue;
    }
    size_t e = i + 1;
    while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_')) ++e;
    if (e == i + 1) {
      out += c;
      continue;
    }
    if (const std::string* v = lookup(std::string(text.substr(i + 1, e - i - 1)))) out += *v;
    i = e - 1;
  }
  return out;
}

}  // namespace guardrail::load
