#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "policy/effective.hpp"
#include "scan/scanner.hpp"

namespace guardrail::cli {
namespace {

struct RulesOptions {
  std::vector<std::string> policy_files;
  std::string format = "text";
};

std::string environments(const policy::RuleSettings& s, const policy::Effective& eff) {
  if (s.everywhere) return "all";
  std::string out;
  for (const std::string& env : eff.environments)
    if (s.environments.count(env)) out += (out.empty() ? "" : " ") + env;
  return out.empty() ? "-" : out;
}

int run_rules(const RulesOptions& options) {
  scan::ScanOptions load;
  load.policy_files = options.policy_files;
  auto pack = scan::load_pack(load);
  if (base::has_errors(pack->diagnostics)) {
    for (const auto& d : pack->diagnostics)
      std::cout << d.where.file << ":" << d.where.line << ":" << d.where.column << ": error[" << d.code << "]: "
                << d.message << "\n";
    return 2;
  }
  const policy::Policy* chosen = nullptr;
  for (const auto& p : pack->policies)
    if (p->from_user) chosen = p.get();
  if (!chosen) chosen = pack->policy("innovate");
  policy::Effective eff = policy::resolve(*pack, chosen);
  if (options.format == "markdown") {
    std::cout << "| ID | severity | title | environments | sources |\n|---|---|---|---|---|\n";
    for (const auto& r : pack->rules) {
      std::string sources;
      for (const std::string& s : r->sources) sources += (sources.empty() ? "" : " ") + s;
      std::cout << "| " << r->id << " | " << evaluate::to_string(r->severity) << " | " << r->title << " | "
                << environments(eff.rules.at(r->id), eff) << " | " << sources << " |\n";
    }
    return 0;
  }
  size_t width = 0;
  for (const auto& r : pack->rules) width = std::max(width, r->id.size());
  for (const auto& r : pack->rules) {
    std::string sev(evaluate::to_string(r->severity));
    std::cout << r->id << std::string(width + 2 - r->id.size(), ' ') << sev << std::string(10 - sev.size(), ' ')
              << r->title << "  [" << environments(eff.rules.at(r->id), eff) << "]\n";
  }
  return 0;
}

}  // namespace

void setup_rules(CLI::App& app, int& status) {
  auto options = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand("rules", "List the rules with their severity and where they are enforced");
  cmd->add_option("--policy", options->policy_files, "Also load these policy-language files or folders")->allow_extra_args(false);
  cmd->add_option("--format", options->format, "text or markdown")->check(CLI::IsMember({"text", "markdown"}));
  cmd->callback([options, &status] { status = run_rules(*options); });
}

}  // namespace guardrail::cli
