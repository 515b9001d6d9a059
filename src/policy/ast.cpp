#include "policy/ast.hpp"

#include <algorithm>

namespace guardrail::policy {

std::string_view to_string(Op op) {
  switch (op) {
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::in: return "in";
    case Op::not_in: return "not in";
    case Op::matches: return "matches";
    case Op::not_matches: return "not matches";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::mod: return "%";
    case Op::and_: return "and";
    case Op::or_: return "or";
    case Op::not_: return "not";
    case Op::neg: return "-";
  }
  return "?";
}

const Param* Rule::param(std::string_view name) const {
  for (const Param& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<const Policy*> Policy::lineage() const {
  std::vector<const Policy*> out;
  // The pack's check links `base` without cycles; the bound only guards a
  // policy used before its check.
  for (const Policy* p = this; p && out.size() < 64; p = p->base) out.push_back(p);
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Environment> Policy::all_environments() const {
  std::vector<Environment> out;
  for (const Policy* p : lineage())
    for (const Environment& env : p->environments) {
      auto same = std::find_if(out.begin(), out.end(), [&](const Environment& e) { return e.name == env.name; });
      if (same != out.end()) *same = env;
      else out.push_back(env);
    }
  return out;
}

}  // namespace guardrail::policy
