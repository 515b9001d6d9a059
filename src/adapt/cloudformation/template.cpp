#include "adapt/cloudformation/template.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "adapt/aws_regions.hpp"
#include "evaluate/cidr.hpp"

namespace guardrail::adapt::cloudformation {
namespace {

using model::Kind;
using model::Location;
using model::Member;
using model::Value;

/// The YAML short forms and the long form each stands for.
const std::map<std::string, std::string>& short_forms() {
  static const std::map<std::string, std::string> kForms = {
      {"!Ref", "Ref"},           {"!Condition", "Condition"},   {"!GetAtt", "Fn::GetAtt"},
      {"!Sub", "Fn::Sub"},       {"!If", "Fn::If"},             {"!Select", "Fn::Select"},
      {"!GetAZs", "Fn::GetAZs"}, {"!Join", "Fn::Join"},         {"!Split", "Fn::Split"},
      {"!FindInMap", "Fn::FindInMap"}, {"!Cidr", "Fn::Cidr"},   {"!ImportValue", "Fn::ImportValue"},
      {"!Base64", "Fn::Base64"}, {"!Equals", "Fn::Equals"},     {"!And", "Fn::And"},
      {"!Or", "Fn::Or"},         {"!Not", "Fn::Not"},           {"!Transform", "Fn::Transform"},
      {"!Length", "Fn::Length"}, {"!ToJsonString", "Fn::ToJsonString"}, {"!ForEach", "Fn::ForEach"},
      {"!GetParam", "Fn::GetParam"},
      // The Rules section's functions (rule-function-reference), never evaluated here.
      {"!ValueOf", "Fn::ValueOf"}, {"!ValueOfAll", "Fn::ValueOfAll"}, {"!RefAll", "Fn::RefAll"},
      {"!EachMemberEquals", "Fn::EachMemberEquals"}, {"!EachMemberIn", "Fn::EachMemberIn"},
      {"!Contains", "Fn::Contains"}, {"!GetStackOutput", "Fn::GetStackOutput"}};
  return kForms;
}

const std::set<std::string>& long_forms() {
  static const std::set<std::string> kForms = [] {
    std::set<std::string> s;
    for (const auto& [tag, name] : short_forms()) s.insert(name);
    return s;
  }();
  return kForms;
}

bool is_known(const Value& v);

bool is_known(const Value& v) {
  if (v.is_unknown() || v.is_reference()) return false;
  if (v.is_list())
    return std::all_of(v.as_list().begin(), v.as_list().end(), [](const Value& x) { return is_known(x); });
  if (v.is_map())
    return std::all_of(v.as_map().begin(), v.as_map().end(), [](const Member& m) { return is_known(m.value); });
  return true;
}

/// The text of a scalar as CloudFormation sees it: numbers and booleans are
/// strings to it.
std::optional<std::string> text_of(const Value& v) {
  switch (v.kind()) {
    case Kind::string: return v.as_string();
    case Kind::boolean: return std::string(v.as_bool() ? "true" : "false");
    case Kind::integer: return std::to_string(v.as_int());
    case Kind::floating: {
      std::string s = std::to_string(v.as_double());
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    }
    default: return std::nullopt;
  }
}

/// The reason of an unknown pseudo parameter: "${AWS::Region}" in a Sub or
/// Join names the service wherever the stack is deployed, so the text around
/// it stays known.
const std::string kPseudo = "pseudo parameter ";
std::optional<std::string> pseudo_placeholder(const Value& v) {
  if (v.is_unknown() && v.as_string().rfind(kPseudo, 0) == 0) return "${" + v.as_string().substr(kPseudo.size()) + "}";
  return std::nullopt;
}

/// A marker for AWS::NoValue: the property or element is removed.
const char* const kNoValue = "\x01no-value";
bool is_no_value(const Value& v) { return v.is_unknown() && v.as_string() == kNoValue; }

class Evaluator {
 public:
  Evaluator(const Value& doc, const Inputs& inputs, std::string prefix)
      : doc_(doc), inputs_(inputs), prefix_(std::move(prefix)) {}

  Evaluated run();
  Value normalize(const Value& v);
  base::Diagnostics take_diagnostics() { return std::move(out_.diagnostics); }

 private:
  Value eval(const Value& v, int depth = 0);
  Value call(const std::string& fn, const Value& arg, const Location& where, int depth);
  Value ref(const Value& arg, const Location& where);
  Value get_att(const Value& arg, const Location& where, int depth);
  Value sub(const Value& arg, const Location& where, int depth);
  Value find_in_map(const Value& arg, const Location& where, int depth);
  Value condition(const std::string& name, const Location& where);
  Value cidr(const Value& arg, const Location& where, int depth);
  Value pseudo(const std::string& name, const Location& where) const;
  Value error(const Location& where, const std::string& message);
  void expand_for_each(Value& node, int depth);
  std::optional<std::vector<Value>> collection(const Value& v, const Location& where);

