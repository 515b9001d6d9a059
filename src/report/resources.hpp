#pragma once
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

/// Every resource of a scan as JSON: type, address, source, environment,
/// account, region, location, and its attributes as the rules see them
/// (unknown values as {"unknown": reason}, references as {"ref": target}).
/// For writing and debugging rules: `guardrail resources PATH`.
std::string render_resources(const scan::ScanResult& result);

}  // namespace guardrail::report
