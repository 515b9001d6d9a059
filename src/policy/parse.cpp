#include "policy/parse.hpp"

#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <cmath>
#include <cstdlib>

#include "policy/grammar_errors.hpp"

namespace guardrail::policy {
namespace {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;

/// Like parse_tree's fold_one, but a node with several children keeps its
/// content (its source span), which the AST's locations need.
struct fold_keep : pt::apply<fold_keep> {
  template <typename Node, typename... States>
  static void transform(std::unique_ptr<Node>& n, States&&...) {
    if (n->children.size() == 1) n = std::move(n->children.front());
  }
};

// The nodes the tree keeps; single-child expression layers fold away.
template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        g::rule_decl, g::policy_decl, g::rule_id, g::meta_title, g::meta_severity, g::severity_word,
        g::meta_description, g::meta_remediation, g::meta_help, g::meta_tags, g::meta_sources, g::param_decl, g::param_name,
        g::for_clause, g::bound_name, g::for_sources, g::let_clause, g::where_clause, g::assert_clause, g::assert_at,
        g::message_clause, g::check_block, g::message_template, g::template_text, g::template_hole, g::text, g::string_lit,
        g::number, g::literal_true, g::literal_false, g::literal_null, g::literal_unknown, g::list_lit,
        g::map_lit, g::map_entry, g::map_key, g::call, g::quantifier, g::quant_kind, g::relative,
        g::variable, g::member_suffix, g::splat_suffix, g::index_suffix, g::negate, g::mul_op, g::add_op,
        g::compare_op, g::logical_not, g::conditional, g::policy_name, g::policy_parent, g::env_decl, g::env_name,
        g::env_account, g::env_path, g::env_alias, g::env_tag, g::tag_key, g::env_list, g::rule_list,
        g::in_envs, g::rule_ref, g::enforce_stmt, g::skip_stmt, g::set_stmt, g::set_target, g::waive_stmt, g::forbid_stmt, g::date,
        g::kw_all>,
    fold_keep::on<g::postfix, g::mul_expr, g::add_expr, g::compare_expr, g::and_expr, g::or_expr,
                     g::paren, g::quant_body>>;

// Deep nesting is an error, not a stack overflow.
template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};
template <>
struct action<g::expression> : tao::pegtl::limit_depth<200> {};
// `not not …` and `- - …` recurse without passing through an expression.
template <>
struct action<g::not_expr> : tao::pegtl::limit_depth<200> {};
template <>
struct action<g::unary> : tao::pegtl::limit_depth<200> {};

class Converter {
 public:
  explicit Converter(const base::SourceFile& file) : file_(file) {}

  Location where(const Node& n) const {
    size_t begin = n.m_begin.byte;
    return file_.location(begin, begin + significant_length(n.string_view()));
  }

  /// The node's text without the whitespace and comments a token swallowed.
  std::string_view text(const Node& n) const {
    std::string_view s = n.string_view();
    return s.substr(0, significant_length(s));
  }

  static size_t significant_length(std::string_view s) {
    size_t last = 0;
    bool in_string = false, escape = false, comment = false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (comment) {
        if (c == '\n') comment = false;
        continue;
      }
      if (in_string) {
        if (escape) escape = false;
        else if (c == '\\') escape = true;
        else if (c == '"') in_string = false;
        last = i + 1;
        continue;
      }
      if (c == '#') {
        comment = true;
        continue;
      }
      if (c == '"') in_string = true;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') last = i + 1;
    }
    return last;
  }

