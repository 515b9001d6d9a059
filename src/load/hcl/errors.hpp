#pragma once
// What the HCL parser expected, one message per rule that can fail inside
// must<>, and the control class that raises them.
#include "load/hcl/grammar.hpp"

namespace guardrail::load::hcl::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<unterminated_comment> = "unterminated comment: expected '*/'";
template <> inline constexpr auto error_message<escape_code> = "invalid escape sequence (\\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)";
template <> inline constexpr auto error_message<close_sequence> = "expected '}' to close the template sequence";
template <> inline constexpr auto error_message<identifier> = "expected a name";
template <> inline constexpr auto error_message<kw_in> = "expected 'in'";
template <> inline constexpr auto error_message<directive_word> = "expected if, else, endif, for or endfor in a template directive";
template <> inline constexpr auto error_message<string_end> = "unterminated string: expected '\"' before the end of the line";
template <> inline constexpr auto error_message<colon> = "expected ':'";
template <> inline constexpr auto error_message<fat_arrow> = "expected '=>' in an object for expression";
template <> inline constexpr auto error_message<close_bracket> = "expected ']'";
template <> inline constexpr auto error_message<close_brace> = "expected '}' or an object element (name = value)";
template <> inline constexpr auto error_message<close_paren> = "expected ')'";
template <> inline constexpr auto error_message<object_value> = "expected an expression after '=' in the object";
template <> inline constexpr auto error_message<for_vars> = "expected the for expression's variable name";
template <> inline constexpr auto error_message<attribute_value> = "expected an expression after '='";
template <> inline constexpr auto error_message<item_end> = "expected a newline after the attribute or block (one item per line)";
template <> inline constexpr auto error_message<close_block> = "expected an attribute, a block or '}'";
template <> inline constexpr auto error_message<file_end> = "expected an attribute (name = value) or a block (type \"label\" { ... })";
template <> inline constexpr auto error_message<unterminated_heredoc> = "unterminated heredoc: its closing marker never appears alone on a line";
template <typename S> inline constexpr auto error_message<operand<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<level6<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<level5<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<level4<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<level3<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<level2<S>> = "expected an operand";
template <typename S> inline constexpr auto error_message<expression<S>> = "expected an expression";
// clang-format on

template <typename Rule>
struct control : normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "every must<> rule needs an error message");
    throw parse_error(error_message<Rule>, in);
  }
};

}  // namespace guardrail::load::hcl::grammar
