#include "policy/frameworks.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "base/read_file.hpp"
#include "load/json_loader.hpp"
#include "policy/builtin_pack.hpp"
#include "policy/functions.hpp"

namespace guardrail::policy {
namespace {

constexpr std::string_view kPrefix = "frameworks/";
constexpr std::string_view kSuffix = ".json";
constexpr uint64_t kMaxFrameworkBytes = 64u << 20;  // a mapping, not an export

/// Reads one framework document, reporting each mistake at its place.
class Reader {
 public:
  Reader(const Pack& pack, base::Diagnostics& out) : pack_(pack), out_(out) {}

  std::unique_ptr<Framework> read(const model::Value& root, std::string path) {
    auto framework = std::make_unique<Framework>();
    framework->path = std::move(path);
    if (!root.is_map()) {
      fail(root.location(), "a framework is a JSON object with \"id\", \"title\" and \"controls\"");
      return nullptr;
    }
    only_keys(root, {"id", "title", "version", "scope", "controls"}, "framework");
    framework->id = text(root, "id", true);
    framework->title = text(root, "title", true);
    framework->version = text(root, "version", false);
    framework->scope = text(root, "scope", false);
    if (!framework->id.empty() && !valid_id(framework->id))
      fail(root.find("id")->location(), "a framework ID is lowercase letters, digits, '-' and '.': '" +
                                            framework->id + "'");
    const model::Value* controls = root.find("controls");
    if (!controls) fail(root.location(), "the framework has no \"controls\"");
    else if (!controls->is_list()) fail(controls->location(), "\"controls\" is a list of controls");
    else {
      std::set<std::string> seen;
      for (const model::Value& item : controls->as_list()) {
        Control control = read_control(item);
        if (control.id.empty()) continue;
        if (!seen.insert(control.id).second)
          fail(control.where, "control " + control.id + " is listed twice");
        framework->controls.push_back(std::move(control));
      }
    }
    return failed_ ? nullptr : std::move(framework);
  }

 private:
  const Pack& pack_;
  base::Diagnostics& out_;
  bool failed_ = false;

  void fail(const base::Location& where, std::string message) {
    out_.push_back(base::error("framework", where, std::move(message)));
    failed_ = true;
  }

  static bool valid_id(std::string_view id) {
    return std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
  }

  /// A misspelt key is a mistake, not something to ignore.
  void only_keys(const model::Value& map, std::initializer_list<std::string_view> keys, std::string_view what) {
    for (const model::Member& m : map.as_map()) {
      if (std::find(keys.begin(), keys.end(), m.key) != keys.end()) continue;
      std::vector<std::string> names(keys.begin(), keys.end());
      std::string best = closest(m.key, names);
      fail(m.key_location, "unknown " + std::string(what) + " field \"" + m.key + "\"" +
                               (best.empty() ? "" : "; did you mean \"" + best + "\"?"));
    }
  }

  std::string text(const model::Value& map, std::string_view key, bool required) {
    const model::Value* v = map.find(key);
    if (!v) {
      if (required) fail(map.location(), "missing \"" + std::string(key) + "\"");
      return "";
    }
    if (!v->is_string() || v->as_string().empty()) {
      fail(v->location(), "\"" + std::string(key) + "\" is a non-empty string");
      return "";
    }
    return v->as_string();
  }

  std::vector<std::string> strings(const model::Value& map, std::string_view key) {
    std::vector<std::string> out;
    const model::Value* v = map.find(key);
    if (!v) return out;
    if (!v->is_list()) {
      fail(v->location(), "\"" + std::string(key) + "\" is a list of strings");
      return out;
    }
    for (const model::Value& item : v->as_list()) {
      if (item.is_string() && !item.as_string().empty()) out.push_back(item.as_string());
      else fail(item.location(), "\"" + std::string(key) + "\" holds non-empty strings only");
    }
    return out;
  }

  /// A rule ID the pack must have, with the nearest one when it does not.
  void known_rule(const std::string& id, const base::Location& where) {
    if (pack_.rule(id)) return;
    std::vector<std::string> ids;
    for (const auto& r : pack_.rules) ids.push_back(r->id);
    std::string best = closest(id, ids);
    fail(where, "no rule " + id + (best.empty() ? "" : "; did you mean " + best + "?"));
  }

