#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "load/hcl/grammar.hpp"
#include "load/hcl/parse.hpp"
#include "support.hpp"

using namespace guardrail;
using namespace guardrail::load::hcl;

namespace {

ParsedFile parse(const std::string& text) {
  static std::vector<std::unique_ptr<base::SourceFile>> keep;
  keep.push_back(std::make_unique<base::SourceFile>("main.tf", text));
  return parse_hcl(*keep.back());
}

std::string error_of(const std::string& text) {
  auto f = parse(text);
  REQUIRE(f.diagnostics.size() >= 1);
  const auto& d = f.diagnostics[0];
  return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message;
}

std::string span(const Location& l) {
  return std::to_string(l.line) + ":" + std::to_string(l.column) + "-" + std::to_string(l.end_line) + ":" +
         std::to_string(l.end_column);
}

}  // namespace

TEST_CASE("hcl: the grammar has no left recursion or empty loops") {
  CHECK(tao::pegtl::analyze<grammar::config_file>() == 0);
}

TEST_CASE("hcl: blocks, labels and attributes with exact locations") {
  auto f = parse("resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n  tags = {\n    Name = \"main\"\n  }\n}\n");
  REQUIRE(f.ok());
  REQUIRE(f.body.blocks.size() == 1);
  const Block& b = f.body.blocks[0];
  CHECK(b.type == "resource");
  CHECK(b.labels == std::vector<std::string>{"aws_vpc", "main"});
  CHECK(span(b.where) == "1:1-6:2");
  CHECK(span(b.label_wheres[1]) == "1:20-1:26");
  const Attribute* cidr = b.body.attribute("cidr_block");
  REQUIRE(cidr);
  CHECK(span(cidr->name_where) == "2:3-2:13");
  CHECK(cidr->expr->kind == ExprKind::literal);
  CHECK(cidr->expr->literal.as_string() == "10.0.0.0/16");
  CHECK(span(cidr->expr->where) == "2:16-2:29");
  const Attribute* tags = b.body.attribute("tags");
  REQUIRE(tags);
  CHECK(tags->expr->kind == ExprKind::object);
  CHECK(span(tags->where) == "3:3-5:4");
}

TEST_CASE("hcl: every expression form") {
  const char* src = R"(a = 1 + 2 * 3 - -4 % 2
b = !true || false && null == null
c = x > 1 ? "big" : "small"
d = [for i, v in var.list : upper(v) if i < 2]
e = {for k, v in var.map : k => v...}
f = aws_subnet.private[*].id
g = aws_subnet.private.*.cidr_block
h = concat(local.a, local.b...)
i = "prefix-${var.name}-%{ if var.on }on%{ else }off%{ endif }"
j = <<-EOT
    line one
      line two ${var.x}
    EOT
k = element(var.l, 0).name[1]["key"]
l = provider::aws::arn_parse("arn:aws:iam::123456789012:root")
m = var.list.0
n = "${var.only}"
o = "literal $${not} %%{not}"
p = 1.5e3
q = (a
  + b)
r = {
  "quoted key" = 1
  (var.k) = 2
  plain: 3
}
)";
  auto f = parse(src);
  for (auto& d : f.diagnostics) INFO(d.message << " at " << d.where.line << ":" << d.where.column);
  REQUIRE(f.ok());
  auto kind = [&](const char* name) { return f.body.attribute(name)->expr->kind; };
  CHECK(kind("a") == ExprKind::binary);
  CHECK(f.body.attribute("a")->expr->name == "-");
  CHECK(kind("b") == ExprKind::binary);
  CHECK(f.body.attribute("b")->expr->name == "||");
  CHECK(kind("c") == ExprKind::conditional);
  CHECK(kind("d") == ExprKind::for_tuple);
  CHECK(f.body.attribute("d")->expr->key_var == "i");
  CHECK(f.body.attribute("d")->expr->has_cond);
  CHECK(kind("e") == ExprKind::for_object);
  CHECK(f.body.attribute("e")->expr->grouping);
  CHECK(kind("f") == ExprKind::splat);
  CHECK_FALSE(f.body.attribute("f")->expr->attr_splat);
  CHECK(f.body.attribute("f")->expr->steps.at(0).attr == "id");
  CHECK(kind("g") == ExprKind::splat);
  CHECK(f.body.attribute("g")->expr->attr_splat);
  CHECK(kind("h") == ExprKind::call);
  CHECK(f.body.attribute("h")->expr->expand_last);
  CHECK(kind("i") == ExprKind::template_);
  REQUIRE(f.body.attribute("i")->expr->parts.size() == 4);
  CHECK(f.body.attribute("i")->expr->parts[3].kind == TemplatePart::Kind::if_);
  CHECK(f.body.attribute("i")->expr->parts[3].else_body.at(0).text == "off");
  CHECK(kind("j") == ExprKind::template_);
  CHECK(f.body.attribute("j")->expr->parts.at(0).text == "line one\n  line two ");
  CHECK(kind("k") == ExprKind::index);
  CHECK(kind("l") == ExprKind::call);
  CHECK(f.body.attribute("l")->expr->name == "provider::aws::arn_parse");
  CHECK(kind("m") == ExprKind::index);
  CHECK(kind("n") == ExprKind::get_attr);  // a lone interpolation is its expression
  CHECK(f.body.attribute("o")->expr->literal.as_string() == "literal ${not} %{not}");
  CHECK(f.body.attribute("p")->expr->literal.as_double() == 1500.0);
  CHECK(kind("q") == ExprKind::binary);
  CHECK(kind("r") == ExprKind::object);
  CHECK(f.body.attribute("r")->expr->children.size() == 6);
}

