#include "policy/check.hpp"

#include <cmath>

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "adapt/vocabulary.hpp"
#include "base/glob.hpp"
#include "policy/functions.hpp"

namespace guardrail::policy {
namespace {

bool allows(TypeSet have, TypeSet want) { return (have & want) != 0; }

/// True when an index expression is a filter: it mentions `.` outside any
/// nested brackets.
bool mentions_relative(const Expr& e) {
  if (e.kind == ExprKind::relative) return true;
  if (e.kind == ExprKind::index || e.kind == ExprKind::filter) return mentions_relative(*e.children[0]);
  for (const auto& c : e.children)
    if (mentions_relative(*c)) return true;
  return false;
}

class RuleChecker {
 public:
  explicit RuleChecker(Rule& rule) : rule_(rule) {}

  base::Diagnostics run();

 private:
  struct Local {
    std::string name;
    int slot;
    TypeSet type;
  };

  void error(const char* code, const Location& where, std::string message) {
    out_.push_back(base::error(code, where, std::move(message)));
  }

  int bind(const std::string& name, TypeSet type) {
    int slot = next_slot_++;
    scope_.push_back({name, slot, type});
    return slot;
  }

  TypeSet check(Expr& e);
  TypeSet check_call(Expr& e);
  TypeSet check_binary(Expr& e);
  void check_template(Template& t);
  void compile_regex(Expr& pattern);
  void require(const Expr& e, TypeSet have, TypeSet want, const std::string& what);
  void check_type_name(const Expr& e);
  void check_dropped_unresolved(const Expr& condition);

