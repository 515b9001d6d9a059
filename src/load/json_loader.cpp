#include "load/json_loader.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <unordered_map>

#include "load/limits.hpp"

namespace guardrail::load {
namespace {

using model::Value;

struct Pos {
  uint64_t offset = 0;
  uint32_t line = 1, column = 1;
};

/// A RapidJSON input stream over memory or a file read in chunks, which also
/// tracks line/column and where the current token started, so SAX events can
/// be located (RapidJSON itself only knows byte offsets).
class PositionStream {
 public:
  using Ch = char;

  explicit PositionStream(std::string_view text) : cur_(text.data()), end_(text.data() + text.size()) {}
  explicit PositionStream(std::FILE* file) : file_(file), buffer_(new char[kChunk]) { refill(); }

  Ch Peek() const { return cur_ != end_ ? *cur_ : '\0'; }
  Ch Take() {
    if (cur_ == end_) return '\0';
    char c = *cur_++;
    advance(c);
    if (cur_ == end_ && file_) refill();
    return c;
  }
  size_t Tell() const { return here_.offset; }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

  const Pos& here() const { return here_; }
  const Pos& token_start() const { return token_; }
  /// The token started is a bare word (a literal, a number), not a string or bracket.
  bool token_is_bare() const { return in_bare_ || bare_token_; }

 private:
  static constexpr size_t kChunk = 1 << 20;

  void refill() {
    size_t n = std::fread(buffer_.get(), 1, kChunk, file_);
    cur_ = buffer_.get();
    end_ = cur_ + n;
  }

  void advance(char c) {
    if (in_string_) {
      if (escape_) escape_ = false;
      else if (c == '\\') escape_ = true;
      else if (c == '"') in_string_ = false;
    } else if (c == '"') {
      token_ = here_;
      in_string_ = true;
      in_bare_ = bare_token_ = false;
    } else if (c == '{' || c == '[') {
      token_ = here_;
      in_bare_ = bare_token_ = false;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ':' ||
               c == '}' || c == ']') {
      in_bare_ = false;
    } else if (!in_bare_) {
      token_ = here_;
      in_bare_ = bare_token_ = true;
    }
    ++here_.offset;
    if (c == '\n') {
      ++here_.line;
      here_.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++here_.column;
    }
  }

  const char* cur_;
  const char* end_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  Pos here_, token_;
  bool in_string_ = false, escape_ = false, in_bare_ = false, bare_token_ = false;
};

/// A JSON number's value: an integer when written as one and within int64_t,
/// else a double (out of range: the infinity or zero of its sign).
Value number(std::string_view text, const base::Location& where) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (text.find_first_of(".eE") == std::string_view::npos) {
    int64_t i = 0;
    auto [p, ec] = std::from_chars(begin, end, i);
    if (ec == std::errc() && p == end) return Value::integer(i, where);
  }
  double d = 0;
  auto [p, ec] = std::from_chars(begin, end, d);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves d alone: overflow if the exponent is positive, else underflow.
    bool negative = text.front() == '-';
    size_t e = text.find_first_of("eE");
    bool tiny = e != std::string_view::npos && text.substr(e + 1, 1) == "-";
    d = tiny ? (negative ? -0.0 : 0.0) : (negative ? -HUGE_VAL : HUGE_VAL);
  }
  return Value::floating(d, where);
}

