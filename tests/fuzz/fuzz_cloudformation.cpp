// Fuzz target: CloudFormation templates (YAML or JSON: intrinsics, conditions, nested stacks), through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("template.yaml", data, size);
  return 0;
}
