#include "load/hcl/template_text.hpp"

#include "base/source_file.hpp"
#include "load/hcl/parse.hpp"

namespace guardrail::load::hcl {
namespace {

void relocate(TemplatePart& p, const base::Location& at) {
  p.where = at;
  if (p.expr) relocate(*p.expr, at);
  for (auto& b : p.body) relocate(b, at);
  for (auto& b : p.else_body) relocate(b, at);
}

}  // namespace

void relocate(Expr& e, const base::Location& at) {
  e.where = at;
  if (e.kind == ExprKind::literal) e.literal.set_location(at);
  for (auto& c : e.children) relocate(*c, at);
  for (auto& p : e.parts) relocate(p, at);
}

ExprPtr parse_template_text(std::string_view text, const std::string& path, const base::Location& at,
                            base::Diagnostics& problems) {
  // A heredoc reads a template so; its own last newline is taken off again.
  static constexpr std::string_view kEnd = "GUARDRAIL_TEMPLATE_TEXT_END";
  std::string wrapped = "<<" + std::string(kEnd) + "\n";
  wrapped += text;
  wrapped += "\n" + std::string(kEnd) + "\n";
  base::SourceFile source(path, std::move(wrapped));
  ExprPtr parsed = parse_expression(source, problems);
  if (!parsed || base::has_errors(problems)) return nullptr;
  if (parsed->kind == ExprKind::literal && parsed->literal.is_string()) {
    std::string literal = parsed->literal.as_string();
    if (!literal.empty() && literal.back() == '\n') literal.pop_back();
    parsed->literal = model::Value::string(literal, at);
  } else if (parsed->kind == ExprKind::template_ && !parsed->parts.empty()) {
    TemplatePart& last = parsed->parts.back();
    if (last.kind == TemplatePart::Kind::text && !last.text.empty() && last.text.back() == '\n') {
      last.text.pop_back();
      if (last.text.empty()) parsed->parts.pop_back();
    }
  }
  relocate(*parsed, at);
  return parsed;
}

}  // namespace guardrail::load::hcl
