#include "policy/pack.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "load/text_decode.hpp"
#include "policy/builtin_pack.hpp"
#include "policy/check.hpp"
#include "policy/compiled.hpp"
#include "policy/functions.hpp"
#include "policy/parse.hpp"

namespace guardrail::policy {
namespace fs = std::filesystem;

const Rule* Pack::rule(std::string_view id) const {
  for (const auto& r : rules)
    if (r->id == id) return r.get();
  return nullptr;
}

const Policy* Pack::policy(std::string_view name) const {
  for (const auto& p : policies)
    if (p->name == name) return p.get();
  return nullptr;
}

const base::SourceFile* Pack::source(std::string_view path) const {
  static std::mutex lazy;
  std::lock_guard<std::mutex> hold(lazy);
  for (const auto& s : sources)
    if (s->path() == path) return s.get();
  // A compiled rule's file is not read until a snippet of it is wanted.
  if (is_embedded_rule_file(path) && std::any_of(rules.begin(), rules.end(), [&](const auto& r) {
        return r->lazy && r->file == path;
      })) {
    std::string_view text = builtin_file(path);
    sources.push_back(std::make_unique<base::SourceFile>(std::string(path), std::string(text)));
    return sources.back().get();
  }
  return nullptr;
}

std::map<std::string, const Rule*> Pack::rules_by_id() const {
  std::map<std::string, const Rule*> out;
  for (const auto& r : rules) out.emplace(r->id, r.get());
  return out;
}

void add_file(Pack& pack, const std::string& path, std::string text, bool replace) {
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".tsv") == 0) {
    pack.tables[fs::path(path).filename().string()] = std::move(text);
    return;
  }
  // As input files are read: a byte-order mark is not text, and bytes that
  // are not UTF-8 are an error, not copied into reports.
  load::Decoded decoded = load::decode_text(std::move(text));
  pack.sources.push_back(std::make_unique<base::SourceFile>(path, std::move(decoded.text)));
  if (!decoded.error.empty()) {
    pack.diagnostics.push_back(base::error(
        "policy-encoding", pack.sources.back()->location(decoded.error_offset, decoded.error_offset + 1), decoded.error));
    return;
  }
  Parsed parsed = parse_policy(*pack.sources.back());
  for (auto& d : parsed.diagnostics) pack.diagnostics.push_back(std::move(d));
  if (replace) {
    // A user's rules and policies replace the shipped ones of the same ID or
    // name; two of the user's (in one file or two) both stay, and check()
    // reports them, whichever order the files came in.
    std::set<std::string> ids, names;
    for (const auto& r : parsed.module.rules) ids.insert(r->id);
    for (const auto& p : parsed.module.policies) names.insert(p->name);
    std::erase_if(pack.rules, [&](const auto& r) { return !r->from_user && ids.count(r->id) > 0; });
    std::erase_if(pack.policies, [&](const auto& p) { return !p->from_user && names.count(p->name) > 0; });
  }
  for (auto& rule : parsed.module.rules) {
    rule->from_user = replace;
    pack.rules.push_back(std::move(rule));
  }
  for (auto& policy : parsed.module.policies) {
    policy->from_user = replace;
    pack.policies.push_back(std::move(policy));
  }
}

void add_directory(Pack& pack, const fs::path& dir, const fs::path& root, bool replace) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string ext = it->path().extension().string();
    // Rule cases live in cases/ folders: inputs, not policy files.
    if (it->path().string().find("/cases/") != std::string::npos) continue;
    if (ext == ".grl" || ext == ".tsv") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    fs::path shown = f.lexically_relative(root);
    add_file(pack, (shown.empty() || *shown.begin() == ".." ? f : shown).generic_string(), ss.str(), replace);
  }
}

std::string_view builtin_file(std::string_view path) {
  for (const PackFile& f : builtin_pack())
    if (f.path == path) return f.content;
  return {};
}

