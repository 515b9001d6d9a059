#include "filter/suppress.hpp"

#include "scan/drift.hpp"

#include <algorithm>
#include <map>

#include "base/intern.hpp"
#include "policy/check.hpp"
#include "scan/drift.hpp"
#include "scan/scanner.hpp"

namespace guardrail::filter {
namespace {

constexpr std::string_view kDirective = "guardrail:ignore";

bool space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// Rule IDs are upper case: NET-009, ACME_12.
bool rule_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

/// Columns count code points.
uint32_t column_of(std::string_view line, size_t byte) {
  uint32_t col = 1;
  for (size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

/// A line holding nothing but a comment (or nothing at all).
bool comment_or_blank(std::string_view line) {
  line = trim(line);
  return line.empty() || line[0] == '#' || line.starts_with("//") || line.starts_with("/*") || line[0] == '*' ||
         line == "---";
}

/// Where the comment holding the directive at `at` starts, or npos when
/// `at` is not inside a comment.
size_t comment_start(std::string_view line, size_t at) {
  size_t i = at;
  while (i > 0 && space(line[i - 1])) --i;
  if (i >= 1 && line[i - 1] == '#') return i - 1;
  if (i >= 2 && (line.substr(i - 2, 2) == "//" || line.substr(i - 2, 2) == "/*")) return i - 2;
  return std::string_view::npos;
}

}  // namespace

bool parse_directive(std::string_view text, InlineSuppression& out, std::string& error) {
  std::string_view s = trim(text);
  if (s.ends_with("*/")) s = trim(s.substr(0, s.size() - 2));
  size_t i = 0;
  while (true) {
    while (i < s.size() && space(s[i])) ++i;
    size_t start = i;
    if (i < s.size() && s[i] >= 'A' && s[i] <= 'Z')
      while (i < s.size() && rule_char(s[i])) ++i;
    if (i == start || (i < s.size() && !space(s[i]) && s[i] != ',' && s[i] != ':')) {
      i = start;  // "because", "Reviewed": prose, not a rule
      break;
    }
    out.rules.emplace_back(s.substr(start, i - start));
    size_t j = i;
    while (j < s.size() && space(s[j])) ++j;
    if (j < s.size() && s[j] == ',') {
      i = j + 1;
      continue;
    }
    break;
  }
  if (out.rules.empty()) {
    error = "guardrail:ignore names no rule (write: guardrail:ignore RULE-ID [until YYYY-MM-DD] reason)";
    return false;
  }
  std::string_view rest = trim(s.substr(i));
  if (rest.starts_with("until") && (rest.size() == 5 || space(rest[5]))) {
    rest = trim(rest.substr(5));
    size_t end = 0;
    while (end < rest.size() && !space(rest[end])) ++end;
    std::string_view date = rest.substr(0, end);
    if (!policy::valid_date(date)) {
      error = "'" + std::string(date) + "' is not a date (until YYYY-MM-DD)";
      return false;
    }
    out.until = std::string(date);
    rest = trim(rest.substr(end));
  }
  // "NET-009: reason", "NET-009 -- reason"
  while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == '=')) rest.remove_prefix(1);
  out.reason = std::string(trim(rest));
  return true;
}

std::vector<InlineSuppression> collect_suppressions(const scan::ScanResult& result, base::Diagnostics& diagnostics) {
  std::vector<InlineSuppression> out;
  // The first lines of resources, by file: a comment above one covers the
  // whole resource (the block header, a template's logical ID, a manifest's
  // first key, a Dockerfile stage's FROM).
  std::map<std::pair<std::string_view, uint32_t>, std::vector<const model::Resource*>> heads;
  for (const model::Resource& r : result.resources) {
    heads[{r.location.file, r.location.line}].push_back(&r);
    const base::Location& at = r.attrs.location();
    if (at.file == r.location.file && at.line != r.location.line) heads[{at.file, at.line}].push_back(&r);
  }
  for (const auto& src : result.sources) {
    std::string_view path = src->path();
    if (path.ends_with(".json")) continue;  // JSON has no comments
    std::string_view text = src->text();
    if (text.find(kDirective) == std::string_view::npos) continue;
    for (uint32_t n = 1; n <= src->line_count(); ++n) {
      std::string_view line = src->line(n);
      size_t at = line.find(kDirective);
      if (at == std::string_view::npos) continue;
      size_t comment = comment_start(line, at);
      if (comment == std::string_view::npos) continue;  // in a string, not a comment
      InlineSuppression s;
      s.where = {path, n, column_of(line, comment), n, column_of(line, line.size())};
      s.file = path;
      std::string error;
      if (!parse_directive(line.substr(at + kDirective.size()), s, error)) {
        diagnostics.push_back(base::warning("suppression", s.where, error));
        continue;
      }
      bool standalone = trim(line.substr(0, comment)).empty();
      s.line = n;
      if (standalone) {
        uint32_t next = n + 1;
        while (next <= src->line_count() && comment_or_blank(src->line(next))) ++next;
        if (next > src->line_count()) {
          diagnostics.push_back(base::warning("suppression", s.where, "a suppression with no line after it"));
          continue;
        }
        s.line = next;
      }
      if (auto it = heads.find({path, s.line}); it != heads.end())
        for (const model::Resource* r : it->second) s.resources.insert(r->address);
      out.push_back(std::move(s));
    }
  }
  // Resource-level lists: strings "RULE [until DATE] reason" (the Kubernetes
  // annotation separates them with ';' or new lines) or, in CloudFormation,
  // maps {rule(s), until, reason}.
  for (const model::Resource& r : result.resources) {
    if (!r.suppressions || r.suppressions->is_null()) continue;
    const model::Value& written = *r.suppressions;
    auto add = [&](InlineSuppression s, const base::Location& where) {
      s.where = where.known() ? where : r.location;
      s.file = r.location.file;
      s.resources.insert(r.address);
      out.push_back(std::move(s));
    };
    auto from_text = [&](std::string_view entry, const base::Location& where) {
      InlineSuppression s;
      std::string error;
      if (!parse_directive(entry, s, error)) {
        diagnostics.push_back(base::warning("suppression", where.known() ? where : r.location, error));
        return;
      }
      add(std::move(s), where);
    };
    auto from_value = [&](const model::Value& v) {
      if (v.is_string()) {
        from_text(v.as_string(), v.location());
      } else if (v.is_map()) {
        InlineSuppression s;
        const model::Value* rules = v.find("rules");
        if (!rules) rules = v.find("rule");
        if (rules && rules->is_string()) s.rules.push_back(rules->as_string());
        if (rules && rules->is_list())
          for (const model::Value& id : rules->as_list())
            if (id.is_string()) s.rules.push_back(id.as_string());
        if (const model::Value* until = v.find("until"); until && until->is_string()) s.until = until->as_string();
        if (const model::Value* reason = v.find("reason"); reason && reason->is_string())
          s.reason = std::string(trim(reason->as_string()));
        for (const model::Member& m : v.as_map())
          if (m.key != "rule" && m.key != "rules" && m.key != "until" && m.key != "reason")
            diagnostics.push_back(base::warning("suppression", m.key_location,
                                                "unknown key '" + m.key + "' in a suppression (rule, until, reason)"));
        if (s.rules.empty()) {
          diagnostics.push_back(base::warning("suppression", v.location(), "a suppression names no rule"));
          return;
        }
        if (!s.until.empty() && !policy::valid_date(s.until)) {
          diagnostics.push_back(base::warning("suppression", v.find("until")->location(),
                                              "'" + s.until + "' is not a date (until YYYY-MM-DD)"));
          return;
        }
        add(std::move(s), v.location());
      } else {
        diagnostics.push_back(base::warning("suppression", v.location(),
                                            "a suppression is a string \"RULE [until YYYY-MM-DD] reason\" or a map"));
      }
    };
    if (written.is_list()) {
      for (const model::Value& v : written.as_list()) from_value(v);
    } else if (written.is_string() && r.source == model::SourceKind::kubernetes) {
      // One annotation, several entries.
      std::string_view all = written.as_string();
      size_t start = 0;
      while (start <= all.size()) {
        size_t end = all.find_first_of(";\n", start);
        if (end == std::string_view::npos) end = all.size();
        std::string_view entry = trim(all.substr(start, end - start));
        if (!entry.empty()) from_text(entry, written.location());
        start = end + 1;
      }
    } else {
      from_value(written);
    }
  }
  return out;
}

void apply_suppressions(scan::ScanResult& result, const SuppressOptions& options) {
  base::Diagnostics warnings;
  std::vector<InlineSuppression> all = collect_suppressions(result, warnings);
  std::set<std::string> known, ran;
  if (result.pack)
    for (const auto& rule : result.pack->rules) known.insert(rule->id);
  for (const policy::Rule* rule : result.rules_run) ran.insert(rule->id);
  // Drift's rules are known whether or not this run compared the views: a
  // declaration may carry a suppression of DRIFT-003 that a plain scan keeps.
  for (std::string_view id : scan::kDriftRules) known.emplace(id);
  std::string policy = result.effective.policy ? result.effective.policy->name : "";

  // Which (suppression, rule) pairs may apply; the others are warned about.
  std::vector<std::vector<bool>> applies(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    const InlineSuppression& s = all[i];
    applies[i].assign(s.rules.size(), false);
    bool ok = true;
    if (s.reason.empty()) {
      warnings.push_back(base::warning("suppression", s.where,
                                       "the suppression of " + s.rules.front() +
                                           " gives no reason and does not apply; write why after the rule ID"));
      ok = false;
    }
    if (ok && !s.until.empty() && s.until < options.now) {
      warnings.push_back(base::warning("suppression", s.where,
                                       "the suppression of " + s.rules.front() + " expired on " + s.until +
                                           " and no longer applies"));
      ok = false;
    }
    for (size_t k = 0; k < s.rules.size(); ++k) {
      const std::string& id = s.rules[k];
      if (!known.count(id)) {
        warnings.push_back(base::warning("suppression", s.where, "a suppression names " + id + ", which is no rule"));
        continue;
      }
      if (result.effective.forbidden_inline.count(id)) {
        warnings.push_back(base::warning("suppression", s.where,
                                         "policy " + policy + " forbids inline suppressions of " + id +
                                             "; this one does not apply"));
        continue;
      }
      applies[i][k] = ok;
    }
  }

  std::map<std::string_view, std::vector<size_t>> by_file;
  for (size_t i = 0; i < all.size(); ++i) by_file[all[i].file].push_back(i);
  std::vector<std::vector<bool>> used(all.size());
  for (size_t i = 0; i < all.size(); ++i) used[i].assign(all[i].rules.size(), false);
  for (evaluate::Finding& f : result.findings) {
    auto it = by_file.find(f.where.file);
    if (it == by_file.end()) continue;
    for (size_t i : it->second) {
      const InlineSuppression& s = all[i];
      if (!(s.line && s.line == f.where.line) && !s.resources.count(f.resource)) continue;
      for (size_t k = 0; k < s.rules.size(); ++k) {
        if (s.rules[k] != f.rule_id || !applies[i][k]) continue;
        used[i][k] = true;
        if (!f.suppressed()) f.suppression = {evaluate::SuppressionKind::inline_comment, s.reason, s.until};
      }
    }
  }
  if (options.report_unused) {
    std::set<std::string_view> reported;
    for (const scan::FileSummary& file : result.files)
      if (file.reported) reported.insert(base::intern(file.path));
    for (size_t i = 0; i < all.size(); ++i)
      for (size_t k = 0; k < all[i].rules.size(); ++k)
        if (applies[i][k] && !used[i][k] && ran.count(all[i].rules[k]) && reported.count(all[i].file))
          warnings.push_back(base::warning("suppression", all[i].where,
                                           "unused suppression: " + all[i].rules[k] + " finds nothing here"));
  }
  for (base::Diagnostic& d : warnings) result.diagnostics.push_back(std::move(d));
}

}  // namespace guardrail::filter