  bool condition_true(const Value& v) const { return v.is_bool() && v.as_bool(); }

  const Value& doc_;
  const Inputs& inputs_;
  std::string prefix_;
  Value normalized_;
  const Value* parameters_ = nullptr;
  const Value* mappings_ = nullptr;
  const Value* conditions_ = nullptr;
  const Value* resources_ = nullptr;
  std::map<std::string, Value> parameter_values_;
  std::map<std::string, Value> condition_values_;
  std::set<std::string> conditions_evaluating_;
  Evaluated out_;
  size_t generated_ = 0;  // members generated by Fn::ForEach
  /// A transform that adds resources of its own (AWS::Serverless: a
  /// function's Role, ServerlessRestApi, aliases): a Ref or GetAtt of a
  /// name the template does not declare may be one of them.
  bool implicit_resources_ = false;
};

Value Evaluator::error(const Location& where, const std::string& message) {
  out_.diagnostics.push_back(base::error("cfn-intrinsic", where, message));
  return Value::unknown(message, where);
}

/// Rewrites YAML short forms (`!Ref X`) into their long forms ({Ref: X}), so
/// that evaluation sees one shape. A tag on the wrong kind of node, or an
/// unknown one, is an error.
Value Evaluator::normalize(const Value& v) {
  // Built anew level by level (a copy of `v` first would copy every subtree
  // once per level above it).
  Value out;
  if (v.is_list()) {
    out = Value::list({}, v.location());
    for (const Value& item : v.as_list()) out.push_back(normalize(item));
  } else if (v.is_map()) {
    out = Value::map({}, v.location());
    model::MapWriter members(out);
    for (const Member& m : v.as_map()) members.set(m.key, normalize(m.value), m.key_location);
  } else {
    out = v;
  }
  std::string_view tag = v.tag();
  if (tag.empty() || tag.substr(0, 2) == "!!" || tag.rfind("tag:yaml.org", 0) == 0) return out;
  out.set_tag("");
  auto it = short_forms().find(std::string(tag));
  if (it == short_forms().end()) {
    out_.diagnostics.push_back(base::error("cfn-intrinsic", v.location(),
                                           "unknown intrinsic function tag " + std::string(tag)));
    return Value::unknown("unknown tag", v.location());
  }
  const std::string& fn = it->second;
  bool scalar_only = fn == "Ref" || fn == "Condition" || fn == "Fn::ImportValue" || fn == "Fn::GetAZs" ||
                     fn == "Fn::Base64";
  bool list_only = fn == "Fn::If" || fn == "Fn::Select" || fn == "Fn::Join" || fn == "Fn::Split" ||
                   fn == "Fn::FindInMap" || fn == "Fn::Cidr" || fn == "Fn::Equals" || fn == "Fn::And" ||
                   fn == "Fn::Or" || fn == "Fn::Not";
  if (scalar_only && fn != "Fn::ImportValue" && fn != "Fn::Base64" && fn != "Fn::GetAZs" && !v.is_scalar()) {
    out_.diagnostics.push_back(base::error("cfn-intrinsic", v.location(),
                                           std::string(tag) + " takes a name, not a " +
                                               (v.is_list() ? "list" : "map")));
    return Value::unknown("wrong node", v.location());
  }
  if (list_only && !v.is_list()) {
    out_.diagnostics.push_back(base::error("cfn-intrinsic", v.location(), std::string(tag) + " takes a list"));
    return Value::unknown("wrong node", v.location());
  }
  if (fn == "Fn::GetAtt" && v.is_string()) {
    // !GetAtt Resource.Attribute.Maybe.Dotted
    const std::string& s = v.as_string();
    size_t dot = s.find('.');
    Value parts = Value::list({}, v.location());
    parts.push_back(Value::string(s.substr(0, dot), v.location()));
    parts.push_back(Value::string(dot == std::string::npos ? "" : s.substr(dot + 1), v.location()));
    out = std::move(parts);
  }
  Value wrapper = Value::map({}, v.location());
  wrapper.set(fn, std::move(out), v.location());
  return wrapper;
}

Value Evaluator::pseudo(const std::string& name, const Location& where) const {
  if (name == "AWS::Region")
    return inputs_.region.empty() ? Value::unknown(kPseudo + name, where) : Value::string(inputs_.region, where);
  if (name == "AWS::AccountId")
    return inputs_.account.empty() ? Value::unknown(kPseudo + name, where) : Value::string(inputs_.account, where);
  if (name == "AWS::Partition") return Value::string("aws", where);
  if (name == "AWS::URLSuffix") return Value::string("amazonaws.com", where);
  if (name == "AWS::NoValue") return Value::unknown(kNoValue, where);
  if (name == "AWS::StackName" || name == "AWS::StackId" || name == "AWS::NotificationARNs")
    return Value::unknown("known when deployed", where);
  return Value();
}

Value Evaluator::ref(const Value& arg, const Location& where) {
  if (!arg.is_string()) return error(where, "Ref takes the name of a parameter or resource");
  const std::string& name = arg.as_string();
  if (name.rfind("AWS::", 0) == 0) {
    Value p = pseudo(name, where);
    if (p.is_null()) return error(where, "Ref to an unknown pseudo parameter " + name);
    return p;
  }
  if (auto it = parameter_values_.find(name); it != parameter_values_.end()) {
    Value v = it->second;
    // A template's own default is where the value is written (and fixed), as
    // a Terraform variable's default is; a value given on the command line
    // is found where it is used.
    if (v.is_scalar() && !v.location().known()) v.set_location(where);
    return v;
  }
  if (resources_ && resources_->find(name)) return Value::reference(prefix_ + name, where);
  if (implicit_resources_) return Value::reference(prefix_ + name, where);
  return error(where, "Ref to '" + name + "', which is neither a parameter nor a resource of this template");
}

Value Evaluator::get_att(const Value& raw, const Location& where, int depth) {
  Value arg = raw.is_list() ? raw : Value();
  if (arg.is_list() && arg.size() == 2) arg.as_list()[1] = eval(arg.as_list()[1], depth + 1);
  if (!arg.is_list() || arg.size() != 2 || !arg.as_list()[0].is_string())
    return error(where, "Fn::GetAtt takes [resource, attribute]");
  const std::string& name = arg.as_list()[0].as_string();
  const Value& attr = arg.as_list()[1];
  if (!attr.is_string()) return Value::unknown("attribute", where);
  const Value* resource = resources_ ? resources_->find(name) : nullptr;
  if (!resource && implicit_resources_) return Value::unknown("Fn::GetAtt of a resource the transform generates", where);
  if (!resource) return error(where, "Fn::GetAtt of '" + name + "', which is not a resource of this template");
  // An attribute that is also a property with a known value is that value
  // (VPC.CidrBlock), so that Fn::Cidr and friends compute exactly.
  if (const Value* props = resource->find("Properties"); props && props->is_map())
    if (const Value* p = props->find(attr.as_string())) {
      Value v = eval(*p, depth + 1);
      if (is_known(v) && v.is_scalar()) {
        v.set_location(where);
        return v;
      }
    }
  return Value::reference(prefix_ + name + "." + attr.as_string(), where);
}

Value Evaluator::sub(const Value& arg, const Location& where, int depth) {
  std::string text;
  std::map<std::string, Value> vars;
  if (arg.is_string()) {
    text = arg.as_string();
  } else if (arg.is_list() && arg.size() == 2 && arg.as_list()[0].is_string() && arg.as_list()[1].is_map()) {
    text = arg.as_list()[0].as_string();
    for (const Member& m : arg.as_list()[1].as_map()) vars[m.key] = eval(m.value, depth + 1);
  } else if (arg.is_map() && arg.size() == 1 && arg.as_map()[0].key.rfind("Fn::", 0) == 0) {
    // A function that yields the template string (Fn::Transform, Fn::Join): known when deployed.
    return Value::unknown("Fn::Sub of a string made when deployed", where);
  } else {
    return error(where, "Fn::Sub takes a string, or [string, {variables}]");
  }
  std::string out;
  bool known = true;
  size_t i = 0;
  Value single;  // "${Name}" alone keeps its value (a reference stays one)
  int pieces = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    if (open == std::string::npos) {
      out += text.substr(i);
      if (i < text.size()) ++pieces;
      break;
    }
    out += text.substr(i, open - i);
    if (open > i) ++pieces;
    size_t close = text.find('}', open);
    if (close == std::string::npos) return error(where, "Fn::Sub: '${' without '}'");
    std::string name = text.substr(open + 2, close - open - 2);
    // "${ Name }": CloudFormation trims the blanks around a name.
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    i = close + 1;
    ++pieces;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is "${Literal}"
      out += "${" + name.substr(1) + "}";
      continue;
    }
    Value v;
    if (auto it = vars.find(name); it != vars.end()) v = it->second;
    else if (name.find('.') != std::string::npos && name.rfind("AWS::", 0) != 0) {
      size_t dot = name.find('.');
      Value parts = Value::list({Value::string(name.substr(0, dot)), Value::string(name.substr(dot + 1))}, where);
      v = get_att(parts, where, depth + 1);
    } else {
      v = ref(Value::string(name, where), where);
    }
    single = v;
    if (auto t = v.is_scalar() && !v.is_unknown() && !v.is_reference() ? text_of(v) : std::nullopt) {
      out += *t;
    } else if (auto placeholder = pseudo_placeholder(v)) {
      // "com.amazonaws.${AWS::Region}.s3" names the S3 service wherever it
      // is deployed: the pseudo parameter stays as written, the rest is known.
      out += *placeholder;
    } else {
      known = false;
    }
  }
  if (pieces == 1 && !single.is_null()) return single;
  if (!known) return Value::unknown("Fn::Sub of values known when deployed", where);
  return Value::string(out, where);
}

