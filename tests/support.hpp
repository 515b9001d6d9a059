#pragma once
#include <filesystem>
#include <string>

#include "base/source_file.hpp"
#include "scan/config.hpp"

namespace guardrail::test {

/// The repository's root folder.
std::filesystem::path source_dir();
/// tests/external (the GUARDRAIL_EXTERNAL_DIR cache variable): the vendored
/// conformance suites, each with its SOURCE.md and LICENSE.
std::filesystem::path external_dir();
/// True when the suite is present; throws (failing the test) when it is not.
bool have_external(const char* suite);

/// The account bindings of fixtures/innovate/.guardrail.yaml, as a scan of the
/// fixtures from the command line applies them (the shipped policy has none).
std::map<std::string, scan::EnvironmentOverride> fixture_environments();

/// A SourceFile from a string, for parsers' string entry points.
base::SourceFile source(std::string text, std::string path = "test.yaml");

/// A fresh empty folder under the system temp folder, removed at exit.
std::filesystem::path temp_dir(const std::string& name);
/// A copy of a folder of the source tree (relative to it) in a fresh temp
/// folder, outside any git work tree: scans of it see no repository but it.
std::filesystem::path copy_of(const std::string& folder);
void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

/// Runs the built `guardrail` binary with arguments (a shell fragment) in
/// `cwd`; returns its exit status and fills stdout (and stderr after it, when asked).
int run_guardrail(const std::string& args, std::string& out, const std::filesystem::path& cwd = {},
                  bool with_stderr = false);

}  // namespace guardrail::test
