#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace guardrail::scan {
struct ScanResult;
}

namespace guardrail::filter {

/// How a finding is recognized again in a later run, when lines were
/// inserted above it or the file re-indented (SARIF partialFingerprints,
/// baselines).
struct Fingerprint {
  /// Rule, resource and the finding's line without whitespace (a secret's
  /// value masked), hashed; then ":n" for the n-th such finding in the file.
  /// SARIF's primaryLocationLineHash.
  std::string line_hash;
  /// The same, with the file's path in the hash: unique over a run
  /// (SARIF's guardrail/v1, the key of a baseline).
  std::string stable;
};

/// One per finding of `result`, in its order. Suppressed findings count too,
/// so suppressing one finding does not renumber the others.
std::vector<Fingerprint> fingerprints(const scan::ScanResult& result);

}  // namespace guardrail::filter
