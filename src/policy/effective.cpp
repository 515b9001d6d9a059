#include "policy/effective.hpp"

#include "base/glob.hpp"

namespace guardrail::policy {

const model::Value& RuleSettings::param(const std::string& name, const std::string& env) const {
  if (!env.empty()) {
    auto e = env_params.find(env);
    if (e != env_params.end()) {
      auto p = e->second.find(name);
      if (p != e->second.end()) return p->second;
    }
  }
  static const model::Value kNull;
  auto it = params.find(name);
  return it == params.end() ? kNull : it->second;
}

const Environment* Effective::environment(const std::string& name) const {
  for (const Environment& env : environment_defs)
    if (env.name == name) return &env;
  return nullptr;
}

model::Value parse_table(const std::string& text) {
  model::Value out = model::Value::map();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t s = 0;
    for (;;) {
      size_t tab = line.find('\t', s);
      cols.push_back(line.substr(s, tab - s));
      if (tab == std::string::npos) break;
      s = tab + 1;
    }
    model::Value rest = model::Value::list();
    for (size_t i = 1; i < cols.size(); ++i) rest.push_back(model::Value::string(cols[i]));
    out.set(cols[0], std::move(rest));
  }
  return out;
}

Effective resolve(const Pack& pack, const Policy* policy) {
  Effective out;
  out.policy = policy;
  for (const auto& [name, text] : pack.tables) out.tables[name] = parse_table(text);
  std::set<std::string> all_envs;
  if (policy)
    for (const Environment& env : policy->all_environments()) {
      out.environment_defs.push_back(env);
      out.environments.push_back(env.name);
      all_envs.insert(env.name);
    }
  for (const auto& rule : pack.rules) {
    RuleSettings& s = out.rules[rule->id];
    for (const Param& p : rule->params) s.params[p.name] = p.value;
    if (!policy) s.everywhere = true;
  }
  if (!policy) return out;

  auto rules_of = [&](const std::vector<std::string>& ids) {
    std::vector<RuleSettings*> selected;
    if (ids.empty()) {
      for (auto& [_, s] : out.rules) selected.push_back(&s);
    } else {
      for (const std::string& id : ids)
        for (auto& [rule_id, settings] : out.rules)
          if (rule_id == id || (id.find('*') != std::string::npos && base::glob_match(id, rule_id)))
            selected.push_back(&settings);
    }
    return selected;
  };
  // The statements of the policy and its parents, the farthest parent's first.
  std::vector<const Enforcement*> enforcements, forbidden;
  std::vector<const ParamSetting*> settings;
  for (const Policy* p : policy->lineage()) {
    for (const Enforcement& e : p->enforcements) enforcements.push_back(&e);
    for (const Enforcement& f : p->forbidden_inline) forbidden.push_back(&f);
    for (const ParamSetting& set : p->settings) settings.push_back(&set);
    for (const Waiver& w : p->waivers) out.waivers.push_back(&w);
  }
  for (const Enforcement* statement : enforcements) {
    const Enforcement& e = *statement;
    const std::vector<std::string>& envs = e.environments.empty()
                                               ? out.environments
                                               : e.environments;
    for (RuleSettings* s : rules_of(e.rules)) {
      // A policy without environments enforces `in all` everywhere.
      if (all_envs.empty() && e.environments.empty()) s->everywhere = !e.skip;
      for (const std::string& env : envs) {
        if (e.skip) s->environments.erase(env);
        else s->environments.insert(env);
      }
    }
  }
  if (!all_envs.empty())
    for (auto& [_, s] : out.rules) s.everywhere = s.environments == all_envs;
  for (const ParamSetting* statement : settings) {
    const ParamSetting& set = *statement;
    for (RuleSettings* s : rules_of({set.rule})) {
      if (set.environments.empty()) s->params[set.param] = set.value;
      else
        for (const std::string& env : set.environments) s->env_params[env][set.param] = set.value;
    }
  }
  for (const Enforcement* f : forbidden)
    for (const auto& [id, _] : out.rules)
      for (const std::string& pattern : f->rules)
        if (pattern == "*" || pattern == id || (pattern.find('*') != std::string::npos && base::glob_match(pattern, id)))
          out.forbidden_inline.insert(id);
  return out;
}

}  // namespace guardrail::policy
