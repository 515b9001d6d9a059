#include "report/json.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <sstream>

#include "report/json_out.hpp"

#include "version.hpp"

namespace guardrail::report {
namespace {

using Writer = rapidjson::PrettyWriter<JsonOut>;

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

void write_strings(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& item : items) write_string(w, item);
  w.EndArray();
}

void write_checks(Writer& w, size_t passed, size_t failed, size_t undecided) {
  w.StartObject();
  w.Key("passed");
  w.Uint64(passed);
  w.Key("failed");
  w.Uint64(failed);
  w.Key("undecided");
  w.Uint64(undecided);
  w.EndObject();
}

/// Where the scan stands on each control of each framework asked for
/// (--framework). Findings are indexes into the report's "findings".
void write_frameworks(Writer& w, const std::vector<scan::FrameworkResult>& frameworks) {
  using scan::ControlStatus;
  w.StartArray();
  for (const scan::FrameworkResult& fr : frameworks) {
    const policy::Framework& f = *fr.framework;
    w.StartObject();
    w.Key("id");
    write_string(w, f.id);
    w.Key("title");
    write_string(w, f.title);
    w.Key("version");
    write_string(w, f.version);
    w.Key("summary");
    w.StartObject();
    w.Key("controls");
    w.Uint64(fr.controls.size());
    w.Key("covered");
    w.Uint64(fr.covered());
    for (auto [key, status] : {std::pair{"failed", ControlStatus::failed}, {"undecided", ControlStatus::undecided},
                               {"passed", ControlStatus::passed}, {"notApplicable", ControlStatus::not_applicable},
                               {"notAssessed", ControlStatus::not_assessed}, {"notCovered", ControlStatus::not_covered}}) {
      w.Key(key);
      w.Uint64(fr.count(status));
    }
    w.EndObject();
    w.Key("controls");
    w.StartArray();
    for (const scan::ControlResult& c : fr.controls) {
      const policy::Control& control = *c.control;
      w.StartObject();
      w.Key("id");
      write_string(w, control.id);
      w.Key("title");
      write_string(w, control.title);
      w.Key("mapping");
      write_string(w, policy::to_string(control.mapping));
      w.Key("rules");
      write_strings(w, control.rules);
      w.Key("status");
      write_string(w, scan::to_string(c.status));
      if (control.mapping != policy::Mapping::none) {
        w.Key("checks");
        write_checks(w, c.passed, c.failed, c.undecided);
        w.Key("excepted");
        w.Uint64(c.excepted);
        w.Key("findings");
        w.StartArray();
        for (size_t i : c.findings) w.Uint64(i);
        w.EndArray();
        w.Key("reasons");
        write_strings(w, c.reasons);
        w.Key("scopes");
        w.StartArray();
        for (const scan::ScopeStatus& s : c.scopes) {
          w.StartObject();
          w.Key("view");
          write_string(w, s.view);
          w.Key("environment");
          write_string(w, s.environment);
          w.Key("status");
          write_string(w, scan::to_string(s.status));
          w.Key("checks");
          write_checks(w, s.passed, s.failed, s.undecided);
          w.EndObject();
        }
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void write_json(const scan::ScanResult& result, std::ostream& out) {
  JsonOut stream(out);
  Writer w(stream);
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
    // The root a module's resource was evaluated in: one address, several roots.
    if (f.resource.rfind("module.", 0) == 0 && !f.origin.empty() && f.origin != ".") {
      w.Key("root");
      write_string(w, f.origin.str());
    }
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
  if (!result.frameworks.empty()) {
    w.Key("frameworks");
    write_frameworks(w, result.frameworks);
  }
  w.EndObject();
  stream.Flush();
  stream.Put('\n');
}

std::string render_json(const scan::ScanResult& result) {
  std::ostringstream out;
  write_json(result, out);
  return out.str();
}

}  // namespace guardrail::report
