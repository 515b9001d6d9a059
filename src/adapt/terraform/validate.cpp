#include "adapt/terraform/validate.hpp"

#include <cctype>
#include <optional>
#include <set>

#include "adapt/terraform/evaluator.hpp"

namespace guardrail::adapt::terraform {
namespace {

using load::hcl::Attribute;
using load::hcl::ExprKind;
using model::Value;

class Validator {
 public:
  explicit Validator(ModuleConfig& config) : config_(config) {}

  void run(bool merged);

 private:
  void error(const base::Location& where, std::string message) {
    config_.diagnostics.push_back(base::error("tf-config", where, std::move(message)));
  }

  void top_level(const Body& body);
  void resource(const Block& b, bool data);
  void lifecycle(const Block& resource, const Block& lc, bool data);
  void conditions(const Block& resource, const Block& lc, bool data);
  void provider(const Block& b);
  void variable(const Block& b);
  void module(const Block& b);
  void terraform(const Block& b, bool& required_providers, int& cloud, int& backend);
  void provider_reference(const Attribute& a);
  void count_and_for_each(const Block& b);

  ModuleConfig& config_;
  bool tofu_ = false;  // a module with .tofu files is OpenTofu's, which allows provider for_each
};

bool identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

/// A provider's local name: lower-case letters, digits and dashes, from a letter.
bool provider_local_name(std::string_view s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '-')
      return false;
  return true;
}

/// Every traversal inside an expression.
void references(const Expr& e, std::vector<std::pair<std::vector<std::string>, base::Location>>& out) {
  if (auto t = traversal(e); t && (e.kind == ExprKind::variable || e.kind == ExprKind::get_attr)) {
    out.emplace_back(*t, e.where);
  }
  for (const auto& c : e.children)
    if (c) references(*c, out);
  for (const load::hcl::TemplatePart& p : e.parts) {
    if (p.expr) references(*p.expr, out);
    for (const auto& q : p.body)
      if (q.expr) references(*q.expr, out);
  }
  for (const load::hcl::Step& s : e.steps)
    if (s.index) references(*s.index, out);
}

// --- variable types ---------------------------------------------------------

struct Field;

struct Type {
  enum Kind { any, string, number, boolean, list, set, map, object, tuple } kind = any;
  std::vector<Type> elements;  // list/set/map: one; tuple: each
  std::vector<Field> fields;   // object
};

struct Field {
  std::string name;
  Type type;
};

/// Parses a type constraint; an error (and nullopt) for an unknown keyword.
std::optional<Type> parse_type(const Expr& e, std::string& problem, bool in_object = false) {
  if (e.kind == ExprKind::variable) {
    if (e.name == "string") return Type{Type::string, {}, {}};
    if (e.name == "number") return Type{Type::number, {}, {}};
    if (e.name == "bool") return Type{Type::boolean, {}, {}};
    if (e.name == "any") return Type{Type::any, {}, {}};
    if (e.name == "list" || e.name == "set" || e.name == "map") return Type{Type::any, {}, {}};  // legacy bare forms
    problem = "\"" + e.name + "\" is not a type; the types are string, number, bool, any, list(...), set(...), "
              "map(...), object({...}) and tuple([...])";
    return std::nullopt;
  }
  // Legacy quoted types ("string", "list", "map").
  if (e.kind == ExprKind::literal && e.literal.is_string()) return Type{Type::any, {}, {}};
  if (e.kind == ExprKind::call) {
    const std::string& f = e.name;
    if ((f == "list" || f == "set" || f == "map") && e.children.size() == 1) {
      auto inner = parse_type(*e.children[0], problem);
      if (!inner) return std::nullopt;
      return Type{f == "list" ? Type::list : f == "set" ? Type::set : Type::map, {*inner}, {}};
    }
    if (f == "optional" && in_object && !e.children.empty()) return parse_type(*e.children[0], problem);
    if (f == "tuple" && e.children.size() == 1 && e.children[0]->kind == ExprKind::tuple) {
      Type t{Type::tuple, {}, {}};
      for (const auto& c : e.children[0]->children) {
        auto inner = parse_type(*c, problem);
        if (!inner) return std::nullopt;
        t.elements.push_back(*inner);
      }
      return t;
    }
    if (f == "object" && e.children.size() == 1 && e.children[0]->kind == ExprKind::object) {
      Type t{Type::object, {}, {}};
      const auto& ch = e.children[0]->children;
      for (size_t i = 0; i + 1 < ch.size(); i += 2) {
        auto inner = parse_type(*ch[i + 1], problem, true);
        if (!inner) return std::nullopt;
        std::string key = ch[i]->kind == ExprKind::literal && ch[i]->literal.is_string() ? ch[i]->literal.as_string()
                          : ch[i]->kind == ExprKind::variable                             ? ch[i]->name
                                                                                          : "";
        t.fields.push_back({key, *inner});
      }
      return t;
    }
    problem = f + "(...) is not a type constructor; the types are string, number, bool, any, list(...), set(...), "
                  "map(...), object({...}) and tuple([...])";
    return std::nullopt;
  }
  return Type{Type::any, {}, {}};  // not a type expression we judge
}

/// Whether a known value converts to a type as Terraform converts defaults.
bool conforms(const Value& v, const Type& t) {
  if (v.is_null() || v.is_unknown() || v.is_reference() || t.kind == Type::any) return true;
  switch (t.kind) {
    case Type::string: return v.is_scalar();
    case Type::number:
      if (v.is_number()) return true;
      if (v.is_string()) {
        char* end = nullptr;
        std::strtod(v.as_string().c_str(), &end);
        return !v.as_string().empty() && end && *end == '\0';
      }
      return false;
    case Type::boolean:
      return v.is_bool() || (v.is_string() && (v.as_string() == "true" || v.as_string() == "false"));
    case Type::list:
    case Type::set:
      if (!v.is_list()) return false;
      for (const Value& x : v.as_list())
        if (!conforms(x, t.elements[0])) return false;
      return true;
    case Type::tuple:
      if (!v.is_list() || v.size() != t.elements.size()) return false;
      for (size_t i = 0; i < t.elements.size(); ++i)
        if (!conforms(v.as_list()[i], t.elements[i])) return false;
      return true;
    case Type::map:
      if (!v.is_map()) return false;
      for (const model::Member& m : v.as_map())
        if (!conforms(m.value, t.elements[0])) return false;
      return true;
    case Type::object:
      if (!v.is_map()) return false;
      for (const auto& [name, ft] : t.fields)
        if (const Value* f = v.find(name); f && !conforms(*f, ft)) return false;
      return true;
    default: return true;
  }
}

// --- blocks -------------------------------------------------------------------

void Validator::count_and_for_each(const Block& b) {
  const Attribute* count = b.body.attribute("count");
  const Attribute* for_each = b.body.attribute("for_each");
  if (count && for_each)
    error(for_each->name_where, "count and for_each cannot be used together: a " + b.type + " takes one of them");
}

void Validator::provider_reference(const Attribute& a) {
  auto t = traversal(*a.expr);
  // "aws.west" in quotes: Terraform 0.11's form, still accepted with a warning.
  if (!t && a.expr->kind == ExprKind::literal && a.expr->literal.is_string()) {
    const std::string& text = a.expr->literal.as_string();
    size_t dot = text.find('.');
    t = std::vector<std::string>{text.substr(0, dot)};
    if (dot != std::string::npos) t->push_back(text.substr(dot + 1));
    if (t->back().empty() || text.find('.', dot == std::string::npos ? text.size() : dot + 1) != std::string::npos)
      t.reset();
    else
      config_.diagnostics.push_back(base::warning(
          "tf-config", a.expr->where,
          "quoted references are deprecated (Terraform 0.11's form): write provider = " + text + " without quotes"));
  }
  if (!t || t->empty() || t->size() > 2 || a.expr->kind == ExprKind::index) {
    error(a.expr->where, "provider takes a provider reference such as aws or aws.west");
    return;
  }
  if (!provider_local_name((*t)[0]))
    error(a.expr->where, "\"" + (*t)[0] + "\" is not a valid provider local name: lower-case letters, digits and "
                         "dashes, starting with a letter");
}

void Validator::conditions(const Block& r, const Block& lc, bool data) {
  std::string self_type = r.labels.size() == 2 ? r.labels[0] : "";
  std::string self_name = r.labels.size() == 2 ? r.labels[1] : "";
  for (const Block& c : lc.body.blocks) {
    if (c.type != "precondition" && c.type != "postcondition") continue;
    const Attribute* condition = c.body.attribute("condition");
    if (!condition) {
      error(c.where, c.type + " needs a condition argument");
      continue;
    }
    // A condition refers to the resource through self (postconditions) or not at all.
    for (const Attribute* a : {condition, c.body.attribute("error_message")}) {
      if (!a) continue;
      std::vector<std::pair<std::vector<std::string>, base::Location>> refs;
      references(*a->expr, refs);
      for (const auto& [ref, where] : refs) {
        bool itself = data ? ref.size() >= 3 && ref[0] == "data" && ref[1] == self_type && ref[2] == self_name
                           : ref.size() >= 2 && ref[0] == self_type && ref[1] == self_name;
        if (itself)
          error(where, "a " + c.type + " cannot refer to its own " + (data ? "data source" : "resource") +
                           " by name" + (c.type == "postcondition" ? "; use self" : ""));
      }
    }
  }
}

void Validator::lifecycle(const Block& r, const Block& lc, bool data) {
  conditions(r, lc, data);
  if (data) {
    for (const Attribute& a : lc.body.attributes)
      error(a.name_where, "a data source's lifecycle takes only precondition and postcondition blocks, not " + a.name);
    return;
  }
  for (const char* name : {"create_before_destroy", "prevent_destroy"}) {
    const Attribute* a = lc.body.attribute(name);
    if (a && a->expr->kind == ExprKind::literal && !a->expr->literal.is_bool())
      error(a->expr->where, std::string(name) + " takes true or false");
  }
  if (const Attribute* ic = lc.body.attribute("ignore_changes"); ic && ic->expr->kind == ExprKind::tuple) {
    bool all = false;
    for (const auto& item : ic->expr->children)
      all = all || (item->kind == ExprKind::literal && item->literal.is_string() && item->literal.as_string() == "*") ||
            (item->kind == ExprKind::variable && item->name == "all");
    if (all && ic->expr->children.size() > 1)
      error(ic->expr->where, "ignore_changes = [\"*\"] (or all) ignores every argument: it cannot be listed with others");
  }
  if (const Attribute* rt = lc.body.attribute("replace_triggered_by"); rt && rt->expr->kind == ExprKind::tuple) {
    for (const auto& item : rt->expr->children) {
      auto t = traversal(*item);
      if (!t) {
        error(item->where, "replace_triggered_by takes references to resources, not other expressions");
        continue;
      }
      std::vector<std::pair<std::vector<std::string>, base::Location>> refs;
      references(*item, refs);
      for (const auto& [ref, where] : refs)
        if (ref.size() >= 2 && ref[0] == "each" && ref[1] != "key" && ref[1] != "value")
          error(where, "each." + ref[1] + " is not an attribute of each: use each.key or each.value");
      if (t->size() < 2 && (*t)[0] != "self")
        error(item->where, "replace_triggered_by takes references to resources, not other expressions");
    }
  }
}

void Validator::resource(const Block& b, bool data) {
  if (b.labels.size() != 2) {
    error(b.where, "a " + b.type + " block takes two labels: its type and its name");
    return;
  }
  for (size_t i = 0; i < 2; ++i)
    if (!identifier(b.labels[i]))
      error(b.label_wheres[i], "\"" + b.labels[i] + "\" is not a valid " + (i == 0 ? "type" : "name") +
                                   ": letters, digits, underscores and dashes, starting with a letter or underscore");
  count_and_for_each(b);
  if (const Attribute* p = b.body.attribute("provider")) provider_reference(*p);
  for (const Block& inner : b.body.blocks) {
    if (inner.type == "locals") error(inner.where, "locals is a reserved block type name in a " + b.type + " block");
    if (inner.type == "lifecycle") lifecycle(b, inner, data);
  }
}

void Validator::provider(const Block& b) {
  if (b.labels.size() == 1 && !provider_local_name(b.labels[0]))
    error(b.label_wheres[0], "\"" + b.labels[0] + "\" is not a valid provider local name: lower-case letters, digits "
                             "and dashes, starting with a letter");
  for (const char* reserved : {"count", "depends_on", "for_each", "source"})
    if (const Attribute* a = b.body.attribute(reserved); a && !(tofu_ && a->name == "for_each"))  // OpenTofu 1.9+
      error(a->name_where, std::string(reserved) + " is reserved for a future version of Terraform: a provider block "
                           "cannot set it");
  for (const Block& inner : b.body.blocks)
    if (inner.type == "lifecycle" || inner.type == "locals")
      error(inner.where, inner.type + " is reserved for a future version of Terraform: a provider block cannot hold it");
}

void Validator::variable(const Block& b) {
  std::optional<Type> type;
  if (const Attribute* t = b.body.attribute("type")) {
    std::string problem;
    type = parse_type(*t->expr, problem);
    if (!type) error(t->expr->where, problem);
  }
  const Attribute* def = b.body.attribute("default");
  if (def && type) {
    Value v = evaluate_constant(*def->expr);
    if (!conforms(v, *type))
      error(def->expr->where, "the default value does not match the variable's type");
  }
  if (const Attribute* s = b.body.attribute("sensitive"); s && s->expr->kind == ExprKind::literal && !s->expr->literal.is_bool())
    error(s->expr->where, "sensitive takes true or false");
  if (const Attribute* n = b.body.attribute("nullable");
      n && n->expr->kind == ExprKind::literal && n->expr->literal.is_bool() && !n->expr->literal.as_bool() && def &&
      def->expr->kind == ExprKind::literal && def->expr->literal.is_null())
    error(def->expr->where, "a variable with nullable = false cannot default to null");
}

void Validator::module(const Block& b) {
  count_and_for_each(b);
  if (const Attribute* v = b.body.attribute("version"); v && v->expr->kind != ExprKind::literal)
    error(v->expr->where, "a module's version must be a literal string: Terraform reads it before any variable");
  if (const Attribute* s = b.body.attribute("source"); s && s->expr->kind != ExprKind::literal)
    error(s->expr->where, "a module's source must be a literal string: Terraform reads it before any variable");
}

void Validator::terraform(const Block& b, bool& required_providers, int& cloud, int& backend) {
  if (const Attribute* e = b.body.attribute("experiments");
      e && e->expr->kind == ExprKind::tuple && !e->expr->children.empty())
    error(e->expr->where, "experiments are only available in alpha releases of Terraform");
  for (const Block& inner : b.body.blocks) {
    if (inner.type == "required_providers") {
      if (required_providers)
        error(inner.where, "a module takes one required_providers block; another is declared in this module");
      required_providers = true;
    } else if (inner.type == "cloud") {
      if (++cloud > 1 || backend) error(inner.where, "a module takes one cloud or backend configuration");
    } else if (inner.type == "backend") {
      if (++backend > 1 || cloud) error(inner.where, "a module takes one cloud or backend configuration");
    } else if (inner.type == "provider_meta") {
      for (const Attribute& a : inner.body.attributes) {
        std::vector<std::pair<std::vector<std::string>, base::Location>> refs;
        references(*a.expr, refs);
        if (!refs.empty())
          error(refs.front().second, "provider_meta takes literal values: it is read before any variable or resource");
      }
    }
  }
}

void Validator::top_level(const Body& body) {
  static const std::set<std::string> kBlocks = {"terraform", "provider", "variable", "locals", "output", "module",
                                                "resource",  "data",     "moved",    "import", "check",  "removed",
                                                "ephemeral", "action"};
  for (const Attribute& a : body.attributes)
    error(a.name_where, "an argument named \"" + a.name + "\" is not expected at the top level of a configuration");
  for (const Block& b : body.blocks)
    if (!kBlocks.count(b.type)) error(b.where, "\"" + b.type + "\" is not a block type of Terraform configurations");
}

void Validator::run(bool merged) {
  if (merged) {
    // What an override can make wrong: a variable's default against its type.
    for (const ConfigFile& f : config_.files)
      for (const Block& b : f.body.blocks)
        if (b.type == "variable") variable(b);
    return;
  }
  for (const ConfigFile& f : config_.files)
    if (f.source && f.source->path().ends_with(".tofu")) tofu_ = true;
  bool required_providers = false;
  std::set<std::string> moved_from;
  std::vector<std::pair<std::string, base::Location>> imports;
  int cloud = 0, backend = 0;  // across the module's ordinary files
  for (const ConfigFile& f : config_.files) {
    bool override = f.source && is_override_file(f.source->path());
    top_level(f.body);
    int file_cloud = 0, file_backend = 0;  // an override file's replace the module's: counted alone
    for (const Block& b : f.body.blocks) {
      if (b.type == "resource" || b.type == "ephemeral") resource(b, false);
      else if (b.type == "data") resource(b, true);
      else if (b.type == "provider") provider(b);
      else if (b.type == "module") module(b);
      else if (b.type == "terraform") {
        bool ignored = false;
        terraform(b, override ? ignored : required_providers, override ? file_cloud : cloud,
                  override ? file_backend : backend);
      } else if (b.type == "moved" || b.type == "import") {
        const Attribute* a = b.body.attribute(b.type == "moved" ? "from" : "to");
        auto t = a ? traversal(*a->expr) : std::nullopt;
        if (!t) continue;
        std::string key;
        for (const std::string& s : *t) key += (key.empty() ? "" : ".") + s;
        if (b.type == "moved") moved_from.insert(key);
        else imports.emplace_back(key, a->expr->where);
      }
    }
  }
  for (const auto& [to, where] : imports)
    if (moved_from.count(to))
      error(where, "cannot import to " + to + ": a moved block moves it away (import to its new address)");
}

}  // namespace

void validate_config(ModuleConfig& config, bool merged) { Validator(config).run(merged); }

}  // namespace guardrail::adapt::terraform
