#include "adapt/terraform/config.hpp"

#include "adapt/terraform/validate.hpp"
#include "model/value.hpp"
#include "load/hcl/template_text.hpp"
#include "policy/builtin_pack.hpp"

#include <algorithm>

#include <map>
#include <set>

namespace guardrail::adapt::terraform {

using load::hcl::Attribute;
using load::hcl::ExprKind;
using load::hcl::ExprPtr;
using load::hcl::TemplatePart;

namespace {

/// The declaration of `key` in `decls`: searched when there are few (or no
/// index: a configuration built by hand), else looked up.
template <typename Decl, typename Match>
const Decl* declaration(const std::vector<Decl>& decls, const std::unordered_map<std::string, size_t>& positions,
                        const std::string& key, Match match) {
  if (decls.size() <= model::MapIndex::kLinear || positions.empty()) {
    for (const Decl& d : decls)
      if (match(d)) return &d;
    return nullptr;
  }
  auto it = positions.find(key);
  return it != positions.end() && it->second < decls.size() && match(decls[it->second]) ? &decls[it->second] : nullptr;
}

}  // namespace

const VariableDecl* ModuleConfig::variable(std::string_view name) const {
  return declaration(variables, positions, "var." + std::string(name),
                     [&](const VariableDecl& v) { return v.name == name; });
}
const LocalDecl* ModuleConfig::local(std::string_view name) const {
  return declaration(locals, positions, "local." + std::string(name), [&](const LocalDecl& l) { return l.name == name; });
}
const ResourceDecl* ModuleConfig::resource(bool data, std::string_view type, std::string_view name) const {
  return declaration(resources, positions, (data ? "data." : "") + std::string(type) + "." + std::string(name),
                     [&](const ResourceDecl& r) { return r.data == data && r.type == type && r.name == name; });
}
const ModuleCallDecl* ModuleConfig::module_call(std::string_view name) const {
  return declaration(module_calls, positions, "module." + std::string(name),
                     [&](const ModuleCallDecl& m) { return m.name == name; });
}
const OutputDecl* ModuleConfig::output(std::string_view name) const {
  return declaration(outputs, positions, "output." + std::string(name),
                     [&](const OutputDecl& o) { return o.name == name; });
}

/// override.tf, override.tf.json, *_override.tf, *_override.tf.json (and .tofu).
bool is_override_file(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1);
  for (std::string_view ext : {".tf", ".tf.json", ".tofu", ".tofu.json"}) {
    if (name.size() <= ext.size() || name.substr(name.size() - ext.size()) != ext) continue;
    std::string_view stem = name.substr(0, name.size() - ext.size());
    return stem == "override" || (stem.size() > 9 && stem.substr(stem.size() - 9) == "_override");
  }
  return false;
}

