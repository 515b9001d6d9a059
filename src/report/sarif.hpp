#pragma once
#include <ostream>
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

struct SarifOptions {
  std::string command_line;  // invocations[0].commandLine
  /// The scan root as a file URI ("file:///home/me/repo/"); the
  /// %SRCROOT% base of every artifact URI.
  std::string root_uri;
};

/// One SARIF 2.1.0 log with one run, as GitHub code scanning ingests it:
/// a descriptor per rule that ran (with help, helpUri, tags and
/// security-severity), results with a physical location (relative URI under
/// %SRCROOT%, region, snippet), related and logical locations, stable
/// partialFingerprints, suppressions for waived and inline-suppressed
/// findings, input errors as toolExecutionNotifications, and the scanned
/// files as artifacts. Secrets are masked in snippets.
std::string render_sarif(const scan::ScanResult& result, const SarifOptions& options);
/// The same, written to `out` as it is made (a large log is never held whole).
void write_sarif(const scan::ScanResult& result, const SarifOptions& options, std::ostream& out);

/// A path as a URI reference: '/'-separated, percent-encoding spaces,
/// non-ASCII bytes and other characters URIs do not allow.
std::string uri_path(std::string_view path);


}  // namespace guardrail::report
