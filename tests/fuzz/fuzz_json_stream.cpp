// Fuzz target: the streaming JSON reader (exports read element by element)
// with the export adapter on every element, as a large export is read: half
// the inputs with a projection (what to keep while parsing), half without.
#include <cstdio>
#include <string>

#include "adapt/aws_export.hpp"
#include "load/json_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::FILE* f = fmemopen(text.data(), text.size() ? text.size() : 1, "rb");
  if (!f) return 0;
  if (text.empty()) std::fgetc(f);  // fmemopen needs a size of one or more
  const std::string path = "accounts/111111111111/us-east-1/stream.json";
  static const guardrail::load::KeepMember kKeep =
      guardrail::adapt::export_keep({"cidr_block", "ingress", "tags"}, {"aws_s3_account_public_access_block"});
  guardrail::adapt::ExportResult exported;
  std::vector<std::string> arrays;
  guardrail::load::StreamResult streamed = guardrail::load::stream_json(
      f, path,
      [&](std::string_view key, guardrail::model::Value element) {
        if (arrays.empty() || arrays.back() != key) arrays.emplace_back(key);
        guardrail::adapt::adapt_export_element(key, element, path, exported);
        return true;
      },
      size % 2 ? kKeep : guardrail::load::KeepMember());
  std::fclose(f);
  guardrail::adapt::export_inventories(arrays, path, exported);
  guardrail::adapt::snapshot_inventories(streamed.envelope, path, exported);
  return 0;
}
