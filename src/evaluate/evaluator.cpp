#include "evaluate/evaluator.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "evaluate/builtins.hpp"

namespace guardrail::evaluate {

using policy::Clause;
using policy::ClauseKind;
using policy::Expr;
using policy::ExprKind;
using policy::Op;

namespace {

/// Why an operation on `a` (and `b`) is unknown: the reason of the operand
/// that was not known, for the undecided list.
std::string reason_of(const RValue& a, const RValue& b = RValue()) {
  auto open = [](const RValue& v) { return v.is_unknown() || (v.kind == RKind::list && v.incomplete); };
  if (open(a) && !a.text.empty()) return a.text;
  if (open(b) && !b.text.empty()) return b.text;
  // Undecided because a reference's value is known only after apply (an ID
  // compared with another resource's).
  for (const RValue* v : {&a, &b})
    if (v->kind == RKind::reference && !v->text.empty()) return v->text + " is known only after apply";
  return std::string();
}

RValue unknown_from(const Location& where, const RValue& a, const RValue& b = RValue()) {
  return RValue::unknown(where, reason_of(a, b));
}

RValue bool_at(Tri t, const Location& where) {
  if (t == Tri::unknown) return RValue::unknown(where);
  return RValue::of_bool(t == Tri::true_, where);
}

Tri tri_of(const RValue& v) { return truth(v); }

/// A join index over the resources of some types: identity key of a member
/// path -> the resources with that key; those whose key is unknown aside.
struct JoinIndex {
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  std::vector<size_t> unknown_keys;
  std::string unknown_why;  // why the first of them is not known
};

}  // namespace

struct Evaluator::Impl {
  Impl(const model::ResourceSet& resources, const policy::Effective& effective,
       std::vector<const base::SourceFile*> files)
      : ctx(resources, std::move(files)), effective(effective) {
    ctx.tables = &effective.tables;
  }

  Context ctx;
  const policy::Effective& effective;

  // Per rule run.
  const policy::Rule* rule = nullptr;
  bool secret_rule = false;  // the rule is tagged "secret": its findings hold secrets, found in the code
  const policy::RuleSettings* settings = nullptr;
  std::vector<RValue> slots;
  std::vector<const RValue*> dots;  // elements bound to `.` by filters
  const model::Resource* anchor = nullptr;
  std::string env;
  bool anchored = false;
  Location innermost;  // location of the innermost `for` binding
  const model::Resource* innermost_resource = nullptr;  // that binding, when it is a resource
  std::vector<const RValue*> pair;  // the current pair binding, for related locations
  bool has_asserts = false;
  size_t segment_begin = 0, segment_end = 0;  // the current check's clauses
  RuleRun out;
  std::map<const model::Resource*, Tri> outcomes;
  std::vector<const model::Resource*> outcome_order;
  std::map<const model::Resource*, std::pair<Location, std::string>> undecided_why;  // the first reason
  std::vector<CheckRecord> unanchored;  // undecided with no resource to tie them to
  std::map<std::pair<Location, const model::Resource*>, size_t> finding_at;  // for merging
  std::map<size_t, size_t> merged_at;  // finding index -> clauses merged into it
  static constexpr size_t kMaxMerged = 20;
  const std::vector<adapt::Inventory>* inventories = nullptr;  // live views only
  std::string unread_manifest;  // a manifest that could not be read: Kubernetes kinds are incomplete

  // Caches across rules of one view.
  std::map<std::string, RValue> type_lists;
  std::map<std::pair<std::string, std::string>, JoinIndex> joins;  // (types, path)

  RValue eval(const Expr& e);
  RValue member(const RValue& base, const std::string& name, const Location& where);
  RValue index(const RValue& base, const RValue& key, const Location& where);
  RValue filter(const Expr& e);
  RValue types(const Expr& e);
  RValue binary(const Expr& e);
  RValue compare(const Expr& e, const RValue& a, const RValue& b);
  RValue quantifier(const Expr& e);
  std::string render(const policy::Template& t, const std::string& fallback);

