#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "policy/effective.hpp"
#include "scan/scanner.hpp"

namespace guardrail::cli {
namespace {

struct RulesOptions {
  std::vector<std::string> policy_files;
  std::string policy_name;
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
  if (!options.policy_name.empty()) {
    chosen = pack->policy(options.policy_name);
    if (!chosen) {
      std::cerr << "guardrail: no policy named '" << options.policy_name << "' is loaded\n";
      return 2;
    }
  } else {
    for (const auto& p : pack->policies)
      if (p->from_user) chosen = p.get();
    if (!chosen) chosen = pack->policy("innovate");
  }
  policy::Effective eff = policy::resolve(*pack, chosen);
  if (options.format == "json") {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    auto str = [&](const std::string& v) { w.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); };
    w.StartObject();
    w.Key("policy");
    str(chosen ? chosen->name : "");
    w.Key("rules");
    w.StartArray();
    for (const auto& r : pack->rules) {
      const policy::RuleSettings& settings = eff.rules.at(r->id);
      w.StartObject();
      w.Key("id");
      str(r->id);
      w.Key("title");
      str(r->title);
      w.Key("severity");
      str(std::string(evaluate::to_string(r->severity)));
      w.Key("sources");
      w.StartArray();
      for (const std::string& src : r->sources) str(src);
      w.EndArray();
      w.Key("everywhere");
      w.Bool(settings.everywhere);
      w.Key("environments");
      w.StartArray();
      for (const std::string& env : eff.environments)
        if (settings.environments.count(env)) str(env);
      w.EndArray();
      w.Key("description");
      str(r->description);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << buffer.GetString() << "\n";
    return 0;
  }
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
  cmd->add_option("--policy-name", options->policy_name, "Where this policy enforces each rule (default: yours, else innovate)");
  cmd->add_option("--format,-f", options->format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->callback([options, &status] { status = run_rules(*options); });
}

}  // namespace guardrail::cli