Value Evaluator::find_in_map(const Value& raw, const Location& where, int depth) {
  if (!raw.is_list() || raw.size() < 3 || raw.size() > 4)
    return error(where, "Fn::FindInMap takes [map, top-level key, second-level key]");
  std::vector<Value> keys;
  for (size_t i = 0; i < 3; ++i) keys.push_back(eval(raw.as_list()[i], depth + 1));
  Value fallback;
  if (raw.size() == 4) {
    const Value& opt = raw.as_list()[3];
    if (const Value* d = opt.find("DefaultValue")) fallback = eval(*d, depth + 1);
  }
  for (const Value& k : keys)
    if (!k.is_scalar() || k.is_unknown() || k.is_reference()) return Value::unknown("Fn::FindInMap key", where);
  const Value* map = mappings_ ? mappings_->find(*text_of(keys[0])) : nullptr;
  if (!map) return error(where, "Fn::FindInMap: no mapping named '" + *text_of(keys[0]) + "'");
  const Value* top = map->find(*text_of(keys[1]));
  const Value* value = top ? top->find(*text_of(keys[2])) : nullptr;
  if (!value) {
    if (!fallback.is_null()) return fallback;
    return error(where, "Fn::FindInMap: mapping '" + *text_of(keys[0]) + "' has no " + *text_of(keys[1]) + "/" +
                            *text_of(keys[2]));
  }
  return eval(*value, depth + 1);
}

