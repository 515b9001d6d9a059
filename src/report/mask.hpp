#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/location.hpp"
#include "base/source_file.hpp"
#include "evaluate/finding.hpp"

namespace guardrail::report {

/// What to hide on the lines of one finding (docs/semantics.md, SEC-004: the
/// secret value never appears in any output). `where` is the finding's
/// location; `secret` says the attribute there holds a secret.
struct Mask {
  base::Location where;
  bool secret = false;
  /// Every secret's place in the file (SecretPlaces): masked on whatever line
  /// shows them, whichever finding or diagnostic shows the line.
  const std::vector<base::Location>* others = nullptr;
};

/// The places of the secrets the scan found (findings of rules tagged
/// "secret"), by file: a line shown for another finding on the same line or
/// beside it (a container's context holding its env var's password) is
/// masked at them too.
class SecretPlaces {
 public:
  SecretPlaces() = default;
  explicit SecretPlaces(const std::vector<evaluate::Finding>& findings,
                        const std::vector<base::Location>& others = {});
  /// The mask of a finding (or diagnostic) at `where`.
  Mask mask(const base::Location& where, bool secret = false) const;

 private:
  std::unordered_map<base::FileName, std::vector<base::Location>> by_file_;
};

/// A source line as outputs may show it. On every line, AWS access key IDs
/// (AKIA/ASIA + 16) keep only their prefix. For a secret finding, and for
/// every secret of `others` on the line, the value on its first line
/// (everything after the first ':' or '=' from the secret's column, or its
/// located span, or after the first word when there is none) and the whole
/// of its following lines become '*'. Whitespace and quotes stay.
std::string mask_line(std::string_view line, uint32_t line_no, const Mask& mask);

/// Columns [from, to) of line `line_no` of `src` (1-based code points; `to`
/// may lie past the line's end), masked as above. On a long line only those
/// columns and a margin around them are read and masked (an access key that
/// crosses the edge is masked whole, and a secret's line is all stars), so
/// showing a place costs the same on a 10 MB line as on a short one.
std::string masked_columns(const base::SourceFile& src, uint32_t line_no, const Mask& mask, uint32_t from,
                           uint32_t to);

/// A finding's or diagnostic's line as outputs show it: masked, and when it
/// is wider than base::kMaxSnippetColumns a window around `where` cut with
/// "…", its columns moved to match (for the caret).
base::Window shown_line(const base::SourceFile& src, const base::Location& where, const Mask& mask);

}  // namespace guardrail::report
