#include "report/text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "report/mask.hpp"

namespace guardrail::report {
namespace {

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";

const char* color_of(std::string_view level) {
  if (level == "error" || level == "critical" || level == "high") return "\033[1;31m";
  if (level == "warning" || level == "medium") return "\033[1;35m";
  if (level == "low") return "\033[1;33m";
  return "\033[1;36m";
}

std::string position(const base::Location& where) {
  std::string out(where.file);
  if (where.line) out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  return out;
}

std::string header(const base::Location& where, std::string_view level, std::string_view code,
                   const std::string& message, bool color) {
  std::string out;
  std::string pos = position(where);
  if (color) out += kBold;
  if (!pos.empty()) out += pos + ": ";
  if (color) out += std::string(kReset) + color_of(level);
  out += std::string(level) + "[" + std::string(code) + "]";
  if (color) out += kReset;
  out += ": " + message;
  return out;
}

template <typename T>
std::string join_counts(const std::map<std::string, T>& counts) {
  std::string out;
  for (const auto& [name, n] : counts) {
    if (!out.empty()) out += ", ";
    out += name + " " + std::to_string(n);
  }
  return out;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string render_block(const std::string& head, const base::Location& where,
                         const base::SourceFile* source, const Mask& mask) {
  std::string out = head + "\n";
  if (source && where.line) {
    base::Window shown = shown_line(*source, where, mask);
    out += base::caret_snippet(shown.text, shown.column, shown.end_column);
  }
  return out;
}

std::string render_block(const std::string& head, const base::Location& where,
                         const base::SourceFile* source, bool secret) {
  return render_block(head, where, source, Mask{where, secret});
}

std::string render_diagnostic(const base::Diagnostic& d, const base::SourceFile* source, bool color) {
  return render_block(header(d.where, base::to_string(d.level), d.code, d.message, color), d.where, source);
}

namespace {

/// Where the scan stands on a framework: the counts, then each control that
/// is not passed (every decided one with --verbose), worst first.
std::string framework_summary(const scan::FrameworkResult& fr, bool verbose) {
  using scan::ControlStatus;
  const policy::Framework& f = *fr.framework;
  std::string out = f.id + " (" + f.title + (f.version.empty() ? "" : " " + f.version) + "): ";
  std::string counts;
  for (ControlStatus st : {ControlStatus::failed, ControlStatus::undecided, ControlStatus::passed,
                           ControlStatus::not_applicable, ControlStatus::not_assessed})
    if (size_t n = fr.count(st); n || st == ControlStatus::failed || st == ControlStatus::passed)
      counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(scan::to_string(st));
  out += counts + " of the " + std::to_string(fr.covered()) + " controls guardrail decides; " +
         std::to_string(fr.count(ControlStatus::not_covered)) + " of " + std::to_string(fr.controls.size()) +
         " not covered\n";
  std::vector<const scan::ControlResult*> listed;
  for (const scan::ControlResult& c : fr.controls)
    if (c.status == ControlStatus::failed || c.status == ControlStatus::undecided ||
        c.status == ControlStatus::not_assessed || (verbose && c.status != ControlStatus::not_covered))
      listed.push_back(&c);
  std::stable_sort(listed.begin(), listed.end(), [](const auto* a, const auto* b) { return a->status < b->status; });
  size_t width = 0;
  for (const auto* c : listed) width = std::max(width, c->control->display.size());
  for (const auto* c : listed) {
    std::string status(scan::to_string(c->status));
    out += "  " + status + std::string(15 - std::min<size_t>(status.size(), 14), ' ') + c->control->display +
           std::string(width + 2 - c->control->display.size(), ' ') + c->control->title;
    if (!c->findings.empty()) out += " (" + plural(c->findings.size(), "finding", "findings") + ")";
    out += "\n";
    if (c->status != ControlStatus::failed)
      for (const std::string& reason : c->reasons) out += std::string(17 + width + 2, ' ') + reason + "\n";
  }
  return out;
}

}  // namespace

std::string render_text(const scan::ScanResult& result, const TextOptions& options) {
  // Errors of the run and findings, merged in one fixed order.
  struct Item {
    const base::Location* where;
    std::string_view code;
    const void* ptr;
    bool finding;
  };
  std::vector<Item> items;
  for (const auto& d : result.diagnostics)
    if (!options.quiet || d.level == base::Level::error) items.push_back({&d.where, d.code, &d, false});
  for (const auto& f : result.findings)
    if (!f.suppressed()) items.push_back({&f.where, f.rule_id, &f, true});
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.where->file, a.where->line, a.where->column, a.code) <
           std::tie(b.where->file, b.where->line, b.where->column, b.code);
  });
  // The same place and rule in several environments (a root evaluated once
  // per environment's variable files): each says which it is.
  std::map<std::tuple<std::string_view, uint32_t, uint32_t, std::string_view>, std::set<std::string_view>> envs_at;
  for (const auto& f : result.findings)
    if (!f.suppressed()) envs_at[{f.where.file, f.where.line, f.where.column, f.rule_id}].insert(f.environment);
  std::string out;
  const SecretPlaces secrets(result.findings, result.secret_places);
  for (const Item& item : items) {
    if (item.finding) {
      const auto& f = *static_cast<const evaluate::Finding*>(item.ptr);
      bool several = envs_at[{f.where.file, f.where.line, f.where.column, f.rule_id}].size() > 1;
      std::string message = several && !f.environment.empty() ? f.message + " (in " + f.environment + ")" : f.message;
      out += render_block(header(f.where, to_string(f.severity), f.rule_id, message, options.color),
                          f.where, result.source(f.where.file), secrets.mask(f.where, f.secret));
      for (const auto& rel : f.related) {
        out += render_block(header(rel.where, "note", f.rule_id, rel.message, options.color), rel.where,
                            result.source(rel.where.file), secrets.mask(rel.where));
      }
    } else {
      const auto& d = *static_cast<const base::Diagnostic*>(item.ptr);
      const base::SourceFile* src = result.source(d.where.file);
      if (!src && result.pack) src = result.pack->source(d.where.file);
      out += render_block(header(d.where, base::to_string(d.level), d.code, d.message, options.color), d.where, src,
                          secrets.mask(d.where));
    }
  }
  if (!options.summary || options.quiet) return out;

