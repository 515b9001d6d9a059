#include "load/text_decode.hpp"

#include <cstdint>

namespace guardrail::load {
namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Decoded decode_utf16(std::string_view bytes, bool little_endian) {
  Decoded d;
  d.text.reserve(bytes.size() / 2);
  auto unit = [&](size_t i) -> uint32_t {
    auto lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (hi << 8 | lo) : (lo << 8 | hi);
  };
  size_t i = 2;  // past the BOM
  for (; i + 1 < bytes.size(); i += 2) {
    uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size()) break;
      uint32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) {
        d.error = "invalid UTF-16: unpaired surrogate";
        d.error_offset = d.text.size();
        return d;
      }
      append_utf8(d.text, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      d.error = "invalid UTF-16: unpaired surrogate";
      d.error_offset = d.text.size();
      return d;
    } else {
      append_utf8(d.text, u);
    }
  }
  if (i < bytes.size()) {
    d.error = "invalid UTF-16: odd number of bytes";
    d.error_offset = d.text.size();
  }
  return d;
}

}  // namespace

size_t find_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return i;
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

bool looks_binary(std::string_view head) {
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') ||
                           (head[0] == '\xFE' && head[1] == '\xFF')))
    return false;
  return head.substr(0, 8192).find('\0') != std::string_view::npos;
}

Decoded decode_text(std::string bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') return decode_utf16(bytes, true);
  if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF') return decode_utf16(bytes, false);
  Decoded d;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  d.text = std::move(bytes);
  size_t bad = find_invalid_utf8(d.text);
  if (bad != std::string::npos) {
    d.error = "invalid UTF-8 (byte 0x";
    static const char* hex = "0123456789abcdef";
    auto c = static_cast<unsigned char>(d.text[bad]);
    d.error += hex[c >> 4];
    d.error += hex[c & 15];
    d.error += ')';
    d.error_offset = bad;
  }
  return d;
}

}  // namespace guardrail::load
