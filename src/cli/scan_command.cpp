#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "cli/commands.hpp"
#include "policy/check.hpp"
#include "evaluate/finding.hpp"
#include "filter/baseline.hpp"
#include "report/html.hpp"
#include "version.hpp"
#include "report/json.hpp"
#include "report/junit.hpp"
#include "report/markdown.hpp"
#include "report/resources.hpp"
#include "report/sarif.hpp"
#include "report/text.hpp"
#include "load/limits.hpp"
#include "scan/config.hpp"
#include "scan/scanner.hpp"

namespace guardrail::cli {
namespace {

/// The deepest folder that holds every path named: where a scan's
/// configuration is looked for, whatever their order.
std::filesystem::path common_folder(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::optional<fs::path> common;
  for (const std::string& p : paths) {
    if (p == "-") continue;
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec).lexically_normal();
    if (ec) continue;
    fs::path dir = fs::is_directory(abs, ec) ? abs : abs.parent_path();
    if (!common) {
      common = dir;
      continue;
    }
    fs::path shared;
    for (auto a = common->begin(), b = dir.begin(); a != common->end() && b != dir.end() && *a == *b; ++a, ++b)
      shared /= *a;
    common = shared;
  }
  return common ? *common : fs::path(".");
}

const std::vector<std::string> kFormats = {"text", "json", "sarif", "junit", "markdown", "html", "resources"};

struct ScanOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::vector<std::string> outputs;  // FORMAT=FILE
  unsigned jobs = 0;
  std::string fail_on;  // "" : the configuration file's, else low
  bool no_color = false;
  std::vector<std::string> policy_files;
  std::string policy_name;
  std::string env;
  std::vector<std::string> only_rules, skip_rules;
  std::vector<std::string> frameworks;
  std::string now;
  bool no_builtin = false;
  std::vector<std::string> var_files, vars;
  std::vector<std::string> cfn_params, cfn_param_files;
  std::string baseline, write_baseline;
  bool report_unused_suppressions = false;
  std::vector<std::string> limits;  // --limit NAME=VALUE
  bool render_kustomize = false, render_helm = false;
  bool verbose = false;
  bool quiet = false;
  bool show_undecided = false;
  std::string config;  // --config FILE
  bool no_config = false;
  bool drift = false;           // --drift: rules and drift
  bool drift_only = false;      // `guardrail drift`: drift alone
  bool all_attributes = false;  // --all-attributes
};

/// %SRCROOT%: the repository root the scan's paths are relative to.
std::string root_uri(const scan::ScanResult& result) {
  std::string root = (result.repository.empty() ? std::filesystem::current_path() : result.repository).generic_string();
  if (root.empty() || root.back() != '/') root += '/';
  return "file://" + report::uri_path(root);
}

/// The commit the repository has checked out, for the report's header:
/// GITHUB_SHA in GitHub Actions, else what `.git` says (HEAD, the loose ref it
/// names, or packed-refs); "" when there is none to read.
std::string repository_commit(const std::filesystem::path& repository) {
  if (const char* sha = std::getenv("GITHUB_SHA"); sha && *sha) return sha;
  namespace fs = std::filesystem;
  auto first_line = [](const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
  };
  std::error_code ec;
  fs::path git = repository / ".git";
  if (fs::is_regular_file(git, ec)) {  // a worktree or submodule: "gitdir: PATH"
    std::string line = first_line(git);
    if (line.rfind("gitdir: ", 0) != 0) return "";
    git = fs::path(line.substr(8));
    if (git.is_relative()) git = repository / git;
  }
  if (!fs::is_directory(git, ec)) return "";
  std::string head = first_line(git / "HEAD");
  if (head.rfind("ref: ", 0) != 0) return head.size() == 40 ? head : "";
  std::string ref = head.substr(5);
  if (ref.find("..") != std::string::npos) return "";
  if (std::string loose = first_line(git / ref); loose.size() == 40) return loose;
  std::ifstream packed(git / "packed-refs");
  for (std::string line; std::getline(packed, line);)
    if (line.size() > 41 && line.compare(41, std::string::npos, ref) == 0) return line.substr(0, 40);
  return "";
}