  void exec(size_t i);
  void bind_for(const Clause& c, size_t i, const RValue& element, const RValue* second);
  void record(Tri outcome, const RValue* why = nullptr);
  void report(const Location& where, std::string message, const Location* related);
  /// A resource the failure is about whose count or for_each is known only
  /// at apply (it may have no instance), or null. Such a failure is
  /// undecided: there may be nothing to fail.
  const model::Resource* may_not_exist() const;
  /// Reports a failure at `where`, or leaves it undecided when what failed
  /// may not exist.
  void fail(const Location& where, std::string message, const Location* related);
};

Evaluator::Evaluator(const model::ResourceSet& resources, const policy::Effective& effective,
                     std::vector<const base::SourceFile*> files)
    : impl_(std::make_unique<Impl>(resources, effective, std::move(files))) {}
Evaluator::~Evaluator() = default;

void Evaluator::set_partial(bool partial) { impl_->ctx.partial = partial; }
void Evaluator::set_unread_manifest(std::string path) { impl_->unread_manifest = std::move(path); }

void Evaluator::set_inventories(const std::vector<adapt::Inventory>* inventories) {
  impl_->inventories = inventories;
  impl_->ctx.inventories = inventories;
}

/// The bundle holds `type` for the account and region (an inventory of "*"
/// holds every type; "" account or region matches any).
static bool inventoried(const std::vector<adapt::Inventory>& inventories, const std::string& type, const model::Resource& r) {
  return adapt::holds(inventories, type, r.account, r.region);
}

/// Kubernetes kinds (and their groups) name objects whose names repeat
/// across clusters.
bool kubernetes_types(const std::vector<std::string>& types) {
  for (const std::string& t : types)
    if (!(t == "k8s_object" || t == "k8s_workload" || (!t.empty() && t[0] >= 'A' && t[0] <= 'Z'))) return false;
  return true;
}

RValue Evaluator::Impl::types(const Expr& e) {
  // Once a check is anchored on a Kubernetes object, other Kubernetes objects
  // come from its cluster only: a prod Deployment meets prod's HPAs.
  bool scoped = anchor && anchor->source == model::SourceKind::kubernetes && kubernetes_types(e.types);
  std::string key = scoped ? "@" + anchor->scope + ":" : "";
  for (const std::string& t : e.types) key += t + ",";
  // In an export bundle, a type the anchor's account and region have no
  // inventory of is an incomplete list: counts and existence are unknown.
  std::string lacking;  // the first type without an inventory
  if (inventories && anchor && anchor->view() == model::View::live)
    for (const std::string& t : e.types)
      if (lacking.empty() && t.rfind("aws_", 0) == 0 && t != "aws_resource" && !inventoried(*inventories, t, *anchor))
        lacking = t;
  bool missing = !lacking.empty();
  if (missing) key += "@missing:" + anchor->account + "/" + anchor->region;
  // Anchored in a template a macro completes at deploy: what it adds is not here.
  bool completed = anchor && !anchor->macro.empty();
  if (completed) key += "@macro:" + anchor->macro;
  // Kinds of objects a manifest that could not be read may hold.
  bool unread = !unread_manifest.empty() && anchor && anchor->source == model::SourceKind::kubernetes &&
                kubernetes_types(e.types);
  if (unread) key += "@unread";
  auto it = type_lists.find(key);
  if (it != type_lists.end()) return it->second;
  // Sized once: the list of every security group of a large export is
  // hundreds of thousands of values, and held while the rule runs.
  auto of_type = [&](const std::string& t) -> const std::vector<const model::Resource*>& {
    return scoped ? ctx.resources().of_type(t, anchor->scope) : ctx.resources().of_type(t);
  };
  size_t count = 0;
  for (const std::string& t : e.types) count += of_type(t).size();
  std::vector<RValue> items;
  items.reserve(count);
  for (const std::string& t : e.types)
    for (const model::Resource* r : of_type(t)) items.push_back(RValue::of_resource(r));
  RValue list = RValue::of_list(std::move(items), missing || completed || unread);
  if (unread && !missing && !completed)
    list.text = "the manifest " + unread_manifest + " could not be read, and may hold one";
  else if (missing)
    list.text = "the export bundle holds no " + lacking + " inventory for account " + anchor->account + " in " +
                (anchor->region.empty() ? std::string("its region") : anchor->region.str());
  else if (completed)
    list.text = "the template's transform " + anchor->macro + " adds resources when it is deployed";
  type_lists.emplace(key, list);
  return list;
}

RValue Evaluator::Impl::member(const RValue& base, const std::string& name, const Location& where) {
  (void)where;
  switch (base.kind) {
    case RKind::resource: {
      const model::Resource* r = base.resource;
      const model::Member* m = r->attrs.find_member(name);
      if ((name == "id" || name == "arn") && (!m || m->value.is_unknown() || m->value.is_null() ||
                                              r->view() == model::View::iac)) {
        if (!m || !m->value.is_string()) {
          // IaC resources are known by their address until they exist.
          RValue self;
          self.kind = RKind::reference;
          self.text = r->address;
          self.resource = r;
          self.where = m ? base::span(m->key_location, m->value.location()) : base.anchor;
          self.anchor = base.anchor;
          return self;
        }
      }
      if (!m && r->partial) {
        if (r->source == model::SourceKind::cloudformation)
          return RValue::unknown(base.anchor, "the Properties of " + r->address +
                                                  " are decided when the stack is deployed (." + name + ")");
        return RValue::unknown(base.anchor,
                               "the export lists " + r->type + " but does not describe it (." + name + ")");
      }
      if (!m) {
        RValue missing = RValue::null(base.anchor);
        missing.anchor = base.anchor;
        missing.resource = r;
        return missing;
      }
      return from_node(m->value, r, base::span(m->key_location, m->value.location()), base.anchor);
    }
    case RKind::map: {
      const model::Member* m = base.node ? base.node->find_member(name) : nullptr;
      if (!m && base.node && base.node->tag() == model::kOpenMapTag) {
        return RValue::unknown(base.anchor, "." + name + " may be set where this map is built (a merge or a module input)");
      }
      if (!m) {
        RValue missing = RValue::null(base.anchor);
        missing.anchor = base.anchor;
        missing.resource = base.resource;
        return missing;
      }
      RValue child = from_node(m->value, base.resource,
                               m->key_location.known() ? base::span(m->key_location, m->value.location())
                                                       : m->value.location(),
                               base.anchor);
      child.owned = base.owned;  // a computed map's members live as long as it
      return child;
    }
    case RKind::list: {
      // A path through a list reads every element: `containers.name`.
      std::vector<RValue> items;
      bool incomplete = base.incomplete;
      std::string why = base.incomplete ? base.text : std::string();
      for (const RValue& item : base.list()) {
        RValue v = member(item, name, where);
        if (v.is_unknown()) {
          incomplete = true;
          if (why.empty()) why = v.text;
        } else if (!v.is_null()) {
          items.push_back(std::move(v));
        }
      }
      RValue list = RValue::of_list(std::move(items), incomplete, base.where);
      list.text = why;  // why it is not known in full
      list.anchor = base.anchor;
      return list;
    }
    case RKind::unknown:
    case RKind::reference: {
      // A reference points at what is known only at apply time: its
      // members too (a plan's `dimensions = {X = aws_db_instance.a.id}`
      // comes as the bare reference).
      RValue u = RValue::unknown(base.where, reason_of(base));
      u.anchor = base.anchor;
      return u;
    }
    default: {
      RValue missing = RValue::null(base.blame());
      missing.anchor = base.anchor;
      return missing;
    }
  }
}

RValue Evaluator::Impl::index(const RValue& base, const RValue& key, const Location& where) {
  if (base.is_unknown() || key.is_unknown()) return unknown_from(base.where, base, key);
  if (key.kind == RKind::string && (base.kind == RKind::map || base.kind == RKind::resource))
    return member(base, key.text, where);
  if (key.kind == RKind::number && base.kind == RKind::list) {
    auto n = static_cast<long long>(key.number);
    long long size = static_cast<long long>(base.list().size());
    if (n < 0) n += size;
    if (n >= 0 && n < size) return base.list()[static_cast<size_t>(n)];
    if (base.incomplete) return unknown_from(base.where, base);
  }
  RValue missing = RValue::null(base.anchor);
  missing.anchor = base.anchor;
  return missing;
}

RValue Evaluator::Impl::filter(const Expr& e) {
  const Expr& base_expr = *e.children[0];
  const Expr& pred = *e.children[1];
  // A join over resource types, looked up in an index instead of testing
  // every resource (docs/semantics.md: joins are not quadratic): `.path == value`,
  // `value in .list` (the index holds each element of the list), and
  // `.path in values`. The indexed side may be any expression of `.` alone
  // (default(.ids, [])); the other must not mention `.`.
  if (base_expr.kind == ExprKind::variable && base_expr.ref == policy::NameRef::types &&
      pred.kind == ExprKind::binary && (pred.op == Op::eq || pred.op == Op::in)) {
    auto mentions_dot = [](const Expr& x, auto& self) -> bool {
      if (x.kind == ExprKind::relative) return true;
      for (const auto& c : x.children)
        if (self(*c, self)) return true;
      return false;
    };
    // Of `.` alone: no bound name, parameter or type list, no nested `.` scope.
    auto of_dot_only = [&](const Expr& x) {
      auto pure = [](const Expr& y, auto& self) -> bool {
        if (y.kind == ExprKind::variable || y.kind == ExprKind::filter || y.kind == ExprKind::quantifier) return false;
        for (const auto& c : y.children)
          if (!self(*c, self)) return false;
        return true;
      };
      return mentions_dot(x, mentions_dot) && pure(x, pure);
    };
    auto dot_free = [&](const Expr& x) { return !mentions_dot(x, mentions_dot); };
    const Expr& lhs = *pred.children[0];
    const Expr& rhs = *pred.children[1];
    const Expr* keyed = nullptr;  // evaluated per resource: the index keys
    const Expr* probe = nullptr;  // evaluated once: what to look up
    bool probe_list = false;      // `.path in values`: look up each value
    if (pred.op == Op::eq) {
      if (of_dot_only(lhs) && dot_free(rhs)) keyed = &lhs, probe = &rhs;
      else if (of_dot_only(rhs) && dot_free(lhs)) keyed = &rhs, probe = &lhs;
    } else if (dot_free(lhs) && of_dot_only(rhs)) {
      keyed = &rhs, probe = &lhs;
    } else if (of_dot_only(lhs) && dot_free(rhs)) {
      keyed = &lhs, probe = &rhs, probe_list = true;
    }
    if (keyed) {
      RValue all = types(base_expr);
      std::string type_key;
      if (anchor && anchor->source == model::SourceKind::kubernetes && kubernetes_types(base_expr.types))
        type_key = "@" + anchor->scope + ":";
      for (const std::string& t : base_expr.types) type_key += t + ",";
      // The same expression of `.` (one AST node) keys one index.
      char node[32];
      std::snprintf(node, sizeof node, "%p", static_cast<const void*>(keyed));
      auto [it, fresh] = joins.try_emplace({type_key, node});
      JoinIndex& index = it->second;
      if (fresh) {
        for (size_t i = 0; i < all.list().size(); ++i) {
          dots.push_back(&all.list()[i]);
          RValue v = eval(*keyed);
          dots.pop_back();
          std::vector<const RValue*> keys;
          auto unknown_key = [&](const RValue& k) {
            index.unknown_keys.push_back(i);
            if (!index.unknown_why.empty()) return;
            // Named with its resource: the one that leaves the join open may be
            // far from the resource judged.
            std::string why = reason_of(k);
            if (why.empty()) why = "its value is not known";
            const model::Resource* owner = all.list()[i].resource;
            index.unknown_why = owner ? owner->address + ": " + why : why;
          };
          if (v.kind == RKind::list) {
            for (const RValue& item : v.list()) keys.push_back(&item);
            if (v.incomplete) unknown_key(v);
          } else {
            keys.push_back(&v);
          }
          for (const RValue* k : keys) {
            auto key = ctx.identity_key(*k);
            if (!key) unknown_key(*k);
            else index.by_key[*key].push_back(i);
          }
        }
      }
      RValue wanted = eval(*probe);
      std::vector<const RValue*> probes;
      bool incomplete = !index.unknown_keys.empty() || all.incomplete;
      if (probe_list) {
        if (wanted.is_unknown()) return wanted;
        if (wanted.kind == RKind::list) {
          for (const RValue& w : wanted.list()) probes.push_back(&w);
          incomplete = incomplete || wanted.incomplete;
        } else {
          probes.push_back(&wanted);
        }
      } else {
        probes.push_back(&wanted);
      }
      std::vector<size_t> hits;
      for (const RValue* w : probes) {
        auto key = ctx.identity_key(*w);
        if (!key) {
          if (!probe_list) return unknown_from(wanted.where, wanted);
          incomplete = true;
          continue;
        }
        if (auto hit = index.by_key.find(*key); hit != index.by_key.end())
          hits.insert(hits.end(), hit->second.begin(), hit->second.end());
      }
      // In the resources' order, each once (a list path lists one per element).
      std::sort(hits.begin(), hits.end());
      hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
      std::vector<RValue> items;
      items.reserve(hits.size());
      for (size_t i : hits) items.push_back(all.list()[i]);
      RValue joined = RValue::of_list(std::move(items), incomplete);
      // Why it may not be whole: the type's list, or a key not known.
      if (all.incomplete) joined.text = all.text;
      if (joined.text.empty() && !index.unknown_keys.empty()) joined.text = index.unknown_why;
      if (joined.text.empty() && wanted.incomplete) joined.text = wanted.text;
      return joined;
    }
  }
  RValue base = eval(base_expr);
  if (base.is_unknown()) return base;
  std::vector<RValue> elements;
  if (base.kind == RKind::map && base.node) {
    for (const model::Member& m : base.node->as_map())
      elements.push_back(from_node(m.value, base.resource, base::span(m.key_location, m.value.location()),
                                   base.anchor));
  }
  const std::vector<RValue>& source = base.kind == RKind::map ? elements : base.list();
  bool incomplete = base.incomplete;
  std::string why = base.incomplete ? base.text : std::string();
  // Which elements are kept, then the kept ones into a list sized once:
  // `aws_resource[env(.) == "prod"]` over a large export keeps most of
  // hundreds of thousands, and a list grown by doubling holds twice that.
  std::vector<bool> keep(source.size());
  size_t kept_count = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    dots.push_back(&source[i]);
    RValue kept = eval(pred);
    Tri t = tri_of(kept);
    dots.pop_back();
    if (t == Tri::true_) {
      keep[i] = true;
      ++kept_count;
    } else if (t == Tri::unknown) {
      incomplete = true;
      if (why.empty()) why = kept.text;
    }
  }
  std::vector<RValue> items;
  items.reserve(kept_count);
  for (size_t i = 0; i < source.size(); ++i)
    if (keep[i]) items.push_back(source[i]);
  RValue out = RValue::of_list(std::move(items), incomplete, base.where);
  out.text = why;  // why the membership is not known in full
  out.anchor = base.anchor;
  return out;
}

