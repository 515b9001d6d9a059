#include "adapt/dockerfile.hpp"

#include "base/source_file.hpp"
#include "base/text.hpp"

#include <cctype>
#include <map>

namespace guardrail::adapt {
namespace {

using model::Value;
using Vars = std::vector<std::pair<std::string, std::string>>;

/// A word of an instruction's arguments, quotes removed, and the bytes
/// [begin, end) it takes as written.
struct Word {
  std::string text;
  size_t begin = 0, end = 0;
};

/// The escape character keeps the next character literal (`x\ y` is one
/// word), except before `$`, which stays escaped for substitute() to read.
std::vector<Word> spans(const std::string& text, char escape) {
  std::vector<Word> out;
  Word cur;
  char quote = 0;
  bool any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool starts = !any && cur.text.empty();
    if (c == escape && quote != '\'' && i + 1 < text.size()) {
      char next = text[i + 1];
      // In double quotes only ", $ and the escape character itself are escaped.
      bool escapes = !quote || next == '"' || next == '$' || next == escape;
      if (starts) cur.begin = i;
      if (!escapes || next == '$') cur.text += c;
      cur.text += next;
      ++i;
      any = true;
      continue;
    }
    if (quote) {
      if (c == quote) quote = 0;
      else cur.text += c;
    } else if (c == '"' || c == '\'') {
      if (starts) cur.begin = i;
      quote = c;
      any = true;
    } else if (c == ' ' || c == '\t') {
      if (!cur.text.empty() || any) {
        cur.end = i;
        out.push_back(cur);
      }
      cur = Word();
      any = false;
    } else {
      if (starts) cur.begin = i;
      cur.text += c;
    }
  }
  if (!cur.text.empty() || any) {
    cur.end = text.size();
    out.push_back(cur);
  }
  return out;
}

/// One `KEY=value` of ENV or ARG, and where its key and value are written.
struct Assignment {
  std::string key, value;
  size_t key_begin = 0, key_end = 0, value_begin = 0, value_end = 0;
};

/// `KEY=value KEY2=value`, or ENV's legacy `KEY value with spaces`; ARG
/// has no legacy form (`ARG A B` declares A and B).
std::vector<Assignment> assignments(const std::string& text, char escape, bool legacy) {
  std::vector<Assignment> out;
  std::vector<Word> ws = spans(text, escape);
  if (legacy && !ws.empty() && ws[0].text.find('=') == std::string::npos) {
    Assignment a{ws[0].text, "", ws[0].begin, ws[0].end, text.size(), text.size()};
    size_t space = text.find_first_of(" \t");
    if (space != std::string::npos) {
      a.value_begin = text.find_first_not_of(" \t", space);
      if (a.value_begin == std::string::npos) a.value_begin = text.size();
      a.value = text.substr(a.value_begin);
    }
    if (!a.value.empty() && (a.value.front() == '"' || a.value.front() == '\'') && a.value.back() == a.value.front())
      a.value = a.value.substr(1, a.value.size() - 2);
    out.push_back(std::move(a));
    return out;
  }
  for (const Word& w : ws) {
    size_t eq = w.text.find('=');
    if (eq == std::string::npos) {
      out.push_back({w.text, "", w.begin, w.end, w.end, w.end});
      continue;
    }
    size_t raw_eq = text.find('=', w.begin);
    if (raw_eq == std::string::npos || raw_eq >= w.end) raw_eq = w.begin + eq;
    out.push_back({w.text.substr(0, eq), w.text.substr(eq + 1), w.begin, raw_eq, raw_eq + 1, w.end});
  }
  return out;
}

/// The place of bytes [begin, end) of an instruction's arguments, when they
/// lie on one of its lines; else the place of the line where they begin.
base::Location within(const load::Instruction& ins, size_t begin, size_t end) {
  const load::ArgumentPiece* piece = nullptr;
  for (const load::ArgumentPiece& p : ins.pieces)
    if (p.begin <= begin && begin < std::max(p.end, p.begin + 1)) piece = &p;
  if (!piece) return ins.arguments_at;
  const base::Location& a = piece->at;
  std::string_view text = std::string_view(ins.arguments).substr(piece->begin);
  end = std::min(end, piece->end);
  uint32_t b = base::count_code_points(text.substr(0, begin - piece->begin));
  uint32_t e = base::count_code_points(text.substr(0, end - piece->begin));
  if (!a.known() || a.end_line != a.line || e <= b || e > a.end_column - a.column) return a;
  base::Location out = a;
  out.column = a.column + b;
  out.end_column = a.column + e;
  return out;
}

Value image_parts(const std::string& ref, const base::Location& where) {
  std::string rest = ref, digest, tag, registry;
  if (size_t at = rest.find('@'); at != std::string::npos) {
    digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  size_t slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  size_t first_slash = rest.find('/');
  if (first_slash != std::string::npos) {
    std::string head = rest.substr(0, first_slash);
    if (head.find('.') != std::string::npos || head.find(':') != std::string::npos || head == "localhost") {
      registry = head;
      rest = rest.substr(first_slash + 1);
    }
  }
  Value v = Value::map({}, where);
  v.set("registry", registry.empty() ? Value(where) : Value::string(registry, where));
  v.set("repository", Value::string(rest, where));
  v.set("tag", tag.empty() ? Value(where) : Value::string(tag, where));
  v.set("digest", digest.empty() ? Value(where) : Value::string(digest, where));
  v.set("reference", Value::string(ref, where));
  return v;
}

/// Whether `text` reads a build argument that has no value here: one
/// declared without a default, or never declared (BuildKit's TARGETOS and
/// TARGETARCH are set at build time). `${X:-word}` and `${X:+word}` read a
/// value whether or not X has one.
bool reads_unset_arg(std::string_view text, const Vars& args, char escape) {
  auto has_value = [&](std::string_view name) {
    for (auto it = args.rbegin(); it != args.rend(); ++it)
      if (it->first == name) return !it->second.empty();
    return false;
  };
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == escape) {
      ++i;
      continue;
    }
    if (text[i] != '$') continue;
    if (text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) return false;
      std::string_view inner = text.substr(i + 2, close - i - 2);
      size_t end = 0;
      while (end < inner.size() && name_char(inner[end])) ++end;
      bool modifier = end < inner.size() && (inner[end] == ':' || inner[end] == '-' || inner[end] == '+');
      if (!modifier && !has_value(inner.substr(0, end))) return true;
      i = close;
    } else {
      size_t end = i + 1;
      while (end < text.size() && name_char(text[end])) ++end;
      if (end > i + 1 && !has_value(text.substr(i + 1, end - i - 1))) return true;
      i = end - 1;
    }
  }
  return false;
}

}  // namespace

