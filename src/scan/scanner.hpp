#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "evaluate/finding.hpp"
#include "model/resource.hpp"
#include "scan/classify.hpp"

namespace guardrail::scan {

struct ScanOptions {
  std::vector<std::string> paths{"."};
  std::filesystem::path root = std::filesystem::current_path();
  unsigned jobs = 0;  // 0: all cores
};

/// One input file as the summary counts it.
struct FileSummary {
  std::string path;
  FileKind kind;
  bool reported;
};

/// Everything a scan produced, in deterministic order whatever `jobs` was.
struct ScanResult {
  std::vector<FileSummary> files;                            // by path
  std::vector<std::unique_ptr<base::SourceFile>> sources;   // for snippets
  std::vector<model::Resource> resources;                    // by file, then document order
  std::vector<evaluate::Finding> findings;                   // sorted
  base::Diagnostics diagnostics;                             // sorted by location
  size_t undecided = 0;

  /// The source text of a scanned file, or nullptr.
  const base::SourceFile* source(std::string_view path) const;
  std::map<std::string, size_t> files_by_kind() const;
  std::map<std::string, size_t> resources_by_type() const;
  size_t error_count() const;
  size_t warning_count() const;
};

/// Runs the pipeline: discover, read and parse (in parallel), adapt, evaluate,
/// filter. Bad inputs become diagnostics; the other files are still scanned.
ScanResult run_scan(const ScanOptions& options);

}  // namespace guardrail::scan
