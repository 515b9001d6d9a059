#include "evaluate/builtins.hpp"

#include "base/numeric.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "base/text.hpp"
#include "evaluate/cidr.hpp"
#include "load/json_loader.hpp"
#include "model/encoded.hpp"
#include "policy/functions.hpp"

namespace guardrail::evaluate {
namespace {

using Args = std::vector<RValue>;
using Fn = RValue (*)(Context&, Args&, const policy::Expr&);

bool any_unknown(const Args& args) {
  return std::any_of(args.begin(), args.end(), [](const RValue& a) { return a.is_unknown(); });
}

Location first_where(const Args& args) {
  for (const RValue& a : args)
    if (a.blame().known()) return a.blame();
  return {};
}

/// Strings of a string-or-list argument; false when one is unknown.
bool strings_of(const RValue& v, std::vector<std::string>& out, bool& incomplete) {
  if (v.kind == RKind::string) {
    out.push_back(v.text);
    return true;
  }
  if (v.kind == RKind::list) {
    incomplete = incomplete || v.incomplete;
    for (const RValue& item : v.list()) {
      if (item.is_unknown()) incomplete = true;
      else if (item.kind == RKind::string) out.push_back(item.text);
    }
    return true;
  }
  return false;
}

bool cidrs_of(const RValue& v, std::vector<Cidr>& out, bool& incomplete) {
  std::vector<std::string> texts;
  if (!strings_of(v, texts, incomplete)) return false;
  for (const std::string& t : texts)
    if (auto c = parse_cidr(t)) out.push_back(*c);
  return true;
}

RValue tri(Tri t, const Location& where) {
  return t == Tri::unknown ? RValue::unknown(where) : RValue::of_bool(t == Tri::true_, where);
}

// --- CIDR -----------------------------------------------------------------

RValue cidr_valid(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  return RValue::of_bool(a[0].kind == RKind::string && parse_cidr(a[0].text).has_value(), a[0].blame());
}

RValue cidr_prefix(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  auto c = a[0].kind == RKind::string ? parse_cidr(a[0].text) : std::nullopt;
  return c ? RValue::of_number(c->prefix, true, a[0].blame()) : RValue::null(a[0].blame());
}

RValue cidr_normalize(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  auto c = a[0].kind == RKind::string ? parse_cidr(a[0].text) : std::nullopt;
  return c ? RValue::of_string(c->to_string(), a[0].blame()) : RValue::null(a[0].blame());
}

RValue cidr_relation(Args& a, bool contains) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  std::vector<Cidr> left, right;
  bool incomplete = false;
  if (!cidrs_of(a[0], left, incomplete) || !cidrs_of(a[1], right, incomplete))
    return RValue::of_bool(false, first_where(a));
  Location where = a[1].blame().known() ? a[1].blame() : first_where(a);
  if (contains) {
    if (right.empty()) return tri(incomplete ? Tri::unknown : Tri::false_, where);
    for (const Cidr& inner : right) {
      bool inside = std::any_of(left.begin(), left.end(), [&](const Cidr& o) { return o.contains(inner); });
      if (!inside) return RValue::of_bool(false, where);
    }
    return tri(incomplete ? Tri::unknown : Tri::true_, where);
  }
  for (const Cidr& x : left)
    for (const Cidr& y : right)
      if (x.overlaps(y)) return RValue::of_bool(true, where);
  return tri(incomplete ? Tri::unknown : Tri::false_, where);
}

RValue cidr_contains(Context&, Args& a, const policy::Expr&) { return cidr_relation(a, true); }
RValue cidr_overlaps(Context&, Args& a, const policy::Expr&) { return cidr_relation(a, false); }

RValue cidr_private(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  auto c = a[0].kind == RKind::string ? parse_cidr(a[0].text) : std::nullopt;
  return RValue::of_bool(c && is_private(*c), a[0].blame());
}

RValue cidr_open(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  std::vector<Cidr> networks;
  bool incomplete = false;
  cidrs_of(a[0], networks, incomplete);
  int v4 = a.size() > 1 && a[1].kind == RKind::number ? static_cast<int>(base::clamp_to(a[1].number, 0, 32)) : 8;
  int v6 = a.size() > 2 && a[2].kind == RKind::number ? static_cast<int>(base::clamp_to(a[2].number, 0, 128)) : 32;
  if (is_open(networks, v4, v6)) return RValue::of_bool(true, a[0].blame());
  return tri(incomplete ? Tri::unknown : Tri::false_, a[0].blame());
}

RValue overlapping(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  std::vector<Cidr> networks;
  std::vector<const RValue*> owners;
  for (const RValue& item : a[0].list()) {
    if (item.kind != RKind::string) continue;
    if (auto c = parse_cidr(item.text)) {
      networks.push_back(*c);
      owners.push_back(&item);
    }
  }
  auto pairs = overlapping_pairs(networks);
  std::vector<RValue> out;
  for (auto [i, j] : pairs) {
    const RValue* x = owners[i];
    const RValue* y = owners[j];
    if (x->resource && x->resource == y->resource) continue;
    // The first in output order (path, line, column) is the primary member.
    if (y->blame() < x->blame()) std::swap(x, y);
    out.push_back(RValue::of_list({*x, *y}));
  }
  std::sort(out.begin(), out.end(), [](const RValue& p, const RValue& q) {
    return std::tie(p.list()[0].where, p.list()[1].where) < std::tie(q.list()[0].where, q.list()[1].where);
  });
  return RValue::of_list(std::move(out), a[0].incomplete, a[0].blame());
}

// --- strings ----------------------------------------------------------------

template <typename F>
RValue map_string(Args& a, F f) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  if (a[0].kind != RKind::string) return RValue::null(a[0].blame());
  RValue out = RValue::of_string(f(a[0].text), a[0].where);
  out.anchor = a[0].anchor;
  out.resource = a[0].resource;
  return out;
}

RValue lower(Context&, Args& a, const policy::Expr&) {
  return map_string(a, [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  });
}

RValue upper(Context&, Args& a, const policy::Expr&) {
  return map_string(a, [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  });
}

RValue trim(Context&, Args& a, const policy::Expr&) {
  return map_string(a, [](std::string s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    size_t e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  });
}

RValue affix(Args& a, bool prefix) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  if (a[0].kind != RKind::string) return RValue::of_bool(false, a[0].blame());
  std::vector<std::string> options;
  bool incomplete = false;
  strings_of(a[1], options, incomplete);
  const std::string& s = a[0].text;
  for (const std::string& o : options) {
    bool hit = o.size() <= s.size() &&
               (prefix ? s.compare(0, o.size(), o) == 0 : s.compare(s.size() - o.size(), o.size(), o) == 0);
    if (hit) return RValue::of_bool(true, a[0].blame());
  }
  return tri(incomplete ? Tri::unknown : Tri::false_, a[0].blame());
}

RValue starts_with(Context&, Args& a, const policy::Expr&) { return affix(a, true); }
RValue ends_with(Context&, Args& a, const policy::Expr&) { return affix(a, false); }

RValue contains(Context& ctx, Args& a, const policy::Expr&) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  const RValue& hay = a[0];
  if (hay.kind == RKind::string)
    return RValue::of_bool(a[1].kind == RKind::string && hay.text.find(a[1].text) != std::string::npos,
                           hay.blame());
  if (hay.kind == RKind::map)
    return RValue::of_bool(a[1].kind == RKind::string && hay.node && hay.node->find(a[1].text), hay.blame());
  if (hay.kind == RKind::list) {
    Tri out = Tri::false_;
    for (const RValue& item : hay.list()) {
      Tri t = equal(ctx, item, a[1]);
      if (t == Tri::true_) return RValue::of_bool(true, item.blame().known() ? item.blame() : hay.blame());
      if (t == Tri::unknown) out = Tri::unknown;
    }
    if (hay.incomplete) out = Tri::unknown;
    return tri(out, hay.blame());
  }
  return RValue::of_bool(false, hay.blame());
}

