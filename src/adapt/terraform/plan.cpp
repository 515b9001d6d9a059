#include "adapt/terraform/plan.hpp"

#include "adapt/aws_regions.hpp"
#include "model/supplied.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace guardrail::adapt::terraform {
namespace {

using model::Value;

std::string str(const Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }

/// Configuration of one module: its resources by address (without index)
/// and its module calls, with the expressions of both.
struct ConfigModule {
  std::string prefix;  // "" or "module.a." (module calls have no index here)
  const Value* module = nullptr;
  const ConfigModule* parent = nullptr;
  std::string call_name;  // the call that made this module, in the parent
};

class PlanAdapter {
 public:
  PlanAdapter(const Value& plan, base::Diagnostics& diagnostics) : plan_(plan), diagnostics_(diagnostics) {}

  std::vector<model::Resource> run();

 private:
  void index_config(const Value* module, const std::string& prefix, const ConfigModule* parent,
                    const std::string& call_name);
  void walk_planned(const Value& module);
  void index_instances(const Value& module);
  std::string resolve(const std::string& ref, const ConfigModule& ctx, int depth) const;
  std::vector<std::string> instances_of(const std::string& ref, const Value* key, bool by_count, bool by_each,
                                        const std::string& instance) const;
  Value references_for(const Value& expr, const ConfigModule& ctx, const Value* key, const std::string& instance) const;
  void apply_references(Value& values, const Value& expressions, const ConfigModule& ctx, const Value* key,
                        const std::string& instance);
  bool supplied(const std::string& ref, const ConfigModule& ctx, int depth) const;
  bool null_variable(const std::string& ref, const ConfigModule& ctx, int depth) const;
  static void apply_unknowns(Value& values, const Value& unknown, const base::Location& where);

