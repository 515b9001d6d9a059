#pragma once
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "load/hcl/parse.hpp"
#include "model/value.hpp"
#include "scan/classify.hpp"
#include "scan/discover.hpp"

namespace guardrail::scan {

/// One input after reading, decoding, parsing and classification.
struct LoadedFile {
  Candidate input;
  FileKind kind = FileKind::other;
  std::unique_ptr<base::SourceFile> source;  // null for binary or unreadable files
  std::vector<model::Value> documents;       // YAML/JSON documents
  std::unique_ptr<load::hcl::ParsedFile> hcl;  // Terraform HCL files
  base::Diagnostics diagnostics;
  /// A large AWS export, left on disk to be streamed element by element
  /// (scan/export_stage): no source text, no documents.
  bool stream = false;
};

/// Files at least this large (32 MiB; the environment variable
/// GUARDRAIL_STREAM_BYTES overrides it, for tests) that hold an export array
/// are streamed.
uint64_t stream_threshold();

/// Where render-first inputs start: `templates/` of a Helm chart (a folder
/// with Chart.yaml), or a folder with a kustomization file.
struct RenderFirst {
  std::string helm_chart;     // the chart folder, "" when not in one
  std::string kustomize_dir;  // the overlay folder, "" when not in one
};
RenderFirst render_first(const Candidate& input);

/// Reads one candidate and parses it as its name and content say. Never
/// throws: problems become diagnostics and the kind `unreadable`.
LoadedFile read_input(const Candidate& input);

}  // namespace guardrail::scan