/// Builds Values from SAX events with an explicit stack (no recursion, so
/// nesting depth is bounded by kMaxDepth, not by the C++ stack).
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  Builder(const PositionStream& stream, std::string_view file, const OnElement* on_element,
          const KeepMember* keep)
      : stream_(stream), file_(file), on_element_(on_element), keep_(keep) {}

  bool Null() { return scalar(Value(here())); }
  bool Bool(bool b) { return scalar(Value::boolean(b, here())); }
  // Numbers arrive as their text (kParseNumbersAsStringsFlag): RapidJSON's
  // own conversion has undefined behaviour on some inputs (clz of zero in
  // internal/diyfp.h), and the text says whether it was written as a whole number.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar(number(std::string_view(s, n), here())); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar(Value::string(std::string(s, n), here()));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (skip_depth_) return true;
    Frame& top = stack_.back();
    top.key.assign(s, n);
    top.key_location = here();
    if (keep_ && *keep_) {
      // Elements repeat their shape: each path is decided once per file.
      std::string_view array = array_key();
      std::string path = key_path(top.key);
      std::string memo_key;
      memo_key.reserve(array.size() + 1 + path.size());
      memo_key.append(array).append(1, '\0').append(path);
      bool keep;
      if (auto it = kept_.find(memo_key); it != kept_.end()) {
        keep = it->second;
      } else {
        keep = (*keep_)(array, path);
        // Bounded: a file of unique paths (a map keyed by names) is decided key by key.
        if (kept_.size() >= kMaxMemo) kept_.clear();
        kept_.emplace(std::move(memo_key), keep);
      }
      if (!keep) top.skipping_member = true;
    }
    return true;
  }
  bool StartObject() { return open(true); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(false); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool too_deep() const { return too_deep_; }
  bool stopped() const { return stopped_; }
  Value take_root() { return std::move(root_); }

 private:
  struct Frame {
    Value node;
    std::string key;
    base::Location key_location;
    bool skipping_member = false;
    bool streaming = false;  // elements go to on_element_, not into node
    model::MapIndex keys;
  };

  base::Location here() const {
    const Pos& a = stream_.token_start();
    const Pos& b = stream_.here();
    return base::Location{file_, a.line, a.column, b.line, b.column};
  }

  /// The key of the streamed array the open node is in: "" for the
  /// document's own array, or outside the streamed arrays.
  std::string_view array_key() const {
    for (size_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].streaming) return i == 1 ? std::string_view(stack_[0].key) : std::string_view();
    return {};
  }

  std::string key_path(const std::string& last) const {
    // Paths start below a streamed element, or at the root outside one.
    size_t from = 0;
    for (size_t i = 0; i < stack_.size(); ++i)
      if (stack_[i].streaming) from = i + 1;
    std::string path;
    for (size_t i = from; i + 1 < stack_.size(); ++i) {
      if (!stack_[i].node.is_map()) continue;
      if (!path.empty()) path += '.';
      path += stack_[i].key;
    }
    if (!path.empty()) path += '.';
    path += last;
    return path;
  }

  bool open(bool is_map) {
    if (skip_depth_ || (!stack_.empty() && stack_.back().skipping_member)) {
      ++skip_depth_;
      return true;
    }
    if (stack_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    // The iterative reader calls StartObject/StartArray before it takes the
    // bracket, so the bracket is where the stream is now.
    const Pos& p = stream_.here();
    base::Location at{file_, p.line, p.column, p.line, p.column + 1};
    Frame f;
    f.node = is_map ? Value::map({}, at) : Value::list({}, at);
    if (!is_map && on_element_) {
      // Stream the document's own array, or arrays that are its members.
      f.streaming = stack_.empty() || (stack_.size() == 1 && stack_[0].node.is_map());
    }
    stack_.push_back(std::move(f));
    if (scratch_.size() < stack_.size()) scratch_.resize(stack_.size());
    return true;
  }

  bool close() {
    if (skip_depth_) {
      if (--skip_depth_ == 0 && !stack_.empty()) stack_.back().skipping_member = false;
      return true;
    }
    // The members or items gathered at this depth, moved into a vector of
    // exactly their number: one allocation per node, no slack.
    Scratch& gathered = scratch_[stack_.size() - 1];
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    auto take = [](auto& from, auto& into) {
      into.reserve(from.size());
      std::move(from.begin(), from.end(), std::back_inserter(into));
      from.clear();  // keeps its capacity for the next node at this depth
    };
    if (f.node.is_map()) take(gathered.members, f.node.as_map());
    else take(gathered.items, f.node.as_list());
    // As above: the closing bracket is not taken yet.
    base::Location where = f.node.location();
    where.end_line = stream_.here().line;
    where.end_column = stream_.here().column + 1;
    f.node.set_location(where);
    return add(std::move(f.node));
  }

  bool scalar(Value v) {
    if (skip_depth_) return true;
    if (!stack_.empty() && stack_.back().skipping_member) {
      stack_.back().skipping_member = false;
      return true;
    }
    return add(std::move(v));
  }

  bool add(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    Scratch& gathered = scratch_[stack_.size() - 1];  // what `top` has so far
    if (top.node.is_list()) {
      if (top.streaming) {
        if (!(*on_element_)(stack_.size() == 1 ? std::string_view() : std::string_view(stack_[0].key),
                            std::move(v))) {
          stopped_ = true;
          return false;
        }
        return true;
      }
      gathered.items.push_back(std::move(v));
    } else if (model::Member* same = top.keys.find(gathered.members, top.key)) {
      // A repeated key: the last value wins, as JavaScript's JSON.parse has it.
      same->value = std::move(v);
      same->key_location = top.key_location;
    } else {
      gathered.members.push_back(model::Member{std::move(top.key), top.key_location, std::move(v)});
    }
    return true;
  }

  /// What the open node at one depth has gathered; kept between nodes, so
  /// its capacity is reused.
  struct Scratch {
    model::Map members;
    model::List items;
  };

  const PositionStream& stream_;
  base::FileName file_;  // interned once: a Location per node needs no lookup
  const OnElement* on_element_;
  const KeepMember* keep_;
  static constexpr size_t kMaxMemo = 4096;
  std::unordered_map<std::string, bool> kept_;  // keep_'s answer by array key and path
  std::vector<Frame> stack_;
  std::vector<Scratch> scratch_;  // by depth
  size_t skip_depth_ = 0;
  bool too_deep_ = false;
  bool stopped_ = false;
  Value root_;
};

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                            rapidjson::kParseNumbersAsStringsFlag;

