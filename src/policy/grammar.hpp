#pragma once
// The grammar of guardrail's policy language: rules only. Error messages live
// in policy/grammar_errors.hpp, the tree-to-AST conversion in policy/parse.cpp.
// docs/policy-language.md describes the language for its users.
//
// A rule inside must<> that fails is a syntax error with the message
// grammar_errors.hpp gives it; elsewhere failing is just backtracking.
// Every token rule consumes the whitespace and comments after it (`tok<>`),
// so a rule never has to think about spacing. Keywords end at a word boundary.
#include <tao/pegtl.hpp>

namespace guardrail::policy::grammar {

using namespace tao::pegtl;

// --- spacing -------------------------------------------------------------
struct comment : seq<one<'#'>, until<eolf>> {};
struct ws : star<sor<ascii::space, comment>> {};
template <typename R>
struct tok : seq<R, ws> {};

// --- words ---------------------------------------------------------------
struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
template <typename Word>
struct kw : tok<seq<Word, not_at<ident_other>>> {};

struct kw_and : kw<TAO_PEGTL_STRING("and")> {};
struct kw_or : kw<TAO_PEGTL_STRING("or")> {};
struct kw_not : kw<TAO_PEGTL_STRING("not")> {};
struct kw_in : kw<TAO_PEGTL_STRING("in")> {};
struct kw_if : kw<TAO_PEGTL_STRING("if")> {};
struct kw_then : kw<TAO_PEGTL_STRING("then")> {};
struct kw_else : kw<TAO_PEGTL_STRING("else")> {};
struct kw_matches : kw<TAO_PEGTL_STRING("matches")> {};
struct kw_true : kw<TAO_PEGTL_STRING("true")> {};
struct kw_false : kw<TAO_PEGTL_STRING("false")> {};
struct kw_null : kw<TAO_PEGTL_STRING("null")> {};
struct kw_unknown : kw<TAO_PEGTL_STRING("unknown")> {};
struct kw_all : kw<TAO_PEGTL_STRING("all")> {};
struct kw_any : kw<TAO_PEGTL_STRING("any")> {};
struct kw_none : kw<TAO_PEGTL_STRING("none")> {};
struct kw_count : kw<TAO_PEGTL_STRING("count")> {};
struct kw_rule : kw<TAO_PEGTL_STRING("rule")> {};
struct kw_policy : kw<TAO_PEGTL_STRING("policy")> {};
struct kw_extends : kw<TAO_PEGTL_STRING("extends")> {};
struct kw_for : kw<TAO_PEGTL_STRING("for")> {};
struct kw_let : kw<TAO_PEGTL_STRING("let")> {};
struct kw_where : kw<TAO_PEGTL_STRING("where")> {};
struct kw_assert : kw<TAO_PEGTL_STRING("assert")> {};
struct kw_message : kw<TAO_PEGTL_STRING("message")> {};
struct kw_param : kw<TAO_PEGTL_STRING("param")> {};
struct kw_title : kw<TAO_PEGTL_STRING("title")> {};
struct kw_severity : kw<TAO_PEGTL_STRING("severity")> {};
struct kw_description : kw<TAO_PEGTL_STRING("description")> {};
struct kw_remediation : kw<TAO_PEGTL_STRING("remediation")> {};
struct kw_help : kw<TAO_PEGTL_STRING("help")> {};
struct kw_tags : kw<TAO_PEGTL_STRING("tags")> {};
struct kw_sources : kw<TAO_PEGTL_STRING("sources")> {};
struct kw_environment : kw<TAO_PEGTL_STRING("environment")> {};
struct kw_enforce : kw<TAO_PEGTL_STRING("enforce")> {};
struct kw_skip : kw<TAO_PEGTL_STRING("skip")> {};
struct kw_set : kw<TAO_PEGTL_STRING("set")> {};
struct kw_waive : kw<TAO_PEGTL_STRING("waive")> {};
struct kw_on : kw<TAO_PEGTL_STRING("on")> {};
struct kw_until : kw<TAO_PEGTL_STRING("until")> {};
struct kw_because : kw<TAO_PEGTL_STRING("because")> {};
struct kw_forbid : kw<TAO_PEGTL_STRING("forbid")> {};
struct kw_inline : kw<TAO_PEGTL_STRING("inline")> {};
struct kw_account : kw<TAO_PEGTL_STRING("account")> {};
struct kw_path : kw<TAO_PEGTL_STRING("path")> {};
struct kw_tag : kw<TAO_PEGTL_STRING("tag")> {};
struct kw_alias : kw<TAO_PEGTL_STRING("alias")> {};
struct kw_check : kw<TAO_PEGTL_STRING("check")> {};
struct kw_at : kw<TAO_PEGTL_STRING("at")> {};

// Words that cannot name a variable (they still work after '.').
struct reserved
    : seq<sor<TAO_PEGTL_STRING("and"), TAO_PEGTL_STRING("or"), TAO_PEGTL_STRING("not"),
              TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("if"), TAO_PEGTL_STRING("then"),
              TAO_PEGTL_STRING("else"), TAO_PEGTL_STRING("matches"), TAO_PEGTL_STRING("true"),
              TAO_PEGTL_STRING("false"), TAO_PEGTL_STRING("null"), TAO_PEGTL_STRING("unknown"),
              TAO_PEGTL_STRING("for"), TAO_PEGTL_STRING("let"), TAO_PEGTL_STRING("where"),
              TAO_PEGTL_STRING("assert"), TAO_PEGTL_STRING("message"), TAO_PEGTL_STRING("param"),
              TAO_PEGTL_STRING("rule"), TAO_PEGTL_STRING("policy")>,
          not_at<ident_other>> {};

struct name_chars : seq<ident_first, star<ident_other>> {};
struct identifier : seq<not_at<reserved>, name_chars> {};
struct name : tok<identifier> {};           // a variable, type, parameter or function
struct member_name : tok<name_chars> {};     // after '.', keywords allowed

// NET-001, PSS-019, ACME-S3-01
struct rule_id_chars : seq<ranges<'A', 'Z'>, star<ranges<'A', 'Z', '0', '9'>>,
                           plus<one<'-'>, plus<ranges<'A', 'Z', '0', '9'>>>> {};
struct rule_id : tok<rule_id_chars> {};
/// In policies, a rule ID may be a glob: `PSS-*` names every PSS rule.
struct rule_ref_chars : seq<ranges<'A', 'Z'>, star<ranges<'A', 'Z', '0', '9'>>,
                            plus<one<'-'>, plus<sor<ranges<'A', 'Z', '0', '9'>, one<'*'>>>>> {};
struct rule_ref : tok<rule_ref_chars> {};

// --- punctuation ---------------------------------------------------------
struct lparen : tok<one<'('>> {};
struct rparen : tok<one<')'>> {};
struct lbracket : tok<one<'['>> {};
struct rbracket : tok<one<']'>> {};
struct lbrace : tok<one<'{'>> {};
struct rbrace : tok<one<'}'>> {};
struct comma : tok<one<','>> {};
struct colon : tok<one<':'>> {};
struct equals : tok<seq<one<'='>, not_at<one<'='>>>> {};
struct semicolon : tok<one<';'>> {};
struct star_token : tok<one<'*'>> {};

// Closing tokens where nothing else may follow: each has its own message.
struct close_paren : rparen {};
struct close_bracket : rbracket {};
struct close_brace : rbrace {};
struct close_rule : rbrace {};
struct close_policy : rbrace {};

// --- literals ------------------------------------------------------------
struct number_chars : seq<plus<digit>, opt<one<'.'>, plus<digit>>, not_at<ident_other>> {};
struct number : tok<number_chars> {};

struct escape_code : one<'"', '\\', 'n', 't', 'r', '{', '}', '/'> {};
struct escape : seq<one<'\\'>, must<escape_code>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_end : one<'"'> {};
struct string_chars : seq<one<'"'>, star<string_char>, must<string_end>> {};
struct string_lit : tok<string_chars> {};
/// Adjacent string literals are joined ("a" "b" is "ab"), for long texts.
struct text : plus<string_lit> {};

struct date_chars : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct date : tok<seq<at<date_chars>, date_chars>> {};  // errors point at its start

struct literal_true : kw_true {};
struct literal_false : kw_false {};
struct literal_null : kw_null {};
/// `unknown`, optionally with the reason the undecided list gives:
/// `unknown "the subnet is not in the scan"`.
struct literal_unknown : seq<kw_unknown, opt<text>> {};

// --- expressions ---------------------------------------------------------
struct expression;

struct list_lit : seq<lbracket, opt<list<expression, comma>>, opt<comma>, must<close_bracket>> {};
struct map_key : sor<string_lit, member_name> {};
struct map_entry : seq<map_key, must<colon>, must<expression>> {};
struct map_lit : seq<lbrace, opt<list<map_entry, comma>>, opt<comma>, must<close_brace>> {};
struct paren : seq<lparen, must<expression>, must<close_paren>> {};
struct call : seq<name, lparen, opt<list<expression, comma>>, must<close_paren>> {};
struct quant_kind : sor<kw_all, kw_any, kw_none, kw_count> {};
struct quant_body : seq<expression> {};
struct quantifier : seq<quant_kind, name, kw_in, must<expression>, must<colon>, must<quant_body>> {};
/// `.` (the element a filter or quantifier is looking at) or `.name`.
struct relative : seq<one<'.'>, sor<member_name, ws>> {};
struct variable : name {};
struct primary : sor<paren, list_lit, map_lit, number, text, literal_true, literal_false, literal_null,
                     literal_unknown, quantifier, call, relative, variable> {};

struct member_suffix : seq<one<'.'>, must<member_name>> {};
struct splat_suffix : seq<lbracket, star_token, must<close_bracket>> {};
struct index_suffix : seq<lbracket, must<expression>, must<close_bracket>> {};
struct postfix : seq<primary, star<sor<member_suffix, splat_suffix, index_suffix>>> {};

struct negate_op : tok<one<'-'>> {};
struct unary;
struct negate : seq<negate_op, must<unary>> {};
struct unary : sor<negate, postfix> {};

struct mul_op : tok<one<'*', '/', '%'>> {};
struct mul_expr : seq<unary, star<mul_op, must<unary>>> {};
struct add_op : tok<seq<one<'+', '-'>, not_at<one<'='>>>> {};
struct add_expr : seq<mul_expr, star<add_op, must<mul_expr>>> {};

struct op_eq : tok<TAO_PEGTL_STRING("==")> {};
struct op_ne : tok<TAO_PEGTL_STRING("!=")> {};
struct op_le : tok<TAO_PEGTL_STRING("<=")> {};
struct op_ge : tok<TAO_PEGTL_STRING(">=")> {};
struct op_lt : tok<one<'<'>> {};
struct op_gt : tok<one<'>'>> {};
struct op_not_in : seq<kw_not, kw_in> {};
struct op_in : kw_in {};
struct op_not_matches : seq<kw_not, kw_matches> {};
struct op_matches : kw_matches {};
struct compare_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_not_in, op_in, op_not_matches,
                        op_matches> {};
struct compare_expr : seq<add_expr, opt<compare_op, must<add_expr>>> {};

struct not_expr;
struct logical_not : seq<kw_not, must<not_expr>> {};
struct not_expr : sor<logical_not, compare_expr> {};
struct and_expr : seq<not_expr, star<kw_and, must<not_expr>>> {};
struct or_expr : seq<and_expr, star<kw_or, must<and_expr>>> {};
struct conditional : seq<kw_if, must<expression>, must<kw_then>, must<expression>, must<kw_else>,
                         must<expression>> {};
struct expression : sor<conditional, or_expr> {};

// --- message templates ---------------------------------------------------
// "container {c.name} is privileged": text with {expressions}; \{ is a brace.
struct template_text : plus<sor<escape, not_one<'"', '\\', '{', '\n', '\r'>>> {};
struct template_hole : seq<one<'{'>, ws, must<expression>, must<one<'}'>>> {};
struct template_chars : seq<one<'"'>, star<sor<template_text, template_hole>>, must<string_end>> {};
struct message_template : plus<tok<template_chars>> {};

// --- rules ---------------------------------------------------------------
struct severity_word : name {};
struct meta_title : seq<kw_title, must<text>> {};
struct meta_severity : seq<kw_severity, must<severity_word>> {};
struct meta_description : seq<kw_description, must<text>> {};
struct meta_remediation : seq<kw_remediation, must<text>> {};
struct meta_help : seq<kw_help, must<text>> {};
struct meta_tags : seq<kw_tags, must<list_lit>> {};
struct meta_sources : seq<kw_sources, must<list_lit>> {};
struct param_name : name {};
struct param_decl : seq<kw_param, must<param_name>, must<equals>, must<expression>> {};
struct bound_name : name {};
struct for_sources : list<expression, comma> {};
struct for_clause : seq<kw_for, must<bound_name>, opt<comma, must<bound_name>>, must<kw_in>, must<for_sources>> {};
struct let_clause : seq<kw_let, must<bound_name>, must<equals>, must<expression>> {};
struct where_clause : seq<kw_where, must<expression>> {};
struct assert_message : seq<kw_message, must<message_template>> {};
struct assert_at : seq<kw_at, must<expression>> {};
struct assert_clause : seq<kw_assert, must<expression>, opt<assert_at>, opt<assert_message>> {};
struct message_clause : seq<kw_message, must<message_template>> {};
struct clause : sor<for_clause, let_clause, where_clause, assert_clause, message_clause, semicolon> {};
/// An independent check of the rule with its own `for`s: one rule ID can
/// hold a check of the AWS model and one of Kubernetes objects.
struct close_check : rbrace {};
struct check_block : seq<kw_check, must<lbrace>, star<clause>, must<close_check>> {};
struct rule_item : sor<meta_title, meta_severity, meta_description, meta_remediation, meta_help, meta_tags, meta_sources,
                       param_decl, check_block, clause> {};
struct rule_decl : seq<kw_rule, must<rule_id>, must<lbrace>, star<rule_item>, must<close_rule>> {};

// --- policies ------------------------------------------------------------
struct env_name : name {};
struct env_list : sor<kw_all, list<env_name, comma>> {};
struct env_account : seq<kw_account, must<text>> {};
struct env_path : seq<kw_path, must<text>> {};
struct env_alias : seq<kw_alias, must<text>> {};
struct tag_key : sor<string_lit, member_name> {};
struct env_tag : seq<kw_tag, must<tag_key>, must<text>> {};
struct env_item : sor<env_account, env_path, env_alias, env_tag, semicolon> {};
struct env_decl : seq<kw_environment, must<env_name>, must<lbrace>, star<env_item>, must<close_brace>> {};
struct rule_list : sor<kw_all, list<rule_ref, comma>> {};
struct in_envs : seq<kw_in, must<env_list>> {};
struct enforce_stmt : seq<kw_enforce, must<rule_list>, opt<in_envs>> {};
struct skip_stmt : seq<kw_skip, must<rule_list>, must<in_envs>> {};
struct set_target : seq<rule_ref_chars, one<'.'>, must<member_name>> {};
/// A parameter value is a constant; a full expression would swallow `in`.
struct set_value : sor<list_lit, map_lit, number, text, literal_true, literal_false, literal_null, negate> {};
struct set_stmt : seq<kw_set, must<set_target>, must<equals>, must<set_value>, opt<in_envs>> {};
struct waive_stmt : seq<kw_waive, must<rule_id>, must<kw_on>, must<text>, must<kw_until>, must<date>,
                        must<kw_because>, must<text>> {};
/// `forbid inline RULES`: inline suppressions of these rules do not apply
/// (an auditor's must-not-waive list; the policy's own waivers still do).
struct forbid_stmt : seq<kw_forbid, must<kw_inline>, must<rule_list>> {};
struct policy_item : sor<meta_title, meta_description, env_decl, enforce_stmt, skip_stmt, set_stmt,
                         waive_stmt, forbid_stmt, semicolon> {};
struct policy_name : name {};
struct policy_parent : name {};
/// `policy acme extends innovate { ... }`: the parent's statements, then these.
struct policy_decl : seq<kw_policy, must<policy_name>, opt<kw_extends, must<policy_parent>>, must<lbrace>,
                         star<policy_item>, must<close_policy>> {};

// --- files ---------------------------------------------------------------
struct declaration : sor<rule_decl, policy_decl> {};
/// One declaration at a time: parse.cpp calls this repeatedly and, after a
/// syntax error, resumes at the next line that starts with `rule` or `policy`.
struct next_declaration : seq<ws, sor<eof, must<declaration>>> {};

}  // namespace guardrail::policy::grammar
