#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/read_file.hpp"

namespace guardrail::load {

/// Deepest nesting a loader accepts. Real documents stay far below it; deeper
/// input is malicious or broken and gets a located error instead of a stack
/// overflow later in the pipeline.
inline constexpr size_t kMaxDepth = 512;

/// What one input may cost (docs/reliability.md). Each bound gives a located
/// error naming the setting that raises it; none is silent.
struct Limits {
  /// Any file read (`--limit max-file-size=SIZE`). Large AWS exports stream, so this is
  /// well above a real 1 GB AWS Config snapshot.
  uint64_t max_file_bytes = 8ull << 30;
  /// A document parsed whole rather than streamed: a template, a manifest,
  /// a plan (`--limit max-document-size=SIZE`).
  uint64_t max_document_bytes = 256ull << 20;
  /// YAML alias expansion ("billion laughs"): a file may produce, through
  /// aliases, at most `alias_nodes_base + alias_nodes_per_byte` x its size in
  /// nodes, so a small file never expands into a large one...
  uint64_t alias_nodes_base = 20'000;  // alias-nodes-per-file
  uint64_t alias_nodes_per_byte = 2;  // alias-nodes-per-byte
  /// ...and all files of one scan together at most this many.
  uint64_t alias_nodes_per_scan = 2'000'000;  // alias-nodes-per-scan
  /// Terraform evaluation work per root module (expressions evaluated, and
  /// values copied or built, weighted by size): this base plus this much per
  /// byte of the root's files. The reference architecture needs a few
  /// hundred thousand; a for expression over range(1024) twice nested, a million.
  uint64_t eval_steps_base = 2'000'000;  // eval-steps-per-module
  uint64_t eval_steps_per_byte = 200;  // eval-steps-per-byte
  /// Instances of one counted or keyed Terraform resource or module call that
  /// are evaluated; a warning says how many more were declared.
  uint64_t instances_per_resource = 10'000;  // instances-per-resource
};

/// The limits in force: the defaults, or what the command line and
/// `.guardrail.yaml` set before the scan began.
const Limits& limits();
void set_limits(const Limits& limits);

/// Alias nodes produced so far by the YAML files of this scan; the scanner
/// resets it when a scan starts.
std::atomic<uint64_t>& scan_alias_nodes();

/// How messages say which setting raises a limit: kRaise + "NAME=VALUE)".
inline constexpr const char* kRaise = " (raise it with --limit ";

/// Sets one limit by its name on the command line and in `.guardrail.yaml`
/// ("max-file-size", "512MiB"). False with `error` set for an unknown name or
/// a value that is not a number (with a unit, for sizes).
bool set_limit(Limits& limits, std::string_view name, std::string_view value, std::string& error);
std::vector<std::string> limit_names();

/// Reads a regular file that will be parsed whole (a module's file, a
/// variables file, a nested template), within `max_document_bytes`.
base::FileRead read_document(const std::string& path);

}  // namespace guardrail::load