RValue Evaluator::Impl::binary(const Expr& e) {
  if (e.op == Op::and_ || e.op == Op::or_) {
    RValue a = eval(*e.children[0]);
    Tri ta = tri_of(a);
    bool is_and = e.op == Op::and_;
    // Short circuit: false and x, true or x.
    if (ta == (is_and ? Tri::false_ : Tri::true_)) return bool_at(ta, a.blame());
    RValue b = eval(*e.children[1]);
    Tri tb = tri_of(b);
    if (tb == (is_and ? Tri::false_ : Tri::true_)) return bool_at(tb, b.blame());
    if (ta == Tri::unknown || tb == Tri::unknown)
      return unknown_from(ta == Tri::unknown ? a.blame() : b.blame(), ta == Tri::unknown ? a : b);
    // Both true (and): the first decided it. Both false (or): the last, which
    // in the usual guard `x == null or check(x)` is the check that failed.
    if (is_and) return bool_at(ta, a.blame());
    // A computed operand (a `let` of a comparison) has a where only when some
    // attribute decided it; prefer one that has.
    if (b.where.known()) return bool_at(tb, b.where);
    if (a.where.known()) return bool_at(tb, a.where);
    return bool_at(tb, b.blame().known() ? b.blame() : a.blame());
  }
  RValue a = eval(*e.children[0]);
  RValue b = eval(*e.children[1]);
  RValue out = compare(e, a, b);
  if (out.is_unknown() && out.text.empty()) out.text = reason_of(a, b);
  return out;
}

