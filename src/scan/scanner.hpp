#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapt/aws_export.hpp"
#include "base/diagnostic.hpp"
#include "base/source_file.hpp"
#include "evaluate/evaluator.hpp"
#include "evaluate/finding.hpp"
#include "model/resource.hpp"
#include "policy/effective.hpp"
#include "policy/pack.hpp"
#include "scan/classify.hpp"
#include "scan/compliance.hpp"
#include "scan/config.hpp"
#include "scan/discover.hpp"

namespace guardrail::scan {

struct ScanOptions {
  std::vector<std::string> paths{"."};
  /// Inputs given in memory instead of `paths` (tests, fuzzing): not discovered, read as given.
  std::vector<Candidate> inputs;
  std::filesystem::path root = std::filesystem::current_path();
  /// The repository the scan is of (see repository_root): what paths in
  /// baselines, fingerprints and SARIF are relative to. Empty: `root`.
  std::filesystem::path repository;
  unsigned jobs = 0;  // 0: all cores
  bool builtin_pack = true;               // the shipped rules and policies
  std::vector<std::string> policy_files;  // --policy: files or folders that add or replace
  std::string policy_name;                // --policy-name; "" picks (see run_scan)
  std::string env;                        // --env: every resource is in this environment
  std::vector<std::string> only_rules;    // --rule
  std::string rules_from_config;  // the .guardrail.yaml the rule lists come from, or "" (the command line)
  std::vector<std::string> skip_rules;    // --skip-rule
  std::string now;                        // --now YYYY-MM-DD; "" is today (UTC)
  std::vector<std::string> var_files;     // --var-file: Terraform variable files
  std::vector<std::string> vars;          // --var NAME=VALUE
  std::vector<std::string> cfn_params;       // --cfn-param KEY=VALUE
  std::vector<std::string> cfn_param_files;  // --cfn-params FILE
  std::string baseline;                      // --baseline FILE: report only findings not in it
  bool report_unused_suppressions = false;   // --report-unused-suppressions
  bool render_kustomize = false;             // --render-kustomize: kustomize build (or kubectl kustomize) overlays
  bool render_helm = false;                  // --render-helm: helm template charts
  // From .guardrail.yaml:
  std::vector<std::string> include, exclude;  // globs over display paths
  std::map<std::string, EnvironmentOverride> environments;  // the user's accounts and paths
  std::map<std::string, std::string> severity;  // rule ID or glob -> severity of its findings
  /// --framework: shipped framework IDs or framework files to judge the scan against.
  std::vector<std::string> frameworks;
  /// Also compare what is declared with what is deployed (docs/drift.md).
  bool drift = false;
  /// Drift: every attribute both views know, not only those rules read.
  bool drift_all_attributes = false;
  /// Keep every attribute of a streamed export's resources, not only those
  /// the rules read (the resource model, `--format resources`).
  bool keep_all_attributes = false;
};

/// Loads the rule pack a scan uses: the shipped one (unless disabled), then
/// the user's files over it; checked. Diagnostics are in pack.diagnostics.
std::shared_ptr<policy::Pack> load_pack(const ScanOptions& options);

/// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

/// One input file as the summary counts it.
struct FileSummary {
  std::string path;
  FileKind kind;
  bool reported;
  std::string skip_reason;  // why a YAML/JSON/Dockerfile-named file was not read as infrastructure
};

/// Everything a scan produced, in deterministic order whatever `jobs` was.
struct ScanResult {
  std::vector<FileSummary> files;                            // by path
  std::vector<std::unique_ptr<base::SourceFile>> sources;   // for snippets
  std::vector<std::unique_ptr<base::SourceFile>> auxiliary_sources;  // read for the run (a baseline)
  std::vector<model::Resource> resources;                    // by file, then document order
  std::vector<evaluate::Finding> findings;                   // sorted
  /// Secrets found other than by a finding of a secret rule (the values a
  /// drift finding compares, db_password): masked wherever a line shows them.
  std::vector<base::Location> secret_places;
  base::Diagnostics diagnostics;                             // sorted by location
  size_t undecided = 0;
  /// Files were named (pre-commit), not folders: the scan holds their
  /// folders, not the estate. Rules that need the estate are undecided, and
  /// findings are reported only in the named files.
  bool named_files = false;
  std::shared_ptr<policy::Pack> pack;                       // the rules that ran
  policy::Effective effective;                              // the policy applied
  std::vector<const policy::Rule*> rules_run;               // sorted by ID
  std::vector<evaluate::CheckRecord> checks;                // per rule and anchor resource
  std::vector<adapt::Inventory> inventories;                // what the export bundle holds
  std::vector<StateInstance> states;                        // Terraform state files' instances
  std::vector<FrameworkResult> frameworks;                  // ScanOptions::frameworks, judged
  std::vector<std::string> scanned_paths;                   // ScanOptions::paths, as given
  std::filesystem::path display_root;                       // what displayed paths are relative to
  std::filesystem::path repository;                         // ScanOptions::repository, absolute
  std::map<std::string, std::string> severity_overrides;     // ScanOptions::severity
  /// Files the user gave as inputs beside the paths (--var-file,
  /// --cfn-params): in a named-file scan, named too.
  std::vector<std::string> input_files;

  /// The severity the configuration gives a rule (`rules.severity`, the last
  /// pattern that names it), if any.
  std::optional<evaluate::Severity> configured_severity(std::string_view rule_id) const;
  /// The rule's severity in this run: its own, or the configured one, as its findings carry.
  evaluate::Severity severity_of(const policy::Rule& rule) const;

  /// A displayed path as the repository sees it: relative to `repository`
  /// when under it, else absolute; "-" and "" as they are. The same file has
  /// the same repository path wherever guardrail ran.
  std::string repository_path(std::string_view display) const;

  /// The source text of a scanned file, or nullptr.
  const base::SourceFile* source(std::string_view path) const;
  std::map<std::string, size_t> files_by_kind() const;
  std::map<std::string, size_t> resources_by_type() const;
  size_t error_count() const;
  size_t warning_count() const;
};

/// The root that identities are relative to, for a scan of `paths` (relative
/// to `cwd`): the top of the git work tree that holds the first of them,
/// else the folder of `config` (the .guardrail.yaml in effect), else the
/// folder the paths share. Absolute.
std::filesystem::path repository_root(const std::vector<std::string>& paths, const std::filesystem::path& config,
                                      const std::filesystem::path& cwd);

/// Runs the pipeline: load the pack, discover, read and parse (in parallel),
/// adapt, assign environments, evaluate each rule per view, filter. Bad inputs
/// become diagnostics; the other files are still scanned. A pack that does
/// not compile stops the scan before any file is read. The policy applied is
/// `policy_name`, else the last policy of the user's files, else `innovate`.
ScanResult run_scan(const ScanOptions& options);
/// The same with a pack loaded already (guardrail test runs many scans).
ScanResult run_scan(const ScanOptions& options, std::shared_ptr<policy::Pack> pack);

}  // namespace guardrail::scan
