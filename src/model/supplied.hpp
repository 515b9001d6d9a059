#pragma once
#include <string_view>

namespace guardrail::model {

/// The tag of a value supplied from outside the code: a `--var` on the
/// command line, or a plan's value of a root variable that has no default
/// (given with -var, TF_VAR_ or a file the plan does not name). It is used
/// as written, but it is not a literal written in the code: SEC-004 and
/// DB-012, which look for those, do not read it as one.
inline constexpr std::string_view kSuppliedTag = "!guardrail/supplied";

}  // namespace guardrail::model
