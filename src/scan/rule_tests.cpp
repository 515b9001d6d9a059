#include "scan/rule_tests.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "adapt/cloudformation/template.hpp"
#include "base/glob.hpp"
#include "load/yaml_loader.hpp"
#include "scan/config.hpp"
#include "scan/discover.hpp"
#include "scan/scanner.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

using Expected = std::set<std::pair<std::string, uint32_t>>;  // (display path, line)

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Expectations for `rule_id` in one case file: inline comments and a sidecar
/// (FILE.expect: "LINE RULE-ID" or "LINE undecided RULE-ID" per line).
/// `# undecided: RULE-ID` marks where a check of the rule must stay
/// undecided (the value it could not know), into `undecided`.
void expectations(const fs::path& file, const std::string& shown, const std::string& rule_id, Expected& out,
                  Expected& undecided) {
  static const RE2 kInline(
      "(?:#|//)\\s*(expect|undecided):\\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:\\s*,\\s*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)*)");
  std::string text = read_text(file);
  std::istringstream lines(text);
  std::string line;
  for (uint32_t n = 1; std::getline(lines, line); ++n) {
    std::string kind, ids;
    re2::StringPiece rest(line);
    while (RE2::FindAndConsume(&rest, kInline, &kind, &ids)) {
      std::istringstream list(ids);
      for (std::string id; std::getline(list, id, ',');) {
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (id == rule_id) (kind == "expect" ? out : undecided).insert({shown, n});
      }
    }
  }
  fs::path sidecar = file;
  sidecar += ".expect";
  if (!fs::exists(sidecar)) return;
  std::string listed = read_text(sidecar);
  if (listed.rfind("\xEF\xBB\xBF", 0) == 0) listed.erase(0, 3);  // a byte order mark, as editors write
  std::istringstream side(listed);
  while (std::getline(side, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF
    std::istringstream fields(line);
    uint32_t n = 0;
    std::string id;
    if (!(fields >> n)) continue;
    fields >> id;
    if (id == "undecided" || id == "undecided:") {  // "LINE undecided RULE-ID", as `# undecided:` inline
      fields >> id;
      if (id == rule_id) undecided.insert({shown, n});
      continue;
    }
    if (id.empty() || id == rule_id) out.insert({shown, n});
  }
}

std::string describe(const Expected& lines) {
  std::string out;
  for (const auto& [path, line] : lines) out += (out.empty() ? "" : ", ") + path + ":" + std::to_string(line);
  return out.empty() ? "nowhere" : out;
}

/// The cases in a cases/fire or cases/pass folder: each entry is one.
std::vector<fs::path> entries(const fs::path& kind) {
  std::vector<fs::path> out;
  if (fs::is_directory(kind))
    for (const auto& e : fs::directory_iterator(kind))
      if (e.path().extension() != ".expect") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> case_files(const fs::path& case_path) {
  std::vector<fs::path> files;
  if (fs::is_directory(case_path)) {
    for (const auto& e : fs::recursive_directory_iterator(case_path))
      if (e.is_regular_file() && e.path().extension() != ".expect") files.push_back(e.path());
  } else {
    files.push_back(case_path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The user's environment bindings for a rule's cases: the `environments` of
/// the `.guardrail.yaml` nearest the rule's folder (the shipped rules' binds
/// the example accounts their cases use), as a scan of that folder would.
using Environments = std::map<std::string, EnvironmentOverride>;

Environments case_environments(const fs::path& rule_folder) {
  static std::map<fs::path, Environments> cache;
  std::optional<fs::path> found = find_config(rule_folder);
  if (!found) return {};
  auto it = cache.find(*found);
  if (it == cache.end()) it = cache.emplace(*found, load_config(*found).environments).first;
  return it->second;
}

ScanResult scan_case(const std::string& rule_id, const fs::path& case_path, std::shared_ptr<policy::Pack> pack,
                     unsigned jobs, const Environments& environments) {
  ScanOptions options;
  options.environments = environments;
  // A case may bind environments of its own (a var-file matrix case): its
  // .guardrail.yaml's, over the rule folder's.
  std::error_code ec;
  if (fs::is_regular_file(case_path / ".guardrail.yaml", ec))
    for (auto& [name, o] : load_config(case_path / ".guardrail.yaml").environments) options.environments[name] = o;
  options.paths = {case_path.string()};
  options.root = fs::current_path();
  options.only_rules = {rule_id};
  options.jobs = jobs;
  return run_scan(options, std::move(pack));
}

/// The first error of a scan, as a case's failure.
std::string load_error(const ScanResult& scan) {
  for (const base::Diagnostic& d : scan.diagnostics)
    if (d.level == base::Level::error)
      return "the case does not load: " + std::string(d.where.file) + ":" + std::to_string(d.where.line) + ": " +
             d.message;
  return "";
}

/// AWS Config items or AWS CLI output, by a look at the file's text.
std::string export_variant(const fs::path& disk) {
  std::ifstream in(disk, std::ios::binary);
  std::string head(1 << 16, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  bool config = head.find("\"configurationItems\"") != std::string::npos ||
                (head.find("\"resourceType\"") != std::string::npos &&
                 head.find("\"configuration\"") != std::string::npos);
  return config ? "aws-config" : "aws-cli";
}

std::string variant_of(FileKind kind, const std::string& display, const fs::path& disk) {
  switch (kind) {
    case FileKind::terraform: return "tf-hcl";
    case FileKind::terraform_plan: return "tf-plan";
    case FileKind::cloudformation: {
      std::string ext = fs::path(display).extension().string();
      return ext == ".json" ? "cfn-json" : "cfn-yaml";
    }
    case FileKind::aws_export: return export_variant(disk);
    case FileKind::kubernetes: return "k8s";
    case FileKind::dockerfile: return "dockerfile";
    default: return "";
  }
}

/// The variants a case exercised: those of its files (a fire case's finding
/// may sit in one file and depend on another: OBS-003 fires on a Terraform
/// cluster for want of alerts in Kubernetes manifests).
std::set<std::string> variants_of(const ScanResult& scan, const std::map<std::string, fs::path>& disk_by_display) {
  std::set<std::string> out;
  for (const FileSummary& f : scan.files) {
    auto it = disk_by_display.find(f.path);
    std::string v = variant_of(f.kind, f.path, it == disk_by_display.end() ? fs::path(f.path) : it->second);
    if (!v.empty()) out.insert(v);
  }
  return out;
}

/// What a twin must reproduce: the rule's findings by environment and
/// resource (the part after a template's `#`: twins live in other files).
/// Findings on a file rather than a resource (a key in a comment) are left
/// out: a plan or a JSON rendering has no comments. A verdict is per
/// resource: a plan spells out the provider's defaults, so one finding at a
/// block header in HCL may be two at two attributes in the plan.
using Verdicts = std::set<std::pair<std::string, std::string>>;
/// `terraform_only` keeps the findings on Terraform resources: a plan twin
/// renders the case's Terraform, not its manifests or templates.
Verdicts verdicts(const ScanResult& scan, const std::string& rule_id, bool terraform_only = false) {
  std::set<std::string> addresses;
  // A plan holds resources, not the configuration's locals and variables.
  for (const model::Resource& r : scan.resources)
    if (!terraform_only || ((r.source == model::SourceKind::terraform || r.source == model::SourceKind::terraform_plan) &&
                            r.type.rfind("terraform_", 0) != 0))
      addresses.insert(r.address);
  Verdicts out;
  for (const evaluate::Finding& f : scan.findings) {
    if (f.rule_id != rule_id || f.suppressed() || !addresses.count(f.resource)) continue;
    size_t hash = f.resource.find('#');
    out.insert({f.environment, hash == std::string::npos ? f.resource : f.resource.substr(hash + 1)});
  }
  return out;
}

std::string describe(const Verdicts& v) {
  std::string out;
  for (const auto& [env, resource] : v) out += (out.empty() ? "" : ", ") + resource + (env.empty() ? "" : " (" + env + ")");
  return out.empty() ? "nothing" : out;
}

CaseResult run_case(const std::string& rule_id, const fs::path& case_path, bool fire,
                    std::shared_ptr<policy::Pack> pack, unsigned jobs, const Environments& environments,
                    ScanResult* keep = nullptr) {
  CaseResult result{rule_id, case_path.generic_string(), fire, false, "", "", {}};
  fs::path root = fs::current_path();
  Expected expected, undecided;
  std::map<std::string, fs::path> disk;
  for (const fs::path& f : case_files(case_path)) {
    std::string shown = display_path(f, root);
    disk[shown] = f;
    expectations(f, shown, rule_id, expected, undecided);
  }
  ScanResult scan = scan_case(rule_id, case_path, std::move(pack), jobs, environments);
  if (std::string e = load_error(scan); !e.empty()) {
    result.detail = e;
    return result;
  }
  Expected actual;
  for (const evaluate::Finding& f : scan.findings)
    if (f.rule_id == rule_id && !f.suppressed()) {
      actual.insert({std::string(f.where.file), f.where.line});
      // A message must say what a missing value means, not print it.
      static const RE2 kMissing("\\bnull\\b|\\(not set\\)");
      if (RE2::PartialMatch(f.message, kMissing)) {
        result.detail = "the message shows a missing value: \"" + f.message + "\"";
        return result;
      }
      // Nor Terraform's words for an unknown where nothing is applied.
      // (A template's or Dockerfile's resource is FILE#NAME; Terraform's and exports' hold no '#'.)
      bool applied = (f.resource_type.view().rfind("aws_", 0) == 0 || f.resource_type.view().rfind("terraform", 0) == 0) &&
                     f.resource.find('#') == std::string::npos;
      if (!applied && f.message.find("known after apply") != std::string::npos) {
        result.detail = "the message speaks of apply on a " + std::string(f.resource_type.view()) + ": \"" + f.message + "\"";
        return result;
      }
    }
  if (fire && expected.empty()) {
    result.detail = "a fire case needs `# expect: " + rule_id + "` on the lines that must fire (or a .expect file)";
    return result;
  }
  if (actual != expected) {
    result.detail = "expected " + rule_id + " at " + describe(expected) + ", found it at " + describe(actual);
    return result;
  }
  // Marked undecided checks must be exactly the rule's undecided ones.
  if (!undecided.empty()) {
    Expected open;
    for (const evaluate::CheckRecord& c : scan.checks)
      if (c.rule_id == rule_id && c.outcome == evaluate::Tri::unknown) open.insert({std::string(c.where.file), c.where.line});
    if (open != undecided) {
      result.detail = "expected " + rule_id + " undecided at " + describe(undecided) + ", found it undecided at " +
                      describe(open);
      return result;
    }
  }
  result.variants = variants_of(scan, disk);
  result.ok = true;
  if (keep) *keep = std::move(scan);
  return result;
}

/// A twin judged against its original's verdicts.
CaseResult run_twin(const std::string& rule_id, const fs::path& twin_path, const std::string& shown, bool fire,
                    const std::string& kind, const Verdicts& original, const std::string& original_path,
                    std::shared_ptr<policy::Pack> pack, unsigned jobs, const Environments& environments) {
  CaseResult result{rule_id, shown, fire, false, "", kind, {}};
  ScanResult scan = scan_case(rule_id, twin_path, std::move(pack), jobs, environments);
  if (std::string e = load_error(scan); !e.empty()) {
    result.detail = e;
    return result;
  }
  Verdicts mine = verdicts(scan, rule_id, kind == "plan");
  if (mine != original) {
    result.detail = "the " + kind + " twin of " + original_path + " fires on " + describe(mine) + ", the original on " +
                    describe(original);
    return result;
  }
  if (fire && mine.empty()) {
    result.detail = "the " + kind + " twin of " + original_path + " fires on nothing";
    return result;
  }
  std::map<std::string, fs::path> disk;
  for (const fs::path& f : case_files(twin_path)) disk[display_path(f, fs::current_path())] = f;
  result.variants = variants_of(scan, disk);
  result.ok = true;
  return result;
}

void write_json(const model::Value& v, rapidjson::PrettyWriter<rapidjson::StringBuffer>& w) {
  switch (v.kind()) {
    case model::Kind::boolean: w.Bool(v.as_bool()); break;
    case model::Kind::integer: w.Int64(v.as_int()); break;
    case model::Kind::floating: w.Double(v.as_double()); break;
    case model::Kind::string: w.String(v.as_string().c_str(), static_cast<rapidjson::SizeType>(v.as_string().size())); break;
    case model::Kind::list:
      w.StartArray();
      for (const model::Value& item : v.as_list()) write_json(item, w);
      w.EndArray();
      break;
    case model::Kind::map:
      w.StartObject();
      for (const model::Member& m : v.as_map()) {
        w.Key(m.key.c_str(), static_cast<rapidjson::SizeType>(m.key.size()));
        write_json(m.value, w);
      }
      w.EndObject();
      break;
    default: w.Null(); break;
  }
}

/// The case with each CloudFormation YAML template rendered as JSON, in
/// `out` (same relative paths, so environments by folder stay). False when
/// the case has no YAML template.
bool json_twin(const ScanResult& scan, const fs::path& case_path, const fs::path& out, std::string& error) {
  fs::path root = fs::current_path();
  std::set<std::string> templates;
  for (const FileSummary& f : scan.files)
    if (f.kind == FileKind::cloudformation && fs::path(f.path).extension() != ".json") templates.insert(f.path);
  if (templates.empty()) return false;
  bool folder = fs::is_directory(case_path);
  for (const fs::path& f : case_files(case_path)) {
    fs::path rel = folder ? f.lexically_relative(case_path) : f.filename();
    fs::path target = out / rel;
    fs::create_directories(target.parent_path());
    if (!templates.count(display_path(f, root))) {
      fs::copy_file(f, target, fs::copy_options::overwrite_existing);
      continue;
    }
    base::SourceFile source(f.generic_string(), read_text(f));
    load::Documents docs = load::load_yaml(source);
    base::Diagnostics problems = docs.diagnostics;
    if (docs.documents.size() != 1 || base::has_errors(problems)) {
      error = "cannot render " + f.generic_string() + " as JSON";
      return false;
    }
    model::Value json = adapt::cloudformation::long_form(docs.documents[0], problems);
    // A nested stack's local template is rendered too: the twin nests the JSON.
    if (model::Value* resources = json.find("Resources"); resources && resources->is_map())
      for (model::Member& r : resources->as_map()) {
        model::Value* props = r.value.find("Properties");
        model::Value* url = props ? props->find("TemplateURL") : nullptr;
        if (!url) url = props ? props->find("Location") : nullptr;
        if (!url || !url->is_string()) continue;
        fs::path nested = f.parent_path() / url->as_string();
        if (templates.count(display_path(nested.lexically_normal(), root)))
          *url = model::Value::string(fs::path(url->as_string()).replace_extension(".json").generic_string());
      }
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    write_json(json, w);
    target.replace_extension(".json");
    std::ofstream(target, std::ios::binary) << buffer.GetString() << "\n";
  }
  return true;
}

}  // namespace

bool RuleTestReport::ok() const {
  if (!problems.empty() || base::has_errors(diagnostics)) return false;
  return std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.ok; });
}

RuleTestReport run_rule_tests(const std::vector<std::string>& dirs, const std::vector<std::string>& only,
                              unsigned jobs) {
  RuleTestReport report;
  ScanOptions load;
  load.policy_files = dirs;
  load.root = fs::current_path();
  auto pack = load_pack(load);
  report.diagnostics = pack->diagnostics;
  if (base::has_errors(pack->diagnostics)) return report;

  // Rule folders: where a rule's file is, if it has a cases/ folder beside it.
  for (const auto& rule : pack->rules) {
    // IDs or globs (--rule 'ACME-*'); only the rules of the folders given,
    // never the shipped ones a folder's own rules are checked beside.
    if (!only.empty() && std::none_of(only.begin(), only.end(),
                                      [&](const std::string& g) { return base::glob_match(g, rule->id); }))
      continue;
    if (!rule->from_user) continue;
    fs::path folder = fs::path(rule->file).parent_path();
    bool under_dirs = std::any_of(dirs.begin(), dirs.end(), [&](const std::string& d) {
      fs::path rel = fs::absolute(folder).lexically_normal().lexically_relative(fs::absolute(d).lexically_normal());
      return !rel.empty() && *rel.begin() != "..";
    });
    if (!under_dirs) continue;
    ++report.rules;
    RuleCoverage coverage{rule->id, rule->sources, {}, {}};
    const Environments environments = case_environments(folder);
    if (std::ifstream na(folder / "cases" / "NOT-APPLICABLE"); na) {
      std::string line;
      for (bool first = true; std::getline(na, line); first = false) {
        if (first && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a byte order mark, as editors write
        if (!line.empty() && line.back() == '\r') line.pop_back();         // CRLF
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string variant, side, reason;
        words >> variant >> side;
        std::getline(words >> std::ws, reason);
        bool known = std::any_of(kVariants.begin(), kVariants.end(), [&](const auto& v) { return v.first == variant; });
        if (!known || (side != "fire" && side != "pass") || reason.empty())
          report.problems.push_back(rule->id + ": cases/NOT-APPLICABLE: expected 'VARIANT fire|pass reason', not '" +
                                    line + "'");
        else
          coverage.not_applicable[variant + " " + side] = reason;
      }
    }
    auto count = [&](const CaseResult& c) {
      if (!c.ok) return;
      for (const std::string& v : c.variants) (c.fire ? coverage.variants[v].first : coverage.variants[v].second) = true;
    };
    for (bool fire : {true, false}) {
      const char* side = fire ? "fire" : "pass";
      std::vector<fs::path> cases = entries(folder / "cases" / side);
      if (cases.empty()) report.problems.push_back(rule->id + " has no " + side + " cases");
      std::map<fs::path, Verdicts> terraform_verdicts;  // by case name, for the plan twins below
      for (const fs::path& c : cases) {
        ScanResult scan;
        report.cases.push_back(run_case(rule->id, c, fire, pack, jobs, environments, &scan));
        count(report.cases.back());
        if (!report.cases.back().ok) continue;
        Verdicts original = verdicts(scan, rule->id);
        terraform_verdicts[c.filename()] = verdicts(scan, rule->id, true);
        // The CloudFormation YAML in the case, as JSON.
        fs::path json_dir = fs::temp_directory_path() / ("guardrail-twin-" + std::to_string(::getpid()));
        fs::remove_all(json_dir);
        fs::path json_case = json_dir / c.filename();
        std::string error;
        if (fire && original.empty()) {
          // Fires on the file only (a key in a comment): nothing a twin keeps.
        } else if (json_twin(scan, c, json_case, error)) {
          report.cases.push_back(run_twin(rule->id, json_case, c.generic_string() + " (as JSON)", fire, "json", original,
                                          c.generic_string(), pack, jobs, environments));
          count(report.cases.back());
        } else if (!error.empty()) {
          report.cases.push_back({rule->id, c.generic_string() + " (as JSON)", fire, false, error, "json", {}});
        }
        fs::remove_all(json_dir);
      }
      // Plan twins: the plan JSON of cases/<side>/NAME at cases/plan/<side>/NAME.
      for (const fs::path& t : entries(folder / "cases" / "plan" / side)) {
        fs::path original_case = folder / "cases" / side / t.filename();
        if (!fs::exists(original_case)) {
          report.cases.push_back({rule->id, t.generic_string(), fire, false,
                                  "a plan twin without its original " + original_case.generic_string(), "plan", {}});
          continue;
        }
        // The original's verdicts from its run above; scanned again only if it failed there.
        auto known = terraform_verdicts.find(t.filename());
        Verdicts original = known != terraform_verdicts.end()
                                ? known->second
                                : verdicts(scan_case(rule->id, original_case, pack, jobs, environments), rule->id, true);
        report.cases.push_back(run_twin(rule->id, t, t.generic_string(), fire, "plan", original,
                                        original_case.generic_string(), pack, jobs, environments));
        count(report.cases.back());
      }
    }
    for (const auto& [key, reason] : coverage.not_applicable) {
      std::string variant = key.substr(0, key.find(' '));
      bool fire = key.ends_with(" fire");
      auto it = coverage.variants.find(variant);
      if (it != coverage.variants.end() && (fire ? it->second.first : it->second.second))
        report.problems.push_back(rule->id + ": cases/NOT-APPLICABLE says " + key + " cannot be shown, but a case shows it");
    }
    report.coverage.push_back(std::move(coverage));
  }
  std::sort(report.coverage.begin(), report.coverage.end(),
            [](const RuleCoverage& a, const RuleCoverage& b) { return a.rule_id < b.rule_id; });
  return report;
}

const std::vector<std::pair<std::string, std::string>> kVariants = {
    {"tf-hcl", "terraform"},  {"tf-plan", "terraform"},  {"cfn-yaml", "cloudformation"},
    {"cfn-json", "cloudformation"}, {"aws-cli", "aws"}, {"aws-config", "aws"},
    {"k8s", "kubernetes"},    {"dockerfile", "dockerfile"}};

std::vector<std::string> RuleCoverage::missing() const {
  std::vector<std::string> out;
  for (const auto& [variant, source] : kVariants) {
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) continue;
    auto it = variants.find(variant);
    if ((it == variants.end() || !it->second.first) && !not_applicable.count(variant + " fire"))
      out.push_back(variant + " fire");
    if ((it == variants.end() || !it->second.second) && !not_applicable.count(variant + " pass"))
      out.push_back(variant + " pass");
  }
  return out;
}

std::string coverage_markdown(const RuleTestReport& report) {
  std::string out =
      "| rule | TF HCL | TF plan | CFN YAML | CFN JSON | AWS CLI | AWS Config | K8S | Dockerfile |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  std::vector<std::string> notes;
  for (const RuleCoverage& c : report.coverage) {
    out += "| " + c.rule_id + " |";
    for (const auto& variant_source : kVariants) {
      // Named references: clang 14 cannot capture structured bindings in a lambda.
      const auto& variant = variant_source.first;
      const auto& source = variant_source.second;
      bool wanted = std::find(c.sources.begin(), c.sources.end(), source) != c.sources.end();
      auto it = c.variants.find(variant);
      bool fire = it != c.variants.end() && it->second.first, pass = it != c.variants.end() && it->second.second;
      auto side = [&](const char* name, bool has) -> std::string {
        if (has) return name;
        auto na = c.not_applicable.find(variant + " " + name);
        if (na != c.not_applicable.end()) {
          notes.push_back(c.rule_id + ", " + variant + " " + name + ": " + na->second);
          return std::string(name) + " n/a[^" + std::to_string(notes.size()) + "]";
        }
        return wanted ? "**no " + std::string(name) + "**" : "";
      };
      std::string f = side("fire", fire), p = side("pass", pass);
      std::string cell = !fire && !pass && f.starts_with("**") && p.starts_with("**") ? "**missing**"
                         : f.empty() && p.empty()                                     ? ""
                                                                                      : f + (f.empty() || p.empty() ? "" : ", ") + p;
      out += " " + cell + " |";
    }
    out += "\n";
  }
  if (!notes.empty()) out += "\n";
  for (size_t i = 0; i < notes.size(); ++i) out += "[^" + std::to_string(i + 1) + "]: " + notes[i] + "\n";
  return out;
}

}  // namespace guardrail::scan
