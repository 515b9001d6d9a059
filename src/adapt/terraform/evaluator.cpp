// Terraform evaluation without providers.
//
// Computed like `terraform plan` would: variables (defaults, tfvars, --var),
// locals in dependency order (cycles reported), count and for_each with
// count.index and each.key/value, dynamic blocks, the built-in functions of
// functions.cpp, for expressions, splats, conditionals, local and downloaded
// modules (module.NAME.TYPE.NAME[KEY]), provider region, account
// (allowed_account_ids, assume_role) and default_tags, and the data sources
// Terraform computes locally: aws_iam_policy_document (rendered to its JSON),
// aws_region, aws_partition, aws_availability_zones (the region's zones).
// Left unknown: attributes only the provider knows (an `id`, an `arn`), which
// stay references to their resource so joins work; other data sources
// (references to something outside the scan); values of functions that read
// the clock, hash or fetch.
#include "adapt/terraform/evaluator.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "adapt/aws_regions.hpp"
#include "adapt/terraform/functions.hpp"
#include "base/intern.hpp"
#include "base/numeric.hpp"
#include "load/json_loader.hpp"
#include "model/encoded.hpp"
#include "load/hcl/template_text.hpp"
#include "load/limits.hpp"

namespace guardrail::adapt::terraform {
namespace {

namespace fs = std::filesystem;

/// The warning for a count above instances-per-resource: count = 1e9 is a
/// typo or an attack, and only that many instances are evaluated.
base::Diagnostic too_many(const model::Location& where, int64_t count, int64_t evaluated) {
  return base::warning("tf-count", where,
                       "count is " + std::to_string(count) + ": only the first " + std::to_string(evaluated) +
                           " instances are checked" + load::kRaise + "instances-per-resource=" +
                           std::to_string(count) + ")");
}

using load::hcl::Attribute;
using load::hcl::ExprKind;
using load::hcl::TemplatePart;
using model::Value;

/// The member of a resource instance object that names it: reading an
/// attribute the configuration does not set gives a reference to it.
const char* const kSelf = "\x01self";

/// Local names bound by for expressions, count, each, dynamic iterators.
struct Scope {
  const Scope* parent = nullptr;
  std::string name;
  Value value;
  const Value* find(std::string_view n) const {
    for (const Scope* s = this; s; s = s->parent)
      if (s->name == n) return &s->value;
    return nullptr;
  }
};

std::string key_text(const Value& key) {
  if (key.is_string()) {
    std::string out = "[\"";
    for (char c : key.as_string()) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"]";
  }
  if (key.is_number()) return "[" + text_of(key) + "]";
  return "";
}

struct ProviderConfig {
  Value region;        // string or unknown
  std::string account;
  Value default_tags;  // map or null
};
using Providers = std::map<std::string, ProviderConfig>;  // "aws", "aws.west"

/// Availability zones AWS shows a new account in each region (zone letters).
Value zones_of(const Value& region, const base::Location& where) {
  if (!region.is_string()) return Value::unknown("", where);
  return availability_zones(region.as_string(), where);
}

class Root;

class ModuleInstance {
 public:
  ModuleInstance(Root& root, const ModuleConfig& cfg, std::string prefix, std::map<std::string, Value> inputs,
                 Providers providers, std::string modules_key)
      : root_(root), cfg_(cfg), prefix_(std::move(prefix)), inputs_(std::move(inputs)),
        providers_(std::move(providers)), modules_key_(std::move(modules_key)) {
    for (const ProviderDecl& p : cfg_.providers) configure_provider(p);
  }

  Value eval(const Expr& e, const Scope* scope);
  /// eval() for a whole expression of the configuration: what Terraform
  /// would reject (a function given the wrong type) is unknown here.
  Value eval_safe(const Expr& e, const Scope* scope);
  Value eval_step(const Expr& e, const Scope* scope);
  void evaluate_all();
  Value outputs();
  /// Appends this instance's resources (and its children's). `call_site` is
  /// the root module's module block that leads here (null in the root).
  void collect(std::vector<model::Resource>& out, const base::Location* call_site = nullptr);

 private:
  struct Instance {
    std::string address;
    Value key;         // count index or each key; null when the resource has neither
    Value each_value;  // each.value
    bool has_each = false, has_count = false;
    Value attrs;
    int state = 0;  // 0 not evaluated, 1 evaluating, 2 done
  };
  struct ResourceState {
    const ResourceDecl* decl = nullptr;
    int expanded = 0;  // 0 no, 1 expanding, 2 done
    enum Mode { single, counted, keyed, unknown } mode = single;
    std::vector<Instance> instances;
  };
  struct CallState {
    const ModuleCallDecl* decl = nullptr;
    int expanded = 0;
    ResourceState::Mode mode = ResourceState::single;
    std::vector<std::pair<Value, std::unique_ptr<ModuleInstance>>> instances;
    bool missing = false;
  };

  void configure_provider(const ProviderDecl& p);
  const ProviderConfig* provider_for(const ResourceDecl& decl, const Body& body);
  Value variable(const std::string& name, const base::Location& where);
  Value conform(const Value& v, const Expr& type);
  Value local(const std::string& name, const base::Location& where);
  ResourceState& resource_state(const ResourceDecl& decl);
  void expand(ResourceState& s);
  Value instance_value(ResourceState& s, Instance& inst);
  Value resource_value(bool data, const std::string& type, const std::string& name, const base::Location& where);
  CallState* call_state(const std::string& name);
  void expand_call(CallState& c);
  Value module_value(const std::string& name, const base::Location& where);
  Value eval_body(const Body& body, const Scope* scope, bool resource_top);
  void add_dynamic(Value& out, const Block& b, const Scope* scope);
  Value eval_template(const std::vector<TemplatePart>& parts, const Scope* scope, const base::Location& where,
                      bool& known);
  Value access(const Value& base, const Value& key, const base::Location& where, bool attr);
  Value splat(const Value& base, const std::vector<load::hcl::Step>& steps, size_t from, const Scope* scope,
              const base::Location& where);
  Value call(const Expr& e, const Scope* scope);
  Value templatefile(std::vector<Value>& args, const std::string& disk_dir, const base::Location& where);
  Value binary(const Expr& e, const Scope* scope);
  Value for_expr(const Expr& e, const Scope* scope);
  Value policy_document(const Value& attrs, const base::Location& where);
  Value data_value(const ResourceDecl& decl, const Value& attrs, const std::string& address,
                   const ProviderConfig* provider, const base::Location& where);

  Root& root_;
  const ModuleConfig& cfg_;
  std::string prefix_;  // "" or "module.net." or "module.net[0]."
  std::map<std::string, Value> inputs_;
  Providers providers_;
  std::string modules_key_;  // "net" or "net.subnets": the key of modules.json
  std::map<std::string, Value> locals_;
  std::set<std::string> locals_evaluating_;
  std::map<const ResourceDecl*, ResourceState> resources_;
  std::map<std::string, CallState> calls_;
  std::map<std::string, Value> variables_;
};

class Root {
 public:
  Root(const ModuleConfig& root, const VariableInputs& inputs, const ModuleLoader& loader,
       const std::string& origin = {}, const ExternalNames* external = nullptr)
      : root_cfg_(root), inputs_(inputs), loader_(loader), origin_(origin.empty() ? root.dir : origin),
        external_(external) {
    uint64_t bytes = 0;
    for (const ConfigFile& f : root.files)
      if (f.source) bytes += f.source->text().size();
    const load::Limits& bounds = load::limits();
    own_budget_.limit = bounds.eval_steps_base + bounds.eval_steps_per_byte * bytes;
    max_instances = static_cast<int64_t>(std::min<uint64_t>(bounds.instances_per_resource, INT64_MAX));
  }

  Evaluation run();

  const ModuleLoader& loader() const { return loader_; }
  const ModuleConfig& root_config() const { return root_cfg_; }
  /// The folder that decides the resources' environment.
  const std::string& origin() const { return origin_; }
  /// Names beyond a module's (Terragrunt's), or nullptr.
  const ExternalNames* external() const { return external_; }
  base::Diagnostics& diagnostics() { return out_.diagnostics; }
  void used_module(const std::string& dir) { out_.module_dirs.push_back(dir); }
  int depth = 0;
  /// Instances of one resource or module call evaluated (instances-per-resource).
  int64_t max_instances = 10000;
  /// Expressions being evaluated, nested (a chain of locals is a chain of
  /// calls); an external configuration's budget counts them across its
  /// expressions.
  int& eval_depth() { return budget().depth; }

