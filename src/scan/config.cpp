#include "scan/config.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "evaluate/finding.hpp"
#include "load/limits.hpp"
#include "load/yaml_loader.hpp"
#include "policy/frameworks.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

using model::Value;

class Reader {
 public:
  Reader(Config& out, fs::path folder) : out_(out), folder_(std::move(folder)) {}

  void error(const base::Location& where, std::string message) {
    out_.diagnostics.push_back(base::error("config", where, std::move(message)));
  }

  bool string(const Value& v, std::string& into, std::string_view what) {
    if (v.is_string()) {
      into = v.as_string();
      return true;
    }
    if (v.kind() == model::Kind::integer || v.is_bool()) {  // an account ID written without quotes
      into = v.kind() == model::Kind::integer ? std::to_string(v.as_int()) : (v.as_bool() ? "true" : "false");
      return true;
    }
    error(v.location(), std::string(what) + " takes a string");
    return false;
  }

  /// A string or a list of strings.
  std::vector<std::string> strings(const Value& v, std::string_view what) {
    std::vector<std::string> list;
    std::string s;
    if (v.is_list()) {
      for (const Value& item : v.as_list())
        if (string(item, s, what)) list.push_back(s);
    } else if (string(v, s, what)) {
      list.push_back(s);
    }
    return list;
  }

  std::string relative(const std::string& p) const {
    fs::path path(p);
    return path.is_absolute() ? p : (folder_ / path).lexically_normal().generic_string();
  }

  void keys(const Value& map, std::initializer_list<std::string_view> allowed, std::string_view where) {
    for (const model::Member& m : map.as_map()) {
      bool ok = false;
      std::string list;
      for (std::string_view k : allowed) {
        ok = ok || m.key == k;
        list += (list.empty() ? "" : ", ") + std::string(k);
      }
      if (!ok) error(m.key_location, "unknown key '" + m.key + "' in " + std::string(where) + " (known: " + list + ")");
    }
  }

  void read(const Value& doc) {
    if (!doc.is_map()) {
      error(doc.location(), "a configuration file is a map of settings");
      return;
    }
    keys(doc,
         {"policy", "policy-name", "environments", "include", "exclude", "fail-on", "outputs", "rules", "baseline",
          "report-unused-suppressions", "limits", "frameworks"},
         "the configuration");
    for (const model::Member& m : doc.as_map()) {
      const Value& v = m.value;
      if (m.key == "policy") {
        for (const std::string& p : strings(v, "policy")) out_.policy_files.push_back(relative(p));
      } else if (m.key == "policy-name") {
        string(v, out_.policy_name, "policy-name");
      } else if (m.key == "environments") {
        environments(v);
      } else if (m.key == "include") {
        for (const std::string& g : strings(v, "include")) out_.include.push_back(relative(g));
      } else if (m.key == "exclude") {
        for (const std::string& g : strings(v, "exclude")) out_.exclude.push_back(relative(g));
      } else if (m.key == "fail-on") {
        if (string(v, out_.fail_on, "fail-on") && out_.fail_on != "never" && !evaluate::parse_severity(out_.fail_on))
          error(v.location(), "fail-on takes info, low, medium, high, critical or never, not '" + out_.fail_on + "'");
      } else if (m.key == "outputs") {
        outputs(v);
      } else if (m.key == "rules") {
        rules(v);
      } else if (m.key == "baseline") {
        if (string(v, out_.baseline, "baseline")) out_.baseline = relative(out_.baseline);
      } else if (m.key == "frameworks") {
        // Shipped IDs as they are; a framework file relative to this file.
        for (const std::string& f : strings(v, "frameworks"))
          out_.frameworks.push_back(policy::is_framework_file(f) ? relative(f) : f);
      } else if (m.key == "limits") {
        limits(v);
      } else if (m.key == "report-unused-suppressions") {
        if (v.is_bool()) out_.report_unused_suppressions = v.as_bool();
        else error(v.location(), "report-unused-suppressions takes true or false");
      }
    }
  }

  void environments(const Value& v) {
    if (!v.is_map()) {
      error(v.location(), "environments is a map from environment name to {accounts, paths, var-files}");
      return;
    }
    for (const model::Member& env : v.as_map()) {
      EnvironmentOverride o;
      o.where = env.key_location;
      if (!env.value.is_map()) {
        error(env.value.location(), "environment " + env.key + " takes a map with accounts, paths and var-files");
        continue;
      }
      keys(env.value, {"accounts", "paths", "var-files"}, "environment " + env.key);
      if (const Value* a = env.value.find("accounts")) o.accounts = strings(*a, "accounts");
      if (const Value* p = env.value.find("paths")) {
        o.paths.emplace();
        for (const std::string& g : strings(*p, "paths")) o.paths->push_back(relative(g));
      }
      if (const Value* f = env.value.find("var-files"))
        for (const std::string& file : strings(*f, "var-files")) o.var_files.push_back(relative(file));
      out_.environments[env.key] = std::move(o);
    }
  }

