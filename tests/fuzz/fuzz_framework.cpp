// Fuzz target: compliance framework files (policy/frameworks.hpp), checked
// against the shipped pack as --framework FILE reads them.
#include <memory>
#include <string>

#include "policy/frameworks.hpp"
#include "scan/scanner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<guardrail::policy::Pack> pack = guardrail::scan::load_pack({});
  guardrail::base::SourceFile file("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  guardrail::base::Diagnostics diagnostics;
  (void)guardrail::policy::parse_framework(file, *pack, diagnostics);
  return 0;
}
