#pragma once
#include <vector>

#include "base/diagnostic.hpp"
#include "scan/discover.hpp"
#include "scan/kustomize.hpp"

namespace guardrail::scan {

/// What must be rendered before it can be read, and what was.
struct RenderOutcome {
  KustomizePlan kustomize;
  /// The output of `kustomize build DIR` ("DIR#kustomize") and `helm template
  /// CHART` ("CHART#helm"), read as manifests in memory.
  std::vector<Candidate> inputs;
  /// One note per overlay or chart left unrendered (saying how to render it),
  /// an error per render that failed.
  base::Diagnostics diagnostics;
};

/// Plans the Kustomize folders among `files` and finds their Helm charts;
/// with `render_kustomize` runs `kustomize build` (or `kubectl kustomize`) on
/// each overlay that needs it, with `render_helm` `helm template` on each
/// chart. A command that is not on PATH is an error naming it.
RenderOutcome render_first_inputs(const std::vector<Candidate>& files, bool render_kustomize, bool render_helm);

}  // namespace guardrail::scan
