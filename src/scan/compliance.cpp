#include "scan/compliance.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "scan/scanner.hpp"

namespace guardrail::scan {
namespace {

constexpr std::string_view kDeclared = "declared", kDeployed = "deployed";

struct Tally {
  size_t passed = 0, failed = 0, undecided = 0, active = 0, excepted = 0;
};

/// The status of checks and findings that concern one control in one place.
ControlStatus status_of(const Tally& t) {
  if (t.active) return ControlStatus::failed;
  if (t.undecided) return ControlStatus::undecided;
  if (t.passed || t.failed || t.excepted) return ControlStatus::passed;
  return ControlStatus::not_applicable;
}

/// Where a rule runs, for reasons: "not enforced by policy innovate".
std::string why_not_run(const std::string& rule, const ScanResult& result, const std::set<std::string>& run) {
  if (!result.pack->rule(rule)) return "rule " + rule + " is not in the rule pack";
  if (!run.count(rule)) return "rule " + rule + " was not run (left out by --rule or --skip-rule)";
  std::string policy = result.effective.policy ? result.effective.policy->name : std::string("(none)");
  return "rule " + rule + " is not enforced by policy " + policy;
}

}  // namespace

std::string_view to_string(ControlStatus status) {
  switch (status) {
    case ControlStatus::failed: return "failed";
    case ControlStatus::undecided: return "undecided";
    case ControlStatus::passed: return "passed";
    case ControlStatus::not_applicable: return "not applicable";
    case ControlStatus::not_assessed: return "not assessed";
    default: return "not covered";
  }
}

size_t FrameworkResult::count(ControlStatus status) const {
  return static_cast<size_t>(
      std::count_if(controls.begin(), controls.end(), [&](const ControlResult& c) { return c.status == status; }));
}

size_t FrameworkResult::covered() const {
  return static_cast<size_t>(std::count_if(controls.begin(), controls.end(), [](const ControlResult& c) {
    return c.control->mapping != policy::Mapping::none;
  }));
}

FrameworkResult judge(std::shared_ptr<const policy::Framework> framework, const ScanResult& result) {
  FrameworkResult out;
  out.framework = framework;

  // Per rule: its checks and findings by (view, environment). One pass over
  // each, so the cost is that of the scan's checks, not of controls × checks.
  using Scope = std::pair<std::string, std::string>;
  using Key = std::pair<Scope, std::string>;  // and the anchor's type
  std::map<std::string, std::map<Key, Tally>> by_rule;
  std::map<std::string, std::vector<size_t>> findings_of;
  std::map<std::string, std::vector<std::string>> unknown_why;  // a few distinct reasons per rule
  std::set<std::string> wanted;
  for (const policy::Control& c : framework->controls) wanted.insert(c.rules.begin(), c.rules.end());
  for (const evaluate::CheckRecord& check : result.checks) {
    if (!wanted.count(check.rule_id)) continue;
    Scope scope{std::string(check.resource && check.resource->view() == model::View::live ? kDeployed : kDeclared),
                check.resource ? check.resource->environment.str() : std::string()};
    Tally& t = by_rule[check.rule_id][{scope, check.resource ? check.resource->type.str() : std::string()}];
    switch (check.outcome) {
      case evaluate::Tri::true_: ++t.passed; break;
      case evaluate::Tri::false_: ++t.failed; break;
      default: {
        ++t.undecided;
        std::vector<std::string>& why = unknown_why[check.rule_id];
        std::string reason = check.rule_id + ": " + check.reason;
        if (why.size() < 3 && std::find(why.begin(), why.end(), reason) == why.end()) why.push_back(reason);
        break;
      }
    }
  }
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const evaluate::Finding& f = result.findings[i];
    if (!wanted.count(f.rule_id)) continue;
    Tally& t = by_rule[f.rule_id][{{std::string(f.live ? kDeployed : kDeclared), f.environment}, f.resource_type}];
    if (f.suppressed()) {
      ++t.excepted;
    } else {
      ++t.active;
      findings_of[f.rule_id].push_back(i);
    }
  }
  std::set<std::string> run;
  for (const policy::Rule* r : result.rules_run) run.insert(r->id);

