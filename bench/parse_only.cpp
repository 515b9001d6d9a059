// Parse-only lower bound: reads every file under the given paths and parses it
// with the same loaders a scan uses, without adapting or evaluating. Prints
// files, bytes and seconds. bench/run.sh compares it with a full scan.
#include <chrono>
#include <cstdio>
#include <string>

#include "scan/discover.hpp"
#include "scan/parallel.hpp"
#include "scan/read_input.hpp"

int main(int argc, char** argv) {
  using namespace guardrail;
  std::vector<std::string> paths(argv + 1, argv + argc);
  if (paths.empty()) paths.push_back(".");
  auto start = std::chrono::steady_clock::now();
  scan::Discovery d = scan::discover(paths, std::filesystem::current_path());
  std::vector<size_t> bytes(d.files.size());
  scan::parallel_for(d.files.size(), 1, [&](size_t i) {
    scan::LoadedFile f = scan::read_input(d.files[i]);
    bytes[i] = f.source ? f.source->text().size() : 0;
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t total = 0;
  for (size_t b : bytes) total += b;
  std::printf("files %zu bytes %zu seconds %.3f\n", d.files.size(), total, seconds);
  return 0;
}
