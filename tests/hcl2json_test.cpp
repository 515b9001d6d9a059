// Differential test of our HCL parser against HashiCorp's (hcl2json): the same
// blocks, labels and attribute names, and the same values wherever a value is
// a literal, over every .tf file of the corpora in tests/external and of
// the project's own fixtures.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <cmath>
#include <iostream>

#include "load/hcl/parse.hpp"
#include "support.hpp"

using namespace guardrail;
using namespace guardrail::load::hcl;
namespace fs = std::filesystem;

namespace {

/// A literal expression's value; unknown for anything that needs evaluation.
model::Value static_value(const Expr& e) {
  switch (e.kind) {
    case ExprKind::literal: return e.literal;
    case ExprKind::unary:
      if (e.name == "-" && e.children[0]->kind == ExprKind::literal && e.children[0]->literal.is_number()) {
        const model::Value& v = e.children[0]->literal;
        return v.kind() == model::Kind::integer ? model::Value::integer(-v.as_int()) : model::Value::floating(-v.as_double());
      }
      return model::Value::unknown();
    // Like hcl2json, a collection keeps its literal elements even when others
    // need evaluation.
    case ExprKind::tuple: {
      model::Value list = model::Value::list();
      for (const auto& c : e.children) list.push_back(static_value(*c));
      return list;
    }
    case ExprKind::object: {
      model::Value map = model::Value::map();
      for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
        model::Value k = static_value(*e.children[i]);
        if (!k.is_string()) return model::Value::unknown();
        map.set(k.as_string(), static_value(*e.children[i + 1]));
      }
      return map;
    }
    default: return model::Value::unknown();
  }
}

model::Value body_value(const Body& body) {
  model::Value m = model::Value::map();
  for (const Attribute& a : body.attributes) m.set(a.name, static_value(*a.expr));
  for (const Block& b : body.blocks) {
    model::Value* cur = m.find(b.type);
    if (!cur) cur = &m.set(b.type, b.labels.empty() ? model::Value::list() : model::Value::map());
    for (size_t i = 0; i < b.labels.size(); ++i) {
      bool last = i + 1 == b.labels.size();
      model::Value* next = cur->is_map() ? cur->find(b.labels[i]) : nullptr;
      if (!next && cur->is_map()) next = &cur->set(b.labels[i], last ? model::Value::list() : model::Value::map());
      if (!next) break;
      cur = next;
    }
    if (cur->is_list()) cur->push_back(body_value(b.body));
  }
  return m;
}

