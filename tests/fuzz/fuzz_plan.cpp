// Fuzz target: Terraform plan JSON, through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("plan.json", data, size);
  return 0;
}