  /// Counts `units` of evaluation work; past the budget (load/limits, scaled
  /// by the size of the root's files) every further step fails, so that no
  /// configuration can make the evaluation take unbounded time or memory.
  void charge(uint64_t units, const base::Location& where) {
    if (!spend(units, where)) throw EvalError("the evaluation budget is exhausted");
  }
  /// The same without throwing: false once the budget is spent.
  bool spend(uint64_t units, const base::Location& where) {
    ExternalNames::Budget& b = budget();
    b.spent += units;
    if (b.spent <= b.limit) return true;
    if (!b.exhausted) {
      b.exhausted = true;
      base::Diagnostics& sink = b.diagnostics ? *b.diagnostics : out_.diagnostics;
      sink.push_back(base::error(
          "tf-budget", where,
          "evaluation stopped here: this configuration needs more than " + std::to_string(b.limit) +
              " evaluation steps (an expansion bomb?); the values not yet evaluated are unknown" + load::kRaise +
              "eval-steps-per-byte=N)"));
    }
    return false;
  }
  /// modules.json of the root: module key -> folder of a downloaded module.
  std::string downloaded(const std::string& key);
  std::set<std::string> warned;

 private:
  const ModuleConfig& root_cfg_;
  const VariableInputs& inputs_;
  const ModuleLoader& loader_;
  std::string origin_;
  const ExternalNames* external_;
  /// The steps and nesting spent: an external configuration's (a Terragrunt
  /// unit's, shared by all its expressions), else this root's own.
  ExternalNames::Budget& budget() { return external_ && external_->budget ? *external_->budget : own_budget_; }

  Evaluation out_;
  ExternalNames::Budget own_budget_;  // its diagnostics: out_'s
  bool modules_json_read_ = false;
  std::map<std::string, std::string> modules_json_;
};

std::string Root::downloaded(const std::string& key) {
  if (!modules_json_read_) {
    modules_json_read_ = true;
    fs::path p = fs::path(root_cfg_.disk_dir) / ".terraform/modules/modules.json";
    base::FileRead read = load::read_document(p.string());
    if (read.ok()) {
      base::SourceFile src(p.string(), std::move(read.bytes));
      load::Documents docs = load::load_json(src);
      if (!docs.documents.empty())
        if (const Value* mods = docs.documents[0].find("Modules"); mods && mods->is_list())
          for (const Value& m : mods->as_list()) {
            const Value* k = m.find("Key");
            const Value* d = m.find("Dir");
            if (k && d && k->is_string() && d->is_string())
              modules_json_[k->as_string()] = (fs::path(root_cfg_.disk_dir) / d->as_string()).lexically_normal().string();
          }
    }
  }
  auto it = modules_json_.find(key);
  return it == modules_json_.end() ? std::string() : it->second;
}

void ModuleInstance::configure_provider(const ProviderDecl& p) {
  ProviderConfig c;
  Value body = eval_body(p.block->body, nullptr, false);
  if (const Value* r = body.find("region")) c.region = *r;
  // An AWS provider's placeholder (REPLACE_ME_WITH_AWS_REGION) is no region:
  // Terraform rejects it when it plans, and no resource is in it. Other
  // providers name their regions their own way (google's us-central1).
  static const RE2 kRegionLike("[a-z]{2,5}(-[a-z]+){1,3}-[0-9]{1,2}");
  if (p.name == "aws" && c.region.is_string() && !RE2::FullMatch(c.region.as_string(), kRegionLike)) {
    root_.diagnostics().push_back(base::warning("tf-config", c.region.location(),
                                                "\"" + c.region.as_string() +
                                                    "\" is not an AWS region: the provider's resources are in no "
                                                    "known region (Terraform rejects it at plan)"));
    c.region = Value::unknown("the provider's region is not a region name", c.region.location());
  }
  if (const Value* ids = body.find("allowed_account_ids"); ids && ids->is_list() && !ids->as_list().empty() &&
                                                            ids->as_list()[0].is_string())
    c.account = ids->as_list()[0].as_string();
  if (const Value* roles = body.find("assume_role"); roles && roles->is_list() && !roles->as_list().empty()) {
    if (const Value* arn = roles->as_list()[0].find("role_arn"); arn && arn->is_string()) {
      // arn:aws:iam::222222222222:role/x
      const std::string& a = arn->as_string();
      size_t p4 = 0;
      for (int i = 0; i < 4 && p4 != std::string::npos; ++i) p4 = a.find(':', p4 + 1);
      if (p4 != std::string::npos) {
        size_t p5 = a.find(':', p4 + 1);
        if (p5 != std::string::npos && p5 - p4 - 1 == 12) c.account = a.substr(p4 + 1, 12);
      }
    }
  }
  if (const Value* dt = body.find("default_tags"); dt && dt->is_list() && !dt->as_list().empty())
    if (const Value* tags = dt->as_list()[0].find("tags")) c.default_tags = *tags;
  providers_[p.alias.empty() ? p.name : p.name + "." + p.alias] = std::move(c);
}

const ProviderConfig* ModuleInstance::provider_for(const ResourceDecl& decl, const Body& body) {
  std::string name = decl.type.substr(0, decl.type.find('_'));
  if (const Attribute* p = body.attribute("provider")) {
    // provider = aws.west: a traversal, not a value.
    const Expr* e = p->expr.get();
    if (e->kind == ExprKind::get_attr && e->children[0]->kind == ExprKind::variable)
      name = e->children[0]->name + "." + e->name;
    else if (e->kind == ExprKind::variable)
      name = e->name;
    else if (e->kind == ExprKind::literal && e->literal.is_string())
      name = e->literal.as_string();  // "aws.west": the deprecated quoted form
  }
  auto it = providers_.find(name);
  return it == providers_.end() ? nullptr : &it->second;
}

Value ModuleInstance::variable(const std::string& name, const base::Location& where) {
  auto cached = variables_.find(name);
  if (cached != variables_.end()) return cached->second;
  Value v;
  auto in = inputs_.find(name);
  const VariableDecl* decl = cfg_.variable(name);
  // A null given to a variable that is not nullable takes its default.
  if (in != inputs_.end() && !(in->second.is_null() && decl && !decl->nullable && decl->default_expr)) {
    v = in->second;
  } else if (decl && decl->default_expr) {
    v = eval_safe(*decl->default_expr, nullptr);
  } else if (decl) {
    // Terraform would prompt for it.
    v = Value::unknown("var." + name + " has no value (no default, -var or .tfvars)", where);
  } else {
    v = Value::unknown("var." + name + " is not declared", where);
  }
  if (decl && decl->block)
    if (const load::hcl::Attribute* type = decl->block->body.attribute("type"); type && type->expr)
      v = conform(v, *type->expr);
  variables_[name] = v;
  return v;
}

/// A value converted to a variable's type as Terraform converts it, for what
/// rules read: an object type's optional attributes that the value lacks are
/// added, null or their default (`optional(map(string), {})`), at any depth
/// of maps, lists and objects. Anything else is left as it is.
Value ModuleInstance::conform(const Value& v, const Expr& type) {
  if (type.kind != ExprKind::call || type.children.empty()) return v;
  const Expr& inner = *type.children[0];
  if ((type.name == "map" && v.is_map()) || ((type.name == "list" || type.name == "set") && v.is_list())) {
    Value out = v;
    if (out.is_map())
      for (model::Member& m : out.as_map()) m.value = conform(m.value, inner);
    else
      for (Value& item : out.as_list()) item = conform(item, inner);
    if (type.name == "set") {
      // A set of strings is in their order, as toset() makes it.
      model::List& items = out.as_list();
      if (std::all_of(items.begin(), items.end(), [](const Value& x) { return x.is_string(); }))
        std::stable_sort(items.begin(), items.end(),
                         [](const Value& x, const Value& y) { return x.as_string() < y.as_string(); });
      out.set_tag(kSetTag);
    }
    return out;
  }
  if (type.name != "object" || !v.is_map() || inner.kind != ExprKind::object) return v;
  Value out = v;
  for (size_t i = 0; i + 1 < inner.children.size(); i += 2) {
    const Expr& key = *inner.children[i];
    std::string name = key.kind == ExprKind::variable ? key.name
                       : key.literal.is_string()     ? key.literal.as_string()
                                                     : std::string();
    if (name.empty()) continue;
    const Expr& attribute = *inner.children[i + 1];
    bool optional = attribute.kind == ExprKind::call && attribute.name == "optional" && !attribute.children.empty();
    const Expr& attribute_type = optional ? *attribute.children[0] : attribute;
    auto& members = out.as_map();
    auto present = std::find_if(members.begin(), members.end(), [&](const model::Member& m) { return m.key == name; });
    if (present != members.end()) {
      present->value = conform(present->value, attribute_type);
    } else if (optional) {
      Value fallback = attribute.children.size() > 1 ? eval_safe(*attribute.children[1], nullptr) : Value(v.location());
      out.set(name, conform(fallback, attribute_type));
    }
  }
  return out;
}

Value ModuleInstance::local(const std::string& name, const base::Location& where) {
  auto cached = locals_.find(name);
  if (cached != locals_.end()) return cached->second;
  const LocalDecl* decl = cfg_.local(name);
  if (!decl) return Value::unknown("undeclared local", where);
  if (locals_evaluating_.count(name)) {
    root_.diagnostics().push_back(base::error("tf-cycle", decl->attribute->name_where,
                                              "local." + name + " depends on itself"));
    return Value::unknown("cycle", where);
  }
  locals_evaluating_.insert(name);
  Value v = eval_safe(*decl->attribute->expr, nullptr);
  locals_evaluating_.erase(name);
  locals_[name] = v;
  return v;
}

ModuleInstance::ResourceState& ModuleInstance::resource_state(const ResourceDecl& decl) {
  ResourceState& s = resources_[&decl];
  s.decl = &decl;
  if (s.expanded == 0) expand(s);
  return s;
}

void ModuleInstance::expand(ResourceState& s) {
  s.expanded = 1;
  const Body& body = s.decl->block->body;
  std::string base = prefix_ + (s.decl->data ? "data." : "") + s.decl->type + "." + s.decl->name;
  const Attribute* count = body.attribute("count");
  const Attribute* for_each = body.attribute("for_each");
  if (count) {
    Value n = eval_safe(*count->expr, nullptr);
    if (n.is_number() || (n.is_string() && wholly_known(n))) {
      s.mode = ResourceState::counted;
      int64_t k = 0;
      try {
        k = base::clamp_to(number_of(n), 0, INT64_MAX);
      } catch (const EvalError&) {
      }
      if (k > root_.max_instances) root_.diagnostics().push_back(too_many(count->expr->where, k, root_.max_instances));
      for (int64_t i = 0; i < k && i < root_.max_instances && root_.spend(1, count->expr->where); ++i) {
        Instance inst;
        inst.key = Value::integer(i);
        inst.has_count = true;
        inst.address = base + "[" + std::to_string(i) + "]";
        s.instances.push_back(std::move(inst));
      }
    } else {
      s.mode = ResourceState::unknown;
      Instance inst;
      inst.key = Value::unknown();
      inst.has_count = true;
      inst.address = base;
      s.instances.push_back(std::move(inst));
    }
  } else if (for_each) {
    Value m = eval_safe(*for_each->expr, nullptr);
    if (m.is_map() && std::all_of(m.as_map().begin(), m.as_map().end(), [](const model::Member&) { return true; })) {
      s.mode = ResourceState::keyed;
      std::vector<const model::Member*> members;
      for (const model::Member& mem : m.as_map()) members.push_back(&mem);
      std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key < b->key; });
      for (const model::Member* mem : members) {
        if (!root_.spend(1, for_each->expr->where)) break;
        Instance inst;
        inst.key = Value::string(mem->key);
        inst.each_value = mem->value;
        inst.has_each = true;
        inst.address = base + key_text(inst.key);
        s.instances.push_back(std::move(inst));
      }
    } else if (m.is_list() && wholly_known(m)) {
      s.mode = ResourceState::keyed;
      std::set<std::string> seen;
      std::vector<Value> keys;
      for (const Value& item : m.as_list())
        if (item.is_string() && seen.insert(item.as_string()).second) keys.push_back(item);
      std::sort(keys.begin(), keys.end(), [](const Value& a, const Value& b) { return a.as_string() < b.as_string(); });
      for (const Value& k : keys) {
        if (!root_.spend(1, for_each->expr->where)) break;
        Instance inst;
        inst.key = k;
        inst.each_value = k;
        inst.has_each = true;
        inst.address = base + key_text(k);
        s.instances.push_back(std::move(inst));
      }
    } else {
      s.mode = ResourceState::unknown;
      Instance inst;
      inst.key = Value::unknown("its for_each is known only after apply");
      inst.each_value = inst.key;
      inst.has_each = true;
      inst.address = base;
      s.instances.push_back(std::move(inst));
    }
  } else {
    Instance inst;
    inst.address = base;
    s.instances.push_back(std::move(inst));
  }
  s.expanded = 2;
}