  Rule& rule_;
  base::Diagnostics out_;
  std::vector<Local> scope_;
  int next_slot_ = 0;
  int filter_depth_ = 0;
  std::map<const Expr*, TypeSet> type_of_;
  std::map<int, std::string> resolver_of_slot_;  // `let x = resource(...)`: slot -> function
};

/// The functions whose null means "not found in this view", not "absent".
bool is_resolver(const Expr& e) {
  return e.kind == ExprKind::call && (e.name == "resource" || e.name == "region" || e.name == "account");
}

/// A `where` that requires a resolved value (`where v != null`, with `v =
/// resource(s.vpc_id)`) drops every binding whose value could not be
/// resolved, uncounted: the catalog wants those undecided. Only the
/// conjuncts of the condition are looked at; `x != null or ...` keeps them.
void RuleChecker::check_dropped_unresolved(const Expr& condition) {
  if (condition.kind == ExprKind::binary && condition.op == Op::and_) {
    for (const auto& side : condition.children) check_dropped_unresolved(*side);
    return;
  }
  if (condition.kind != ExprKind::binary || condition.op != Op::ne) return;
  const Expr* a = condition.children[0].get();
  const Expr* b = condition.children[1].get();
  if (a->kind == ExprKind::null_lit) std::swap(a, b);
  if (b->kind != ExprKind::null_lit) return;
  std::string function;
  if (is_resolver(*a)) {
    function = a->name;
  } else if (a->kind == ExprKind::variable && a->ref == NameRef::local) {
    auto it = resolver_of_slot_.find(a->slot);
    if (it == resolver_of_slot_.end()) return;
    function = it->second;
  } else {
    return;
  }
  out_.push_back(base::warning(
      "policy-undecided", condition.where,
      "this 'where' drops every binding whose " + function + "() " +
          (function == "resource" ? "names nothing in the scan" : "is not known") +
          ", and counts none of them undecided; decide them in the assertion instead: "
          "`assert if x == null then unknown \"why\" else ...`"));
}

void RuleChecker::require(const Expr& e, TypeSet have, TypeSet want, const std::string& what) {
  if (!allows(have, want))
    error("policy-type", e.where, what + " must be " + describe(want) + ", not " + describe(have));
}

/// A type no source gives (aws_s3_bukcet, Deploymnet) would make a rule that
/// never fires: a near miss of a known type is an error, an AWS type near
/// none is a warning (a provider newer than the table may have it), and a
/// Kubernetes kind near none is taken as a custom resource's.
void RuleChecker::check_type_name(const Expr& e) {
  const std::string& name = e.name;
  if (is_type_group(name)) return;
  const std::vector<std::string_view>& known = adapt::resource_types();
  if (std::binary_search(known.begin(), known.end(), std::string_view(name))) return;
  bool aws = name.rfind("aws_", 0) == 0;
  std::vector<std::string> family;
  for (std::string_view k : known)
    if ((k.rfind("aws_", 0) == 0) == aws) family.emplace_back(k);
  std::string best = closest(name, family);
  if (!best.empty()) {
    error("policy-type-name", e.where, "unknown resource type '" + name + "'; did you mean '" + best + "'?");
  } else if (aws) {
    out_.push_back(base::warning("policy-type-name", e.where,
                                 "unknown resource type '" + name +
                                     "': it is not a type of the Terraform AWS provider, nor one that guardrail "
                                     "maps from CloudFormation or AWS exports, so the rule may never see one"));
  }
}

/// A pattern RE2 compiles, or why not.
std::string regex_problem(const std::string& pattern) {
  RE2 re(pattern, RE2::Quiet);
  return re.ok() ? std::string() : re.error();
}

void RuleChecker::compile_regex(Expr& pattern) {
  // A parameter used as a pattern: its default here, each value a policy sets
  // where the policy is checked.
  if (pattern.kind == ExprKind::variable && pattern.ref == NameRef::param) {
    for (Param& p : rule_.params)
      if (p.name == pattern.name && !p.pattern) {  // checked once, however often it is matched against
        p.pattern = true;
        if (p.value.is_string())
          if (std::string why = regex_problem(p.value.as_string()); !why.empty())
            error("policy-regex", p.default_expr ? p.default_expr->where : p.where,
                  "invalid regular expression in parameter " + p.name + " (used as a pattern at line " +
                      std::to_string(pattern.where.line) + "): " + why);
      }
    return;
  }
  if (pattern.kind != ExprKind::string_lit) return;
  RE2::Options options(RE2::Quiet);
  auto re = std::make_shared<RE2>(pattern.text, options);
  if (!re->ok()) {
    error("policy-regex", pattern.where, "invalid regular expression: " + re->error());
    return;
  }
  pattern.regex = std::move(re);
}

TypeSet RuleChecker::check_call(Expr& e) {
  int index = find_function(e.name);
  for (auto& arg : e.children) check(*arg);
  if (index < 0) {
    std::string message = "unknown function '" + e.name + "'";
    if (auto near = closest_function(e.name); !near.empty()) message += "; did you mean '" + std::string(near) + "'?";
    error("policy-name", e.where, message);
    return kAny;
  }
  e.function = index;
  const FunctionSignature& f = functions()[index];
  int n = static_cast<int>(e.children.size());
  if (n < f.min_args || (f.max_args >= 0 && n > f.max_args)) {
    std::string want = f.min_args == f.max_args ? std::to_string(f.min_args)
                       : f.max_args < 0         ? "at least " + std::to_string(f.min_args)
                                                : std::to_string(f.min_args) + " to " + std::to_string(f.max_args);
    error("policy-arity", e.where,
          std::string(f.name) + " takes " + want + " argument" + (want == "1" ? "" : "s") + ", got " +
              std::to_string(n));
    return f.result;
  }
  for (int i = 0; i < n; ++i) {
    TypeSet want = f.args[std::min<size_t>(i, f.args.size() - 1)];
    TypeSet have = type_of_[e.children[i].get()];
    if (!allows(have, want))
      error("policy-type", e.children[i]->where,
            "argument " + std::to_string(i + 1) + " of " + std::string(f.name) + " must be " + describe(want) +
                ", not " + describe(have));
  }
  if (e.name == "regex_find" && n == 2) compile_regex(*e.children[1]);
  return f.result;
}

TypeSet RuleChecker::check_binary(Expr& e) {
  TypeSet a = check(*e.children[0]);
  TypeSet b = check(*e.children[1]);
  const Expr& left = *e.children[0];
  const Expr& right = *e.children[1];
  switch (e.op) {
    case Op::and_:
    case Op::or_:
      require(left, a, kBool, "the left side of '" + std::string(to_string(e.op)) + "'");
      require(right, b, kBool, "the right side of '" + std::string(to_string(e.op)) + "'");
      return kBool;
    case Op::eq:
    case Op::ne: return kBool;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      const TypeSet ordered = kNumber | kString | kNull;
      require(left, a, ordered, "the left side of '" + std::string(to_string(e.op)) + "'");
      require(right, b, ordered, "the right side of '" + std::string(to_string(e.op)) + "'");
      bool a_only_number = a == kNumber, a_only_string = a == kString;
      bool b_only_number = b == kNumber, b_only_string = b == kString;
      if ((a_only_number && b_only_string) || (a_only_string && b_only_number))
        error("policy-type", e.where,
              "'" + std::string(to_string(e.op)) + "' compares " + describe(a) + " with " + describe(b));
      return kBool;
    }
    case Op::in:
    case Op::not_in:
      require(right, b, kList | kMap | kString | kNull, "the right side of '" + std::string(to_string(e.op)) + "'");
      return kBool;
    case Op::matches:
    case Op::not_matches:
      require(left, a, kString | kNull, "the left side of '" + std::string(to_string(e.op)) + "'");
      require(right, b, kString, "the pattern of '" + std::string(to_string(e.op)) + "'");
      compile_regex(*e.children[1]);
      return kBool;
    case Op::add: {
      TypeSet sum = kNumber | kString | kList;
      require(left, a, sum | kNull, "the left side of '+'");
      require(right, b, sum | kNull, "the right side of '+'");
      bool single_a = a == kNumber || a == kString || a == kList;
      bool single_b = b == kNumber || b == kString || b == kList;
      if (single_a && single_b && a != b)
        error("policy-type", e.where, "'+' adds " + describe(a) + " to " + describe(b));
      if (single_a) return a;
      if (single_b) return b;
      return sum;
    }
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod:
      require(left, a, kNumber | kNull, "the left side of '" + std::string(to_string(e.op)) + "'");
      require(right, b, kNumber | kNull, "the right side of '" + std::string(to_string(e.op)) + "'");
      return kNumber;
    default: return kAny;
  }
}

TypeSet RuleChecker::check(Expr& e) {
  TypeSet t = kAny;
  switch (e.kind) {
    case ExprKind::null_lit: t = kNull; break;
    case ExprKind::bool_lit: t = kBool; break;
    case ExprKind::number_lit: t = kNumber; break;
    case ExprKind::string_lit: t = kString; break;
    case ExprKind::unknown_lit: t = kAny; break;
    case ExprKind::list:
      for (auto& c : e.children) check(*c);
      t = kList;
      break;
    case ExprKind::map:
      for (auto& c : e.children) check(*c);
      t = kMap;
      break;
    case ExprKind::variable: {
      for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
        if (it->name == e.name) {
          e.ref = NameRef::local;
          e.slot = it->slot;
          t = it->type;
          break;
        }
      }
      if (e.ref == NameRef::local) break;
      if (const Param* p = rule_.param(e.name)) {
        e.ref = NameRef::param;
        switch (p->value.kind()) {
          case model::Kind::boolean: t = kBool; break;
          case model::Kind::integer:
          case model::Kind::floating: t = kNumber; break;
          case model::Kind::string: t = kString; break;
          case model::Kind::list: t = kList; break;
          case model::Kind::map: t = kMap; break;
          default: t = kAny;
        }
        break;
      }
      if (is_type_name(e.name)) {
        check_type_name(e);
        e.ref = NameRef::types;
        e.types = {e.name};
        t = kList;
        break;
      }
      std::string message = "unknown name '" + e.name + "'";
      std::string best;
      size_t best_d = suggestion_limit(e.name) + 1;
      for (const Local& l : scope_)
        if (size_t d = edit_distance(e.name, l.name); d < best_d) best_d = d, best = l.name;
      for (const Param& p : rule_.params)
        if (size_t d = edit_distance(e.name, p.name); d < best_d) best_d = d, best = p.name;
      if (best.empty()) {  // deployment, S3_bucket
        const auto& types = adapt::resource_types();
        best = closest(e.name, std::vector<std::string>(types.begin(), types.end()));
      }
      if (!best.empty()) message += "; did you mean '" + best + "'?";
      error("policy-name", e.where, message);
      break;
    }
    case ExprKind::relative:
      if (filter_depth_ == 0)
        error("policy-name", e.where, "'.' stands for the element being filtered and works only inside [ ]");
      t = kAny;
      break;
    case ExprKind::member: {
      TypeSet base = check(*e.children[0]);
      if (!allows(base, kMap | kResource | kList | kNull))
        error("policy-type", e.children[0]->where,
              "cannot read '." + e.name + "' of " + describe(base));
      t = kAny;
      break;
    }
    case ExprKind::index: {
      TypeSet base = check(*e.children[0]);
      if (mentions_relative(*e.children[1])) {
        e.kind = ExprKind::filter;
        ++filter_depth_;
        TypeSet pred = check(*e.children[1]);
        --filter_depth_;
        require(*e.children[1], pred, kBool, "a filter condition");
        require(*e.children[0], base, kList | kMap | kNull, "what a filter selects from");
        t = kList;
      } else {
        TypeSet key = check(*e.children[1]);
        require(*e.children[0], base, kList | kMap | kResource | kNull, "what an index selects from");
        require(*e.children[1], key, kNumber | kString, "an index");
        t = kAny;
      }
      break;
    }
    case ExprKind::filter: {
      check(*e.children[0]);
      ++filter_depth_;
      check(*e.children[1]);
      --filter_depth_;
      t = kList;
      break;
    }
    case ExprKind::splat: {
      TypeSet base = check(*e.children[0]);
      require(*e.children[0], base, kList | kMap | kNull, "what [*] expands");
      t = kList;
      break;
    }
    case ExprKind::call: t = check_call(e); break;
    case ExprKind::unary: {
      TypeSet a = check(*e.children[0]);
      if (e.op == Op::not_) {
        require(*e.children[0], a, kBool, "the operand of 'not'");
        t = kBool;
      } else {
        require(*e.children[0], a, kNumber, "the operand of '-'");
        t = kNumber;
      }
      break;
    }
    case ExprKind::binary: t = check_binary(e); break;
    case ExprKind::quantifier: {
      TypeSet source = check(*e.children[0]);
      require(*e.children[0], source, kList | kMap | kNull, "what a quantifier ranges over");
      size_t mark = scope_.size();
      e.slot = bind(e.name, e.children[0]->kind == ExprKind::variable && e.children[0]->ref == NameRef::types
                                ? kResource
                                : kAny);
      TypeSet body = check(*e.children[1]);
      scope_.resize(mark);
      require(*e.children[1], body, kBool, "a quantifier's condition");
      t = e.quant == Quant::count ? kNumber : kBool;
      break;
    }
    case ExprKind::conditional: {
      TypeSet c = check(*e.children[0]);
      require(*e.children[0], c, kBool, "the condition of 'if'");
      t = check(*e.children[1]) | check(*e.children[2]);
      break;
    }
  }
  type_of_[&e] = t;
  return t;
}