  void limits(const Value& v) {
    if (!v.is_map()) {
      error(v.location(), "limits is a map from limit to value: {max-file-size: 2GiB}");
      return;
    }
    for (const model::Member& m : v.as_map()) {
      std::string text = m.value.is_string() ? m.value.as_string()
                         : m.value.kind() == model::Kind::integer ? std::to_string(m.value.as_int())
                                                                  : "";
      std::string problem;
      if (text.empty()) problem = m.key + " takes a number or a size such as 512MiB";
      else if (load::set_limit(out_.limits, m.key, text, problem)) continue;
      error(problem.rfind("unknown limit", 0) == 0 ? m.key_location : m.value.location(), problem);
    }
  }

  void outputs(const Value& v) {
    static const std::set<std::string> kFormats = {"text", "json", "sarif", "junit", "markdown", "html", "resources"};
    if (!v.is_map()) {
      error(v.location(), "outputs is a map from format to file: {sarif: guardrail.sarif}");
      return;
    }
    for (const model::Member& m : v.as_map()) {
      if (!kFormats.count(m.key)) {
        error(m.key_location, "unknown output format '" + m.key + "' (text, json, sarif, junit, markdown, html, resources)");
        continue;
      }
      std::string file;
      if (string(m.value, file, "an output")) out_.outputs.push_back(m.key + "=" + relative(file));
    }
  }

  void rules(const Value& v) {
    if (!v.is_map()) {
      error(v.location(), "rules is a map with enable, disable and severity");
      return;
    }
    keys(v, {"enable", "disable", "severity"}, "rules");
    if (const Value* e = v.find("enable")) out_.enable = strings(*e, "rules.enable");
    if (const Value* d = v.find("disable")) out_.disable = strings(*d, "rules.disable");
    if (const Value* s = v.find("severity")) {
      if (!s->is_map()) {
        error(s->location(), "rules.severity is a map from rule ID to severity: {NET-009: critical}");
        return;
      }
      for (const model::Member& m : s->as_map()) {
        std::string level;
        if (!string(m.value, level, "a severity")) continue;
        if (!evaluate::parse_severity(level)) {
          error(m.value.location(), "unknown severity '" + level + "' (info, low, medium, high, critical)");
          continue;
        }
        out_.severity[m.key] = level;
      }
    }
  }

 private:
  Config& out_;
  fs::path folder_;
};

}  // namespace

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return std::nullopt;
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    for (const char* name : {".guardrail.yaml", ".guardrail.yml"})
      if (fs::is_regular_file(dir / name, ec)) return dir / name;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

Config parse_config(std::unique_ptr<base::SourceFile> source, const fs::path& folder) {
  Config out;
  out.source = std::move(source);
  load::Documents docs = load::load_yaml(*out.source);
  for (base::Diagnostic& d : docs.diagnostics) out.diagnostics.push_back(std::move(d));
  if (docs.documents.size() > 1)
    out.diagnostics.push_back(base::error("config", docs.documents[1].location(), "one document per configuration file"));
  if (!docs.documents.empty() && !docs.documents[0].is_null()) Reader(out, folder).read(docs.documents[0]);
  return out;
}

Config load_config(const fs::path& path) {
  // Shown relative to the working folder when it lies below it.
  std::error_code ec;
  fs::path shown = fs::relative(path, fs::current_path(), ec);
  if (ec || shown.empty() || *shown.begin() == "..") shown = path;
  base::FileRead read = load::read_document(path.string());
  if (!read.ok()) {
    Config out;
    out.path = path;
    out.source = std::make_unique<base::SourceFile>(shown.generic_string(), "");
    out.diagnostics.push_back(base::error("config", {out.source->path()}, "cannot read the configuration: " + read.error));
    return out;
  }
  fs::path folder = path.parent_path();
  fs::path rel = fs::relative(folder, fs::current_path(), ec);
  Config out = parse_config(std::make_unique<base::SourceFile>(shown.generic_string(), std::move(read.bytes)),
                            ec || rel.empty() ? folder : rel);
  out.path = path;
  return out;
}

std::vector<std::string> configured_policy_files() {
  std::error_code ec;
  std::optional<std::filesystem::path> path = find_config(std::filesystem::current_path(ec));
  if (!path) return {};
  Config config = load_config(*path);
  return config.policy_files;
}

}  // namespace guardrail::scan
