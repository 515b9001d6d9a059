#pragma once
// The HCL native syntax (hashicorp/hcl, hclsyntax/spec.md) as a PEGTL
// grammar: rules only. Messages are in hcl/errors.hpp, the conversion to the
// syntax tree in hcl/parse.cpp.
//
// Newlines end attributes in bodies and are ignored inside (), [], {} and
// template sequences, so the expression rules are templates over their
// whitespace: `Sp` (spaces, tabs, inline comments) or `Ws` (all whitespace).
// Beyond the spec: commas between object elements are optional on one line
// too (the spec's parser requires a newline or a comma). Short of it:
// identifiers are ASCII letters, digits, '_' and '-' plus any non-ASCII
// code point (not exactly UAX #31).
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace guardrail::load::hcl::grammar {

using namespace tao::pegtl;

// --- comments and whitespace ----------------------------------------------
struct comment_end : string<'*', '/'> {};
struct comment_body : until<comment_end> {};
/// An inline comment that never ends: reported where it starts.
struct unterminated_comment : raise<unterminated_comment> {};
struct inline_comment : sor<seq<string<'/', '*'>, comment_body>, seq<at<string<'/', '*'>>, unterminated_comment>> {};
/// Up to the end of its line, or of the file: a last line need not end in a newline.
struct line_comment : seq<sor<one<'#'>, string<'/', '/'>>, until<at<sor<one<'\n'>, string<'\r', '\n'>, eof>>>> {};
struct sp : star<sor<one<' ', '\t'>, inline_comment>> {};
struct ws : star<sor<one<' ', '\t', '\r', '\n'>, inline_comment, line_comment>> {};
struct line_end : seq<opt<line_comment>, sor<one<'\n'>, string<'\r', '\n'>, eof>> {};
struct blank_lines : star<sor<one<' ', '\t', '\r', '\n'>, inline_comment, line_comment>> {};

// --- identifiers and numbers ------------------------------------------------
struct id_start : sor<ranges<'a', 'z', 'A', 'Z', '_'>, utf8::range<0x80, 0x10FFFF>> {};
struct id_rest : sor<id_start, digit, one<'-'>> {};
struct identifier : seq<id_start, star<id_rest>> {};
template <typename Word>
struct keyword : seq<Word, not_at<id_rest>> {};
struct kw_for : keyword<TAO_PEGTL_STRING("for")> {};
struct kw_in : keyword<TAO_PEGTL_STRING("in")> {};
struct kw_if : keyword<TAO_PEGTL_STRING("if")> {};
struct kw_else : keyword<TAO_PEGTL_STRING("else")> {};
struct kw_endif : keyword<TAO_PEGTL_STRING("endif")> {};
struct kw_endfor : keyword<TAO_PEGTL_STRING("endfor")> {};
struct lit_true : keyword<TAO_PEGTL_STRING("true")> {};
struct lit_false : keyword<TAO_PEGTL_STRING("false")> {};
struct lit_null : keyword<TAO_PEGTL_STRING("null")> {};

struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>> {};
struct number : seq<plus<digit>, opt<one<'.'>, plus<digit>>, opt<exponent>> {};

// --- templates ---------------------------------------------------------------
template <typename S>
struct expression;
using expr_ws = expression<ws>;

struct escape_code : sor<one<'n', 'r', 't', '"', '\\'>, seq<one<'u'>, rep<4, xdigit>>, seq<one<'U'>, rep<8, xdigit>>> {};
struct escape : seq<one<'\\'>, must<escape_code>> {};
struct strip : one<'~'> {};
struct close_sequence : one<'}'> {};
struct interpolation : seq<string<'$', '{'>, opt<strip>, ws, must<expr_ws>, ws, opt<strip>, must<close_sequence>> {};
struct directive_for : seq<kw_for, ws, must<identifier>, ws, opt<one<','>, ws, must<identifier>, ws>, must<kw_in>, ws, must<expr_ws>> {};
struct directive_if : seq<kw_if, ws, must<expr_ws>> {};
struct directive_word : sor<directive_for, directive_if, kw_else, kw_endif, kw_endfor> {};
struct directive : seq<string<'%', '{'>, opt<strip>, ws, must<directive_word>, ws, opt<strip>, must<close_sequence>> {};
/// Literal text of a quoted template: no newlines; `$${` and `%%{` escape.
struct quoted_char : sor<string<'$', '$', '{'>, string<'%', '%', '{'>, seq<one<'$'>, not_at<one<'{'>>>,
                         seq<one<'%'>, not_at<one<'{'>>>, escape, not_one<'"', '\\', '\n', '\r', '$', '%'>> {};
struct quoted_text : plus<quoted_char> {};
struct string_end : one<'"'> {};
struct quoted_template : seq<one<'"'>, star<sor<interpolation, directive, quoted_text>>, must<string_end>> {};
/// Literal text of a heredoc: anything but the sequences' introducers.
struct heredoc_char : sor<string<'$', '$', '{'>, string<'%', '%', '{'>, seq<one<'$'>, not_at<one<'{'>>>,
                          seq<one<'%'>, not_at<one<'{'>>>, not_one<'$', '%'>> {};
struct heredoc_text : plus<heredoc_char> {};
/// The content of a heredoc, parsed on its own (see parse.cpp).
struct heredoc_template : seq<star<sor<interpolation, directive, heredoc_text>>, eof> {};

/// `<<EOT` or `<<-EOT`, a newline, lines, and EOT alone on a line (indented
/// freely, and followed by spaces or tabs, as Terraform accepts). Matched by
/// hand: the terminator is the word the opener chose.
struct heredoc {
  using rule_t = heredoc;
  using subs_t = empty_list;
  template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    const char* begin = in.current();
    const char* end = in.end();
    const char* p = begin;
    if (end - p < 3 || p[0] != '<' || p[1] != '<') return false;
    p += 2;
    if (p < end && *p == '-') ++p;
    const char* word = p;
    while (p < end && (std::isalnum(static_cast<unsigned char>(*p)) || *p == '_' || *p == '-')) ++p;
    if (p == word) return false;
    std::string_view marker(word, static_cast<size_t>(p - word));
    if (p < end && *p == '\r') ++p;
    if (p >= end || *p != '\n') return false;
    ++p;
    // Lines until one that is, apart from leading whitespace, the marker.
    while (p < end) {
      const char* line = p;
      const char* eol = p;
      while (eol < end && *eol != '\n') ++eol;
      const char* text = line;
      while (text < eol && (*text == ' ' || *text == '\t')) ++text;
      const char* text_end = eol;
      while (text_end > text && (text_end[-1] == '\r' || text_end[-1] == ' ' || text_end[-1] == '\t')) --text_end;
      if (std::string_view(text, static_cast<size_t>(text_end - text)) == marker) {
        in.bump(static_cast<size_t>(text_end - begin));
        return true;
      }
      p = eol < end ? eol + 1 : end;
    }
    return false;
  }
};
struct heredoc_start : seq<string<'<', '<'>, opt<one<'-'>>, identifier> {};
/// A heredoc whose terminator never comes: reported at its opener.
struct unterminated_heredoc : seq<at<heredoc_start>, raise<unterminated_heredoc>> {};