  std::string identifier(const Node& n) const {
    std::string_view s = text(n);
    size_t i = 0;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '-')) ++i;
    return std::string(s.substr(0, i));
  }

  /// A string literal's value: quotes removed, escapes resolved.
  std::string unquote(const Node& n) const {
    std::string_view s = text(n);
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) {
        char c = s[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  /// A `text` node: adjacent string literals joined.
  std::string joined(const Node& n) const {
    std::string out;
    for (const auto& child : n.children) out += unquote(*child);
    return out;
  }

  ExprPtr make(ExprKind kind, const Node& n) const {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->where = where(n);
    return e;
  }

  ExprPtr expr(const Node& n);
  ExprPtr expr_node(const Node& n);
  ExprPtr postfix(ExprPtr base, const Node& suffix);
  /// Records how deep `e` is, from its children; deeper than the checker
  /// and evaluator recurse safely is a syntax error at `n`. A chain
  /// (a.b.c…, 1 + 1 + …, x and y and …) nests as deep as it is long.
  ExprPtr bounded(ExprPtr e, const Node& n) const;
  Template message(const Node& n);
  std::unique_ptr<Rule> rule(const Node& n);
  void add_clause(Rule& rule, const Node& c);
  std::unique_ptr<Policy> policy(const Node& n);

 private:
  const base::SourceFile& file_;
};

Op compare_op(std::string_view s) {
  if (s == "==") return Op::eq;
  if (s == "!=") return Op::ne;
  if (s == "<=") return Op::le;
  if (s == ">=") return Op::ge;
  if (s == "<") return Op::lt;
  if (s == ">") return Op::gt;
  if (s == "in") return Op::in;
  if (s == "matches") return Op::matches;
  if (s.find("matches") != std::string_view::npos) return Op::not_matches;
  return Op::not_in;
}

ExprPtr Converter::postfix(ExprPtr base, const Node& suffix) {
  ExprPtr e;
  if (suffix.is_type<g::member_suffix>()) {
    e = make(ExprKind::member, suffix);
    e->name = std::string(text(suffix).substr(1));
  } else if (suffix.is_type<g::splat_suffix>()) {
    e = make(ExprKind::splat, suffix);
  } else {
    // An index whose expression mentions `.` filters; the checker decides.
    e = make(ExprKind::index, suffix);
    e->children.push_back(expr(*suffix.children.at(0)));
  }
  e->where = base::span(base->where, e->where);
  e->children.insert(e->children.begin(), std::move(base));
  return e;
}

constexpr uint32_t kMaxExpressionDepth = 256;

ExprPtr Converter::bounded(ExprPtr e, const Node& n) const {
  for (const ExprPtr& c : e->children)
    if (c) e->depth = std::max(e->depth, c->depth + 1);
  if (e->depth > kMaxExpressionDepth)
    throw tao::pegtl::parse_error("the expression nests deeper than " + std::to_string(kMaxExpressionDepth) +
                                      " levels (a chain of operators, members or indexes counts each); split it with let",
                                  n.begin());
  return e;
}

ExprPtr Converter::expr(const Node& n) { return bounded(expr_node(n), n); }

ExprPtr Converter::expr_node(const Node& n) {
  if (n.is_type<g::number>()) {
    auto e = make(ExprKind::number_lit, n);
    std::string t(text(n));
    e->number = std::strtod(t.c_str(), nullptr);
    if (!std::isfinite(e->number)) throw tao::pegtl::parse_error("the number " + t.substr(0, 24) + "… is too large", n.begin());
    e->integer = t.find('.') == std::string::npos;
    return e;
  }
  if (n.is_type<g::text>()) {
    auto e = make(ExprKind::string_lit, n);
    e->text = joined(n);
    return e;
  }
  if (n.is_type<g::literal_true>() || n.is_type<g::literal_false>()) {
    auto e = make(ExprKind::bool_lit, n);
    e->boolean = n.is_type<g::literal_true>();
    return e;
  }
  if (n.is_type<g::literal_null>()) return make(ExprKind::null_lit, n);
  if (n.is_type<g::literal_unknown>()) {
    auto e = make(ExprKind::unknown_lit, n);
    if (!n.children.empty()) e->text = joined(*n.children.front());
    return e;
  }
  if (n.is_type<g::list_lit>()) {
    auto e = make(ExprKind::list, n);
    for (const auto& c : n.children) e->children.push_back(expr(*c));
    return e;
  }
  if (n.is_type<g::map_lit>()) {
    auto e = make(ExprKind::map, n);
    for (const auto& entry : n.children) {
      const Node& key = *entry->children.at(0);
      const Node& key_inner = key.children.empty() ? key : *key.children.at(0);
      e->keys.push_back(key_inner.is_type<g::string_lit>() ? unquote(key_inner) : std::string(text(key)));
      e->children.push_back(expr(*entry->children.at(1)));
    }
    return e;
  }
  if (n.is_type<g::variable>()) {
    auto e = make(ExprKind::variable, n);
    e->name = std::string(text(n));
    return e;
  }
  if (n.is_type<g::relative>()) {
    auto e = make(ExprKind::relative, n);
    e->name = std::string(text(n).substr(1));
    return e;
  }
  if (n.is_type<g::call>()) {
    auto e = make(ExprKind::call, n);
    e->name = identifier(n);
    for (const auto& c : n.children) e->children.push_back(expr(*c));
    return e;
  }
  if (n.is_type<g::quantifier>()) {
    auto e = make(ExprKind::quantifier, n);
    std::string_view kind = text(*n.children.at(0));
    e->quant = kind == "all" ? Quant::all : kind == "any" ? Quant::any : kind == "none" ? Quant::none : Quant::count;
    // quantifier: kind, then the source and the body (the variable is not a node).
    std::string_view after = n.string_view().substr(n.children.at(0)->string_view().size());
    size_t i = 0;
    while (i < after.size() && (std::isalnum(static_cast<unsigned char>(after[i])) || after[i] == '_')) ++i;
    e->name = std::string(after.substr(0, i));
    e->children.push_back(expr(*n.children.at(1)));
    e->children.push_back(expr(*n.children.at(2)));
    return e;
  }
  if (n.is_type<g::negate>()) {
    auto e = make(ExprKind::unary, n);
    e->op = Op::neg;
    e->children.push_back(expr(*n.children.at(0)));
    return e;
  }
  if (n.is_type<g::logical_not>()) {
    auto e = make(ExprKind::unary, n);
    e->op = Op::not_;
    e->children.push_back(expr(*n.children.at(0)));
    return e;
  }
  if (n.is_type<g::conditional>()) {
    auto e = make(ExprKind::conditional, n);
    for (const auto& c : n.children) e->children.push_back(expr(*c));
    return e;
  }
  if (n.is_type<g::postfix>()) {
    ExprPtr base = expr(*n.children.at(0));
    for (size_t i = 1; i < n.children.size(); ++i) base = bounded(postfix(std::move(base), *n.children[i]), *n.children[i]);
    return base;
  }
  if (n.is_type<g::mul_expr>() || n.is_type<g::add_expr>()) {
    ExprPtr left = expr(*n.children.at(0));
    for (size_t i = 1; i + 1 < n.children.size(); i += 2) {
      auto e = make(ExprKind::binary, n);
      char op = text(*n.children[i])[0];
      e->op = op == '*' ? Op::mul : op == '/' ? Op::div : op == '%' ? Op::mod : op == '+' ? Op::add : Op::sub;
      e->children.push_back(std::move(left));
      e->children.push_back(expr(*n.children[i + 1]));
      e->where = base::span(e->children[0]->where, e->children[1]->where);
      left = bounded(std::move(e), *n.children[i]);
    }
    return left;
  }
  if (n.is_type<g::compare_expr>()) {
    auto e = make(ExprKind::binary, n);
    e->op = compare_op(text(*n.children.at(1)));
    e->children.push_back(expr(*n.children.at(0)));
    e->children.push_back(expr(*n.children.at(2)));
    return e;
  }
  if (n.is_type<g::and_expr>() || n.is_type<g::or_expr>()) {
    ExprPtr left = expr(*n.children.at(0));
    for (size_t i = 1; i < n.children.size(); ++i) {
      auto e = make(ExprKind::binary, n);
      e->op = n.is_type<g::and_expr>() ? Op::and_ : Op::or_;
      e->children.push_back(std::move(left));
      e->children.push_back(expr(*n.children[i]));
      e->where = base::span(e->children[0]->where, e->children[1]->where);
      left = bounded(std::move(e), *n.children[i]);
    }
    return left;
  }
  // Folded or wrapper nodes with one child.
  if (n.children.size() == 1) return expr(*n.children[0]);
  auto e = make(ExprKind::null_lit, n);
  return e;
}

Template Converter::message(const Node& n) {
  Template t;
  t.where = where(n);
  for (const auto& piece : n.children) {
    if (piece->is_type<g::template_text>()) {
      std::string raw(piece->string_view());
      std::string out;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
          char c = raw[++i];
          out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        } else {
          out += raw[i];
        }
      }
      if (!t.parts.empty() && !t.parts.back().expr) t.parts.back().text += out;
      else t.parts.push_back({out, nullptr});
    } else if (piece->is_type<g::template_hole>()) {
      t.parts.push_back({"", expr(*piece->children.at(0))});
    }
  }
  return t;
}

