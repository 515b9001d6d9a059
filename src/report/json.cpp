#include "report/json.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "version.hpp"

namespace guardrail::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_location(Writer& w, const base::Location& where) {
  w.StartObject();
  w.Key("path");
  write_string(w, where.file);
  if (where.line) {
    w.Key("line");
    w.Uint(where.line);
    w.Key("column");
    w.Uint(where.column);
    w.Key("endLine");
    w.Uint(where.end_line);
    w.Key("endColumn");
    w.Uint(where.end_column);
  }
  w.EndObject();
}

template <typename Map>
void write_counts(Writer& w, const Map& counts) {
  w.StartObject();
  for (const auto& [name, n] : counts) {
    write_string(w, name);
    w.Uint64(n);
  }
  w.EndObject();
}

std::string_view suppression_kind(evaluate::SuppressionKind kind) {
  switch (kind) {
    case evaluate::SuppressionKind::inline_comment: return "inline";
    case evaluate::SuppressionKind::waiver: return "waiver";
    case evaluate::SuppressionKind::baseline: return "baseline";
    default: return "none";
  }
}

}  // namespace

std::string render_json(const scan::ScanResult& result) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("name");
  w.String("guardrail");
  w.Key("version");
  w.String(kVersion);
  w.EndObject();

  w.Key("findings");
  w.StartArray();
  std::map<std::string, size_t> by_severity;
  size_t active = 0;
  for (const evaluate::Finding& f : result.findings) {
    w.StartObject();
    w.Key("ruleId");
    write_string(w, f.rule_id);
    w.Key("severity");
    write_string(w, to_string(f.severity));
    w.Key("message");
    write_string(w, f.message);
    w.Key("location");
    write_location(w, f.where);
    w.Key("resource");
    write_string(w, f.resource);
    if (!f.arn.empty()) {
      w.Key("arn");
      write_string(w, f.arn);
    }
    if (!f.environment.empty()) {
      w.Key("environment");
      write_string(w, f.environment);
    }
    if (!f.related.empty()) {
      w.Key("related");
      w.StartArray();
      for (const evaluate::Related& r : f.related) {
        w.StartObject();
        w.Key("message");
        write_string(w, r.message);
        w.Key("location");
        write_location(w, r.where);
        w.EndObject();
      }
      w.EndArray();
    }
    if (f.suppressed()) {
      w.Key("suppression");
      w.StartObject();
      w.Key("kind");
      write_string(w, suppression_kind(f.suppression.kind));
      w.Key("justification");
      write_string(w, f.suppression.justification);
      if (!f.suppression.expires.empty()) {
        w.Key("expires");
        write_string(w, f.suppression.expires);
      }
      w.EndObject();
    } else {
      ++active;
      ++by_severity[std::string(to_string(f.severity))];
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("diagnostics");
  w.StartArray();
  for (const base::Diagnostic& d : result.diagnostics) {
    w.StartObject();
    w.Key("level");
    write_string(w, base::to_string(d.level));
    w.Key("code");
    write_string(w, d.code);
    w.Key("message");
    write_string(w, d.message);
    w.Key("location");
    write_location(w, d.where);
    w.EndObject();
  }
  w.EndArray();

  w.Key("summary");
  w.StartObject();
  w.Key("files");
  write_counts(w, result.files_by_kind());
  // Files of a name guardrail looks at that it did not read as infrastructure, and why.
  w.Key("skipped");
  w.StartArray();
  for (const scan::FileSummary& f : result.files) {
    if (f.skip_reason.empty()) continue;
    w.StartObject();
    w.Key("path");
    write_string(w, f.path);
    w.Key("reason");
    write_string(w, f.skip_reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("resources");
  write_counts(w, result.resources_by_type());
  w.Key("findings");
  w.Uint64(active);
  w.Key("findingsBySeverity");
  write_counts(w, by_severity);
  w.Key("suppressed");
  w.Uint64(result.findings.size() - active);
  w.Key("errors");
  w.Uint64(result.error_count());
  w.Key("warnings");
  w.Uint64(result.warning_count());
  w.Key("undecided");
  w.Uint64(result.undecided);
  // Which checks could not be decided, per rule and resource: what to
  // look at when a number above is not zero.
  w.Key("undecidedChecks");
  w.StartArray();
  for (const evaluate::CheckRecord& c : result.checks) {
    if (c.outcome != evaluate::Tri::unknown) continue;
    w.StartObject();
    w.Key("ruleId");
    w.String(c.rule_id.c_str());
    w.Key("resource");
    if (c.resource) w.String(c.resource->address.c_str());
    else w.Null();
    if (c.where.known()) {
      w.Key("location");
      write_location(w, c.where);
    }
    w.Key("reason");
    write_string(w, c.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace guardrail::report
