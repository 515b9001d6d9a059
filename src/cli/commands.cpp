#include "cli/commands.hpp"

namespace guardrail::cli {

void register_commands(CLI::App& app, int& status) {
  setup_scan(app, status);
  setup_test(app, status);
  setup_check(app, status);
  setup_rules(app, status);
  setup_explain(app, status);
}

}  // namespace guardrail::cli