std::unique_ptr<Rule> Converter::rule(const Node& n) {
  auto r = std::make_unique<Rule>();
  r->file = std::string(file_.path());
  for (const auto& item : n.children) {
    const Node& c = *item;
    if (c.is_type<g::rule_id>()) {
      r->id = std::string(text(c));
      r->where = where(c);
    } else if (c.is_type<g::meta_title>()) {
      r->title = joined(*c.children.at(0));
    } else if (c.is_type<g::meta_severity>()) {
      r->has_severity = true;
      r->severity_word = std::string(text(*c.children.at(0)));
      r->severity_where = where(*c.children.at(0));
    } else if (c.is_type<g::meta_description>()) {
      r->description = joined(*c.children.at(0));
    } else if (c.is_type<g::meta_remediation>()) {
      r->remediation = joined(*c.children.at(0));
    } else if (c.is_type<g::meta_help>()) {
      r->help = joined(*c.children.at(0));
    } else if (c.is_type<g::meta_tags>()) {
      for (const auto& tag : c.children.at(0)->children)
        if (tag->is_type<g::text>()) r->tags.push_back(joined(*tag));
    } else if (c.is_type<g::meta_sources>()) {
      r->has_sources = true;
      r->sources_where = where(c);
      for (const auto& s : c.children.at(0)->children)
        if (s->is_type<g::text>()) r->sources.push_back(joined(*s));
    } else if (c.is_type<g::param_decl>()) {
      Param p;
      p.name = std::string(text(*c.children.at(0)));
      p.where = where(*c.children.at(0));
      p.default_expr = expr(*c.children.at(1));
      r->params.push_back(std::move(p));
    } else if (c.is_type<g::check_block>()) {
      Clause begin;
      begin.kind = ClauseKind::check_;
      begin.where = where(c);
      r->clauses.push_back(std::move(begin));
      for (const auto& inner : c.children) add_clause(*r, *inner);
    } else {
      add_clause(*r, c);
    }
  }
  return r;
}

