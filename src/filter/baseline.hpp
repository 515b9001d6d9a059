#pragma once
#include <string>

namespace guardrail::scan {
struct ScanResult;
}

namespace guardrail::filter {

/// Writes the run's findings that count (not waived or suppressed inline;
/// those in a baseline in effect count) as a baseline:
/// JSON {"guardrailBaseline": 1, "findings": [{fingerprint, ruleId, file,
/// line, resource, message}]}. The fingerprint is SARIF's guardrail/v1;
/// the rest is for people reading the file. False with `error` set when
/// the file cannot be written.
bool write_baseline(const scan::ScanResult& result, const std::string& path, std::string& error);

/// Reads a baseline and marks every finding it holds (by fingerprint) as
/// suppressed by the baseline, the others as new (Finding::baseline_state).
/// A baseline that cannot be read is an error diagnostic at its location.
void apply_baseline(scan::ScanResult& result, const std::string& path);

}  // namespace guardrail::filter
