#pragma once
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "model/value.hpp"

namespace guardrail::load {

/// What a loader hands on: the documents it read, and what went wrong.
struct Documents {
  std::vector<model::Value> documents;
  base::Diagnostics diagnostics;
};

/// Reads a YAML stream (every document of it) with libyaml's event API.
///
/// Beyond plain YAML: custom tags (`!Ref`, `!GetAtt`) stay on the node they
/// tag; YAML 1.1 merge keys (`<<: *base`) are applied; `yes`/`no`/`on`/`off`
/// read as booleans as Kubernetes' YAML library reads them. Aliases are
/// expanded into copies, within the budgets of load/limits (per file,
/// relative to its size, and per scan). Scalars resolve
/// by the YAML 1.2 core schema (`0x1F`, `.inf`, `~`).
/// Short of it: complex (non-scalar) keys are rendered as text.
/// On a syntax error the documents completed before it are kept and one
/// `yaml-syntax` error is reported at libyaml's problem mark.
Documents load_yaml(const base::SourceFile& file);

}  // namespace guardrail::load