Value Evaluator::condition(const std::string& name, const Location& where) {
  if (auto it = condition_values_.find(name); it != condition_values_.end()) return it->second;
  const Value* def = conditions_ ? conditions_->find(name) : nullptr;
  if (!def) return error(where, "no condition named '" + name + "'");
  if (conditions_evaluating_.count(name)) return error(where, "condition '" + name + "' depends on itself");
  conditions_evaluating_.insert(name);
  Value v = eval(*def);
  conditions_evaluating_.erase(name);
  if (!v.is_bool() && !v.is_unknown()) v = error(def->location(), "condition '" + name + "' is not true or false");
  condition_values_[name] = v;
  return v;
}

Value Evaluator::cidr(const Value& arg, const Location& where, int depth) {
  if (!arg.is_list() || arg.size() != 3) return error(where, "Fn::Cidr takes [ip block, count, cidr bits]");
  Value block = eval(arg.as_list()[0], depth + 1);
  Value count = eval(arg.as_list()[1], depth + 1);
  Value bits = eval(arg.as_list()[2], depth + 1);
  if (!is_known(block) || !is_known(count) || !is_known(bits)) return Value::unknown("Fn::Cidr", where);
  auto base = evaluate::parse_cidr(text_of(block).value_or(""));
  long n = std::strtol(text_of(count).value_or("x").c_str(), nullptr, 10);
  long host_bits = std::strtol(text_of(bits).value_or("x").c_str(), nullptr, 10);
  if (!base) return error(where, "Fn::Cidr: '" + text_of(block).value_or("") + "' is not a CIDR block");
  int prefix = base->bits() - static_cast<int>(host_bits);
  if (n < 1 || n > 256 || host_bits < 0 || prefix < base->prefix)
    return error(where, "Fn::Cidr: " + std::to_string(n) + " subnets of " + std::to_string(host_bits) +
                            " host bits do not fit in " + base->to_string());
  Value out = Value::list({}, where);
  evaluate::u128 size = evaluate::u128(1) << host_bits;
  for (long i = 0; i < n; ++i) {
    evaluate::Cidr c = *base;
    c.prefix = prefix;
    c.start = base->start + size * static_cast<evaluate::u128>(i);
    c.end = c.start + size - 1;
    if (c.end > base->end) return error(where, "Fn::Cidr: " + std::to_string(n) + " subnets do not fit in " + base->to_string());
    out.push_back(Value::string(c.to_string(), where));
  }
  return out;
}

