#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace guardrail::adapt::terraform {

/// The internal tag of a list that is a Terraform set (toset(), the set
/// functions, a set-typed variable): a `for k, v` over it binds k to the
/// element, as over a set, not to its index.
inline constexpr std::string_view kSetTag = "!guardrail/set";

/// An expression Terraform itself would reject (a missing object attribute,
/// an index out of range, a function's invalid argument). try() and can()
/// catch it; elsewhere the value becomes unknown.
struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using model::wholly_known;

/// Terraform's conversion of a primitive to a string ("5", "true"); throws
/// for collections and null.
std::string text_of(const model::Value& v);

/// Numbers, and strings that hold one; throws otherwise.
double number_of(const model::Value& v);

/// What functions may read besides their arguments.
struct FunctionContext {
  std::string module_disk_dir;  // path.module on disk, for file() and templatefile()
};

/// True for the built-in functions implemented here.
bool has_function(const std::string& name);

/// Calls a Terraform built-in function. Unknown (or reference) arguments make
/// the result unknown where Terraform's would be. Results are located at
/// `where`. Throws EvalError for invalid arguments.
model::Value call_function(const std::string& name, std::vector<model::Value>& args, const FunctionContext& ctx,
                           const base::Location& where);

/// JSON text of a value, keys sorted as Terraform's jsonencode writes them.
std::string json_encode(const model::Value& v);

}  // namespace guardrail::adapt::terraform
