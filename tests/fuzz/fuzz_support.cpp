#include "fuzz_support.hpp"

#include <memory>

#include "load/limits.hpp"
#include "report/html.hpp"
#include "report/json.hpp"
#include "report/sarif.hpp"
#include "report/text.hpp"
#include "scan/scanner.hpp"

namespace guardrail::fuzz {

void scan_bytes(const std::string& name, const uint8_t* data, size_t size) {
  static std::shared_ptr<policy::Pack> pack = [] {
    // Amplification is bounded by the documented limits; the fuzzer looks for
    // crashes, so a few instances of a counted resource say as much as 10,000.
    load::Limits bounds = load::limits();
    bounds.instances_per_resource = 16;
    load::set_limits(bounds);
    scan::ScanOptions options;
    return scan::load_pack(options);
  }();
  scan::ScanOptions options;
  options.jobs = 1;
  options.now = "2026-01-01";
  scan::Candidate input;
  // A path under no real folder: Terraform's module calls and CloudFormation's
  // nested stacks find nothing on disk.
  input.disk_path = "/nonexistent-guardrail-fuzz/" + name;
  input.display_path = name;
  input.content = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
  options.inputs.push_back(std::move(input));
  scan::ScanResult result = scan::run_scan(options, pack);
  // The reports walk what the scan made: findings, locations, snippets.
  (void)report::render_text(result, {.color = false, .summary = true});
  (void)report::render_json(result);
  (void)report::render_sarif(result, {"guardrail scan", "file:///"});
  (void)report::render_html(result, {.generated = "2026-01-01", .version = "0", .paths = {}, .commit = ""});
}

}  // namespace guardrail::fuzz