namespace {

/// One block's arguments and nested blocks over another's, as Terraform
/// merges an override: an argument replaces the argument of its name; the
/// nested blocks of a type replace all nested blocks of that type, except
/// `lifecycle`, whose arguments merge one by one.
void merge_body(Body& into, Body& over) {
  for (Attribute& a : over.attributes) {
    auto it = std::find_if(into.attributes.begin(), into.attributes.end(),
                           [&](const Attribute& x) { return x.name == a.name; });
    if (it != into.attributes.end()) *it = std::move(a);
    else into.attributes.push_back(std::move(a));
  }
  std::set<std::string> replaced;
  for (Block& b : over.blocks) {
    if (b.type == "lifecycle") {
      auto it = std::find_if(into.blocks.begin(), into.blocks.end(), [](const Block& x) { return x.type == "lifecycle"; });
      if (it != into.blocks.end()) {
        merge_body(it->body, b.body);
        continue;
      }
    } else if (replaced.insert(b.type).second) {
      std::erase_if(into.blocks, [&](const Block& x) { return x.type == b.type; });
    }
    into.blocks.push_back(std::move(b));
  }
}

/// The identity of a top-level block for overriding: its type and labels;
/// a provider's alias too.
std::string block_key(const Block& b) {
  std::string key = b.type;
  for (const std::string& l : b.labels) key += "\x1f" + l;
  if (b.type == "provider")
    if (const Attribute* a = b.body.attribute("alias"); a && a->expr->kind == ExprKind::literal && a->expr->literal.is_string())
      key += "\x1f" "alias=" + a->expr->literal.as_string();
  return key;
}

/// Merges the override files of a module into its other files and takes
/// them out of `config.files` (Terraform's "Override Files": applied after
/// every ordinary file, in name order). A block that overrides nothing is an
/// error, as in Terraform.
void apply_overrides(ModuleConfig& config) {
  std::vector<ConfigFile> overrides;
  std::vector<ConfigFile> primary;
  for (ConfigFile& f : config.files) (f.source && is_override_file(f.source->path()) ? overrides : primary).push_back(std::move(f));
  if (overrides.empty()) {
    config.files = std::move(primary);
    return;
  }
  std::sort(overrides.begin(), overrides.end(),
            [](const ConfigFile& a, const ConfigFile& b) { return a.source->path() < b.source->path(); });
  for (ConfigFile& o : overrides) {
    for (Block& b : o.body.blocks) {
      if (b.type == "locals") {
        // Each local value replaces the one of its name, wherever it was declared.
        for (Attribute& a : b.body.attributes) {
          Attribute* target = nullptr;
          for (ConfigFile& f : primary)
            for (Block& x : f.body.blocks)
              if (x.type == "locals")
                for (Attribute& y : x.body.attributes)
                  if (y.name == a.name) target = &y;
          if (target) *target = std::move(a);
          else config.diagnostics.push_back(base::error("tf-override", a.name_where,
                                                        "local value \"" + a.name + "\" overrides nothing: it is "
                                                        "declared in no other file of this module"));
        }
        continue;
      }
      std::string key = block_key(b);
      Block* target = nullptr;
      for (ConfigFile& f : primary)
        for (Block& x : f.body.blocks)
          if (!target && block_key(x) == key) target = &x;
      if (target) {
        merge_body(target->body, b.body);
      } else if (b.type == "terraform") {
        // A terraform block may stand in an override file alone.
        if (!primary.empty()) primary.front().body.blocks.push_back(std::move(b));
      } else {
        std::string what = b.type;
        for (const std::string& l : b.labels) what += " \"" + l + "\"";
        config.diagnostics.push_back(base::error("tf-override", b.where,
                                                 what + " overrides nothing: no other file of this module declares it"));
      }
    }
  }
  config.files = std::move(primary);
  for (ConfigFile& o : overrides) config.override_files.push_back(std::move(o));
}

}  // namespace

void index_config(ModuleConfig& config) {
  validate_config(config, false);
  apply_overrides(config);
  validate_config(config, true);
  std::map<std::string, base::Location> seen;
  config.positions.clear();
  // Records `key` at the position its declaration is about to take.
  auto at = [&](const std::string& key, size_t position) { config.positions.emplace(key, position); };
  auto unique = [&](const std::string& key, const base::Location& where, const std::string& what) {
    auto [it, fresh] = seen.emplace(key, where);
    if (!fresh)
      config.diagnostics.push_back(base::error(
          "tf-config", where,
          what + " is declared twice (also at " + std::string(it->second.file) + ":" +
              std::to_string(it->second.line) + ")"));
    return fresh;
  };
  for (const ConfigFile& file : config.files) {
    for (const Block& b : file.body.blocks) {
      const std::string& t = b.type;
      if (t == "variable" && b.labels.size() == 1) {
        if (!unique("var." + b.labels[0], b.where, "variable \"" + b.labels[0] + "\"")) continue;
        VariableDecl v{b.labels[0], &b, nullptr, false};
        if (const Attribute* d = b.body.attribute("default")) v.default_expr = d->expr.get();
        if (const Attribute* s = b.body.attribute("sensitive"); s && s->expr->kind == ExprKind::literal)
          v.sensitive = s->expr->literal.is_bool() && s->expr->literal.as_bool();
        if (const Attribute* n = b.body.attribute("nullable"); n && n->expr->kind == ExprKind::literal)
          v.nullable = !(n->expr->literal.is_bool() && !n->expr->literal.as_bool());
        at("var." + b.labels[0], config.variables.size());
        config.variables.push_back(v);
      } else if (t == "locals") {
        for (const Attribute& a : b.body.attributes)
          if (unique("local." + a.name, a.name_where, "local value \"" + a.name + "\"")) {
            at("local." + a.name, config.locals.size());
            config.locals.push_back({a.name, &a});
          }
      } else if ((t == "resource" || t == "data") && b.labels.size() == 2) {
        bool data = t == "data";
        std::string key = (data ? "data." : "") + b.labels[0] + "." + b.labels[1];
        if (unique(key, b.where, t + " \"" + b.labels[0] + "\" \"" + b.labels[1] + "\"")) {
          at(key, config.resources.size());
          config.resources.push_back({data, b.labels[0], b.labels[1], &b});
        }
      } else if (t == "module" && b.labels.size() == 1) {
        if (!unique("module." + b.labels[0], b.where, "module \"" + b.labels[0] + "\"")) continue;
        std::string source;
        if (const Attribute* s = b.body.attribute("source"); s && s->expr->kind == ExprKind::literal &&
                                                              s->expr->literal.is_string())
          source = s->expr->literal.as_string();
        at("module." + b.labels[0], config.module_calls.size());
        config.module_calls.push_back({b.labels[0], source, &b});
      } else if (t == "output" && b.labels.size() == 1) {
        if (!unique("output." + b.labels[0], b.where, "output \"" + b.labels[0] + "\"")) continue;
        const Attribute* v = b.body.attribute("value");
        at("output." + b.labels[0], config.outputs.size());
        config.outputs.push_back({b.labels[0], v ? v->expr.get() : nullptr});
      } else if (t == "provider" && b.labels.size() == 1) {
        std::string alias;
        if (const Attribute* a = b.body.attribute("alias"); a && a->expr->kind == ExprKind::literal &&
                                                           a->expr->literal.is_string())
          alias = a->expr->literal.as_string();
        config.providers.push_back({b.labels[0], alias, &b});
      }
    }
  }
}