std::string render(const std::string& format, const scan::ScanResult& result, bool color, const std::string& now,
                   bool verbose = false, bool quiet = false, bool show_undecided = false) {
  if (format == "json") return report::render_json(result);
  if (format == "html") {
    report::HtmlOptions html;
    html.generated = now.empty() ? scan::today_utc() : now;
    html.version = guardrail::kVersion;
    html.paths = result.scanned_paths;
    if (!result.repository.empty()) html.commit = repository_commit(result.repository);
    return report::render_html(result, html);
  }
  if (format == "sarif") return report::render_sarif(result, {command_line(), root_uri(result)});
  if (format == "junit") return report::render_junit(result);
  if (format == "resources") return report::render_resources(result);
  if (format == "markdown") {
    report::MarkdownOptions md;
    // In GitHub Actions, link findings to the commit that was scanned.
    const char* server = std::getenv("GITHUB_SERVER_URL");
    const char* repo = std::getenv("GITHUB_REPOSITORY");
    const char* sha = std::getenv("GITHUB_SHA");
    if (server && repo && sha) md.link_base = std::string(server) + "/" + repo + "/blob/" + sha + "/";
    return report::render_markdown(result, md);
  }
  return report::render_text(
      result, {.color = color, .summary = true, .verbose = verbose, .quiet = quiet, .show_undecided = show_undecided});
}

/// Writes a report to `out`: JSON and SARIF as they are made (a report of
/// many findings is never held whole), the other formats rendered first.
void write_report(std::ostream& out, const std::string& format, const scan::ScanResult& result, bool color,
                  const std::string& now, bool verbose = false, bool quiet = false, bool show_undecided = false) {
  if (format == "json") return report::write_json(result, out);
  if (format == "sarif") return report::write_sarif(result, {command_line(), root_uri(result)}, out);
  out << render(format, result, color, now, verbose, quiet, show_undecided);
}