/// A binary operator other than `and` and `or`, on its evaluated operands
/// (an unknown result takes its reason in binary()).
RValue Evaluator::Impl::compare(const Expr& e, const RValue& a, const RValue& b) {
  Location where = a.blame().known() ? a.blame() : b.blame();
  switch (e.op) {
    case Op::eq: return bool_at(equal(ctx, a, b), where);
    case Op::ne: {
      Tri t = equal(ctx, a, b);
      return bool_at(t == Tri::unknown ? t : (t == Tri::true_ ? Tri::false_ : Tri::true_), where);
    }
    case Op::lt: return bool_at(less(a, b), where);
    case Op::gt: return bool_at(less(b, a), where);
    case Op::le:
    case Op::ge: {
      const RValue& x = e.op == Op::le ? a : b;
      const RValue& y = e.op == Op::le ? b : a;
      Tri lt = less(x, y);
      if (lt == Tri::true_) return bool_at(lt, where);
      Tri eq = equal(ctx, x, y);
      if (lt == Tri::unknown || eq == Tri::unknown) return RValue::unknown(where);
      // null <= null is not an ordering: keep "anything against null is false".
      if (x.is_null() || y.is_null()) return bool_at(Tri::false_, where);
      return bool_at(eq, where);
    }
    case Op::in:
    case Op::not_in: {
      Tri t = Tri::false_;
      if (b.is_unknown() || a.is_unknown()) {
        t = Tri::unknown;
      } else if (b.kind == RKind::list) {
        for (const RValue& item : b.list()) {
          Tri x = equal(ctx, a, item);
          if (x == Tri::true_) {
            t = Tri::true_;
            break;
          }
          if (x == Tri::unknown) t = Tri::unknown;
        }
        if (t == Tri::false_ && b.incomplete) t = Tri::unknown;
      } else if (b.kind == RKind::reference ||
                 (b.kind == RKind::resource && (a.kind == RKind::reference || a.kind == RKind::resource))) {
        // One value where a list was expected (a plan's unknown list of one
        // reference): membership is equality.
        t = equal(ctx, a, b);
      } else if (b.kind == RKind::map || b.kind == RKind::resource) {
        const model::Value* m = b.kind == RKind::map ? b.node : &b.resource->attrs;
        t = (a.kind == RKind::string && m && m->find(a.text)) ? Tri::true_
            : m && m->tag() == model::kOpenMapTag            ? Tri::unknown
                                                            : Tri::false_;
      } else if (b.kind == RKind::string) {
        t = a.kind == RKind::string && b.text.find(a.text) != std::string::npos ? Tri::true_ : Tri::false_;
      }
      if (e.op == Op::not_in && t != Tri::unknown) t = t == Tri::true_ ? Tri::false_ : Tri::true_;
      // Unknown membership of a map: one that may grow where it is built.
      if (t == Tri::unknown && (b.kind == RKind::map || b.kind == RKind::resource))
        return RValue::unknown(
            where, (a.kind == RKind::string ? "'" + a.text + "'" : std::string("the key")) +
                       (b.resource && b.resource->source == model::SourceKind::cloudformation
                            ? " may be added by an entry decided when the stack is deployed (an Fn::If)"
                            : " may be added where this map is built (a merge, a module's caller, the provider's "
                              "default tags)"));
      return bool_at(t, where);
    }
    case Op::matches:
    case Op::not_matches: {
      // A reference's text is known only after apply.
      if (a.is_unknown() || b.is_unknown() || a.kind == RKind::reference) return RValue::unknown(where);
      Tri t = Tri::false_;
      if (a.kind == RKind::string || a.kind == RKind::number) {
        const re2::RE2* re = e.children[1]->regex ? e.children[1]->regex.get()
                                                  : (b.kind == RKind::string ? ctx.regex(b.text) : nullptr);
        std::string text = a.kind == RKind::string ? a.text : display(a);
        if (re && RE2::PartialMatch(text, *re)) t = Tri::true_;
      }
      if (e.op == Op::not_matches) t = t == Tri::true_ ? Tri::false_ : Tri::true_;
      return bool_at(t, where);
    }
    case Op::add: {
      if (a.is_unknown() || b.is_unknown()) return RValue::unknown(where);
      if (a.is_null()) return b;
      if (b.is_null()) return a;
      if (a.kind == RKind::number && b.kind == RKind::number)
        return RValue::of_number(a.number + b.number, a.integral && b.integral, where);
      if (a.kind == RKind::list && b.kind == RKind::list) {
        std::vector<RValue> items = a.list();
        items.insert(items.end(), b.list().begin(), b.list().end());
        return RValue::of_list(std::move(items), a.incomplete || b.incomplete);
      }
      return RValue::of_string(display(a) + display(b), where);
    }
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod: {
      if (a.is_unknown() || b.is_unknown()) return RValue::unknown(where);
      auto x = as_number(a), y = as_number(b);
      if (!x || !y) return RValue::null(where);
      double r = 0;
      bool integral = a.integral && b.integral;
      if (e.op == Op::sub) r = *x - *y;
      if (e.op == Op::mul) r = *x * *y;
      if (e.op == Op::div) {
        if (*y == 0) return RValue::null(where);
        r = *x / *y;
        integral = false;
      }
      if (e.op == Op::mod) {
        if (*y == 0) return RValue::null(where);
        r = static_cast<double>(static_cast<long long>(*x) % static_cast<long long>(*y));
      }
      return RValue::of_number(r, integral, where);
    }
    default: return RValue::unknown(where);
  }
}

