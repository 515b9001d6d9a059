#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "policy/pack.hpp"
#include "report/text.hpp"
#include "scan/discover.hpp"

namespace guardrail::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool no_color = false;
};

int run_check(const CheckOptions& options) {
  // The files are checked against the shipped rules, so a policy naming
  // NET-001 resolves; only the named files' problems are printed.
  policy::Pack pack;
  policy::add_builtin(pack);
  std::set<std::string> named;
  auto root = std::filesystem::current_path();
  int status = 0;
  size_t checked = 0;
  std::vector<std::string> files;
  for (const std::string& f : options.files) {
    std::error_code ec;
    if (!std::filesystem::is_directory(f, ec)) {
      files.push_back(f);
      continue;
    }
    // A folder is read as --policy reads it: its .grl files (rule cases
    // excluded) and the data tables its rules use.
    size_t before = pack.sources.size();
    policy::add_directory(pack, f, root, true);
    if (pack.sources.size() == before) {
      std::cout << f << ": error[io]: no .grl file in this folder\n";
      status = 2;
    }
    for (size_t i = before; i < pack.sources.size(); ++i) named.insert(std::string(pack.sources[i]->path()));
    checked += pack.sources.size() - before;
  }
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cout << f << ": error[io]: cannot open file\n";
      status = 2;
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string shown = scan::display_path(f, root);
    named.insert(shown);
    policy::add_file(pack, shown, ss.str(), true);
  }
  policy::check(pack);
  bool color = use_color(options.no_color, STDOUT_FILENO);
  size_t errors = 0;
  for (const base::Diagnostic& d : pack.diagnostics) {
    if (!named.count(std::string(d.where.file))) continue;
    std::cout << report::render_diagnostic(d, pack.source(d.where.file), color);
    errors += d.level == base::Level::error;
  }
  size_t rules = 0, policies = 0;
  for (const auto& r : pack.rules) rules += named.count(r->file);
  for (const auto& p : pack.policies) policies += named.count(p->file);
  checked += files.size();
  std::cout << checked << (checked == 1 ? " file" : " files") << ": " << rules
            << (rules == 1 ? " rule" : " rules") << ", " << policies << (policies == 1 ? " policy" : " policies")
            << ", " << errors << (errors == 1 ? " error" : " errors") << "\n";
  return errors ? 2 : status;
}

}  // namespace

void setup_check(CLI::App& app, int& status) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Parse and type-check policy-language files; run nothing");
  cmd->add_option("files", options->files, "Rule and policy files, or folders of them")->required();
  cmd->add_flag("--no-color", options->no_color, "Never colour the output");
  cmd->callback([options, &status] { status = run_check(*options); });
}

}  // namespace guardrail::cli
