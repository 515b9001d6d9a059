// Fuzz target: AWS CLI describe/list output in an export bundle, through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("accounts/111111111111/us-east-1/describe.json", data, size);
  return 0;
}
