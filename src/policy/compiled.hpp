#pragma once
// The shipped rules, parsed and checked when guardrail is built, in a
// serialized form that start-up reads back without parsing.
//
// The build runs `pack_compile`, which parses and checks the embedded rule
// files (a broken shipped rule fails the build), serializes the checked
// rules, and writes them as a C++ array that the guardrail binary links
// (compiled_pack_blob()). add_builtin() loads that instead of parsing when
// its fingerprint matches the embedded rule texts; any mismatch, or a binary
// without the array, falls back to parsing. Policies stay text: they are
// small, and a user's policy extends them by name.

#include <cstdint>
#include <string>
#include <string_view>

#include "policy/pack.hpp"

namespace guardrail::policy {

/// The serialized form of the checked shipped rules of `pack` (those not
/// from a user), with the fingerprint of the embedded rule texts.
std::string serialize_rules(const Pack& pack);

/// Adds the rules of `blob` to `pack` as checked rules whose clauses are read
/// on first use (Rule::body()). False (and `pack` untouched) when the blob is
/// empty, malformed, or made from other rule texts than the embedded ones.
bool load_compiled_rules(Pack& pack, std::string_view blob);

/// The blob the build linked into this binary; empty when none was (the
/// pack_compile tool itself, and test programs built without it).
std::string_view compiled_pack_blob();

/// Whether `path` names a rule file of the embedded pack (rules/**.grl).
bool is_embedded_rule_file(std::string_view path);

}  // namespace guardrail::policy