RValue Evaluator::Impl::quantifier(const Expr& e) {
  RValue source = eval(*e.children[0]);
  if (source.is_unknown()) return unknown_from(source.blame(), source);
  std::vector<RValue> elements;
  if (source.kind == RKind::map && source.node)
    for (const model::Member& m : source.node->as_map())
      elements.push_back(from_node(m.value, source.resource, base::span(m.key_location, m.value.location()),
                                   source.anchor));
  const std::vector<RValue>& items = source.kind == RKind::map ? elements : source.list();
  size_t trues = 0;
  bool unknown = source.incomplete, any_false = false;
  Location first_true, first_false, first_unknown;
  std::string why = source.incomplete ? source.text : std::string();
  for (const RValue& item : items) {
    RValue bound = item;
    if (!bound.anchor.known()) bound.anchor = bound.where;
    slots[e.slot] = bound;
    RValue r = eval(*e.children[1]);
    Tri t = tri_of(r);
    // A resource that may never be created (count known only at apply, a
    // CloudFormation Condition) is no witness: `any` it satisfies, or `all`
    // it breaks, is undecided (a bucket policy with count = var.on ? 1 : 0).
    if (item.kind == RKind::resource && item.resource && item.resource->uncounted && item.resource != anchor &&
        (t == Tri::true_ ? e.quant != policy::Quant::all : t == Tri::false_ && e.quant == policy::Quant::all)) {
      r = RValue::unknown(item.blame(),
                          item.resource->address + "'s " + std::string(model::may_not_exist_reason(*item.resource)));
      t = Tri::unknown;
    }
    if (t == Tri::true_) {
      if (!trues++) first_true = r.blame().known() ? r.blame() : item.blame();
    } else if (t == Tri::false_) {
      if (!any_false) first_false = r.blame().known() ? r.blame() : item.blame();
      any_false = true;
    } else {
      if (!unknown) first_unknown = r.blame();
      if (why.empty()) why = r.text;
      unknown = true;
    }
  }
  Location whole = source.blame();
  Location undecided = first_unknown.known() ? first_unknown : whole;
  switch (e.quant) {
    case policy::Quant::all:
      if (any_false) return RValue::of_bool(false, first_false);
      if (unknown) return RValue::unknown(undecided, why);
      return RValue::of_bool(true, whole);
    case policy::Quant::any:
      if (trues) return RValue::of_bool(true, first_true);
      if (unknown) return RValue::unknown(undecided, why);
      return RValue::of_bool(false, whole);
    case policy::Quant::none:
      if (trues) return RValue::of_bool(false, first_true);
      if (unknown) return RValue::unknown(undecided, why);
      return RValue::of_bool(true, whole);
    case policy::Quant::count:
      if (unknown) return RValue::unknown(whole, why);
      return RValue::of_number(static_cast<double>(trues), true, whole);
  }
  return RValue::unknown(whole);
}

