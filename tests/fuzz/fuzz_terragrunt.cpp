// Fuzz target: a Terragrunt unit (includes, locals, functions, dependencies,
// generate blocks, merges), through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("terragrunt.hcl", data, size);
  return 0;
}
