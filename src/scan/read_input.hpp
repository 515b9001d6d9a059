#pragma once
#include "adapt/aws_export.hpp"
#include <memory>
#include <optional>
#include <set>
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
  /// An AWS export of arrays, to be streamed element by element: from
  /// `source` when it was read (for snippets), else from disk (a large one).
  bool stream = false;
  /// A streamed AWS Config snapshot (its head names a configSnapshotId):
  /// each resource once, so no capture needs comparing with a later one.
  bool stream_snapshot = false;
  /// Why a file of a name guardrail looks at (YAML, JSON, a Dockerfile's)
  /// is not read as infrastructure: "empty", "not strict JSON (...)", ...
  std::string skip_reason;
  /// A Terraform plan: the resource, data source and module call addresses
  /// of its `configuration.root_module` (what it was made from), if it has one.
  std::optional<std::set<std::string>> plan_configuration;
  /// A Terraform state file's instances, or a plan's prior state's (drift).
  std::vector<StateInstance> states;
  /// A plan made with -target ("complete": false): it plans part of its configuration.
  bool plan_partial = false;
  /// An AWS Config history's latest capture of each resource in this file.
  std::vector<adapt::ExportResult::Capture> history;
};

/// Why a Terragrunt stack file or JSON configuration is not read (its skip reason).
inline constexpr std::string_view kTerragruntUnread =
    "a Terragrunt stack or JSON configuration: not read, so the units it makes are judged only if the scan holds "
    "them (docs/inputs.md)";

/// Files at least this large (32 MiB; the environment variable
/// GUARDRAIL_STREAM_BYTES overrides it, for tests) that hold an export array
/// are streamed.
uint64_t stream_threshold();

/// Where render-first inputs start: `templates/` of a Helm chart (a folder
/// with Chart.yaml). Kustomize folders are planned apart (scan/kustomize).
struct RenderFirst {
  std::string helm_chart;  // the chart folder, "" when not in one
};
RenderFirst render_first(const Candidate& input);

/// Reads one candidate and parses it as its name and content say. Never
/// throws: problems become diagnostics and the kind `unreadable`.
LoadedFile read_input(const Candidate& input);

/// The path an export's account and region are read from: the folders the
/// file sits in on disk, then the path shown (a bundle scanned from inside
/// its region folder shows `sg.json`, but sits in 123456789012/us-east-1/);
/// the path shown alone for standard input and in-memory content.
std::string placement_path(const Candidate& input);

}  // namespace guardrail::scan
