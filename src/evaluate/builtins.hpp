#pragma once
#include <string>
#include <vector>

#include "evaluate/context.hpp"
#include "evaluate/rvalue.hpp"
#include "policy/ast.hpp"

namespace guardrail::evaluate {

/// Calls the built-in function the checker resolved `call` to (its index in
/// policy::functions()). Unknown arguments make most functions unknown;
/// arguments of the wrong run-time type make them null or false.
RValue call_builtin(int index, Context& ctx, std::vector<RValue>& args, const policy::Expr& call);

/// True when every signature in policy::functions() has an implementation.
bool all_builtins_implemented(std::string* missing = nullptr);

/// A name split into lower-case words (snake_case, camelCase, kebab-case,
/// UPPER_CASE, dotted): "DB_PASSWORD" -> {"db", "password"}, "apiKey" ->
/// {"api", "key"}.
std::vector<std::string> split_words(std::string_view name);

/// docs/semantics.md, SEC-004: the name's words end with a secret-looking word.
bool is_secret_name(std::string_view name);
/// Whether a literal written under a secret's name is one (SEC-004): a known
/// credential format or private key; not a reference, placeholder, path, URL,
/// flag, number, or a name made of words ("minutes", "keycloak-tls").
bool looks_like_secret_value(std::string_view value);

/// Whether a string is a value written out in the code: not blank, not a
/// placeholder or interpolation left for a tool, not a {{resolve:...}}
/// dynamic reference. A password attribute holding one is a literal password,
/// words or not.
bool literal_text(std::string_view value);


/// Compares dotted versions ("v1.29" < "1.30"): -1, 0, 1.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace guardrail::evaluate