  Control read_control(const model::Value& item) {
    Control c;
    if (!item.is_map()) {
      fail(item.location(), "a control is a JSON object");
      return c;
    }
    only_keys(item,
              {"id", "display", "title", "mapping", "rules", "parameters", "resource_types", "level", "assessment",
               "since", "note", "related", "securityhub", "enhancements", "findings"},
              "control");
    c.id = text(item, "id", true);
    if (const model::Value* id = item.find("id")) c.where = id->location();
    else c.where = item.location();
    c.display = text(item, "display", false);
    if (c.display.empty()) c.display = c.id;
    c.title = text(item, "title", true);
    c.level = text(item, "level", false);
    c.note = text(item, "note", false);
    (void)text(item, "assessment", false);
    (void)text(item, "since", false);
    std::string mapping = text(item, "mapping", true);
    if (mapping == "full") c.mapping = Mapping::full;
    else if (mapping == "partial") c.mapping = Mapping::partial;
    else if (mapping == "none") c.mapping = Mapping::none;
    else if (!mapping.empty())
      fail(item.find("mapping")->location(), "\"mapping\" is \"full\", \"partial\" or \"none\", not \"" + mapping + "\"");
    const model::Value* rules = item.find("rules");
    if (!rules) fail(item.location(), "control " + c.id + " has no \"rules\" (an empty list when none decides it)");
    c.rules = strings(item, "rules");
    if (rules && rules->is_list())
      for (size_t i = 0; i < c.rules.size() && i < rules->as_list().size(); ++i)
        known_rule(c.rules[i], rules->as_list()[i].location());
    if (rules && !mapping.empty()) {
      if (c.mapping == Mapping::none && !c.rules.empty())
        fail(item.find("mapping")->location(),
             "control " + c.id + " names rules, so its mapping is \"full\" or \"partial\", not \"none\"");
      if (c.mapping != Mapping::none && c.rules.empty())
        fail(item.find("mapping")->location(),
             "control " + c.id + " names no rule, so its mapping is \"none\", not \"" + mapping + "\"");
    }
    c.resource_types = strings(item, "resource_types");
    c.related = strings(item, "related");
    for (const std::string& r : c.related)
      if (!pack_.rule(r)) known_rule(r, item.find("related")->location());
    c.references = strings(item, "securityhub");
    c.enhancements = strings(item, "enhancements");
    if (const model::Value* params = item.find("parameters")) read_parameters(c, *params);
    if (const model::Value* findings = item.find("findings")) read_findings(c, *findings);
    return c;
  }

  void read_findings(Control& c, const model::Value& findings) {
    if (!findings.is_map()) {
      fail(findings.location(), "\"findings\" is an object: {\"RULE-ID\": \"a pattern its findings' messages match\"}");
      return;
    }
    for (const model::Member& m : findings.as_map()) {
      if (std::find(c.rules.begin(), c.rules.end(), m.key) == c.rules.end()) {
        fail(m.key_location, "\"findings\" names rule " + m.key + ", which control " + c.id + " does not list in \"rules\"");
        continue;
      }
      if (!m.value.is_string() || m.value.as_string().empty()) {
        fail(m.value.location(), "a pattern of \"findings\" is a non-empty string");
        continue;
      }
      auto re = std::make_shared<re2::RE2>(m.value.as_string(), re2::RE2::Quiet);
      if (!re->ok()) {
        fail(m.value.location(), "invalid pattern: " + re->error());
        continue;
      }
      c.findings[m.key] = std::move(re);
    }
  }