RValue Evaluator::Impl::eval(const Expr& e) {
  switch (e.kind) {
    case ExprKind::null_lit: return RValue::null();
    case ExprKind::bool_lit: return RValue::of_bool(e.boolean);
    case ExprKind::number_lit: return RValue::of_number(e.number, e.integer);
    case ExprKind::string_lit: return RValue::of_string(e.text);
    // Located where it is used, not in the rule file; with the rule's reason, if it gives one.
    case ExprKind::unknown_lit: return RValue::unknown({}, e.text);
    case ExprKind::list: {
      std::vector<RValue> items;
      for (const auto& c : e.children) items.push_back(eval(*c));
      return RValue::of_list(std::move(items));
    }
    case ExprKind::map: {
      model::Value m = model::Value::map();
      for (size_t i = 0; i < e.children.size(); ++i) m.set(e.keys[i], to_model(eval(*e.children[i])));
      return RValue::of_map(std::move(m));
    }
    case ExprKind::variable:
      switch (e.ref) {
        case policy::NameRef::local: return slots[e.slot];
        case policy::NameRef::param: {
          const model::Value& v = settings->param(e.name, env);
          return from_node(v, nullptr, {}, {});
        }
        case policy::NameRef::types: return types(e);
        default: return RValue::unknown();
      }
    case ExprKind::relative: {
      if (dots.empty()) return RValue::unknown();
      const RValue& element = *dots.back();
      if (e.name.empty()) return element;
      RValue base = element;
      if (!base.anchor.known()) base.anchor = base.where;
      return member(base, e.name, e.where);
    }
    case ExprKind::member: return member(eval(*e.children[0]), e.name, e.where);
    case ExprKind::index: return index(eval(*e.children[0]), eval(*e.children[1]), e.where);
    case ExprKind::splat: {
      RValue base = eval(*e.children[0]);
      if (base.kind == RKind::list || base.is_unknown()) return base;
      if (base.kind == RKind::map && base.node) {
        std::vector<RValue> items;
        for (const model::Member& m : base.node->as_map())
          items.push_back(from_node(m.value, base.resource, base::span(m.key_location, m.value.location()),
                                    base.anchor));
        return RValue::of_list(std::move(items), false, base.where);
      }
      if (base.is_null()) return RValue::of_list({}, false, base.where);
      return RValue::of_list({base}, false, base.where);
    }
    case ExprKind::filter: return filter(e);
    case ExprKind::call: {
      std::vector<RValue> args;
      args.reserve(e.children.size());
      for (const auto& c : e.children) args.push_back(eval(*c));
      RValue result = call_builtin(e.function, ctx, args, e);
      // Unknown because an argument was: keep its reason.
      if (result.is_unknown() && result.text.empty())
        for (const RValue& arg : args)
          if (arg.is_unknown() && !arg.text.empty()) {
            result.text = arg.text;
            break;
          }
      return result;
    }
    case ExprKind::unary: {
      RValue a = eval(*e.children[0]);
      if (e.op == Op::not_) {
        Tri t = tri_of(a);
        if (t == Tri::unknown) return unknown_from(a.blame(), a);
        return bool_at(t == Tri::true_ ? Tri::false_ : Tri::true_, a.blame());
      }
      if (a.is_unknown()) return a;
      auto n = as_number(a);
      return n ? RValue::of_number(-*n, a.integral, a.where) : RValue::null(a.where);
    }
    case ExprKind::binary: return binary(e);
    case ExprKind::quantifier: return quantifier(e);
    case ExprKind::conditional: {
      RValue c = eval(*e.children[0]);
      Tri t = tri_of(c);
      if (t == Tri::unknown) return unknown_from(c.blame(), c);
      return eval(*e.children[t == Tri::true_ ? 1 : 2]);
    }
  }
  return RValue::unknown();
}

std::string Evaluator::Impl::render(const policy::Template& t, const std::string& fallback) {
  if (t.empty()) return fallback;
  std::string out;
  for (const auto& part : t.parts) {
    if (!part.expr) {
      out += part.text;
      continue;
    }
    // A missing value reads as such, never as the word "null" (`guardrail
    // test` fails a case whose message shows one: the rule should say what it assumed).
    RValue v = eval(*part.expr);
    out += v.kind == RKind::null ? std::string(kNotSet) : display(v);
  }
  return out;
}

/// Why a value is not known, in words a reader can act on.
std::string unknown_reason(const RValue* why) {
  if (why && why->kind == RKind::unknown && !why->text.empty()) return why->text;
  if (why && why->incomplete)
    return !why->text.empty() ? why->text : "the list is incomplete (a count or for_each known only at apply time)";
  return "a value it needs is not known";
}

void Evaluator::Impl::record(Tri outcome, const RValue* why) {
  if (outcome == Tri::unknown) {
    Location where = why && why->blame().known() ? why->blame() : innermost;
    if (!anchor) {
      for (const CheckRecord& c : unanchored)
        if (c.where == where) return;
      unanchored.push_back({rule->id, nullptr, Tri::unknown, where, unknown_reason(why)});
      return;
    }
    undecided_why.try_emplace(anchor, where, unknown_reason(why));
  }
  if (!anchor) return;
  auto [it, fresh] = outcomes.try_emplace(anchor, outcome);
  if (fresh) {
    outcome_order.push_back(anchor);
    return;
  }
  // Failed beats undecided beats passed.
  if (outcome == Tri::false_ || (outcome == Tri::unknown && it->second == Tri::true_)) it->second = outcome;
}

const model::Resource* Evaluator::Impl::may_not_exist() const {
  if (anchor && anchor->uncounted) return anchor;
  if (innermost_resource && innermost_resource->uncounted) return innermost_resource;
  for (const RValue* p : pair)
    if (p && p->resource && p->resource->uncounted) return p->resource;  // a resource, or a value of one
  return nullptr;
}

void Evaluator::Impl::fail(const Location& where, std::string message, const Location* related) {
  // A secret written in the code is there whether or not the resource is
  // ever created (rules tagged "secret": SEC-004, DB-012, K8S-009).
  if (const model::Resource* r = secret_rule ? nullptr : may_not_exist()) {
    RValue why = RValue::unknown(where, (r == anchor ? "its " : r->address + "'s ") +
                                            std::string(model::may_not_exist_reason(*r)));
    record(Tri::unknown, &why);
    return;
  }
  report(where, std::move(message), related);
  record(Tri::false_);
}

