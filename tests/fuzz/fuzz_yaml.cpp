// Fuzz target: the YAML loader alone (libyaml events, anchors and aliases,
// merge keys, tags, scalar resolution, depth and alias budgets).
#include <string>

#include "load/yaml_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guardrail::base::SourceFile file("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  (void)guardrail::load::load_yaml(file);
  return 0;
}