Value Evaluator::call(const std::string& fn, const Value& arg, const Location& where, int depth) {
  if (fn == "Ref") return ref(arg, where);
  if (fn == "Condition") {
    if (!arg.is_string()) return error(where, "Condition takes a condition name");
    return condition(arg.as_string(), where);
  }
  if (fn == "Fn::GetAtt") {
    if (arg.is_string()) {  // "Resource.Attribute" in JSON is accepted too
      size_t dot = arg.as_string().find('.');
      return get_att(Value::list({Value::string(arg.as_string().substr(0, dot)),
                                  Value::string(dot == std::string::npos ? "" : arg.as_string().substr(dot + 1))},
                                 where),
                     where, depth);
    }
    return get_att(arg, where, depth);
  }
  if (fn == "Fn::Sub") return sub(arg, where, depth);
  if (fn == "Fn::FindInMap") return find_in_map(arg, where, depth);
  if (fn == "Fn::Cidr") return cidr(arg, where, depth);
  if (fn == "Fn::If") {
    if (!arg.is_list() || arg.size() != 3 || !arg.as_list()[0].is_string())
      return error(where, "Fn::If takes [condition, value if true, value if false]");
    Value c = condition(arg.as_list()[0].as_string(), where);
    if (!c.is_bool()) return Value::unknown("Fn::If on a condition known when deployed", where);
    return eval(arg.as_list()[c.as_bool() ? 1 : 2], depth + 1);
  }
  if (fn == "Fn::Equals") {
    if (!arg.is_list() || arg.size() != 2) return error(where, "Fn::Equals takes [value, value]");
    Value a = eval(arg.as_list()[0], depth + 1), b = eval(arg.as_list()[1], depth + 1);
    if (!is_known(a) || !is_known(b)) return Value::unknown("Fn::Equals", where);
    auto ta = text_of(a), tb = text_of(b);
    bool eq = ta && tb ? *ta == *tb : a.same(b);
    return Value::boolean(eq, where);
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    if (!arg.is_list() || arg.size() < 2 || arg.size() > 10) return error(where, fn + " takes 2 to 10 conditions");
    bool is_and = fn == "Fn::And", unknown = false;
    for (const Value& c : arg.as_list()) {
      Value v = eval(c, depth + 1);
      if (!v.is_bool()) {
        unknown = true;
        continue;
      }
      if (v.as_bool() != is_and) return Value::boolean(!is_and, where);
    }
    return unknown ? Value::unknown(fn, where) : Value::boolean(is_and, where);
  }
  if (fn == "Fn::Not") {
    if (!arg.is_list() || arg.size() != 1) return error(where, "Fn::Not takes [condition]");
    Value v = eval(arg.as_list()[0], depth + 1);
    return v.is_bool() ? Value::boolean(!v.as_bool(), where) : Value::unknown("Fn::Not", where);
  }
  if (fn == "Fn::Select") {
    if (!arg.is_list() || arg.size() != 2) return error(where, "Fn::Select takes [index, list]");
    Value index = eval(arg.as_list()[0], depth + 1);
    Value list = eval(arg.as_list()[1], depth + 1);
    if (!index.is_scalar() || index.is_unknown() || index.is_reference()) return Value::unknown("Fn::Select", where);
    if (list.is_unknown() || list.is_reference()) return Value::unknown("Fn::Select of a list known when deployed", where);
    if (!list.is_list()) return error(where, "Fn::Select needs a list");
    char* end = nullptr;
    std::string t = text_of(index).value_or("x");
    long i = std::strtol(t.c_str(), &end, 10);
    if (*end != '\0') return error(where, "Fn::Select: index '" + t + "' is not a number");
    if (i < 0 || i >= static_cast<long>(list.size()))
      return error(where, "Fn::Select: index " + std::to_string(i) + " is out of range for a list of " +
                              std::to_string(list.size()));
    return list.as_list()[static_cast<size_t>(i)];
  }
  if (fn == "Fn::Join") {
    if (!arg.is_list() || arg.size() != 2) return error(where, "Fn::Join takes [delimiter, list]");
    Value delim = eval(arg.as_list()[0], depth + 1);
    Value list = eval(arg.as_list()[1], depth + 1);
    if (!delim.is_string()) return error(where, "Fn::Join: the delimiter must be a string");
    if (!list.is_list()) return Value::unknown("Fn::Join", where);
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) {
      const Value& item = list.as_list()[i];
      auto t = is_known(item) ? text_of(item) : pseudo_placeholder(item);
      if (!t) return Value::unknown("Fn::Join of values known when deployed", where);
      if (i) out += delim.as_string();
      out += *t;
    }
    return Value::string(out, where);
  }
  if (fn == "Fn::Split") {
    if (!arg.is_list() || arg.size() != 2) return error(where, "Fn::Split takes [delimiter, string]");
    Value delim = eval(arg.as_list()[0], depth + 1);
    Value s = eval(arg.as_list()[1], depth + 1);
    if (!delim.is_string() || delim.as_string().empty()) return error(where, "Fn::Split: the delimiter must be a string");
    if (!s.is_string()) return Value::unknown("Fn::Split", where);
    Value out = Value::list({}, where);
    const std::string& d = delim.as_string();
    size_t start = 0;
    for (;;) {
      size_t at = s.as_string().find(d, start);
      out.push_back(Value::string(s.as_string().substr(start, at - start), where));
      if (at == std::string::npos) break;
      start = at + d.size();
    }
    return out;
  }
  if (fn == "Fn::GetAZs") {
    Value region = eval(arg, depth + 1);
    if (region.is_string() && region.as_string().empty())
      region = inputs_.region.empty() ? Value::unknown() : Value::string(inputs_.region);
    if (!region.is_string()) return Value::unknown("the region's zones", where);
    return availability_zones(region.as_string(), where);
  }
  if (fn == "Fn::Base64") return eval(arg, depth + 1);  // the text, as rules want to read it
  if (fn == "Fn::Length") {
    Value v = eval(arg, depth + 1);
    if (!v.is_list()) return Value::unknown("Fn::Length", where);
    return Value::integer(static_cast<int64_t>(v.size()), where);
  }
  if (fn == "Fn::ImportValue" || fn == "Fn::Transform" || fn == "Fn::ToJsonString" || fn == "Fn::GetParam" ||
      fn == "Fn::GetStackOutput")
    return Value::unknown(fn + " is known when deployed", where);
  // A loop where CloudFormation allows none (expand_for_each took the rest).
  if (fn == "Fn::ForEach")
    return error(where, "Fn::ForEach stands as a key Fn::ForEach::Name in Conditions, Resources or Outputs");
  if (fn == "Fn::ValueOf" || fn == "Fn::ValueOfAll" || fn == "Fn::RefAll" || fn == "Fn::EachMemberEquals" ||
      fn == "Fn::EachMemberIn" || fn == "Fn::Contains")
    return Value::unknown(fn + " belongs in the Rules section", where);
  return error(where, "unknown intrinsic function " + fn);
}