void Evaluator::Impl::report(const Location& where, std::string message, const Location* related) {
  Finding f;
  f.rule_id = rule->id;
  f.severity = rule->severity;
  f.message = std::move(message);
  f.where = where.known() ? where : (anchor ? anchor->location : Location{});
  if (anchor) {
    f.resource = anchor->address;
    f.origin = anchor->origin;
    f.resource_type = anchor->type;
    f.environment = anchor->environment;
    f.account = anchor->account;
    f.live = anchor->view() == model::View::live;
    if (f.live) {
      if (const model::Value* arn = anchor->attrs.find("arn"); arn && arn->is_string()) f.arn = arn->as_string();
    }
  }
  if (related && related->known()) f.related.push_back({*related, "related location"});
  f.secret = secret_rule;
  // Two clauses broken at the same place of one resource make one finding
  // that names both. (Module resources of two roots share their places.)
  // A secret is one wherever it flows (a variable's literal default read by
  // several resources): one finding at its place.
  auto [it, fresh] = finding_at.emplace(std::pair{f.where, f.secret ? nullptr : anchor}, out.findings.size());
  if (!fresh) {
    // A place with very many (a VPC that thousands overlap) names the first
    // few and counts the rest, so output stays proportional to the input.
    Finding& g = out.findings[it->second];
    size_t& merged = merged_at[it->second];
    if (merged >= kMaxMerged) {
      ++merged;
      return;
    }
    bool said = g.message.find(f.message) != std::string::npos;
    if (!said) g.message += "; " + f.message;
    // The same words about another place (three VPCs that all read
    // "template.yaml#VPC overlaps template.yaml#VPC") still name that place.
    bool added = false;
    for (Related& r : f.related)
      if (std::none_of(g.related.begin(), g.related.end(), [&](const Related& x) { return x.where == r.where; })) {
        g.related.push_back(std::move(r));
        added = true;
      }
    if (!said || added) ++merged;
    return;
  }
  out.findings.push_back(std::move(f));
}

void Evaluator::Impl::bind_for(const Clause& c, size_t i, const RValue& element, const RValue* second) {
  const model::Resource* saved_anchor = anchor;
  std::string saved_env = env;
  bool saved_anchored = anchored;
  Location saved_innermost = innermost;
  const model::Resource* saved_innermost_resource = innermost_resource;
  auto saved_pair = pair;

  RValue first = element;
  if (!first.anchor.known()) first.anchor = first.where;
  slots[c.slots[0]] = first;
  if (second) {
    RValue b = *second;
    if (!b.anchor.known()) b.anchor = b.where;
    slots[c.slots[1]] = b;
    pair = {&slots[c.slots[0]], &slots[c.slots[1]]};
  }
  innermost = first.blame();
  innermost_resource = first.kind == RKind::resource ? first.resource : nullptr;
  bool skip = false;
  if (!anchored) {
    // The first binding anchors the check: its environment decides whether
    // the rule applies and which parameter values it takes.
    anchor = first.resource;
    anchored = true;
    env = anchor ? anchor->environment.str() : std::string();
    ctx.set_scope(anchor ? anchor->scope.str() : std::string());
    if (!settings->enforced(env)) skip = true;
    // A file read only as context (pre-commit's siblings) is judged nowhere:
    // what an anchor there yields would be dropped with its file.
    if (anchor && !anchor->reported) skip = true;
  }
  if (!skip) exec(i + 1);
  anchor = saved_anchor;
  env = saved_env;
  anchored = saved_anchored;
  innermost = saved_innermost;
  innermost_resource = saved_innermost_resource;
  pair = saved_pair;
}

void Evaluator::Impl::exec(size_t i) {
  const auto& clauses = rule->clauses;
  if (i == segment_end) {
    if (!has_asserts) {
      // A check without assertions reports every binding (pairs, existence).
      std::string fallback = rule->title;
      for (size_t k = segment_begin; k < segment_end; ++k)
        if (clauses[k].kind == ClauseKind::message) fallback = render(clauses[k].message, rule->title);
      // A pair is reported at its first member, the second related (unless
      // it adds nothing: unknown, or on the same line).
      Location where = innermost, related;
      if (pair.size() == 2) {
        where = pair[0]->blame().known() ? pair[0]->blame() : pair[1]->blame();
        related = pair[0]->blame().known() ? pair[1]->blame() : Location{};
        if (related.known() && related.file == where.file && related.line == where.line) related = {};
      }
      if (!where.known()) where = innermost;
      fail(where, fallback, related.known() ? &related : nullptr);
    }
    return;
  }
  const Clause& c = clauses[i];
  switch (c.kind) {
    case ClauseKind::for_: {
      // A nested `for` reached by an anchor: the anchor is in the check's
      // scope, and its assertions hold for every element, so for none
      // (a workload that sets no sysctl passes "only safe sysctls"). What
      // the elements assert overrides this.
      if (anchor && has_asserts) record(Tri::true_);
      std::vector<RValue> sources;
      bool incomplete = false;
      RValue open;  // the first source not known in full: where, and why
      for (const auto& s : c.exprs) {
        RValue v = eval(*s);
        // A list written as a reference (data.aws_subnets.private.ids) is
        // known only at apply: its elements too.
        if (v.kind == RKind::reference) v = RValue::unknown(v.where, "known only after apply");
        if (v.is_unknown()) {
          if (!incomplete) open = v;
          incomplete = true;
          continue;
        }
        sources.push_back(std::move(v));
      }
      for (const RValue& source : sources) {
        if (source.incomplete && !incomplete) open = source;
        incomplete = incomplete || source.incomplete;
        if (source.kind == RKind::map && source.node) {
          for (const model::Member& m : source.node->as_map()) {
            RValue element = from_node(m.value, source.resource, base::span(m.key_location, m.value.location()),
                                       source.anchor);
            bind_for(c, i, element, nullptr);
          }
          continue;
        }
        for (const RValue& element : source.list()) {
          if (c.slots.size() == 2) {
            // Pairs: each element is a two-element list.
            if (element.kind != RKind::list || element.list().size() != 2) continue;
            bind_for(c, i, element.list()[0], &element.list()[1]);
          } else {
            bind_for(c, i, element, nullptr);
          }
        }
      }
      if (incomplete) {
        // Located in the scanned file, never in the rule's.
        RValue why = RValue::unknown(open.blame().known() ? open.blame() : innermost,
                                     !open.text.empty() ? open.text : "what it iterates over is not known in full");
        record(Tri::unknown, &why);
      }
      return;
    }
    case ClauseKind::let: {
      RValue v = eval(*c.exprs[0]);
      if (!v.anchor.known()) v.anchor = v.where.known() ? v.where : innermost;
      slots[c.slots[0]] = std::move(v);
      exec(i + 1);
      return;
    }
    case ClauseKind::where: {
      RValue v = eval(*c.exprs[0]);
      Tri t = tri_of(v);
      if (t == Tri::true_) exec(i + 1);
      else if (t == Tri::unknown) record(Tri::unknown, &v);
      return;
    }
    case ClauseKind::assert_: {
      RValue r = eval(*c.exprs[0]);
      Tri t = tri_of(r);
      if (t == Tri::false_) {
        std::string fallback = rule->title;
        for (size_t k = segment_begin; k < segment_end; ++k)
          if (clauses[k].kind == ClauseKind::message) fallback = render(clauses[k].message, rule->title);
        Location where = r.blame().known() ? r.blame() : innermost;
        // Moved by `at` away from the resource an inner `for` bound (each OU
        // of an organization's one finding): that resource is a related location.
        const Location* related = nullptr;
        if (c.at) {
          RValue at = eval(*c.at);
          if (at.blame().known()) where = at.blame();
          bool elsewhere = innermost.file != where.file || innermost.line != where.line;
          if (anchor && innermost_resource && innermost_resource != anchor && innermost.known() && elsewhere)
            related = &innermost;
        }
        fail(where, render(c.message, fallback), related);
      } else if (t == Tri::unknown) {
        // Undecided by the rule's own `unknown "why"` (no place of its own):
        // it sits where a finding would.
        if (!r.blame().known() && c.at) {
          RValue at = eval(*c.at);
          if (at.blame().known()) r.where = at.blame();
        }
        record(Tri::unknown, &r);
      } else {
        record(Tri::true_);
      }
      exec(i + 1);
      return;
    }
    case ClauseKind::message: exec(i + 1); return;
    case ClauseKind::check_: return;  // never reached: checks end before the next begins
  }
}

