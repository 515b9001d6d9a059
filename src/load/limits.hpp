#pragma once
#include <cstddef>

namespace guardrail::load {

/// Deepest nesting a loader accepts. Real documents stay far below it; deeper
/// input is malicious or broken and gets a located error instead of a stack
/// overflow later in the pipeline.
inline constexpr size_t kMaxDepth = 512;

/// Most nodes that YAML alias expansion may create per file ("billion laughs").
inline constexpr size_t kMaxAliasNodes = 1'000'000;

}  // namespace guardrail::load