// --- expressions ----------------------------------------------------------------
struct close_paren : one<')'> {};
struct close_bracket : one<']'> {};
struct close_brace : one<'}'> {};
struct comma : one<','> {};
struct ellipsis : string<'.', '.', '.'> {};
struct equals : seq<one<'='>, not_at<one<'=', '>'>>> {};
struct colon : one<':'> {};
struct fat_arrow : string<'=', '>'> {};

struct for_vars : seq<identifier, ws, opt<one<','>, ws, must<identifier>, ws>> {};
struct for_intro : seq<kw_for, ws, must<for_vars>, must<kw_in>, ws, must<expr_ws>, ws, must<colon>, ws> {};
struct for_cond : seq<kw_if, ws, must<expr_ws>> {};
struct for_tuple : seq<one<'['>, ws, for_intro, must<expr_ws>, ws, opt<for_cond, ws>, must<close_bracket>> {};
struct for_object : seq<one<'{'>, ws, for_intro, must<expr_ws>, ws, must<fat_arrow>, ws, must<expr_ws>, ws,
                        opt<ellipsis, ws>, opt<for_cond, ws>, must<close_brace>> {};

struct tuple : seq<one<'['>, ws, opt<list_tail<expr_ws, seq<ws, comma, ws>>>, ws, must<close_bracket>> {};
/// An object key: a bare name is the literal name, anything else an expression.
struct object_key_name : seq<identifier, at<ws, sor<equals, colon>>> {};
struct object_key : sor<object_key_name, expr_ws> {};
struct object_value : seq<expr_ws> {};
struct object_elem : seq<object_key, ws, sor<equals, colon>, ws, must<object_value>> {};
struct object : seq<one<'{'>, ws, star<object_elem, ws, opt<comma, ws>>, must<close_brace>> {};