RuleRun Evaluator::run(const policy::Rule& rule) {
  Impl& s = *impl_;
  s.rule = &rule;
  auto it = s.effective.rules.find(rule.id);
  static const policy::RuleSettings kEverywhere = [] {
    policy::RuleSettings r;
    r.everywhere = true;
    return r;
  }();
  s.settings = it != s.effective.rules.end() ? &it->second : &kEverywhere;
  // Every check starts from resource types this view has none of: nothing
  // binds, so the rule is not run (and a compiled rule's body not even read).
  if (!rule.anchor_types.empty() &&
      std::none_of(rule.anchor_types.begin(), rule.anchor_types.end(),
                   [&s](const std::string& t) { return !s.ctx.resources().of_type(t).empty(); }))
    return RuleRun();
  s.secret_rule = std::find(rule.tags.begin(), rule.tags.end(), "secret") != rule.tags.end();
  s.slots.assign(static_cast<size_t>(rule.slot_count), RValue());
  // Lists of resources by type are kept for one rule: kept for the run, every
  // rule's lists of a large export add up (38 MB of a 200 MB snapshot's peak).
  s.type_lists.clear();
  s.dots.clear();
  s.anchor = nullptr;
  s.anchored = false;
  s.env.clear();
  s.innermost = {};
  s.innermost_resource = nullptr;
  s.pair.clear();
  s.out = RuleRun();
  s.outcomes.clear();
  s.outcome_order.clear();
  s.undecided_why.clear();
  s.unanchored.clear();
  s.finding_at.clear();
  s.merged_at.clear();
  // Each `check { }` block (and the clauses before the first) runs on its own.
  size_t begin = 0;
  const auto& clauses = rule.body();
  while (begin <= clauses.size()) {
    size_t end = begin;
    while (end < clauses.size() && clauses[end].kind != ClauseKind::check_) ++end;
    bool has_for = std::any_of(clauses.begin() + static_cast<long>(begin), clauses.begin() + static_cast<long>(end),
                               [](const Clause& c) { return c.kind == ClauseKind::for_; });
    if (has_for) {
      s.has_asserts = std::any_of(clauses.begin() + static_cast<long>(begin), clauses.begin() + static_cast<long>(end),
                                  [](const Clause& c) { return c.kind == ClauseKind::assert_; });
      s.segment_begin = begin;
      s.segment_end = end;
      s.anchor = nullptr;
      s.anchored = false;
      s.env.clear();
      s.innermost = {};
      s.innermost_resource = nullptr;
      s.pair.clear();
      s.exec(begin);
    }
    begin = end + 1;
  }
  for (const auto& [index, merged] : s.merged_at)
    if (merged > Impl::kMaxMerged)
      s.out.findings[index].message += "; and " + std::to_string(merged - Impl::kMaxMerged) + " more like these";
  s.out.checks.reserve(s.out.checks.size() + s.outcome_order.size() + s.unanchored.size());
  model::Key rule_id(rule.id);
  for (const model::Resource* r : s.outcome_order) {
    CheckRecord c{rule_id, r, s.outcomes[r], {}, {}};
    if (c.outcome == Tri::unknown) {
      const auto& why = s.undecided_why[r];
      c.where = why.first;
      c.reason = why.second;
    }
    s.out.checks.push_back(std::move(c));
  }
  for (CheckRecord& c : s.unanchored) s.out.checks.push_back(std::move(c));
  s.out.undecided = static_cast<size_t>(std::count_if(s.out.checks.begin(), s.out.checks.end(),
                                                      [](const CheckRecord& c) { return c.outcome == Tri::unknown; }));
  return std::move(s.out);
}

}  // namespace guardrail::evaluate
