// Fuzz target: AWS Config snapshots and configuration items, through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("accounts/111111111111/us-east-1/config-snapshot.json", data, size);
  return 0;
}
