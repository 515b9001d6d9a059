#pragma once
// Where a scan stands on each control of a compliance framework, from the
// findings and checks of the rules that decide it (docs/frameworks.md).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "policy/frameworks.hpp"

namespace guardrail::scan {

struct ScanResult;

/// Worst first: the order reports list controls in.
enum class ControlStatus { failed, undecided, passed, not_applicable, not_assessed, not_covered };

std::string_view to_string(ControlStatus status);

/// The control in one view ("declared": infrastructure as code; "deployed":
/// live exports) and environment ("" when not known).
struct ScopeStatus {
  std::string view, environment;
  ControlStatus status = ControlStatus::not_applicable;
  size_t passed = 0, failed = 0, undecided = 0;  // checks
};

struct ControlResult {
  const policy::Control* control = nullptr;
  ControlStatus status = ControlStatus::not_covered;
  size_t passed = 0, failed = 0, undecided = 0;  // checks, over every scope
  size_t excepted = 0;                            // findings suppressed (waiver, inline, baseline)
  std::vector<size_t> findings;                   // indexes into ScanResult::findings, active ones
  /// Why the control is undecided or not assessed, and what a pass does not
  /// prove (a rule not run, a parameter the policy sets otherwise).
  std::vector<std::string> reasons;
  std::vector<ScopeStatus> scopes;  // by view, then environment
};

struct FrameworkResult {
  std::shared_ptr<const policy::Framework> framework;
  std::vector<ControlResult> controls;  // in the framework's order
  size_t count(ControlStatus status) const;
  /// Controls some rule decides (mapping full or partial).
  size_t covered() const;
};

/// Judges every control of `framework` from what `result` holds: its
/// findings (after suppressions), its checks, the rules it ran and the
/// policy it applied. A control is
///   failed          when a rule of it has an active finding;
///   undecided       when none has, but a check could not be decided, one of
///                   its rules did not run, or the policy runs a rule with a
///                   parameter other than the control's;
///   passed          when its rules checked something and every check held
///                   (suppressed findings are counted as exceptions);
///   not applicable  when its rules ran and found nothing to check;
///   not assessed    when none of its rules ran (not enforced, or skipped);
///   not covered     when no rule of guardrail decides it.
FrameworkResult judge(std::shared_ptr<const policy::Framework> framework, const ScanResult& result);

}  // namespace guardrail::scan