  void read_parameters(Control& c, const model::Value& params) {
    if (!params.is_map()) {
      fail(params.location(), "\"parameters\" is an object of settings");
      return;
    }
    for (const model::Member& m : params.as_map()) {
      ControlParameter p;
      p.value = m.value;
      // "RULE-ID.param": the setting of a rule's parameter; any other key is
      // the control's own figure.
      if (auto dot = m.key.find('.'); dot != std::string::npos) {
        p.rule = m.key.substr(0, dot);
        p.name = m.key.substr(dot + 1);
        const Rule* rule = pack_.rule(p.rule);
        if (!rule) {
          known_rule(p.rule, m.key_location);
          continue;
        }
        if (std::find(c.rules.begin(), c.rules.end(), p.rule) == c.rules.end())
          fail(m.key_location, "parameter " + m.key + " is of rule " + p.rule + ", which control " + c.id +
                                   " does not list in \"rules\"");
        if (!rule->param(p.name)) {
          std::vector<std::string> names;
          for (const Param& q : rule->params) names.push_back(q.name);
          std::string best = closest(p.name, names);
          fail(m.key_location, "rule " + p.rule + " has no parameter '" + p.name + "'" +
                                   (best.empty() ? "" : "; did you mean '" + best + "'?"));
          continue;
        }
      } else {
        p.name = m.key;
      }
      c.parameters.push_back(std::move(p));
    }
  }
};

}  // namespace

std::string_view to_string(Mapping mapping) {
  switch (mapping) {
    case Mapping::full: return "full";
    case Mapping::partial: return "partial";
    default: return "none";
  }
}

std::vector<std::string> builtin_framework_ids() {
  std::vector<std::string> ids;
  for (const PackFile& f : builtin_pack()) {
    std::string_view p = f.path;
    if (p.size() > kPrefix.size() + kSuffix.size() && p.substr(0, kPrefix.size()) == kPrefix &&
        p.substr(p.size() - kSuffix.size()) == kSuffix && p.find('/', kPrefix.size()) == std::string_view::npos)
      ids.emplace_back(p.substr(kPrefix.size(), p.size() - kPrefix.size() - kSuffix.size()));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::unique_ptr<Framework> parse_framework(const base::SourceFile& file, const Pack& pack,
                                           base::Diagnostics& diagnostics) {
  load::Documents docs = load::load_json(file);
  bool broken = base::has_errors(docs.diagnostics);
  for (base::Diagnostic& d : docs.diagnostics) diagnostics.push_back(std::move(d));
  if (broken || docs.documents.empty()) {
    if (!broken) diagnostics.push_back(base::error("framework", file.location(0, 0), "the framework file is empty"));
    return nullptr;
  }
  // Reported in the order of the file, whatever order they were found in.
  size_t first = diagnostics.size();
  auto framework = Reader(pack, diagnostics).read(docs.documents.front(), std::string(file.path()));
  std::stable_sort(diagnostics.begin() + static_cast<long>(first), diagnostics.end(),
                   [](const base::Diagnostic& a, const base::Diagnostic& b) {
                     return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
                   });
  return framework;
}

namespace {

std::string builtin_path(std::string_view id) { return std::string(kPrefix) + std::string(id) + std::string(kSuffix); }

}  // namespace

bool is_framework_file(std::string_view name) {
  return builtin_file(builtin_path(name)).empty() && name.find_first_of("/.") != std::string_view::npos;
}

std::unique_ptr<Framework> load_framework(std::string_view name, const Pack& pack, base::Diagnostics& diagnostics) {
  std::string builtin = builtin_path(name);
  if (std::string_view text = builtin_file(builtin); !text.empty()) {
    base::SourceFile file(builtin, std::string(text));  // locations keep its interned path
    return parse_framework(file, pack, diagnostics);
  }
  std::string path(name);
  if (!is_framework_file(path)) {
    std::vector<std::string> ids = builtin_framework_ids();
    std::string list;
    for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
    std::string best = closest(path, ids);
    diagnostics.push_back(base::error("usage", {},
                                      "no framework '" + path + "'" +
                                          (best.empty() ? "." : "; did you mean '" + best + "'?") +
                                          " The shipped ones are " + list + "; a path names a framework file."));
    return nullptr;
  }
  base::FileRead read = base::read_regular_file(path, kMaxFrameworkBytes);
  if (!read.ok()) {
    diagnostics.push_back(base::error("usage", {}, "framework file " + path + ": " + read.error));
    return nullptr;
  }
  base::SourceFile file(path, std::move(read.bytes));
  return parse_framework(file, pack, diagnostics);
}

}  // namespace guardrail::policy