Value Evaluator::eval(const Value& v, int depth) {
  if (depth > 200) return error(v.location(), "intrinsic functions nested too deeply");
  if (v.is_map()) {
    if (v.size() == 1) {
      const Member& m = v.as_map()[0];
      if (m.key == "Ref" || m.key == "Condition" || m.key.rfind("Fn::", 0) == 0) {
        if (m.key == "Condition" && !m.value.is_string()) {
          // {Condition: {...}} is data (an IAM policy's condition block).
        } else {
          if (m.key.rfind("Fn::", 0) == 0 && !long_forms().count(m.key))
            return error(m.key_location, "unknown intrinsic function " + m.key);
          return call(m.key, m.value, m.key_location, depth);
        }
      }
    }
    Value out = Value::map({}, v.location());
    model::MapWriter members(out);
    for (const Member& m : v.as_map()) {
      Value e = eval(m.value, depth + 1);
      if (is_no_value(e)) continue;
      members.set(m.key, std::move(e), m.key_location);
    }
    return out;
  }
  if (v.is_list()) {
    Value out = Value::list({}, v.location());
    for (const Value& item : v.as_list()) {
      Value e = eval(item, depth + 1);
      if (!is_no_value(e)) out.push_back(std::move(e));
    }
    return out;
  }
  return v;
}

namespace {

constexpr std::string_view kForEach = "Fn::ForEach::";
/// Members that Fn::ForEach loops may generate in one template (CloudFormation
/// allows 500 resources): beyond, a warning and no more.
constexpr size_t kMaxGenerated = 10000;

/// `v` with the loop's identifier replaced by `item`: ${Id} and &{Id} (the
/// item without its non-alphanumeric characters) in every string and key,
/// and {Ref: Id} by the item itself.
Value substitute(const Value& v, const std::string& id, const Value& item, const std::string& text) {
  auto in_text = [&](std::string s) {
    std::string alnum;
    for (char c : text)
      if (std::isalnum(static_cast<unsigned char>(c))) alnum += c;
    for (const auto& [from, to] : {std::pair{"${" + id + "}", text}, std::pair{"&{" + id + "}", alnum}})
      for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
  };
  if (v.is_string()) return Value::string(in_text(v.as_string()), v.location());
  if (v.is_list()) {
    Value out = Value::list({}, v.location());
    for (const Value& x : v.as_list()) out.push_back(substitute(x, id, item, text));
    return out;
  }
  if (v.is_map()) {
    if (v.size() == 1 && v.as_map()[0].key == "Ref" && v.as_map()[0].value.is_string() &&
        v.as_map()[0].value.as_string() == id) {
      Value out = item;
      out.set_location(v.location());
      return out;
    }
    Value out = Value::map({}, v.location());
    model::MapWriter members(out);
    for (const Member& m : v.as_map()) members.set(in_text(m.key), substitute(m.value, id, item, text), m.key_location);
    return out;
  }
  return v;
}

}  // namespace