void RuleChecker::check_template(Template& t) {
  for (auto& part : t.parts)
    if (part.expr) check(*part.expr);
}

base::Diagnostics RuleChecker::run() {
  if (rule_.title.empty()) error("policy-meta", rule_.where, "rule " + rule_.id + " has no title");
  if (!rule_.has_severity) {
    error("policy-meta", rule_.where, "rule " + rule_.id + " has no severity");
  } else if (auto s = evaluate::parse_severity(rule_.severity_word)) {
    rule_.severity = *s;
  } else {
    error("policy-meta", rule_.severity_where,
          "unknown severity '" + rule_.severity_word + "' (info, low, medium, high, critical)");
  }
  for (const std::string& s : rule_.sources)
    if (s != "terraform" && s != "cloudformation" && s != "aws" && s != "kubernetes" && s != "dockerfile")
      error("policy-meta", rule_.sources_where,
            "unknown source '" + s + "' (terraform, cloudformation, aws, kubernetes, dockerfile)");
  std::set<std::string> param_names;
  for (Param& p : rule_.params) {
    if (!param_names.insert(p.name).second)
      error("policy-duplicate", p.where, "parameter '" + p.name + "' is declared twice");
    if (!constant_value(*p.default_expr, p.value))
      error("policy-value", p.default_expr->where,
            "the default of parameter '" + p.name + "' must be a constant (a literal, list or map)");
  }
  bool seen_for = false, any_for = false;
  const Clause* block = nullptr;
  for (Clause& c : rule_.clauses) {
    switch (c.kind) {
      case ClauseKind::check_:
        // Each check block starts afresh: names do not cross blocks.
        if (block && !seen_for) error("policy-meta", block->where, "this check has no 'for' clause: it checks nothing");
        block = &c;
        scope_.clear();
        seen_for = false;
        break;
      case ClauseKind::for_: {
        TypeSet element = kResource;
        for (auto& source : c.exprs) {
          TypeSet t = check(*source);
          require(*source, t, kList | kMap | kNull, "what 'for' iterates over");
          if (!(source->kind == ExprKind::variable && source->ref == NameRef::types)) element = kAny;
        }
        if (c.names.size() == 2) element = kAny;
        for (const std::string& name : c.names) c.slots.push_back(bind(name, element));
        seen_for = any_for = true;
        break;
      }
      case ClauseKind::let: {
        TypeSet t = check(*c.exprs[0]);
        c.slots.push_back(bind(c.names[0], t));
        if (is_resolver(*c.exprs[0])) resolver_of_slot_[c.slots.back()] = c.exprs[0]->name;
        break;
      }
      case ClauseKind::where:
      case ClauseKind::assert_: {
        if (!seen_for)
          error("policy-name", c.where,
                std::string(c.kind == ClauseKind::where ? "'where'" : "'assert'") + " comes before any 'for'");
        TypeSet t = check(*c.exprs[0]);
        require(*c.exprs[0], t, kBool, c.kind == ClauseKind::where ? "a 'where' condition" : "an assertion");
        if (c.at) check(*c.at);
        if (c.kind == ClauseKind::where) check_dropped_unresolved(*c.exprs[0]);
        check_template(c.message);
        break;
      }
      case ClauseKind::message: check_template(c.message); break;
    }
  }
  if (block && !seen_for) error("policy-meta", block->where, "this check has no 'for' clause: it checks nothing");
  if (!any_for) error("policy-meta", rule_.where, "rule " + rule_.id + " has no 'for' clause: it checks nothing");
  rule_.slot_count = next_slot_;
  // What each check starts from (Rule::anchor_types): types only, or nothing.
  rule_.anchor_types.clear();
  bool typed = true, first_of_check = true;
  for (const Clause& c : rule_.clauses) {
    if (c.kind == ClauseKind::check_) first_of_check = true;
    if (c.kind != ClauseKind::for_ || !first_of_check) continue;
    first_of_check = false;
    for (const auto& source : c.exprs) {
      if (source->kind == ExprKind::variable && source->ref == NameRef::types)
        rule_.anchor_types.insert(rule_.anchor_types.end(), source->types.begin(), source->types.end());
      else
        typed = false;
    }
  }
  if (!typed) rule_.anchor_types.clear();
  return std::move(out_);
}

}  // namespace