  const Value& plan_;
  base::Diagnostics& diagnostics_;
  std::vector<std::unique_ptr<ConfigModule>> modules_;
  std::map<std::string, std::pair<const Value*, const ConfigModule*>> config_resources_;  // address -> config
  std::map<std::string, const Value*> after_unknown_;
  std::map<std::string, std::vector<std::string>> instances_;  // config address -> instance addresses
  std::map<std::string, std::string> regions_;  // provider config key -> region
  std::vector<model::Resource> out_;
};

void PlanAdapter::index_config(const Value* module, const std::string& prefix, const ConfigModule* parent,
                               const std::string& call_name) {
  if (!module || !module->is_map()) return;
  modules_.push_back(std::make_unique<ConfigModule>(ConfigModule{prefix, module, parent, call_name}));
  const ConfigModule* self = modules_.back().get();
  if (const Value* rs = module->find("resources"); rs && rs->is_list())
    for (const Value& r : rs->as_list()) config_resources_[prefix + str(r.find("address"))] = {&r, self};
  if (const Value* calls = module->find("module_calls"); calls && calls->is_map())
    for (const model::Member& m : calls->as_map())
      index_config(m.value.find("module"), prefix + "module." + m.key + ".", self, m.key);
}

/// A configuration reference made absolute: resources get the module
/// prefix; a module variable follows the call's expression to its source.
std::string PlanAdapter::resolve(const std::string& ref, const ConfigModule& ctx, int depth) const {
  if (depth > 16) return "";
  if (ref.rfind("var.", 0) == 0) {
    if (!ctx.parent) return "";
    std::string name = ref.substr(4);
    size_t dot = name.find('.');
    if (dot != std::string::npos) name = name.substr(0, dot);
    const Value* calls = ctx.parent->module->find("module_calls");
    const Value* call = calls ? calls->find(ctx.call_name) : nullptr;
    const Value* expr = call ? call->find("expressions") : nullptr;
    const Value* e = expr ? expr->find(name) : nullptr;
    const Value* refs = e ? e->find("references") : nullptr;
    if (!refs || !refs->is_list() || refs->as_list().empty()) return "";
    return resolve(refs->as_list()[0].as_string(), *ctx.parent, depth + 1);
  }
  for (const char* skip : {"local.", "each.", "count.", "path.", "terraform.", "self."})
    if (ref.rfind(skip, 0) == 0) return "";
  if (ref.rfind("module.", 0) == 0) {
    // A module's output: what its expression refers to inside the module.
    std::string rest = ref.substr(7);
    size_t dot = rest.find('.');
    std::string name = rest.substr(0, dot);
    // module.sg[0].id: the call is "sg", whatever instance is read.
    if (size_t bracket = name.find('['); bracket != std::string::npos) name.erase(bracket);
    std::string output = dot == std::string::npos ? "" : rest.substr(dot + 1, rest.find('.', dot + 1) - dot - 1);
    const Value* calls = ctx.module->find("module_calls");
    const Value* call = calls ? calls->find(name) : nullptr;
    const Value* module = call ? call->find("module") : nullptr;
    const Value* outputs = module ? module->find("outputs") : nullptr;
    const Value* o = outputs && !output.empty() ? outputs->find(output) : nullptr;
    const Value* expr = o ? o->find("expression") : nullptr;
    const Value* refs = expr ? expr->find("references") : nullptr;
    std::string child_prefix = ctx.prefix + "module." + name + ".";
    const ConfigModule* child = nullptr;
    for (const auto& m : modules_)
      if (m->prefix == child_prefix) child = m.get();
    if (refs && refs->is_list() && child)
      for (const Value& r : refs->as_list())
        if (r.is_string())
          if (std::string abs = resolve(r.as_string(), *child, depth + 1); !abs.empty()) return abs;
    return ctx.prefix + ref;
  }
  if (ref.rfind("data.", 0) == 0) return ctx.prefix + ref;
  return ctx.prefix + ref;
}

/// The number of module calls a configuration address goes through.
size_t module_depth(const std::string& address) {
  size_t n = 0;
  for (size_t at = address.find("module."); at != std::string::npos; at = address.find("module.", at + 7))
    if (at == 0 || address[at - 1] == '.') ++n;
  return n;
}

/// The first `depth` module calls of an instance address, with their keys:
/// "module.a[\"x\"].module.b[0]." of "module.a[\"x\"].module.b[0].aws_s3_bucket.this". "" when
/// the address has fewer.
std::string instance_prefix(const std::string& address, size_t depth) {
  size_t pos = 0;
  for (size_t call = 0; call < depth; ++call) {
    if (address.compare(pos, 7, "module.") != 0) return "";
    pos += 7;
    while (pos < address.size() && address[pos] != '.' && address[pos] != '[') ++pos;
    if (pos < address.size() && address[pos] == '[') {
      bool quoted = false;
      for (; pos < address.size(); ++pos) {
        char c = address[pos];
        if (c == '"' && address[pos - 1] != '\\') quoted = !quoted;
        if (!quoted && c == ']') break;
      }
      ++pos;
    }
    if (pos >= address.size() || address[pos] != '.') return "";
    ++pos;
  }
  return address.substr(0, pos);
}

/// "aws_subnet.public[2]" for a reference to "aws_subnet.public" made by
/// the instance with count index 2 (`aws_subnet.public[count.index].id`), the
/// same for for_each keys; every instance for a reference without an index
/// (`aws_subnet.public[*].id`); the reference itself otherwise.
/// Inside a module instance (`instance`), only that instance's resources.
std::vector<std::string> PlanAdapter::instances_of(const std::string& ref, const Value* key, bool by_count,
                                                   bool by_each, const std::string& instance) const {
  // The resource part of the reference: "aws_subnet.public" of "aws_subnet.public.id".
  std::string base = ref;
  auto it = instances_.find(base);
  while (it == instances_.end()) {
    size_t dot = base.rfind('.');
    if (dot == std::string::npos) return {ref};
    base = base.substr(0, dot);
    it = instances_.find(base);
  }
  std::vector<std::string> all = it->second;
  if (all.size() == 1 && all[0] == base) return {ref};  // a single instance, no index
  // A reference inside an instance of a module (module.svc["a"]) means the
  // resources of that instance, or of the instances of its own module calls.
  if (std::string within = instance_prefix(instance, std::min(module_depth(base), module_depth(instance)));
      !within.empty()) {
    std::vector<std::string> mine;
    for (const std::string& a : all)
      if (a.rfind(within, 0) == 0) mine.push_back(a);
    if (!mine.empty()) all = std::move(mine);
  }
  std::string wanted;
  if (key && key->is_number() && by_count) wanted = base + "[" + std::to_string(key->as_int()) + "]";
  if (key && key->is_string() && by_each) wanted = base + "[\"" + key->as_string() + "\"]";
  if (!wanted.empty()) {
    for (const std::string& a : all)
      if (a == wanted) return {wanted};
  }
  return all;
}

/// The references of one expression, as a reference value (or a list of
/// them when the expression names several resources or instances).
Value PlanAdapter::references_for(const Value& expr, const ConfigModule& ctx, const Value* key,
                                  const std::string& instance) const {
  const Value* refs = expr.find("references");
  if (!refs || !refs->is_list()) return Value();
  bool by_count = false, by_each = false;
  for (const Value& r : refs->as_list()) {
    if (!r.is_string()) continue;
    by_count = by_count || r.as_string() == "count.index";
    by_each = by_each || r.as_string().rfind("each.", 0) == 0;
  }
  // Terraform lists "aws_vpc.main.id" then "aws_vpc.main": keep the most
  // specific reference of each resource, in order.
  std::vector<std::string> kept;
  for (const Value& r : refs->as_list()) {
    if (!r.is_string()) continue;
    std::string abs = resolve(r.as_string(), ctx, 0);
    if (abs.empty()) continue;
    bool covered = false;
    for (const std::string& k : kept)
      if (k.rfind(abs, 0) == 0) covered = true;
    if (!covered) kept.push_back(abs);
  }
  std::vector<std::string> targets;
  for (const std::string& k : kept)
    for (std::string& t : instances_of(k, key, by_count, by_each, instance)) targets.push_back(std::move(t));
  if (targets.empty()) return Value();
  if (targets.size() == 1) return Value::reference(targets[0]);
  Value list = Value::list();
  for (const std::string& t : targets) list.push_back(Value::reference(t));
  return list;
}

/// Unknown leaves of a nested value whose names end in "_id".
void unknown_ids(Value& v, std::vector<Value*>& out, int depth) {
  if (depth > 8) return;
  if (v.is_map()) {
    for (model::Member& m : v.as_map()) {
      if (m.value.is_unknown() && m.key.size() > 3 && m.key.compare(m.key.size() - 3, 3, "_id") == 0)
        out.push_back(&m.value);
      else unknown_ids(m.value, out, depth + 1);
    }
  } else if (v.is_list()) {
    for (Value& item : v.as_list()) unknown_ids(item, out, depth + 1);
  }
}

void unknown_leaves(Value& v, std::vector<Value*>& out, int depth) {
  if (depth > 8) return;
  if (v.is_unknown()) out.push_back(&v);
  else if (v.is_map())
    for (model::Member& m : v.as_map()) unknown_leaves(m.value, out, depth + 1);
  else if (v.is_list())
    for (Value& item : v.as_list()) unknown_leaves(item, out, depth + 1);
}

/// Whether a reference is a variable whose value was given when the plan was
/// made: a root variable without a default, reached through the module
/// calls that pass it down (password = var.db_password in each).
bool PlanAdapter::supplied(const std::string& ref, const ConfigModule& ctx, int depth) const {
  if (depth > 16 || ref.rfind("var.", 0) != 0) return false;
  std::string name = ref.substr(4, ref.find('.', 4) == std::string::npos ? std::string::npos : ref.find('.', 4) - 4);
  if (!ctx.parent) {
    const Value* vars = ctx.module->find("variables");
    const Value* decl = vars ? vars->find(name) : nullptr;
    return decl && !decl->find("default");
  }
  const Value* calls = ctx.parent->module->find("module_calls");
  const Value* call = calls ? calls->find(ctx.call_name) : nullptr;
  const Value* exprs = call ? call->find("expressions") : nullptr;
  const Value* e = exprs ? exprs->find(name) : nullptr;
  const Value* refs = e ? e->find("references") : nullptr;
  if (!refs || !refs->is_list() || refs->as_list().empty()) return false;
  for (const Value& r : refs->as_list())
    if (r.is_string() && r.as_string().rfind("var.", 0) == 0 && supplied(r.as_string(), *ctx.parent, depth + 1))
      return true;
  return false;
}

/// Whether a reference is a variable whose value is null: a module input
/// left unset whose default is null (terraform-aws-alb's internal), passed
/// null, or a root variable the plan gives null. An attribute set from it is
/// unset, and what the provider computes for it is its default.
bool PlanAdapter::null_variable(const std::string& ref, const ConfigModule& ctx, int depth) const {
  if (depth > 16 || ref.rfind("var.", 0) != 0 || ref.find('.', 4) != std::string::npos) return false;
  std::string name = ref.substr(4);
  if (!ctx.parent) {
    const Value* vars = plan_.find("variables");
    const Value* var = vars ? vars->find(name) : nullptr;
    const model::Member* value = var ? var->find_member("value") : nullptr;
    return value && value->value.is_null();
  }
  const Value* calls = ctx.parent->module->find("module_calls");
  const Value* call = calls ? calls->find(ctx.call_name) : nullptr;
  const Value* exprs = call ? call->find("expressions") : nullptr;
  if (const Value* e = exprs ? exprs->find(name) : nullptr) {
    if (const model::Member* c = e->find_member("constant_value")) return c->value.is_null();
    const Value* refs = e->find("references");
    return refs && refs->is_list() && refs->size() >= 1 && refs->as_list()[0].is_string() &&
           null_variable(refs->as_list()[0].as_string(), *ctx.parent, depth + 1);
  }
  const Value* vars = ctx.module->find("variables");
  const Value* decl = vars ? vars->find(name) : nullptr;
  const model::Member* def = decl ? decl->find_member("default") : nullptr;
  return def && def->value.is_null();
}

void PlanAdapter::apply_references(Value& values, const Value& expressions, const ConfigModule& ctx, const Value* key,
                                   const std::string& instance) {
  if (!expressions.is_map() || !values.is_map()) return;
  model::MapWriter members(values);
  for (const model::Member& m : expressions.as_map()) {
    Value* v = members.find(m.key);
    if (m.value.is_list()) {
      // A nested block: its expressions per block, matched by position.
      if (v && v->is_list())
        for (size_t i = 0; i < m.value.as_list().size() && i < v->as_list().size(); ++i)
          apply_references(v->as_list()[i], m.value.as_list()[i], ctx, key, instance);
      continue;
    }
    // A root variable without a default, here or passed down through module
    // calls: its value was given when the plan was made, not written in the code.
    if (v && v->is_string())
      if (const Value* refs = m.value.find("references"); refs && refs->is_list() && !refs->as_list().empty()) {
        // The first reference a supplied variable, and any other variable supplied too.
        const model::List& list = refs->as_list();
        bool given = supplied(str(&list[0]), ctx, 0) &&
                     std::all_of(list.begin() + 1, list.end(), [&](const Value& r) {
                       return r.is_string() && (r.as_string().rfind("var.", 0) != 0 || supplied(r.as_string(), ctx, 0));
                     });
        if (given) v->set_tag(model::kSuppliedTag);
      }
    Value ref = references_for(m.value, ctx, key, instance);
    if (ref.is_null()) continue;
    if (v && (v->is_list() || v->is_map()) && !ref.is_list()) {
      // An attribute holding blocks (`route { gateway_id = … }`): Terraform
      // gives the references of all of them at once. One unknown ID and one
      // resource named: that is where the reference goes.
      std::vector<Value*> unknown;
      unknown_ids(*v, unknown, 0);
      // A map with one unknown value (dimensions = {DBInstanceIdentifier = aws_db_instance.x.id}).
      if (unknown.empty()) unknown_leaves(*v, unknown, 0);
      if (unknown.size() == 1) {
        base::Location where = unknown[0]->location();
        *unknown[0] = std::move(ref);
        unknown[0]->set_location(where);
      }
      continue;
    }
    bool unknown_list = v && v->is_list() && !v->as_list().empty() &&
                        std::all_of(v->as_list().begin(), v->as_list().end(), [](const Value& x) { return x.is_unknown(); });
    if (v && !v->is_unknown() && !v->is_null() && !unknown_list) continue;  // known: the plan says it
    // The configuration's references do not say whether the expression was
    // `[aws_subnet.a.id]` or `aws_subnet.a.id`; Terraform's naming does.
    const std::string& k = m.key;
    bool plural = k.ends_with("_ids") || k.ends_with("_arns") || k == "security_groups" || k == "subnets";
    // One value that may be either of several (`bucket = var.directory ?
    // aws_s3_directory_bucket.this[0].bucket : aws_s3_bucket.this[0].id`):
    // which one is known only at apply.
    if (!plural && ref.is_list()) continue;
    if (plural && !ref.is_list()) ref = Value::list({std::move(ref)});
    base::Location where = v ? v->location() : values.location();
    ref.set_location(where);
    if (ref.is_list())
      for (Value& item : ref.as_list()) item.set_location(where);
    members.set(m.key, std::move(ref));
  }
}

void PlanAdapter::apply_unknowns(Value& values, const Value& unknown, const base::Location& where) {
  if (!unknown.is_map() || !values.is_map()) return;
  model::MapWriter members(values);
  for (const model::Member& m : unknown.as_map()) {
    Value* v = members.find(m.key);
    if (m.value.is_bool() && m.value.as_bool()) {
      base::Location at = v ? v->location() : where;
      members.set(m.key, Value::unknown("known after apply", at));
    } else if (m.value.is_map() && v && v->is_map()) {
      apply_unknowns(*v, m.value, v->location());
    } else if (m.value.is_list() && v && v->is_list()) {
      for (size_t i = 0; i < m.value.as_list().size() && i < v->as_list().size(); ++i) {
        const Value& u = m.value.as_list()[i];
        Value& item = v->as_list()[i];
        if (u.is_bool() && u.as_bool()) item = Value::unknown("known after apply", item.location());
        else apply_unknowns(item, u, item.location());
      }
    }
  }
}

/// "module.a.aws_x.y[0]" -> "module.a.aws_x.y": the configuration address.
std::string config_address(const std::string& address) {
  std::string out;
  size_t i = 0;
  while (i < address.size()) {
    if (address[i] == '[') {
      int depth = 0;
      bool quoted = false;
      for (; i < address.size(); ++i) {
        char c = address[i];
        if (c == '"' && (i == 0 || address[i - 1] != '\\')) quoted = !quoted;
        if (!quoted && c == '[') ++depth;
        if (!quoted && c == ']' && --depth == 0) break;
      }
      ++i;
      continue;
    }
    out += address[i++];
  }
  return out;
}

void PlanAdapter::index_instances(const Value& module) {
  for_each_module_resource(module, [&](const Value& r) {
    std::string address = str(r.find("address"));
    instances_[config_address(address)].push_back(address);
  });
}

void drop_nulls(Value& v) {
  if (v.is_map()) {
    std::erase_if(v.as_map(), [](const model::Member& m) { return m.value.is_null(); });
    for (model::Member& m : v.as_map()) drop_nulls(m.value);
  } else if (v.is_list()) {
    for (Value& item : v.as_list()) drop_nulls(item);
  }
}

void PlanAdapter::walk_planned(const Value& module) {
  for_each_module_resource(module, [&](const Value& r) {
    if (str(r.find("mode")) == "data") return;
    model::Resource res;
    res.type = str(r.find("type"));
    res.address = str(r.find("address"));
    res.source = model::SourceKind::terraform_plan;
    // A plan resource reads best at its "address" line.
    const model::Member* address = r.find_member("address");
    res.location = address ? base::span(address->key_location, address->value.location()) : r.location();
    const Value* values = r.find("values");
    res.attrs = values && values->is_map() ? *values : Value::map({}, res.location);
    // Values that the plan leaves out (unknown, or set by reference) are
    // placed at the resource.
    res.attrs.set_location(res.location);
    if (auto it = after_unknown_.find(res.address); it != after_unknown_.end())
      apply_unknowns(res.attrs, *it->second, res.location);
    auto cfg = config_resources_.find(config_address(res.address));
    if (cfg != config_resources_.end()) {
      const Value* exprs = cfg->second.first->find("expressions");
      // The module instance it is in: its address less the resource's own part.
      std::string instance = instance_prefix(res.address, module_depth(cfg->second.second->prefix));
      if (exprs) apply_references(res.attrs, *exprs, *cfg->second.second, r.find("index"), instance);
      // What the configuration leaves out is the provider's default, as in
      // HCL: an attribute Terraform computes at apply time that the
      // configuration does not set is absent, not undecided
      // (storage_encrypted of an aws_rds_cluster, kms_key_id).
      if (auto u = after_unknown_.find(res.address); u != after_unknown_.end() && u->second->is_map())
        std::erase_if(res.attrs.as_map(), [&](const model::Member& m) {
          const Value* flag = u->second->find(m.key);
          if (!m.value.is_unknown() || !flag || !flag->is_bool() || !flag->as_bool()) return false;
          const Value* e = exprs ? exprs->find(m.key) : nullptr;
          if (!e) return true;
          // Set from a variable that is null: unset, as in HCL.
          const Value* refs = e->find("references");
          return refs && refs->is_list() && refs->size() == 1 && refs->as_list()[0].is_string() &&
                 null_variable(refs->as_list()[0].as_string(), *cfg->second.second, 0);
        });
      std::string key = str(cfg->second.first->find("provider_config_key"));
      if (auto reg = regions_.find(key); reg != regions_.end()) res.region = reg->second;
    }
    if (std::optional<std::string> own = own_region(res)) res.region = *own;
    // A plan lists every attribute of the schema, null when unset; in
    // Terraform, null is unset, and so absent as in HCL.
    drop_nulls(res.attrs);
    // Provider default tags are in tags_all: the tags that count.
    if (const Value* all = res.attrs.find("tags_all"); all && all->is_map()) {
      Value merged = *all;
      if (const Value* own = res.attrs.find("tags"); own && own->is_map())
        for (const model::Member& m : own->as_map()) merged.set(m.key, m.value, m.key_location);
      const model::Member* own_member = res.attrs.find_member("tags");
      res.attrs.set("tags", std::move(merged), own_member ? own_member->key_location : base::Location{});
    }
    res.ids.push_back(res.address);
    out_.push_back(std::move(res));
  });
}

std::vector<model::Resource> PlanAdapter::run() {
  const Value* config = plan_.find("configuration");
  if (config) {
    index_config(config->find("root_module"), "", nullptr, "");
    if (const Value* providers = config->find("provider_config"); providers && providers->is_map())
      for (const model::Member& p : providers->as_map()) {
        const Value* exprs = p.value.find("expressions");
        const Value* region = exprs ? exprs->find("region") : nullptr;
        const Value* constant = region ? region->find("constant_value") : nullptr;
        if (constant && constant->is_string()) {
          regions_[p.key] = constant->as_string();
          continue;
        }
        // region = var.region in the root module: the plan holds the variable's value.
        const Value* refs = region ? region->find("references") : nullptr;
        if (!refs || !refs->is_list() || refs->as_list().empty() || p.value.find("module_address")) continue;
        std::string ref = str(&refs->as_list()[0]);
        if (ref.rfind("var.", 0) != 0) continue;
        const Value* vars = plan_.find("variables");
        const Value* var = vars ? vars->find(ref.substr(4)) : nullptr;
        const Value* value = var ? var->find("value") : nullptr;
        if (value && value->is_string()) regions_[p.key] = value->as_string();
      }
  }
  if (const Value* changes = plan_.find("resource_changes"); changes && changes->is_list())
    for (const Value& c : changes->as_list()) {
      const Value* change = c.find("change");
      const Value* unknown = change ? change->find("after_unknown") : nullptr;
      if (unknown) after_unknown_[str(c.find("address"))] = unknown;
    }
  const Value* planned = plan_.find("planned_values");
  if (!planned) planned = plan_.find("values");  // `terraform show -json` of a state
  const Value* root = planned ? planned->find("root_module") : nullptr;
  if (!root) {
    diagnostics_.push_back(base::warning("tf-plan", plan_.location(),
                                         "this plan JSON has no planned_values.root_module; it describes no resources"));
    return {};
  }
  // -target (or -exclude) plans part of the configuration: what it leaves
  // out stays as it is, and is not in the plan to be judged.
  if (const Value* complete = plan_.find("complete"); complete && complete->is_bool() && !complete->as_bool())
    diagnostics_.push_back(base::warning(
        "tf-plan-partial", complete->location(),
        "this plan is partial (made with -target): the resources it does not plan are not judged; scan the "
        "configuration, or a plan of all of it"));
  if (const Value* errored = plan_.find("errored"); errored && errored->is_bool() && errored->as_bool())
    diagnostics_.push_back(base::warning("tf-plan", errored->location(),
                                         "Terraform reported errors making this plan: it may be incomplete"));
  index_instances(*root);
  walk_planned(*root);
  return std::move(out_);
}

}  // namespace

void for_each_module_resource(const Value& module, const std::function<void(const Value&)>& visit) {
  if (!module.is_map()) return;
  if (const Value* rs = module.find("resources"); rs && rs->is_list())
    for (const Value& r : rs->as_list()) visit(r);
  if (const Value* children = module.find("child_modules"); children && children->is_list())
    for (const Value& c : children->as_list()) for_each_module_resource(c, visit);
}

std::vector<model::Resource> adapt_plan(const model::Value& plan, base::Diagnostics& diagnostics) {
  return PlanAdapter(plan, diagnostics).run();
}

}  // namespace guardrail::adapt::terraform
