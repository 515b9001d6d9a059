#include "load/scalar.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace guardrail::load {
namespace {

bool one_of(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c))
                         : (c >= '0' && c < '0' + base);
    if (!ok) return false;
  }
  return true;
}

bool is_float_syntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

}  // namespace

model::Value resolve_plain_scalar(std::string text, const base::Location& where) {
  using model::Value;
  // Every YAML 1.1 keyword has at most five characters: longer text is none.
  bool short_word = text.size() <= 5 && (text.empty() || std::strchr("~nNtTyYoOfF.+-", text[0]) != nullptr);
  if (short_word && one_of(text, {"", "~", "null", "Null", "NULL"})) return Value(where);
  if (short_word && one_of(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}))
    return Value::boolean(true, where);
  if (short_word && one_of(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}))
    return Value::boolean(false, where);
  std::string_view s = text;
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  int base = 0;
  std::string_view digits;
  if (body.size() > 2 && body[0] == '0' && body[1] == 'x' && s == body) {
    base = 16;
    digits = body.substr(2);
  } else if (body.size() > 2 && body[0] == '0' && body[1] == 'o' && s == body) {
    base = 8;
    digits = body.substr(2);
  } else if (all_digits(body, 10)) {
    base = 10;
    digits = body;
  }
  if (base != 0 && all_digits(digits, base)) {
    errno = 0;
    std::string d(digits);
    unsigned long long u = std::strtoull(d.c_str(), nullptr, base);
    if (errno != ERANGE && u <= static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()))
      return Value::integer(negative ? -static_cast<int64_t>(u) : static_cast<int64_t>(u), where);
    return Value::floating(std::strtod(text.c_str(), nullptr), where);
  }
  if (short_word && one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
    return Value::floating(std::numeric_limits<double>::infinity(), where);
  if (short_word && one_of(text, {"-.inf", "-.Inf", "-.INF"}))
    return Value::floating(-std::numeric_limits<double>::infinity(), where);
  if (short_word && one_of(text, {".nan", ".NaN", ".NAN"}))
    return Value::floating(std::numeric_limits<double>::quiet_NaN(), where);
  if (is_float_syntax(s)) return Value::floating(std::strtod(text.c_str(), nullptr), where);
  return Value::string(std::move(text), where);
}

}  // namespace guardrail::load