TEST_CASE("hcl: comments of all three kinds, one-line blocks, CRLF") {
  auto f = parse("# hash\n// slashes\n/* block\n comment */ a = 1 // trailing\r\nb { c = 2 }\nd \"x\" {}\n");
  REQUIRE(f.ok());
  CHECK(f.body.attribute("a")->expr->literal.as_int() == 1);
  CHECK(f.body.blocks.size() == 2);
  CHECK(f.body.blocks[0].body.attribute("c")->expr->literal.as_int() == 2);
  // One-line blocks whose argument spans lines inside brackets, or that end in a comment.
  CHECK(parse("lifecycle { ignore_changes = [\n  tags,\n] }\nb { # c\n  x = 1\n}\ne { f = 1 } # g\n").ok());
  // An argument on the "{" line makes a one-line block: one argument, "}" on that line (HCL's OneLineBlock).
  CHECK(error_of("resource \"a\" \"b\" { x = \"a\"\n  y = false\n}\n") ==
        "1:18: a block opened with an argument on its first line is a one-line block: one argument, then \"}\" "
        "on the same line");
  CHECK(error_of("r { p = <<EOT\nx\nEOT\n}\n").rfind("1:3: a block opened with an argument", 0) == 0);
  CHECK(error_of("r { a = 1, b = 2 }\n").rfind("1:", 0) == 0);
}

TEST_CASE("hcl: heredocs keep their text and locate their interpolations") {
  auto f = parse("policy = <<EOF\n{\n  \"Action\": \"${var.action}\"\n}\nEOF\nafter = 1\n");
  REQUIRE(f.ok());
  const Expr& e = *f.body.attribute("policy")->expr;
  REQUIRE(e.kind == ExprKind::template_);
  CHECK(e.parts[0].text == "{\n  \"Action\": \"");
  CHECK(span(e.parts[1].expr->where) == "3:16-3:26");
  CHECK(e.parts[2].text == "\"\n}\n");
  CHECK(f.body.attribute("after")->expr->literal.as_int() == 1);
}

TEST_CASE("hcl: template strip markers remove the adjacent spaces") {
  auto f = parse("a = \"x ${~ \"y\" ~} z\"\nb = \"%{ if true ~}  yes  %{~ endif }\"\n");
  REQUIRE(f.ok());
  const Expr& a = *f.body.attribute("a")->expr;
  CHECK(a.parts.at(0).text == "x");
  CHECK(a.parts.at(2).text == "z");
  CHECK(f.body.attribute("b")->expr->parts.at(0).body.at(0).text == "yes");
}

TEST_CASE("hcl: syntax errors name what was expected, where") {
  CHECK(error_of("a = \"unterminated\n") == "1:18: unterminated string: expected '\"' before the end of the line");
  CHECK(error_of("a = <<EOT\nno end\n") == "1:5: unterminated heredoc: its closing marker never appears alone on a line");
  CHECK(error_of("resource \"a\" \"b\" {\n  x = 1\n") == "3:1: expected an attribute, a block or '}'");
  CHECK(error_of("a = \n") == "1:5: expected an expression after '='");
  CHECK(error_of("a = [1, 2\n") == "2:1: expected ']'");
  CHECK(error_of("a = f(1, 2\nb = 2\n") == "2:1: expected ')'");
  CHECK(error_of("a = 1 b = 2\n") == "1:7: expected a newline after the attribute or block (one item per line)");
  CHECK(error_of("a = 1 +\n") == "1:8: expected an operand");
  CHECK(error_of("= 1\n") == "1:1: expected an attribute (name = value) or a block (type \"label\" { ... })");
  CHECK(error_of("a = \"\\q\"\n") == "1:7: invalid escape sequence (\\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)");
  CHECK(error_of("a = \"${var.x\"\n") == "1:13: expected '}' to close the template sequence");
  CHECK(error_of("/* never closed\na = 1\n") == "1:1: unterminated comment: expected '*/'");
  CHECK(error_of("a = \"%{ if true }x\"\n") == "1:6: this %{ if } has no %{ endif }");
  CHECK(error_of("a = {for k, v in m : k v}\n") == "1:24: expected '=>' in an object for expression");
  CHECK(error_of("a = 1\na = 2\n") == "2:1: attribute 'a' is defined twice (first at line 1)");
}

TEST_CASE("hcl: nesting 10,000 deep is an error, not a crash") {
  std::string deep = "a = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  CHECK(error_of(deep).find("nesting deeper than 256 levels") != std::string::npos);
  std::string blocks;
  for (int i = 0; i < 10000; ++i) blocks += "b {\n";
  CHECK_FALSE(parse(blocks).ok());
  std::string parens = "a = " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\n";
  CHECK_FALSE(parse(parens).ok());
}

TEST_CASE("hcl: identifiers may contain dashes and non-ASCII letters") {
  auto f = parse("resource \"x\" \"y\" {\n  my-attr = var.some-name\n  ñame = 1\n}\n");
  REQUIRE(f.ok());
  const Body& b = f.body.blocks[0].body;
  CHECK(b.attribute("my-attr")->expr->children.at(0)->name == "var");
  CHECK(b.attribute("my-attr")->expr->name == "some-name");
  CHECK(b.attribute("ñame") != nullptr);
}