void Converter::add_clause(Rule& rule, const Node& c) {
  // Each clause nests the ones after it when the rule is evaluated.
  if (rule.clauses.size() >= 256)
    throw tao::pegtl::parse_error("a rule has more than 256 clauses (for, let, where, assert); split it", c.begin());
  {
    if (c.is_type<g::for_clause>() || c.is_type<g::let_clause>() || c.is_type<g::where_clause>() ||
        c.is_type<g::assert_clause>() || c.is_type<g::message_clause>()) {
      Clause clause;
      clause.where = where(c);
      clause.kind = c.is_type<g::for_clause>()      ? ClauseKind::for_
                    : c.is_type<g::let_clause>()    ? ClauseKind::let
                    : c.is_type<g::where_clause>()  ? ClauseKind::where
                    : c.is_type<g::assert_clause>() ? ClauseKind::assert_
                                                    : ClauseKind::message;
      for (const auto& part : c.children) {
        if (part->is_type<g::bound_name>()) {
          clause.names.push_back(std::string(text(*part)));
          clause.name_locations.push_back(where(*part));
        } else if (part->is_type<g::for_sources>()) {
          for (const auto& source : part->children) clause.exprs.push_back(expr(*source));
        } else if (part->is_type<g::message_template>()) {
          clause.message = message(*part);
        } else if (part->is_type<g::assert_at>()) {
          clause.at = expr(*part->children.at(0));
        } else {
          clause.exprs.push_back(expr(*part));
        }
      }
      rule.clauses.push_back(std::move(clause));
    }
  }
}

std::vector<std::string> names_of(const Converter& cv, const Node& list, std::vector<Location>* locations) {
  std::vector<std::string> out;
  for (const auto& c : list.children) {
    if (c->is_type<g::kw_all>()) return {};
    out.push_back(std::string(cv.text(*c)));
    if (locations) locations->push_back(cv.where(*c));
  }
  return out;
}

