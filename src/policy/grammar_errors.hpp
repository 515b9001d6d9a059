#pragma once
// One message per grammar rule that can appear inside must<>: what the
// parser expected where it failed. The control class raises them.
#include "policy/grammar.hpp"

namespace guardrail::policy::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<escape_code> = "unknown escape sequence (use \\\" \\\\ \\n \\t \\r \\{ \\} \\/)";
template <> inline constexpr auto error_message<string_end> = "unterminated string";
template <> inline constexpr auto error_message<close_paren> = "expected ')'";
template <> inline constexpr auto error_message<close_bracket> = "expected ']'";
template <> inline constexpr auto error_message<close_brace> = "expected '}'";
template <> inline constexpr auto error_message<close_rule> = "expected a rule item (title, severity, description, remediation, help, tags, param, check, for, let, where, assert, message) or '}'";
template <> inline constexpr auto error_message<close_check> = "expected a clause (for, let, where, assert, message) or '}'";
template <> inline constexpr auto error_message<close_policy> = "expected a policy item (title, description, environment, enforce, skip, set, waive) or '}'";
template <> inline constexpr auto error_message<colon> = "expected ':'";
template <> inline constexpr auto error_message<expression> = "expected an expression";
template <> inline constexpr auto error_message<quant_body> = "expected the quantifier's condition after ':'";
template <> inline constexpr auto error_message<member_name> = "expected a name after '.'";
template <> inline constexpr auto error_message<unary> = "expected an operand";
template <> inline constexpr auto error_message<mul_expr> = "expected an operand";
template <> inline constexpr auto error_message<add_expr> = "expected an operand";
template <> inline constexpr auto error_message<not_expr> = "expected an operand";
template <> inline constexpr auto error_message<and_expr> = "expected an operand";
template <> inline constexpr auto error_message<kw_then> = "expected 'then'";
template <> inline constexpr auto error_message<kw_else> = "expected 'else'";
template <> inline constexpr auto error_message<kw_in> = "expected 'in'";
template <> inline constexpr auto error_message<text> = "expected a string";
template <> inline constexpr auto error_message<severity_word> = "expected a severity (info, low, medium, high, critical)";
template <> inline constexpr auto error_message<list_lit> = "expected a list such as [\"a\", \"b\"]";
template <> inline constexpr auto error_message<param_name> = "expected a parameter name";
template <> inline constexpr auto error_message<equals> = "expected '='";
template <> inline constexpr auto error_message<bound_name> = "expected a variable name";
template <> inline constexpr auto error_message<for_sources> = "expected what to iterate over";
template <> inline constexpr auto error_message<message_template> = "expected a message string";
template <> inline constexpr auto error_message<rule_id> = "expected a rule ID such as NET-001";
template <> inline constexpr auto error_message<lbrace> = "expected '{'";
template <> inline constexpr auto error_message<env_name> = "expected an environment name";
template <> inline constexpr auto error_message<env_list> = "expected environment names or 'all'";
template <> inline constexpr auto error_message<tag_key> = "expected a tag key";
template <> inline constexpr auto error_message<rule_list> = "expected rule IDs (globs such as PSS-* allowed) or 'all'";
template <> inline constexpr auto error_message<in_envs> = "expected 'in' and environments";
template <> inline constexpr auto error_message<set_value> = "expected a constant value (a number, string, bool, list or map)";
template <> inline constexpr auto error_message<set_target> = "expected RULE-ID.parameter";
template <> inline constexpr auto error_message<date> = "expected a date YYYY-MM-DD";
template <> inline constexpr auto error_message<kw_on> = "expected 'on'";
template <> inline constexpr auto error_message<kw_until> = "expected 'until'";
template <> inline constexpr auto error_message<kw_because> = "expected 'because'";
template <> inline constexpr auto error_message<kw_inline> = "expected 'inline' (forbid inline RULES)";
template <> inline constexpr auto error_message<declaration> = "expected 'rule' or 'policy'";
template <> inline constexpr auto error_message<policy_name> = "expected a policy name";
template <> inline constexpr auto error_message<policy_parent> = "expected the name of the policy this one extends";
template <> inline constexpr auto error_message<one<'}'>> = "expected '}' to close the template expression";
// clang-format on

/// Raises the rule's message when a must<> fails; elsewhere PEGTL's normal
/// behaviour. A must<> rule without a message does not compile.
template <typename Rule>
struct control : normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "every must<> rule needs an error message");
    throw parse_error(error_message<Rule>, in);
  }
};

}  // namespace guardrail::policy::grammar
