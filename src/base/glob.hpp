#pragma once
#include <string_view>

namespace guardrail::base {

/// Matches a path (forward slashes) against a glob: `*` is any run of
/// characters within a segment, `?` one character, `**` any number of whole
/// segments (`envs/prod/**` matches everything under envs/prod). Also used for
/// resource addresses, where `*` crosses dots.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace guardrail::base