std::unique_ptr<Policy> Converter::policy(const Node& n) {
  auto p = std::make_unique<Policy>();
  p->file = std::string(file_.path());
  for (const auto& item : n.children) {
    const Node& c = *item;
    if (c.is_type<g::policy_name>()) {
      p->name = std::string(text(c));
      p->where = where(c);
    } else if (c.is_type<g::policy_parent>()) {
      p->parent = std::string(text(c));
      p->parent_where = where(c);
    } else if (c.is_type<g::meta_title>()) {
      p->title = joined(*c.children.at(0));
    } else if (c.is_type<g::meta_description>()) {
      p->description = joined(*c.children.at(0));
    } else if (c.is_type<g::env_decl>()) {
      Environment env;
      for (const auto& e : c.children) {
        if (e->is_type<g::env_name>()) {
          env.name = std::string(text(*e));
          env.where = where(*e);
        } else if (e->is_type<g::env_account>()) {
          env.accounts.push_back(joined(*e->children.at(0)));
        } else if (e->is_type<g::env_path>()) {
          env.paths.push_back(joined(*e->children.at(0)));
        } else if (e->is_type<g::env_alias>()) {
          env.aliases.push_back(joined(*e->children.at(0)));
        } else if (e->is_type<g::env_tag>()) {
          const Node& key = *e->children.at(0);
          std::string k = !key.children.empty() && key.children[0]->is_type<g::string_lit>()
                              ? unquote(*key.children[0])
                              : std::string(text(key));
          env.tags.emplace_back(k, joined(*e->children.at(1)));
        }
      }
      p->environments.push_back(std::move(env));
    } else if (c.is_type<g::enforce_stmt>() || c.is_type<g::skip_stmt>()) {
      Enforcement en;
      en.skip = c.is_type<g::skip_stmt>();
      en.where = where(c);
      for (const auto& part : c.children) {
        if (part->is_type<g::rule_list>()) en.rules = names_of(*this, *part, &en.rule_locations);
        if (part->is_type<g::in_envs>())
          en.environments = names_of(*this, *part->children.at(0), &en.environment_locations);
      }
      p->enforcements.push_back(std::move(en));
    } else if (c.is_type<g::set_stmt>()) {
      ParamSetting s;
      const Node& target = *c.children.at(0);
      std::string t(text(target));
      auto dot = t.find('.');
      s.rule = t.substr(0, dot);
      s.param = dot == std::string::npos ? "" : t.substr(dot + 1);
      s.where = where(target);
      s.expr = expr(*c.children.at(1));
      if (c.children.size() > 2)
        s.environments = names_of(*this, *c.children[2]->children.at(0), &s.environment_locations);
      p->settings.push_back(std::move(s));
    } else if (c.is_type<g::waive_stmt>()) {
      Waiver w;
      w.rule = std::string(text(*c.children.at(0)));
      w.where = where(*c.children.at(0));
      w.resource = joined(*c.children.at(1));
      w.until = std::string(text(*c.children.at(2)));
      w.until_where = where(*c.children.at(2));
      w.reason = joined(*c.children.at(3));
      p->waivers.push_back(std::move(w));
    } else if (c.is_type<g::forbid_stmt>()) {
      Enforcement f;  // the rule list, as `enforce` has it
      f.where = where(c);
      f.rules = names_of(*this, *c.children.at(0), &f.rule_locations);
      if (f.rules.empty()) f.rules = {"*"};  // forbid inline all
      p->forbidden_inline.push_back(std::move(f));
    }
  }
  return p;
}

/// Where to resume after a syntax error: the next line starting with a declaration keyword.
size_t resume_offset(std::string_view text, size_t from) {
  for (size_t pos = text.find('\n', from); pos != std::string_view::npos; pos = text.find('\n', pos + 1)) {
    std::string_view rest = text.substr(pos + 1);
    for (std::string_view word : {"rule", "policy"}) {
      if (rest.substr(0, word.size()) == word && rest.size() > word.size() &&
          (rest[word.size()] == ' ' || rest[word.size()] == '\t'))
        return pos + 1;
    }
  }
  return text.size();
}

}  // namespace

Parsed parse_policy(const base::SourceFile& file) {
  Parsed out;
  Converter cv(file);
  std::string_view text = file.text();
  size_t offset = 0;
  while (offset < text.size()) {
    auto [line, column] = file.line_column(offset);
    tao::pegtl::memory_input<> in(text.data() + offset, text.data() + text.size(), std::string(file.path()),
                                  offset, line, column);
    try {
      auto root = pt::parse<g::next_declaration, selector, action, g::control>(in);
      if (!root) break;
      if (root->children.empty()) break;  // end of file
      const Node& decl = *root->children.at(0);
      if (decl.is_type<g::rule_decl>()) out.module.rules.push_back(cv.rule(decl));
      else out.module.policies.push_back(cv.policy(decl));
      offset = in.byte();
    } catch (const tao::pegtl::parse_error& e) {
      const auto& pos = e.positions().front();
      base::Location where = file.location(pos.byte, pos.byte + 1);
      if (pos.byte >= text.size()) where.end_column = where.column;
      std::string message(e.message());
      out.diagnostics.push_back(base::error("policy-syntax", where, message));
      offset = resume_offset(text, pos.byte);
    }
  }
  return out;
}

}  // namespace guardrail::policy