Value ModuleInstance::instance_value(ResourceState& s, Instance& inst) {
  if (inst.state == 2) return inst.attrs;
  const base::Location& where = s.decl->block->where;
  if (inst.state == 1) {
    // Referenced while being evaluated (a self-reference through another
    // resource): only its identity is known.
    Value self = Value::map({}, where);
    self.set(kSelf, Value::reference(inst.address, where));
    return self;
  }
  inst.state = 1;
  Scope count_scope, each_scope;
  const Scope* scope = nullptr;
  if (inst.has_count) {
    Value c = Value::map({}, where);
    c.set("index", inst.key);
    count_scope = Scope{nullptr, "count", c};
    scope = &count_scope;
  }
  if (inst.has_each) {
    Value e = Value::map({}, where);
    e.set("key", inst.key);
    e.set("value", inst.each_value);
    each_scope = Scope{nullptr, "each", e};
    scope = &each_scope;
  }
  Value attrs = eval_body(s.decl->block->body, scope, true);
  attrs.set_location(where);
  const ProviderConfig* provider = provider_for(*s.decl, s.decl->block->body);
  if (s.decl->data) {
    attrs = data_value(*s.decl, attrs, inst.address, provider, where);
  } else if (!provider && s.decl->type.rfind("aws_", 0) == 0) {
    // No configuration of its provider in the scan (a reusable module read
    // on its own): its caller's default tags may add to its own, so the tags
    // it lacks are unknown, not missing.
    const model::Member* own_member = attrs.find_member("tags");
    if (!own_member || own_member->value.is_map()) {
      Value tags = own_member ? own_member->value : Value::map({}, where);
      tags.set_tag(model::kOpenMapTag);
      attrs.set("tags", std::move(tags), own_member ? own_member->key_location : base::Location{});
    }
  } else if (provider && provider->default_tags.is_map() && s.decl->type.rfind("aws_", 0) == 0) {
    // Provider default tags count as the resource's; its own win.
    Value tags = provider->default_tags;
    const Value* own = attrs.find("tags");
    // The merged map is the resource's: a finding about its tags points at
    // its own `tags`, else at the resource.
    tags.set_location(own && own->is_map() ? own->location() : where);
    if (own && own->is_map())
      for (const model::Member& m : own->as_map()) tags.set(m.key, m.value, m.key_location);
    const model::Member* own_member = attrs.find_member("tags");
    attrs.set("tags", std::move(tags), own_member ? own_member->key_location : base::Location{});
  }
  attrs.set(kSelf, Value::reference(inst.address, where));
  inst.attrs = std::move(attrs);
  inst.state = 2;
  return inst.attrs;
}

Value ModuleInstance::data_value(const ResourceDecl& decl, const Value& attrs, const std::string& address,
                                 const ProviderConfig* provider, const base::Location& where) {
  Value out = attrs;
  Value region = provider ? provider->region : Value::unknown();
  // AWS provider 6: a data source reads the region its own `region` names
  // (aws_region in 5 selects one by `name`).
  if (const Value* own = attrs.find("region"); own && !own->is_null() && decl.type.rfind("aws_", 0) == 0)
    region = *own;
  else if (const Value* name = attrs.find("name"); name && !name->is_null() && decl.type == "aws_region")
    region = *name;
  if (decl.type == "aws_iam_policy_document") {
    out.set("json", policy_document(attrs, where));
  } else if (decl.type == "aws_region") {
    out.set("name", region.is_null() ? Value::unknown("", where) : region);
    out.set("region", region.is_null() ? Value::unknown("", where) : region);
  } else if (decl.type == "aws_partition") {
    out.set("partition", Value::string("aws", where));
    out.set("dns_suffix", Value::string("amazonaws.com", where));
  } else if (decl.type == "aws_availability_zones") {
    out.set("names", zones_of(region, where));
  } else if (decl.type == "aws_ssm_parameter") {
    // An image AWS publishes is named by its path (as CloudFormation's
    // {{resolve:ssm:…}} names it): which image tells what it requires.
    if (const Value* name = attrs.find("name"); name && name->is_string() &&
                                                name->as_string().rfind("/aws/service/ami-", 0) == 0) {
      Value image = Value::string("{{resolve:ssm:" + name->as_string() + "}}", where);
      out.set("value", image);
      out.set("insecure_value", image);
    }
  } else if (decl.type == "aws_caller_identity") {
    if (provider && !provider->account.empty()) out.set("account_id", Value::string(provider->account, where));
  }
  (void)address;
  return out;
}

