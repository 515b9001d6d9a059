// Fuzz target: Kubernetes manifests (multi-document YAML, Lists, pod templates), through the whole scan pipeline.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::fuzz::scan_bytes("manifest.yaml", data, size);
  return 0;
}
