#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace guardrail::base {

/// What a command printed and how it ended.
struct CommandResult {
  bool started = false;  // false: not found on PATH, or could not be run
  int status = -1;       // exit status; -1 when killed by a signal
  std::string out, err;
  bool truncated = false;  // stdout was longer than the limit and was cut
};

/// Runs argv[0] (looked up on PATH) with the arguments as given, no shell in
/// between (folder names from a repository are never interpreted), and
/// collects its standard output up to `max_output` bytes and its standard
/// error up to 64 KiB.
CommandResult run_command(const std::vector<std::string>& argv, uint64_t max_output);

/// True when `name` is an executable file in a folder of PATH.
bool on_path(const std::string& name);

}  // namespace guardrail::base