/// A loop's collection: a list of scalars, or a Ref to a list parameter.
/// nullopt when it is known only when the stack is deployed.
std::optional<std::vector<Value>> Evaluator::collection(const Value& v, const Location& where) {
  Value c = v;
  if (v.is_map() && v.size() == 1 && v.as_map()[0].key == "Ref" && v.as_map()[0].value.is_string()) {
    auto p = parameter_values_.find(v.as_map()[0].value.as_string());
    if (p == parameter_values_.end()) return std::nullopt;
    c = p->second;
  } else if (v.is_map()) {
    c = eval(v);
  }
  if (!c.is_list() || !is_known(c)) return std::nullopt;
  std::vector<Value> items;
  for (const Value& x : c.as_list()) {
    if (!text_of(x)) {
      error(where, "Fn::ForEach: the collection holds a " + std::string(model::to_string(x.kind())) +
                       "; it takes strings");
      return std::vector<Value>{};
    }
    items.push_back(x);
  }
  return items;
}

/// Expands `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`
/// members of `node` and of the maps below it (AWS::LanguageExtensions), as
/// CloudFormation does before anything else: nested loops included.
void Evaluator::expand_for_each(Value& node, int depth) {
  if (depth > 64) return;
  if (node.is_list()) {
    for (Value& x : node.as_list()) expand_for_each(x, depth + 1);
    return;
  }
  if (!node.is_map()) return;
  bool any = std::any_of(node.as_map().begin(), node.as_map().end(),
                         [](const Member& m) { return m.key.rfind(kForEach, 0) == 0; });
  if (any) {
    Value out = Value::map({}, node.location());
    model::MapWriter members(out);
    for (Member& m : node.as_map()) {
      if (m.key.rfind(kForEach, 0) != 0) {
        members.set(m.key, std::move(m.value), m.key_location);
        continue;
      }
      const Value& loop = m.value;
      if (!loop.is_list() || loop.size() != 3 || !loop.as_list()[0].is_string() || !loop.as_list()[2].is_map()) {
        error(m.key_location, m.key + " takes [identifier, collection, {output key: output value}]");
        continue;
      }
      const std::string& id = loop.as_list()[0].as_string();
      std::optional<std::vector<Value>> items = collection(loop.as_list()[1], loop.as_list()[1].location());
      if (!items) {
        out_.diagnostics.push_back(base::warning(
            "cfn-foreach", m.key_location,
            m.key + ": its collection is known only when the stack is deployed; what it generates is not checked"));
        continue;
      }
      for (const Value& item : *items) {
        Value fragment = substitute(loop.as_list()[2], id, item, *text_of(item));
        expand_for_each(fragment, depth + 1);
        for (Member& g : fragment.as_map()) {
          if (members.find(g.key)) {
            error(g.key_location, m.key + " generates " + g.key + ", which the template already has");
            continue;
          }
          if (++generated_ > kMaxGenerated) {
            if (generated_ == kMaxGenerated + 1)
              out_.diagnostics.push_back(base::warning("cfn-foreach", m.key_location,
                                                       "Fn::ForEach loops generate more than " +
                                                           std::to_string(kMaxGenerated) + " members; the rest are not checked"));
            continue;
          }
          members.set(g.key, std::move(g.value), g.key_location);
        }
      }
    }
    node = std::move(out);
  }
  for (Member& m : node.as_map()) expand_for_each(m.value, depth + 1);
}