bool is_type_group(std::string_view name) {
  return name == "k8s_workload" || name == "k8s_object" || name == "aws_resource" || name == "iac_resource" ||
         name == "dockerfile_stage" ||
         name == "terraform_variables" || name == "terraform_locals" || name == "terraform_provider" ||
         name == "cloudformation_parameters";
}

bool is_type_name(std::string_view name) {
  if (is_type_group(name)) return true;
  if (name.substr(0, 4) == "aws_" && name.size() > 4) return true;
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

bool valid_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return false;
  int year = std::stoi(std::string(t.substr(0, 4)));
  int month = std::stoi(std::string(t.substr(5, 2)));
  int day = std::stoi(std::string(t.substr(8, 2)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

/// A parameter's value, without the places it is written at: a finding over
/// a parameter's elements ("for t in required") belongs to the resource it
/// judges, never to the rule's file, as a literal's would.
bool constant_value(const Expr& e, model::Value& out) {
  const base::Location nowhere;
  switch (e.kind) {
    case ExprKind::null_lit: out = model::Value(nowhere); return true;
    case ExprKind::bool_lit: out = model::Value::boolean(e.boolean, nowhere); return true;
    case ExprKind::number_lit:
      // A whole number beyond 64 bits stays a number, not a wrapped integer.
      out = e.integer && std::fabs(e.number) < 9.2e18 ? model::Value::integer(static_cast<int64_t>(e.number), nowhere)
                                                      : model::Value::floating(e.number, nowhere);
      return true;
    case ExprKind::string_lit: out = model::Value::string(e.text, nowhere); return true;
    case ExprKind::unary:
      if (e.op != Op::neg || !constant_value(*e.children[0], out) || !out.is_number()) return false;
      out = out.kind() == model::Kind::integer ? model::Value::integer(-out.as_int(), nowhere)
                                               : model::Value::floating(-out.as_double(), nowhere);
      return true;
    case ExprKind::list: {
      model::List items;
      for (const auto& c : e.children) {
        model::Value v;
        if (!constant_value(*c, v)) return false;
        items.push_back(std::move(v));
      }
      out = model::Value::list(std::move(items), nowhere);
      return true;
    }
    case ExprKind::map: {
      out = model::Value::map({}, nowhere);
      for (size_t i = 0; i < e.children.size(); ++i) {
        model::Value v;
        if (!constant_value(*e.children[i], v)) return false;
        out.set(e.keys[i], std::move(v));
      }
      return true;
    }
    default: return false;
  }
}

base::Diagnostics check_rule(Rule& rule) { return RuleChecker(rule).run(); }

base::Diagnostics check_policy(Policy& policy, const std::map<std::string, const Rule*>& rules) {
  base::Diagnostics out;
  auto err = [&](const char* code, const Location& where, std::string message) {
    out.push_back(base::error(code, where, std::move(message)));
  };
  std::set<std::string> envs;
  for (const Environment& env : policy.environments) {
    if (env.name == "all") err("policy-name", env.where, "'all' stands for every environment and cannot name one");
    if (!envs.insert(env.name).second)
      err("policy-duplicate", env.where, "environment '" + env.name + "' is defined twice");
  }
  for (const Environment& env : policy.all_environments()) envs.insert(env.name);  // inherited ones too
  // A policy that enforces nothing (no `enforce`, here or in a parent) turns
  // every rule off: legal, but never what its author meant.
  std::vector<const Policy*> lineage = policy.lineage();
  bool enforces = std::any_of(lineage.begin(), lineage.end(), [](const Policy* p) {
    return std::any_of(p->enforcements.begin(), p->enforcements.end(), [](const Enforcement& e) { return !e.skip; });
  });
  if (!enforces)
    out.push_back(base::warning("policy-empty", policy.where,
                                "policy " + policy.name + " enforces no rule: add `enforce all in all` (or "
                                "`enforce RULES in ENVIRONMENTS`), or extend a policy that does"));
  auto matching = [&](const std::string& ref) {
    std::vector<const Rule*> out;
    if (ref.find('*') == std::string::npos) {
      if (auto it = rules.find(ref); it != rules.end()) out.push_back(it->second);
      return out;
    }
    for (const auto& [id, rule] : rules)
      if (base::glob_match(ref, id)) out.push_back(rule);
    return out;
  };
  auto check_rule_id = [&](const std::string& id, const Location& where) {
    if (!matching(id).empty()) return true;
    err("policy-name", where,
        id.find('*') == std::string::npos ? "policy " + policy.name + " names rule " + id + ", which does not exist"
                                          : "policy " + policy.name + ": no rule matches " + id);
    return false;
  };
  auto check_envs = [&](const std::vector<std::string>& names, const std::vector<Location>& locations) {
    for (size_t i = 0; i < names.size(); ++i)
      if (!envs.count(names[i]))
        err("policy-name", locations[i], "unknown environment '" + names[i] + "'");
  };
  for (const Enforcement& e : policy.enforcements) {
    for (size_t i = 0; i < e.rules.size(); ++i) check_rule_id(e.rules[i], e.rule_locations[i]);
    check_envs(e.environments, e.environment_locations);
  }
  for (const Enforcement& f : policy.forbidden_inline)
    for (size_t i = 0; i < f.rule_locations.size() && i < f.rules.size(); ++i) check_rule_id(f.rules[i], f.rule_locations[i]);
  for (ParamSetting& s : policy.settings) {
    check_envs(s.environments, s.environment_locations);
    if (!check_rule_id(s.rule, s.where)) continue;
    bool ok = true;
    for (const Rule* rule : matching(s.rule)) {
    const Param* p = rule->param(s.param);
    if (!p) {
      std::string message = "rule " + s.rule + " has no parameter '" + s.param + "'";
      std::string best;
      size_t best_d = suggestion_limit(s.param) + 1;
      for (const Param& q : rule->params)
        if (size_t d = edit_distance(s.param, q.name); d < best_d) best_d = d, best = q.name;
      if (!best.empty()) message += "; did you mean '" + best + "'?";
      err("policy-name", s.where, message);
      ok = false;
      break;
    }
    if (!constant_value(*s.expr, s.value)) {
      err("policy-value", s.expr->where, "a parameter value must be a constant (a literal, list or map)");
      ok = false;
      break;
    }
    bool same = (p->value.is_number() && s.value.is_number()) || p->value.kind() == s.value.kind() ||
                p->value.is_null();
    if (same && p->pattern && s.value.is_string())
      if (std::string why = regex_problem(s.value.as_string()); !why.empty()) {
        err("policy-regex", s.expr->where,
            "invalid regular expression for " + rule->id + "." + s.param + ", which the rule matches against: " + why);
        ok = false;
        break;
      }
    if (!same) {
      err("policy-type", s.expr->where,
          "parameter " + rule->id + "." + s.param + " takes " + std::string(model::to_string(p->value.kind())) +
              " values, not " + std::string(model::to_string(s.value.kind())));
      ok = false;
      break;
    }
    }
    (void)ok;
  }
  for (const Waiver& w : policy.waivers) {
    check_rule_id(w.rule, w.where);
    if (!valid_date(w.until)) err("policy-value", w.until_where.known() ? w.until_where : w.where, "waiver date '" + w.until + "' is not a real date");
    if (w.reason.empty()) err("policy-value", w.where, "a waiver needs a reason");
  }
  return out;
}

}  // namespace guardrail::policy
