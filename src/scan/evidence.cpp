#include "scan/evidence.hpp"

#include <algorithm>

#include <re2/re2.h>

#include <cctype>
#include <string>

#include "adapt/aws_export.hpp"
#include "base/text.hpp"

namespace guardrail::scan {
namespace {

/// The first lines of a file (evidence is at the top; a huge file is not scanned whole).
std::string_view head(std::string_view text) { return text.substr(0, 1 << 16); }

}  // namespace

bool looks_like_dockerfile(std::string_view text) {
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    size_t p = line.find_first_not_of(" \t\r");
    if (p != std::string_view::npos && line[p] != '#') {
      std::string word;
      for (size_t i = p; i < line.size() && std::isalpha(static_cast<unsigned char>(line[i])); ++i)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(line[i])));
      size_t after = p + word.size();
      bool separated = after >= line.size() || line[after] == ' ' || line[after] == '\t' || line[after] == '\r';
      return (word == "FROM" || word == "ARG") && separated;
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return false;
}

size_t dockerfile_template_marker(std::string_view text) {
  auto marker = [](std::string_view s) {
    for (const char* m : {"{{", "{%", "{#", "<%"})
      if (size_t at = s.find(m); at != std::string_view::npos) return at;
    return std::string_view::npos;
  };
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, eol - pos);
    size_t p = line.find_first_not_of(" \t\r");
    if (p != std::string_view::npos) {
      std::string_view rest = line.substr(p);
      // A line that is a template statement, or a FROM naming its image by a placeholder.
      if (marker(rest) == 0) return pos + p;
      if (rest.size() > 5 && base::ascii_lower(rest.substr(0, 5)) == "from " && marker(rest) != std::string_view::npos)
        return pos + p + marker(rest);
    }
    pos = eol + 1;
  }
  return std::string_view::npos;
}

bool looks_like_infrastructure(std::string_view text_in) {
  std::string_view text = head(text_in);
  re2::StringPiece in(text.data(), text.size());
  // Anywhere: a JSON manifest has them after a brace.
  static const RE2 kApiVersion("\\bapiVersion[\"']?\\s*:");
  static const RE2 kKind("\\bkind[\"']?\\s*:");
  if (RE2::PartialMatch(in, kApiVersion) && RE2::PartialMatch(in, kKind)) return true;
  if (text.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
  static const RE2 kResources("[\"']?Resources[\"']?\\s*:");
  static const RE2 kAwsType("[\"']?Type[\"']?\\s*:\\s*[\"']?(?:AWS|Custom|Alexa)::");
  if (RE2::PartialMatch(in, kResources) && RE2::PartialMatch(in, kAwsType)) return true;
  if (text.find("\"planned_values\"") != std::string_view::npos ||
      text.find("\"resource_changes\"") != std::string_view::npos ||
      (text.find("\"format_version\"") != std::string_view::npos &&
       text.find("\"terraform_version\"") != std::string_view::npos))
    return true;
  // AWS exports: JSON with a quoted output key.
  static const RE2 kKey("\"([A-Za-z]+)\"\\s*:");
  re2::StringPiece rest = in;
  std::string key;
  for (int n = 0; n < 64 && RE2::FindAndConsume(&rest, kKey, &key); ++n)
    // Output keys of list commands ("Vpcs", "DBInstances", "trailList"); the
    // lower-case ones ("clusters", "repositories") are words any file may use.
    if (key == "configurationItems" || key == "baseConfigurationItems" || key == "trailList" ||
        (std::isupper(static_cast<unsigned char>(key[0])) &&
         (adapt::is_export_array(key) || adapt::is_export_identifier(key))))
      return true;
  return false;
}

size_t rain_directive(std::string_view text) {
  // YAML tags (!Rain::Embed), JSON keys ({"Rain::Module": ...}), the
  // Rain::Constants section; not words of a comment ("# add a !Rain::Embed").
  size_t first = std::string_view::npos;
  for (std::string_view marker : {"!Rain::", "\"Rain::", "Rain::Constants"})
    for (size_t at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
      size_t line = text.rfind('\n', at);
      line = line == std::string_view::npos ? 0 : line + 1;
      std::string_view before = text.substr(line, at - line);
      size_t hash = before.find('#');
      bool comment = hash != std::string_view::npos && (hash == 0 || before[hash - 1] == ' ' || before[hash - 1] == '\t');
      if (!comment) {
        first = std::min(first, at);
        break;
      }
    }
  return first;
}

namespace {

bool placeholder(const model::Value* v) {
  return v && v->is_string() && v->as_string().find("{{") != std::string::npos;
}

bool key_from_braces(const model::Value& v, int depth) {
  if (depth > 64) return false;
  if (v.is_list())
    for (const model::Value& item : v.as_list())
      if (key_from_braces(item, depth + 1)) return true;
  if (v.is_map())
    for (const model::Member& m : v.as_map())
      if ((!m.key.empty() && m.key[0] == '{') || key_from_braces(m.value, depth + 1)) return true;
  return false;
}

}  // namespace

bool is_unrendered_template(const std::vector<model::Value>& documents) {
  for (const model::Value& doc : documents) {
    if (!doc.is_map()) continue;
    const model::Value* metadata = doc.find("metadata");
    if (placeholder(doc.find("kind")) || placeholder(doc.find("apiVersion"))) return true;
    if (metadata && (placeholder(metadata->find("name")) || placeholder(metadata->find("namespace")))) return true;
    if (key_from_braces(doc, 0)) return true;
  }
  return false;
}

}  // namespace guardrail::scan