Evaluated Evaluator::run() {
  normalized_ = normalize(doc_);
  if (const Value* t = normalized_.find("Transform")) {
    auto serverless = [](const Value& x) { return x.is_string() && x.as_string().rfind("AWS::Serverless", 0) == 0; };
    implicit_resources_ = serverless(*t) || (t->is_list() && std::any_of(t->as_list().begin(), t->as_list().end(), serverless));
  }
  parameters_ = normalized_.find("Parameters");
  mappings_ = normalized_.find("Mappings");
  conditions_ = normalized_.find("Conditions");
  resources_ = normalized_.find("Resources");
  if (resources_ && !resources_->is_map()) {
    out_.diagnostics.push_back(base::error("cfn-template", resources_->location(), "Resources must be a map"));
    resources_ = nullptr;
  }

  // Parameters: given values, else defaults; lists split as CloudFormation does.
  if (parameters_ && parameters_->is_map()) {
    for (const Member& p : parameters_->as_map()) {
      const Value* type = p.value.find("Type");
      std::string t = type && type->is_string() ? type->as_string() : "String";
      Value v;
      if (auto given = inputs_.parameters.find(p.key); given != inputs_.parameters.end()) v = given->second;
      else if (const Value* d = p.value.find("Default")) v = *d;
      else v = Value::unknown("parameter " + p.key + " has no default", p.key_location);
      if (t.rfind("AWS::SSM::Parameter::Value", 0) == 0) v = Value::unknown("an SSM parameter's value", p.key_location);
      bool list = t == "CommaDelimitedList" || t.rfind("List<", 0) == 0;
      if (list && v.is_string()) {
        Value items = Value::list({}, v.location());
        std::string s = v.as_string();
        size_t start = 0;
        for (;;) {
          size_t comma = s.find(',', start);
          std::string item = s.substr(start, comma - start);
          item.erase(0, item.find_first_not_of(' '));
          item.erase(item.find_last_not_of(' ') + 1);
          items.push_back(Value::string(item, v.location()));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        v = std::move(items);
      }
      parameter_values_[p.key] = std::move(v);
    }
  }

  // Fn::ForEach loops, once parameters are known (their collections may name one).
  for (const char* section : {"Conditions", "Resources", "Outputs"})
    if (Value* v = normalized_.find(section)) expand_for_each(*v, 0);
  conditions_ = normalized_.find("Conditions");
  resources_ = normalized_.find("Resources");
  if (resources_ && !resources_->is_map()) resources_ = nullptr;

  if (!resources_) return std::move(out_);
  for (const Member& r : resources_->as_map()) {
    if (!r.value.is_map()) {
      out_.diagnostics.push_back(base::error("cfn-template", r.key_location, "resource " + r.key + " is not a map"));
      continue;
    }
    const Value* type = r.value.find("Type");
    if (!type || !type->is_string()) {
      out_.diagnostics.push_back(base::error("cfn-template", r.key_location, "resource " + r.key + " has no Type"));
      continue;
    }
    bool condition_unknown = false;
    if (const Value* cond = r.value.find("Condition")) {
      if (!cond->is_string()) {
        out_.diagnostics.push_back(base::error("cfn-template", cond->location(), "Condition takes a condition name"));
      } else {
        Value c = condition(cond->as_string(), cond->location());
        if (c.is_bool() && !c.as_bool()) continue;  // not created: not checked
        condition_unknown = !c.is_bool();
      }
    }
    const Value* props = r.value.find("Properties");
    Value properties = props ? eval(*props) : Value::map({}, r.key_location);
    if (!properties.is_map()) properties = Value::map({}, r.key_location);
    TemplateResource res{r.key, type->as_string(), std::move(properties), r.key_location, condition_unknown, {}};
    if (const Value* meta = r.value.find("Metadata"))
      if (const Value* ours = meta->find("guardrail"))
        if (const Value* ignore = ours->find("ignore")) res.suppressions = *ignore;
    const std::string& t = res.type;
    if (t == "AWS::CloudFormation::Stack" || t == "AWS::Serverless::Application") {
      const Value* url = res.properties.find(t == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location");
      if (url && url->is_string()) {
        const std::string& u = url->as_string();
        bool remote = u.find("://") != std::string::npos || u.rfind("s3.", 0) == 0;
        if (!remote) {
          const Value* params = res.properties.find("Parameters");
          out_.nested.push_back({r.key, u, params && params->is_map() ? *params : Value::map(), url->location()});
        }
      }
    }
    out_.resources.push_back(std::move(res));
  }
  return std::move(out_);
}

}  // namespace

Evaluated evaluate_template(const model::Value& document, const Inputs& inputs, const std::string& address_prefix) {
  return Evaluator(document, inputs, address_prefix).run();
}

model::Value long_form(const model::Value& document, base::Diagnostics& diagnostics) {
  Inputs none;
  Evaluator e(document, none, "");
  Value out = e.normalize(document);
  for (base::Diagnostic& d : e.take_diagnostics()) diagnostics.push_back(std::move(d));
  return out;
}

}  // namespace guardrail::adapt::cloudformation