namespace {

/// The statements of a policy document given as text (another document's
/// json, jsonencode's, a file's), as written; nothing when it is not known.
std::optional<std::vector<Value>> statements_of_text(const Value& v) {
  std::shared_ptr<const Value> origin;
  std::optional<Value> parsed;
  const Value* doc = nullptr;
  if (v.is_string() || v.is_unknown()) {
    // A document known in part keeps its statements under its reason.
    if ((origin = model::encoded_origin(v.as_string(), v.location()))) doc = origin.get();
    else if (v.is_string() && (parsed = load::parse_json_text(v.as_string(), v.location()))) doc = &*parsed;
  }
  if (!doc || !doc->is_map()) return std::nullopt;
  std::vector<Value> out;
  if (const Value* st = doc->find("Statement")) {
    if (st->is_list())
      for (const Value& s : st->as_list()) out.push_back(s);
    else if (st->is_map())
      out.push_back(*st);
    else
      return std::nullopt;
  }
  return out;
}

/// Statements merged as the provider merges them: a statement with a Sid
/// replaces the one of that Sid before it; any other is appended.
void merge_statements(std::vector<Value>& into, const std::vector<Value>& more) {
  for (const Value& s : more) {
    const Value* sid = s.find("Sid");
    auto same = sid && sid->is_string() && !sid->as_string().empty()
                    ? std::find_if(into.begin(), into.end(), [&](const Value& t) {
                        const Value* other = t.find("Sid");
                        return other && other->is_string() && other->as_string() == sid->as_string();
                      })
                    : into.end();
    if (same != into.end()) *same = s;
    else into.push_back(s);
  }
}

}  // namespace

Value ModuleInstance::policy_document(const Value& attrs, const base::Location& where) {
  // source_policy_documents (and source_json) come first; the document's own
  // statements and then override_policy_documents (override_json) replace
  // the statements of the same Sid, or are appended.
  auto texts = [&](const char* list_key, const char* one_key, bool& unknown) {
    std::vector<Value> out;
    if (const Value* list = attrs.find(list_key); list && !list->is_null()) {
      if (list->is_list()) {
        for (const Value& item : list->as_list())
          if (!item.is_null()) out.push_back(item);
      } else {
        unknown = true;
      }
    }
    if (const Value* one = attrs.find(one_key); one && !one->is_null()) out.push_back(*one);
    return out;
  };
  bool unknown = false;
  std::vector<Value> sources = texts("source_policy_documents", "source_json", unknown);
  std::vector<Value> overrides = texts("override_policy_documents", "override_json", unknown);
  std::vector<Value> merged;
  auto merge_texts = [&](const std::vector<Value>& documents) {
    for (const Value& text : documents) {
      std::optional<std::vector<Value>> st = statements_of_text(text);
      if (!st) return false;
      merge_statements(merged, *st);
    }
    return true;
  };
  const Value merged_unknown =
      Value::unknown("a merged policy document whose parts are known only after apply", where);
  if (unknown || !merge_texts(sources)) return merged_unknown;
  Value doc = Value::map({}, where);
  doc.set("Version", Value::string("2012-10-17", where));
  Value statements = Value::list({}, where);
  const Value* list = attrs.find("statement");
  if (list && list->is_list()) {
    for (const Value& st : list->as_list()) {
      Value s = Value::map({}, st.location());
      auto copy = [&](const char* from, const char* to) {
        if (const Value* v = st.find(from); v && !v->is_null()) s.set(to, *v);
      };
      copy("sid", "Sid");
      const Value* effect = st.find("effect");
      s.set("Effect", effect && !effect->is_null() ? *effect : Value::string("Allow", st.location()));
      copy("actions", "Action");
      copy("not_actions", "NotAction");
      copy("resources", "Resource");
      copy("not_resources", "NotResource");
      for (const char* kind : {"principals", "not_principals"}) {
        const Value* ps = st.find(kind);
        if (!ps || !ps->is_list() || ps->as_list().empty()) continue;
        Value principal = Value::map({}, ps->location());
        for (const Value& p : ps->as_list()) {
          const Value* type = p.find("type");
          const Value* ids = p.find("identifiers");
          if (type && type->is_string() && ids) {
            if (type->as_string() == "*") principal = Value::string("*", p.location());
            else if (principal.is_map()) principal.set(type->as_string(), *ids);
          }
        }
        s.set(std::string(kind) == "principals" ? "Principal" : "NotPrincipal", principal);
      }
      if (const Value* cs = st.find("condition"); cs && cs->is_list() && !cs->as_list().empty()) {
        Value cond = Value::map({}, cs->location());
        for (const Value& c : cs->as_list()) {
          const Value* test = c.find("test");
          const Value* var = c.find("variable");
          const Value* values = c.find("values");
          if (!test || !var || !values || !test->is_string() || !var->is_string()) continue;
          Value* t = cond.find(test->as_string());
          if (!t) t = &cond.set(test->as_string(), Value::map());
          t->set(var->as_string(), *values);
        }
        s.set("Condition", cond);
      }
      statements.push_back(std::move(s));
    }
  }
  if (!sources.empty() || !overrides.empty()) {
    merge_statements(merged, statements.as_list());
    if (!merge_texts(overrides)) return merged_unknown;
    statements = Value::list(std::move(merged), where);
  }
  doc.set("Statement", std::move(statements));
  // Known in part (a statement names a resource's ARN): the text waits for
  // apply, the statements do not (statements() reads them from here).
  if (!wholly_known(doc)) return model::unknown_document("policy with values known after apply", where, doc);
  std::string text = json_encode(doc);
  model::remember_encoded(text, where, doc);  // each statement keeps its block's place
  return Value::string(std::move(text), where);
}

Value ModuleInstance::resource_value(bool data, const std::string& type, const std::string& name,
                                     const base::Location& where) {
  const ResourceDecl* decl = cfg_.resource(data, type, name);
  if (!decl) {
    // Declared nowhere in this module: Terraform would reject it.
    return Value::unknown("undeclared resource", where);
  }
  ResourceState& s = resource_state(*decl);
  // Read while its own count or for_each is evaluated, through a module
  // whose inputs read it and whose outputs give the count (terraform-aws-acm:
  // count = length(module.acm.names), validation_record_fqdns =
  // aws_route53_record.validation[*].fqdn). Terraform accepts that, since a
  // module's inputs and outputs are separate nodes; its instances are not
  // known yet.
  if (s.expanded == 1)
    return Value::unknown("read while its own count or for_each is evaluated", where);
  switch (s.mode) {
    case ResourceState::single: return instance_value(s, s.instances[0]);
    case ResourceState::counted: {
      Value list = Value::list({}, where);
      for (Instance& inst : s.instances) list.push_back(instance_value(s, inst));
      return list;
    }
    case ResourceState::keyed: {
      Value map = Value::map({}, where);
      model::MapWriter members(map);
      for (Instance& inst : s.instances) members.set(inst.key.as_string(), instance_value(s, inst));
      return map;
    }
    case ResourceState::unknown: return Value::unknown("count or for_each known after apply", where);
  }
  return Value::unknown("", where);
}

ModuleInstance::CallState* ModuleInstance::call_state(const std::string& name) {
  const ModuleCallDecl* decl = cfg_.module_call(name);
  if (!decl) return nullptr;
  CallState& c = calls_[name];
  c.decl = decl;
  if (c.expanded == 0) expand_call(c);
  return &c;
}

