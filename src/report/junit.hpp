#pragma once
#include <string>

#include "scan/scanner.hpp"

namespace guardrail::report {

/// JUnit XML as CI dashboards (GitLab, Jenkins, Azure) read it: a test suite
/// per rule that ran, a test case per resource it checked. A failed check
/// carries its findings' messages and locations; a waived or undecided one is
/// skipped with the reason; errors of the run form a suite of their own.
std::string render_junit(const scan::ScanResult& result);

/// Escapes &, <, >, " and control characters for XML text and attributes.
std::string xml_escape(std::string_view text);

}  // namespace guardrail::report