RValue split(Context&, Args& a, const policy::Expr&) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  if (a[0].kind != RKind::string || a[1].kind != RKind::string) return RValue::null(a[0].blame());
  std::vector<RValue> parts;
  const std::string& s = a[0].text;
  const std::string& sep = a[1].text;
  if (sep.empty()) {
    for (char c : s) parts.push_back(RValue::of_string(std::string(1, c)));
  } else {
    size_t start = 0;
    for (;;) {
      size_t p = s.find(sep, start);
      parts.push_back(RValue::of_string(s.substr(start, p == std::string::npos ? std::string::npos : p - start)));
      if (p == std::string::npos) break;
      start = p + sep.size();
    }
  }
  return RValue::of_list(std::move(parts), false, a[0].blame());
}

RValue join(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  std::string out;
  bool first = true;
  for (const RValue& item : a[0].list()) {
    if (!first && a[1].kind == RKind::string) out += a[1].text;
    first = false;
    out += display(item);
  }
  return RValue::of_string(out, a[0].where);
}

RValue plural(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  if (a[0].kind != RKind::number || a[1].kind != RKind::string) return RValue::null(a[0].where);
  std::string noun = a[0].number == 1 ? a[1].text
                     : a.size() > 2 && a[2].kind == RKind::string ? a[2].text
                                                                  : a[1].text + "s";
  return RValue::of_string(display(a[0]) + " " + noun, a[0].where);
}

RValue replace(Context&, Args& a, const policy::Expr&) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  if (a[0].kind != RKind::string || a[1].kind != RKind::string || a[2].kind != RKind::string || a[1].text.empty())
    return a[0];
  std::string s = a[0].text, out;
  size_t start = 0;
  for (size_t p; (p = s.find(a[1].text, start)) != std::string::npos; start = p + a[1].text.size())
    out += s.substr(start, p - start) + a[2].text;
  out += s.substr(start);
  return RValue::of_string(out, a[0].where);
}

RValue regex_find(Context& ctx, Args& a, const policy::Expr& call) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  if (a[0].kind != RKind::string || a[1].kind != RKind::string) return RValue::null(a[0].blame());
  const re2::RE2* re = call.children[1]->regex ? call.children[1]->regex.get() : ctx.regex(a[1].text);
  if (!re) return RValue::null(a[0].blame());
  std::string whole, group;
  if (re->NumberOfCapturingGroups() >= 1) {
    if (!RE2::PartialMatch(a[0].text, *re, &group)) return RValue::null(a[0].blame());
    return RValue::of_string(group, a[0].where);
  }
  re2::StringPiece input(a[0].text), match;
  if (!re->Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return RValue::null(a[0].blame());
  return RValue::of_string(std::string(match), a[0].where);
}

RValue folders(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  if (a[0].kind == RKind::string) {
    std::string_view p = a[0].text;
    size_t start = 0;
    for (size_t slash = p.find('/'); slash != std::string_view::npos; slash = p.find('/', start)) {
      if (slash > start) out.push_back(RValue::of_string(std::string(p.substr(start, slash - start))));
      start = slash + 1;
    }
  }
  return RValue::of_list(std::move(out), false, a[0].where);
}

RValue words(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return RValue::unknown(a[0].blame());
  if (a[0].kind != RKind::string) return RValue::of_list({}, false, a[0].blame());
  std::vector<RValue> out;
  for (std::string& w : split_words(a[0].text)) out.push_back(RValue::of_string(std::move(w)));
  return RValue::of_list(std::move(out), false, a[0].where);
}

RValue to_string_fn(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  RValue out = RValue::of_string(display(a[0]), a[0].where);
  out.anchor = a[0].anchor;
  return out;
}

RValue to_number(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  if (a[0].kind == RKind::boolean) return RValue::of_number(a[0].boolean ? 1 : 0, true, a[0].where);
  auto n = as_number(a[0]);
  if (!n) return RValue::null(a[0].blame());
  return RValue::of_number(*n, std::floor(*n) == *n, a[0].where);
}

RValue version_compare(Context&, Args& a, const policy::Expr&) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  if (a[0].is_null() || a[1].is_null()) return RValue::null(first_where(a));
  return RValue::of_number(compare_versions(display(a[0]), display(a[1])), true, a[0].blame());
}

// --- collections ------------------------------------------------------------

RValue count(Context&, Args& a, const policy::Expr&) {
  const RValue& v = a[0];
  // With the reason the list is not known in full.
  if (v.is_unknown() || (v.kind == RKind::list && v.incomplete)) return RValue::unknown(v.blame(), v.text);
  // A list written as a reference (subnet_ids = data.aws_subnets.private.ids)
  // is known only at apply: so is its length.
  if (v.kind == RKind::reference) return RValue::unknown(v.blame(), "known only after apply");
  double n = 0;
  // A resource whose count is known only at apply stands for an unknown number.
  if (v.kind == RKind::list)
    for (const RValue& item : v.list())
      if (item.kind == RKind::resource && item.resource->uncounted)
        return RValue::unknown(v.blame(), item.resource->address + "'s " +
                                              std::string(model::may_not_exist_reason(*item.resource)));
  if (v.kind == RKind::list) n = static_cast<double>(v.list().size());
  else if (v.kind == RKind::map && v.node) n = static_cast<double>(v.node->size());
  else if (v.kind == RKind::string) n = static_cast<double>(v.text.size());
  return RValue::of_number(n, true, v.where);
}

RValue distinct(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  std::set<std::string> seen;
  for (const RValue& item : a[0].list()) {
    auto key = ctx.identity_key(item);
    std::string k = key ? *key : display(item);
    if (item.kind == RKind::list || item.kind == RKind::map) k = "L" + display(item);
    if (seen.insert(k).second) out.push_back(item);
  }
  return RValue::of_list(std::move(out), a[0].incomplete, a[0].where);
}

RValue keys(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  if (a[0].kind == RKind::map && a[0].node)
    for (const model::Member& m : a[0].node->as_map()) {
      RValue k = RValue::of_string(m.key, m.key_location);
      k.resource = a[0].resource;
      out.push_back(std::move(k));
    }
  return RValue::of_list(std::move(out), false, a[0].where);
}

RValue values(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  if (a[0].kind == RKind::map && a[0].node)
    for (const model::Member& m : a[0].node->as_map())
      out.push_back(from_node(m.value, a[0].resource, base::span(m.key_location, m.value.location()), a[0].anchor));
  return RValue::of_list(std::move(out), false, a[0].where);
}

void flatten_into(const RValue& v, std::vector<RValue>& out, bool& incomplete) {
  incomplete = incomplete || v.incomplete;
  for (const RValue& item : v.list()) {
    if (item.kind == RKind::list) flatten_into(item, out, incomplete);
    else out.push_back(item);
  }
}

RValue flatten(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  bool incomplete = false;
  flatten_into(a[0], out, incomplete);
  return RValue::of_list(std::move(out), incomplete, a[0].where);
}

RValue concat(Context&, Args& a, const policy::Expr&) {
  std::vector<RValue> out;
  bool incomplete = false;
  for (const RValue& arg : a) {
    if (arg.is_unknown()) {
      incomplete = true;
      continue;
    }
    incomplete = incomplete || arg.incomplete;
    for (const RValue& item : arg.list()) out.push_back(item);
  }
  return RValue::of_list(std::move(out), incomplete);
}

