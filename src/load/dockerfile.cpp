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

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool space(char c) { return c == ' ' || c == '\t'; }

/// RUN, COPY and ADD (and ONBUILD of them) in shell form may open
/// heredocs; no other instruction does, and neither does the JSON form.
bool heredoc_instruction(const Instruction& ins) {
  auto opens = [](std::string_view keyword) { return keyword == "RUN" || keyword == "COPY" || keyword == "ADD"; };
  std::string_view args = ins.arguments;
  if (ins.keyword == "ONBUILD") {
    size_t end = std::min(args.find_first_of(" \t"), args.size());
    if (!opens(upper(std::string(args.substr(0, end))))) return false;
    args.remove_prefix(std::min(args.find_first_not_of(" \t", end), args.size()));
  } else if (!opens(ins.keyword)) {
    return false;
  }
  // The JSON form: ["cmd", "arg"]. `[ -f x ] && cat <<EOF` is the shell form.
  args = trim_right(args);
  size_t q = args.find_first_not_of(" \t", 1);
  bool json = args.size() > 1 && args.front() == '[' && args.back() == ']' && q != std::string_view::npos &&
              (args[q] == '"' || args[q] == ']');
  return !json;
}

/// The words of a shell-form line as BuildKit's heredoc scan sees them:
/// split at whitespace outside quotes, quotes and escapes kept as written,
/// `${...}` whole, and `<<` joined to the word after it (`<< EOF`).
std::vector<std::string> raw_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (space(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < line.size()) {
      word += line.substr(i, 2);
      ++i;
    } else if (c == '\'' || c == '"') {
      size_t close = i + 1;
      while (close < line.size() && line[close] != c) close += c == '"' && line[close] == '\\' ? 2 : 1;
      close = std::min(close, line.size() - 1);
      word += line.substr(i, close - i + 1);
      i = close;
    } else if (c == '$' && i + 1 < line.size() && line[i + 1] == '{') {
      size_t close = line.find('}', i);
      if (close == std::string_view::npos) close = line.size() - 1;
      word += line.substr(i, close - i + 1);
      i = close;
    } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '<') {
      word += "<<";
      ++i;
      while (i + 1 < line.size() && space(line[i + 1])) word += line[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

struct Heredoc {
  std::string delimiter;
  bool strip = false;  // <<-: leading tabs are not part of the delimiter's line
};

/// The heredocs a RUN, COPY or ADD opens, in order: each word of the form
/// [n]<<[-][space]WORD (BuildKit's ^(\d*)<<(-?)\s*([^<]*)$), the delimiter
/// being WORD with its quotes and escapes removed, when it is one word.
/// `$((1<<20))`, `"<<EOF"` and `<<- EOF` open none.
std::vector<Heredoc> heredocs_of(std::string_view arguments) {
  std::vector<Heredoc> out;
  if (arguments.find("<<") == std::string_view::npos) return out;
  for (const std::string& w : raw_words(arguments)) {
    size_t k = 0;
    while (k < w.size() && std::isdigit(static_cast<unsigned char>(w[k]))) ++k;
    if (w.compare(k, 2, "<<") != 0) continue;
    k += 2;
    Heredoc doc;
    if (k < w.size() && w[k] == '-') {
      doc.strip = true;
      ++k;
    }
    while (k < w.size() && space(w[k])) ++k;
    std::string_view rest = std::string_view(w).substr(k);
    if (rest.empty() || rest.find('<') != std::string_view::npos) continue;
    // The delimiter: quotes and escapes removed; more than one word is none.
    std::string name;
    bool one_word = true;
    for (size_t i = 0; i < rest.size(); ++i) {
      char c = rest[i];
      if (c == '\\' && i + 1 < rest.size()) {
        name += rest[++i];
      } else if (c == '\'' || c == '"') {
        size_t close = rest.find(c, i + 1);
        if (close == std::string_view::npos) close = rest.size();
        name += rest.substr(i + 1, close - i - 1);
        i = close;
      } else if (space(c)) {
        one_word = false;
      } else {
        name += c;
      }
    }
    if (!one_word || name.empty()) continue;
    doc.delimiter = std::move(name);
    out.push_back(std::move(doc));
  }
  return out;
}

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
    std::string_view l = without_cr(lines[i].text);
    size_t p = l.find_first_not_of(" \t");
    if (p == std::string_view::npos || l[p] == '#') {
      ++i;
      continue;
    }
    size_t word_end = l.find_first_of(" \t", p);
    if (word_end == std::string_view::npos) word_end = l.size();
    Instruction ins;
    ins.keyword = upper(std::string(l.substr(p, word_end - p)));
    ins.where = file.location(lines[i].offset + p, lines[i].offset + word_end);
    size_t args = l.find_first_not_of(" \t", word_end);
    // The arguments, continuation lines joined as BuildKit joins them: a line
    // continues when it ends in the escape character not itself escaped
    // (`path\\` ends a line); the character goes, and the next line is
    // appended as written. Comment lines and empty lines inside a
    // continuation are dropped.
    std::string joined;
    size_t from = args == std::string_view::npos ? l.size() : args;
    for (;;) {
      std::string_view line = without_cr(lines[i].text);
      std::string_view piece = trim_right(line.substr(from));
      bool continues = !piece.empty() && piece.back() == out.escape &&
                       (piece.size() == 1 || piece[piece.size() - 2] != out.escape);
      if (continues) piece.remove_suffix(1);
      size_t at = lines[i].offset + from;
      if (ins.pieces.empty() || !piece.empty())
        ins.pieces.push_back({joined.size(), joined.size() + piece.size(),
                              file.location(at, at + std::max<size_t>(trim_right(piece).size(), 1))});
      joined += piece;
      ++i;
      if (!continues) break;
      while (i < lines.size()) {
        std::string_view next = without_cr(lines[i].text);
        size_t q = next.find_first_not_of(" \t");
        if (q != std::string_view::npos && next[q] != '#') break;
        ++i;
      }
      if (i >= lines.size()) break;
      from = 0;
    }
    ins.arguments = std::string(trim_right(joined));
    ins.arguments_at = ins.pieces.front().at;
    if (heredoc_instruction(ins)) {
      for (const Heredoc& doc : heredocs_of(ins.arguments)) {
        std::string body;
        bool closed = false;
        while (i < lines.size()) {
          std::string_view b = without_cr(lines[i].text);
          ++i;
          std::string_view cmp = b;
          if (doc.strip) cmp.remove_prefix(std::min(cmp.find_first_not_of('\t'), cmp.size()));
          if (cmp == doc.delimiter) {
            closed = true;
            break;
          }
          body += std::string(doc.strip ? cmp : b) + "\n";
        }
        if (!closed) {
          out.diagnostics.push_back(base::error("dockerfile-syntax", ins.where,
                                                "heredoc <<" + doc.delimiter + " is never closed: a line holding only " +
                                                    doc.delimiter + " must end it"));
        }
        ins.heredocs.push_back(std::move(body));
      }
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
