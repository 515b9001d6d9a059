#include "filter/fingerprint.hpp"

#include <cstdio>
#include <map>

#include "report/mask.hpp"
#include "scan/scanner.hpp"

namespace guardrail::filter {
namespace {

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string line_hash(std::string_view rule_id, std::string_view resource, std::string_view line_text) {
  // Whitespace changes (re-indentation) do not re-open an alert either.
  std::string squeezed;
  for (char c : line_text)
    if (c != ' ' && c != '\t' && c != '\r') squeezed += c;
  uint64_t h = fnv1a(rule_id);
  h = fnv1a("\x1f", h);
  h = fnv1a(resource, h);
  h = fnv1a("\x1f", h);
  h = fnv1a(squeezed, h);
  return hex(h);
}

}  // namespace

std::vector<Fingerprint> fingerprints(const scan::ScanResult& result) {
  std::vector<Fingerprint> out;
  out.reserve(result.findings.size());
  std::map<std::string, int> occurrences;
  for (const evaluate::Finding& f : result.findings) {
    const base::SourceFile* src = result.source(f.where.file);
    if (!src && result.pack) src = result.pack->source(f.where.file);
    // The masked line; of a line too long to read per finding (a one-line
    // export), the columns around the finding.
    std::string line;
    if (src && f.where.line) {
      std::string_view raw = src->line(f.where.line);
      line = raw.size() <= 4096 ? report::mask_line(raw, f.where.line, {f.where, f.secret})
                                : report::masked_columns(*src, f.where.line, {f.where, f.secret},
                                                         f.where.column > 60 ? f.where.column - 60 : 1,
                                                         f.where.column + 100);
    }
    // A template's or Dockerfile's resource is named by its file's path as
    // shown (infra/parent.yaml#Stack/Group): hashed with the path as the
    // repository sees it, so that the fingerprint does not move with the
    // folder the scan runs in.
    std::string resource = f.resource;
    if (size_t hash_at = resource.find('#'); hash_at != std::string::npos && hash_at > 0) {
      std::string_view path(resource.data(), hash_at);
      if (result.source(path)) resource = result.repository_path(path) + resource.substr(hash_at);
    }
    std::string hash = line_hash(f.rule_id, resource, line);
    // The path as the repository sees it, so that a baseline made at the
    // repository's top matches a scan run from anywhere else.
    std::string file = result.repository_path(f.where.file);
    std::string n = std::to_string(++occurrences[file + "\x1f" + hash]);
    out.push_back({hash + ":" + n, hex(fnv1a(file + "\x1f" + hash)) + ":" + n});
  }
  return out;
}

}  // namespace guardrail::filter
