#include "scan/scanner.hpp"

#include <algorithm>
#include <set>

#include "adapt/kubernetes.hpp"
#include "base/intern.hpp"
#include "scan/discover.hpp"
#include "scan/parallel.hpp"
#include "scan/read_input.hpp"

namespace guardrail::scan {

const base::SourceFile* ScanResult::source(std::string_view path) const {
  auto it = std::lower_bound(sources.begin(), sources.end(), path,
                             [](const auto& s, std::string_view p) { return s->path() < p; });
  return it != sources.end() && (*it)->path() == path ? it->get() : nullptr;
}

std::map<std::string, size_t> ScanResult::files_by_kind() const {
  std::map<std::string, size_t> out;
  for (const FileSummary& f : files) ++out[std::string(to_string(f.kind))];
  return out;
}

std::map<std::string, size_t> ScanResult::resources_by_type() const {
  std::map<std::string, size_t> out;
  for (const model::Resource& r : resources) ++out[r.type];
  return out;
}

size_t ScanResult::error_count() const {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [](const base::Diagnostic& d) { return d.level == base::Level::error; });
}

size_t ScanResult::warning_count() const {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [](const base::Diagnostic& d) { return d.level == base::Level::warning; });
}

namespace {

bool diagnostic_less(const base::Diagnostic& a, const base::Diagnostic& b) {
  return std::tie(a.where.file, a.where.line, a.where.column, a.code, a.message) <
         std::tie(b.where.file, b.where.line, b.where.column, b.code, b.message);
}

}  // namespace

ScanResult run_scan(const ScanOptions& options) {
  ScanResult result;
  Discovery discovery = discover(options.paths, options.root);
  result.diagnostics = std::move(discovery.diagnostics);

  std::vector<LoadedFile> loaded(discovery.files.size());
  std::vector<std::vector<model::Resource>> adapted(discovery.files.size());
  unsigned jobs = options.jobs ? options.jobs : default_jobs();
  parallel_for(discovery.files.size(), jobs, [&](size_t i) {
    loaded[i] = read_input(discovery.files[i]);
    LoadedFile& f = loaded[i];
    if (f.kind == FileKind::kubernetes) {
      adapted[i] = adapt::adapt_kubernetes(f.documents, f.diagnostics);
      for (model::Resource& r : adapted[i]) r.reported = f.input.reported;
    }
  });

  std::set<std::string> render_first_warned;
  for (size_t i = 0; i < loaded.size(); ++i) {
    LoadedFile& f = loaded[i];
    result.files.push_back({f.input.display_path, f.kind, f.input.reported});
    if (f.kind == FileKind::helm_template || f.kind == FileKind::kustomize) {
      RenderFirst rf = render_first(f.input);
      bool helm = f.kind == FileKind::helm_template;
      std::string dir = helm ? rf.helm_chart : rf.kustomize_dir;
      if (render_first_warned.insert(dir).second) {
        result.diagnostics.push_back(base::warning(
            helm ? "helm-template" : "kustomize",
            base::Location{base::intern(dir)},
            helm ? "Helm template, render first: helm template " + dir + " | guardrail scan -"
                 : "Kustomize overlay, render first: kustomize build " + dir + " | guardrail scan -"));
      }
    }
    for (base::Diagnostic& d : f.diagnostics) result.diagnostics.push_back(std::move(d));
    for (model::Resource& r : adapted[i]) result.resources.push_back(std::move(r));
    if (f.source) result.sources.push_back(std::move(f.source));
  }
  std::sort(result.sources.begin(), result.sources.end(),
            [](const auto& a, const auto& b) { return a->path() < b->path(); });
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);
  std::sort(result.findings.begin(), result.findings.end());
  return result;
}

}  // namespace guardrail::scan