RValue sum(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[0].incomplete) return RValue::unknown(a[0].blame());
  double total = 0;
  bool integral = true;
  for (const RValue& item : a[0].list()) {
    if (item.is_unknown()) return RValue::unknown(a[0].blame());
    if (auto n = as_number(item)) {
      total += *n;
      integral = integral && std::floor(*n) == *n;
    }
  }
  return RValue::of_number(total, integral, a[0].where);
}

RValue extreme(Args& a, bool want_max) {
  if (a[0].is_unknown() || a[0].incomplete) return RValue::unknown(a[0].blame());
  const RValue* best = nullptr;
  for (const RValue& item : a[0].list()) {
    if (item.is_unknown()) return RValue::unknown(a[0].blame());
    if (item.is_null()) continue;
    if (!best || (want_max ? less(*best, item) : less(item, *best)) == Tri::true_) best = &item;
  }
  return best ? *best : RValue::null(a[0].blame());
}

RValue min_fn(Context&, Args& a, const policy::Expr&) { return extreme(a, false); }
RValue max_fn(Context&, Args& a, const policy::Expr&) { return extreme(a, true); }

RValue sort(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out = a[0].list();
  std::stable_sort(out.begin(), out.end(), [](const RValue& x, const RValue& y) {
    if (less(x, y) == Tri::true_) return true;
    if (less(y, x) == Tri::true_) return false;
    return display(x) < display(y);
  });
  return RValue::of_list(std::move(out), a[0].incomplete, a[0].where);
}

RValue first(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  // Of a list whose membership is not known in full, the first element may
  // be one that was left out.
  if (a[0].incomplete) return RValue::unknown(a[0].blame(), a[0].text);
  if (a[0].list().empty()) return RValue::null(a[0].blame());
  return a[0].list().front();
}

RValue lookup(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[1].is_unknown()) return RValue::unknown(first_where(a));
  RValue fallback = a.size() > 2 ? a[2] : RValue::null(a[0].blame());
  if (a[1].kind != RKind::string || a[0].kind != RKind::map || !a[0].node) return fallback;
  const model::Value* cur = a[0].node;
  const model::Member* member = nullptr;
  // A key with dots is tried whole first (annotations), then as a path.
  if ((member = cur->find_member(a[1].text))) {
    return from_node(member->value, a[0].resource, base::span(member->key_location, member->value.location()),
                     a[0].anchor);
  }
  std::string_view path = a[1].text;
  while (!path.empty()) {
    size_t dot = path.find('.');
    member = cur->find_member(path.substr(0, dot));
    if (!member) return fallback;
    cur = &member->value;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return from_node(*cur, a[0].resource, base::span(member->key_location, cur->location()), a[0].anchor);
}

RValue has(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[1].is_unknown()) return RValue::unknown(first_where(a));
  if (a[1].kind != RKind::string) return RValue::of_bool(false, a[0].blame());
  const model::Value* m = a[0].kind == RKind::map ? a[0].node
                          : a[0].kind == RKind::resource ? &a[0].resource->attrs
                                                         : nullptr;
  return RValue::of_bool(m && m->find_member(a[1].text), a[0].blame());
}

// --- Kubernetes ---------------------------------------------------------------

const model::Value* map_node(const RValue& v) {
  if (v.kind == RKind::map) return v.node;
  if (v.kind == RKind::resource) return &v.resource->attrs;
  return nullptr;
}

std::optional<std::string> label(const model::Value* labels, const std::string& key) {
  if (!labels) return std::nullopt;
  const model::Value* v = labels->find(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_string()) return v->as_string();
  return model::to_display(*v);
}

RValue selector_matches(Context&, Args& a, const policy::Expr&) {
  if (any_unknown(a)) return RValue::unknown(first_where(a));
  Location where = a[0].blame();
  const model::Value* selector = map_node(a[0]);
  const model::Value* labels = map_node(a[1]);
  if (!selector) return RValue::of_bool(false, where);
  const model::Value* match_labels = selector->find("matchLabels");
  const model::Value* match_expressions = selector->find("matchExpressions");
  bool label_selector = match_labels || match_expressions;
  auto pairs_match = [&](const model::Value& required) {
    if (!required.is_map()) return required.is_null();
    for (const model::Member& m : required.as_map()) {
      auto have = label(labels, m.key);
      std::string want = m.value.is_string() ? m.value.as_string() : model::to_display(m.value);
      if (!have || *have != want) return false;
    }
    return true;
  };
  if (!label_selector) return RValue::of_bool(pairs_match(*selector), where);
  if (match_labels && !pairs_match(*match_labels)) return RValue::of_bool(false, where);
  if (match_expressions && match_expressions->is_list()) {
    for (const model::Value& req : match_expressions->as_list()) {
      const model::Value* key = req.find("key");
      const model::Value* op = req.find("operator");
      const model::Value* vals = req.find("values");
      if (!key || !key->is_string() || !op || !op->is_string()) return RValue::of_bool(false, where);
      auto have = label(labels, key->as_string());
      std::set<std::string> values;
      if (vals && vals->is_list())
        for (const model::Value& v : vals->as_list())
          values.insert(v.is_string() ? v.as_string() : model::to_display(v));
      const std::string& o = op->as_string();
      bool ok;
      if (o == "In") ok = have && values.count(*have);
      else if (o == "NotIn") ok = !have || !values.count(*have);
      else if (o == "Exists") ok = have.has_value();
      else if (o == "DoesNotExist") ok = !have.has_value();
      else ok = false;  // an unknown operator selects nothing, as the API server rejects it
      if (!ok) return RValue::of_bool(false, where);
    }
  }
  return RValue::of_bool(true, where);
}

bool placeholder(std::string_view s);

RValue parse_image(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  if (a[0].kind != RKind::string) return RValue::null(a[0].blame());
  std::string ref = a[0].text;
  // An image a tool fills in (${ECR_REGISTRY}/web:${TAG}, {{ .Values.image }},
  // $IMAGE_URI): a part written as a placeholder is not known here.
  const bool templated = placeholder(ref);
  auto unknown_part = [&](const char* what) {
    return model::Value::unknown(std::string("the image's ") + what + " is a placeholder filled in at deploy (" +
                                 a[0].text + ")");
  };
  std::string digest;
  if (size_t at = ref.find('@'); at != std::string::npos) {
    digest = ref.substr(at + 1);
    ref = ref.substr(0, at);
  }
  std::string registry;
  size_t slash = ref.find('/');
  if (slash != std::string::npos) {
    std::string first = ref.substr(0, slash);
    if (first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost") {
      registry = first;
      ref = ref.substr(slash + 1);
    }
  }
  std::string tag;
  size_t last_slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)) {
    tag = ref.substr(colon + 1);
    ref = ref.substr(0, colon);
  }
  model::Value m = model::Value::map();
  auto text_or_null = [](const std::string& s) { return s.empty() ? model::Value() : model::Value::string(s); };
  // The first part of a templated name (the registry when one is written)
  // may be a registry; its last part may carry the tag.
  auto templated_part = [&](std::string_view part) { return templated && placeholder(part); };
  size_t first_slash = a[0].text.find('/');
  bool head = templated_part(first_slash == std::string::npos ? ref : a[0].text.substr(0, first_slash));
  bool tail = templated_part(ref.substr(ref.rfind('/') == std::string::npos ? 0 : ref.rfind('/')));
  m.set("registry", head ? unknown_part("registry") : text_or_null(registry));
  m.set("repository", templated_part(ref) ? unknown_part("repository") : model::Value::string(ref));
  m.set("tag", templated_part(tag) || (tag.empty() && digest.empty() && tail) ? unknown_part("tag") : text_or_null(tag));
  m.set("digest", templated_part(digest) ? unknown_part("digest") : text_or_null(digest));
  // Parts of the image point at the image attribute itself.
  RValue out = RValue::of_map(std::move(m), a[0].where);
  out.anchor = a[0].blame();
  out.resource = a[0].resource;
  return out;
}

