// guardrail: the command line. Each subcommand lives in its own file as an
// options struct, a setup function that registers it, and a run function.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"guardrail: policy and compliance checks for Terraform, CloudFormation, "
               "Kubernetes, Dockerfiles and live AWS exports"};
  app.set_version_flag("--version", std::string("guardrail ") + guardrail::kVersion);
  app.require_subcommand(1);
  int status = 0;
  guardrail::cli::set_command_line(argc, argv);
  guardrail::cli::register_commands(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // Usage errors exit 2 (the run itself failed); --help and --version exit 0.
    return code == 0 ? 0 : 2;
  }
  return status;
}
