#include "scan/cloudformation_stage.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "adapt/aws_regions.hpp"
#include "adapt/cloudformation/mapping.hpp"
#include "adapt/cloudformation/template.hpp"
#include "base/intern.hpp"
#include "base/paths.hpp"
#include "load/json_loader.hpp"
#include "load/limits.hpp"
#include "load/yaml_loader.hpp"
#include "scan/parallel.hpp"

namespace guardrail::scan {
namespace {

namespace fs = std::filesystem;
namespace cfn = adapt::cloudformation;
using model::Value;

std::string normal_path(const fs::path& p) { return base::absolute_normal(p).string(); }

/// AWS::Region and AWS::AccountId from the folders of a path.
void placement_from_path(const std::string& path, cfn::Inputs& inputs) {
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
    std::string folder = path.substr(start, slash - start);
    if (inputs.region.empty() && adapt::is_region_name(folder)) inputs.region = folder;
    if (inputs.account.empty() && folder.size() == 12 &&
        folder.find_first_not_of("0123456789") == std::string::npos)
      inputs.account = folder;
    start = slash + 1;
  }
}

/// Parameter files: the AWS CLI's [{"ParameterKey": k, "ParameterValue": v}],
/// or a CodePipeline template configuration {"Parameters": {k: v}, "Tags":
/// {k: v}}, whose tags are the stack's.
void read_parameter_file(const std::string& path, std::map<std::string, Value>& out, Value& stack_tags,
                         base::Diagnostics& diagnostics, std::vector<std::unique_ptr<base::SourceFile>>& keep) {
  base::FileRead read = load::read_document(path);
  if (!read.ok()) {
    diagnostics.push_back(base::error("cfn-params", base::Location{base::intern(path)},
                                      "cannot read the parameter file: " + read.error));
    return;
  }
  keep.push_back(std::make_unique<base::SourceFile>(path, std::move(read.bytes)));
  load::Documents docs = load::load_json(*keep.back());
  for (auto& d : docs.diagnostics) diagnostics.push_back(d);
  if (docs.documents.empty()) return;
  const Value& doc = docs.documents[0];
  if (doc.is_list()) {
    for (const Value& p : doc.as_list()) {
      const Value* k = p.find("ParameterKey");
      const Value* v = p.find("ParameterValue");
      if (k && k->is_string() && v) out[k->as_string()] = *v;
    }
  } else if (const Value* params = doc.find("Parameters"); params && params->is_map()) {
    for (const model::Member& m : params->as_map()) out[m.key] = m.value;
    if (const Value* tags = doc.find("Tags"); tags && tags->is_map())
      for (const model::Member& m : tags->as_map()) stack_tags.set(m.key, m.value, m.key_location);
  } else if (const Value* tags = doc.find("Tags"); tags && tags->is_map()) {
    for (const model::Member& m : tags->as_map()) stack_tags.set(m.key, m.value, m.key_location);
  } else {
    diagnostics.push_back(base::error("cfn-params", doc.location(),
                                      "expected [{\"ParameterKey\", \"ParameterValue\"}] or {\"Parameters\": {...}}"));
  }
}

/// Whether a template may declare a stack of its own (a nested stack or a SAM
/// application) anywhere under its Resources, or has a `Fn::ForEach` loop
/// (which may make one): only such a template need be evaluated to learn
/// which templates it nests.
bool declares_stacks(const Value& document) {
  const Value* resources = document.find("Resources");
  if (!resources) return false;
  std::vector<const Value*> todo{resources};
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    if (v->is_string()) {
      const std::string& s = v->as_string();
      if (s == "AWS::CloudFormation::Stack" || s == "AWS::Serverless::Application") return true;
    } else if (v->is_list()) {
      for (const Value& item : v->as_list()) todo.push_back(&item);
    } else if (v->is_map()) {
      for (const model::Member& m : v->as_map()) {
        // A loop may make its type from its collection ("AWS::CloudFormation::${Kind}").
        if (m.key.rfind("Fn::ForEach::", 0) == 0) return true;
        todo.push_back(&m.value);
      }
    }
  }
  return false;
}

