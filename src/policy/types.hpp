#pragma once
#include <cstdint>
#include <string>

namespace guardrail::policy {

/// Static types the checker knows, as a set: an expression whose type is a
/// set of several may be any of them at run time. `kAny` is every type.
using TypeSet = uint16_t;
inline constexpr TypeSet kNull = 1 << 0;
inline constexpr TypeSet kBool = 1 << 1;
inline constexpr TypeSet kNumber = 1 << 2;
inline constexpr TypeSet kString = 1 << 3;
inline constexpr TypeSet kList = 1 << 4;
inline constexpr TypeSet kMap = 1 << 5;
inline constexpr TypeSet kResource = 1 << 6;
inline constexpr TypeSet kAny = 0x7f;

/// "a string", "a string or list", "any value": for error messages.
std::string describe(TypeSet types);

}  // namespace guardrail::policy