namespace {

/// Labels each top-level block type takes in Terraform's JSON syntax.
int label_count(std::string_view type) {
  if (type == "resource" || type == "data" || type == "ephemeral") return 2;
  if (type == "variable" || type == "output" || type == "module" || type == "provider") return 1;
  return 0;
}

/// The nested block names of a provider type ("aws_eks_cluster",
/// "data.aws_iam_policy_document", "provider.aws"), from the provider's
/// schema (data/terraform-blocks.tsv): Terraform's JSON syntax writes a block
/// and an object attribute alike, and only the schema tells them apart.
const std::set<std::string_view>* schema_blocks(std::string_view type) {
  static const std::map<std::string_view, std::set<std::string_view>> kBlocks = [] {
    std::map<std::string_view, std::set<std::string_view>> out;
    std::string_view text = policy::builtin_file("data/terraform-blocks.tsv");
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      size_t tab = line.find('\t');
      if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
      std::set<std::string_view>& names = out[line.substr(0, tab)];
      for (size_t from = tab + 1; from <= line.size();) {
        size_t comma = line.find(',', from);
        if (comma == std::string_view::npos) comma = line.size();
        if (comma > from) names.insert(line.substr(from, comma - from));
        from = comma + 1;
      }
    }
    return out;
  }();
  auto it = kBlocks.find(type);
  return it == kBlocks.end() ? nullptr : &it->second;
}

/// Builds the body of a `.tf.json` file as the native syntax's parser would
/// (https://developer.hashicorp.com/terraform/language/syntax/json).
class JsonConverter {
 public:
  JsonConverter(const base::SourceFile& file, std::vector<std::unique_ptr<base::SourceFile>>& owned,
                base::Diagnostics& diagnostics)
      : file_(file), owned_(owned), diagnostics_(diagnostics) {}

  /// What a body is the body of: which of its members are blocks.
  struct Context {
    std::string_view kind;                         // the top-level block type: "resource", "variable", …
    const std::set<std::string_view>* schema = nullptr;  // the provider type's nested blocks
    bool top = false;                              // the block's own body, not a nested block's
  };

  ExprPtr expr(const model::Value& v) {
    auto e = std::make_unique<Expr>();
    e->where = v.location();
    if (v.is_list()) {
      e->kind = ExprKind::tuple;
      for (const model::Value& item : v.as_list()) e->children.push_back(expr(item));
      return e;
    }
    if (v.is_map()) {
      e->kind = ExprKind::object;
      for (const model::Member& m : v.as_map()) {
        auto k = std::make_unique<Expr>();
        k->where = m.key_location;
        k->literal = model::Value::string(m.key, m.key_location);
        e->children.push_back(std::move(k));
        e->children.push_back(expr(m.value));
      }
      return e;
    }
    if (v.is_string() && (v.as_string().find("${") != std::string::npos || v.as_string().find("%{") != std::string::npos))
      return template_expr(v);
    e->kind = ExprKind::literal;
    e->literal = v;
    return e;
  }

  /// A JSON string is a template whose literal text is taken as it is (JSON
  /// has unescaped it already) and whose interpolations are native syntax,
  /// quotes and all.
  ExprPtr template_expr(const model::Value& v) {
    base::Diagnostics problems;
    ExprPtr parsed = load::hcl::parse_template_text(v.as_string(), std::string(file_.path()), v.location(), problems);
    if (!parsed) return invalid(v, "this string is not a valid template");
    // As a quoted template: one interpolation is its expression ("${var.ports}" is the list).
    if (parsed->kind == ExprKind::template_ && parsed->parts.size() == 1 &&
        parsed->parts[0].kind == TemplatePart::Kind::interpolation)
      parsed = std::move(parsed->parts[0].expr);
    return parsed;
  }

