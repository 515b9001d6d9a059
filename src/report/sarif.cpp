#include "report/sarif.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <sstream>

#include "report/json_out.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "filter/fingerprint.hpp"
#include "report/mask.hpp"
#include "version.hpp"

namespace guardrail::report {
namespace {

using Writer = rapidjson::PrettyWriter<JsonOut>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void key(Writer& w, const char* k) { w.Key(k); }

void text_object(Writer& w, const char* name, std::string_view text) {
  key(w, name);
  w.StartObject();
  key(w, "text");
  str(w, text);
  w.EndObject();
}

/// SARIF messages are sentences: they end with a period.
std::string sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.empty()) return text;
  char last = text.back();
  if (last != '.' && last != '!' && last != '?') text += '.';
  return text;
}

std::string_view level_of(evaluate::Severity s) {
  switch (s) {
    case evaluate::Severity::critical:
    case evaluate::Severity::high: return "error";
    case evaluate::Severity::medium: return "warning";
    default: return "note";
  }
}

/// GitHub's scale: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low.
const char* security_severity(evaluate::Severity s) {
  switch (s) {
    case evaluate::Severity::critical: return "9.5";
    case evaluate::Severity::high: return "8.0";
    case evaluate::Severity::medium: return "5.5";
    case evaluate::Severity::low: return "3.0";
    default: return nullptr;
  }
}

/// "Every container sets a CPU limit" -> "EveryContainerSetsCpuLimit": a
/// Pascal-case identifier, articles left out (they would make "ALimit").
std::string rule_name(const std::string& title) {
  std::string out, word;
  auto flush = [&] {
    std::string lower;
    for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!word.empty() && lower != "a" && lower != "an" && lower != "the") {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(lower[0])));
      out += lower.substr(1);
    }
    word.clear();
  };
  for (char c : title) {
    if (std::isalnum(static_cast<unsigned char>(c))) word += c;
    else flush();
  }
  flush();
  return out.substr(0, 255);
}

constexpr size_t kMaxSnippetBytes = 4000;

/// The text a region covers, lines joined with '\n'; "" when it is larger
/// than kMaxSnippetBytes.
std::string region_text(const base::SourceFile* src, const base::Location& at, const Mask& mask) {
  if (!src || !at.line) return "";
  std::string out;
  uint32_t last = std::min(at.end_line ? at.end_line : at.line, at.line + 40);
  for (uint32_t n = at.line; n <= last && n <= src->line_count(); ++n) {
    uint32_t from = n == at.line ? at.column : 1;
    uint32_t to = n == at.end_line ? at.end_column : UINT32_MAX;
    // A snippet must be the region's whole text: a region too large to show
    // (a value spanning a one-line export) gets none rather than a part.
    if (to == UINT32_MAX ? src->line(n).size() > kMaxSnippetBytes : to - from > kMaxSnippetBytes) return "";
    if (!out.empty()) out += '\n';
    out += masked_columns(*src, n, mask, from, to);
    if (out.size() > kMaxSnippetBytes) return "";
  }
  return out;
}

void write_region(Writer& w, const base::Location& at, const base::SourceFile* src, const Mask& mask) {
  key(w, "region");
  w.StartObject();
  key(w, "startLine");
  w.Uint(at.line);
  key(w, "startColumn");
  w.Uint(at.column ? at.column : 1);
  key(w, "endLine");
  w.Uint(at.end_line ? at.end_line : at.line);
  key(w, "endColumn");
  w.Uint(at.end_column ? at.end_column : at.column + 1);
  std::string snippet = region_text(src, at, mask);
  if (!snippet.empty()) text_object(w, "snippet", snippet);
  w.EndObject();
  // A secret's neighbouring lines may hold more of it (a key block): no context.
  if (!src || snippet.empty() || mask.secret) return;
  // Nor for lines too long to show whole (minified JSON).
  uint32_t region_end = at.end_line ? at.end_line : at.line;
  for (uint32_t n = at.line > 1 ? at.line - 1 : 1; n <= region_end + 1 && n <= src->line_count(); ++n)
    if (src->line(n).size() > kMaxSnippetBytes) return;
  // The whole lines around it, for viewers that show context.
  base::Location context = at;
  context.line = at.line > 1 ? at.line - 1 : 1;
  context.column = 1;
  context.end_line = std::min(src->line_count(), (at.end_line ? at.end_line : at.line) + 1);
  context.end_column = static_cast<uint32_t>(base::count_code_points(src->line(context.end_line))) + 1;
  key(w, "contextRegion");
  w.StartObject();
  key(w, "startLine");
  w.Uint(context.line);
  key(w, "endLine");
  w.Uint(context.end_line);
  std::string text;
  for (uint32_t n = context.line; n <= context.end_line && n <= at.line + 42; ++n) {
    text += mask_line(src->line(n), n, mask) + "\n";
  }
  text_object(w, "snippet", text);
  w.EndObject();
}

