// Fuzz target: the HCL native syntax parser alone (PEGTL grammar, heredocs,
// templates, expressions, error recovery).
#include <string>

#include "load/hcl/parse.hpp"
#include "model/encoded.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::base::SourceFile file("fuzz.tf", std::string(reinterpret_cast<const char*>(data), size));
  (void)guardrail::load::hcl::parse_hcl(file);
  guardrail::model::forget_encoded();  // heredoc JSON the parser remembered for this input
  return 0;
}