void ModuleInstance::expand_call(CallState& c) {
  c.expanded = 1;
  const Body& body = c.decl->block->body;
  std::string key = modules_key_.empty() ? c.decl->name : modules_key_ + "." + c.decl->name;
  // Where the module's configuration is: a local path, or a download.
  std::string dir;
  const std::string& source = c.decl->source;
  if (source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0) {
    dir = (fs::path(cfg_.disk_dir) / source).lexically_normal().string();
  } else {
    dir = root_.downloaded(key);
  }
  const ModuleConfig* child_cfg = dir.empty() ? nullptr : root_.loader()(dir);
  if (!child_cfg) {
    c.missing = true;
    if (root_.warned.insert(source).second)
      root_.diagnostics().push_back(base::warning(
          "tf-module", c.decl->block->where,
          "module \"" + c.decl->name + "\" (" + source + ") is not " +
              (dir.empty() ? "downloaded (run terraform init)" : "found at " + dir) + "; its resources are not evaluated"));
    c.expanded = 2;
    return;
  }
  root_.used_module(child_cfg->disk_dir);
  if (root_.depth > 32) {
    c.missing = true;
    c.expanded = 2;
    return;
  }
  // Instances, as for resources.
  std::vector<std::pair<Value, Scope>> keys;
  const Attribute* count = body.attribute("count");
  const Attribute* for_each = body.attribute("for_each");
  std::string base = prefix_ + "module." + c.decl->name;
  auto add_instance = [&](const Value& k, const Scope* scope, const std::string& address) {
    // Nested counted modules multiply: each instance is charged.
    if (!root_.spend(1, c.decl->block->where)) return;
    static const std::set<std::string> kMeta = {"source", "version", "count", "for_each", "providers", "depends_on"};
    std::map<std::string, Value> inputs;
    for (const Attribute& a : body.attributes)
      if (!kMeta.count(a.name)) inputs[a.name] = eval_safe(*a.expr, scope);
    Providers child_providers;
    for (const auto& [name, cfg] : providers_)
      if (name.find('.') == std::string::npos) child_providers[name] = cfg;
    if (const Attribute* p = body.attribute("providers"); p && p->expr->kind == ExprKind::object) {
      const auto& ch = p->expr->children;
      for (size_t i = 0; i + 1 < ch.size(); i += 2) {
        auto ref = [](const Expr& x) -> std::string {
          if (x.kind == ExprKind::literal && x.literal.is_string()) return x.literal.as_string();
          if (x.kind == ExprKind::variable) return x.name;
          if (x.kind == ExprKind::get_attr && x.children[0]->kind == ExprKind::variable)
            return x.children[0]->name + "." + x.name;
          return "";
        };
        std::string to = ref(*ch[i]), from = ref(*ch[i + 1]);
        auto it = providers_.find(from);
        if (!to.empty() && it != providers_.end()) child_providers[to] = it->second;
      }
    }
    ++root_.depth;
    auto child = std::make_unique<ModuleInstance>(root_, *child_cfg, address + ".", std::move(inputs),
                                                  std::move(child_providers), key);
    --root_.depth;
    c.instances.emplace_back(k, std::move(child));
  };
  if (count) {
    Value n = eval_safe(*count->expr, nullptr);
    if (n.is_number()) {
      c.mode = ResourceState::counted;
      int64_t total = base::clamp_to(n.as_double(), 0, INT64_MAX);
      if (total > root_.max_instances) root_.diagnostics().push_back(too_many(count->expr->where, total, root_.max_instances));
      for (int64_t i = 0; i < total && i < root_.max_instances; ++i) {
        Value cv = Value::map();
        cv.set("index", Value::integer(i));
        Scope s{nullptr, "count", cv};
        add_instance(Value::integer(i), &s, base + "[" + std::to_string(i) + "]");
      }
    } else {
      c.mode = ResourceState::unknown;
    }
  } else if (for_each) {
    Value m = eval_safe(*for_each->expr, nullptr);
    std::vector<std::pair<std::string, Value>> items;
    if (m.is_map()) {
      for (const model::Member& mem : m.as_map()) items.emplace_back(mem.key, mem.value);
    } else if (m.is_list() && wholly_known(m)) {
      for (const Value& v : m.as_list())
        if (v.is_string()) items.emplace_back(v.as_string(), v);
    } else {
      c.mode = ResourceState::unknown;
    }
    if (c.mode != ResourceState::unknown) {
      c.mode = ResourceState::keyed;
      std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [k, v] : items) {
        Value ev = Value::map();
        ev.set("key", Value::string(k));
        ev.set("value", v);
        Scope s{nullptr, "each", ev};
        add_instance(Value::string(k), &s, base + key_text(Value::string(k)));
      }
    }
  } else {
    add_instance(Value(), nullptr, base);
  }
  c.expanded = 2;
}

Value ModuleInstance::outputs() {
  Value out = Value::map();
  for (const OutputDecl& o : cfg_.outputs)
    out.set(o.name, o.expr ? eval_safe(*o.expr, nullptr) : Value());
  return out;
}

Value ModuleInstance::module_value(const std::string& name, const base::Location& where) {
  CallState* c = call_state(name);
  if (c && c->expanded == 1)  // read while its own inputs are evaluated
    return Value::unknown("module." + name + "'s outputs are read while its inputs are evaluated", where);
  if (!c || c->missing || c->mode == ResourceState::unknown)
    return Value::unknown("module." + name + "'s outputs are not known (" +
                              (c && c->mode == ResourceState::unknown ? "its count or for_each is known only after apply"
                                                                      : "it is not downloaded, or not read") +
                              ")",
                          where);
  switch (c->mode) {
    case ResourceState::single: return c->instances.empty() ? Value::unknown("", where) : c->instances[0].second->outputs();
    case ResourceState::counted: {
      Value list = Value::list({}, where);
      for (auto& [k, child] : c->instances) list.push_back(child->outputs());
      return list;
    }
    case ResourceState::keyed: {
      Value map = Value::map({}, where);
      model::MapWriter members(map);
      for (auto& [k, child] : c->instances) members.set(k.as_string(), child->outputs());
      return map;
    }
    default: return Value::unknown("", where);
  }
}

Value ModuleInstance::eval_body(const Body& body, const Scope* scope, bool resource_top) {
  static const std::set<std::string> kMetaAttributes = {"count", "for_each", "provider", "depends_on"};
  static const std::set<std::string> kMetaBlocks = {"lifecycle", "provisioner", "connection"};
  Value out = Value::map();
  for (const Attribute& a : body.attributes) {
    if (resource_top && kMetaAttributes.count(a.name)) continue;
    Value v;
    try {
      v = eval(*a.expr, scope);
    } catch (const EvalError& e) {
      v = Value::unknown(e.what(), a.expr->where);
    }
    if (!v.location().known()) v.set_location(a.expr->where);
    out.set(a.name, std::move(v), a.name_where);
  }
  for (const Block& b : body.blocks) {
    if (resource_top && kMetaBlocks.count(b.type)) continue;
    if (b.type == "dynamic" && b.labels.size() == 1) {
      add_dynamic(out, b, scope);
      continue;
    }
    Value block = eval_body(b.body, scope, false);
    block.set_location(b.where);
    Value* list = out.find(b.type);
    if (!list || !list->is_list()) {
      Value fresh = Value::list({}, b.where);
      list = &out.set(b.type, std::move(fresh), b.where);
    }
    list->push_back(std::move(block));
  }
  return out;
}

void ModuleInstance::add_dynamic(Value& out, const Block& b, const Scope* scope) {
  const std::string& type = b.labels[0];
  const Attribute* for_each = b.body.attribute("for_each");
  std::string iterator = type;
  if (const Attribute* it = b.body.attribute("iterator"); it && it->expr->kind == ExprKind::variable)
    iterator = it->expr->name;
  const Block* content = nullptr;
  for (const Block& inner : b.body.blocks)
    if (inner.type == "content") content = &inner;
  if (!for_each || !content) return;
  Value items = eval_safe(*for_each->expr, scope);
  Value* list = out.find(type);
  if (!list || !list->is_list()) list = &out.set(type, Value::list({}, b.where), b.where);
  auto emit = [&](const Value& key, const Value& value) {
    Value it = Value::map();
    it.set("key", key);
    it.set("value", value);
    Scope s{scope, iterator, it};
    Value block = eval_body(content->body, &s, false);
    block.set_location(content->where);
    list->push_back(std::move(block));
  };
  if (items.is_map()) {
    for (const model::Member& m : items.as_map()) emit(Value::string(m.key, m.key_location), m.value);
  } else if (items.is_list()) {
    for (size_t i = 0; i < items.as_list().size(); ++i) {
      const Value& v = items.as_list()[i];
      emit(v.is_string() ? v : Value::integer(static_cast<int64_t>(i)), v);
    }
  } else if (items.is_unknown()) {
    // How many blocks is known after apply: one block of unknowns stands in.
    emit(Value::unknown(), Value::unknown());
  }
}

Value ModuleInstance::eval_template(const std::vector<TemplatePart>& parts, const Scope* scope,
                                    const base::Location& where, bool& known) {
  std::string out, why;
  for (const TemplatePart& p : parts) {
    switch (p.kind) {
      case TemplatePart::Kind::text: out += p.text; break;
      case TemplatePart::Kind::interpolation: {
        Value v = eval(*p.expr, scope);
        if (!wholly_known(v)) {
          known = false;
          if (why.empty()) why = model::unknown_reason(v);
          if (why.empty() && v.is_reference()) why = v.as_string() + " is known only after apply";
          break;
        }
        if (v.is_null()) throw EvalError("a null value in a template");
        out += text_of(v);
        break;
      }
      case TemplatePart::Kind::if_: {
        Value c = eval(*p.expr, scope);
        if (!c.is_bool()) {
          known = false;
          break;
        }
        Value inner = eval_template(c.as_bool() ? p.body : p.else_body, scope, where, known);
        if (inner.is_string()) out += inner.as_string();
        break;
      }
      case TemplatePart::Kind::for_: {
        Value coll = eval(*p.expr, scope);
        if (!coll.is_list() && !coll.is_map()) {
          known = false;
          break;
        }
        auto each = [&](const Value& k, const Value& v) {
          Scope ks{scope, p.key_var, k};
          Scope vs{p.key_var.empty() ? scope : &ks, p.value_var, v};
          Value inner = eval_template(p.body, &vs, where, known);
          if (inner.is_string()) out += inner.as_string();
        };
        if (coll.is_list())
          for (size_t i = 0; i < coll.as_list().size(); ++i) each(Value::integer(static_cast<int64_t>(i)), coll.as_list()[i]);
        else
          for (const model::Member& m : coll.as_map()) each(Value::string(m.key), m.value);
        break;
      }
    }
  }
  return known ? Value::string(out, where) : Value::unknown(why, where);
}