/// Stack tags reach every resource of the stack that takes tags, and those
/// of its nested stacks; a resource's own tag of the same key wins.
void add_stack_tags(model::Resource& r, const Value& stack_tags) {
  Value* own = r.attrs.find("tags");
  if (own && !own->is_map()) return;  // unknown until deployed: still unknown
  if (stack_tags.is_unknown()) {
    // A nested stack's Tags known when deployed: so are its resources'.
    r.attrs.set("tags", stack_tags, own ? r.attrs.find_member("tags")->key_location : r.location);
    return;
  }
  if (!stack_tags.is_map() || stack_tags.size() == 0) return;
  if (!own) {
    r.attrs.set("tags", Value::map({}, r.location), r.location);
    own = r.attrs.find("tags");
  }
  for (const model::Member& m : stack_tags.as_map())
    if (!own->find(m.key)) own->set(m.key, m.value, m.key_location);
}

/// One evaluation of a template: the top-level one, or one through a nested
/// stack (`nested` names the template then). A nested template's own problems
/// and parameter defaults are reported once, with its first evaluation in
/// file order; its resources with every evaluation (each is a stack of its own).
struct Instance {
  std::string nested;
  base::Diagnostics own;
  std::vector<model::Resource> resources;
  std::optional<model::Resource> defaults;
  base::Diagnostics nesting;  // about its nested stacks: always reported
};

class Stage {
 public:
  Stage(const std::vector<LoadedFile*>& files, const CloudFormationOptions& options) {
    for (LoadedFile* f : files)
      if (!f->input.disk_path.empty() && !f->documents.empty()) by_path_[normal_path(f->input.disk_path)] = f;
    for (const std::string& file : options.param_files) read_parameter_file(file, given_, stack_tags_, out_.diagnostics, keep_);
    for (const std::string& kv : options.params) {
      size_t eq = kv.find('=');
      if (eq != std::string::npos) given_[kv.substr(0, eq)] = Value::string(kv.substr(eq + 1));
    }
  }

  CloudFormationOutput run(const std::vector<LoadedFile*>& files, unsigned jobs);

 private:
  /// Appends to `out` the evaluation of `f` and, after it, those of the
  /// templates it nests (depth first, as CloudFormation creates them).
  /// `prefix` begins the addresses of its resources: "parent.yaml#" for a
  /// top-level template, "parent.yaml#Network/" for the stack Network it
  /// nests (each nesting of one template is a stack of its own).
  /// `stack_tags` reach its resources; `uncounted` says the stack itself
  /// may not be created; `call_site` is the outermost nesting stack resource
  /// (a finding in a nested template moves there when only the parent is named).
  void evaluate(const LoadedFile& f, cfn::Inputs inputs, const std::string& prefix, const Value& stack_tags,
                bool uncounted, const base::Location& call_site, const std::string& scope, const std::string& origin, int depth,
                std::set<std::string>& stack, std::vector<Instance>& out) const;
  cfn::Inputs inputs_for(const LoadedFile& f) const;

  std::map<std::string, LoadedFile*> by_path_;
  std::map<std::string, Value> given_;
  Value stack_tags_ = Value::map();  // a template configuration's Tags
  std::vector<std::unique_ptr<base::SourceFile>> keep_;
  CloudFormationOutput out_;
};

