#include "support.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace guardrail::test {
namespace fs = std::filesystem;

fs::path source_dir() { return GUARDRAIL_SOURCE_DIR; }
fs::path external_dir() { return GUARDRAIL_EXTERNAL_DIR; }

bool have_external(const char* suite) {
  if (fs::exists(external_dir() / suite)) return true;
  // The suites are vendored under tests/external: a missing one is a broken
  // checkout or a wrong GUARDRAIL_EXTERNAL_DIR, and the test fails, never passes.
  throw std::runtime_error((external_dir() / suite).string() +
                           " is absent: the conformance suite cannot run (tests/external holds it in a full clone)");
}

std::map<std::string, scan::EnvironmentOverride> fixture_environments() {
  return scan::load_config(source_dir() / "fixtures" / "innovate" / ".guardrail.yaml").environments;
}

base::SourceFile source(std::string text, std::string path) {
  return base::SourceFile(std::move(path), std::move(text));
}

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("guardrail-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  static struct Cleanup {
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("guardrail-test-" + std::to_string(::getpid())), ec);
    }
  } cleanup;
  return dir;
}

fs::path copy_of(const std::string& folder) {
  std::string name = folder;
  std::replace(name.begin(), name.end(), '/', '-');
  fs::path to = temp_dir("copy-" + name);
  fs::copy(source_dir() / folder, to, fs::copy_options::recursive);
  return to;
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_guardrail(const std::string& args, std::string& out, const fs::path& cwd, bool with_stderr) {
  std::string cmd;
  if (!cwd.empty()) cmd = "cd '" + cwd.string() + "' && ";
  cmd += std::string("'") + GUARDRAIL_BINARY + "' " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  out.clear();
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return -1;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace guardrail::test
