#pragma once
#include <string_view>

namespace guardrail::base {

/// Returns a view of a copy of `text` that lives until the program ends, the
/// same view for equal texts. For the few strings that many objects point at
/// (file paths in Locations, YAML tags), so they can be held as string_view.
/// Thread-safe.
std::string_view intern(std::string_view text);

}  // namespace guardrail::base
