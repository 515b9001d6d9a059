#include "scan/render.hpp"

#include <filesystem>
#include <map>
#include <memory>

#include "base/intern.hpp"
#include "base/run_command.hpp"
#include "load/limits.hpp"
#include "scan/read_input.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

/// Runs a renderer; its output as an in-memory input named `shown`, or an error at `where`.
bool render(const std::vector<std::string>& argv, const std::string& shown, const base::Location& where,
            RenderOutcome& out) {
  base::CommandResult r = base::run_command(argv, load::limits().max_document_bytes);
  std::string command;
  for (const std::string& a : argv) command += (command.empty() ? "" : " ") + a;
  if (!r.started || r.status != 0 || r.truncated) {
    std::string why = !r.started ? "could not be run (" + r.err + ")"
                      : r.truncated ? "printed more than the document limit"
                                    : "failed: " + r.err.substr(0, r.err.find('\n'));
    out.diagnostics.push_back(base::error("render", where, command + " " + why));
    return false;
  }
  Candidate c;
  c.display_path = shown;
  c.content = std::make_shared<const std::string>(std::move(r.out));
  c.content_is_rendered = true;
  out.inputs.push_back(std::move(c));
  return true;
}

}  // namespace

RenderOutcome render_first_inputs(const std::vector<Candidate>& files, bool render_kustomize, bool render_helm) {
  RenderOutcome out;
  out.kustomize = plan_kustomizations(files);
  out.kustomize.rendering = render_kustomize;
  for (const auto& [dir, folder] : out.kustomize.folders) {
    if (!folder.needs_render) continue;
    base::Location where{base::intern(dir)};
    if (!render_kustomize) {
      out.diagnostics.push_back({base::Level::note, "kustomize", where,
                                 "Kustomize overlay with " + folder.why + ": its manifests are read once rendered: "
                                 "kustomize build " + dir + " | guardrail scan -, or --render-kustomize"});
      continue;
    }
    std::vector<std::string> argv = base::on_path("kustomize")
                                        ? std::vector<std::string>{"kustomize", "build", folder.disk_dir}
                                        : std::vector<std::string>{"kubectl", "kustomize", folder.disk_dir};
    if (!base::on_path(argv[0])) {
      out.diagnostics.push_back(base::error("render", where, "--render-kustomize needs kustomize or kubectl on PATH"));
      continue;
    }
    render(argv, dir + "#kustomize", where, out);
  }
  // Helm charts: the folder above a templates/ folder that holds Chart.yaml.
  std::map<std::string, std::string> charts;  // display -> disk
  for (const Candidate& c : files) {
    if (c.by_content()) continue;
    RenderFirst rf = render_first(c);
    if (rf.helm_chart.empty() || charts.count(rf.helm_chart)) continue;
    std::error_code ec;
    fs::path disk = fs::absolute(c.disk_path, ec).parent_path();
    while (!disk.empty() && disk.filename() != "templates" && disk.parent_path() != disk) disk = disk.parent_path();
    charts[rf.helm_chart] = disk.parent_path().empty() ? "." : disk.parent_path().string();
  }
  for (const auto& [chart, disk] : charts) {
    base::Location where{base::intern(chart)};
    if (!render_helm) {
      out.diagnostics.push_back({base::Level::note, "helm-template", where,
                                 "Helm chart: its templates are read once rendered: helm template " + chart +
                                     " | guardrail scan -, or --render-helm"});
      continue;
    }
    if (!base::on_path("helm")) {
      out.diagnostics.push_back(base::error("render", where, "--render-helm needs helm on PATH"));
      continue;
    }
    render({"helm", "template", disk}, chart + "#helm", where, out);
  }
  return out;
}

}  // namespace guardrail::scan