int run_scan(const ScanOptions& cli) {
  if (!cli.now.empty() && !policy::valid_date(cli.now)) {
    std::cerr << "guardrail: --now " << cli.now << " is not a date; write YYYY-MM-DD, such as 2026-12-31\n";
    return 2;
  }
  // NAME=VALUE pairs: a lone NAME would be silently ignored.
  for (const auto& [flag, pairs] : {std::pair<const char*, const std::vector<std::string>*>{"--var", &cli.vars},
                                    {"--cfn-param", &cli.cfn_params}})
    for (const std::string& kv : *pairs)
      if (size_t eq = kv.find('='); eq == std::string::npos || eq == 0) {
        std::cerr << "guardrail: " << flag << " takes NAME=VALUE, not '" << kv << "'\n";
        return 2;
      }
  // The configuration file, then the command line over it.
  ScanOptions options = cli;
  std::optional<scan::Config> config;
  std::filesystem::path config_path;
  if (!cli.no_config) {
    std::optional<std::filesystem::path> path;
    if (!cli.config.empty()) path = std::filesystem::path(cli.config);
    else path = scan::find_config(common_folder(cli.paths));
    if (path) {
      config = scan::load_config(*path);
      config_path = *path;
    }
    // One configuration per scan, whatever the order of the paths: that of
    // the folder holding them all. A nearer one is named, not silently left.
    if (cli.config.empty()) {
      std::set<std::filesystem::path> said;
      for (const std::string& named : cli.paths) {
        if (named == "-") continue;
        std::optional<std::filesystem::path> own = scan::find_config(named);
        std::error_code ec;
        if (!own || (path && std::filesystem::equivalent(*own, *path, ec)) || !said.insert(*own).second) continue;
        auto shown = [](const std::filesystem::path& p) {
          std::error_code e;
          std::filesystem::path near = std::filesystem::proximate(p, e);
          return (e ? p : near).generic_string();
        };
        std::cerr << "guardrail: warning: " << shown(*own) << " is not read: one configuration applies to a scan, "
                  << (path ? shown(*path) : std::string("none")) << " for the folder that holds every path named "
                  << "(scan " << named << " alone, or pass --config, to use it)\n";
      }
    }
  }
  if (config && !config->diagnostics.empty()) {
    bool color = use_color(cli.no_color, STDERR_FILENO);
    for (const base::Diagnostic& d : config->diagnostics)
      std::cerr << report::render_diagnostic(d, config->source.get(), color);
    if (base::has_errors(config->diagnostics)) return 2;
  }
  scan::ScanOptions scan_options;
  if (config) {
    if (options.policy_files.empty()) options.policy_files = config->policy_files;
    if (options.policy_name.empty()) options.policy_name = config->policy_name;
    if (options.fail_on.empty()) options.fail_on = config->fail_on;
    if (options.outputs.empty()) options.outputs = config->outputs;
    if (options.only_rules.empty() && options.skip_rules.empty() &&
        (!config->enable.empty() || !config->disable.empty())) {
      options.only_rules = config->enable;
      options.skip_rules = config->disable;
      std::error_code near;
      std::filesystem::path shown = std::filesystem::proximate(config_path, near);
      scan_options.rules_from_config = (near ? config_path : shown).generic_string();
    } else if (options.only_rules.empty()) {
      options.only_rules = config->enable;
      if (options.skip_rules.empty()) options.skip_rules = config->disable;
    }
    if (options.baseline.empty()) options.baseline = config->baseline;
    if (options.frameworks.empty()) options.frameworks = config->frameworks;
    if (!options.report_unused_suppressions)
      options.report_unused_suppressions = config->report_unused_suppressions.value_or(false);
    scan_options.include = config->include;
    scan_options.exclude = config->exclude;
    scan_options.environments = config->environments;
    scan_options.severity = config->severity;
  }
  if (options.fail_on.empty()) options.fail_on = "low";
  // Limits: the defaults, the configuration file's, then the command line's.
  load::Limits limits = config ? config->limits : load::Limits{};
  for (const std::string& spec : cli.limits) {
    auto eq = spec.find('=');
    std::string error;
    if (eq == std::string::npos) error = "--limit takes NAME=VALUE, such as max-file-size=2GiB";
    else if (load::set_limit(limits, spec.substr(0, eq), spec.substr(eq + 1), error)) continue;
    std::cerr << "guardrail: " << error << "\n";
    return 2;
  }
  load::set_limits(limits);
  scan_options.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  scan_options.repository = scan::repository_root(scan_options.paths, config_path, std::filesystem::current_path());
  scan_options.jobs = options.jobs;
  scan_options.policy_files = options.policy_files;
  scan_options.policy_name = options.policy_name;
  scan_options.builtin_pack = !options.no_builtin;
  scan_options.env = options.env;
  scan_options.only_rules = options.only_rules;
  scan_options.frameworks = options.frameworks;
  scan_options.skip_rules = options.skip_rules;
  scan_options.now = options.now;
  scan_options.var_files = options.var_files;
  scan_options.vars = options.vars;
  scan_options.cfn_params = options.cfn_params;
  scan_options.cfn_param_files = options.cfn_param_files;
  scan_options.baseline = options.baseline;
  scan_options.report_unused_suppressions = options.report_unused_suppressions;
  scan_options.render_kustomize = options.render_kustomize;
  scan_options.render_helm = options.render_helm;
  scan_options.drift = options.drift || options.drift_only;
  scan_options.drift_all_attributes = options.all_attributes;
  scan_options.keep_all_attributes =
      options.format == "resources" || std::any_of(options.outputs.begin(), options.outputs.end(), [](const std::string& o) {
        return o.rfind("resources=", 0) == 0;
      });
  if (options.drift_only) {
    // Drift alone: the resources are read and adapted, no rule runs.
    scan_options.only_rules.clear();
    scan_options.skip_rules = {"*"};
    scan_options.frameworks.clear();
  }
  scan::ScanResult result = scan::run_scan(scan_options);
  // A mistake on the command line (an unknown --env, --rule, policy or framework)
  // stops the scan before any file is read: say so, and nothing else.
  if (result.files.empty() && std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const auto& d) {
        return d.level == base::Level::error &&
               (((d.code == "usage" || d.code == "policy-name") && d.where.file.empty()) || d.code == "framework");
      })) {
    for (const base::Diagnostic& d : result.diagnostics)
      if (d.where.file.empty()) std::cerr << "guardrail: " << d.message << "\n";
      else std::cerr << report::render_diagnostic(d, nullptr, false);
    return 2;
  }
  if (!options.write_baseline.empty()) {
    std::string error;
    if (!filter::write_baseline(result, options.write_baseline, error)) {
      std::cerr << "guardrail: " << error << "\n";
      return 2;
    }
  }

  bool color = use_color(options.no_color, STDOUT_FILENO);
  write_report(std::cout, options.format, result, color, options.now, options.verbose, options.quiet,
               options.show_undecided);
  std::cout.flush();
  if (!std::cout) {
    // A full disk or a closed pipe: the report is not whole, and CI must not go green on it.
    std::cerr << "guardrail: cannot write the report to standard output\n";
    return 2;
  }
  for (const std::string& spec : options.outputs) {
    auto eq = spec.find('=');
    std::string format = spec.substr(0, eq);
    std::string file = spec.substr(eq + 1);
    // `--output sarif=reports/guardrail.sarif`: the folder is made if missing.
    std::error_code ec;
    if (std::filesystem::path parent = std::filesystem::path(file).parent_path(); !parent.empty())
      std::filesystem::create_directories(parent, ec);
    std::ofstream out(file, std::ios::binary);
    if (!out) {
      std::cerr << "guardrail: cannot write " << file << "\n";
      return 2;
    }
    write_report(out, format, result, false, options.now);
    out.close();
    if (!out) {
      std::cerr << "guardrail: cannot write " << file << " (the disk is full?)\n";
      return 2;
    }
  }
  if (result.error_count() > 0) return 2;
  if (options.fail_on == "never") return 0;
  auto threshold = evaluate::parse_severity(options.fail_on).value_or(evaluate::Severity::low);
  for (const evaluate::Finding& f : result.findings)
    if (!f.suppressed() && f.severity >= threshold) return 1;
  return 0;
}

