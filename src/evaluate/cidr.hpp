#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guardrail::evaluate {

__extension__ typedef unsigned __int128 u128;

/// An IPv4 or IPv6 network, host bits masked. IPv4 addresses live in the low
/// 32 bits. Compared as networks: 10.0.2.0/8 is 10.0.0.0/8.
struct Cidr {
  bool v6 = false;
  u128 start = 0;  // first address
  u128 end = 0;    // last address
  int prefix = 0;

  int bits() const { return v6 ? 128 : 32; }
  bool contains(const Cidr& inner) const {
    return v6 == inner.v6 && prefix <= inner.prefix && inner.start >= start && inner.end <= end;
  }
  bool overlaps(const Cidr& other) const {
    return v6 == other.v6 && start <= other.end && other.start <= end;
  }
  /// "10.0.0.0/16", "2001:db8::/32".
  std::string to_string() const;
};

/// An address as text: dotted IPv4, or IPv6 in RFC 5952 form (the longest
/// run of zero groups compressed to "::", lower case).
std::string address_text(u128 address, bool v6);

/// Parses "10.0.0.0/16", "10.0.0.1" (a /32), "2001:db8::/32", "::/0".
/// Returns nullopt for anything else (including out-of-range prefixes).
std::optional<Cidr> parse_cidr(std::string_view text);

/// Inside RFC 1918, RFC 6598 (100.64.0.0/10) or fc00::/7.
bool is_private(const Cidr& c);

/// docs/semantics.md, "Open to the internet": the networks together cover
/// 0.0.0.0/0 or ::/0, or one is public (not private) with a prefix of at most
/// `max_v4` (IPv4) or `max_v6` (IPv6).
bool is_open(const std::vector<Cidr>& networks, int max_v4 = 8, int max_v6 = 32);

/// Index pairs (i, j), i != j, of networks that overlap, in no particular
/// order. Sorting makes this O(n log n + pairs): CIDR blocks either nest or
/// are disjoint. Copies of one block pair with its first copy only, not with
/// each other, so the pairs number O(n x prefix lengths), never O(n²).
std::vector<std::pair<size_t, size_t>> overlapping_pairs(const std::vector<Cidr>& networks);

}  // namespace guardrail::evaluate