RValue containers_fn(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::vector<RValue> out;
  if (a[0].kind == RKind::map && a[0].node) {
    for (const char* key : {"containers", "initContainers", "ephemeralContainers"}) {
      const model::Member* m = a[0].node->find_member(key);
      if (!m || !m->value.is_list()) continue;
      for (const model::Value& c : m->value.as_list())
        out.push_back(from_node(c, a[0].resource, c.location(), c.location()));
    }
  }
  return RValue::of_list(std::move(out), false, a[0].where);
}

bool is_system_namespace(const Context& ctx, const std::string& ns, const RValue& listed);

/// "v1.29", "1.29", 1.29 -> "1.29"; "latest" and anything unreadable -> the
/// newest version guardrail knows.
std::string pss_version(const std::string& text) {
  static const std::string kLatest = "1.37";
  std::string v = text;
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.erase(0, 1);
  static const RE2 kVersion("^1\\.[0-9]+$");
  if (!RE2::FullMatch(v, kVersion)) return kLatest;
  return compare_versions(v, kLatest) > 0 ? kLatest : v;
}

/// A namespace's label as the Pod Security admission reads it: a level that
/// is not one of the three is restricted; a version that is not "latest" or
/// v1.N is the latest (pod-security-admission's ParseLevel, ParseVersion).
struct NamespacePolicy {
  std::optional<std::string> level, version;  // set by a label, valid or not
  bool invalid = false;
};

NamespacePolicy namespace_policy(const model::Resource& object) {
  NamespacePolicy out;
  const model::Value* md = object.attrs.find("metadata");
  const model::Value* labels = md ? md->find("labels") : nullptr;
  if (!labels || !labels->is_map()) return out;
  if (const model::Value* v = labels->find("pod-security.kubernetes.io/enforce")) {
    std::string level = v->is_string() ? v->as_string() : "";
    bool valid = level == "privileged" || level == "baseline" || level == "restricted";
    out.level = valid ? level : "restricted";
    out.invalid = out.invalid || !valid;
  }
  if (const model::Value* v = labels->find("pod-security.kubernetes.io/enforce-version")) {
    static const RE2 kVersion("^v1\\.(0|[1-9][0-9]*)$");
    std::string version = v->is_string() ? v->as_string() : "";
    bool valid = version == "latest" || RE2::FullMatch(version, kVersion);
    out.version = valid && version != "latest" ? version.substr(1) : "latest";
    out.invalid = out.invalid || !valid;
  }
  return out;
}

int strictness(const std::string& level) { return level == "restricted" ? 2 : level == "baseline" ? 1 : 0; }

RValue pod_security(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].kind != RKind::resource) return RValue::null(a[0].blame());
  const model::Resource& w = *a[0].resource;
  const model::Value* ns_attr = w.attrs.find("namespace");
  if (ns_attr && ns_attr->is_unknown()) return RValue::unknown(a[0].blame(), ns_attr->as_string());
  std::string ns = ns_attr && ns_attr->is_string() ? ns_attr->as_string() : "default";
  std::string level = a[1].kind == RKind::string ? a[1].text : "restricted";
  std::string version = a[2].kind == RKind::string || a[2].kind == RKind::number ? display(a[2]) : "latest";
  std::string source = "policy";
  bool system = is_system_namespace(ctx, ns, a[3]);
  // The Namespace objects of that name in the workload's cluster, else those
  // of no cluster (a shared folder). Two that disagree (one namespace kept in
  // two install variants) are read as the strictest: the scan cannot tell
  // which one the cluster has, and scan order must not decide.
  std::string address = "Namespace/" + ns;
  std::vector<const model::Resource*> objects;
  for (const std::string& scope : {w.scope.str(), std::string()}) {
    for (const model::Resource* r : ctx.resources().of_type("Namespace", scope))
      if (r->address == address) objects.push_back(r);
    if (!objects.empty() || w.scope.empty()) break;
  }
  // What one Namespace object makes the admission enforce: its labels, else
  // the policy's level (privileged for a system namespace) and version.
  struct Effective {
    std::string level, version, source;
  };
  auto effective = [&](const model::Resource* object) {
    NamespacePolicy p = object ? namespace_policy(*object) : NamespacePolicy{};
    Effective e{level, version, "policy"};
    if (p.level) {
      e.level = *p.level;
      e.version = "latest";
      e.source = "namespace";
    } else if (system) {
      // System add-ons need host access; unlabelled system namespaces are privileged.
      e.level = "privileged";
      e.source = "system namespace";
    }
    // A version label applies to the level in force, labelled or not.
    if (p.version) e.version = *p.version;
    if (p.invalid) e.source = "namespace (a label that is not valid, read as the admission reads it)";
    return e;
  };
  Effective chosen = effective(nullptr);
  for (size_t i = 0; i < objects.size(); ++i) {
    Effective e = effective(objects[i]);
    bool stricter = strictness(e.level) != strictness(chosen.level)
                        ? strictness(e.level) > strictness(chosen.level)
                        : compare_versions(pss_version(e.version), pss_version(chosen.version)) > 0;  // newer checks more
    if (i == 0 || stricter) chosen = e;
  }
  level = chosen.level;
  version = chosen.version;
  source = chosen.source;
  model::Value m = model::Value::map();
  m.set("level", model::Value::string(level));
  m.set("version", model::Value::string(pss_version(version)));
  m.set("namespace", model::Value::string(ns));
  m.set("source", model::Value::string(source));
  RValue out = RValue::of_map(std::move(m), a[0].where);
  out.anchor = a[0].anchor;
  out.resource = &w;
  return out;
}

bool is_system_namespace(const Context& ctx, const std::string& ns, const RValue& listed) {
  for (const RValue& s : listed.list())
    if (s.kind == RKind::string && s.text == ns) return true;
  if (const model::Resource* object = ctx.resources().by_address("Namespace/" + ns, ctx.scope()))
    if (const model::Value* md = object->attrs.find("metadata"))
      if (const model::Value* labels = md->find("labels"))
        if (const model::Value* v = labels->find("guardrail.io/system"); v && v->is_string() && v->as_string() == "true")
          return true;
  return false;
}

RValue system_namespace(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  std::string ns = a[0].kind == RKind::string ? a[0].text : "default";
  return RValue::of_bool(is_system_namespace(ctx, ns, a[1]), a[0].blame());
}

RValue for_version(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[1].is_unknown()) return RValue::unknown(first_where(a));
  if (a[0].kind != RKind::map || !a[0].node) return RValue::null(a[0].blame());
  std::string version = display(a[1]);
  const model::Member* best = nullptr;
  for (const model::Member& m : a[0].node->as_map()) {
    if (compare_versions(m.key, version) > 0) continue;
    if (!best || compare_versions(m.key, best->key) > 0) best = &m;
  }
  if (!best) return RValue::null(a[0].blame());
  return from_node(best->value, a[0].resource, best->value.location(), a[0].anchor);
}

// --- resources ----------------------------------------------------------------

const model::Resource* resource_arg(const RValue& v) { return v.kind == RKind::resource ? v.resource : nullptr; }

RValue text_or_null(const std::string& s, const Location& where) {
  return s.empty() ? RValue::null(where) : RValue::of_string(s, where);
}