/// Whether a template is a Serverless Framework resources file: a
/// serverless.yml in its folder or one above (up to 6) names it with
/// ${file(...)}.
bool serverless_fragment(const std::string& disk_path) {
  if (disk_path.empty()) return false;
  std::error_code ec;
  fs::path file = base::absolute_normal(disk_path);
  fs::path dir = file.parent_path();
  for (int up = 0; up < 6 && !dir.empty(); ++up) {
    for (const char* name : {"serverless.yml", "serverless.yaml"}) {
      if (!fs::is_regular_file(dir / name, ec)) continue;
      base::FileRead read = load::read_document((dir / name).string());
      if (!read.ok()) continue;
      std::string rel = file.lexically_relative(dir).generic_string();
      for (const std::string& form : {"${file(" + rel, "${file(./" + rel})
        if (read.bytes.find(form) != std::string::npos) return true;
    }
    if (fs::exists(dir / ".git", ec) || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return false;
}

cfn::Inputs Stage::inputs_for(const LoadedFile& f) const {
  cfn::Inputs in;
  // A fragment has no AWSTemplateFormatVersion or Transform of its own.
  if (!f.documents.empty() && !f.documents[0].find("AWSTemplateFormatVersion") && !f.documents[0].find("Transform"))
    in.fragment = serverless_fragment(f.input.disk_path);
  for (const auto& [k, v] : given_) {
    if (k == "AWS::Region" && v.is_string()) in.region = v.as_string();
    else if (k == "AWS::AccountId" && v.is_string()) in.account = v.as_string();
    else in.parameters[k] = v;
  }
  placement_from_path(f.input.display_path, in);
  return in;
}

void Stage::evaluate(const LoadedFile& f, cfn::Inputs inputs, const std::string& prefix, const Value& stack_tags,
                     bool uncounted, const base::Location& call_site, const std::string& scope, const std::string& origin, int depth,
                     std::set<std::string>& stack, std::vector<Instance>& out) const {
  const std::string& path = f.input.display_path;
  cfn::Evaluated ev = cfn::evaluate_template(f.documents[0], inputs, prefix);
  out.emplace_back();
  Instance& here = out.back();
  if (depth > 0) here.nested = path;
  here.own = std::move(ev.diagnostics);
  for (cfn::TemplateResource& tr : ev.resources) {
    model::Resource r;
    r.type = cfn::canonical_type(tr.type);
    r.address = prefix + tr.logical_id;
    r.source = model::SourceKind::cloudformation;
    r.location = tr.location;
    r.call_site = call_site;
    r.region = inputs.region;
    r.account = inputs.account;
    r.scope = scope;
    r.origin = origin;  // a nested template's environment is its parent's
    r.attrs = cfn::canonical_attributes(tr.type, tr.properties);
    r.attrs.set_location(tr.location);
    if (!tr.suppressions.is_null()) r.suppressions = std::make_shared<const model::Value>(std::move(tr.suppressions));
    r.macro = ev.macro;
    r.uncounted = uncounted || tr.condition_unknown;  // its Condition is decided at deploy: it may not be created
    r.partial = tr.properties_unknown;                // so is what its Properties set
    add_stack_tags(r, stack_tags);
    r.ids.push_back(scope + ":" + r.address);
    r.reported = f.input.reported;
    here.resources.push_back(std::move(r));
  }
  // The template's parameter defaults, for rules that look for secrets in
  // literals (a NoEcho default is still in the repository).
  if (const model::Value* params = f.documents[0].find("Parameters"); params && params->is_map()) {
    model::Resource r;
    r.type = "cloudformation_parameters";
    r.address = path + "#Parameters";
    r.source = model::SourceKind::cloudformation;
    r.attrs = model::Value::map();
    for (const model::Member& p : params->as_map())
      if (const model::Value* d = p.value.find("Default"); d && !d->is_map())
        r.attrs.set(p.key, *d, p.key_location);
    r.location = params->location();
    r.location.end_line = r.location.line;
    r.region = inputs.region;
    r.account = inputs.account;
    r.scope = scope;
    r.origin = origin;
    r.ids.push_back(scope + ":" + r.address);
    r.reported = f.input.reported;
    if (r.attrs.size()) here.defaults = std::move(r);
  }
  // `here` is not used below: the nested evaluations grow `out`.
  size_t index = out.size() - 1;
  for (const cfn::NestedStack& n : ev.nested) {
    fs::path child = fs::path(f.input.disk_path).parent_path() / n.template_path;
    auto it = by_path_.find(normal_path(child));
    if (it == by_path_.end()) {
      out[index].nesting.push_back(base::warning("cfn-nested", n.location,
                                                 "nested stack " + n.logical_id + ": " + n.template_path +
                                                     " is not among the scanned files; its resources are not checked"));
      continue;
    }
    if (depth >= 8 || stack.count(it->first)) {
      out[index].nesting.push_back(
          base::error("cfn-nested", n.location, "nested stack " + n.logical_id + " includes itself"));
      continue;
    }
    cfn::Inputs child_inputs = inputs;
    child_inputs.parameters.clear();
    for (const model::Member& m : n.parameters.as_map()) child_inputs.parameters[m.key] = m.value;
    // The stack's own Tags and its parent's stack tags reach the child's resources.
    const model::Resource* nesting = nullptr;
    for (const model::Resource& r : out[index].resources)
      if (r.address == prefix + n.logical_id) nesting = &r;
    Value child_tags = stack_tags;
    bool child_uncounted = uncounted;
    if (nesting) {
      child_uncounted = child_uncounted || nesting->uncounted;
      if (const Value* tags = nesting->attrs.find("tags")) child_tags = *tags;  // the parent's merged in above
    }
    stack.insert(it->first);
    evaluate(*it->second, child_inputs, prefix + n.logical_id + "/", child_tags, child_uncounted,
             call_site.known() ? call_site : nesting ? nesting->location : n.location, scope, origin,
             depth + 1, stack, out);
    stack.erase(it->first);
  }
}

CloudFormationOutput Stage::run(const std::vector<LoadedFile*>& files, unsigned jobs) {
  // Templates that a scanned template nests are evaluated through it. Only
  // a template that declares a stack need be evaluated to find them.
  std::vector<std::vector<std::string>> nests(files.size());
  parallel_for(files.size(), jobs, [&](size_t i) {
    const LoadedFile& f = *files[i];
    if (f.documents.empty() || f.input.disk_path.empty() || !declares_stacks(f.documents[0])) return;
    try {
      cfn::Evaluated ev = cfn::evaluate_template(f.documents[0], inputs_for(f), "");
      for (const cfn::NestedStack& n : ev.nested)
        nests[i].push_back(normal_path(fs::path(f.input.disk_path).parent_path() / n.template_path));
    } catch (const std::exception&) {
      // Reported by the evaluation below, which throws the same.
    }
  });
  std::set<std::string> nested;
  for (auto& paths : nests) nested.insert(paths.begin(), paths.end());

  // Each top-level template on its own worker, merged in file order: the
  // output does not depend on --jobs.
  std::vector<std::vector<Instance>> evaluated(files.size());
  parallel_for(files.size(), jobs, [&](size_t i) {
    const LoadedFile& f = *files[i];
    if (f.documents.empty()) return;
    std::string key = f.input.disk_path.empty() ? f.input.display_path : normal_path(f.input.disk_path);
    if (nested.count(key)) return;
    std::set<std::string> stack{key};
    std::string origin = fs::path(f.input.display_path).parent_path().generic_string();
    // A defect of ours in one template must not cost the others their scan.
    try {
      evaluate(f, inputs_for(f), f.input.display_path + "#", stack_tags_, false, {}, "cfn:" + f.input.display_path,
               origin, 0, stack, evaluated[i]);
    } catch (const std::exception& e) {
      evaluated[i].clear();
      evaluated[i].emplace_back();
      evaluated[i].back().own.push_back(base::error("internal", f.documents[0].location(),
                                                    std::string("this template could not be evaluated (") + e.what() +
                                                        "); please report it with the file attached"));
    }
  });
  std::set<std::string> reported;  // nested templates whose problems and defaults are out
  for (std::vector<Instance>& instances : evaluated)
    for (Instance& in : instances) {
      bool first = in.nested.empty() || reported.insert(in.nested).second;
      if (first) std::move(in.own.begin(), in.own.end(), std::back_inserter(out_.diagnostics));
      std::move(in.resources.begin(), in.resources.end(), std::back_inserter(out_.resources));
      if (first && in.defaults) out_.resources.push_back(std::move(*in.defaults));
      std::move(in.nesting.begin(), in.nesting.end(), std::back_inserter(out_.diagnostics));
    }
  // Parameter files, wherever they are: a value from one is shown where it is written.
  for (auto& src : keep_) out_.extra_sources.push_back(std::move(src));
  return std::move(out_);
}

}  // namespace

CloudFormationOutput run_cloudformation(const std::vector<LoadedFile*>& files, const CloudFormationOptions& options,
                                       unsigned jobs) {
  Stage stage(files, options);
  return stage.run(files, jobs);
}

}  // namespace guardrail::scan
