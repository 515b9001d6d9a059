#pragma once
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"

namespace guardrail::load {

/// Where a run of an instruction's joined arguments is written: bytes
/// [begin, end) of `arguments` are the text at `at`, on one line.
struct ArgumentPiece {
  size_t begin = 0, end = 0;
  base::Location at;
};

/// One Dockerfile instruction, its continuation lines joined.
struct Instruction {
  std::string keyword;    // upper case: FROM, RUN, USER, …
  /// As written after the keyword, continuation lines joined as BuildKit
  /// joins them: the escape character removed, nothing added (a
  /// continuation line keeps its indentation), comment lines dropped.
  std::string arguments;
  base::Location where;        // the keyword
  base::Location arguments_at;  // the arguments on the first line (at least one character)
  std::vector<ArgumentPiece> pieces;  // each line's part of `arguments`, in order
  std::vector<std::string> heredocs;  // bodies of <<EOF … EOF
};

struct ParsedDockerfile {
  char escape = '\\';  // the `# escape=` parser directive
  std::vector<Instruction> instructions;
  base::Diagnostics diagnostics;
};

/// A small parser of our own for the Dockerfile reference's syntax: parser
/// directives (`# syntax=`, `# escape=`), comments, line continuations with
/// the escape character, heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, in
/// RUN, COPY and ADD only, as BuildKit reads them), and
/// every instruction kept with its arguments as written. Unknown
/// instructions and unterminated heredocs are located errors; parsing goes on.
ParsedDockerfile parse_dockerfile(const base::SourceFile& file);

/// `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alternative}` replaced by
/// the values given (unset variables become empty, as Docker does; the
/// escape character keeps a `$`).
std::string substitute(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values,
                       char escape = '\\');

}  // namespace guardrail::load
