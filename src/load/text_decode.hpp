#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace guardrail::load {

/// Result of turning a file's bytes into UTF-8 text.
struct Decoded {
  std::string text;   // UTF-8, without a byte-order mark
  std::string error;  // non-empty when the bytes are not text we accept
  size_t error_offset = 0;  // byte offset in `text` of the first bad byte
};

/// Decodes UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM (as
/// PowerShell's redirection writes them) to UTF-8. Invalid UTF-8 is reported
/// with the offset of the first bad byte; the text is returned as read.
Decoded decode_text(std::string bytes);

/// True when the first 8 KiB look binary: a NUL byte with no UTF-16 BOM.
bool looks_binary(std::string_view head);

/// Offset of the first byte that is not valid UTF-8, or npos.
size_t find_invalid_utf8(std::string_view text);

}  // namespace guardrail::load
