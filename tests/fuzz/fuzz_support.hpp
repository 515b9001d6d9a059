#pragma once
// What the fuzz harnesses share: the shipped pack, loaded once per process,
// and a scan of one in-memory input through the whole pipeline (read,
// parse, adapt, canonicalize, every rule, filters, every report format).
#include <cstddef>
#include <cstdint>
#include <string>

namespace guardrail::fuzz {

/// Scans `data` as one file named `name` (its name decides its format as on
/// disk: "main.tf", "Dockerfile", "accounts/111111111111/us-east-1/x.json").
void scan_bytes(const std::string& name, const uint8_t* data, size_t size);

}  // namespace guardrail::fuzz