Value ModuleInstance::access(const Value& base, const Value& key, const base::Location& where, bool attr) {
  if (base.is_unknown()) return Value::unknown(base.as_string(), where);  // with its reason
  if (base.is_reference()) {
    // An attribute of something known after apply: a longer reference.
    if (!wholly_known(key)) return Value::unknown("", where);
    return Value::reference(base.as_string() + (attr ? "." + key.as_string() : key_text(key)), where);
  }
  if (!wholly_known(key)) return Value::unknown("", where);
  if (base.is_map()) {
    std::string k = text_of(key);
    if (const Value* v = base.find(k)) {
      // Another resource's attribute (aws_db_instance.primary.identifier):
      // this one's value is written here, where it refers to it. Variables
      // and locals keep the place of their literal.
      if (!base.find(kSelf)) return *v;
      // A name known only at apply (name = "x-${random_id.s.hex}") is, like
      // a computed ID, a reference: it still names its resource.
      static const std::set<std::string, std::less<>> kNaming = {"name", "bucket", "identifier",
                                                                 "cluster_identifier", "function_name"};
      if (v->is_unknown() && kNaming.count(k) && base.find(kSelf)->as_string().rfind("data.", 0) != 0)
        return Value::reference(base.find(kSelf)->as_string() + "." + k, where);
      Value copy = *v;
      copy.set_location(where);
      return copy;
    }
    if (const Value* self = base.find(kSelf)) return Value::reference(self->as_string() + "." + k, where);
    // A map that may hold more than it lists (tags under provider default
    // tags, a dependency's mock outputs): what it lacks is unknown, not wrong.
    if (base.tag() == model::kOpenMapTag) return Value::unknown("", where);
    throw EvalError("no attribute or key \"" + k + "\"");
  }
  if (base.is_list()) {
    if (!key.is_number()) {
      // A block list read like one block (vpc_config.subnet_ids) is how
      // people write single blocks; Terraform needs [0], we read the first.
      if (attr && base.size() == 1) return access(base.as_list()[0], key, where, attr);
      throw EvalError("a list index must be a number");
    }
    std::optional<int64_t> index = base::whole_number(number_of(key));
    if (!index) throw EvalError("a list index must be a whole number");
    int64_t i = *index;
    if (i < 0 || i >= static_cast<int64_t>(base.size())) throw EvalError("index " + std::to_string(i) + " out of range");
    return base.as_list()[static_cast<size_t>(i)];
  }
  if (base.is_null()) throw EvalError("attempt to read an attribute of null");
  throw EvalError("attempt to read an attribute of a " + std::string(model::to_string(base.kind())));
}

Value ModuleInstance::splat(const Value& base, const std::vector<load::hcl::Step>& steps, size_t from,
                            const Scope* scope, const base::Location& where) {
  if (base.is_unknown()) return Value::unknown(base.as_string(), where);
  if (base.is_reference()) return Value::unknown("", where);
  model::List items;
  if (base.is_null()) return Value::list({}, where);
  if (base.is_list()) items = base.as_list();
  else items.push_back(base);
  Value out = Value::list({}, where);
  for (const Value& item : items) {
    Value v = item;
    size_t i = from;
    for (; i < steps.size(); ++i) {
      const load::hcl::Step& s = steps[i];
      if (s.splat) {
        v = splat(v, steps, i + 1, scope, where);
        break;
      }
      if (!s.attr.empty()) v = access(v, Value::string(s.attr), where, true);
      else v = access(v, eval(*s.index, scope), where, false);
    }
    out.push_back(std::move(v));
  }
  return out;
}

Value ModuleInstance::call(const Expr& e, const Scope* scope) {
  const std::string& name = e.name;
  if (name == "try" || name == "can") {
    for (size_t i = 0; i < e.children.size(); ++i) {
      try {
        Value v = eval(*e.children[i], scope);
        if (name == "can") return Value::boolean(true, e.where);
        return v;
      } catch (const EvalError&) {
        if (name == "can") return Value::boolean(false, e.where);
      }
    }
    throw EvalError("try: no argument could be evaluated");
  }
  std::vector<Value> args;
  for (const auto& c : e.children) args.push_back(eval(*c, scope));
  if (e.expand_last && !args.empty()) {
    Value last = std::move(args.back());
    args.pop_back();
    if (!last.is_list()) return Value::unknown("", e.where);
    for (const Value& v : last.as_list()) args.push_back(v);
  }
  if (const ExternalNames* x = root_.external()) {
    if (x->function)
      if (std::optional<Value> v = x->function(name, args, e.where)) return std::move(*v);
    if (name == "templatefile") return templatefile(args, x->disk_dir, e.where);
    return call_function(name, args, FunctionContext{x->disk_dir}, e.where);
  }
  if (name == "templatefile") return templatefile(args, cfg_.disk_dir, e.where);
  return call_function(name, args, FunctionContext{cfg_.disk_dir}, e.where);
}

/// templatefile(path, vars): the file read as a template (literal text as it
/// is, `${}` and `%{}` as in a heredoc) with only `vars` in scope. Its value
/// is located at the call.
Value ModuleInstance::templatefile(std::vector<Value>& args, const std::string& disk_dir, const base::Location& where) {
  if (args.size() != 2) throw EvalError("templatefile takes a path and a map of variables");
  if (!args[0].is_string()) return Value::unknown("", where);
  static thread_local int depth = 0;
  if (depth > 4) throw EvalError("templatefile: templates call templatefile too deeply");
  std::filesystem::path path = args[0].as_string();
  if (path.is_relative()) path = std::filesystem::path(disk_dir) / path;
  base::FileRead read = load::read_document(path.string());
  if (!read.ok()) return Value::unknown("templatefile: " + read.error, where);
  base::Diagnostics problems;
  load::hcl::ExprPtr parsed = load::hcl::parse_template_text(read.bytes, path.string(), where, problems);
  if (!parsed)
    throw EvalError("templatefile: " + args[0].as_string() + " is not a valid template" +
                    (problems.empty() ? std::string() : ": " + problems.front().message));
  // The vars, as the template's only names.
  std::vector<Scope> names;
  if (args[1].is_map()) {
    names.reserve(args[1].size());
    for (const model::Member& m : args[1].as_map())
      names.push_back(Scope{names.empty() ? nullptr : &names.back(), m.key, m.value});
  } else if (!args[1].is_null()) {
    return Value::unknown("", where);
  }
  ++depth;
  struct Leave {
    ~Leave() { --depth; }
  } leave;
  return eval(*parsed, names.empty() ? nullptr : &names.back());
}

Value ModuleInstance::eval_safe(const Expr& e, const Scope* scope) {
  try {
    return eval(e, scope);
  } catch (const EvalError& err) {
    return Value::unknown(err.what(), e.where);
  }
}

namespace {

/// Terraform's `==` (cty's Equals): unknown only when an operand, or an
/// element the answer depends on, is unknown. A known map that holds an
/// unknown is still not null, so `var.m != null` is known: the guard
/// terraform-aws-modules put on every for_each.
std::optional<bool> equal_values(const Value& a, const Value& b) {
  auto open = [](const Value& v) { return v.is_unknown() || v.is_reference(); };
  if (open(a) || open(b)) return std::nullopt;
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() != b.is_number()) return false;
  if (a.is_list() != b.is_list() || a.is_map() != b.is_map()) return false;
  if (a.is_scalar()) return a.same(b);
  if (a.size() != b.size()) return false;
  // A length or a key that differs decides it; otherwise an unknown element
  // leaves it open, as cty does.
  bool decided = true, equal = true;
  auto pair = [&](const Value& x, const Value& y) {
    std::optional<bool> r = equal_values(x, y);
    if (!r) decided = false;
    else if (!*r) equal = false;
  };
  if (a.is_list()) {
    for (size_t i = 0; i < a.size(); ++i) pair(a.as_list()[i], b.as_list()[i]);
  } else {
    for (const model::Member& m : a.as_map()) {
      const Value* other = b.find(m.key);
      if (!other) return false;
      pair(m.value, *other);
    }
  }
  if (!decided) return std::nullopt;
  return equal;
}

}  // namespace

