#include <iostream>
#include <sstream>
#include <memory>

#include "base/text.hpp"
#include "cli/commands.hpp"
#include "policy/functions.hpp"
#include "policy/effective.hpp"
#include "scan/config.hpp"
#include "scan/drift.hpp"
#include "scan/scanner.hpp"

namespace guardrail::cli {
namespace {

struct ExplainOptions {
  std::string id;
  std::vector<std::string> policy_files;
};

/// Wraps text at 78 columns with an indent.
std::string wrap(const std::string& text, const std::string& indent) {
  std::string out, line;
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    if (!line.empty() && line.size() + 1 + w.size() > 78 - indent.size()) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

int run_explain(const ExplainOptions& options) {
  scan::ScanOptions load;
  load.policy_files = options.policy_files.empty() ? scan::configured_policy_files() : options.policy_files;
  auto pack = scan::load_pack(load);
  scan::add_drift_rules(*pack);  // DRIFT-001..003 are rules too, computed apart
  // IDs are upper case; `explain net-001` means NET-001.
  std::vector<std::string> ids;
  for (const auto& r : pack->rules) ids.push_back(r->id);
  std::string best = policy::closest(options.id, ids);
  const policy::Rule* rule = pack->rule(options.id);
  if (!rule && base::ascii_lower(best) == base::ascii_lower(options.id)) rule = pack->rule(best);
  if (!rule) {
    std::cerr << "guardrail: no rule " << options.id << (best.empty() ? "" : "; did you mean " + best + "?")
              << " (guardrail rules lists them)\n";
    return 2;
  }
  const policy::Policy* chosen = nullptr;
  for (const auto& p : pack->policies)
    if (p->from_user) chosen = p.get();
  if (!chosen) chosen = pack->policy("innovate");
  policy::Effective eff = policy::resolve(*pack, chosen);
  auto settings = eff.rules.find(rule->id);

  std::cout << rule->id << ": " << rule->title << "\n\n";
  std::cout << "severity:     " << evaluate::to_string(rule->severity) << "\n";
  std::string envs;
  if (settings == eff.rules.end()) {
    envs = "every environment guardrail drift (or scan --drift) compares";
  } else {
    const policy::RuleSettings& s = settings->second;
    if (s.everywhere) envs = "every environment";
    for (const std::string& e : s.environments)
      if (!s.everywhere) envs += (envs.empty() ? "" : ", ") + e;
  }
  std::cout << "enforced in:  " << (envs.empty() ? "nowhere" : envs) << (chosen ? " (policy " + chosen->name + ")" : "")
            << "\n";
  if (!rule->tags.empty()) {
    std::cout << "tags:        ";
    for (const std::string& t : rule->tags) std::cout << " " << t;
    std::cout << "\n";
  }
  if (!rule->sources.empty()) {
    std::cout << "sources:     ";
    for (const std::string& t : rule->sources) std::cout << " " << t;
    std::cout << "\n";
  }
  if (!rule->help.empty()) std::cout << "help:         " << rule->help << "\n";
  std::cout << "defined in:   " << rule->file << "\n";
  if (!rule->description.empty()) std::cout << "\n" << wrap(rule->description, "");
  if (!rule->remediation.empty()) std::cout << "\nRemediation:\n" << wrap(rule->remediation, "  ");
  if (!rule->params.empty() && settings != eff.rules.end()) {
    const policy::RuleSettings& s = settings->second;
    std::cout << "\nParameters (set RULE.name = value [in environments] in a policy):\n";
    for (const policy::Param& p : rule->params) {
      std::cout << "  " << p.name << " = " << model::to_display(p.value, 400);
      const model::Value& global = s.param(p.name, "");
      if (!global.same(p.value)) std::cout << "   (policy: " << model::to_display(global, 200) << ")";
      std::cout << "\n";
      for (const auto& [env, values] : s.env_params)
        if (auto it = values.find(p.name); it != values.end())
          std::cout << "      in " << env << ": " << model::to_display(it->second, 200) << "\n";
    }
  }
  if (const base::SourceFile* src = pack->source(rule->file)) {
    std::cout << "\nThe rule:\n";
    std::istringstream lines{std::string(src->text())};
    for (std::string line; std::getline(lines, line);) std::cout << "  " << line << "\n";
  }
  std::string folder = rule->file.substr(0, rule->file.rfind('/'));
  for (const auto& [path, text] : pack->examples) {
    if (path.rfind(folder + "/cases/fire/", 0) != 0) continue;
    std::cout << "\nAn example that fires (" << path << "):\n";
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) std::cout << "  " << line << "\n";
    break;
  }
  return 0;
}

}  // namespace

void setup_explain(CLI::App& app, int& status) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Describe a rule: what, why, how to fix, parameters, an example");
  cmd->add_option("id", options->id, "The rule ID, such as NET-001")->required();
  cmd->add_option("--policy", options->policy_files, "Also load these policy-language files or folders")->allow_extra_args(false);
  cmd->callback([options, &status] { status = run_explain(*options); });
}

}  // namespace guardrail::cli