  /// A string that holds an expression, not a template: a variable's type
  /// ("map(string)"), a provider reference ("aws.west"), depends_on's
  /// references.
  ExprPtr raw_expr(const model::Value& v) {
    if (!v.is_string()) return expr(v);
    owned_.push_back(std::make_unique<base::SourceFile>(std::string(file_.path()), v.as_string()));
    base::Diagnostics problems;
    ExprPtr parsed = load::hcl::parse_expression(*owned_.back(), problems);
    if (!parsed || base::has_errors(problems)) return invalid(v, "this string is not a valid expression");
    load::hcl::relocate(*parsed, v.location());
    return parsed;
  }

  ExprPtr invalid(const model::Value& v, const std::string& what) {
    diagnostics_.push_back(base::error("tf-json", v.location(), what + " in Terraform's JSON syntax"));
    auto e = std::make_unique<Expr>();
    e->where = v.location();
    e->kind = ExprKind::literal;
    e->literal = model::Value::unknown("an invalid expression", v.location());
    return e;
  }

  /// The file's top level: every member is a block type.
  Body top(const model::Value& object) {
    Body b;
    if (!object.is_map()) return b;
    for (const model::Member& m : object.as_map()) {
      if (m.key == "//") continue;  // a comment in Terraform's JSON syntax, at any level
      int labels = label_count(m.key);
      bool block = labels > 0 || m.key == "locals" || m.key == "terraform" || m.key == "moved" ||
                   m.key == "import" || m.key == "check" || m.key == "removed";
      if (!block) {
        attribute(b, m, false);
        continue;
      }
      add_blocks(b, m.key, m.key_location, m.value, labels, {}, Context{m.key, nullptr, true});
    }
    return b;
  }

  Body body(const model::Value& object, const Context& ctx) {
    Body b;
    if (!object.is_map()) return b;
    for (const model::Member& m : object.as_map()) {
      if (m.key == "//") continue;
      const model::Value& v = m.value;
      bool objects = v.is_map() || (v.is_list() && v.size() > 0 &&
                                    std::all_of(v.as_list().begin(), v.as_list().end(),
                                                [](const model::Value& x) { return x.is_map(); }));
      bool resource_like = ctx.kind == "resource" || ctx.kind == "data" || ctx.kind == "ephemeral";
      // Meta-arguments and Terraform's own nested blocks.
      if (resource_like && ctx.top && m.key == "lifecycle" && objects) {
        add_blocks(b, m.key, m.key_location, v, 0, {}, Context{"lifecycle", nullptr, true});
      } else if (resource_like && ctx.top && m.key == "provisioner" && v.is_map()) {
        add_blocks(b, m.key, m.key_location, v, 1, {}, Context{"provisioner", nullptr, true});
      } else if (resource_like && m.key == "dynamic" && v.is_map()) {
        add_blocks(b, m.key, m.key_location, v, 1, {}, Context{"dynamic", ctx.schema, true});
      } else if (ctx.kind == "dynamic" && ctx.top && m.key == "content" && objects) {
        add_blocks(b, m.key, m.key_location, v, 0, {}, Context{"content", ctx.schema, true});
      } else if (((ctx.kind == "lifecycle" && (m.key == "precondition" || m.key == "postcondition")) ||
                  (ctx.kind == "provisioner" && m.key == "connection") ||
                  (resource_like && ctx.top && m.key == "connection") ||
                  (ctx.kind == "variable" && m.key == "validation") ||
                  (ctx.kind == "output" && m.key == "precondition") ||
                  (ctx.kind == "check" && m.key == "assert") ||
                  (ctx.kind == "removed" && m.key == "lifecycle") ||
                  (ctx.kind == "terraform" && (m.key == "required_providers" || m.key == "cloud"))) &&
                 objects) {
        add_blocks(b, m.key, m.key_location, v, 0, {}, Context{m.key, nullptr, true});
      } else if (ctx.kind == "terraform" && (m.key == "backend" || m.key == "provider_meta") && v.is_map()) {
        add_blocks(b, m.key, m.key_location, v, 1, {}, Context{m.key, nullptr, true});
      } else if (ctx.kind == "check" && m.key == "data" && v.is_map()) {
        add_blocks(b, m.key, m.key_location, v, 2, {}, Context{"data", nullptr, true});
      } else if (ctx.schema && objects && ctx.schema->count(m.key)) {
        // A nested block of the provider's schema: one object, or a list of them.
        add_blocks(b, m.key, m.key_location, v, 0, {}, Context{ctx.kind, ctx.schema, false});
      } else {
        bool raw = (ctx.kind == "variable" && m.key == "type") ||
                   (resource_like && ctx.top && (m.key == "provider" || m.key == "depends_on")) ||
                   (ctx.kind == "module" && (m.key == "providers" || m.key == "depends_on")) ||
                   (ctx.kind == "output" && m.key == "depends_on") ||
                   (ctx.kind == "lifecycle" && (m.key == "ignore_changes" || m.key == "replace_triggered_by")) ||
                   ((ctx.kind == "moved" || ctx.kind == "removed") && (m.key == "from" || m.key == "to")) ||
                   (ctx.kind == "import" && m.key == "to");
        attribute(b, m, raw);
      }
    }
    return b;
  }

