#include "scan/drift.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "base/text.hpp"
#include "evaluate/builtins.hpp"
#include "model/value.hpp"
#include "version.hpp"

namespace guardrail::scan {
namespace {

using model::Kind;
using model::Resource;
using model::Value;

}  // namespace

const std::vector<DriftType>& drift_types() {
  // Keys are what a resource is created with and AWS keeps; compared
  // attributes are those some rule reads (encryption, exposure, CIDRs,
  // versions, multi-AZ, sizes). docs/drift.md prints this table.
  static const std::vector<DriftType> kTypes = {
      {"aws_vpc", {"cidr_block"}, {"cidr_block", "enable_dns_support", "enable_dns_hostnames", "instance_tenancy"}},
      {"aws_subnet", {"cidr_block"}, {"availability_zone", "map_public_ip_on_launch"}},
      {"aws_security_group", {"name"}, {"ingress", "egress"}},
      {"aws_network_acl", {"tags.Name"}, {}},
      {"aws_route_table", {"tags.Name"}, {}},
      {"aws_internet_gateway", {"tags.Name"}, {}},
      {"aws_nat_gateway", {"tags.Name"}, {"connectivity_type"}},
      {"aws_vpc_endpoint", {"service_name"}, {"vpc_endpoint_type", "private_dns_enabled"}},
      {"aws_instance", {"tags.Name"}, {"instance_type", "metadata_options.http_tokens", "ebs_optimized", "monitoring"}},
      {"aws_ebs_volume", {"tags.Name"}, {"encrypted", "size", "type"}},
      {"aws_ebs_encryption_by_default", {""}, {"enabled"}},
      {"aws_db_instance",
       {"identifier"},
       {"instance_class", "engine", "engine_version", "multi_az", "storage_encrypted", "publicly_accessible",
        "backup_retention_period", "deletion_protection", "allocated_storage", "iam_database_authentication_enabled",
        "auto_minor_version_upgrade", "enabled_cloudwatch_logs_exports"}},
      {"aws_rds_cluster",
       {"cluster_identifier"},
       {"engine", "engine_version", "storage_encrypted", "backup_retention_period", "deletion_protection",
        "iam_database_authentication_enabled"}},
      {"aws_db_subnet_group", {"name", "id"}, {}},
      {"aws_db_parameter_group", {"name", "id"}, {"family"}},
      {"aws_eks_cluster",
       {"name"},
       {"version", "vpc_config.endpoint_public_access", "vpc_config.endpoint_private_access",
        "vpc_config.public_access_cidrs", "enabled_cluster_log_types"}},
      {"aws_eks_node_group",
       {"cluster_name+node_group_name"},
       {"instance_types", "capacity_type", "scaling_config.min_size", "scaling_config.max_size"}},
      {"aws_eks_addon", {"cluster_name+addon_name"}, {"addon_version"}},
      {"aws_lb", {"name", "load_balancer_name"}, {"load_balancer_type", "scheme"}},
      {"aws_kms_key", {"description"}, {"enable_key_rotation", "key_usage", "customer_master_key_spec"}},
      {"aws_cloudwatch_log_group", {"name"}, {"retention_in_days"}},
      {"aws_cloudwatch_metric_alarm",
       {"alarm_name"},
       {"namespace", "metric_name", "statistic", "comparison_operator", "threshold", "evaluation_periods", "period",
        "actions_enabled"}},
      {"aws_cloudtrail",
       {"name"},
       {"is_multi_region_trail", "include_global_service_events", "enable_log_file_validation", "enable_logging",
        "is_organization_trail"}},
      {"aws_config_configuration_recorder", {"name"}, {"recording_group.all_supported", "recording_group.include_global_resource_types"}},
      {"aws_config_configuration_recorder_status", {"name"}, {"is_enabled"}},
      {"aws_config_delivery_channel", {"name"}, {"s3_bucket_name"}},
      {"aws_guardduty_detector", {""}, {}},
      {"aws_secretsmanager_secret", {"name"}, {}},
      {"aws_ecr_repository",
       {"name"},
       {"image_tag_mutability", "image_scanning_configuration.scan_on_push", "encryption_configuration.encryption_type"}},
      {"aws_s3_bucket", {"bucket"}, {}},
      {"aws_lambda_function", {"function_name"}, {"runtime"}},
      {"aws_wafv2_web_acl", {"name"}, {}},
      {"aws_iam_role", {"name"}, {"path", "max_session_duration"}, true},
      {"aws_cloudfront_distribution", {"aliases"}, {"enabled", "price_class", "http_version", "is_ipv6_enabled"}, true},
      {"aws_route53_health_check",
       {"fqdn+resource_path", "fully_qualified_domain_name+resource_path"},
       {"type", "port", "failure_threshold", "request_interval"},
       true},
  };
  return kTypes;
}

namespace {

/// The key of a type that is one per account and region.
constexpr std::string_view kSingleton = "(the one)";

const DriftType* type_of(std::string_view type) {
  for (const DriftType& t : drift_types())
    if (t.type == type) return &t;
  return nullptr;
}

/// The member at a dotted path; a list of one map (a Terraform block) is
/// looked through, as is the AWS CLI's {Quantity, Items} wrapper.
const model::Member* member_at(const Value& root, std::string_view path) {
  const Value* v = &root;
  const model::Member* found = nullptr;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view step = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (v->is_list() && v->size() == 1 && v->as_list()[0].is_map()) v = &v->as_list()[0];
    found = v->find_member(step);
    if (!found) return nullptr;
    v = &found->value;
  }
  return found;
}

const Value* items_of(const Value& v) {
  if (v.is_map())
    if (const Value* items = v.find("items"); items && v.find("quantity")) return items;
  return &v;
}

/// A scalar as comparable text: booleans and numbers whatever their
/// spelling ("true", 5 and "5", 5.0), strings case-folded (AWS answers
/// enumerations in capitals that Terraform writes in lower case).
std::string scalar_text(const Value& v) {
  switch (v.kind()) {
    case Kind::boolean: return v.as_bool() ? "true" : "false";
    case Kind::integer: return std::to_string(v.as_int());
    case Kind::floating: {
      double d = v.as_double();
      if (d == static_cast<double>(static_cast<int64_t>(d))) return std::to_string(static_cast<int64_t>(d));
      std::ostringstream s;
      s << d;
      return s.str();
    }
    case Kind::string: {
      std::string s = base::ascii_lower(v.as_string());
      if (s == "true" || s == "false") return s;
      if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 19)
        return std::to_string(std::stoll(s));
      return s;
    }
    default: return "";
  }
}