RValue address(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? RValue::of_string(r->address, a[0].where) : RValue::null(a[0].blame());
}
RValue type_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? RValue::of_string(r->type, a[0].where) : RValue::null(a[0].blame());
}
RValue env_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? text_or_null(r->environment, a[0].where) : RValue::null(a[0].blame());
}
RValue account_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? text_or_null(r->account, a[0].where) : RValue::null(a[0].blame());
}
RValue region_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? text_or_null(r->region, a[0].where) : RValue::null(a[0].blame());
}
/// Whether two resources share a region. Unknown regions still share one in
/// a single CloudFormation template: a stack deploys to one region.
RValue same_region(Context&, Args& a, const policy::Expr&) {
  const model::Resource* x = resource_arg(a[0]);
  const model::Resource* y = resource_arg(a[1]);
  if (!x || !y) return RValue::null(a[0].blame());
  if (!x->region.empty() && !y->region.empty()) return RValue::of_bool(x->region == y->region, a[0].where);
  if (x->source == model::SourceKind::cloudformation && y->source == model::SourceKind::cloudformation &&
      x->location.file == y->location.file)
    return RValue::of_bool(true, a[0].where);
  return RValue::unknown(a[0].where, "the region of " + (x->region.empty() ? x : y)->address + " is not known");
}
RValue source_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? RValue::of_string(std::string(model::to_string(r->source)), a[0].where) : RValue::null(a[0].blame());
}
RValue file_fn(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  return r ? RValue::of_string(std::string(r->location.file), a[0].where) : RValue::null(a[0].blame());
}
RValue owner(Context&, Args& a, const policy::Expr&) {
  const model::Resource* r = a[0].kind == RKind::resource ? a[0].resource : a[0].resource;
  return r ? RValue::of_resource(r) : RValue::null(a[0].blame());
}
RValue resource_fn(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  const model::Resource* r = ctx.named_resource(a[0]);
  return r ? RValue::of_resource(r) : RValue::null(a[0].blame());
}

/// The primary a read replica copies (docs/semantics.md, "Read replicas"):
/// `replicate_source_db` as a reference, an ARN (matched by identifier,
/// account and region) or an identifier of the replica's own region. null for
/// a primary; unknown when the source is not in the scan.
RValue db_source(Context& ctx, Args& a, const policy::Expr&) {
  const model::Resource* r = resource_arg(a[0]);
  if (!r) return RValue::null(a[0].blame());
  const model::Value* src = r->attrs.find("replicate_source_db");
  Location where = src ? src->location() : a[0].blame();
  if (!src || src->is_null() || (src->is_string() && src->as_string().empty())) return RValue::null(where);
  if (src->is_unknown())
    return RValue::unknown(where, src->as_string().empty() ? "its source database is known only after apply"
                                                           : src->as_string());
  if (src->is_reference()) {
    const model::Resource* target = ctx.resources().resolve_reference(src->as_string(), r->scope);
    return target ? RValue::of_resource(target)
                  : RValue::unknown(where, "its source database (" + src->as_string() + ") is not in the scan");
  }
  if (!src->is_string()) return RValue::unknown(where, "replicate_source_db is not an identifier or an ARN");
  std::string id = src->as_string(), region = r->region, account = r->account;
  if (id.rfind("arn:", 0) == 0) {
    // arn:PARTITION:rds:REGION:ACCOUNT:db:IDENTIFIER
    std::vector<std::string> parts;
    size_t start = 0;
    for (int i = 0; i < 6; ++i) {
      size_t colon = id.find(':', start);
      if (colon == std::string::npos) return RValue::unknown(where, "replicate_source_db is not an RDS DB ARN");
      parts.push_back(id.substr(start, colon - start));
      start = colon + 1;
    }
    if (parts[2] != "rds" || parts[5] != "db") return RValue::unknown(where, "replicate_source_db is not an RDS DB ARN");
    region = parts[3];
    account = parts[4];
    id = id.substr(start);
  }
  // Identifiers repeat across Terraform roots (examples/a and examples/b
  // both name their primary "primary"): the replica's own root first; in
  // another, only an instance the name picks out alone.
  const model::Resource* elsewhere = nullptr;
  size_t others = 0;
  for (const model::Resource* c : ctx.resources().with_identifier("aws_db_instance", id)) {
    if (c == r || c->view() != r->view()) continue;
    if (!region.empty() && !c->region.empty() && region != c->region) continue;
    if (!account.empty() && !c->account.empty() && account != c->account) continue;
    if (c->scope == r->scope) return RValue::of_resource(c);
    if (++others == 1) elsewhere = c;
  }
  if (others == 1) return RValue::of_resource(elsewhere);
  return RValue::unknown(where, others > 1 ? "several DB instances in other roots are named " + id
                                           : "its source database (" + id + ") is not in the scan");
}

/// One resource per AWS account of the view, the first of each in scan
/// order: the anchor of per-account rules (ORG-003, COST-002).
RValue accounts_fn(Context& ctx, Args&, const policy::Expr&) {
  std::vector<RValue> out;
  std::set<std::string> seen;
  for (const model::Resource* r : ctx.resources().of_type("aws_resource"))
    if (!r->account.empty() && seen.insert(r->account).second) out.push_back(RValue::of_resource(r));
  return RValue::of_list(std::move(out));
}

/// One resource per AWS account and region of the view (regional rules:
/// ORG-004, ORG-005), the first of each in scan order.
RValue placements_fn(Context& ctx, Args&, const policy::Expr&) {
  std::vector<RValue> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const model::Resource* r : ctx.resources().of_type("aws_resource"))
    if (!r->account.empty() && !r->region.empty() && seen.insert({r->account, r->region}).second)
      out.push_back(RValue::of_resource(r));
  return RValue::of_list(std::move(out));
}

/// Whether the view holds `type` for an account and region: always in IaC;
/// in an export bundle, when it holds that inventory (even an empty one).
RValue inventory_fn(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[1].is_unknown() || a[2].is_unknown()) return RValue::unknown(a[0].blame());
  if (!ctx.inventories) return RValue::of_bool(!ctx.partial, a[0].blame());
  auto text = [](const RValue& v) { return v.kind == RKind::string ? v.text : std::string(); };
  return RValue::of_bool(adapt::holds(*ctx.inventories, text(a[0]), text(a[1]), text(a[2])), a[0].blame());
}

/// IAM's wildcards: * any run, ? one character; case-insensitive.
bool iam_glob(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

/// action_matches(patterns, action): an IAM action pattern (or any of a
/// list) covers the action: "cloudtrail:*" covers "cloudtrail:StopLogging".
RValue action_matches(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown() || a[1].is_unknown()) return RValue::unknown(first_where(a));
  if (a[1].kind != RKind::string) return RValue::of_bool(false, a[0].blame());
  std::vector<const RValue*> patterns;
  if (a[0].kind == RKind::list)
    for (const RValue& p : a[0].list()) patterns.push_back(&p);
  else patterns.push_back(&a[0]);
  bool unknown = false;
  for (const RValue* p : patterns) {
    if (p->is_unknown()) unknown = true;
    else if (p->kind == RKind::string && iam_glob(p->text, a[1].text)) return RValue::of_bool(true, p->where);
  }
  return unknown ? RValue::unknown(a[0].blame()) : RValue::of_bool(false, a[0].blame());
}