  for (const policy::Control& control : framework->controls) {
    ControlResult c;
    c.control = &control;
    if (control.mapping == policy::Mapping::none) {
      c.status = ControlStatus::not_covered;
      out.controls.push_back(std::move(c));
      continue;
    }
    std::map<Scope, Tally> scopes;
    Tally total;
    size_t ran = 0;
    for (const std::string& rule : control.rules) {
      auto settings = result.effective.rules.find(rule);
      bool enforced = settings != result.effective.rules.end() &&
                      (settings->second.everywhere || !settings->second.environments.empty());
      if (!run.count(rule) || !enforced) {
        c.reasons.push_back(why_not_run(rule, result, run));
        continue;
      }
      ++ran;
      // A rule that judges several types decides a control about some of
      // them only through those (DB-001 judges instances and clusters;
      // RDS.27 is about clusters).
      std::set<std::string> types;
      if (const policy::Rule* r = result.pack->rule(rule))
        for (const std::string& type : r->anchor_types)
          if (std::find(control.resource_types.begin(), control.resource_types.end(), type) !=
              control.resource_types.end())
            types.insert(type);
      auto counts = [&](const std::string& type) { return types.empty() || type.empty() || types.count(type); };
      auto tallies = by_rule.find(rule);
      if (tallies != by_rule.end())
        for (const auto& [key, t] : tallies->second) {
          if (!counts(key.second)) continue;
          for (Tally* into : {&scopes[key.first], &total}) {
            into->passed += t.passed;
            into->failed += t.failed;
            into->undecided += t.undecided;
            into->active += t.active;
            into->excepted += t.excepted;
          }
        }
      // A finding of another part of the rule is a pass of this control's part.
      auto selector = control.findings.find(rule);
      if (auto f = findings_of.find(rule); f != findings_of.end())
        for (size_t i : f->second) {
          const evaluate::Finding& finding = result.findings[i];
          if (!counts(finding.resource_type)) continue;
          if (selector == control.findings.end() || re2::RE2::PartialMatch(finding.message, *selector->second)) {
            c.findings.push_back(i);
            continue;
          }
          Scope scope{std::string(finding.live ? kDeployed : kDeclared), finding.environment};
          for (Tally* from : {&scopes[scope], &total}) {
            --from->active;
            if (from->failed) --from->failed;
            ++from->passed;
          }
        }
    }
    std::sort(c.findings.begin(), c.findings.end());
    c.passed = total.passed;
    c.failed = total.failed;
    c.undecided = total.undecided;
    c.excepted = total.excepted;
    if (total.undecided) {
      c.reasons.push_back(std::to_string(total.undecided) + " check" + (total.undecided == 1 ? "" : "s") +
                          " could not be decided, for example:");
      for (const std::string& rule : control.rules)
        if (auto why = unknown_why.find(rule); why != unknown_why.end())
          c.reasons.insert(c.reasons.end(), why->second.begin(), why->second.end());
    }

    // A parameter the control fixes and the policy sets otherwise: a pass
    // under the policy does not prove the control, in that environment.
    std::set<std::string> weaker_in;  // environments ("" for all)
    for (const policy::ControlParameter& p : control.parameters) {
      if (p.rule.empty()) continue;
      auto settings = result.effective.rules.find(p.rule);
      if (settings == result.effective.rules.end() || !run.count(p.rule)) continue;
      std::vector<std::string> envs(settings->second.environments.begin(), settings->second.environments.end());
      if (envs.empty()) envs.push_back("");
      // One reason per value the policy sets otherwise, with where it does.
      std::map<std::string, std::vector<std::string>> differing;  // value -> environments
      for (const std::string& env : envs) {
        const model::Value& set = settings->second.param(p.name, env);
        if (set.same(p.value)) continue;
        weaker_in.insert(env);
        differing[model::to_display(set)].push_back(env);
      }
      for (const auto& [value, where] : differing) {
        std::string in;
        if (where.size() < envs.size())
          for (const std::string& env : where) in += (in.empty() ? " in " : ", ") + env;
        c.reasons.push_back("the policy runs " + p.rule + " with " + p.name + " = " + value + in +
                            "; the control asks " + model::to_display(p.value));
      }
    }

    for (const auto& [scope, t] : scopes) {
      ScopeStatus s{scope.first, scope.second, status_of(t), t.passed, t.failed, t.undecided};
      if (s.status == ControlStatus::passed && (weaker_in.count(scope.second) || weaker_in.count("")))
        s.status = ControlStatus::undecided;
      c.scopes.push_back(std::move(s));
    }
    if (ran == 0) {
      c.status = ControlStatus::not_assessed;
    } else {
      c.status = status_of(total);
      // What did not run, or ran with another setting, leaves a pass (or
      // nothing to check) unproven.
      bool unproven = ran < control.rules.size() || !weaker_in.empty();
      if (unproven && (c.status == ControlStatus::passed || c.status == ControlStatus::not_applicable))
        c.status = ControlStatus::undecided;
    }
    out.controls.push_back(std::move(c));
  }
  return out;
}

}  // namespace guardrail::scan