Value ModuleInstance::binary(const Expr& e, const Scope* scope) {
  const std::string& op = e.name;
  Value a = eval(*e.children[0], scope);
  if (op == "&&" || op == "||") {
    if (a.is_bool() && a.as_bool() == (op == "||")) return Value::boolean(a.as_bool(), e.where);
    Value b = eval(*e.children[1], scope);
    // As cty does: one side known to decide it decides it, whichever side
    // (unknown && false is false, so `count = local.enabled && false ? 1 : 0` is 0).
    if (b.is_bool() && b.as_bool() == (op == "||")) return Value::boolean(b.as_bool(), e.where);
    if (!a.is_bool() || !b.is_bool()) return Value::unknown("", e.where);
    return Value::boolean(op == "&&" ? a.as_bool() && b.as_bool() : a.as_bool() || b.as_bool(), e.where);
  }
  Value b = eval(*e.children[1], scope);
  if (op == "==" || op == "!=") {
    std::optional<bool> eq = equal_values(a, b);
    if (!eq) return Value::unknown("", e.where);
    return Value::boolean(op == "==" ? *eq : !*eq, e.where);
  }
  if (!wholly_known(a) || !wholly_known(b)) return Value::unknown("", e.where);
  double x = number_of(a), y = number_of(b);
  auto num = [&](double d) {
    if (std::floor(d) == d && std::fabs(d) < 9e15) return Value::integer(static_cast<int64_t>(d), e.where);
    return Value::floating(d, e.where);
  };
  if (op == "+") return num(x + y);
  if (op == "-") return num(x - y);
  if (op == "*") return num(x * y);
  if (op == "/") {
    if (y == 0) throw EvalError("division by zero");
    return num(x / y);
  }
  if (op == "%") {
    if (y == 0) throw EvalError("division by zero");
    return num(std::fmod(x, y));
  }
  if (op == "<") return Value::boolean(x < y, e.where);
  if (op == "<=") return Value::boolean(x <= y, e.where);
  if (op == ">") return Value::boolean(x > y, e.where);
  if (op == ">=") return Value::boolean(x >= y, e.where);
  throw EvalError("unknown operator " + op);
}

Value ModuleInstance::for_expr(const Expr& e, const Scope* scope) {
  Value coll = eval(*e.children[0], scope);
  if (coll.is_unknown() || coll.is_reference()) return Value::unknown("", e.where);
  bool object = e.kind == ExprKind::for_object;
  const Expr* key_expr = object ? e.children[1].get() : nullptr;
  const Expr* value_expr = e.children[object ? 2 : 1].get();
  const Expr* cond = e.has_cond ? e.children.back().get() : nullptr;
  Value out = object ? Value::map({}, e.where) : Value::list({}, e.where);
  model::MapIndex keys;  // of `out`, when an object
  bool known = true;
  auto each = [&](const Value& k, const Value& v) {
    Scope ks{scope, e.key_var, k};
    Scope vs{e.key_var.empty() ? scope : &ks, e.value_var, v};
    if (cond) {
      Value c = eval(*cond, &vs);
      if (!c.is_bool()) {
        known = false;
        return;
      }
      if (!c.as_bool()) return;
    }
    Value value = eval(*value_expr, &vs);
    if (!object) {
      out.push_back(std::move(value));
      return;
    }
    Value key = eval(*key_expr, &vs);
    if (!wholly_known(key)) {
      known = false;
      return;
    }
    std::string k_text = text_of(key);
    if (e.grouping) {
      model::Member* group = keys.find(out.as_map(), k_text);
      if (!group) {
        out.as_map().push_back({k_text, {}, Value::list({}, e.where)});
        group = &out.as_map().back();
      }
      group->value.push_back(std::move(value));
    } else {
      if (keys.find(out.as_map(), k_text)) throw EvalError("duplicate object key \"" + k_text + "\" in a for expression");
      out.as_map().push_back({std::move(k_text), {}, std::move(value)});
    }
  };
  if (coll.is_list()) {
    // A set's key is its element; a list's, the index.
    bool set = coll.tag() == kSetTag;
    for (size_t i = 0; i < coll.as_list().size(); ++i)
      each(set ? coll.as_list()[i] : Value::integer(static_cast<int64_t>(i)), coll.as_list()[i]);
  } else if (coll.is_map()) {
    std::vector<const model::Member*> members;
    for (const model::Member& m : coll.as_map())
      if (m.key != kSelf) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key < b->key; });
    for (const model::Member* m : members) each(Value::string(m->key, m->key_location), m->value);
  } else if (!coll.is_null()) {
    throw EvalError("a for expression needs a collection");
  }
  return known ? out : Value::unknown("", e.where);
}

namespace {

/// What copying or building `v` costs: its nodes, and its strings by the 16 bytes.
uint64_t weight(const Value& v, int depth = 0) {
  uint64_t w = 1;
  if (v.is_string()) w += v.as_string().size() / 16;
  if (depth > 64) return w + v.size();  // deeper than any real value: counted flat
  if (v.is_list())
    for (const Value& item : v.as_list()) w += weight(item, depth + 1);
  if (v.is_map())
    for (const model::Member& m : v.as_map()) w += weight(m.value, depth + 1);
  return w;
}

/// Nesting of expression evaluation beyond which it stops (a chain of a
/// hundred thousand locals must not overflow the stack).
constexpr int kMaxEvalDepth = 1000;

struct DepthGuard {
  int& depth;
  explicit DepthGuard(int& d, const base::Location& where) : depth(d) {
    if (++depth > kMaxEvalDepth) {
      --depth;
      throw EvalError("expressions nested more than " + std::to_string(kMaxEvalDepth) + " deep at " +
                      std::to_string(where.line) + ":" + std::to_string(where.column));
    }
  }
  ~DepthGuard() { --depth; }
};

}  // namespace

Value ModuleInstance::eval(const Expr& e, const Scope* scope) {
  root_.charge(1, e.where);
  DepthGuard guard(root_.eval_depth(), e.where);
  Value v = eval_step(e, scope);
  // Values copied from a name or made by a function or template are charged
  // by their size: a doubling chain of locals must hit the budget early.
  if (e.kind == ExprKind::get_attr || e.kind == ExprKind::call || e.kind == ExprKind::template_ ||
      e.kind == ExprKind::variable)
    if (!v.is_scalar() || v.is_string()) root_.charge(weight(v), e.where);
  return v;
}

Value ModuleInstance::eval_step(const Expr& e, const Scope* scope) {
  switch (e.kind) {
    case ExprKind::literal: return e.literal;
    case ExprKind::template_: {
      bool known = true;
      return eval_template(e.parts, scope, e.where, known);
    }
    case ExprKind::variable: {
      if (const Value* v = scope ? scope->find(e.name) : nullptr) return *v;
      // A bare namespace (var, local, a resource type) is only useful with an attribute.
      return Value::unknown("", e.where);
    }
    case ExprKind::get_attr: {
      const Expr& base = *e.children[0];
      if (base.kind == ExprKind::variable && !(scope && scope->find(base.name))) {
        const std::string& ns = base.name;
        if (const ExternalNames* x = root_.external()) {
          std::optional<Value> v = x->attribute ? x->attribute(ns, e.name, e.where) : std::nullopt;
          return v ? std::move(*v) : Value::unknown("", e.where);
        }
        if (ns == "var") return variable(e.name, e.where);
        if (ns == "local") return local(e.name, e.where);
        if (ns == "module") return module_value(e.name, e.where);
        if (ns == "path") {
          if (e.name == "module") return Value::string(cfg_.disk_dir, e.where);
          if (e.name == "root") return Value::string(root_.root_config().disk_dir, e.where);
          // Terraform runs in the root module's folder.
          if (e.name == "cwd") return Value::string(root_.root_config().disk_dir, e.where);
        }
        if (ns == "terraform" && e.name == "workspace") return Value::string("default", e.where);
        if (ns == "self" || ns == "data" || ns == "count" || ns == "each") return Value::unknown("", e.where);
        return resource_value(false, ns, e.name, e.where);
      }
      if (base.kind == ExprKind::get_attr && base.children[0]->kind == ExprKind::variable &&
          base.children[0]->name == "data" && !(scope && scope->find("data")))
        return resource_value(true, base.name, e.name, e.where);
      return access(eval(base, scope), Value::string(e.name), e.where, true);
    }
    case ExprKind::index: return access(eval(*e.children[0], scope), eval(*e.children[1], scope), e.where, false);
    case ExprKind::splat: return splat(eval(*e.children[0], scope), e.steps, 0, scope, e.where);
    case ExprKind::call: return call(e, scope);
    case ExprKind::tuple: {
      Value out = Value::list({}, e.where);
      for (const auto& c : e.children) {
        Value v = eval(*c, scope);
        if (!v.location().known()) v.set_location(c->where);
        out.push_back(std::move(v));
      }
      return out;
    }
    case ExprKind::object: {
      Value out = Value::map({}, e.where);
      model::MapWriter members(out);
      for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
        Value k = eval(*e.children[i], scope);
        if (!wholly_known(k)) return Value::unknown("", e.where);
        Value v = eval(*e.children[i + 1], scope);
        if (!v.location().known()) v.set_location(e.children[i + 1]->where);
        members.set(text_of(k), std::move(v), e.children[i]->where);
      }
      return out;
    }
    case ExprKind::for_tuple:
    case ExprKind::for_object: return for_expr(e, scope);
    case ExprKind::unary: {
      Value v = eval(*e.children[0], scope);
      if (!wholly_known(v)) return Value::unknown("", e.where);
      if (e.name == "!") {
        if (!v.is_bool()) throw EvalError("! needs a bool");
        return Value::boolean(!v.as_bool(), e.where);
      }
      double d = -number_of(v);
      return v.kind() == model::Kind::integer ? Value::integer(-v.as_int(), e.where) : Value::floating(d, e.where);
    }
    case ExprKind::binary: return binary(e, scope);
    case ExprKind::conditional: {
      Value c = eval(*e.children[0], scope);
      if (!c.is_bool()) {
        if (c.is_string() && (c.as_string() == "true" || c.as_string() == "false"))
          return eval(*e.children[c.as_string() == "true" ? 1 : 2], scope);
        return Value::unknown("", e.where);
      }
      return eval(*e.children[c.as_bool() ? 1 : 2], scope);
    }
  }
  return Value::unknown("", e.where);
}