/// statements(document): an IAM policy document's statements, each as
/// {effect, actions, not_actions, resources, not_resources, principal,
/// condition, sid} with the single-value forms made lists. A document given
/// as JSON text is read first. Each statement is located where it is written.
RValue statements_fn(Context&, Args& a, const policy::Expr&) {
  const model::Value* doc = a[0].node;
  std::shared_ptr<const model::Value> parsed;
  base::Location at = a[0].node ? a[0].node->location() : a[0].where;
  // A document whose text waits for apply may be known in part (a statement
  // naming a bucket's ARN): its statements are read as far as they are known
  // (model::unknown_document remembered them under the unknown's reason).
  if (a[0].is_unknown()) {
    if (!a[0].text.empty()) parsed = model::encoded_origin(a[0].text, at);
    if (!parsed) return RValue::unknown(a[0].blame(), a[0].text);
    doc = parsed.get();
  }
  // A plan names the value an unknown document is made from (the bucket ARN
  // of a policy's jsonencode): a reference is never the document itself.
  if (a[0].kind == RKind::reference) return RValue::unknown(a[0].blame(), "a policy document known only after apply");
  if (a[0].kind == RKind::string) {
    // Where the text was written or made (jsonencode's object, a policy
    // document's statement blocks, a heredoc: model/encoded.hpp); else every
    // node at the string's one place.
    if (auto origin = model::encoded_origin(a[0].text, at)) parsed = origin;
    else if (auto v = load::parse_json_text(a[0].text, a[0].where)) parsed = std::make_shared<const model::Value>(std::move(*v));
    doc = parsed.get();
  }
  if (!doc || !doc->is_map()) return RValue::of_list({}, false, a[0].blame());
  const model::Value* st = doc->find("Statement");
  if (!st) return RValue::of_list({}, false, a[0].blame());
  std::vector<const model::Value*> raw;
  if (st->is_list())
    for (const model::Value& s : st->as_list()) raw.push_back(&s);
  else raw.push_back(st);
  std::vector<RValue> out;
  bool incomplete = st->is_unknown();
  for (const model::Value* s : raw) {
    if (s->is_unknown()) {
      incomplete = true;
      continue;
    }
    if (!s->is_map()) continue;
    model::Value n = model::Value::map({}, s->location());
    auto as_list = [](const model::Value& v) {
      return v.is_list() ? v : model::Value::list({v}, v.location());
    };
    for (const auto& [from, to, list] : std::initializer_list<std::tuple<const char*, const char*, bool>>{
             {"Effect", "effect", false}, {"Action", "actions", true}, {"NotAction", "not_actions", true},
             {"Resource", "resources", true}, {"NotResource", "not_resources", true},
             {"Principal", "principal", false}, {"NotPrincipal", "not_principal", false},
             {"Condition", "condition", false}, {"Sid", "sid", false}})
      if (const model::Member* m = s->find_member(from)) n.set(to, list ? as_list(m->value) : m->value, m->key_location);
    auto owned = std::make_shared<const model::Value>(std::move(n));
    RValue item = from_node(*owned, a[0].resource, s->location(), s->location());
    item.owned = owned;
    out.push_back(std::move(item));
  }
  return RValue::of_list(std::move(out), incomplete, a[0].blame());
}

/// A data table shipped with the rules: {first column: [other columns]}.
RValue table_fn(Context& ctx, Args& a, const policy::Expr&) {
  if (a[0].kind != RKind::string || !ctx.tables) return RValue::null(a[0].blame());
  auto it = ctx.tables->find(a[0].text);
  if (it == ctx.tables->end()) return RValue::null(a[0].blame());
  return from_node(it->second, nullptr, a[0].where, a[0].where);
}

// --- values -------------------------------------------------------------------

RValue is_known(Context&, Args& a, const policy::Expr&) {
  return RValue::of_bool(!a[0].is_unknown(), a[0].blame());
}

RValue default_fn(Context&, Args& a, const policy::Expr&) {
  for (const RValue& v : a)
    if (!v.is_null()) return v;
  return a.back();
}

RValue literal_text_fn(Context&, Args& a, const policy::Expr&) {
  if (a[0].kind != RKind::string || a[0].supplied) return RValue::of_bool(false, a[0].blame());
  return RValue::of_bool(literal_text(a[0].text), a[0].blame());
}

RValue secret_literal(Context&, Args& a, const policy::Expr&) {
  // A value given at the command line or when a plan was made is not written in the code.
  if (a[0].kind != RKind::string || a[0].supplied) return RValue::of_bool(false, a[0].blame());
  return RValue::of_bool(looks_like_secret_value(a[0].text), a[0].blame());
}

void collect_leaves(const model::Value& v, const std::string& name, const base::Location& name_at,
                    const model::Resource* owner, std::vector<RValue>& out, size_t depth) {
  if (depth > 64) return;
  if (v.is_map()) {
    // A {name, value} entry (an ECS container's environment, a CodeBuild
    // environment variable) is the value named by its name, unless its type
    // says the value names a parameter or a secret. A manifest's env is
    // K8S-009's.
    const model::Member* pair_name = nullptr;
    const model::Value* pair_value = nullptr;
    const model::Value* pair_type = nullptr;
    if (!owner || owner->source != model::SourceKind::kubernetes)
      for (const model::Member& m : v.as_map()) {
        if (m.key == "name" || m.key == "Name") pair_name = &m;
        else if (m.key == "value" || m.key == "Value") pair_value = &m.value;
        else if (m.key == "type" || m.key == "Type") pair_type = &m.value;
      }
    bool plain = !pair_type || (pair_type->is_string() && pair_type->as_string() == "PLAINTEXT");
    if (pair_name && pair_name->value.is_string() && pair_value && pair_value->is_scalar() && plain) {
      for (const model::Member& m : v.as_map())
        if (&m.value != pair_value) collect_leaves(m.value, m.key, m.key_location, owner, out, depth + 1);
      collect_leaves(*pair_value, pair_name->value.as_string(), pair_name->value.location(), owner, out, depth + 1);
      return;
    }
    for (const model::Member& m : v.as_map()) collect_leaves(m.value, m.key, m.key_location, owner, out, depth + 1);
    return;
  }
  if (v.is_list()) {
    for (const model::Value& item : v.as_list()) collect_leaves(item, name, name_at, owner, out, depth + 1);
    return;
  }
  // A secret written as a JSON document ({"username": "admin", "password":
  // "…"}, jsonencode's text): each member judged by its own name and value,
  // not the document by its punctuation.
  if (v.is_string() && !v.as_string().empty() && v.as_string().front() == '{') {
    if (std::shared_ptr<const model::Value> origin = model::encoded_origin(v.as_string(), v.location());
        origin && origin->is_map()) {
      collect_leaves(*origin, name, name_at, owner, out, depth + 1);
      return;
    }
    if (std::optional<model::Value> doc = load::parse_json_text(v.as_string(), v.location()); doc && doc->is_map()) {
      collect_leaves(*doc, name, name_at, owner, out, depth + 1);
      return;
    }
  }
  if (v.is_null() || name.empty()) return;
  RValue key = RValue::of_string(name, name_at);
  key.resource = owner;
  // The value where it is written: a literal a variable's default holds is
  // found once, at its place, whoever reads it.
  RValue value = from_node(v, owner, v.location().known() ? v.location() : name_at, name_at);
  out.push_back(RValue::of_list({std::move(key), std::move(value)}));
}

RValue leaves(Context&, Args& a, const policy::Expr&) {
  std::vector<RValue> out;
  const model::Value* root = a[0].kind == RKind::resource ? &a[0].resource->attrs
                             : a[0].kind == RKind::map    ? a[0].node
                                                          : nullptr;
  const model::Resource* owner = a[0].resource;
  if (root) collect_leaves(*root, "", {}, owner, out, 0);
  return RValue::of_list(std::move(out), false, a[0].where);
}

/// An AWS access key ID, and the first line of a PEM private key block:
/// secrets wherever they are written (leaked_keys, secret_literal).
const RE2& access_key_id() {
  static const RE2 kAccessKey("\\b((?:AKIA|ASIA)[A-Z0-9]{16})\\b");
  return kAccessKey;
}
const RE2& private_key_block() {
  static const RE2 kPrivateKey("(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----)");
  return kPrivateKey;
}

