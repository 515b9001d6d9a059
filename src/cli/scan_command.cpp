#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "evaluate/finding.hpp"
#include "report/json.hpp"
#include "report/text.hpp"
#include "scan/scanner.hpp"

namespace guardrail::cli {
namespace {

struct ScanOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::vector<std::string> outputs;  // FORMAT=FILE
  unsigned jobs = 0;
  std::string fail_on = "low";
  bool no_color = false;
};

std::string render(const std::string& format, const scan::ScanResult& result, bool color) {
  if (format == "json") return report::render_json(result);
  return report::render_text(result, {.color = color, .summary = true});
}

int run_scan(const ScanOptions& options) {
  scan::ScanOptions scan_options;
  scan_options.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  scan_options.jobs = options.jobs;
  scan::ScanResult result = scan::run_scan(scan_options);

  bool color = !options.no_color && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  std::cout << render(options.format, result, color);
  for (const std::string& spec : options.outputs) {
    auto eq = spec.find('=');
    std::string format = spec.substr(0, eq);
    std::string file = spec.substr(eq + 1);
    std::ofstream out(file, std::ios::binary);
    if (!out) {
      std::cerr << "guardrail: cannot write " << file << "\n";
      return 2;
    }
    out << render(format, result, false);
  }
  if (result.error_count() > 0) return 2;
  if (options.fail_on == "never") return 0;
  auto threshold = evaluate::parse_severity(options.fail_on).value_or(evaluate::Severity::low);
  for (const evaluate::Finding& f : result.findings)
    if (!f.suppressed() && f.severity >= threshold) return 1;
  return 0;
}

}  // namespace

void setup_scan(CLI::App& app, int& status) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* cmd = app.add_subcommand("scan", "Scan files and folders ('-' reads standard input)");
  cmd->add_option("paths", options->paths, "Files or folders to scan (default: .)");
  cmd->add_option("--format", options->format, "Output on stdout: text, json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--output", options->outputs, "Also write FORMAT=FILE (repeatable)")
      ->check([](const std::string& spec) -> std::string {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq + 1 == spec.size()) return "expected FORMAT=FILE";
        std::string format = spec.substr(0, eq);
        if (format != "text" && format != "json") return "unknown format '" + format + "'";
        return "";
      });
  cmd->add_option("--jobs", options->jobs, "Worker threads (default: all cores)");
  cmd->add_option("--fail-on", options->fail_on,
                  "Lowest severity that fails the run: info, low, medium, high, critical, never")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "never"}));
  cmd->add_flag("--no-color", options->no_color, "Never colour the text output");
  cmd->callback([options, &status] { status = run_scan(*options); });
}

}  // namespace guardrail::cli
