// Replays inputs through one fuzz target without libFuzzer: the regression
// inputs and seeds under ctest, in the ordinary and the sanitizer builds.
//
//   guardrail_fuzz_replay TARGET FILE|FOLDER...
//
// Each harness is compiled here with its entry point renamed to
// guardrail_fuzz_TARGET (tests/fuzz/CMakeLists.txt). Exits 0 when every
// input ran (a crash ends the process, and the sanitizer build reports what
// it found), 2 on a usage error or a path that cannot be read.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#define GUARDRAIL_FUZZ_TARGET(name) extern "C" int guardrail_fuzz_##name(const uint8_t* data, size_t size);
#include "fuzz_targets.inc"
#undef GUARDRAIL_FUZZ_TARGET

namespace {

struct Target {
  const char* name;
  int (*run)(const uint8_t*, size_t);
};

const Target kTargets[] = {
#define GUARDRAIL_FUZZ_TARGET(name) {#name, guardrail_fuzz_##name},
#include "fuzz_targets.inc"
#undef GUARDRAIL_FUZZ_TARGET
};

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const Target* target = nullptr;
  for (const Target& t : kTargets)
    if (argc > 1 && std::string(argv[1]) == t.name) target = &t;
  if (!target) {
    std::cerr << "usage: guardrail_fuzz_replay TARGET FILE|FOLDER...; targets:";
    for (const Target& t : kTargets) std::cerr << " " << t.name;
    std::cerr << "\n";
    return 2;
  }
  std::vector<fs::path> inputs;
  int status = 0;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i], ec))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else if (fs::is_regular_file(argv[i], ec)) {
      inputs.push_back(argv[i]);
    } else {
      std::cerr << argv[i] << ": not a file or folder\n";
      status = 2;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    target->run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << target->name << ": " << inputs.size() << " inputs replayed\n";
  return status;
}
