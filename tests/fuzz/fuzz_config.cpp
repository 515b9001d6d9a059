// Fuzz target: `.guardrail.yaml`.
#include <memory>
#include <string>

#include "scan/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_unique<guardrail::base::SourceFile>(
      ".guardrail.yaml", std::string(reinterpret_cast<const char*>(data), size));
  (void)guardrail::scan::parse_config(std::move(source), ".");
  return 0;
}