  void attribute(Body& b, const model::Member& m, bool raw) {
    load::hcl::Attribute a;
    a.name = m.key;
    a.name_where = m.key_location;
    if (!raw) {
      a.expr = expr(m.value);
    } else if (m.value.is_list()) {  // ["aws_s3_bucket.a", "module.b"]
      a.expr = std::make_unique<Expr>();
      a.expr->kind = ExprKind::tuple;
      a.expr->where = m.value.location();
      for (const model::Value& item : m.value.as_list()) a.expr->children.push_back(raw_expr(item));
    } else if (m.value.is_map()) {  // providers = {aws = "aws.west"}
      a.expr = std::make_unique<Expr>();
      a.expr->kind = ExprKind::object;
      a.expr->where = m.value.location();
      for (const model::Member& p : m.value.as_map()) {
        auto k = std::make_unique<Expr>();
        k->where = p.key_location;
        k->literal = model::Value::string(p.key, p.key_location);
        a.expr->children.push_back(std::move(k));
        a.expr->children.push_back(raw_expr(p.value));
      }
    } else {
      a.expr = raw_expr(m.value);
    }
    a.where = base::span(m.key_location, m.value.location());
    b.attributes.push_back(std::move(a));
  }

  void add_blocks(Body& b, const std::string& type, const base::Location& where, const model::Value& v, int labels,
                  std::vector<std::string> got, Context ctx) {
    if (labels > 0 && v.is_map()) {
      for (const model::Member& m : v.as_map()) {
        if (m.key == "//") continue;
        auto next = got;
        next.push_back(m.key);
        add_blocks(b, type, m.key_location, m.value, labels - 1, next, ctx);
      }
      return;
    }
    // The provider type's schema, once its labels are known.
    if (got.size() == 2 && (ctx.kind == "resource" || ctx.kind == "ephemeral")) ctx.schema = schema_blocks(got[0]);
    if (got.size() == 2 && ctx.kind == "data") ctx.schema = schema_blocks("data." + got[0]);
    if (got.size() == 1 && ctx.kind == "provider") ctx.schema = schema_blocks("provider." + got[0]);
    auto add = [&](const model::Value& content) {
      Block blk;
      blk.type = type;
      blk.labels = got;
      blk.label_wheres.assign(got.size(), where);
      blk.where = base::span(where, content.location());
      blk.body = body(content, ctx);
      b.blocks.push_back(std::move(blk));
    };
    if (v.is_list())
      for (const model::Value& item : v.as_list()) add(item);
    else
      add(v);
  }

 private:
  const base::SourceFile& file_;
  std::vector<std::unique_ptr<base::SourceFile>>& owned_;
  base::Diagnostics& diagnostics_;
};

}  // namespace

load::hcl::Body json_config_body(const model::Value& document, const base::SourceFile& file,
                                 std::vector<std::unique_ptr<base::SourceFile>>& owned,
                                 base::Diagnostics& diagnostics) {
  JsonConverter cv(file, owned, diagnostics);
  return cv.top(document);
}

std::optional<std::vector<std::string>> traversal(const Expr& e) {
  if (e.kind == ExprKind::variable) return std::vector<std::string>{e.name};
  if (e.kind == ExprKind::get_attr) {
    auto base = traversal(*e.children[0]);
    if (base) base->push_back(e.name);
    return base;
  }
  if (e.kind == ExprKind::index) return traversal(*e.children[0]);
  if (e.kind == ExprKind::splat) return traversal(*e.children[0]);
  return std::nullopt;
}

}  // namespace guardrail::adapt::terraform
