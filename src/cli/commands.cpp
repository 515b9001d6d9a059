#include "cli/commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

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

bool use_color(bool no_color_flag, int fd) {
  if (no_color_flag || !isatty(fd)) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

void register_commands(CLI::App& app, int& status) {
  setup_scan(app, status);
  setup_test(app, status);
  setup_check(app, status);
  setup_rules(app, status);
  setup_explain(app, status);
}

}  // namespace guardrail::cli