struct call_args : seq<opt<list_tail<expr_ws, seq<ws, comma, ws>>>, ws, opt<ellipsis, ws>> {};
/// name(...) or a provider function provider::aws::arn_parse(...).
struct function_name : seq<identifier, star<string<':', ':'>, identifier>> {};
struct call : seq<function_name, sp, one<'('>, ws, call_args, must<close_paren>> {};
struct paren : seq<one<'('>, ws, must<expr_ws>, ws, must<close_paren>> {};
struct variable : identifier {};

struct term : sor<paren, for_tuple, tuple, for_object, object, number, lit_true, lit_false, lit_null, quoted_template,
                  heredoc, unterminated_heredoc, call, variable> {};

struct get_attr : seq<one<'.'>, identifier> {};
struct legacy_index : seq<one<'.'>, plus<digit>, not_at<one<'.'>, digit>> {};
struct index : seq<one<'['>, ws, must<expr_ws>, ws, must<close_bracket>> {};
struct attr_splat : seq<one<'.'>, one<'*'>, star<get_attr>> {};
/// A splat inside a splat's traversal (`a[*].b[*].c`) applies to each element.
struct nested_splat : seq<one<'['>, ws, one<'*'>, ws, one<']'>> {};
struct full_splat : seq<one<'['>, ws, one<'*'>, ws, must<close_bracket>, star<sor<get_attr, nested_splat, index>>> {};
template <typename S>
struct postfix : seq<term, star<S, sor<attr_splat, full_splat, legacy_index, get_attr, index>>> {};

struct op_not : one<'!'> {};
struct op_neg : seq<one<'-'>, not_at<one<'-'>>> {};
template <typename S>
struct unary;
template <typename S>
struct operand : unary<S> {};
template <typename S>
struct unary : sor<seq<sor<op_not, op_neg>, S, must<operand<S>>>, postfix<S>> {};

struct op_mul : sor<one<'*'>, seq<one<'/'>, not_at<one<'/', '*'>>>, seq<one<'%'>, not_at<one<'{'>>>> {};
struct op_add : sor<one<'+'>, seq<one<'-'>, not_at<one<'>'>>>> {};
struct op_cmp : sor<string<'<', '='>, string<'>', '='>, seq<one<'<'>, not_at<one<'<'>>>, one<'>'>> {};
struct op_eq : sor<string<'=', '='>, string<'!', '='>> {};
struct op_and : string<'&', '&'> {};
struct op_or : string<'|', '|'> {};

template <typename S>
struct level6 : seq<unary<S>, star<S, op_mul, S, must<operand<S>>>> {};
template <typename S>
struct level5 : seq<level6<S>, star<S, op_add, S, must<level6<S>>>> {};
template <typename S>
struct level4 : seq<level5<S>, star<S, op_cmp, S, must<level5<S>>>> {};
template <typename S>
struct level3 : seq<level4<S>, star<S, op_eq, S, must<level4<S>>>> {};
template <typename S>
struct level2 : seq<level3<S>, star<S, op_and, S, must<level3<S>>>> {};
template <typename S>
struct level1 : seq<level2<S>, star<S, op_or, S, must<level2<S>>>> {};
template <typename S>
struct conditional : seq<level1<S>, opt<S, one<'?'>, S, must<expression<S>>, S, must<colon>, S, must<expression<S>>>> {};
template <typename S>
struct expression : conditional<S> {};
using expr_sp = expression<sp>;

// --- structure -------------------------------------------------------------------
struct body;
struct item_end : sor<line_end, at<one<'}'>>, eof> {};
struct attribute_value : seq<expr_sp> {};
struct attribute : seq<identifier, sp, equals, sp, must<attribute_value>, sp, must<item_end>> {};
struct string_label : seq<one<'"'>, star<sor<escape, not_one<'"', '\\', '\n', '\r'>>>, must<string_end>> {};
struct label : sor<string_label, identifier> {};
struct close_block : one<'}'> {};
struct block : seq<identifier, sp, star<label, sp>, one<'{'>, body, must<close_block>, sp, must<item_end>> {};
struct item : sor<attribute, block> {};
struct body : seq<blank_lines, star<item, blank_lines>> {};
struct file_end : eof {};
struct config_file : seq<opt<utf8::bom>, body, must<file_end>> {};

}  // namespace guardrail::load::hcl::grammar

namespace tao::pegtl {
// The heredoc matcher consumes input whenever it succeeds.
template <typename Name>
struct analyze_traits<Name, guardrail::load::hcl::grammar::heredoc> : analyze_any_traits<> {};
}  // namespace tao::pegtl
