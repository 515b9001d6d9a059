#include <catch2/catch.hpp>

#include "model/value.hpp"

using guardrail::model::Kind;
using guardrail::model::Value;
using guardrail::base::Location;

TEST_CASE("value: every kind keeps the location it was built with") {
  Location at{"f.yaml", 3, 5, 3, 9};
  CHECK(Value(at).location() == at);
  CHECK(Value::boolean(true, at).location() == at);
  CHECK(Value::integer(7, at).location() == at);
  CHECK(Value::floating(1.5, at).location() == at);
  CHECK(Value::string("x", at).location() == at);
  CHECK(Value::list({}, at).location() == at);
  CHECK(Value::map({}, at).location() == at);
  CHECK(Value::unknown("after apply", at).location() == at);
  CHECK(Value::reference("aws_vpc.main.id", at).location() == at);
}

TEST_CASE("value: kinds and accessors") {
  CHECK(Value().kind() == Kind::null);
  CHECK(Value::integer(3).as_double() == 3.0);
  CHECK(Value::reference("aws_vpc.main.id").as_string() == "aws_vpc.main.id");
  CHECK(Value::unknown().is_unknown());
  Value m = Value::map();
  m.set("a", Value::integer(1), Location{"f", 1, 1, 1, 2});
  m.set("b", Value::string("x"));
  m.set("a", Value::integer(2));
  REQUIRE(m.size() == 2);
  CHECK(m.find("a")->as_int() == 2);
  CHECK(m.find_member("a")->key_location.line == 1);  // kept when replaced without one
  CHECK(m.as_map()[0].key == "a");  // order as first written
  CHECK(m.find("zz") == nullptr);
  CHECK(Value::string("x").find("a") == nullptr);
}

TEST_CASE("value: structural equality ignores locations and tags") {
  Value a = Value::list({Value::integer(1, {"a", 1, 1, 1, 2}), Value::string("s")});
  Value b = Value::list({Value::floating(1.0), Value::string("s", {"b", 9, 9, 9, 9})});
  b.set_tag("!Ref");
  CHECK(a.same(b));
  CHECK_FALSE(a.same(Value::list({Value::integer(1)})));
  CHECK_FALSE(Value::reference("x").same(Value::string("x")));
  CHECK(b.tag() == "!Ref");
}

TEST_CASE("value: display is compact and bounded") {
  Value m = Value::map();
  m.set("k", Value::list({Value::integer(1), Value::boolean(false), Value()}));
  CHECK(guardrail::model::to_display(m) == "{k: [1, false, null]}");
  CHECK(guardrail::model::to_display(Value::string("plain")) == "plain");
  CHECK(guardrail::model::to_display(Value::unknown()) == "(known after apply)");
}

TEST_CASE("value: a map written key by key keeps order, and a repeated key replaces its value, wide or narrow") {
  for (int width : {3, 17, 5000}) {
    Value map = Value::map();
    guardrail::model::MapWriter writer(map);
    for (int i = 0; i < width; ++i) writer.set("k" + std::to_string(i), Value::integer(i));
    writer.set("k0", Value::integer(-1), Location{"f", 9, 1, 9, 3});
    writer.set("k" + std::to_string(width - 1), Value::integer(-2));
    REQUIRE(map.size() == static_cast<size_t>(width));
    CHECK(map.as_map().front().key == "k0");
    CHECK(map.find("k0")->as_int() == -1);
    CHECK(map.as_map().front().key_location.line == 9);
    CHECK(map.as_map().back().value.as_int() == -2);
    CHECK(writer.find("k1") == (width > 1 ? map.find("k1") : nullptr));
    CHECK(writer.find("absent") == nullptr);
  }
}

TEST_CASE("value: wide maps are equal whatever the order of their keys") {
  Value a = Value::map(), b = Value::map();
  for (int i = 0; i < 100; ++i) a.set("k" + std::to_string(i), Value::integer(i));
  for (int i = 99; i >= 0; --i) b.set("k" + std::to_string(i), Value::integer(i));
  CHECK(a.same(b));
  b.set("k50", Value::integer(0));
  CHECK_FALSE(a.same(b));
  Value c = a;
  c.as_map().back().key = "other";
  CHECK_FALSE(a.same(c));
}

TEST_CASE("value: tags are numbered, and a file of more distinct tags than there are numbers keeps the known ones") {
  // Tags are two bytes of every Value. Past 65,535 distinct tags a new one
  // reads as one shared tag; CloudFormation's are numbered first and stay.
  Value v;
  for (int i = 0; i < 70000; ++i) {
    std::string tag = "!probe-" + std::to_string(i);
    v.set_tag(tag);
    if (i == 10) REQUIRE(v.tag() == tag);
  }
  CHECK(v.tag() == "!guardrail/other-tag");
  v.set_tag("!probe-10");
  CHECK(v.tag() == "!probe-10");
  for (const char* known : {"!Ref", "!Sub", "!GetAtt", "!If", "!ImportValue", "!guardrail/open-map"}) {
    v.set_tag(known);
    CHECK(v.tag() == known);
  }
  v.set_tag("");
  CHECK(v.tag().empty());
  Value copy = v;
  copy.set_tag("!Sub");
  Value moved = std::move(copy);
  CHECK(moved.tag() == "!Sub");
  CHECK(sizeof(Value) <= 56);
}
