#include "report/mask.hpp"

namespace guardrail::report {

std::string mask_columns(const std::string& line, const std::vector<std::pair<uint32_t, uint32_t>>& ranges) {
  if (ranges.empty()) return line;
  std::string out;
  out.reserve(line.size());
  uint32_t column = 1;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) ++len;
    bool masked = false;
    for (const auto& [begin, end] : ranges)
      if (column >= begin && column < end) masked = true;
    if (masked) out += '*';
    else out.append(line, i, len);
    i += len;
    ++column;
  }
  return out;
}

}  // namespace guardrail::report
