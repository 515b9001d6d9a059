#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace guardrail::cli {

/// Registers every subcommand on `app`. The subcommand that runs stores its
/// exit status in `status`: 0 clean, 1 findings at or above the threshold,
/// 2 the run itself failed.
void register_commands(CLI::App& app, int& status);

/// The command line as typed, for reports that record it (SARIF invocations).
void set_command_line(int argc, char** argv);
const std::string& command_line();

/// Whether to colour what is written to `fd`: a terminal, no --no-color, no
/// NO_COLOR set to a value (https://no-color.org: an empty one is unset), and
/// a TERM that is not "dumb".
bool use_color(bool no_color_flag, int fd);

void setup_scan(CLI::App& app, int& status);
void setup_test(CLI::App& app, int& status);
void setup_check(CLI::App& app, int& status);
void setup_rules(CLI::App& app, int& status);
void setup_explain(CLI::App& app, int& status);

}  // namespace guardrail::cli
