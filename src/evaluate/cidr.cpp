#include "evaluate/cidr.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace guardrail::evaluate {
namespace {

bool parse_uint(std::string_view s, int base, uint32_t max, uint32_t& out) {
  if (s.empty() || s.size() > 5) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && p == s.data() + s.size() && out <= max;
}

bool parse_v4(std::string_view s, uint32_t& out) {
  out = 0;
  for (int i = 0; i < 4; ++i) {
    size_t dot = i < 3 ? s.find('.') : s.size();
    if (dot == std::string_view::npos) return false;
    uint32_t octet;
    std::string_view part = s.substr(0, dot);
    if (part.size() > 3 || !parse_uint(part, 10, 255, octet)) return false;
    out = out << 8 | octet;
    s = i < 3 ? s.substr(dot + 1) : std::string_view();
  }
  return true;
}

bool parse_v6(std::string_view s, u128& out) {
  std::vector<uint16_t> head, tail;
  bool gap = false;
  size_t pos = 0;
  if (s.substr(0, 2) == "::") {
    gap = true;
    pos = 2;
  }
  auto* part = gap ? &tail : &head;
  while (pos < s.size()) {
    size_t colon = s.find(':', pos);
    std::string_view group = s.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos);
    if (group.find('.') != std::string_view::npos) {  // trailing dotted IPv4
      uint32_t v4;
      if (!parse_v4(group, v4)) return false;
      part->push_back(static_cast<uint16_t>(v4 >> 16));
      part->push_back(static_cast<uint16_t>(v4 & 0xffff));
      pos = s.size();
      break;
    }
    uint32_t value;
    if (group.size() > 4 || !parse_uint(group, 16, 0xffff, value)) return false;
    part->push_back(static_cast<uint16_t>(value));
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
    if (pos < s.size() && s[pos] == ':') {
      if (gap) return false;
      gap = true;
      part = &tail;
      ++pos;
    } else if (pos == s.size()) {
      return false;  // trailing single colon
    }
  }
  size_t groups = head.size() + tail.size();
  if (gap ? groups > 7 : groups != 8) return false;
  std::vector<uint16_t> all = head;
  all.resize(8 - tail.size(), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  out = 0;
  for (uint16_t g : all) out = out << 16 | g;
  return true;
}

u128 host_mask(int bits, int prefix) {
  if (prefix >= bits) return 0;
  u128 ones = bits == 128 ? ~u128(0) : (u128(1) << bits) - 1;
  return ones >> prefix;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  Cidr c;
  size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  c.v6 = addr.find(':') != std::string_view::npos;
  u128 value = 0;
  if (c.v6) {
    if (!parse_v6(addr, value)) return std::nullopt;
  } else {
    uint32_t v4;
    if (!parse_v4(addr, v4)) return std::nullopt;
    value = v4;
  }
  int bits = c.bits();
  c.prefix = bits;
  if (slash != std::string_view::npos) {
    uint32_t p;
    if (!parse_uint(text.substr(slash + 1), 10, static_cast<uint32_t>(bits), p)) return std::nullopt;
    c.prefix = static_cast<int>(p);
  }
  u128 mask = host_mask(bits, c.prefix);
  c.start = value & ~mask;
  if (!c.v6) c.start &= 0xffffffffu;
  c.end = c.start | mask;
  return c;
}

std::string address_text(u128 address, bool v6) {
  char buf[64];
  if (!v6) {
    auto a = static_cast<uint32_t>(address);
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    return buf;
  }
  unsigned groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = static_cast<unsigned>((address >> (16 * (7 - i))) & 0xffff);
  // The longest run of two or more zero groups becomes "::".
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", groups[i]);
    out += buf;
  }
  return out;
}

std::string Cidr::to_string() const { return address_text(start, v6) + "/" + std::to_string(prefix); }

bool is_private(const Cidr& c) {
  static const Cidr kPrivate[] = {*parse_cidr("10.0.0.0/8"), *parse_cidr("172.16.0.0/12"),
                                  *parse_cidr("192.168.0.0/16"), *parse_cidr("100.64.0.0/10"),
                                  *parse_cidr("fc00::/7")};
  for (const Cidr& p : kPrivate)
    if (p.contains(c)) return true;
  return false;
}

bool is_open(const std::vector<Cidr>& networks, int max_v4, int max_v6) {
  for (bool v6 : {false, true}) {
    std::vector<std::pair<u128, u128>> spans;
    for (const Cidr& c : networks) {
      if (c.v6 != v6) continue;
      if (!is_private(c) && c.prefix <= (v6 ? max_v6 : max_v4)) return true;
      spans.emplace_back(c.start, c.end);
    }
    if (spans.empty()) continue;
    std::sort(spans.begin(), spans.end());
    // Do the spans, merged, cover the whole address space?
    u128 last = v6 ? ~u128(0) : u128(0xffffffffu);
    if (spans.front().first != 0) continue;
    u128 covered = spans.front().second;
    bool whole = covered == last;
    for (size_t i = 1; i < spans.size() && !whole; ++i) {
      if (spans[i].first > covered + 1) break;
      covered = std::max(covered, spans[i].second);
      whole = covered == last;
    }
    if (whole) return true;
  }
  return false;
}

std::vector<std::pair<size_t, size_t>> overlapping_pairs(const std::vector<Cidr>& networks) {
  std::vector<size_t> order(networks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Cidr& x = networks[a];
    const Cidr& y = networks[b];
    if (x.v6 != y.v6) return !x.v6;
    if (x.start != y.start) return x.start < y.start;
    if (x.end != y.end) return x.end > y.end;  // the larger network first
    return a < b;
  });
  std::vector<std::pair<size_t, size_t>> pairs;
  // A chain of nested networks, each inside the one below it: strictly
  // nested, so at most 33 (IPv4) or 129 (IPv6) deep. A network equal to the
  // top of the chain pairs with that one only, which names every duplicate
  // once and keeps n copies of one block from making n² pairs.
  std::vector<size_t> open;
  for (size_t i : order) {
    const Cidr& c = networks[i];
    while (!open.empty() && !networks[open.back()].overlaps(c)) open.pop_back();
    if (!open.empty() && networks[open.back()].start == c.start && networks[open.back()].end == c.end) {
      pairs.emplace_back(open.back(), i);
      continue;
    }
    for (size_t j : open) pairs.emplace_back(j, i);
    open.push_back(i);
  }
  return pairs;
}

}  // namespace guardrail::evaluate