/// A file under the repository is a URI relative to %SRCROOT%; one outside
/// it (an absolute path) is a file URI of its own.
void artifact_uri(Writer& w, const std::string& path) {
  key(w, "uri");
  if (!path.empty() && path[0] == '/') {
    str(w, "file://" + uri_path(path));
    return;
  }
  str(w, uri_path(path));
  key(w, "uriBaseId");
  str(w, "%SRCROOT%");
}

void write_physical(Writer& w, const scan::ScanResult& result, const base::Location& at, const base::SourceFile* src,
                    const Mask& mask) {
  key(w, "physicalLocation");
  w.StartObject();
  key(w, "artifactLocation");
  w.StartObject();
  artifact_uri(w, result.repository_path(at.file));
  w.EndObject();
  if (at.line) write_region(w, at, src, mask);
  w.EndObject();
}

const base::SourceFile* source_of(const scan::ScanResult& r, std::string_view file) {
  if (const base::SourceFile* s = r.source(file)) return s;
  return r.pack ? r.pack->source(file) : nullptr;
}

}  // namespace

std::string uri_path(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// The most results of one run GitHub code scanning accepts.
constexpr size_t kMaxResults = 25000;

void write_sarif(const scan::ScanResult& result, const SarifOptions& options, std::ostream& out) {
  const SecretPlaces secrets(result.findings, result.secret_places);
  JsonOut stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  key(w, "$schema");
  str(w, "https://json.schemastore.org/sarif-2.1.0.json");
  key(w, "version");
  str(w, "2.1.0");
  key(w, "runs");
  w.StartArray();
  w.StartObject();

  // tool
  std::map<std::string, size_t> rule_index;
  key(w, "tool");
  w.StartObject();
  key(w, "driver");
  w.StartObject();
  key(w, "name");
  str(w, "guardrail");
  key(w, "version");
  str(w, kVersion);
  key(w, "semanticVersion");
  str(w, kVersion);
  key(w, "informationUri");
  str(w, kHomepage);
  // With --framework: the controls each rule decides, as tags
  // ("compliance/fsbp/EC2.19") and by framework in the rule's properties.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> controls_of;
  for (const scan::FrameworkResult& fr : result.frameworks)
    for (const policy::Control& c : fr.framework->controls)
      for (const std::string& r : c.rules) controls_of[r].emplace_back(fr.framework->id, c.id);
  key(w, "rules");
  w.StartArray();
  for (const policy::Rule* rule : result.rules_run) {
    rule_index[rule->id] = rule_index.size();
    const auto& controls = controls_of[rule->id];
    w.StartObject();
    key(w, "id");
    str(w, rule->id);
    key(w, "name");
    str(w, rule_name(rule->title));
    text_object(w, "shortDescription", sentence(rule->title).substr(0, 1024));
    text_object(w, "fullDescription", sentence(rule->description.empty() ? rule->title : rule->description).substr(0, 1024));
    std::string help_text = sentence(rule->description.empty() ? rule->title : rule->description);
    if (!rule->remediation.empty()) help_text += "\n\nRemediation: " + sentence(rule->remediation);
    std::string help_md = "**" + rule->id + ": " + rule->title + "**\n\n" +
                          sentence(rule->description.empty() ? rule->title : rule->description);
    if (!rule->remediation.empty()) help_md += "\n\n**Remediation.** " + sentence(rule->remediation);
    if (!rule->help.empty()) help_md += "\n\n[Reference](" + rule->help + ")";
    key(w, "help");
    w.StartObject();
    key(w, "text");
    str(w, help_text);
    key(w, "markdown");
    str(w, help_md);
    w.EndObject();
    // A user's rule without `help` has no page: docs/rules.md documents the shipped ones.
    if (!rule->help.empty() || !rule->from_user) {
      key(w, "helpUri");
      str(w, rule->help.empty() ? std::string(kHomepage) + "/blob/main/docs/rules.md#" + rule->id : rule->help);
    }
    const evaluate::Severity severity = result.severity_of(*rule);  // as .guardrail.yaml sets it
    key(w, "defaultConfiguration");
    w.StartObject();
    key(w, "level");
    str(w, level_of(severity));
    w.EndObject();
    key(w, "properties");
    w.StartObject();
    key(w, "tags");
    w.StartArray();
    str(w, "security");
    for (const std::string& t : rule->tags)
      if (t != "security") str(w, t);
    for (const auto& [framework, control] : controls) str(w, "compliance/" + framework + "/" + control);
    w.EndArray();
    if (!controls.empty()) {
      key(w, "frameworks");
      w.StartObject();
      for (size_t i = 0; i < controls.size();) {
        key(w, controls[i].first.c_str());
        w.StartArray();
        size_t j = i;
        for (; j < controls.size() && controls[j].first == controls[i].first; ++j) str(w, controls[j].second);
        w.EndArray();
        i = j;
      }
      w.EndObject();
    }
    key(w, "precision");
    str(w, "high");
    key(w, "problem.severity");
    str(w, severity >= evaluate::Severity::high ? "error"
           : severity == evaluate::Severity::medium ? "warning"
                                                           : "recommendation");
    if (const char* s = security_severity(severity)) {
      key(w, "security-severity");
      str(w, s);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();  // driver
  w.EndObject();  // tool

  // GitHub code scanning rejects a run of more than 25,000 results: past
  // that, suppressed results (the baseline's, waived) are left out first,
  // then the least severe, and a notification says how many.
  std::vector<size_t> written(result.findings.size());
  for (size_t i = 0; i < written.size(); ++i) written[i] = i;
  size_t left_out = 0;
  if (written.size() > kMaxResults) {
    std::stable_sort(written.begin(), written.end(), [&](size_t a, size_t b) {
      const evaluate::Finding& x = result.findings[a];
      const evaluate::Finding& y = result.findings[b];
      if (x.suppressed() != y.suppressed()) return !x.suppressed();
      return x.severity > y.severity;
    });
    left_out = written.size() - kMaxResults;
    written.resize(kMaxResults);
    std::sort(written.begin(), written.end());
  }

  // invocations
  key(w, "invocations");
  w.StartArray();
  w.StartObject();
  key(w, "executionSuccessful");
  w.Bool(result.error_count() == 0);
  if (!options.command_line.empty()) {
    key(w, "commandLine");
    str(w, options.command_line);
  }
  key(w, "toolExecutionNotifications");
  w.StartArray();
  if (left_out) {
    w.StartObject();
    key(w, "level");
    str(w, "warning");
    text_object(w, "message",
                std::to_string(left_out) + " of " + std::to_string(result.findings.size()) +
                    " results are not in this log: GitHub code scanning accepts at most " +
                    std::to_string(kMaxResults) +
                    " per run, so suppressed results were left out first, then the least severe. The JSON report "
                    "holds them all.");
    key(w, "descriptor");
    w.StartObject();
    key(w, "id");
    str(w, "sarif-results-limit");
    w.EndObject();
    w.EndObject();
  }
  for (const base::Diagnostic& d : result.diagnostics) {
    w.StartObject();
    key(w, "level");
    str(w, d.level == base::Level::error ? "error" : d.level == base::Level::warning ? "warning" : "note");
    text_object(w, "message", sentence(d.message));
    key(w, "descriptor");
    w.StartObject();
    key(w, "id");
    str(w, d.code);
    w.EndObject();
    if (!d.where.file.empty()) {
      key(w, "locations");
      w.StartArray();
      w.StartObject();
      write_physical(w, result, d.where, source_of(result, d.where.file), secrets.mask(d.where));
      w.EndObject();
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();

  // base URIs, artifacts
  key(w, "originalUriBaseIds");
  w.StartObject();
  key(w, "%SRCROOT%");
  w.StartObject();
  key(w, "uri");
  str(w, options.root_uri.empty() ? "file:///" : options.root_uri);
  w.EndObject();
  w.EndObject();
  key(w, "artifacts");
  w.StartArray();
  for (const scan::FileSummary& f : result.files) {
    w.StartObject();
    key(w, "location");
    w.StartObject();
    artifact_uri(w, result.repository_path(f.path));
    w.EndObject();
    if (const base::SourceFile* src = result.source(f.path)) {
      key(w, "length");
      w.Uint64(src->text().size());
    }
    key(w, "properties");
    w.StartObject();
    key(w, "kind");
    str(w, scan::to_string(f.kind));
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  // results
  key(w, "results");
  w.StartArray();
  std::vector<filter::Fingerprint> prints = filter::fingerprints(result);
  for (size_t i : written) {
    const evaluate::Finding& f = result.findings[i];
    const base::SourceFile* src = source_of(result, f.where.file);
    w.StartObject();
    key(w, "ruleId");
    str(w, f.rule_id);
    auto idx = rule_index.find(f.rule_id);
    if (idx != rule_index.end()) {
      key(w, "ruleIndex");
      w.Uint64(idx->second);
    }
    key(w, "level");
    str(w, level_of(f.severity));
    text_object(w, "message", sentence(f.message));
    key(w, "locations");
    w.StartArray();
    w.StartObject();
    write_physical(w, result, f.where, src, secrets.mask(f.where, f.secret));
    if (!f.resource.empty()) {
      key(w, "logicalLocations");
      w.StartArray();
      w.StartObject();
      key(w, "fullyQualifiedName");
      str(w, f.arn.empty() ? f.resource : f.arn);
      key(w, "kind");
      str(w, "resource");
      w.EndObject();
      w.EndArray();
    }
    w.EndObject();
    w.EndArray();
    if (!f.related.empty()) {
      key(w, "relatedLocations");
      w.StartArray();
      int id = 1;
      for (const evaluate::Related& r : f.related) {
        w.StartObject();
        key(w, "id");
        w.Int(id++);
        write_physical(w, result, r.where, source_of(result, r.where.file), secrets.mask(r.where));
        text_object(w, "message", sentence(r.message));
        w.EndObject();
      }
      w.EndArray();
    }
    key(w, "partialFingerprints");
    w.StartObject();
    key(w, "primaryLocationLineHash");
    str(w, prints[i].line_hash);
    key(w, "guardrail/v1");
    str(w, prints[i].stable);
    w.EndObject();
    if (!f.baseline_state.empty()) {
      key(w, "baselineState");
      str(w, f.baseline_state);
    }
    if (f.suppressed()) {
      key(w, "suppressions");
      w.StartArray();
      w.StartObject();
      key(w, "kind");
      str(w, f.suppression.kind == evaluate::SuppressionKind::inline_comment ? "inSource" : "external");
      key(w, "status");
      str(w, "accepted");
      key(w, "justification");
      std::string why = f.suppression.justification;
      if (!f.suppression.expires.empty()) why += " (until " + f.suppression.expires + ")";
      str(w, why);
      w.EndObject();
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  key(w, "columnKind");
  str(w, "unicodeCodePoints");
  w.EndObject();  // run
  w.EndArray();
  w.EndObject();
  stream.Flush();
  stream.Put('\n');
}

std::string render_sarif(const scan::ScanResult& result, const SarifOptions& options) {
  std::ostringstream out;
  write_sarif(result, options, out);
  return out.str();
}

}  // namespace guardrail::report
