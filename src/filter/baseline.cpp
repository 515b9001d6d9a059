#include "filter/baseline.hpp"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/intern.hpp"
#include "filter/fingerprint.hpp"
#include "load/json_loader.hpp"
#include "scan/scanner.hpp"

namespace guardrail::filter {
namespace {

void put(rapidjson::PrettyWriter<rapidjson::StringBuffer>& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

bool write_baseline(const scan::ScanResult& result, const std::string& path, std::string& error) {
  std::vector<Fingerprint> prints = fingerprints(result);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("guardrailBaseline");
  w.Int(1);
  w.Key("findings");
  w.StartArray();
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const evaluate::Finding& f = result.findings[i];
    // Waived and inline-suppressed findings stay out (when those expire they
    // are new again); the baseline's own are today's findings too.
    if (f.suppressed() && f.suppression.kind != evaluate::SuppressionKind::baseline) continue;
    w.StartObject();
    put(w, "fingerprint", prints[i].stable);
    put(w, "ruleId", f.rule_id);
    put(w, "file", result.repository_path(f.where.file));
    w.Key("line");
    w.Uint(f.where.line);
    put(w, "resource", f.resource);
    put(w, "message", f.secret ? std::string("(a secret; see the scan)") : f.message);
    w.EndObject();
  }
  // The file's entries this run could not have found again, kept: those of
  // files it did not scan (a baseline refreshed from tf/ keeps k8s/'s) and of
  // rules it did not run (--rule). Only what the run judged is rewritten.
  std::error_code ec;
  if (std::ifstream old(path, std::ios::binary); old && std::filesystem::is_regular_file(path, ec)) {
    std::ostringstream text;
    text << old.rdbuf();
    rapidjson::Document d;
    d.Parse(text.str().c_str());
    std::set<std::string> scanned, ran;
    for (const scan::FileSummary& f : result.files)
      if (f.reported) scanned.insert(result.repository_path(f.path));
    for (const policy::Rule* r : result.rules_run) ran.insert(r->id);
    auto text_of = [](const rapidjson::Value& e, const char* key) {
      return e.HasMember(key) && e[key].IsString() ? std::string(e[key].GetString(), e[key].GetStringLength())
                                                   : std::string();
    };
    if (!d.HasParseError() && d.IsObject() && d.HasMember("findings") && d["findings"].IsArray())
      for (const rapidjson::Value& e : d["findings"].GetArray()) {
        if (!e.IsObject()) continue;
        std::string file = text_of(e, "file"), rule = text_of(e, "ruleId");
        if (file.empty() || rule.empty() || (scanned.count(file) && ran.count(rule))) continue;
        e.Accept(w);
      }
  }
  w.EndArray();
  w.EndObject();
  std::ofstream out(path, std::ios::binary);
  out << buffer.GetString() << "\n";
  out.close();  // a full disk fails here, not at <<
  if (!out) {
    error = "cannot write the baseline " + path;
    return false;
  }
  return true;
}

void apply_baseline(scan::ScanResult& result, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.diagnostics.push_back(base::error("baseline", {base::intern(path)}, "cannot read the baseline " + path));
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto src = std::make_unique<base::SourceFile>(path, text.str());
  load::Documents docs = load::load_json(*src);
  std::set<std::string> known;
  bool ok = docs.diagnostics.empty() && docs.documents.size() == 1;
  for (base::Diagnostic& d : docs.diagnostics) {
    d.code = "baseline";
    result.diagnostics.push_back(std::move(d));
  }
  if (ok) {
    const model::Value& doc = docs.documents[0];
    const model::Value* version = doc.find("guardrailBaseline");
    const model::Value* findings = doc.find("findings");
    if (!doc.is_map() || !version || !findings || !findings->is_list()) {
      result.diagnostics.push_back(base::error(
          "baseline", doc.location(),
          "not a guardrail baseline (expected {\"guardrailBaseline\": 1, \"findings\": [...]}; "
          "write one with --write-baseline)"));
      ok = false;
    } else {
      for (const model::Value& f : findings->as_list()) {
        const model::Value* print = f.find("fingerprint");
        if (!print || !print->is_string()) {
          result.diagnostics.push_back(
              base::error("baseline", f.location(), "a baseline entry without a \"fingerprint\" string"));
          ok = false;
          continue;
        }
        known.insert(print->as_string());
      }
    }
  }
  // The text must outlive the diagnostics' locations (and gives them snippets).
  if (result.source(src->path())) {
    result.auxiliary_sources.push_back(std::move(src));  // scanned too: keep the scanned text for snippets
  } else {
    auto at = std::lower_bound(result.sources.begin(), result.sources.end(), src->path(),
                               [](const auto& s, std::string_view p) { return s->path() < p; });
    result.sources.insert(at, std::move(src));
  }
  if (!ok) return;
  std::vector<Fingerprint> prints = fingerprints(result);
  for (size_t i = 0; i < result.findings.size(); ++i) {
    evaluate::Finding& f = result.findings[i];
    bool old = known.count(prints[i].stable) > 0;
    f.baseline_state = old ? "unchanged" : "new";
    if (old && !f.suppressed())
      f.suppression = {evaluate::SuppressionKind::baseline, "in the baseline " + path, ""};
  }
}

}  // namespace guardrail::filter
