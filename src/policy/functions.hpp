#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/types.hpp"

namespace guardrail::policy {

/// What the checker knows of a built-in function. The evaluator's
/// implementations (evaluate/builtins_*.cpp) are matched to these by name.
struct FunctionSignature {
  std::string_view name;
  int min_args, max_args;      // max_args -1: any number
  std::vector<TypeSet> args;   // per position; the last one repeats
  TypeSet result;
  std::string_view summary;    // one line, for docs and `guardrail explain`
  std::string_view group;      // "cidr", "string", "collection", "kubernetes", "resource", "value"
};

std::span<const FunctionSignature> functions();

/// Index into functions(), or -1.
int find_function(std::string_view name);

/// The closest function name (by edit distance), for "did you mean".
std::string_view closest_function(std::string_view name);

/// The largest edit distance worth a "did you mean" for this name.
size_t suggestion_limit(std::string_view name);

/// Edit distance, for suggestions (a swap of two adjacent letters is one edit).
size_t edit_distance(std::string_view a, std::string_view b);

/// For "did you mean": the name equal to `word` but for case, else the
/// nearest within suggestion_limit(word), case ignored; "" when none is near.
std::string closest(std::string_view word, const std::vector<std::string>& names);

}  // namespace guardrail::policy