/// One security group rule per source, as AWS lists them: a declared rule
/// with two CIDR blocks is two deployed permissions.
void rule_atoms(const Value& rule, std::set<std::string>& out) {
  auto text = [&](const char* key) {
    const Value* v = rule.find(key);
    return v && v->is_scalar() && !v->is_null() ? scalar_text(*v) : std::string();
  };
  std::string protocol = text("protocol");
  if (protocol == "all" || protocol == "-1") protocol = "-1";
  if (protocol == "6") protocol = "tcp";
  if (protocol == "17") protocol = "udp";
  std::string ports = protocol == "-1" ? "all" : text("from_port") + "-" + text("to_port");
  std::string head = protocol + " " + ports + " ";
  for (const char* list : {"cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups"})
    if (const Value* v = rule.find(list); v && v->is_list())
      for (const Value& s : v->as_list()) out.insert(head + scalar_text(s));
  if (const Value* self = rule.find("self"); self && self->is_bool() && self->as_bool()) out.insert(head + "self");
}

std::string display(const Value& v) { return model::to_display(v, 120); }

/// `v` with the value of every member whose name says it is a secret
/// (db_password, API_TOKEN) replaced by stars: drift shows two values, and
/// never a secret (docs/semantics.md, SEC-004).
/// `hidden` gets the places of the values starred, for every output's
/// snippets to mask.
Value redacted(const Value& v, std::vector<base::Location>& hidden) {
  if (v.is_map()) {
    Value out = Value::map({}, v.location());
    for (const model::Member& m : v.as_map()) {
      bool secret = m.value.is_scalar() && evaluate::is_secret_name(m.key) && !m.value.is_null();
      if (secret) hidden.push_back(m.value.location());
      out.set(m.key, secret ? Value::string("****", m.value.location()) : redacted(m.value, hidden), m.key_location);
    }
    return out;
  }
  if (v.is_list()) {
    Value out = Value::list({}, v.location());
    for (const Value& item : v.as_list()) out.push_back(redacted(item, hidden));
    return out;
  }
  return v;
}

