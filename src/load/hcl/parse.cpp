#include "load/hcl/parse.hpp"

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <charconv>
#include <cmath>

#include "load/hcl/errors.hpp"
#include "load/json_loader.hpp"
#include "model/encoded.hpp"

namespace guardrail::load::hcl {

const Attribute* Body::attribute(std::string_view name) const {
  for (const Attribute& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

namespace {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;
using g::sp;
using g::ws;

struct fold_keep : pt::apply<fold_keep> {
  template <typename N, typename... States>
  static void transform(std::unique_ptr<N>& n, States&&...) {
    if (n->children.size() == 1) n = std::move(n->children.front());
  }
};

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        g::attribute, g::block, g::string_label, g::identifier, g::number, g::lit_true, g::lit_false, g::lit_null,
        g::quoted_template, g::heredoc, g::interpolation, g::directive, g::directive_for, g::directive_if,
        g::kw_else, g::kw_endif, g::kw_endfor, g::quoted_text, g::heredoc_text, g::strip, g::tuple, g::object,
        g::object_elem, g::object_key_name, g::for_tuple, g::for_object, g::for_vars, g::for_cond, g::ellipsis,
        g::call, g::function_name, g::call_args, g::paren, g::variable, g::get_attr, g::legacy_index, g::index,
        g::attr_splat, g::full_splat, g::nested_splat, g::op_not, g::op_neg, g::op_mul, g::op_add, g::op_cmp, g::op_eq, g::op_and,
        g::op_or>,
    fold_keep::on<g::unary<sp>, g::unary<ws>, g::postfix<sp>, g::postfix<ws>, g::operand<sp>, g::operand<ws>, g::level6<sp>, g::level6<ws>,
                  g::level5<sp>, g::level5<ws>, g::level4<sp>, g::level4<ws>, g::level3<sp>, g::level3<ws>,
                  g::level2<sp>, g::level2<ws>, g::level1<sp>, g::level1<ws>, g::conditional<sp>,
                  g::conditional<ws>, g::expression<sp>, g::expression<ws>, g::object_key, g::object_value, g::attribute_value, g::label>>;

// Deep nesting is an error, not a stack overflow.
constexpr size_t kMaxNesting = 256;
template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};
template <>
struct action<g::expression<sp>> : tao::pegtl::limit_depth<kMaxNesting> {};
template <>
struct action<g::expression<ws>> : tao::pegtl::limit_depth<kMaxNesting> {};
template <>
struct action<g::block> : tao::pegtl::limit_depth<kMaxNesting> {};

bool is_binary(const Node& n) {
  return n.is_type<g::level6<sp>>() || n.is_type<g::level6<ws>>() || n.is_type<g::level5<sp>>() ||
         n.is_type<g::level5<ws>>() || n.is_type<g::level4<sp>>() || n.is_type<g::level4<ws>>() ||
         n.is_type<g::level3<sp>>() || n.is_type<g::level3<ws>>() || n.is_type<g::level2<sp>>() ||
         n.is_type<g::level2<ws>>() || n.is_type<g::level1<sp>>() || n.is_type<g::level1<ws>>();
}

bool is_postfix(const Node& n) { return n.is_type<g::postfix<sp>>() || n.is_type<g::postfix<ws>>(); }
bool is_unary(const Node& n) {
  return n.is_type<g::unary<sp>>() || n.is_type<g::unary<ws>>() || n.is_type<g::operand<sp>>() ||
         n.is_type<g::operand<ws>>();
}
bool is_conditional(const Node& n) {
  return n.is_type<g::expression<sp>>() || n.is_type<g::expression<ws>>() || n.is_type<g::conditional<sp>>() ||
         n.is_type<g::conditional<ws>>();
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Template literal text: escapes resolved (quoted only), $${ and %%{ undoubled.
std::string literal_text(std::string_view raw, bool quoted) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (quoted && c == '\\' && i + 1 < raw.size()) {
      char e = raw[++i];
      switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
        case 'U': {
          size_t n = e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          std::from_chars(raw.data() + i + 1, raw.data() + i + 1 + n, cp, 16);
          append_utf8(out, cp);
          i += n;
          break;
        }
        default: out += e;
      }
      continue;
    }
    if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

class Converter {
 public:
  Converter(const base::SourceFile& file, base::Diagnostics& diagnostics) : file_(file), diags_(diagnostics) {}

  Location where(const Node& n) const { return file_.location(n.m_begin.byte, n.m_end.byte); }
  std::string text(const Node& n) const { return std::string(n.string_view()); }

  ExprPtr make(ExprKind kind, const Node& n) const {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->where = where(n);
    return e;
  }

  ExprPtr expr(const Node& n);
  ExprPtr postfix(ExprPtr base, const Node& suffix);
  ExprPtr template_expr(const Node& n, bool quoted);
  ExprPtr heredoc(const Node& n);
  void one_line_block(const Node& block, size_t first_item);
  std::vector<TemplatePart> parts(const Node& n, bool quoted, std::string_view flush_source = {},
                                  size_t flush = 0);
  Body body(const std::vector<std::unique_ptr<Node>>& items, size_t from);
  void error(const Location& at, std::string message) {
    diags_.push_back(base::error("hcl-syntax", at, std::move(message)));
  }

 private:
  const base::SourceFile& file_;
  base::Diagnostics& diags_;
};

/// Builds the if/for tree out of a flat sequence of template pieces.
class TemplateBuilder {
 public:
  TemplateBuilder(Converter& cv) : cv_(cv) { stack_.push_back({nullptr, false}); }

  std::vector<TemplatePart>& current() {
    Frame& f = stack_.back();
    if (!f.part) return root_;
    return f.in_else ? f.part->else_body : f.part->body;
  }
  void add(TemplatePart part) {
    bool open = part.kind == TemplatePart::Kind::if_ || part.kind == TemplatePart::Kind::for_;
    current().push_back(std::move(part));
    if (open) stack_.push_back({&current().back(), false});
  }
  void else_(const Location& at) {
    Frame& f = stack_.back();
    if (!f.part || f.part->kind != TemplatePart::Kind::if_ || f.in_else) {
      cv_.error(at, "%{ else } without a matching %{ if }");
      return;
    }
    f.in_else = true;
  }
  void end(bool is_if, const Location& at) {
    Frame& f = stack_.back();
    auto want = is_if ? TemplatePart::Kind::if_ : TemplatePart::Kind::for_;
    if (!f.part || f.part->kind != want) {
      cv_.error(at, is_if ? "%{ endif } without a matching %{ if }" : "%{ endfor } without a matching %{ for }");
      return;
    }
    stack_.pop_back();
  }
  std::vector<TemplatePart> finish(const Location& at) {
    if (stack_.size() > 1) {
      bool is_if = stack_.back().part->kind == TemplatePart::Kind::if_;
      cv_.error(stack_.back().part->where.known() ? stack_.back().part->where : at,
                is_if ? "this %{ if } has no %{ endif }" : "this %{ for } has no %{ endfor }");
    }
    return std::move(root_);
  }

 private:
  struct Frame {
    TemplatePart* part;
    bool in_else;
  };
  Converter& cv_;
  std::vector<TemplatePart> root_;
  std::vector<Frame> stack_;
};

/// Strip markers remove whitespace from the literal text beside them.
void strip_left(std::vector<TemplatePart>& parts) {
  if (!parts.empty() && parts.back().kind == TemplatePart::Kind::text) {
    std::string& t = parts.back().text;
    size_t end = t.find_last_not_of(" \t\r\n");
    t.erase(end == std::string::npos ? 0 : end + 1);
  }
}

std::vector<TemplatePart> Converter::parts(const Node& n, bool quoted, std::string_view flush_source, size_t flush) {
  TemplateBuilder b(*this);
  bool strip_next = false;
  for (const auto& child : n.children) {
    const Node& c = *child;
    if (c.is_type<g::quoted_text>() || c.is_type<g::heredoc_text>()) {
      std::string raw(c.string_view());
      if (flush) {
        // <<- heredocs: remove the common indentation at the start of each line.
        std::string out;
        size_t pos = c.m_begin.byte;
        bool at_line_start = pos == 0 || flush_source[pos - 1] == '\n';
        size_t i = 0;
        while (i < raw.size()) {
          if (at_line_start) {
            size_t k = 0;
            while (k < flush && i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i, ++k;
          }
          if (i >= raw.size()) break;
          out += raw[i];
          at_line_start = raw[i] == '\n';
          ++i;
        }
        raw = out;
      }
      TemplatePart p;
      p.kind = TemplatePart::Kind::text;
      p.text = literal_text(raw, quoted);
      p.where = where(c);
      if (strip_next) {
        size_t begin = p.text.find_first_not_of(" \t\r\n");
        p.text.erase(0, begin == std::string::npos ? p.text.size() : begin);
        strip_next = false;
      }
      b.current().push_back(std::move(p));
      continue;
    }
    bool left = false, right = false;
    // A sequence's strip markers sit right after its opener and before its closer.
    for (const auto& s : c.children) {
      if (!s->is_type<g::strip>()) continue;
      if (s->m_begin.byte == c.m_begin.byte + 2) left = true;
      else right = true;
    }
    if (left) strip_left(b.current());
    if (c.is_type<g::interpolation>()) {
      TemplatePart p;
      p.kind = TemplatePart::Kind::interpolation;
      p.where = where(c);
      for (const auto& s : c.children)
        if (!s->is_type<g::strip>()) p.expr = expr(*s);
      b.current().push_back(std::move(p));
    } else if (c.is_type<g::directive>()) {
      const Node* word = nullptr;
      for (const auto& s : c.children)
        if (!s->is_type<g::strip>()) word = s.get();
      if (!word) continue;
      if (word->is_type<g::directive_if>()) {
        TemplatePart p;
        p.kind = TemplatePart::Kind::if_;
        p.where = where(c);
        p.expr = expr(*word->children.back());
        b.add(std::move(p));
      } else if (word->is_type<g::directive_for>()) {
        TemplatePart p;
        p.kind = TemplatePart::Kind::for_;
        p.where = where(c);
        std::vector<std::string> names;
        for (const auto& s : word->children)
          if (s->is_type<g::identifier>()) names.push_back(text(*s));
        if (names.size() == 2) {
          p.key_var = names[0];
          p.value_var = names[1];
        } else if (!names.empty()) {
          p.value_var = names[0];
        }
        p.expr = expr(*word->children.back());
        b.add(std::move(p));
      } else if (word->is_type<g::kw_else>()) {
        b.else_(where(c));
      } else {
        b.end(word->is_type<g::kw_endif>(), where(c));
      }
    }
    strip_next = right;
  }
  return b.finish(where(n));
}

ExprPtr Converter::template_expr(const Node& n, bool quoted) {
  std::vector<TemplatePart> ps = parts(n, quoted);
  // A template of one interpolation is its expression ("${var.x}" is var.x);
  // one of literal text only is a string.
  if (ps.size() == 1 && ps[0].kind == TemplatePart::Kind::interpolation) {
    ExprPtr e = std::move(ps[0].expr);
    return e;
  }
  bool literal = true;
  std::string joined;
  for (const TemplatePart& p : ps) {
    if (p.kind != TemplatePart::Kind::text) literal = false;
    else joined += p.text;
  }
  if (literal) {
    auto e = make(ExprKind::literal, n);
    e->literal = model::Value::string(joined, e->where);
    return e;
  }
  auto e = make(ExprKind::template_, n);
  e->parts = std::move(ps);
  return e;
}

ExprPtr Converter::heredoc(const Node& n) {
  std::string_view all = file_.text();
  size_t begin = n.m_begin.byte;
  std::string_view h = n.string_view();
  bool flush = h.size() > 2 && h[2] == '-';
  size_t header_end = h.find('\n');
  size_t content_begin = begin + header_end + 1;
  // The terminator line is the node's last line.
  size_t last_nl = h.rfind('\n');
  size_t content_end = begin + last_nl + 1;
  if (content_end < content_begin) content_end = content_begin;
  std::string_view content = all.substr(content_begin, content_end - content_begin);
  size_t indent = 0;
  if (flush) {
    indent = SIZE_MAX;
    size_t pos = 0;
    while (pos < content.size()) {
      size_t eol = content.find('\n', pos);
      std::string_view line = content.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
      size_t k = 0;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      if (k < line.size() && line.substr(k) != "\r") indent = std::min(indent, k);
      if (eol == std::string_view::npos) break;
      pos = eol + 1;
    }
    if (indent == SIZE_MAX) indent = 0;
  }
  auto [line, column] = file_.line_column(content_begin);
  tao::pegtl::memory_input<> in(all.data() + content_begin, all.data() + content_end, std::string(file_.path()),
                                content_begin, line, column);
  std::unique_ptr<Node> root;
  try {
    root = pt::parse<g::heredoc_template, selector, action, g::control>(in);
  } catch (const tao::pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    error(file_.location(p.byte, p.byte + 1), std::string(e.message()));
    return make(ExprKind::literal, n);
  }
  std::vector<TemplatePart> ps = root ? parts(*root, false, all, indent) : std::vector<TemplatePart>{};
  bool literal = true;
  std::string joined;
  for (const TemplatePart& p : ps) {
    if (p.kind != TemplatePart::Kind::text) literal = false;
    else joined += p.text;
  }
  if (literal) {
    auto e = make(ExprKind::literal, n);
    e->literal = model::Value::string(joined, e->where);
    // JSON written verbatim (a policy document): remembered with each node
    // at its place, so that a finding on its tenth statement points there.
    size_t first = joined.find_first_not_of(" \t\r\n");
    if (indent == 0 && first != std::string::npos && (joined[first] == '{' || joined[first] == '[') &&
        joined == content)
      if (std::optional<model::Value> tree = load::parse_json_at(file_, content_begin, content_end))
        model::remember_encoded(joined, e->where, *tree);
    return e;
  }
  auto e = make(ExprKind::template_, n);
  e->parts = std::move(ps);
  return e;
}

ExprPtr Converter::postfix(ExprPtr base, const Node& s) {
  ExprPtr e;
  if (s.is_type<g::get_attr>()) {
    e = make(ExprKind::get_attr, s);
    e->name = text(*s.children.at(0));
  } else if (s.is_type<g::legacy_index>()) {
    e = make(ExprKind::index, s);
    auto key = make(ExprKind::literal, s);
    std::string digits(s.string_view().substr(1));
    key->literal = model::Value::integer(std::stoll(digits), key->where);
    e->children.push_back(std::move(key));
  } else if (s.is_type<g::index>()) {
    e = make(ExprKind::index, s);
    e->children.push_back(expr(*s.children.at(0)));
  } else {
    e = make(ExprKind::splat, s);
    e->attr_splat = s.is_type<g::attr_splat>();
    for (const auto& step : s.children) {
      Step st;
      if (step->is_type<g::get_attr>()) st.attr = text(*step->children.at(0));
      else if (step->is_type<g::nested_splat>()) st.splat = true;
      else st.index = expr(*step->children.at(0));
      e->steps.push_back(std::move(st));
    }
  }
  e->where = base::span(base->where, e->where);
  e->children.insert(e->children.begin(), std::move(base));
  return e;
}

ExprPtr Converter::expr(const Node& n) {
  if (n.is_type<g::number>()) {
    auto e = make(ExprKind::literal, n);
    std::string t = text(n);
    bool integral = t.find_first_of(".eE") == std::string::npos;
    int64_t i = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
    if (integral && ec == std::errc() && p == t.data() + t.size()) e->literal = model::Value::integer(i, e->where);
    else e->literal = model::Value::floating(std::strtod(t.c_str(), nullptr), e->where);
    return e;
  }
  if (n.is_type<g::lit_true>() || n.is_type<g::lit_false>()) {
    auto e = make(ExprKind::literal, n);
    e->literal = model::Value::boolean(n.is_type<g::lit_true>(), e->where);
    return e;
  }
  if (n.is_type<g::lit_null>()) {
    auto e = make(ExprKind::literal, n);
    e->literal = model::Value(e->where);
    return e;
  }
  if (n.is_type<g::quoted_template>()) return template_expr(n, true);
  if (n.is_type<g::heredoc>()) return heredoc(n);
  if (n.is_type<g::variable>()) {
    auto e = make(ExprKind::variable, n);
    e->name = text(n);
    return e;
  }
  if (n.is_type<g::paren>()) {
    ExprPtr inner = expr(*n.children.at(0));
    return inner;
  }
  if (n.is_type<g::tuple>()) {
    auto e = make(ExprKind::tuple, n);
    for (const auto& c : n.children) e->children.push_back(expr(*c));
    return e;
  }
  if (n.is_type<g::object>()) {
    auto e = make(ExprKind::object, n);
    for (const auto& elem : n.children) {
      const Node& key = *elem->children.at(0);
      if (key.is_type<g::object_key_name>()) {
        auto k = make(ExprKind::literal, key);
        k->literal = model::Value::string(text(*key.children.at(0)), k->where);
        e->children.push_back(std::move(k));
      } else {
        e->children.push_back(expr(key));
      }
      e->children.push_back(expr(*elem->children.at(1)));
    }
    return e;
  }
  if (n.is_type<g::for_tuple>() || n.is_type<g::for_object>()) {
    auto e = make(n.is_type<g::for_tuple>() ? ExprKind::for_tuple : ExprKind::for_object, n);
    std::vector<const Node*> exprs;
    for (const auto& c : n.children) {
      if (c->is_type<g::for_vars>()) {
        std::vector<std::string> names;
        for (const auto& id : c->children) names.push_back(text(*id));
        if (names.size() == 2) {
          e->key_var = names[0];
          e->value_var = names[1];
        } else if (!names.empty()) {
          e->value_var = names[0];
        }
      } else if (c->is_type<g::ellipsis>()) {
        e->grouping = true;
      } else if (c->is_type<g::for_cond>()) {
        e->has_cond = true;
        exprs.push_back(c->children.at(0).get());
      } else {
        exprs.push_back(c.get());
      }
    }
    for (const Node* x : exprs) e->children.push_back(expr(*x));
    return e;
  }
  if (n.is_type<g::call>()) {
    auto e = make(ExprKind::call, n);
    e->name = text(*n.children.at(0));
    if (n.children.size() > 1) {
      const Node& args = *n.children[1];
      for (const auto& a : args.children) {
        if (a->is_type<g::ellipsis>()) e->expand_last = true;
        else e->children.push_back(expr(*a));
      }
    }
    return e;
  }
  if (is_postfix(n)) {
    ExprPtr base = expr(*n.children.at(0));
    for (size_t i = 1; i < n.children.size(); ++i) base = postfix(std::move(base), *n.children[i]);
    return base;
  }
  if (is_unary(n)) {
    auto e = make(ExprKind::unary, n);
    e->name = n.children.at(0)->is_type<g::op_not>() ? "!" : "-";
    e->children.push_back(expr(*n.children.at(1)));
    return e;
  }
  if (is_binary(n)) {
    ExprPtr left = expr(*n.children.at(0));
    for (size_t i = 1; i + 1 < n.children.size(); i += 2) {
      auto e = make(ExprKind::binary, n);
      e->name = text(*n.children[i]);
      e->children.push_back(std::move(left));
      e->children.push_back(expr(*n.children[i + 1]));
      e->where = base::span(e->children[0]->where, e->children[1]->where);
      left = std::move(e);
    }
    return left;
  }
  if (is_conditional(n)) {
    auto e = make(ExprKind::conditional, n);
    for (const auto& c : n.children) e->children.push_back(expr(*c));
    return e;
  }
  if (n.children.size() == 1) return expr(*n.children[0]);
  return make(ExprKind::literal, n);
}

/// A block whose first item is on the line of its "{" is a one-line block
/// (HCL's OneLineBlock): at most one argument, then "}" on that line.
/// `resource "x" "y" { a = 1` and `b = 2 }` on the next line is not HCL.
void Converter::one_line_block(const Node& block, size_t first_item) {
  std::string_view all = file_.text();
  size_t open = all.find('{', first_item > 1 ? block.children[first_item - 1]->m_end.byte
                                             : block.children.at(0)->m_end.byte);
  size_t close = block.m_begin.byte + block.string_view().rfind('}');
  if (open == std::string_view::npos || open >= close) return;
  size_t content = first_item < block.children.size() ? block.children[first_item]->m_begin.byte : close;
  for (size_t at = open + 1; at < content; ++at) {
    if (all[at] == '\n') return;  // a block of lines
    if (all[at] == '#' || (all[at] == '/' && at + 1 < content && all[at + 1] == '/')) return;  // a comment ends the line
  }
  if (first_item >= block.children.size()) return;  // {}
  const Node& item = *block.children[first_item];
  bool bad = block.children.size() - first_item > 1 || !item.is_type<g::attribute>();
  if (!bad && item.children.size() > 1) {
    size_t value_end = item.children[1]->m_end.byte;
    for (size_t at = value_end > 0 ? value_end - 1 : 0; at < close && !bad; ++at) bad = all[at] == '\n';
  }
  if (bad)
    error(file_.location(open, open + 1),
          "a block opened with an argument on its first line is a one-line block: one argument, then \"}\" on "
          "the same line");
}

Body Converter::body(const std::vector<std::unique_ptr<Node>>& items, size_t from) {
  Body b;
  for (size_t k = from; k < items.size(); ++k) {
    const Node& item = *items[k];
    if (item.is_type<g::attribute>()) {
      Attribute a;
      a.name = text(*item.children.at(0));
      a.name_where = where(*item.children.at(0));
      a.expr = expr(*item.children.at(1));
      a.where = base::span(a.name_where, a.expr->where);
      for (const Attribute& other : b.attributes)
        if (other.name == a.name)
          error(a.name_where, "attribute '" + a.name + "' is defined twice (first at line " +
                                  std::to_string(other.name_where.line) + ")");
      b.attributes.push_back(std::move(a));
    } else if (item.is_type<g::block>()) {
      Block blk;
      blk.type = text(*item.children.at(0));
      // From the type to the closing brace (the node also holds the line end).
      std::string_view whole = item.string_view();
      size_t close = whole.rfind('}');
      blk.where = file_.location(item.m_begin.byte, item.m_begin.byte + (close == std::string_view::npos ? whole.size() : close + 1));
      size_t i = 1;
      for (; i < item.children.size(); ++i) {
        const Node& c = *item.children[i];
        if (c.is_type<g::string_label>()) {
          std::string_view raw = c.string_view();
          // Labels are literal strings: "${" and "%{" start no template there (HCL's
          // "Template sequences are not allowed in this string"); "$${" escapes.
          for (size_t at = raw.find_first_of("$%"); at != std::string_view::npos; at = raw.find_first_of("$%", at + 1)) {
            if (at + 1 < raw.size() && raw[at + 1] == raw[at]) {
              ++at;
              continue;
            }
            if (at + 1 < raw.size() && raw[at + 1] == '{') {
              error(file_.location(c.m_begin.byte + at, c.m_begin.byte + at + 2),
                    "template sequences are not allowed in a block label");
              break;
            }
          }
          blk.labels.push_back(literal_text(raw.substr(1, raw.size() - 2), true));
          blk.label_wheres.push_back(where(c));
        } else if (c.is_type<g::identifier>()) {
          blk.labels.push_back(text(c));
          blk.label_wheres.push_back(where(c));
        } else {
          break;
        }
      }
      // The rest of the node's children are the block's items.
      one_line_block(item, i);
      blk.body = body(item.children, i);
      b.blocks.push_back(std::move(blk));
    }
  }
  return b;
}

}  // namespace

ParsedFile parse_hcl(const base::SourceFile& file) {
  ParsedFile out;
  std::string_view text = file.text();
  tao::pegtl::memory_input<> in(text.data(), text.data() + text.size(), std::string(file.path()));
  try {
    auto root = pt::parse<g::config_file, selector, action, g::control>(in);
    if (root) {
      Converter cv(file, out.diagnostics);
      out.body = cv.body(root->children, 0);
    }
  } catch (const tao::pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    base::Location at = file.location(p.byte, std::min<size_t>(p.byte + 1, text.size()));
    std::string message(e.message());
    if (message == "maximum parser rule nesting depth exceeded")
      message = "nesting deeper than " + std::to_string(kMaxNesting) + " levels";
    out.diagnostics.push_back(base::error("hcl-syntax", at, message));
    out.body = Body();
  }
  return out;
}

ExprPtr parse_expression(const base::SourceFile& file, base::Diagnostics& diagnostics) {
  std::string_view text = file.text();
  tao::pegtl::memory_input<> in(text.data(), text.data() + text.size(), std::string(file.path()));
  try {
    auto root = pt::parse<tao::pegtl::seq<ws, g::expr_ws, ws, tao::pegtl::eof>, selector, action, g::control>(in);
    if (root && !root->children.empty()) {
      Converter cv(file, diagnostics);
      return cv.expr(*root->children.front());
    }
  } catch (const tao::pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    diagnostics.push_back(base::error("hcl-syntax", file.location(p.byte, p.byte + 1), std::string(e.message())));
  }
  return nullptr;
}

}  // namespace guardrail::load::hcl
