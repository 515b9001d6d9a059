#pragma once
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"

namespace guardrail::load {

/// One Dockerfile instruction, its continuation lines joined.
struct Instruction {
  std::string keyword;    // upper case: FROM, RUN, USER, …
  std::string arguments;  // as written after the keyword, continuations joined with a space, comments removed
  base::Location where;        // the keyword
  base::Location arguments_at;  // the arguments on the first line (at least one character)
  std::vector<std::string> heredocs;  // bodies of <<EOF … EOF
};

struct ParsedDockerfile {
  char escape = '\\';  // the `# escape=` parser directive
  std::vector<Instruction> instructions;
  base::Diagnostics diagnostics;
};

/// A small parser of our own for the Dockerfile reference's syntax: parser
/// directives (`# syntax=`, `# escape=`), comments, line continuations with
/// the escape character, heredocs (`<<EOF`, `<<-EOF`, quoted delimiters), and
/// every instruction kept with its arguments as written. Unknown
/// instructions and unterminated heredocs are located errors; parsing goes on.
ParsedDockerfile parse_dockerfile(const base::SourceFile& file);

/// `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alternative}` replaced by
/// the values given (unset variables become empty, as Docker does; the
/// escape character keeps a `$`).
std::string substitute(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values,
                       char escape = '\\');

}  // namespace guardrail::load