/// The options `scan` and `drift` share.
void add_options(CLI::App* cmd, const std::shared_ptr<ScanOptions>& options) {
  cmd->add_option("paths", options->paths, "Files or folders to scan (default: .)");
  cmd->add_option("--format,-f", options->format, "Output on stdout: text, json, sarif, junit, markdown, html (the auditor's report), or resources (the model the rules see)")
      ->check(CLI::IsMember(kFormats));
  cmd->add_option("--output,-o", options->outputs, "Also write FORMAT=FILE (repeatable)")->allow_extra_args(false)
      ->check([](const std::string& spec) -> std::string {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq + 1 == spec.size()) return "expected FORMAT=FILE";
        std::string format = spec.substr(0, eq);
        if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
          return "unknown format '" + format + "'";
        return "";
      });
  cmd->add_option("--jobs", options->jobs, "Worker threads (default: all cores)");
  cmd->add_option("--fail-on", options->fail_on,
                  "Lowest severity that fails the run: info, low, medium, high, critical, never (default: low)")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "never"}));
  cmd->add_option("--config", options->config,
                  "The configuration file (default: .guardrail.yaml in the scanned folder or the nearest one above)");
  cmd->add_flag("--no-config", options->no_config, "Do not read a configuration file");
  cmd->add_flag("--no-color", options->no_color, "Never colour the text output");
  cmd->add_option("--policy", options->policy_files,
                  "Policy-language files or folders that add rules and policies (same IDs replace the shipped ones)")->allow_extra_args(false);
  cmd->add_option("--policy-name", options->policy_name, "The policy to apply (default: your own, else innovate)");
  cmd->add_flag("--no-builtin", options->no_builtin, "Do not load the shipped rules and policies");
  cmd->add_option("--env", options->env, "Judge every resource as this environment");
  cmd->add_option("--rule", options->only_rules, "Run only these rules: IDs or globs such as 'NET-*' (repeatable)")->allow_extra_args(false);
  cmd->add_option("--skip-rule", options->skip_rules, "Do not run these rules: IDs or globs (repeatable)")->allow_extra_args(false);
  cmd->add_option("--framework", options->frameworks,
                  "Report where the scan stands on each control of a compliance framework: fsbp, cis-aws, "
                  "nist-800-53, pss, or a framework file (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--var-file", options->var_files, "A Terraform variables file for every root module (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--var", options->vars, "A Terraform variable, NAME=VALUE (repeatable)")->allow_extra_args(false);
  cmd->add_option("--cfn-param", options->cfn_params,
                  "A CloudFormation parameter, KEY=VALUE; AWS::Region and AWS::AccountId too (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--cfn-params", options->cfn_param_files,
                  "A CloudFormation parameter file: the AWS CLI's [{ParameterKey, ParameterValue}] or a template "
                  "configuration {\"Parameters\": {...}, \"Tags\": {...}} (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--baseline", options->baseline,
                  "Report only findings that are not in this baseline (written by --write-baseline)");
  cmd->add_option("--write-baseline", options->write_baseline,
                  "Record today's findings in FILE, so that later runs with --baseline FILE report only new ones");
  cmd->add_flag("--report-unused-suppressions", options->report_unused_suppressions,
                "Warn about inline suppressions that suppress nothing");
  cmd->add_flag("--render-kustomize", options->render_kustomize,
                "Render Kustomize overlays that need it with kustomize build (or kubectl kustomize) and scan the result");
  cmd->add_flag("--render-helm", options->render_helm, "Render Helm charts with helm template and scan the result");
  cmd->add_flag("--verbose,-v", options->verbose,
                "Also count resources by type, and list the files not read as infrastructure, and why");
  cmd->add_flag("--quiet,-q", options->quiet, "Text output: findings and errors only, no warnings or summary");
  cmd->add_flag("--show-undecided", options->show_undecided,
                "Text output: list the checks that could not be decided, each with its reason and place");
  cmd->add_option("--limit", options->limits,
                  "Raise or lower a bound on what an input may cost, NAME=VALUE (repeatable): max-file-size, "
                  "max-document-size, alias-nodes-per-file, alias-nodes-per-byte, alias-nodes-per-scan, "
                  "eval-steps-per-module, eval-steps-per-byte (docs/reliability.md)")
      ->allow_extra_args(false);
  cmd->add_option("--now", options->now, "The date waivers are judged on, YYYY-MM-DD (default: today, UTC)")
      ->check([](const std::string& d) -> std::string {
        return d.size() == 10 && d[4] == '-' && d[7] == '-' ? "" : "expected YYYY-MM-DD";
      });
  cmd->add_flag("--all-attributes", options->all_attributes,
                "Drift: compare every attribute both views know, not only those rules read");
}

}  // namespace

void setup_scan(CLI::App& app, int& status) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* cmd = app.add_subcommand("scan", "Scan files and folders ('-' reads standard input)");
  add_options(cmd, options);
  cmd->add_flag("--drift", options->drift,
                "Also compare what the code declares with what the exports show deployed (DRIFT-001 to DRIFT-003)");
  cmd->callback([options, &status] { status = run_scan(*options); });

  auto drift = std::make_shared<ScanOptions>();
  drift->drift_only = true;
  CLI::App* d = app.add_subcommand(
      "drift", "Compare declared infrastructure (Terraform, CloudFormation) with deployed (AWS exports): "
               "unmanaged, missing and changed resources");
  add_options(d, drift);
  d->callback([drift, &status] { status = run_scan(*drift); });
}

}  // namespace guardrail::cli