void add_builtin(Pack& pack) {
  // The rules as the build compiled them, when it did; else parsed here.
  bool compiled = load_compiled_rules(pack, compiled_pack_blob());
  for (const PackFile& f : builtin_pack()) {
    if (f.path.rfind("data/", 0) == 0) continue;        // adapters' tables, not rules
    if (f.path.rfind("frameworks/", 0) == 0) continue;  // read by --framework (policy/frameworks.hpp)
    if (f.path.find("/cases/") != std::string_view::npos) {
      pack.examples[std::string(f.path)] = std::string(f.content);
      continue;
    }
    if (compiled && is_embedded_rule_file(f.path)) continue;
    add_file(pack, std::string(f.path), std::string(f.content));
  }
}

namespace {

/// Links each `extends NAME` to its policy: an unknown name (with the
/// nearest as a suggestion) and a cycle are errors, and leave `base` null.
void link_parents(Pack& pack) {
  std::map<std::string, Policy*> by_name;
  for (const auto& p : pack.policies) by_name.emplace(p->name, p.get());
  for (const auto& p : pack.policies) {
    if (p->parent.empty()) continue;
    auto it = by_name.find(p->parent);
    if (it == by_name.end() || it->second == p.get()) {
      std::string message = "policy " + p->name + " extends '" + p->parent + "', which does not exist";
      std::vector<std::string> others;
      for (const auto& [name, _] : by_name)
        if (name != p->name) others.push_back(name);
      std::string best = closest(p->parent, others);
      if (!best.empty()) message += "; did you mean '" + best + "'?";
      pack.diagnostics.push_back(base::error("policy-name", p->parent_where, message));
      continue;
    }
    p->base = it->second;
  }
  for (const auto& p : pack.policies) {
    std::set<const Policy*> seen{p.get()};
    for (const Policy* q = p->base; q; q = q->base) {
      if (seen.insert(q).second) continue;
      // A cycle through this policy is its error; one further up, the error
      // of a policy on it.
      if (q == p.get()) {
        pack.diagnostics.push_back(base::error("policy-cycle", p->parent_where,
                                               "policy " + p->name + " extends itself through '" + p->parent + "'"));
        p->base = nullptr;
      }
      break;
    }
  }
}

}  // namespace

void check(Pack& pack) {
  std::stable_sort(pack.rules.begin(), pack.rules.end(),
                   [](const auto& a, const auto& b) { return a->id < b->id; });
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    Rule& r = *pack.rules[i];
    if (i > 0 && pack.rules[i - 1]->id == r.id) {
      const Rule& first = *pack.rules[i - 1];
      pack.diagnostics.push_back(base::error(
          "policy-duplicate", r.where,
          "duplicate rule ID " + r.id + " (first declared at " + std::string(first.where.file) + ":" +
              std::to_string(first.where.line) + ":" + std::to_string(first.where.column) + ")"));
    }
    if (r.checked) continue;  // compiled with the build, checked then
    for (auto& d : check_rule(r)) pack.diagnostics.push_back(std::move(d));
  }
  std::map<std::string, const Rule*> by_id = pack.rules_by_id();
  link_parents(pack);
  for (size_t i = 0; i < pack.policies.size(); ++i) {
    Policy& p = *pack.policies[i];
    for (size_t j = 0; j < i; ++j)
      if (pack.policies[j]->name == p.name)
        pack.diagnostics.push_back(base::error("policy-duplicate", p.where, "duplicate policy '" + p.name + "'"));
    for (auto& d : check_policy(p, by_id)) pack.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(pack.diagnostics.begin(), pack.diagnostics.end(),
                   [](const base::Diagnostic& a, const base::Diagnostic& b) {
                     return std::tie(a.where.file, a.where.line, a.where.column) <
                            std::tie(b.where.file, b.where.line, b.where.column);
                   });
}

}  // namespace guardrail::policy