/// Key material follows a private key's header at `after`: a base64 run of 20
/// characters or more before its END line (RFC 7468), line breaks (also
/// written as \\n in a string) and indentation aside. A placeholder body
/// (`<private-key>`, `...`) is documentation, not a key.
bool pem_body_follows(std::string_view text, size_t after) {
  size_t run = 0;
  size_t end = std::min(text.size(), after + 8192);
  for (size_t i = after; i < end; ++i) {
    char c = text[i];
    if (c == '-' && text.compare(i, 8, "-----END") == 0) break;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '\\' && i + 1 < end && (text[i + 1] == 'n' || text[i + 1] == 'r')) {
      ++i;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=') {
      if (++run >= 20) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

/// A private key block with its key material in `text`.
bool holds_private_key(std::string_view text) {
  re2::StringPiece input(text.data(), text.size()), match;
  while (RE2::FindAndConsume(&input, private_key_block(), &match))
    if (pem_body_follows(text, static_cast<size_t>(match.data() - text.data()) + match.size())) return true;
  return false;
}

RValue leaked_keys(Context& ctx, Args&, const policy::Expr&) {
  const RE2& kAccessKey = access_key_id();
  const RE2& kPrivateKey = private_key_block();
  std::vector<RValue> out;
  for (const base::SourceFile* file : ctx.files()) {
    re2::StringPiece text(file->text().data(), file->text().size());
    for (const auto& [re, kind] : {std::pair<const RE2*, const char*>{&kAccessKey, "an AWS access key ID"},
                                   {&kPrivateKey, "a private key"}}) {
      re2::StringPiece input = text, match;
      while (RE2::FindAndConsume(&input, *re, &match)) {
        size_t begin = static_cast<size_t>(match.data() - text.data());
        if (re == &kPrivateKey && !pem_body_follows(file->text(), begin + match.size())) continue;
        RValue k = RValue::of_string(kind);
        RValue m = RValue::of_string(std::string(match), file->location(begin, begin + match.size()));
        m.anchor = m.where;
        out.push_back(RValue::of_list({std::move(m), std::move(k)}));
      }
    }
  }
  return RValue::of_list(std::move(out));
}

RValue secret_name(Context&, Args& a, const policy::Expr&) {
  if (a[0].is_unknown()) return a[0];
  return RValue::of_bool(a[0].kind == RKind::string && is_secret_name(a[0].text), a[0].blame());
}

const std::map<std::string_view, Fn>& implementations() {
  static const std::map<std::string_view, Fn> kFns = {
      {"cidr_valid", cidr_valid}, {"cidr_prefix", cidr_prefix}, {"cidr_normalize", cidr_normalize},
      {"cidr_contains", cidr_contains}, {"cidr_overlaps", cidr_overlaps}, {"cidr_private", cidr_private},
      {"cidr_open", cidr_open}, {"overlapping", overlapping}, {"lower", lower}, {"upper", upper},
      {"trim", trim}, {"starts_with", starts_with}, {"ends_with", ends_with}, {"contains", contains},
      {"split", split}, {"join", join}, {"plural", plural}, {"replace", replace}, {"regex_find", regex_find}, {"words", words},
      {"to_string", to_string_fn}, {"to_number", to_number}, {"version_compare", version_compare},
      {"count", count}, {"distinct", distinct}, {"keys", keys}, {"values", values}, {"flatten", flatten},
      {"concat", concat}, {"sum", sum}, {"min", min_fn}, {"max", max_fn}, {"sort", sort}, {"first", first},
      {"lookup", lookup}, {"has", has}, {"selector_matches", selector_matches}, {"parse_image", parse_image},
      {"containers", containers_fn}, {"pod_security", pod_security}, {"for_version", for_version},
      {"folders", folders}, {"system_namespace", system_namespace},
      {"address", address}, {"type", type_fn}, {"env", env_fn}, {"account", account_fn},
      {"region", region_fn}, {"same_region", same_region}, {"source", source_fn}, {"file", file_fn}, {"owner", owner},
      {"resource", resource_fn}, {"db_source", db_source}, {"table", table_fn}, {"action_matches", action_matches}, {"wildcard_matches", action_matches}, {"statements", statements_fn}, {"accounts", accounts_fn}, {"placements", placements_fn},
      {"inventory", inventory_fn}, {"is_known", is_known}, {"default", default_fn},
      {"secret_name", secret_name}, {"secret_literal", secret_literal}, {"literal_text", literal_text_fn}, {"leaves", leaves},
      {"leaked_keys", leaked_keys},
  };
  return kFns;
}

const std::vector<Fn>& by_index() {
  static const std::vector<Fn> kTable = [] {
    std::vector<Fn> t;
    for (const auto& sig : policy::functions()) {
      auto it = implementations().find(sig.name);
      t.push_back(it == implementations().end() ? nullptr : it->second);
    }
    return t;
  }();
  return kTable;
}

}  // namespace

RValue call_builtin(int index, Context& ctx, std::vector<RValue>& args, const policy::Expr& call) {
  if (index < 0 || static_cast<size_t>(index) >= by_index().size() || !by_index()[index])
    return RValue::unknown(call.where);
  // A reference names a resource, but its text (an ID, an ARN) is known only
  // after apply: to functions of strings and networks it is unknown.
  std::string_view group = policy::functions()[index].group;
  if (group == "string" || group == "cidr")
    for (RValue& a : args)
      if (a.kind == RKind::reference) a = RValue::unknown(a.where, "a reference is known only after apply");
  RValue out = by_index()[index](ctx, args, call);
  // An unknown result (or a list not known in full) is so for its first
  // unknown argument's reason.
  if ((out.is_unknown() || (out.kind == RKind::list && out.incomplete)) && out.text.empty())
    for (const RValue& a : args)
      if ((a.is_unknown() || (a.kind == RKind::list && a.incomplete)) && !a.text.empty()) {
        out.text = a.text;
        break;
      }
  return out;
}

bool all_builtins_implemented(std::string* missing) {
  for (const auto& sig : policy::functions()) {
    if (!implementations().count(sig.name)) {
      if (missing) *missing = std::string(sig.name);
      return false;
    }
  }
  return implementations().size() == policy::functions().size();
}

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    bool up = std::isupper(static_cast<unsigned char>(c));
    if (up && !cur.empty()) {
      char prev = name[i - 1];
      bool prev_lower = std::islower(static_cast<unsigned char>(prev)) || std::isdigit(static_cast<unsigned char>(prev));
      bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      // "dbPassword" -> db|Password; "APIKey" -> API|Key.
      if (prev_lower || (std::isupper(static_cast<unsigned char>(prev)) && next_lower)) flush();
    }
    cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

namespace {

bool all_of(std::string_view s, bool (*pred)(unsigned char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
}
bool is_alpha(unsigned char c) { return std::isalpha(c) != 0; }
bool is_digit(unsigned char c) { return std::isdigit(c) != 0; }

/// Shannon entropy in bits per character.
double entropy(std::string_view s) {
  std::array<int, 256> counts{};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0;
  for (int n : counts)
    if (n) {
      double p = static_cast<double>(n) / static_cast<double>(s.size());
      h -= p * std::log2(p);
    }
  return h;
}

/// Formats credentials are issued in: these are secrets whatever their name.
bool known_credential(std::string_view s) {
  static const RE2 kFormats(
      "^(?:"
      "gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}"  // GitHub
      "|glpat-[A-Za-z0-9_-]{20,}"                           // GitLab
      "|xox[abposr]-[A-Za-z0-9-]{10,}"                      // Slack
      "|(?:sk|rk)_live_[A-Za-z0-9]{16,}"                    // Stripe
      "|AIza[0-9A-Za-z_-]{35}"                              // Google API key
      "|npm_[A-Za-z0-9]{36}"                                // npm
      "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+"  // JWT
      ")$");
  return RE2::FullMatch(s, access_key_id()) || holds_private_key(s) ||
         RE2::FullMatch(s, kFormats);
}

/// Something to be filled in later, or by a tool: not the secret itself.
bool placeholder(std::string_view s) {
  static const RE2 kPlaceholder(
      "(?:\\$\\{|\\$\\(|\\{\\{|\\{%|%\\{|#\\{|\\(\\(|<[A-Za-z_ -]*>|"
      // A variable ($TOKEN), or a Velocity reference of an API Gateway mapping
      // template ($context.authorizer.token, $input.json('$.key'), $!{util.x}).
      "^\\$!?\\{?[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*(?:\\(.*\\))?\\}?$|"
      // Amazon States Language paths ($.apiKey, $$.Task.Token): references.
      "^\\$\\$?(?:\\.|\\[|$)|"
      "^__[A-Z0-9_]+__$|^%[A-Z0-9_]+%$|^@[A-Za-z0-9_]+@$)");
  return RE2::PartialMatch(s, kPlaceholder);
}

/// A path (an SSM parameter, a file, a Secrets Manager name): segments of
/// name characters separated by '/'. Random base64 has '/' too, so a path
/// without a leading '/' must be lower case.
bool path_like(std::string_view s) {
  static const RE2 kPath("/?[A-Za-z0-9_.@:+=-]+(?:/[A-Za-z0-9_.@:+=-]*)+");
  if (s.find('/') == std::string_view::npos || s.find("://") != std::string_view::npos || !RE2::FullMatch(s, kPath))
    return false;
  if (s[0] == '/' || s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0) return true;
  return std::none_of(s.begin(), s.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

/// A URL without credentials in it.
bool plain_url(std::string_view s) {
  static const RE2 kUrl("[a-z][a-z0-9+.-]*://[^\\s@]+");
  return RE2::FullMatch(s, kUrl);
}

/// What names a secret kept elsewhere, or holds it encrypted: a SOPS value
/// (ENC[AES256_GCM,data:…]) is ciphertext, and Bank-Vaults' webhook
/// replaces vault:PATH#KEY with the value it reads at start.
bool reference_or_ciphertext(std::string_view s) {
  if (s.rfind("ENC[", 0) == 0 && s.back() == ']' && s.find("data:") != std::string_view::npos) return true;
  static const RE2 kVault("vault:[A-Za-z0-9_./-]+(?:#[A-Za-z0-9_.-]*)?(?:#[0-9]+)?");
  return RE2::FullMatch(s, kVault);
}

}  // namespace

bool literal_text(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return false;
  return s.find("{{resolve:") == std::string_view::npos && !placeholder(s) &&
         !reference_or_ciphertext(s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1));
}

bool looks_like_secret_value(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return false;  // blank
  s = s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
  if (known_credential(s)) return true;
  if (s.rfind("arn:", 0) == 0 || s.find("{{resolve:") != std::string_view::npos) return false;  // references
  if (placeholder(s) || path_like(s) || plain_url(s) || reference_or_ciphertext(s)) return false;
  // A value in single quotes is API Gateway's static value ('true', 'GET,OPTIONS'): judged without them.
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') return looks_like_secret_value(s.substr(1, s.size() - 2));
  // Flags and numbers: "true", "off", "3600", "1.5".
  std::string lower = base::ascii_lower(std::string(s));
  static const std::set<std::string, std::less<>> kFlags = {"true", "false", "yes", "no", "on", "off",
                                                            "enabled", "disabled", "none", "null", "nil"};
  if (kFlags.count(lower) || all_of(s, [](unsigned char c) { return std::isdigit(c) || c == '.' || c == '-'; }))
    return false;
  // Words: "minutes", "keycloak-tls", "db_credentials", "ca-cert-2": segments
  // of letters only or digits only, as names, units and object names are. A
  // long run of letters with a password's spread of characters is not a word.
  std::vector<std::string_view> segments;
  // Prose (two spaces or more: "xoxb-ENTER YOUR BOT'S TOKEN HERE, please")
  // is split at its punctuation too.
  bool prose = std::count(s.begin(), s.end(), ' ') >= 2;
  const char* separators = prose ? "-_. '\",!?:;()" : "-_. ";
  for (size_t i = 0; i <= s.size();) {
    size_t j = s.find_first_of(separators, i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) segments.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  // camelCase words ("defaultRebuildToken") are words too, when there are
  // two or more of 3 to 12 letters: random mixed case ("aBcDeF") breaks
  // into shorter runs, random lower case is one long run.
  auto camel_words = [](std::string_view seg) {
    if (!all_of(seg, is_alpha)) return false;
    size_t start = 0, words = 0;
    for (size_t i = 1; i <= seg.size(); ++i)
      if (i == seg.size() || (std::isupper(static_cast<unsigned char>(seg[i])) &&
                              std::islower(static_cast<unsigned char>(seg[i - 1])))) {
        if (i - start < 3 || i - start > 12) return false;
        start = i;
        ++words;
      }
    return words >= 2;
  };
  bool wordy = !segments.empty() && std::all_of(segments.begin(), segments.end(), [&](std::string_view seg) {
    return all_of(seg, is_digit) || (all_of(seg, is_alpha) && (seg.size() < 16 || entropy(seg) < 3.6)) ||
           camel_words(seg);
  });
  if (wordy) return false;
  // Too short to be a credential ("a1", "x=y").
  return s.size() >= 6;
}

bool is_secret_name(std::string_view name) {
  static const std::vector<std::vector<std::string>> kEndings = {
      {"password"}, {"passwd"}, {"secret"}, {"token"}, {"api", "key"}, {"apikey"}, {"private", "key"},
      {"access", "key"}, {"secret", "key"}, {"client", "secret"}, {"credentials"}, {"secret", "string"}};
  std::vector<std::string> w = split_words(name);
  // A Terraform write-only argument (password_wo) is its argument, kept out of state.
  if (w.size() > 1 && w.back() == "wo") w.pop_back();
  for (const auto& ending : kEndings) {
    if (ending.size() > w.size()) continue;
    if (std::equal(ending.begin(), ending.end(), w.end() - static_cast<long>(ending.size()))) return true;
  }
  return false;
}

int compare_versions(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view s) {
    if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
    return s;
  };
  a = strip(a);
  b = strip(b);
  while (!a.empty() || !b.empty()) {
    size_t da = a.find('.'), db = b.find('.');
    std::string_view pa = a.substr(0, da), pb = b.substr(0, db);
    long long na = 0, nb = 0;
    auto ra = std::from_chars(pa.data(), pa.data() + pa.size(), na);
    auto rb = std::from_chars(pb.data(), pb.data() + pb.size(), nb);
    bool numeric = ra.ec == std::errc() && rb.ec == std::errc() && ra.ptr == pa.data() + pa.size() &&
                   rb.ptr == pb.data() + pb.size();
    if (pa.empty()) na = 0, numeric = numeric || rb.ec == std::errc();
    if (pb.empty()) nb = 0, numeric = numeric || ra.ec == std::errc();
    if (numeric) {
      if (na != nb) return na < nb ? -1 : 1;
    } else if (pa != pb) {
      return pa < pb ? -1 : 1;
    }
    a = da == std::string_view::npos ? std::string_view() : a.substr(da + 1);
    b = db == std::string_view::npos ? std::string_view() : b.substr(db + 1);
  }
  return 0;
}

}  // namespace guardrail::evaluate
