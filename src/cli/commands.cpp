#include "cli/commands.hpp"

namespace guardrail::cli {

void register_commands(CLI::App& app, int& status) {
  setup_scan(app, status);
}

}  // namespace guardrail::cli