/// Runs the reader and turns a failure into one located diagnostic.
template <typename LocateOffset>
bool parse(PositionStream& stream, Builder& builder, std::string_view file,
           base::Diagnostics& diagnostics, LocateOffset locate) {
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (ok || builder.stopped()) return !!ok;
  std::string message;
  base::Location where;
  if (builder.too_deep()) {
    message = "nesting deeper than " + std::to_string(kMaxDepth) + " levels";
    where = base::Location{file, stream.here().line, stream.here().column, stream.here().line,
                           stream.here().column + 1};
  } else {
    message = rapidjson::GetParseError_En(ok.Code());
    // RapidJSON reports a bad literal (`tru`) after reading it; point at its
    // start. A value it could not begin (`...`, a single quote) is where it stopped.
    bool at_token = ok.Code() == rapidjson::kParseErrorValueInvalid && stream.token_is_bare() &&
                    stream.token_start().offset < ok.Offset();
    char next = stream.Peek();
    if (!message.empty() && message.back() == '.') message.pop_back();
    for (char& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // What usually causes it, in files written or edited by hand.
    if (ok.Code() == rapidjson::kParseErrorObjectMissName)
      message += next == '}'   ? " (a trailing comma before '}'?)"
                 : next == '.' ? " (output cut with '...' is not JSON)"
                               : " (names take double quotes)";
    if (ok.Code() == rapidjson::kParseErrorValueInvalid)
      message += at_token || next == '\''          ? " (strings take double quotes)"
                 : next == '.'                      ? " (output cut with '...' is not JSON)"
                 : next == ']' || next == '}'       ? " (a trailing comma, or a missing value?)"
                                                    : " (strings take double quotes; output cut with '...' is not JSON)";
    if (ok.Code() == rapidjson::kParseErrorObjectMissCommaOrCurlyBracket ||
        ok.Code() == rapidjson::kParseErrorArrayMissCommaOrSquareBracket)
      message += " (an unquoted value, or a missing comma?)";
    where = at_token ? locate(stream.token_start().offset) : locate(ok.Offset());
  }
  diagnostics.push_back(base::error("json-syntax", where, message));
  return false;
}

}  // namespace

