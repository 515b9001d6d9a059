#include "scan/discover.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/intern.hpp"
#include "base/paths.hpp"
#include "base/read_file.hpp"
#include "scan/classify.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

bool skipped_directory(const std::string& name) {
  static const std::set<std::string> kSkip = {".git", "node_modules", ".terraform", ".terragrunt-cache",
                                              ".svn", ".hg", "__pycache__", ".venv", ".tox"};
  return kSkip.count(name) > 0;
}

/// Files that travel together: a named one brings the others of its family.
enum class Family { terraform, manifest, none };

Family family_of(const fs::path& p) {
  switch (kind_by_name(p.filename().string())) {
    case NameKind::terraform:
    case NameKind::terraform_vars: return Family::terraform;
    case NameKind::yaml:
    case NameKind::json: return Family::manifest;
    default: return Family::none;
  }
}

}  // namespace

std::string display_path(const fs::path& path, const fs::path& root_in) {
  fs::path abs = base::absolute_normal(path);
  fs::path root = base::absolute_normal(root_in);
  fs::path rel = abs.lexically_relative(root);
  std::string out;
  if (!rel.empty() && *rel.begin() != "..") out = rel.generic_string();
  else out = path.lexically_normal().generic_string();
  if (out.size() > 2 && out.compare(0, 2, "./") == 0) out.erase(0, 2);
  return out;
}

Discovery discover(const std::vector<std::string>& paths, const fs::path& root_in) {
  Discovery out;
  std::error_code ec;
  fs::path root = base::absolute_normal(root_in);
  std::map<std::string, Candidate> found;  // by display path
  auto add = [&](const fs::path& p, bool reported) {
    Candidate c{p.string(), display_path(p, root), reported};
    auto [it, inserted] = found.emplace(c.display_path, c);
    if (!inserted && reported) it->second.reported = true;
  };
  for (const std::string& arg : paths) {
    if (arg == "-") {
      found.emplace("<stdin>", Candidate{"", "<stdin>", true});
      continue;
    }
    fs::path p(arg);
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      // The system's reason: a symlink loop, a permission, a missing file.
      std::string what = base::describe_path(arg);
      out.diagnostics.push_back(
          base::error("io", {base::intern(arg)}, what == "missing" ? "no such file or directory" : what));
      continue;
    }
    if (base::is_anonymous_pipe(arg)) {
      // `guardrail scan <(kubectl get ... -o yaml)`: read as standard input is.
      Candidate c{arg, arg, true};
      c.pipe = true;
      found.emplace(arg, c);
      continue;
    }
    if (!fs::is_directory(st) && !fs::is_regular_file(st)) {
      out.diagnostics.push_back(base::error(
          "io", {base::intern(arg)},
          "is " + base::describe_path(arg) + ", not a regular file; only files and folders are scanned" +
              (fs::is_fifo(st) ? " (pipe its content to 'guardrail scan -' instead)" : "")));
      continue;
    }
    if (fs::is_directory(st)) {
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const fs::directory_entry& e = *it;
        std::string name = e.path().filename().string();
        if (e.is_directory(ec)) {
          if (skipped_directory(name)) it.disable_recursion_pending();
          continue;
        }
        if (e.is_regular_file(ec)) add(e.path(), true);
      }
      if (ec) out.diagnostics.push_back(base::error("io", {base::intern(arg)}, ec.message()));
      continue;
    }
    add(p, true);
    Family family = family_of(p);
    if (family == Family::none) continue;
    // An export bundle's file: what the other outputs of its account say of the
    // same resources (a key's rotation status beside its description) is context.
    if (family == Family::manifest)
      for (fs::path d = fs::absolute(p, ec).parent_path(); d.has_relative_path(); d = d.parent_path()) {
        std::string name = d.filename().string();
        if (name.size() == 12 && name.find_first_not_of("0123456789") == std::string::npos) {
          fs::recursive_directory_iterator it(d, fs::directory_options::skip_permission_denied, ec), end;
          for (; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && it->path().extension() == ".json") add(it->path(), false);
          break;
        }
        if (d.parent_path() == d) break;
      }
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    bool module_here = false;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file(ec) && e.path() != p && family_of(e.path()) == family) add(e.path(), false);
      if (e.is_regular_file(ec) && kind_by_name(e.path().filename().string()) == NameKind::terraform)
        module_here = true;
    }
    // A variable file kept apart from its root (envs/prod.tfvars, bound to an
    // environment in .guardrail.yaml): the nearest folder above it, within
    // the scan's root, that holds a module is the root it is evaluated with.
    if (kind_by_name(p.filename().string()) == NameKind::terraform_vars && !module_here) {
      fs::path stop = root;
      for (fs::path d = base::absolute_normal(dir).parent_path(); !d.empty(); d = d.parent_path()) {
        if (d.lexically_relative(stop).empty() || *d.lexically_relative(stop).begin() == "..") break;
        bool found_module = false;
        for (const fs::directory_entry& e : fs::directory_iterator(d, ec))
          if (e.is_regular_file(ec) && kind_by_name(e.path().filename().string()) == NameKind::terraform) {
            add(e.path(), false);
            found_module = true;
          }
        if (found_module || d == stop || d.parent_path() == d) break;
      }
    }
  }
  for (auto& [_, c] : found) out.files.push_back(std::move(c));
  return out;
}

}  // namespace guardrail::scan
