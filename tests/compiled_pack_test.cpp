// The rule pack compiled with the build (policy/compiled.hpp) against the
// same rules parsed now.
#include <catch2/catch.hpp>

#include "policy/builtin_pack.hpp"
#include "policy/compiled.hpp"
#include "policy/pack.hpp"

using namespace guardrail;

namespace {

/// The shipped pack parsed from its text, as a build without the compiled
/// form would have it.
policy::Pack parsed_pack() {
  policy::Pack pack;
  for (const policy::PackFile& f : policy::builtin_pack())
    if (policy::is_embedded_rule_file(f.path) || f.path.rfind("policies/", 0) == 0)
      policy::add_file(pack, std::string(f.path), std::string(f.content));
  policy::check(pack);
  return pack;
}

}  // namespace

TEST_CASE("compiled pack: this binary has one, and it loads as the parsed rules") {
  REQUIRE(!policy::compiled_pack_blob().empty());
  policy::Pack compiled;
  policy::add_builtin(compiled);
  policy::check(compiled);
  CHECK(compiled.diagnostics.empty());
  policy::Pack parsed = parsed_pack();
  REQUIRE(parsed.diagnostics.empty());
  REQUIRE(compiled.rules.size() == parsed.rules.size());
  CHECK(policy::serialize_rules(compiled) == policy::serialize_rules(parsed));
  for (size_t i = 0; i < parsed.rules.size(); ++i) {
    const policy::Rule& a = *compiled.rules[i];
    const policy::Rule& b = *parsed.rules[i];
    CHECK(a.id == b.id);
    CHECK(a.checked);
    CHECK(a.where == b.where);
    CHECK(a.slot_count == b.slot_count);
    CHECK(compiled.source(a.file) != nullptr);
  }
  CHECK(compiled.policy("innovate") != nullptr);
  CHECK(compiled.policy("baseline") != nullptr);
}

TEST_CASE("compiled pack: what each rule starts from is known without reading its body") {
  policy::Pack pack;
  policy::add_builtin(pack);
  policy::check(pack);
  using Types = std::vector<std::string>;
  CHECK(pack.rule("NET-004")->anchor_types == Types{"aws_subnet", "aws_vpc"});
  CHECK(pack.rule("K8S-004")->anchor_types == Types{"Deployment"});
  // Per account, or over a computed list: always run.
  CHECK(pack.rule("ORG-003")->anchor_types.empty());
  CHECK(pack.rule("DR-001")->anchor_types.empty());
}

TEST_CASE("compiled pack: a damaged or foreign blob is refused, and the rules are parsed instead") {
  std::string blob(policy::compiled_pack_blob());
  policy::Pack empty;
  CHECK_FALSE(policy::load_compiled_rules(empty, ""));
  // Every truncation, and a flipped byte at many places: refused or read,
  // never a crash or an overrun (the sanitizer build runs this too).
  for (size_t n = 0; n < blob.size(); n += 1 + n / 16) {
    INFO("truncated to " << n << " of " << blob.size() << " bytes");
    policy::Pack pack;
    CHECK_FALSE(policy::load_compiled_rules(pack, std::string_view(blob).substr(0, n)));
    CHECK(pack.rules.empty());
  }
  // A damaged body is found when it is read: an exception, never a crash.
  for (size_t at = 0; at < blob.size(); at += 97) {
    auto damaged = std::make_shared<std::string>(blob);
    (*damaged)[at] = static_cast<char>((*damaged)[at] ^ 0x5a);
    policy::Pack pack;
    if (!policy::load_compiled_rules(pack, *damaged)) continue;
    for (const auto& r : pack.rules) {
      try {
        (void)r->body();
      } catch (const std::runtime_error&) {
      }
    }
  }
  // Made from other rule texts: the fingerprint differs.
  std::string other = blob;
  other[6] = static_cast<char>(other[6] ^ 1);  // inside the fingerprint
  policy::Pack pack;
  CHECK_FALSE(policy::load_compiled_rules(pack, other));
}
