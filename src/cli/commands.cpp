#include "cli/commands.hpp"

namespace guardrail::cli {
namespace {
std::string g_command_line;
}

void set_command_line(int argc, char** argv) {
  g_command_line.clear();
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    bool quote = arg.empty() || arg.find_first_of(" \t\"'$") != std::string::npos;
    if (i) g_command_line += ' ';
    g_command_line += quote ? "'" + arg + "'" : arg;
  }
}

const std::string& command_line() { return g_command_line; }

void register_commands(CLI::App& app, int& status) {
  setup_scan(app, status);
  setup_test(app, status);
  setup_check(app, status);
  setup_rules(app, status);
  setup_explain(app, status);
}

}  // namespace guardrail::cli
