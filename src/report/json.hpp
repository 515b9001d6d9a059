#pragma once
#include <ostream>
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

/// The scan as one JSON object: `findings` (suppressed ones included, with
/// their suppression), `diagnostics` (errors and warnings of the run) and
/// `summary`. Locations are {path, line, column, endLine, endColumn}, paths
/// relative to the scan root. Keys and order are stable across runs.
std::string render_json(const scan::ScanResult& result);
/// The same, written to `out` as it is made (a large report is never held whole).
void write_json(const scan::ScanResult& result, std::ostream& out);

}  // namespace guardrail::report