std::vector<model::Resource> adapt_dockerfile(const load::ParsedDockerfile& parsed, const std::string& path) {
  std::vector<model::Resource> stages;
  Vars global_args;  // ARGs before the first FROM: usable in FROM lines
  Vars scope;        // the current stage's ARG and ENV values
  struct GlobalValue {
    std::string key;
    Value value;
    base::Location key_at;
  };
  std::vector<Vars> stage_env;  // each stage's ENV values, for the stages built on it
  std::vector<GlobalValue> global_values;  // the defaults of the ARGs before the first FROM, as written
  std::map<std::string, size_t> by_name;
  Value instructions;
  for (const load::Instruction& ins : parsed.instructions) {
    if (ins.keyword == "FROM") {
      std::vector<Word> spanned = spans(ins.arguments, parsed.escape);
      std::vector<std::string> ws;
      for (const Word& w : spanned) ws.push_back(w.text);
      std::string platform, image, name;
      size_t k = 0;
      while (k < ws.size() && ws[k].rfind("--", 0) == 0) {
        if (ws[k].rfind("--platform=", 0) == 0) platform = ws[k].substr(11);
        ++k;
      }
      // An image named by a build argument set at build time is not known here.
      bool image_unknown = k < ws.size() && reads_unset_arg(ws[k], global_args, parsed.escape);
      if (k < ws.size()) image = load::substitute(ws[k], global_args, parsed.escape);
      base::Location image_at = k < ws.size() ? within(ins, spanned[k].begin, spanned[k].end) : ins.arguments_at;
      if (k + 2 < ws.size() && base::ascii_lower(ws[k + 1]) == "as") name = ws[k + 2];
      model::Resource r;
      r.type = "dockerfile_stage";
      r.source = model::SourceKind::dockerfile;
      r.location = ins.where;
      size_t index = stages.size();
      r.address = path + "#" + (name.empty() ? "stage-" + std::to_string(index) : name);
      r.ids.push_back(r.address);
      Value attrs = Value::map({}, ins.where);
      attrs.set("index", Value::integer(static_cast<int64_t>(index), ins.where));
      if (!name.empty()) attrs.set("name", Value::string(name, ins.where));
      attrs.set("from", Value::string(image, image_at));
      if (!platform.empty()) attrs.set("platform", Value::string(platform, ins.arguments_at));
      // FROM an earlier stage builds on that stage's image.
      // BuildKit lower-cases stage names where they are declared and where
      // they are used: FROM base is the stage named Base.
      auto earlier = by_name.find(base::ascii_lower(image));
      if (image_unknown) {
        attrs.set("image", Value::unknown("the image is named by a build argument set at build time (" + ws[k] + ")",
                                          image_at));
      } else if (earlier != by_name.end()) {
        attrs.set("base_stage", Value::string(image, image_at));
        if (const Value* img = stages[earlier->second].attrs.find("image")) attrs.set("image", *img);
        // A stage starts from the earlier one's image, and runs as its user until a USER of its own.
        if (const Value* user = stages[earlier->second].attrs.find("user")) attrs.set("user", *user);
      } else {
        attrs.set("image", image_parts(image, image_at));
      }
      attrs.set("env", Value::map({}, ins.where));
      attrs.set("args", Value::map({}, ins.where));
      attrs.set("instructions", Value::list({}, ins.where));
      r.attrs = std::move(attrs);
      if (!name.empty()) by_name[base::ascii_lower(name)] = index;
      stages.push_back(std::move(r));
      // An ARG declared before the first FROM is not in a stage's scope until
      // the stage declares it again (ARG NAME takes its default); a stage
      // built on an earlier one has that one's ENV.
      scope = earlier != by_name.end() && !image_unknown ? stage_env[earlier->second] : Vars();
      stage_env.push_back(scope);
      continue;
    }
    if (stages.empty()) {
      if (ins.keyword == "ARG")
        for (const Assignment& a : assignments(ins.arguments, parsed.escape, false)) {
          std::string expanded = load::substitute(a.value, global_args, parsed.escape);
          global_args.emplace_back(a.key, expanded);
          // What the file writes before its first FROM is judged with its
          // first stage (a secret default is in the file all the same).
          if (a.value_end > a.value_begin)
            global_values.push_back({a.key, Value::string(expanded, within(ins, a.value_begin, a.value_end)),
                                     within(ins, a.key_begin, a.key_end)});
        }
      continue;
    }
    Value& attrs = stages.back().attrs;
    Value entry = Value::map({}, ins.where);
    entry.set("instruction", Value::string(ins.keyword, ins.where));
    entry.set("arguments", Value::string(ins.arguments, ins.arguments_at));
    attrs.find("instructions")->push_back(std::move(entry));
    if (ins.keyword == "ARG" || ins.keyword == "ENV") {
      Value* map = attrs.find(ins.keyword == "ARG" ? "args" : "env");
      for (const Assignment& a : assignments(ins.arguments, parsed.escape, ins.keyword == "ENV")) {
        const std::string& k = a.key;
        // An ARG without a default takes the global one of that name.
        bool inherits = ins.keyword == "ARG" && a.value_end == a.value_begin &&
                        (a.key_end >= ins.arguments.size() || ins.arguments[a.key_end] != '=');
        std::string expanded = load::substitute(a.value, scope, parsed.escape);
        // Each at its own place: a finding about one value (a secret) points
        // at it, and its mask covers it, not the first word of the line; an
        // inherited default is where the file writes it, before the first FROM.
        base::Location value_at = within(ins, a.value_begin, a.value_end);
        if (inherits) {
          for (auto& [gk, gv] : global_args)
            if (gk == k) expanded = gv;
          for (const GlobalValue& g : global_values)
            if (g.key == k) value_at = g.value.location();
        }
        map->set(k, Value::string(expanded, value_at), within(ins, a.key_begin, a.key_end));
        scope.emplace_back(k, expanded);
        if (ins.keyword == "ENV") stage_env.back().emplace_back(k, expanded);
      }
    } else if (ins.keyword == "USER") {
      // One word, its quotes removed; a user named by a variable without a
      // value here (an ARG without default, one from the base image) is unknown.
      std::vector<Word> ws = spans(ins.arguments, parsed.escape);
      std::string written = ws.empty() ? std::string() : ws[0].text;
      if (reads_unset_arg(written, scope, parsed.escape))
        attrs.set("user", Value::unknown("the user is named by a variable set outside this file (" + written + ")",
                                         ins.arguments_at));
      else
        attrs.set("user", Value::string(load::substitute(written, scope, parsed.escape), ins.arguments_at));
    }
  }
  if (!stages.empty() && !global_values.empty()) {
    Value args = Value::map({}, stages.front().location);
    for (GlobalValue& g : global_values) args.set(g.key, std::move(g.value), g.key_at);
    stages.front().attrs.set("global_args", std::move(args));
  }
  for (model::Resource& r : stages) {
    r.attrs.set("stages", Value::integer(static_cast<int64_t>(stages.size()), r.location));
    r.attrs.set("final", Value::boolean(&r == &stages.back(), r.location));
  }
  return stages;
}

}  // namespace guardrail::adapt
