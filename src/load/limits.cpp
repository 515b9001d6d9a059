#include "load/limits.hpp"

#include <charconv>

namespace guardrail::load {
namespace {
Limits g_limits;
std::atomic<uint64_t> g_scan_alias_nodes{0};
}  // namespace

const Limits& limits() { return g_limits; }
void set_limits(const Limits& limits) { g_limits = limits; }
std::atomic<uint64_t>& scan_alias_nodes() { return g_scan_alias_nodes; }

base::FileRead read_document(const std::string& path) {
  base::FileRead read = base::read_regular_file(path, g_limits.max_document_bytes);
  if (!read.ok() && read.error.find("larger than the limit") != std::string::npos)
    read.error += " for a document read whole" + std::string(kRaise) + "max-document-size=SIZE)";
  return read;
}

namespace {

struct Setting {
  const char* name;
  uint64_t Limits::*field;
  bool size;  // a byte count, with an optional unit
};

const Setting kSettings[] = {
    {"max-file-size", &Limits::max_file_bytes, true},
    {"max-document-size", &Limits::max_document_bytes, true},
    {"alias-nodes-per-file", &Limits::alias_nodes_base, false},
    {"alias-nodes-per-byte", &Limits::alias_nodes_per_byte, false},
    {"alias-nodes-per-scan", &Limits::alias_nodes_per_scan, false},
    {"eval-steps-per-module", &Limits::eval_steps_base, false},
    {"eval-steps-per-byte", &Limits::eval_steps_per_byte, false},
    {"instances-per-resource", &Limits::instances_per_resource, false},
};

}  // namespace

std::vector<std::string> limit_names() {
  std::vector<std::string> out;
  for (const Setting& s : kSettings) out.push_back(s.name);
  return out;
}

bool set_limit(Limits& limits, std::string_view name, std::string_view value, std::string& error) {
  const Setting* setting = nullptr;
  for (const Setting& s : kSettings)
    if (name == s.name) setting = &s;
  if (!setting) {
    error = "unknown limit '" + std::string(name) + "'; the limits are";
    for (const Setting& s : kSettings) error += std::string(" ") + s.name;
    return false;
  }
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  std::string_view unit = value.substr(static_cast<size_t>(p - value.data()));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  uint64_t scale = 1;
  if (setting->size) {
    if (unit == "K" || unit == "KiB" || unit == "k") scale = 1ull << 10;
    else if (unit == "M" || unit == "MiB") scale = 1ull << 20;
    else if (unit == "G" || unit == "GiB") scale = 1ull << 30;
    else if (!unit.empty() && unit != "B" && unit != "bytes") ec = std::errc::invalid_argument;
  } else if (!unit.empty()) {
    ec = std::errc::invalid_argument;
  }
  if (ec != std::errc() || p == value.data() || n > UINT64_MAX / scale) {
    error = std::string(name) + " takes " +
            (setting->size ? "a size such as 512MiB or 2GiB" : "a whole number") + ", not '" + std::string(value) + "'";
    return false;
  }
  limits.*(setting->field) = n * scale;
  return true;
}

}  // namespace guardrail::load