/// Why ours and theirs differ, or "".
std::string compare(const model::Value& ours, const rapidjson::Value& theirs, const std::string& path) {
  if (theirs.IsString()) {
    std::string t = theirs.GetString();
    if (t.find("${") != std::string::npos || t.find("%{") != std::string::npos) return "";  // an expression
    if (!ours.is_string()) return path + ": they have the string \"" + t + "\", we have " + model::to_display(ours);
    return ours.as_string() == t ? "" : path + ": \"" + t + "\" vs \"" + ours.as_string() + "\"";
  }
  if (ours.is_unknown()) {
    // An object with an expression key ({null.aliased = null}): hcl2json keeps
    // the key's source as "${...}", we keep the whole object as an expression.
    bool expression_keys = theirs.IsObject() && theirs.MemberCount() > 0;
    if (theirs.IsObject())
      for (auto it = theirs.MemberBegin(); it != theirs.MemberEnd(); ++it)
        expression_keys = expression_keys && std::string(it->name.GetString()).find("${") != std::string::npos;
    if (expression_keys) return "";
    return path + ": we see an expression, they a literal";
  }
  if (theirs.IsNull()) return ours.is_null() ? "" : path + ": null vs " + model::to_display(ours);
  if (theirs.IsBool()) return ours.is_bool() && ours.as_bool() == theirs.GetBool() ? "" : path + ": bool differs";
  if (theirs.IsNumber()) {
    if (!ours.is_number()) return path + ": number vs " + model::to_display(ours);
    double a = ours.as_double(), b = theirs.GetDouble();
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)) ? "" : path + ": numbers differ";
  }
  if (theirs.IsArray()) {
    if (!ours.is_list() || ours.size() != theirs.Size())
      return path + ": list of " + std::to_string(theirs.Size()) + " vs " + model::to_display(ours, 80);
    for (rapidjson::SizeType i = 0; i < theirs.Size(); ++i)
      if (auto d = compare(ours.as_list()[i], theirs[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
    return "";
  }
  if (theirs.IsObject()) {
    if (!ours.is_map() || ours.size() != theirs.MemberCount()) {
      std::string keys;
      for (auto it = theirs.MemberBegin(); it != theirs.MemberEnd(); ++it) keys += std::string(it->name.GetString()) + " ";
      return path + ": keys {" + keys + "} vs " + model::to_display(ours, 120);
    }
    for (auto it = theirs.MemberBegin(); it != theirs.MemberEnd(); ++it) {
      const model::Value* mine = ours.find(it->name.GetString());
      if (!mine) return path + ": missing " + it->name.GetString();
      if (auto d = compare(*mine, it->value, path + "." + it->name.GetString()); !d.empty()) return d;
    }
    return "";
  }
  return path + ": unexpected JSON";
}

}  // namespace

TEST_CASE("hcl2json: our parser agrees with HashiCorp's on every corpus file", "[hcl2json][conformance]") {
  fs::path node_modules = test::source_dir() / "tests/npm/node_modules/@cdktf/hcl2json";
  if (!fs::exists(node_modules)) {
    std::cout << "SKIPPED: " << node_modules.string() << " is absent (scripts/install-deps.sh --test installs it)\n";
    return;
  }
  std::vector<fs::path> files;
  auto collect = [&](const fs::path& root) {
    if (!fs::exists(root)) return;
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".tf") files.push_back(e.path());
  };
  bool external = test::have_external("terraform-aws-modules");
  if (external) {
    collect(test::external_dir() / "terraform-aws-modules");
    collect(test::external_dir() / "terraform-plan-json");
  }
  collect(test::source_dir() / "fixtures");
  collect(test::source_dir() / "rules");
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());

  fs::path dir = test::temp_dir("hcl2json");
  std::string list;
  for (const fs::path& f : files) list += f.string() + "\n";
  test::write_file(dir / "files.txt", list);
  std::string cmd = "node '" + (test::source_dir() / "tests/hcl2json/dump.js").string() + "' '" +
                    (dir / "files.txt").string() + "' > '" + (dir / "out.json").string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  rapidjson::Document theirs;
  std::string json = test::read_file(dir / "out.json");
  theirs.Parse(json.c_str());
  REQUIRE_FALSE(theirs.HasParseError());

  size_t agree = 0;
  std::vector<std::string> problems;
  for (const fs::path& f : files) {
    const rapidjson::Value& entry = theirs[f.string().c_str()];
    base::SourceFile src(f.string(), test::read_file(f));
    ParsedFile ours = parse_hcl(src);
    std::string why;
    if (entry.HasMember("error")) {
      why = ours.ok() ? "they reject it (" + std::string(entry["error"].GetString()) + "), we accept it" : "";
    } else if (!ours.ok()) {
      why = "we reject it: " + ours.diagnostics[0].message + " at " + std::to_string(ours.diagnostics[0].where.line);
    } else {
      why = compare(body_value(ours.body), entry["ok"], "");
    }
    if (why.empty()) ++agree;
    else problems.push_back(f.string() + ": " + why);
  }
  std::cout << "hcl2json differential: " << agree << "/" << files.size() << " files agree structurally ("
            << 100.0 * static_cast<double>(agree) / static_cast<double>(files.size()) << "%)\n";
  for (size_t i = 0; i < problems.size() && i < 30; ++i) std::cout << "  " << problems[i] << "\n";
  CHECK(problems.empty());
}
