// Fuzz target: the JSON document loader and the JSON-in-a-string parser
// (policy documents, jsondecode).
#include <string>

#include "load/json_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  guardrail::base::SourceFile file("fuzz.json", text);
  (void)guardrail::load::load_json(file);
  (void)guardrail::load::parse_json_text(text, {file.path(), 1, 1, 1, 2});
  return 0;
}