  std::map<std::string, size_t> by_severity;
  size_t active = 0, suppressed = 0;
  for (const auto& f : result.findings) {
    if (f.suppressed()) {
      ++suppressed;
      continue;
    }
    ++active;
    ++by_severity[std::string(to_string(f.severity))];
  }
  if (!out.empty()) out += "\n";
  out += "scanned " + plural(result.files.size(), "file", "files");
  if (!result.files.empty()) out += " (" + join_counts(result.files_by_kind()) + ")";
  out += "\n";
  out += "found " + plural(result.resources.size(), "resource", "resources");
  if (!result.resources.empty() && options.verbose) out += " (" + join_counts(result.resources_by_type()) + ")";
  out += "\n";
  out += plural(active, "finding", "findings");
  if (active) out += " (" + join_counts(by_severity) + ")";
  if (suppressed) out += ", " + std::to_string(suppressed) + " suppressed";
  out += ", " + plural(result.error_count(), "error", "errors");
  out += ", " + plural(result.warning_count(), "warning", "warnings");
  out += ", " + plural(result.undecided, "check undecided", "checks undecided");
  out += "\n";
  for (const scan::FrameworkResult& fr : result.frameworks) out += framework_summary(fr, options.verbose);
  if (options.show_undecided && result.undecided) {
    out += "undecided:\n";
    for (const evaluate::CheckRecord& c : result.checks) {
      if (c.outcome != evaluate::Tri::unknown) continue;
      out += "  " + c.rule_id + " " + (c.resource ? c.resource->address : std::string("(no resource)")) + ": " +
             c.reason;
      if (c.where.known()) out += " (" + position(c.where) + ")";
      out += "\n";
    }
  }
  if (options.verbose) {
    std::string skipped;
    for (const scan::FileSummary& f : result.files)
      if (!f.skip_reason.empty()) skipped += "  " + f.path + ": " + f.skip_reason + "\n";
    if (!skipped.empty()) out += "not read as infrastructure:\n" + skipped;
  }
  return out;
}

}  // namespace guardrail::report
