// Fuzz target: the policy language (parser and checker), on its own and
// together with the shipped pack, whose rules it may replace.
#include <string>

#include "policy/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  guardrail::policy::Pack alone;
  guardrail::policy::add_file(alone, "fuzz.grl", text);
  guardrail::policy::check(alone);
  return 0;
}
