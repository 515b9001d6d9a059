#include "policy/compiled.hpp"

#include <re2/re2.h>

#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>

#include "policy/builtin_pack.hpp"

namespace guardrail::policy {

/// A compiled rule's clauses, still serialized: read on first use.
struct LazyBody {
  std::once_flag once;
  std::string_view bytes;  // in the compiled blob, which lives as long as the binary
  std::string_view file;   // the rule file's path, for locations
};

namespace {

constexpr std::string_view kMagic = "GRPK";
constexpr uint32_t kFormat = 1;  // bump with any change to what is written

// --- writing ----------------------------------------------------------------

class Writer {
 public:
  void u(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void i(int64_t v) { u((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void b(bool v) { out_ += v ? '\1' : '\0'; }
  void d(double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out_.append(bytes, sizeof v);
  }
  void s(std::string_view v) {
    u(v.size());
    out_.append(v);
  }
  void strings(const std::vector<std::string>& v) {
    u(v.size());
    for (const std::string& x : v) s(x);
  }
  void at(const Location& l) {
    u(l.line);
    u(l.column);
    u(l.end_line);
    u(l.end_column);
  }
  void value(const model::Value& v) {
    out_ += static_cast<char>(v.kind());
    at(v.location());
    switch (v.kind()) {
      case model::Kind::boolean: b(v.as_bool()); break;
      case model::Kind::integer: i(v.as_int()); break;
      case model::Kind::floating: d(v.as_double()); break;
      case model::Kind::string:
      case model::Kind::unknown:
      case model::Kind::reference: s(v.as_string()); break;
      case model::Kind::list:
        u(v.as_list().size());
        for (const model::Value& x : v.as_list()) value(x);
        break;
      case model::Kind::map:
        u(v.as_map().size());
        for (const model::Member& m : v.as_map()) {
          s(m.key);
          at(m.key_location);
          value(m.value);
        }
        break;
      case model::Kind::null: break;
    }
  }
  void expr(const Expr* e) {
    b(e != nullptr);
    if (!e) return;
    out_ += static_cast<char>(e->kind);
    out_ += static_cast<char>(e->op);
    out_ += static_cast<char>(e->quant);
    out_ += static_cast<char>(e->ref);
    out_ += static_cast<char>((e->integer ? 1 : 0) | (e->boolean ? 2 : 0) | (e->regex ? 4 : 0));
    at(e->where);
    s(e->name);
    s(e->text);
    if (e->kind == ExprKind::number_lit) d(e->number);
    i(e->slot);
    i(e->function);
    strings(e->types);
    strings(e->keys);
    u(e->children.size());
    for (const auto& c : e->children) expr(c.get());
  }
  void message(const Template& t) {
    at(t.where);
    u(t.parts.size());
    for (const Template::Part& p : t.parts) {
      s(p.text);
      expr(p.expr.get());
    }
  }
  void rule(const Rule& r) {
    s(r.file);
    s(r.id);
    at(r.where);
    s(r.title);
    s(r.description);
    s(r.remediation);
    s(r.help);
    out_ += static_cast<char>(r.severity);
    b(r.has_severity);
    at(r.severity_where);
    s(r.severity_word);
    strings(r.tags);
    strings(r.sources);
    b(r.has_sources);
    at(r.sources_where);
    u(r.params.size());
    for (const Param& p : r.params) {
      s(p.name);
      at(p.where);
      expr(p.default_expr.get());
      value(p.value);
      b(p.pattern);
    }
    i(r.slot_count);
    strings(r.anchor_types);
    // The clauses apart, so that loading can step over them (Rule::body()).
    Writer body;
    body.clauses(r.body());
    s(body.take());
  }
  void clauses(const std::vector<Clause>& all) {
    u(all.size());
    for (const Clause& c : all) {
      out_ += static_cast<char>(c.kind);
      at(c.where);
      strings(c.names);
      u(c.name_locations.size());
      for (const Location& l : c.name_locations) at(l);
      u(c.slots.size());
      for (int slot : c.slots) i(slot);
      u(c.exprs.size());
      for (const auto& e : c.exprs) expr(e.get());
      message(c.message);
      expr(c.at.get());
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// --- reading ----------------------------------------------------------------

/// Reads what Writer wrote; any overrun or impossible value sets `bad`, and
/// every read after it returns zero values, so a damaged blob is rejected,
/// never followed.
class Reader {
 public:
  Reader(std::string_view in, std::string_view file) : in_(in), file_(file) {}

  bool bad() const { return bad_; }
  bool done() const { return pos_ == in_.size(); }
  void set_file(std::string_view file) { file_ = file; }

  uint64_t u() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail();
      auto byte = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    return fail();
  }
  int64_t i() {
    uint64_t v = u();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  /// A count of things still to read, each at least one byte long.
  size_t n() {
    uint64_t v = u();
    if (v > in_.size() - pos_) return static_cast<size_t>(fail());
    return static_cast<size_t>(v);
  }
  uint8_t byte() {
    if (pos_ >= in_.size()) return static_cast<uint8_t>(fail());
    return static_cast<uint8_t>(in_[pos_++]);
  }
  bool b() { return byte() != 0; }
  double d() {
    double v = 0;
    if (in_.size() - pos_ < sizeof v) return static_cast<double>(fail());
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string s() {
    size_t size = n();
    if (bad_) return {};
    std::string v(in_.substr(pos_, size));
    pos_ += size;
    return v;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> v(n());
    for (std::string& x : v) x = s();
    return v;
  }
  Location at() {
    Location l;
    l.line = static_cast<uint32_t>(u());
    l.column = static_cast<uint32_t>(u());
    l.end_line = static_cast<uint32_t>(u());
    l.end_column = static_cast<uint32_t>(u());
    if (l.line != 0) l.file = file_;  // every place of a rule is in its file
    return l;
  }
  model::Value value(int depth = 0) {
    if (depth > 200) {
      fail();
      return model::Value();
    }
    auto kind = static_cast<model::Kind>(byte());
    Location where = at();
    switch (kind) {
      case model::Kind::null: return model::Value(where);
      case model::Kind::boolean: return model::Value::boolean(b(), where);
      case model::Kind::integer: return model::Value::integer(i(), where);
      case model::Kind::floating: return model::Value::floating(d(), where);
      case model::Kind::string: return model::Value::string(s(), where);
      case model::Kind::unknown: return model::Value::unknown(s(), where);
      case model::Kind::reference: return model::Value::reference(s(), where);
      case model::Kind::list: {
        model::List items(n());
        for (model::Value& x : items) x = value(depth + 1);
        return model::Value::list(std::move(items), where);
      }
      case model::Kind::map: {
        model::Value m = model::Value::map({}, where);
        for (size_t k = n(); k > 0 && !bad_; --k) {
          std::string key = s();
          Location key_where = at();
          m.set(std::move(key), value(depth + 1), key_where);
        }
        return m;
      }
    }
    fail();
    return model::Value();
  }
  ExprPtr expr(int depth = 0) {
    if (!b() || bad_) return nullptr;
    if (depth > 400) return fail(), nullptr;
    auto e = std::make_unique<Expr>();
    e->kind = static_cast<ExprKind>(byte());
    e->op = static_cast<Op>(byte());
    e->quant = static_cast<Quant>(byte());
    e->ref = static_cast<NameRef>(byte());
    uint8_t flags = byte();
    e->integer = flags & 1;
    e->boolean = flags & 2;
    e->where = at();
    e->name = s();
    e->text = s();
    if (e->kind == ExprKind::number_lit) e->number = d();
    e->slot = static_cast<int>(i());
    e->function = static_cast<int>(i());
    e->types = strings();
    e->keys = strings();
    size_t children = n();
    e->children.reserve(children);
    for (size_t k = 0; k < children && !bad_; ++k) {
      e->children.push_back(expr(depth + 1));
      if (!e->children.back()) fail();
    }
    if (flags & 4) {
      // A literal pattern the checker compiled: compiled again, as it did.
      RE2::Options options(RE2::Quiet);
      auto re = std::make_shared<RE2>(e->text, options);
      if (!re->ok()) fail();
      e->regex = std::move(re);
    }
    return e;
  }
  Template message() {
    Template t;
    t.where = at();
    t.parts.resize(n());
    for (Template::Part& p : t.parts) {
      p.text = s();
      p.expr = expr();
    }
    return t;
  }
  std::unique_ptr<Rule> rule() {
    auto r = std::make_unique<Rule>();
    r->id = s();
    r->where = at();
    r->title = s();
    r->description = s();
    r->remediation = s();
    r->help = s();
    r->severity = static_cast<evaluate::Severity>(byte());
    r->has_severity = b();
    r->severity_where = at();
    r->severity_word = s();
    r->tags = strings();
    r->sources = strings();
    r->has_sources = b();
    r->sources_where = at();
    r->params.resize(n());
    for (Param& p : r->params) {
      p.name = s();
      p.where = at();
      p.default_expr = expr();
      p.value = value();
      p.pattern = b();
    }
    r->slot_count = static_cast<int>(i());
    r->anchor_types = strings();
    size_t size = n();
    if (bad_) return r;
    r->lazy = std::make_shared<LazyBody>();
    r->lazy->bytes = in_.substr(pos_, size);
    r->lazy->file = file_;
    pos_ += size;
    r->checked = true;
    return r;
  }
  std::vector<Clause> clauses() {
    std::vector<Clause> all(n());
    for (Clause& c : all) {
      c.kind = static_cast<ClauseKind>(byte());
      c.where = at();
      c.names = strings();
      c.name_locations.resize(n());
      for (Location& l : c.name_locations) l = at();
      c.slots.resize(n());
      for (int& slot : c.slots) slot = static_cast<int>(i());
      c.exprs.resize(n());
      for (ExprPtr& e : c.exprs) e = expr();
      c.message = message();
      c.at = expr();
    }
    return all;
  }

 private:
  uint64_t fail() {
    bad_ = true;
    pos_ = in_.size();
    return 0;
  }

  std::string_view in_;
  std::string_view file_;
  size_t pos_ = 0;
  bool bad_ = false;
};

}  // namespace

bool is_embedded_rule_file(std::string_view path) {
  return path.starts_with("rules/") && path.ends_with(".grl") && path.find("/cases/") == std::string_view::npos;
}

const std::vector<Clause>& Rule::body() const {
  if (lazy)
    std::call_once(lazy->once, [this] {
      Reader in(lazy->bytes, lazy->file);
      std::vector<Clause> read = in.clauses();
      // The blob is the build's own, read back by pack_compile: a failure here
      // is a damaged binary, never an input's fault.
      if (in.bad() || !in.done())
        throw std::runtime_error("the rule pack compiled into guardrail is damaged (rule " + id + "); rebuild it");
      clauses = std::move(read);
    });
  return clauses;
}

std::string serialize_rules(const Pack& pack) {
  Writer w;
  w.s(kMagic);
  w.u(kFormat);
  w.s(builtin_rules_fingerprint());
  size_t count = 0;
  for (const auto& r : pack.rules)
    if (!r->from_user) ++count;
  w.u(count);
  for (const auto& r : pack.rules)
    if (!r->from_user) w.rule(*r);
  return w.take();
}

bool load_compiled_rules(Pack& pack, std::string_view blob) {
  if (blob.empty()) return false;
  Reader in(blob, {});
  if (in.s() != kMagic || in.u() != kFormat || in.s() != builtin_rules_fingerprint() || in.bad()) return false;
  // Locations name the embedded paths, which live as long as the binary; the
  // rule files' sources (for snippets) are made when asked for (Pack::source).
  std::set<std::string_view> files;
  for (const PackFile& f : builtin_pack())
    if (is_embedded_rule_file(f.path)) files.insert(f.path);
  std::vector<std::unique_ptr<Rule>> rules(in.n());
  for (auto& r : rules) {
    std::string file = in.s();
    auto it = files.find(file);
    if (it == files.end()) return false;
    in.set_file(*it);
    r = in.rule();
    r->file = std::move(file);
    if (in.bad()) return false;
  }
  if (in.bad() || !in.done()) return false;
  for (auto& r : rules) pack.rules.push_back(std::move(r));
  return true;
}

// The guardrail binary links a strong definition (generated by pack_compile).
__attribute__((weak)) std::string_view compiled_pack_blob() { return {}; }

}  // namespace guardrail::policy