/// A compared value as drift's messages show it: "****" for an attribute
/// named as a secret, its secret members starred otherwise.
std::string shown(const std::string& attribute, const Value& v, std::vector<base::Location>& hidden) {
  for (size_t start = 0; start <= attribute.size();) {
    size_t dot = attribute.find('.', start);
    if (evaluate::is_secret_name(attribute.substr(start, dot - start))) {
      hidden.push_back(v.location());
      return "****";
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return display(redacted(v, hidden));
}

/// Whether the declared value and the deployed one say the same. Not
/// comparable (the declared side unknown or unset, the deployed side
/// absent): true.
bool same_value(std::string_view attribute, const Value& declared_raw, const Value& deployed_raw) {
  const Value& declared = *items_of(declared_raw);
  const Value& deployed = *items_of(deployed_raw);
  if (declared.is_null() || !model::wholly_known(declared) || deployed.is_null() || deployed.is_unknown()) return true;
  if (attribute == "ingress" || attribute == "egress") {
    if (!declared.is_list() || !deployed.is_list()) return true;
    std::set<std::string> a, b;
    for (const Value& r : declared.as_list()) rule_atoms(r, a);
    for (const Value& r : deployed.as_list()) rule_atoms(r, b);
    return a == b;
  }
  if (declared.is_scalar() && deployed.is_scalar()) {
    std::string a = scalar_text(declared), b = scalar_text(deployed);
    if (a == b) return true;
    // An engine version written as a prefix ("16") is any of its minors ("16.4").
    if (attribute == "engine_version" || attribute == "version" || attribute == "addon_version")
      return b.rfind(a + ".", 0) == 0;
    return false;
  }
  if (declared.is_list() && deployed.is_list()) {
    // A block (a list of one map) is its map.
    if (declared.size() == 1 && deployed.size() == 1 && declared.as_list()[0].is_map() &&
        deployed.as_list()[0].is_map())
      return same_value(attribute, declared.as_list()[0], deployed.as_list()[0]);
    // Lists of scalars compare as sets: AWS does not keep their order.
    std::multiset<std::string> a, b;
    for (const Value& v : declared.as_list()) {
      if (!v.is_scalar()) return true;  // lists of blocks: not compared
      a.insert(scalar_text(v));
    }
    for (const Value& v : deployed.as_list()) {
      if (!v.is_scalar()) return true;
      b.insert(scalar_text(v));
    }
    return a == b;
  }
  if (declared.is_map() && deployed.is_map()) {
    for (const model::Member& m : declared.as_map()) {
      const Value* other = deployed.find(m.key);
      if (other && !same_value(m.key, m.value, *other)) return false;
    }
    return true;
  }
  return true;
}

/// What a message calls a matched resource: its type and key, or for a
/// type that is one per account and region, its type and place.
/// "ACCOUNT/REGION", or "ACCOUNT" for a global type.
std::string place_name(const std::string& account, const std::string& region) {
  return account + (region.empty() ? "" : "/" + region);
}

std::string label(const std::string& type, const std::string& key, const std::string& account,
                  const std::string& region) {
  if (key == kSingleton) return type + " of " + place_name(account, region);
  return type + " '" + key + "'";
}

std::string key_of(const Resource& r, const std::string& spec, bool& unknown) {
  if (spec.empty()) return std::string(kSingleton);
  std::string key;
  size_t from = 0;
  while (from <= spec.size()) {
    size_t plus = spec.find('+', from);
    std::string path = spec.substr(from, plus == std::string::npos ? std::string::npos : plus - from);
    const model::Member* m = member_at(r.attrs, path);
    const Value* v = m ? items_of(m->value) : nullptr;
    if (!v || v->is_null()) return "";
    if (!model::wholly_known(*v)) {
      unknown = true;
      return "";
    }
    std::string part;
    if (v->is_list()) {
      std::vector<std::string> items;
      for (const Value& item : v->as_list())
        if (item.is_string()) items.push_back(item.as_string());
      std::sort(items.begin(), items.end());
      for (const std::string& s : items) part += (part.empty() ? "" : ",") + s;
    } else if (v->is_string()) {
      part = v->as_string();
    } else if (v->is_scalar()) {
      part = scalar_text(*v);
    }
    if (part.empty()) return "";
    key += (key.empty() ? "" : " ") + part;
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  return key;
}

/// Whether a deployed resource that no code declares was made by someone
/// other than a person or unscanned code: the account itself (a default VPC,
/// security group, network ACL, main route table), AWS (a managed key, a
/// service-linked role), a controller (EKS, Karpenter, a Kubernetes load
/// balancer, Auto Scaling), a CloudFormation stack not in the scan, or
/// another account (an organization trail seen from a member account).
bool made_by_others(const Resource& r) {
  auto is_true = [&](const char* key) {
    const Value* v = r.attrs.find(key);
    return v && v->is_bool() && v->as_bool();
  };
  auto text = [&](const char* key) {
    const Value* v = r.attrs.find(key);
    return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
  };
  if (is_true("is_default") || is_true("default") || is_true("main")) return true;
  if (r.type == "aws_security_group" && text("name") == "default") return true;
  if (text("key_manager") == "AWS" || text("path").rfind("/aws-service-role/", 0) == 0) return true;
  if (const Value* tags = r.attrs.find("tags"); tags && tags->is_map())
    for (const model::Member& t : tags->as_map())
      for (std::string_view prefix : {"aws:cloudformation:", "eks:", "karpenter.sh/", "karpenter.k8s.aws/",
                                      "kubernetes.io/cluster/", "elbv2.k8s.aws/", "aws:autoscaling:",
                                      "aws:ec2launchtemplate:"})
        if (t.key.rfind(prefix, 0) == 0) return true;
  std::string owner = adapt::arn_placement(text("arn")).first;
  return !r.account.empty() && !owner.empty() && owner != r.account && owner != "aws";
}

/// What `guardrail explain` and every report say of the drift rules, in
/// the order of kDriftRules.
struct DriftRuleText {
  const char* title;
  evaluate::Severity severity;
  const char* description;
  const char* remediation;
};
constexpr DriftRuleText kDriftRuleTexts[3] = {
    {"Every deployed resource is declared in code", evaluate::Severity::medium,
     "A resource runs in an environment whose code (Terraform, CloudFormation) declares nothing that matches it "
     "by its natural key: it was made by hand or by code that is not in the scan. Defaults of the account and what "
     "AWS services and controllers create are left out.",
     "Import the resource into the code that owns its environment, or delete it."},
    {"Every declared resource is deployed", evaluate::Severity::medium,
     "The code declares a resource that the environment's export does not hold, although the export lists "
     "resources of its type in that account and region: it was deleted by hand, or never applied.",
     "Apply the code, or remove the declaration if the resource is gone for good."},
    {"Deployed settings are the declared ones", evaluate::Severity::high,
     "An attribute that a rule reads (encryption, exposure, CIDRs, versions, multi-AZ, sizes) has another value "
     "deployed than declared: it was changed by hand, and the next apply will change it back, or the code no "
     "longer describes what runs.",
     "Make the change in code and apply it, or apply the code to undo the hand edit."},
};

std::unique_ptr<policy::Rule> drift_rule(std::string_view id, const DriftRuleText& text) {
  auto rule = std::make_unique<policy::Rule>();
  rule->id = std::string(id);
  rule->title = text.title;
  rule->severity = text.severity;
  rule->has_severity = true;
  rule->tags = {"drift"};
  rule->sources = {"terraform", "cloudformation", "aws"};
  rule->description = text.description;
  rule->remediation = text.remediation;
  rule->help = std::string(kHomepage) + "/blob/main/docs/drift.md";
  rule->checked = true;
  rule->file = "(built in: guardrail drift, docs/drift.md)";
  return rule;
}

/// The place of a side: its attribute when there is one, else the resource.
base::Location place(const Resource& r, const model::Member* m) {
  if (!m) return r.location;
  base::Location l = base::span(m->key_location, m->value.location());
  return l.known() ? l : r.location;
}

}  // namespace

std::vector<const policy::Rule*> add_drift_rules(policy::Pack& pack) {
  std::vector<const policy::Rule*> rules(3);
  for (int i = 0; i < 3; ++i) {
    rules[i] = pack.rule(kDriftRules[i]);
    if (rules[i]) continue;
    std::unique_ptr<policy::Rule> made = drift_rule(kDriftRules[i], kDriftRuleTexts[i]);
    rules[i] = made.get();
    pack.rules.push_back(std::move(made));
  }
  // The pack keeps its rules sorted by ID (the Rules themselves do not move).
  std::sort(pack.rules.begin(), pack.rules.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  return rules;
}

void add_drift(ScanResult& result, bool all_attributes) {
  if (!result.pack) result.pack = std::make_shared<policy::Pack>();
  std::vector<const policy::Rule*> rules = add_drift_rules(*result.pack);
  for (const policy::Rule* r : rules)
    if (std::find(result.rules_run.begin(), result.rules_run.end(), r) == result.rules_run.end())
      result.rules_run.push_back(r);
  std::sort(result.rules_run.begin(), result.rules_run.end(),
            [](const policy::Rule* a, const policy::Rule* b) { return a->id < b->id; });

  // Environments that hold both views, and their resources of compared types.
  struct Group {
    std::vector<const Resource*> iac, live;
  };
  // environment -> (type, account, region) -> sides
  std::map<std::string, std::map<std::tuple<std::string, std::string, std::string>, Group>> envs;
  std::map<std::string, std::pair<bool, bool>> views;  // environment -> (has iac, has live)
  std::map<std::string, std::set<std::string>> not_compared;
  std::pair<size_t, size_t> unplaced;  // declared and deployed resources in no environment
  // Declared resources whose account or region is not known: matched with nothing.
  std::map<std::string, std::vector<const Resource*>> placeless;
  // GuardDuty's organization configuration turns detectors on in member
  // accounts by itself: those are the organization's, not unmanaged.
  bool org_detectors = false;
  for (const Resource& r : result.resources) {
    if (r.type != "aws_guardduty_organization_configuration" || r.view() != model::View::iac) continue;
    const Value* members = r.attrs.find("auto_enable_organization_members");
    const Value* legacy = r.attrs.find("auto_enable");
    if ((members && members->is_string() && members->as_string() != "NONE") ||
        (legacy && legacy->is_bool() && legacy->as_bool()))
      org_detectors = true;
  }
  for (const Resource& r : result.resources) {
    if (r.type.rfind("aws_", 0) != 0) continue;
    if (r.environment.empty()) {
      ++(r.view() == model::View::live ? unplaced.second : unplaced.first);
      continue;
    }
    bool live = r.view() == model::View::live;
    (live ? views[r.environment].second : views[r.environment].first) = true;
    const DriftType* t = type_of(r.type);
    if (!t) {
      not_compared[r.environment].insert(r.type);
      continue;
    }
    std::string region = t->global ? "" : r.region;
    if (!live && (r.account.empty() || region.empty() != t->global)) {
      placeless[r.environment].push_back(&r);
      continue;
    }
    Group& g = envs[r.environment][{r.type, r.account, region}];
    (live ? g.live : g.iac).push_back(&r);
  }

  auto finding = [&](int which, const Resource& r, base::Location where, std::string message) {
    evaluate::Finding f;
    f.rule_id = std::string(kDriftRules[which]);
    f.severity = rules[which]->severity;
    f.message = std::move(message);
    f.where = where;
    f.resource = r.address;
    f.resource_type = r.type;
    f.environment = r.environment;
    f.account = r.account;
    f.live = r.view() == model::View::live;
    if (f.live)
      if (const Value* arn = r.attrs.find("arn"); arn && arn->is_string()) f.arn = arn->as_string();
    result.findings.push_back(std::move(f));
  };
  auto check = [&](int which, const Resource& r, evaluate::Tri outcome, base::Location where, std::string reason) {
    evaluate::CheckRecord c;
    c.rule_id = std::string(kDriftRules[which]);
    c.resource = &r;
    c.outcome = outcome;
    c.where = where;
    c.reason = std::move(reason);
    if (outcome == evaluate::Tri::unknown) ++result.undecided;
    result.checks.push_back(std::move(c));
  };

  // The state files' instances by root folder and address.
  std::map<std::pair<std::string, std::string>, const StateInstance*> states;
  for (const StateInstance& st : result.states) states.emplace(std::make_pair(st.folder, st.address), &st);
  auto state_of = [&](const Resource& r) -> const StateInstance* {
    if (states.empty()) return nullptr;
    std::string where;
    if (r.source == model::SourceKind::terraform) where = r.origin;
    else if (r.source == model::SourceKind::terraform_plan) where = std::string(r.location.file);
    else return nullptr;
    auto it = states.find({where, r.address});
    return it != states.end() && it->second->type == r.type ? it->second : nullptr;
  };

  // Only an inventory of a known account and region says what is absent
  // there: a loose export (no <account>/<region>/ folder) lists what it
  // lists, not everything of its type everywhere.
  std::vector<adapt::Inventory> placed_inventories;
  for (const adapt::Inventory& inv : result.inventories)
    if (!inv.account.empty() && !inv.region.empty()) placed_inventories.push_back(inv);

  size_t compared = 0;
  for (auto& [env, groups] : envs) {
    auto [has_iac, has_live] = views[env];
    if (!has_iac || !has_live) continue;
    ++compared;
    size_t matched = 0, declared = placeless[env].size(), deployed = 0;
    std::set<std::string> placeless_types;
    for (const Resource* r : placeless[env]) placeless_types.insert(r->type);
    for (const Resource* r : placeless[env])
      check(1, *r, evaluate::Tri::unknown, r->location,
            r->account.empty()
                ? "its account is not known, so it cannot be matched with what is deployed (bind " + env +
                      " to its accounts in .guardrail.yaml, or give the provider an allowed_account_ids)"
                : "its region is not known, so it cannot be matched with what is deployed (give the provider "
                  "a region, or the variable it comes from a value)");
    // Accounts and regions the environment's code deploys to: a deployed
    // resource elsewhere belongs to code that is not this environment's.
    std::set<std::pair<std::string, std::string>> iac_places;
    std::set<std::string> iac_accounts;
    for (auto& [k, g] : groups)
      for (const Resource* r : g.iac) {
        iac_places.insert({r->account, r->region});
        iac_accounts.insert(r->account);
      }
    for (auto& [k, g] : groups) {
      // Named, not bound: a lambda below captures them (clang 14 cannot capture a binding).
      const std::string& type = std::get<0>(k);
      const std::string& account = std::get<1>(k);
      const std::string& region = std::get<2>(k);
      const DriftType& t = *type_of(type);
      declared += g.iac.size();
      deployed += g.live.size();
      // Each side by natural key, under the first spelling of it a resource has.
      auto index = [&](const std::vector<const Resource*>& side, std::map<std::string, std::vector<const Resource*>>& by_key,
                       std::vector<std::pair<const Resource*, std::string>>& unkeyed) {
        for (const Resource* r : side) {
          bool unknown = false;
          std::string key;
          for (const std::string& spec : t.keys) {
            key = key_of(*r, spec, unknown);
            if (!key.empty()) break;
          }
          if (!key.empty()) by_key[key].push_back(r);
          else unkeyed.push_back({r, unknown ? "its " + t.keys.front() + " is known only after apply"
                                             : "it has no " + t.keys.front() + " to match it by"});
        }
      };
      // A declared resource and its deployed one: the attributes that differ.
      auto compare = [&](const Resource& a, const Resource& b, const std::string& key) {
        check(1, a, evaluate::Tri::true_, a.location, "");
        // What to compare: the rules' attributes, or everything both know.
        std::vector<std::string> attributes = t.compared;
        if (all_attributes && a.attrs.is_map()) {
          for (const model::Member& m : a.attrs.as_map())
            if (m.key != "tags_all" && b.attrs.find(m.key) &&
                std::find(attributes.begin(), attributes.end(), m.key) == attributes.end())
              attributes.push_back(m.key);
        }
        if (b.partial) {
          check(2, a, evaluate::Tri::unknown, a.location,
                "the export lists it without its settings (" + std::string(b.location.file) + ")");
          return;
        }
        bool differs = false;
        auto ignored = [&](const std::string& attribute) {
          std::string top = attribute.substr(0, attribute.find('.'));
          return std::any_of(a.ignore_changes.begin(), a.ignore_changes.end(),
                             [&](const std::string& i) { return i == "*" || i == top; });
        };
        for (const std::string& attribute : attributes) {
          if (ignored(attribute)) continue;  // the code lets it change
          const model::Member* ma = member_at(a.attrs, attribute);
          const model::Member* mb = member_at(b.attrs, attribute);
          if (!ma || !mb) continue;
          std::string leaf = attribute.substr(attribute.rfind('.') + 1);
          if (same_value(leaf, ma->value, mb->value)) continue;
          // Storage autoscaling grows what was declared; Terraform ignores that too.
          if (attribute == "allocated_storage" && ma->value.is_number() && mb->value.is_number())
            if (const Value* most = a.attrs.find("max_allocated_storage");
                most && most->is_number() && most->as_double() > 0 && mb->value.as_double() >= ma->value.as_double())
              continue;
          differs = true;
          std::string declared = shown(attribute, *items_of(ma->value), result.secret_places),
                      deployed = shown(attribute, *items_of(mb->value), result.secret_places);
          finding(2, a, place(a, ma),
                  label(type, key, account, region) + ": " + attribute +
                      (declared == deployed ? " differs from what is deployed (secret values are not shown)"
                                            : " is " + declared + " in the code but " + deployed + " deployed"));
          result.findings.back().related.push_back(
              {place(b, mb), "deployed: " + attribute + " = " + deployed});
        }
        check(2, a, differs ? evaluate::Tri::false_ : evaluate::Tri::true_, a.location, "");
      };
      bool inventoried = adapt::holds(placed_inventories, type, account, region) || !g.live.empty();
      const std::string no_inventory = "the export holds no inventory of " + type + " in " +
                                       place_name(account, region) + ", so its absence says nothing";

      // Physical IDs first: a declared resource its root's state file
      // places is the deployed one with that ID or ARN, whatever its name.
      std::vector<const Resource*> iac_rest, live_rest;
      std::set<const Resource*> taken;
      std::map<std::string, const Resource*> live_by_id;
      if (!states.empty())
        for (const Resource* l : g.live) {
          for (const std::string& id : l->ids) live_by_id.emplace(id, l);
          for (const char* name : {"id", "arn"})
            if (const Value* v = l->attrs.find(name); v && v->is_string()) live_by_id.emplace(v->as_string(), l);
        }
      for (const Resource* a : g.iac) {
        const StateInstance* st = state_of(*a);
        if (!st) {
          iac_rest.push_back(a);
          continue;
        }
        const Resource* b = nullptr;
        for (const std::string* id : {&st->id, &st->arn})
          if (auto it = live_by_id.find(*id); !id->empty() && it != live_by_id.end() && !taken.count(it->second))
            b = it->second;
        std::string physical = st->arn.empty() ? st->id : st->arn;
        if (b) {
          taken.insert(b);
          ++matched;
          compare(*a, *b, st->id.empty() ? physical : st->id);
        } else if (!inventoried) {
          check(1, *a, evaluate::Tri::unknown, a->location, no_inventory);
        } else if (a->uncounted) {
          check(1, *a, evaluate::Tri::unknown, a->location, "its " + std::string(model::may_not_exist_reason(*a)));
        } else {
          check(1, *a, evaluate::Tri::false_, a->location, "");
          finding(1, *a, a->location,
                  "declared " + type + " '" + physical + "' is not deployed in " + place_name(account, region) +
                      " (its state, " + std::string(st->where.file) + ":" + std::to_string(st->where.line) +
                      ", gives that ID; the export does not list it)");
        }
      }
      for (const Resource* l : g.live)
        if (!taken.count(l)) live_rest.push_back(l);

      std::map<std::string, std::vector<const Resource*>> iac_keys, live_keys;
      std::vector<std::pair<const Resource*, std::string>> iac_unkeyed, live_unkeyed;
      index(iac_rest, iac_keys, iac_unkeyed);
      index(live_rest, live_keys, live_unkeyed);
      bool iac_complete = iac_unkeyed.empty() &&
                          std::none_of(g.iac.begin(), g.iac.end(),
                                       [](const Resource* r) { return r->uncounted; });
      for (auto& [r, why] : iac_unkeyed)
        check(1, *r, evaluate::Tri::unknown, r->location, "not matched with what is deployed: " + why);

      for (auto& [key, decl] : iac_keys) {
        auto it = live_keys.find(key);
        if (it == live_keys.end()) {
          for (const Resource* r : decl) {
            if (!inventoried) {
              check(1, *r, evaluate::Tri::unknown, r->location, no_inventory);
              continue;
            }
            if (!live_unkeyed.empty()) {
              check(1, *r, evaluate::Tri::unknown, r->location,
                    "a deployed " + type + " has no " + t.keys.front() + " to match it by; it may be this one");
              continue;
            }
            if (r->uncounted) {  // it may have no instance: not being deployed may be right
              check(1, *r, evaluate::Tri::unknown, r->location, "its " + std::string(model::may_not_exist_reason(*r)));
              continue;
            }
            check(1, *r, evaluate::Tri::false_, r->location, "");
            finding(1, *r, r->location,
                    "declared " + label(type, key, account, region) + " is not deployed in " +
                        place_name(account, region) +
                        (key == kSingleton ? std::string(" (the export does not show it)")
                                           : " (the export lists no " + type + " with that " + t.keys.front() + ")"));
          }
          continue;
        }
        const std::vector<const Resource*>& dep = it->second;
        if (decl.size() != 1 || dep.size() != 1) {
          for (const Resource* r : decl)
            check(2, *r, evaluate::Tri::unknown, r->location,
                  std::to_string(decl.size()) + " declared and " + std::to_string(dep.size()) + " deployed " + type +
                      " share the key '" + key + "': ambiguous, not guessed");
          continue;
        }
        ++matched;
        compare(*decl[0], *dep[0], key);
      }

      // Deployed, declared nowhere.
      for (auto& [key, dep] : live_keys) {
        if (iac_keys.count(key)) continue;
        for (const Resource* r : dep) {
          if (made_by_others(*r)) continue;
          if (type == "aws_guardduty_detector" && org_detectors) continue;
          bool covered = t.global ? iac_accounts.count(r->account) > 0 : iac_places.count({r->account, r->region}) > 0;
          if (!covered) continue;  // another account or region: not this code's
          if (placeless_types.count(type)) {
            check(0, *r, evaluate::Tri::unknown, r->location,
                  "a declared " + type + " of " + env + " has no known account or region; it may be this one");
            continue;
          }
          if (!iac_complete) {
            check(0, *r, evaluate::Tri::unknown, r->location,
                  "a declared " + type + " in " + place_name(account, region) +
                      " is not known until apply (its key or its count); it may be this one");
            continue;
          }
          check(0, *r, evaluate::Tri::false_, r->location, "");
          finding(0, *r, r->location,
                  label(type, key, r->account, region) +
                      (key == kSingleton ? std::string(" is deployed")
                                         : " is deployed in " + place_name(r->account, region)) +
                      " but declared nowhere in the scanned code of " + env);
        }
      }
    }
    std::string types;
    for (const std::string& t : not_compared[env]) types += (types.empty() ? "" : ", ") + t;
    result.diagnostics.push_back(
        {base::Level::note, "drift", {},
         "drift in " + env + ": " + std::to_string(declared) + " declared and " + std::to_string(deployed) +
             " deployed resources of compared types, " + std::to_string(matched) + " matched" +
             (types.empty() ? "" : "; types not compared: " + types)});
  }
  // Nothing compared is said, with why: silence would read as "no drift".
  if (compared == 0) {
    std::string views_held;
    for (const auto& [env, v] : views)
      views_held += (views_held.empty() ? "" : ", ") + env + " (" +
                    (v.first ? "declared" : "deployed") + " only)";
    result.diagnostics.push_back(
        {base::Level::warning, "drift", {},
         "drift: no environment holds both declared and deployed AWS resources, so nothing was compared" +
             (views_held.empty() ? std::string() : "; environments: " + views_held)});
  }
  if (unplaced.first + unplaced.second > 0)
    result.diagnostics.push_back(
        {base::Level::warning, "drift", {},
         "drift: " + std::to_string(unplaced.first) + " declared and " + std::to_string(unplaced.second) +
             " deployed AWS resources are in no environment and were not compared (name one with --env, or "
             "bind accounts and paths to environments in .guardrail.yaml)"});
}

}  // namespace guardrail::scan
