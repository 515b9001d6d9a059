#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "load/yaml_loader.hpp"
#include "model/value.hpp"

namespace guardrail::load {

/// Reads one JSON document with RapidJSON's SAX reader, every node located
/// exactly (line and column of its first character, end just past its last).
/// Strict RFC 8259: no comments, no trailing commas, no single quotes, one
/// document per file, valid UTF-8. A syntax error gives one `json-syntax`
/// error and no document.
Documents load_json(const base::SourceFile& file);

/// Parses JSON held in a string (a policy document in an attribute, the
/// argument of jsondecode). Every node is located at `where`, the string's
/// own place. nullopt when the text is not JSON.
std::optional<model::Value> parse_json_text(std::string_view text, const base::Location& where);

/// Parses JSON that is part of a file (a Terraform heredoc): the bytes
/// [begin, end) of `file`, every node located at its place in the file.
/// nullopt when they are not one JSON document.
std::optional<model::Value> parse_json_at(const base::SourceFile& file, size_t begin, size_t end);

/// Which members a streaming read keeps. `path` is the member's key path from
/// the streamed element (or from the document root for members outside the
/// streamed arrays), keys joined with '.'; list indexes do not appear.
/// `array_key` is the key of the streamed array the element is in ("" when
/// the document itself is the array, or outside the streamed arrays).
/// Return false to skip the member and its whole subtree while parsing.
using KeepMember = std::function<bool(std::string_view array_key, std::string_view path)>;

/// Called once per element of a streamed array, in document order. `array_key`
/// is the key of the top-level member holding the array ("" when the document
/// itself is an array). Return false to stop reading.
using OnElement = std::function<bool(std::string_view array_key, model::Value element)>;

struct StreamResult {
  /// The document with its streamed arrays left empty (their other members,
  /// such as "fileVersion" or "NextToken", kept).
  model::Value envelope;
  uint64_t bytes = 0;
  base::Diagnostics diagnostics;
};

/// Streams a large JSON file from disk in bounded memory: the elements of a
/// top-level array, or of arrays that are members of a top-level object
/// (`{"configurationItems": [...]}`, `{"Vpcs": [...]}`), are handed out one by
/// one and never held together. `display_path` is what Locations name.
StreamResult stream_json(const std::string& disk_path, std::string_view display_path,
                         const OnElement& on_element, const KeepMember& keep = {});
/// The same over an open stream (read from its current position, not closed).
StreamResult stream_json(std::FILE* file, std::string_view display_path, const OnElement& on_element,
                         const KeepMember& keep = {});

}  // namespace guardrail::load
