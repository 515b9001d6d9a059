// guardrail: the command line. Each subcommand lives in its own file as an
// options struct, a setup function that registers it, and a run function.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "policy/functions.hpp"
#include "version.hpp"

int main(int argc, char** argv) {
  // Large blocks (a vector of every resource, a type's list) straight from
  // the system and back to it when freed. glibc otherwise raises this
  // threshold to the largest block freed so far, so the next ones come from
  // the heap among the resources kept and stay in its pages: 40 MB of the
  // peak of a 200 MB AWS Config snapshot, 50 MB of a 40 MB CLI export's.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  CLI::App app{"guardrail: policy and compliance checks for Terraform, CloudFormation, "
               "Kubernetes, Dockerfiles and live AWS exports"};
  app.name("guardrail");  // in usage lines, whatever path it was run by
  app.set_version_flag("--version", std::string("guardrail ") + guardrail::kVersion);
  app.require_subcommand(1);
  int status = 0;
  guardrail::cli::set_command_line(argc, argv);
  guardrail::cli::register_commands(app, status);
  std::vector<std::string> args(argv + 1, argv + argc);
  // `guardrail` alone, `guardrail help [COMMAND]`, `guardrail version`.
  if (args.empty()) {
    std::cerr << app.help();
    return 2;
  }
  if (args[0] == "version") {
    std::cout << "guardrail " << guardrail::kVersion << "\n";
    return 0;
  }
  if (args[0] == "help") {
    if (args.size() > 1) {
      try {
        std::cout << app.get_subcommand(args[1])->help("guardrail");
        return 0;
      } catch (const CLI::OptionNotFound&) {
        std::cerr << "guardrail: no command '" << args[1] << "'\n";
        return 2;
      }
    }
    std::cout << app.help();
    return 0;
  }
  if (!args[0].empty() && args[0][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), args[0]) == commands.end()) {
      std::string suggestion = guardrail::policy::closest(args[0], commands);
      std::cerr << "guardrail: unknown command '" << args[0] << "'"
                << (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") << "\n"
                << "Run guardrail help for the commands.\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // A file whose name begins with '-' (a staged "-deploy.yaml") reads as an option.
    std::error_code ec;
    for (const std::string& a : args)
      if (a.size() > 1 && a[0] == '-' && a.find('=') == std::string::npos && std::filesystem::exists(a, ec))
        std::cerr << "guardrail: '" << a << "' is a file, but reads as an option: name it ./" << a << "\n";
    // Usage errors exit 2 (the run itself failed); --help and --version exit 0.
    return code == 0 ? 0 : 2;
  }
  return status;
}