Documents load_json(const base::SourceFile& file) {
  Documents out;
  PositionStream stream(file.text());
  Builder builder(stream, file.path(), nullptr, nullptr);
  bool ok = parse(stream, builder, file.path(), out.diagnostics, [&](size_t offset) {
    return file.location(offset, offset + 1);
  });
  if (ok) out.documents.push_back(builder.take_root());
  return out;
}

StreamResult stream_json(std::FILE* f, std::string_view display_path, const OnElement& on_element,
                         const KeepMember& keep) {
  StreamResult out;
  PositionStream stream(f);
  Builder builder(stream, display_path, &on_element, &keep);
  bool ok = parse(stream, builder, display_path, out.diagnostics, [&](size_t) {
    // Streaming keeps no line table: the reader stops at the error, so its
    // position is the stream's.
    const Pos& p = stream.here();
    return base::Location{display_path, p.line, p.column, p.line, p.column + 1};
  });
  out.bytes = stream.here().offset;
  if (ok) out.envelope = builder.take_root();
  return out;
}

StreamResult stream_json(const std::string& disk_path, std::string_view display_path,
                         const OnElement& on_element, const KeepMember& keep) {
  std::FILE* f = std::fopen(disk_path.c_str(), "rb");
  if (!f) {
    StreamResult out;
    out.diagnostics.push_back(base::error("io", {display_path, 1, 1, 1, 1},
                                          std::string("cannot open: ") + std::strerror(errno)));
    return out;
  }
  StreamResult out = stream_json(f, display_path, on_element, keep);
  std::fclose(f);
  return out;
}

std::optional<model::Value> parse_json_text(std::string_view text, const base::Location& where) {
  base::SourceFile src("(json text)", std::string(text));
  Documents docs = load_json(src);
  if (docs.documents.empty() || base::has_errors(docs.diagnostics)) return std::nullopt;
  std::function<void(model::Value&)> relocate = [&](model::Value& v) {
    v.set_location(where);
    if (v.is_list())
      for (model::Value& item : v.as_list()) relocate(item);
    if (v.is_map())
      for (model::Member& m : v.as_map()) {
        m.key_location = where;
        relocate(m.value);
      }
  };
  relocate(docs.documents[0]);
  return std::move(docs.documents[0]);
}

namespace {

/// Moves every location of `v`, read from `body` (a copy of the bytes of
/// `file` from `base` on), to its place in `file`.
void relocate(model::Value& v, const base::SourceFile& body, const base::SourceFile& file, size_t base) {
  auto place = [&](const base::Location& l) {
    if (!l.known()) return l;
    size_t begin = base + body.offset(l.line, l.column);
    size_t end = base + body.offset(l.end_line ? l.end_line : l.line, l.end_column ? l.end_column : l.column);
    return file.location(begin, std::max(begin, end));
  };
  v.set_location(place(v.location()));
  if (v.is_map()) {
    for (model::Member& m : v.as_map()) {
      m.key_location = place(m.key_location);
      relocate(m.value, body, file, base);
    }
  } else if (v.is_list()) {
    for (model::Value& item : v.as_list()) relocate(item, body, file, base);
  }
}

}  // namespace

std::optional<model::Value> parse_json_at(const base::SourceFile& file, size_t begin, size_t end) {
  if (begin >= end || end > file.text().size()) return std::nullopt;
  base::SourceFile body(std::string(file.path()), std::string(file.text().substr(begin, end - begin)));
  Documents docs = load_json(body);
  if (docs.documents.size() != 1 || base::has_errors(docs.diagnostics)) return std::nullopt;
  relocate(docs.documents[0], body, file, begin);
  return std::move(docs.documents[0]);
}

}  // namespace guardrail::load