void ModuleInstance::evaluate_all() {
  for (const ResourceDecl& decl : cfg_.resources) {
    ResourceState& s = resource_state(decl);
    for (Instance& inst : s.instances) {
      try {
        instance_value(s, inst);
      } catch (const EvalError& e) {
        inst.attrs = Value::map({}, decl.block->where);
        inst.state = 2;
      }
    }
  }
  for (const ModuleCallDecl& call : cfg_.module_calls) {
    CallState* c = call_state(call.name);
    if (!c) continue;
    for (auto& [k, child] : c->instances) child->evaluate_all();
  }
}

/// Removes the identity markers before values leave the evaluator.
void strip_markers(Value& v) {
  if (v.is_map()) {
    std::erase_if(v.as_map(), [](const model::Member& m) { return m.key == kSelf; });
    for (model::Member& m : v.as_map()) strip_markers(m.value);
  } else if (v.is_list()) {
    for (Value& item : v.as_list()) strip_markers(item);
  }
}

namespace {

/// The attributes a resource's `lifecycle { ignore_changes = [...] }` names
/// (the root of each traversal: `tags["x"]` is `tags`), "*" for `all`.
std::vector<std::string> ignored_changes(const load::hcl::Body& body) {
  std::vector<std::string> out;
  for (const load::hcl::Block& b : body.blocks) {
    if (b.type != "lifecycle") continue;
    const load::hcl::Attribute* ic = b.body.attribute("ignore_changes");
    if (!ic) continue;
    const load::hcl::Expr& e = *ic->expr;
    if (e.kind == load::hcl::ExprKind::variable && e.name == "all") out.push_back("*");
    if (e.kind != load::hcl::ExprKind::tuple) continue;
    for (const auto& item : e.children) {
      if (auto names = traversal(*item)) out.push_back(names->front() == "all" ? "*" : names->front());
      else if (item->kind == load::hcl::ExprKind::literal && item->literal.is_string())
        out.push_back(item->literal.as_string());
    }
  }
  return out;
}

}  // namespace

void ModuleInstance::collect(std::vector<model::Resource>& out, const base::Location* call_site) {
  size_t first = out.size();
  for (const ResourceDecl& decl : cfg_.resources) {
    if (decl.data) continue;
    std::vector<std::string> ignored = ignored_changes(decl.block->body);
    ResourceState& s = resource_state(decl);
    const ProviderConfig* provider = provider_for(decl, decl.block->body);
    for (Instance& inst : s.instances) {
      model::Resource r;
      r.type = decl.type;
      r.address = inst.address;
      r.source = model::SourceKind::terraform;
      r.attrs = inst.attrs.is_map() ? inst.attrs : Value::map();
      strip_markers(r.attrs);
      r.location = decl.block->where;
      r.location.end_line = r.location.line;  // the block header
      r.location.end_column = r.location.column + static_cast<uint32_t>(decl.block->type.size());
      r.ids.push_back(inst.address);
      r.origin = root_.origin();
      r.uncounted = s.mode == ResourceState::unknown;
      r.ignore_changes = ignored;
      if (provider) {
        if (provider->region.is_string()) r.region = provider->region.as_string();
        r.account = provider->account;
      }
      if (std::optional<std::string> own = own_region(r)) r.region = *own;
      out.push_back(std::move(r));
    }
  }
  for (const ModuleCallDecl& call : cfg_.module_calls) {
    CallState* c = call_state(call.name);
    if (!c) continue;
    for (auto& [k, child] : c->instances) child->collect(out, call_site ? call_site : &call.block->where);
  }
  // The module's own literals, for rules that look for secrets in them.
  if (!cfg_.variables.empty()) {
    model::Resource vars;
    vars.type = "terraform_variables";
    vars.address = prefix_ + "var";
    vars.source = model::SourceKind::terraform;
    vars.attrs = Value::map();
    for (const VariableDecl& v : cfg_.variables)
      if (v.default_expr && v.default_expr->kind != ExprKind::template_) {
        Value d;
        try {
          d = eval_safe(*v.default_expr, nullptr);
        } catch (const EvalError&) {
          continue;
        }
        // Located at its `default = …`: the literal is what a finding shows.
        const load::hcl::Attribute* def = v.block->body.attribute("default");
        vars.attrs.as_map().push_back({v.name, def ? def->name_where : v.block->where, std::move(d)});  // names unique
      }
    vars.location = cfg_.variables.front().block->where;
    vars.location.end_line = vars.location.line;
    vars.ids.push_back(vars.address);
    vars.origin = root_.origin();
    if (vars.attrs.size()) out.push_back(std::move(vars));
  }
  if (!cfg_.locals.empty()) {
    model::Resource locals;
    locals.type = "terraform_locals";
    locals.address = prefix_ + "local";
    locals.source = model::SourceKind::terraform;
    locals.attrs = Value::map();
    for (const LocalDecl& l : cfg_.locals) {
      Value v;
      try {
        v = local(l.name, l.attribute->where);
      } catch (const EvalError&) {
        continue;
      }
      locals.attrs.as_map().push_back({l.name, l.attribute->name_where, std::move(v)});  // names unique
    }
    strip_markers(locals.attrs);
    locals.location = cfg_.locals.front().attribute->name_where;
    locals.ids.push_back(locals.address);
    locals.origin = root_.origin();
    out.push_back(std::move(locals));
  }
  for (const ProviderDecl& p : cfg_.providers) {
    model::Resource prov;
    prov.type = "terraform_provider";
    prov.address = prefix_ + "provider." + p.name + (p.alias.empty() ? "" : "." + p.alias);
    prov.source = model::SourceKind::terraform;
    prov.attrs = eval_body(p.block->body, nullptr, false);
    prov.location = p.block->where;
    prov.location.end_line = prov.location.line;
    prov.ids.push_back(prov.address);
    prov.origin = root_.origin();
    out.push_back(std::move(prov));
  }
  if (call_site)
    for (size_t k = first; k < out.size(); ++k)
      if (!out[k].call_site.known()) out[k].call_site = *call_site;
}

Evaluation Root::run() {
  std::map<std::string, Value> root_inputs;
  for (const auto& [name, value] : inputs_.values) root_inputs[name] = value;
  ModuleInstance root(*this, root_cfg_, "", std::move(root_inputs), {}, "");
  root.evaluate_all();
  root.collect(out_.resources);
  for (const base::Diagnostic& d : root_cfg_.diagnostics) out_.diagnostics.push_back(d);
  return std::move(out_);
}

}  // namespace

Evaluation evaluate_root(const ModuleConfig& root, const VariableInputs& inputs, const ModuleLoader& loader,
                         const std::string& origin) {
  Root r(root, inputs, loader, origin);
  return r.run();
}

model::Value evaluate_external(const Expr& e, const ExternalNames& names) {
  static const ModuleConfig kEmpty;
  static const VariableInputs kNone;
  ModuleLoader none = [](const std::string&) -> const ModuleConfig* { return nullptr; };
  Root root(kEmpty, kNone, none, {}, &names);
  ModuleInstance m(root, kEmpty, "", {}, {}, "");
  try {
    return m.eval(e, nullptr);
  } catch (const EvalError& err) {
    return model::Value::unknown(err.what(), e.where);
  }
}

model::Value evaluate_constant(const Expr& e) {
  static const ModuleConfig kEmpty;
  static const VariableInputs kNone;
  ModuleLoader none = [](const std::string&) -> const ModuleConfig* { return nullptr; };
  Root root(kEmpty, kNone, none);
  ModuleInstance m(root, kEmpty, "", {}, {}, "");
  try {
    return m.eval(e, nullptr);
  } catch (const EvalError& err) {
    return model::Value::unknown(err.what(), e.where);
  }
}

}  // namespace guardrail::adapt::terraform
