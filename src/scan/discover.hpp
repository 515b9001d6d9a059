#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"

namespace guardrail::scan {

/// A file to read.
struct Candidate {
  std::string disk_path;     // what to open ("" for standard input)
  std::string display_path;  // relative to the scan root, forward slashes
  /// Findings in this file are reported. False for the siblings read only as
  /// context of a named file (a pre-commit run naming one manifest).
  bool reported = true;
  /// An anonymous pipe named on the command line (`<(cmd)`): read to its
  /// end and recognised by content, as standard input is.
  bool pipe = false;
  /// In-memory content (tests, fuzzing, a rendered overlay): read instead of `disk_path`.
  std::shared_ptr<const std::string> content = nullptr;
  /// The output of `kustomize build` or `helm template`: manifests, already rendered.
  bool content_is_rendered = false;

  /// Recognised by content alone: standard input and pipes have no name to go by.
  bool by_content() const { return pipe || disk_path.empty(); }
};

struct Discovery {
  std::vector<Candidate> files;  // sorted by display path, each once
  base::Diagnostics diagnostics;
};

/// Walks the named paths. A directory is walked recursively (skipping `.git`,
/// `node_modules`, `.terraform` and other caches; symlinked directories are not
/// followed); a named file is read with the sibling files of its directory
/// that share its format family (Terraform, or YAML/JSON manifests), those
/// siblings unreported; "-" is standard input. A path that does not exist is
/// an `io` error; the others are still walked.
Discovery discover(const std::vector<std::string>& paths, const std::filesystem::path& root);

/// `path` relative to `root` with forward slashes when it lies under it, else
/// as given (with forward slashes).
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace guardrail::scan
