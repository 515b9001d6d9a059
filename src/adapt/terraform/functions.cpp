#include "adapt/terraform/functions.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "base/numeric.hpp"
#include "base/source_file.hpp"
#include "evaluate/cidr.hpp"
#include "model/encoded.hpp"
#include "load/json_loader.hpp"
#include "load/limits.hpp"
#include "load/yaml_loader.hpp"

namespace guardrail::adapt::terraform {

using model::Kind;
using model::Value;
using Args = std::vector<Value>;

std::string text_of(const Value& v) {
  switch (v.kind()) {
    case Kind::string: return v.as_string();
    case Kind::boolean: return v.as_bool() ? "true" : "false";
    case Kind::integer: return std::to_string(v.as_int());
    case Kind::floating: {
      double d = v.as_double();
      if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.15g", d);
      return buf;
    }
    case Kind::null: throw EvalError("a null value cannot be used as a string");
    default: throw EvalError("a " + std::string(model::to_string(v.kind())) + " cannot be used as a string");
  }
}

double number_of(const Value& v) {
  if (v.is_number()) return v.as_double();
  if (v.is_string()) {
    double d;
    const std::string& s = v.as_string();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && p == s.data() + s.size()) return d;
  }
  throw EvalError("a number is required");
}

namespace {

Value number(double d, const base::Location& where) {
  if (std::floor(d) == d && std::fabs(d) < 9e15) return Value::integer(static_cast<int64_t>(d), where);
  return Value::floating(d, where);
}

int64_t integer_of(const Value& v) {
  std::optional<int64_t> n = base::whole_number(number_of(v));
  if (!n) throw EvalError("a whole number is required");
  return *n;
}

/// Any argument unknown (or a reference, whose text is unknown) makes the
/// whole call unknown.
bool any_unknown(const Args& args) {
  return std::any_of(args.begin(), args.end(), [](const Value& v) { return !wholly_known(v); });
}

const model::List& list_of(const Value& v) {
  if (!v.is_list()) throw EvalError("a list is required");
  return v.as_list();
}

const model::Map& map_of(const Value& v) {
  if (!v.is_map()) throw EvalError("a map or object is required");
  return v.as_map();
}

void arity(const Args& a, size_t min, size_t max, const char* name) {
  if (a.size() < min || a.size() > max) throw EvalError(std::string(name) + ": wrong number of arguments");
}

Value string_value(std::string s, const base::Location& where) { return Value::string(std::move(s), where); }

/// Moves every node of `v` (and its keys) to `where`.
void relocate(Value& v, const base::Location& where) {
  v.set_location(where);
  if (v.is_list())
    for (Value& item : v.as_list()) relocate(item, where);
  if (v.is_map())
    for (model::Member& m : v.as_map()) {
      m.key_location = where;
      relocate(m.value, where);
    }
}

evaluate::Cidr cidr_of(const Value& v) {
  auto c = evaluate::parse_cidr(text_of(v));
  if (!c || text_of(v).find('/') == std::string::npos) throw EvalError("invalid CIDR address \"" + text_of(v) + "\"");
  return *c;
}

using Fn = std::function<Value(Args&, const FunctionContext&, const base::Location&)>;

const std::map<std::string, Fn>& table() {
  static const std::map<std::string, Fn> kFunctions = [] {
    std::map<std::string, Fn> f;
    // --- networks ---------------------------------------------------------
    f["cidrsubnet"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 3, 3, "cidrsubnet");
      if (any_unknown(a)) return Value::unknown("", w);
      evaluate::Cidr base = cidr_of(a[0]);
      int64_t newbits = integer_of(a[1]), netnum = integer_of(a[2]);
      int prefix = base.prefix + static_cast<int>(newbits);
      if (newbits < 0 || prefix > base.bits()) throw EvalError("cidrsubnet: not enough address bits");
      if (netnum < 0 || (newbits < 63 && netnum >= (int64_t{1} << newbits)))
        throw EvalError("cidrsubnet: prefix extension does not accommodate a subnet numbered " + std::to_string(netnum));
      evaluate::Cidr out = base;
      out.prefix = prefix;
      out.start = base.start | (evaluate::u128(netnum) << (base.bits() - prefix));
      return string_value(out.to_string(), w);
    };
    f["cidrsubnets"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      if (a.empty()) throw EvalError("cidrsubnets: a prefix is required");
      if (any_unknown(a)) return Value::unknown("", w);
      evaluate::Cidr base = cidr_of(a[0]);
      evaluate::u128 next = base.start;
      evaluate::u128 limit = base.end;
      Value out = Value::list({}, w);
      for (size_t i = 1; i < a.size(); ++i) {
        int prefix = base.prefix + static_cast<int>(integer_of(a[i]));
        if (prefix > base.bits() || prefix < base.prefix) throw EvalError("cidrsubnets: not enough address bits");
        evaluate::u128 size = evaluate::u128(1) << (base.bits() - prefix);
        // Align the next free address to this subnet's size.
        next = (next + size - 1) / size * size;
        if (next + size - 1 > limit || next < base.start) throw EvalError("cidrsubnets: not enough remaining address space");
        evaluate::Cidr sub = base;
        sub.prefix = prefix;
        sub.start = next;
        out.push_back(string_value(sub.to_string(), w));
        next += size;
      }
      return out;
    };
    f["cidrhost"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "cidrhost");
      if (any_unknown(a)) return Value::unknown("", w);
      evaluate::Cidr c = cidr_of(a[0]);
      int64_t n = integer_of(a[1]);
      evaluate::u128 size = c.end - c.start;  // one less than the count
      evaluate::u128 address;
      if (n >= 0) {
        if (evaluate::u128(n) > size) throw EvalError("cidrhost: host number out of range");
        address = c.start + evaluate::u128(n);
      } else {
        if (evaluate::u128(-n) > size + 1) throw EvalError("cidrhost: host number out of range");
        address = c.end + 1 - evaluate::u128(-n);
      }
      return string_value(evaluate::address_text(address, c.v6), w);
    };
    f["cidrnetmask"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "cidrnetmask");
      if (any_unknown(a)) return Value::unknown("", w);
      evaluate::Cidr c = cidr_of(a[0]);
      if (c.v6) throw EvalError("cidrnetmask: only IPv4 prefixes have a netmask");
      evaluate::u128 mask = c.prefix == 0 ? 0 : ((evaluate::u128(0xffffffffu) << (32 - c.prefix)) & 0xffffffffu);
      return string_value(evaluate::address_text(mask, false), w);
    };
    // --- collections -------------------------------------------------------------
    f["concat"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      Value out = Value::list({}, w);
      for (const Value& v : a) {
        if (v.is_unknown()) return Value::unknown("", w);
        for (const Value& item : list_of(v)) out.push_back(item);
      }
      return out;
    };
    f["merge"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      Value out = Value::map({}, w);
      model::MapWriter members(out);
      for (const Value& v : a) {
        if (v.is_null()) continue;
        if (v.is_unknown()) return Value::unknown("", w);
        for (const model::Member& m : map_of(v)) members.set(m.key, m.value, m.key_location);
      }
      return out;
    };
    f["lookup"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 3, "lookup");
      if (a[0].is_unknown() || !wholly_known(a[1])) return Value::unknown("", w);
      const Value* v = map_of(a[0]).empty() ? nullptr : a[0].find(text_of(a[1]));
      if (v) return *v;
      if (a.size() == 3) return a[2];
      throw EvalError("lookup: the key \"" + text_of(a[1]) + "\" does not exist and there is no default");
    };
    f["element"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "element");
      if (a[0].is_unknown() || !wholly_known(a[1])) return Value::unknown("", w);
      const model::List& l = list_of(a[0]);
      if (l.empty()) throw EvalError("element: the list is empty");
      int64_t i = integer_of(a[1]);
      if (i < 0) throw EvalError("element: a negative index");
      return l[static_cast<size_t>(i) % l.size()];
    };
    f["length"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "length");
      if (a[0].is_unknown() || a[0].is_reference()) return Value::unknown("", w);
      if (a[0].is_string()) return Value::integer(static_cast<int64_t>(base::count_code_points(a[0].as_string())), w);
      if (a[0].is_list() || a[0].is_map()) return Value::integer(static_cast<int64_t>(a[0].size()), w);
      throw EvalError("length: a string, list or map is required");
    };
    f["keys"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "keys");
      if (a[0].is_unknown()) return Value::unknown("", w);
      std::vector<std::string> keys;
      for (const model::Member& m : map_of(a[0])) keys.push_back(m.key);
      std::sort(keys.begin(), keys.end());
      Value out = Value::list({}, w);
      for (std::string& k : keys) out.push_back(string_value(std::move(k), w));
      return out;
    };
    f["values"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "values");
      if (a[0].is_unknown()) return Value::unknown("", w);
      std::vector<const model::Member*> ms;
      for (const model::Member& m : map_of(a[0])) ms.push_back(&m);
      std::sort(ms.begin(), ms.end(), [](auto* x, auto* y) { return x->key < y->key; });
      Value out = Value::list({}, w);
      for (const model::Member* m : ms) out.push_back(m->value);
      return out;
    };
    f["zipmap"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "zipmap");
      if (a[0].is_unknown() || a[1].is_unknown() || !wholly_known(a[0])) return Value::unknown("", w);
      const model::List& k = list_of(a[0]);
      const model::List& v = list_of(a[1]);
      if (k.size() != v.size()) throw EvalError("zipmap: the lists differ in length");
      Value out = Value::map({}, w);
      model::MapWriter members(out);
      for (size_t i = 0; i < k.size(); ++i) members.set(text_of(k[i]), v[i]);
      return out;
    };
    f["slice"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 3, 3, "slice");
      if (a[0].is_unknown() || !wholly_known(a[1]) || !wholly_known(a[2])) return Value::unknown("", w);
      const model::List& l = list_of(a[0]);
      int64_t from = integer_of(a[1]), to = integer_of(a[2]);
      if (from < 0 || to > static_cast<int64_t>(l.size()) || from > to) throw EvalError("slice: index out of range");
      return Value::list(model::List(l.begin() + from, l.begin() + to), w);
    };
    f["flatten"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "flatten");
      if (a[0].is_unknown()) return Value::unknown("", w);
      Value out = Value::list({}, w);
      std::function<bool(const Value&)> add = [&](const Value& v) {
        if (v.is_unknown()) return false;
        if (v.is_list()) {
          for (const Value& item : v.as_list())
            if (!add(item)) return false;
        } else {
          out.push_back(v);
        }
        return true;
      };
      if (!add(a[0])) return Value::unknown("", w);
      return out;
    };
    f["distinct"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "distinct");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      Value out = Value::list({}, w);
      for (const Value& item : list_of(a[0])) {
        bool seen = false;
        for (const Value& o : out.as_list()) seen = seen || o.same(item);
        if (!seen) out.push_back(item);
      }
      return out;
    };
    f["contains"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "contains");
      if (!wholly_known(a[0]) || !wholly_known(a[1])) return Value::unknown("", w);
      for (const Value& item : list_of(a[0]))
        if (item.same(a[1]) && item.kind() == a[1].kind()) return Value::boolean(true, w);
      return Value::boolean(false, w);
    };
    f["coalesce"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      for (const Value& v : a) {
        if (v.is_unknown()) return Value::unknown("", w);
        if (v.is_null() || (v.is_string() && v.as_string().empty())) continue;
        return v;
      }
      throw EvalError("coalesce: no non-null, non-empty argument");
    };
    f["coalescelist"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      for (const Value& v : a) {
        if (v.is_unknown()) return Value::unknown("", w);
        if (v.is_list() && !v.as_list().empty()) return v;
      }
      throw EvalError("coalescelist: no non-empty list");
    };
    f["compact"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "compact");
      if (a[0].is_unknown()) return Value::unknown("", w);
      Value out = Value::list({}, w);
      for (const Value& v : list_of(a[0])) {
        if (v.is_unknown() || v.is_reference()) return Value::unknown("", w);
        if (v.is_null() || (v.is_string() && v.as_string().empty())) continue;
        out.push_back(v);
      }
      return out;
    };
    f["range"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 3, "range");
      if (any_unknown(a)) return Value::unknown("", w);
      double start = 0, end, step = 1;
      if (a.size() == 1) end = number_of(a[0]);
      else start = number_of(a[0]), end = number_of(a[1]);
      if (a.size() == 3) step = number_of(a[2]);
      if (step == 0) throw EvalError("range: step must not be zero");
      Value out = Value::list({}, w);
      for (double x = start; step > 0 ? x < end : x > end; x += step) {
        out.push_back(number(x, w));
        if (out.size() > 1024) throw EvalError("range: more than 1024 elements");
      }
      return out;
    };
    auto extreme = [](bool want_max) {
      return [want_max](Args& a, const FunctionContext&, const base::Location& w) {
        if (a.empty()) throw EvalError("min/max: at least one number is required");
        if (any_unknown(a)) return Value::unknown("", w);
        double best = number_of(a[0]);
        for (const Value& v : a) best = want_max ? std::max(best, number_of(v)) : std::min(best, number_of(v));
        return number(best, w);
      };
    };
    f["min"] = extreme(false);
    f["max"] = extreme(true);
    f["sum"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "sum");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      double total = 0;
      for (const Value& v : list_of(a[0])) total += number_of(v);
      return number(total, w);
    };
    f["one"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "one");
      if (a[0].is_unknown()) return Value::unknown("", w);
      const model::List& l = list_of(a[0]);
      if (l.size() > 1) throw EvalError("one: more than one element");
      return l.empty() ? Value(w) : l[0];
    };
    f["index"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "index");
      if (!wholly_known(a[0]) || !wholly_known(a[1])) return Value::unknown("", w);
      const model::List& l = list_of(a[0]);
      for (size_t i = 0; i < l.size(); ++i)
        if (l[i].same(a[1])) return Value::integer(static_cast<int64_t>(i), w);
      throw EvalError("index: the value is not in the list");
    };
    f["reverse"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "reverse");
      if (a[0].is_unknown()) return Value::unknown("", w);
      model::List l = list_of(a[0]);
      std::reverse(l.begin(), l.end());
      return Value::list(std::move(l), w);
    };
    f["sort"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "sort");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      std::vector<std::string> s;
      for (const Value& v : list_of(a[0])) s.push_back(text_of(v));
      std::sort(s.begin(), s.end());
      Value out = Value::list({}, w);
      for (std::string& x : s) out.push_back(string_value(std::move(x), w));
      return out;
    };
    f["setunion"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      Value out = Value::list({}, w);
      for (const Value& v : a) {
        if (!wholly_known(v)) return Value::unknown("", w);
        for (const Value& item : list_of(v)) {
          bool seen = false;
          for (const Value& o : out.as_list()) seen = seen || o.same(item);
          if (!seen) out.push_back(item);
        }
      }
      out.set_tag(kSetTag);
      return out;
    };
    f["alltrue"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "alltrue");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      for (const Value& v : list_of(a[0]))
        if (!(v.is_bool() ? v.as_bool() : text_of(v) == "true")) return Value::boolean(false, w);
      return Value::boolean(true, w);
    };
    f["anytrue"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "anytrue");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      for (const Value& v : list_of(a[0]))
        if (v.is_bool() ? v.as_bool() : text_of(v) == "true") return Value::boolean(true, w);
      return Value::boolean(false, w);
    };
    f["chunklist"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "chunklist");
      if (a[0].is_unknown() || !wholly_known(a[1])) return Value::unknown("", w);
      const model::List& l = list_of(a[0]);
      int64_t n = integer_of(a[1]);
      Value out = Value::list({}, w);
      if (n <= 0) {
        out.push_back(a[0]);
        return out;
      }
      for (size_t i = 0; i < l.size(); i += static_cast<size_t>(n))
        out.push_back(Value::list(model::List(l.begin() + static_cast<long>(i),
                                              l.begin() + static_cast<long>(std::min(l.size(), i + static_cast<size_t>(n)))),
                                  w));
      return out;
    };
    // --- conversions --------------------------------------------------------------
    auto identity = [](Args& a, const FunctionContext&, const base::Location&) {
      if (a.size() != 1) throw EvalError("one argument is required");
      return a[0];
    };
    f["tolist"] = identity;
    f["toset"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "toset");
      if (a[0].is_unknown()) return Value::unknown("", w);
      // A set's order is its elements' (strings sort); duplicates go.
      model::List items = list_of(a[0]);
      if (std::all_of(items.begin(), items.end(), [](const Value& v) { return v.is_string(); }))
        std::stable_sort(items.begin(), items.end(), [](const Value& x, const Value& y) { return x.as_string() < y.as_string(); });
      Value out = Value::list({}, w);
      for (Value& item : items) {
        bool seen = false;
        for (const Value& o : out.as_list()) seen = seen || o.same(item);
        if (!seen) out.push_back(std::move(item));
      }
      out.set_tag(kSetTag);
      return out;
    };
    f["tomap"] = identity;
    f["sensitive"] = identity;
    f["nonsensitive"] = identity;
    f["tostring"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "tostring");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      if (a[0].is_null()) return a[0];
      return string_value(text_of(a[0]), w);
    };
    f["tonumber"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "tonumber");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      if (a[0].is_null()) return a[0];
      return number(number_of(a[0]), w);
    };
    f["tobool"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "tobool");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      if (a[0].is_null() || a[0].is_bool()) return a[0];
      std::string t = text_of(a[0]);
      if (t == "true" || t == "false") return Value::boolean(t == "true", w);
      throw EvalError("tobool: \"" + t + "\" is not a bool");
    };
    // --- strings ------------------------------------------------------------------
    auto map_string = [](std::function<std::string(std::string)> fn) {
      return [fn](Args& a, const FunctionContext&, const base::Location& w) {
        if (a.size() != 1) throw EvalError("one argument is required");
        if (!wholly_known(a[0])) return Value::unknown("", w);
        return Value::string(fn(text_of(a[0])), w);
      };
    };
    f["lower"] = map_string([](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    });
    f["upper"] = map_string([](std::string s) {
      for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return s;
    });
    f["trimspace"] = map_string([](std::string s) {
      size_t b = s.find_first_not_of(" \t\r\n");
      size_t e = s.find_last_not_of(" \t\r\n");
      return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    });
    f["title"] = map_string([](std::string s) {
      bool start = true;
      for (char& c : s) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
          if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          start = false;
        } else {
          start = true;
        }
      }
      return s;
    });
    f["join"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      if (a.size() < 2) throw EvalError("join: a separator and lists are required");
      // The join of one element is that element: join("", X[*].id) of a
      // resource counted once names it (the cloudposse modules' idiom).
      if (std::all_of(a.begin() + 1, a.end(), [](const Value& v) { return v.is_list(); })) {
        const Value* only = nullptr;
        size_t n = 0;
        for (size_t i = 1; i < a.size(); ++i)
          for (const Value& v : a[i].as_list())
            if (++n == 1) only = &v;
        if (n == 1 && (only->is_reference() || only->is_string())) return *only;
      }
      if (any_unknown(a)) return Value::unknown("", w);
      std::string sep = text_of(a[0]), out;
      bool first = true;
      for (size_t i = 1; i < a.size(); ++i)
        for (const Value& v : list_of(a[i])) {
          if (!first) out += sep;
          first = false;
          out += text_of(v);
        }
      return Value::string(out, w);
    };
    f["split"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "split");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string sep = text_of(a[0]), s = text_of(a[1]);
      Value out = Value::list({}, w);
      if (s.empty()) {
        out.push_back(Value::string("", w));
        return out;
      }
      size_t start = 0;
      for (;;) {
        size_t p = sep.empty() ? std::string::npos : s.find(sep, start);
        out.push_back(Value::string(s.substr(start, p == std::string::npos ? std::string::npos : p - start), w));
        if (p == std::string::npos) break;
        start = p + sep.size();
      }
      return out;
    };
    f["replace"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 3, 3, "replace");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string s = text_of(a[0]), from = text_of(a[1]), to = text_of(a[2]);
      if (from.size() > 2 && from.front() == '/' && from.back() == '/') {
        RE2 re(from.substr(1, from.size() - 2), RE2::Quiet);
        if (!re.ok()) throw EvalError("replace: invalid regular expression");
        std::string rewrite = to;
        for (size_t i = 0; i + 1 < rewrite.size(); ++i)
          if (rewrite[i] == '$' && std::isdigit(static_cast<unsigned char>(rewrite[i + 1]))) rewrite[i] = '\\';
        RE2::GlobalReplace(&s, re, rewrite);
        return Value::string(s, w);
      }
      if (from.empty()) return Value::string(s, w);
      std::string out;
      size_t start = 0;
      for (size_t p; (p = s.find(from, start)) != std::string::npos; start = p + from.size())
        out += s.substr(start, p - start) + to;
      out += s.substr(start);
      return Value::string(out, w);
    };
    f["format"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      if (a.empty()) throw EvalError("format: a format string is required");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string spec = text_of(a[0]), out;
      size_t next = 1;
      for (size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] != '%') {
          out += spec[i];
          continue;
        }
        if (i + 1 < spec.size() && spec[i + 1] == '%') {
          out += '%';
          ++i;
          continue;
        }
        size_t j = i + 1;
        while (j < spec.size() && std::string_view("0123456789.-+# ").find(spec[j]) != std::string_view::npos) ++j;
        if (j >= spec.size()) break;
        if (next >= a.size()) throw EvalError("format: too few arguments");
        char verb = spec[j];
        std::string flags = spec.substr(i + 1, j - i - 1);
        const Value& v = a[next++];
        char buf[128];
        if (verb == 'd') std::snprintf(buf, sizeof buf, ("%" + flags + "lld").c_str(), static_cast<long long>(number_of(v)));
        else if (verb == 'f' || verb == 'g' || verb == 'e') std::snprintf(buf, sizeof buf, ("%" + flags + verb).c_str(), number_of(v));
        else if (verb == 'x') std::snprintf(buf, sizeof buf, ("%" + flags + "llx").c_str(), static_cast<long long>(number_of(v)));
        else if (verb == 'q') std::snprintf(buf, sizeof buf, "\"%s\"", text_of(v).c_str());
        else if (verb == 'v' || verb == 's') {
          std::string t = v.is_list() || v.is_map() ? json_encode(v) : text_of(v);
          std::snprintf(buf, sizeof buf, ("%" + flags + "s").c_str(), t.c_str());
          if (t.size() >= sizeof buf - 1) {
            out += t;
            i = j;
            continue;
          }
        } else if (verb == 't') std::snprintf(buf, sizeof buf, "%s", text_of(v).c_str());
        else throw EvalError(std::string("format: unsupported verb %") + verb);
        out += buf;
        i = j;
      }
      return Value::string(out, w);
    };
    f["formatlist"] = [](Args& a, const FunctionContext& ctx, const base::Location& w) {
      if (a.empty()) throw EvalError("formatlist: a format string is required");
      if (any_unknown(a)) return Value::unknown("", w);
      size_t n = 0;
      for (size_t i = 1; i < a.size(); ++i)
        if (a[i].is_list()) n = std::max(n, a[i].size());
      Value out = Value::list({}, w);
      for (size_t k = 0; k < n; ++k) {
        Args row{a[0]};
        for (size_t i = 1; i < a.size(); ++i) row.push_back(a[i].is_list() ? a[i].as_list().at(k) : a[i]);
        out.push_back(table().at("format")(row, ctx, w));
      }
      return out;
    };
    f["substr"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 3, 3, "substr");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string s = text_of(a[0]);
      int64_t offset = integer_of(a[1]), length = integer_of(a[2]);
      if (offset < 0) offset = std::max<int64_t>(0, static_cast<int64_t>(s.size()) + offset);
      if (offset > static_cast<int64_t>(s.size())) return Value::string("", w);
      return Value::string(length < 0 ? s.substr(static_cast<size_t>(offset))
                                      : s.substr(static_cast<size_t>(offset), static_cast<size_t>(length)),
                           w);
    };
    auto trim_with = [](int mode) {
      return [mode](Args& a, const FunctionContext&, const base::Location& w) {
        arity(a, 2, 2, "trim");
        if (any_unknown(a)) return Value::unknown("", w);
        std::string s = text_of(a[0]), t = text_of(a[1]);
        if (mode == 0) {  // trim: a set of characters from both ends
          size_t b = s.find_first_not_of(t), e = s.find_last_not_of(t);
          return Value::string(b == std::string::npos ? "" : s.substr(b, e - b + 1), w);
        }
        if (mode == 1 && s.rfind(t, 0) == 0) s.erase(0, t.size());
        if (mode == 2 && s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0)
          s.erase(s.size() - t.size());
        return Value::string(s, w);
      };
    };
    f["trim"] = trim_with(0);
    f["trimprefix"] = trim_with(1);
    f["trimsuffix"] = trim_with(2);
    f["startswith"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "startswith");
      if (any_unknown(a)) return Value::unknown("", w);
      return Value::boolean(text_of(a[0]).rfind(text_of(a[1]), 0) == 0, w);
    };
    f["endswith"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "endswith");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string s = text_of(a[0]), t = text_of(a[1]);
      return Value::boolean(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0, w);
    };
    f["strcontains"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "strcontains");
      if (any_unknown(a)) return Value::unknown("", w);
      return Value::boolean(text_of(a[0]).find(text_of(a[1])) != std::string::npos, w);
    };
    // What one match gives, as Terraform's regex returns it: the match when
    // the pattern has no groups, the groups' texts as a list, or as a map
    // when they are named; a group that took no part is null.
    auto match_value = [](const RE2& re, const std::vector<re2::StringPiece>& m, const base::Location& w,
                          const char* name) {
      int groups = re.NumberOfCapturingGroups();
      if (groups == 0) return Value::string(std::string(m[0]), w);
      auto text = [&](int i) {
        const re2::StringPiece& g = m[static_cast<size_t>(i)];
        return g.data() ? Value::string(std::string(g), w) : Value(w);
      };
      const std::map<std::string, int>& named = re.NamedCapturingGroups();
      if (named.empty()) {
        Value out = Value::list({}, w);
        for (int i = 1; i <= groups; ++i) out.push_back(text(i));
        return out;
      }
      if (static_cast<int>(named.size()) != groups)
        throw EvalError(std::string(name) + ": a pattern cannot mix named and unnamed capture groups");
      Value out = Value::map({}, w);
      for (const auto& [group, i] : named) out.set(group, text(i));
      return out;
    };
    f["regex"] = [match_value](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "regex");
      if (any_unknown(a)) return Value::unknown("", w);
      RE2 re(text_of(a[0]), RE2::Quiet);
      if (!re.ok()) throw EvalError("regex: invalid pattern");
      std::string s = text_of(a[1]);
      std::vector<re2::StringPiece> m(static_cast<size_t>(re.NumberOfCapturingGroups()) + 1);
      if (!re.Match(s, 0, s.size(), RE2::UNANCHORED, m.data(), static_cast<int>(m.size())))
        throw EvalError("regex: no match");
      return match_value(re, m, w, "regex");
    };
    f["regexall"] = [match_value](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "regexall");
      if (any_unknown(a)) return Value::unknown("", w);
      RE2 re(text_of(a[0]), RE2::Quiet);
      if (!re.ok()) throw EvalError("regexall: invalid pattern");
      std::string s = text_of(a[1]);
      std::vector<re2::StringPiece> m(static_cast<size_t>(re.NumberOfCapturingGroups()) + 1);
      Value out = Value::list({}, w);
      size_t at = 0;
      while (at <= s.size() && re.Match(s, at, s.size(), RE2::UNANCHORED, m.data(), static_cast<int>(m.size()))) {
        out.push_back(match_value(re, m, w, "regexall"));
        size_t end = static_cast<size_t>(m[0].data() - s.data()) + m[0].size();
        at = m[0].empty() ? end + 1 : end;
      }
      return out;
    };
    f["abs"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "abs");
      if (any_unknown(a)) return Value::unknown("", w);
      return number(std::fabs(number_of(a[0])), w);
    };
    f["ceil"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "ceil");
      if (any_unknown(a)) return Value::unknown("", w);
      return number(std::ceil(number_of(a[0])), w);
    };
    f["floor"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "floor");
      if (any_unknown(a)) return Value::unknown("", w);
      return number(std::floor(number_of(a[0])), w);
    };
    f["pow"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "pow");
      if (any_unknown(a)) return Value::unknown("", w);
      return number(std::pow(number_of(a[0]), number_of(a[1])), w);
    };
    // --- encodings and files --------------------------------------------------------
    f["jsonencode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "jsonencode");
      if (!wholly_known(a[0])) return model::unknown_document("JSON with values known after apply", w, a[0]);
      std::string text = json_encode(a[0]);
      model::remember_encoded(text, w, a[0]);  // statements() locates a policy's statements in the HCL
      return Value::string(std::move(text), w);
    };
    f["jsondecode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "jsondecode");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      // The decoded value is located where the call is.
      std::optional<Value> v = load::parse_json_text(text_of(a[0]), w);
      if (!v) throw EvalError("jsondecode: invalid JSON");
      return *v;
    };
    f["yamldecode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "yamldecode");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      base::SourceFile text("yamldecode", text_of(a[0]));
      load::Documents docs = load::load_yaml(text);
      if (base::has_errors(docs.diagnostics) || docs.documents.size() != 1) throw EvalError("yamldecode: invalid YAML");
      // As jsondecode's: located where the call is, not in the string.
      Value v = std::move(docs.documents[0]);
      relocate(v, w);
      return v;
    };
    f["yamlencode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "yamlencode");
      if (!wholly_known(a[0])) return Value::unknown("", w);
      return Value::string(json_encode(a[0]), w);  // JSON is YAML
    };
    f["base64encode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "base64encode");
      if (any_unknown(a)) return Value::unknown("", w);
      static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::string in = text_of(a[0]), out;
      for (size_t i = 0; i < in.size(); i += 3) {
        uint32_t n = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
        out += kB64[(n >> 18) & 63];
        out += kB64[(n >> 12) & 63];
        out += i + 1 < in.size() ? kB64[(n >> 6) & 63] : '=';
        out += i + 2 < in.size() ? kB64[n & 63] : '=';
      }
      return Value::string(out, w);
    };
    f["file"] = [](Args& a, const FunctionContext& ctx, const base::Location& w) {
      arity(a, 1, 1, "file");
      if (any_unknown(a)) return Value::unknown("", w);
      std::filesystem::path p = text_of(a[0]);
      if (p.is_relative()) p = std::filesystem::path(ctx.module_disk_dir) / p;
      // Only a regular file within the document limit: file("/dev/zero")
      // or a FIFO must not hang or exhaust the scan.
      base::FileRead read = load::read_document(p.string());
      if (!read.ok()) return Value::unknown("file not readable: " + read.error, w);
      return Value::string(std::move(read.bytes), w);
    };
    f["fileexists"] = [](Args& a, const FunctionContext& ctx, const base::Location& w) {
      arity(a, 1, 1, "fileexists");
      if (any_unknown(a)) return Value::unknown("", w);
      std::filesystem::path p = text_of(a[0]);
      if (p.is_relative()) p = std::filesystem::path(ctx.module_disk_dir) / p;
      std::error_code ec;
      return Value::boolean(std::filesystem::is_regular_file(p, ec), w);
    };
    // --- paths -----------------------------------------------------------------------
    f["basename"] = map_string([](std::string s) {
      while (s.size() > 1 && s.back() == '/') s.pop_back();
      size_t slash = s.rfind('/');
      return slash == std::string::npos ? s : s.substr(slash + 1);
    });
    f["dirname"] = map_string([](std::string s) {
      while (s.size() > 1 && s.back() == '/') s.pop_back();
      size_t slash = s.rfind('/');
      if (slash == std::string::npos) return std::string(".");
      return slash == 0 ? std::string("/") : s.substr(0, slash);
    });
    f["abspath"] = [](Args& a, const FunctionContext& ctx, const base::Location& w) {
      arity(a, 1, 1, "abspath");
      if (any_unknown(a)) return Value::unknown("", w);
      std::filesystem::path p = text_of(a[0]);
      if (p.is_relative()) p = std::filesystem::path(ctx.module_disk_dir) / p;
      return Value::string(p.lexically_normal().generic_string(), w);
    };
    f["pathexpand"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "pathexpand");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string t = text_of(a[0]);
      if (t.rfind("~", 0) == 0) return Value::unknown("the home folder of whoever runs Terraform", w);
      return Value::string(t, w);
    };
    // --- more strings ---------------------------------------------------------------
    f["chomp"] = map_string([](std::string s) {
      while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
      return s;
    });
    f["strrev"] = map_string([](std::string s) {
      // By characters, not bytes: UTF-8 sequences stay whole.
      std::vector<std::string> chars;
      for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        chars.push_back(s.substr(i, n));
        i += n;
      }
      std::string out;
      for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
      return out;
    });
    f["indent"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "indent");
      if (any_unknown(a)) return Value::unknown("", w);
      // As wide as a line may sensibly be indented: indent(1e18, s) must not allocate 1e18 bytes.
      std::string pad(static_cast<size_t>(base::clamp_to(number_of(a[0]), 0, 4096)), ' ');
      std::string t = text_of(a[1]), out;
      for (char c : t) {
        out += c;
        if (c == '\n') out += pad;
      }
      return Value::string(out, w);
    };
    f["urlencode"] = map_string([](std::string s) {
      static const char* kHex = "0123456789ABCDEF";
      std::string out;
      for (unsigned char c : s) {
        // As Go's url.QueryEscape: a space is '+'.
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else if (c == ' ') out += '+';
        else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
      }
      return out;
    });
    f["base64decode"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "base64decode");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string in = text_of(a[0]), out;
      int bits = 0;
      uint32_t acc = 0;
      for (char c : in) {
        int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
              : c == '+' ? 62 : c == '/' ? 63 : c == '=' ? -2 : -1;
        if (v == -2) break;
        if (v < 0) throw EvalError("base64decode: the string is not valid base64");
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out += static_cast<char>((acc >> bits) & 0xFF);
        }
      }
      return Value::string(out, w);
    };
    // --- numbers --------------------------------------------------------------------
    f["signum"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "signum");
      if (any_unknown(a)) return Value::unknown("", w);
      double d = number_of(a[0]);
      return Value::integer(d > 0 ? 1 : d < 0 ? -1 : 0, w);
    };
    f["log"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "log");
      if (any_unknown(a)) return Value::unknown("", w);
      return Value::floating(std::log(number_of(a[0])) / std::log(number_of(a[1])), w);
    };
    f["parseint"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "parseint");
      if (any_unknown(a)) return Value::unknown("", w);
      std::string t = text_of(a[0]);
      int base = static_cast<int>(base::clamp_to(number_of(a[1]), 0, 63));
      if (base < 2 || base > 62) throw EvalError("parseint: the base must be between 2 and 62");
      char* end = nullptr;
      long long n = std::strtoll(t.c_str(), &end, base);
      if (t.empty() || *end != '\0') throw EvalError("parseint: \"" + t + "\" is not a number in base " + std::to_string(base));
      return Value::integer(n, w);
    };
    // --- sets and collections ----------------------------------------------------------
    auto contains_value = [](const model::List& l, const Value& v) {
      return std::any_of(l.begin(), l.end(), [&](const Value& x) { return x.same(v); });
    };
    f["setintersection"] = [contains_value](Args& a, const FunctionContext&, const base::Location& w) {
      if (a.empty()) throw EvalError("setintersection: at least one set is required");
      if (any_unknown(a)) return Value::unknown("", w);
      Value out = Value::list({}, w);
      for (const Value& item : list_of(a[0])) {
        bool everywhere = !contains_value(out.as_list(), item);
        for (size_t i = 1; i < a.size() && everywhere; ++i) everywhere = contains_value(list_of(a[i]), item);
        if (everywhere) out.push_back(item);
      }
      out.set_tag(kSetTag);
      return out;
    };
    f["setsubtract"] = [contains_value](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "setsubtract");
      if (any_unknown(a)) return Value::unknown("", w);
      Value out = Value::list({}, w);
      for (const Value& item : list_of(a[0]))
        if (!contains_value(list_of(a[1]), item) && !contains_value(out.as_list(), item)) out.push_back(item);
      out.set_tag(kSetTag);
      return out;
    };
    f["matchkeys"] = [contains_value](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 3, 3, "matchkeys");
      if (any_unknown(a)) return Value::unknown("", w);
      const model::List& values = list_of(a[0]);
      const model::List& keys = list_of(a[1]);
      if (values.size() != keys.size()) throw EvalError("matchkeys: the values and keys lists differ in length");
      Value out = Value::list({}, w);
      for (size_t i = 0; i < keys.size(); ++i)
        if (contains_value(list_of(a[2]), keys[i])) out.push_back(values[i]);
      return out;
    };
    f["transpose"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 1, 1, "transpose");
      if (any_unknown(a)) return Value::unknown("", w);
      std::map<std::string, std::vector<std::string>> out;
      for (const model::Member& m : map_of(a[0]))
        for (const Value& v : list_of(m.value)) out[text_of(v)].push_back(m.key);
      Value result = Value::map({}, w);
      for (auto& [k, ks] : out) {
        std::sort(ks.begin(), ks.end());
        Value l = Value::list({}, w);
        for (const std::string& x : ks) l.push_back(Value::string(x, w));
        result.as_map().push_back(model::Member{k, {}, std::move(l)});  // keys of a std::map: unique
      }
      return result;
    };
    f["cidrcontains"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      arity(a, 2, 2, "cidrcontains");
      if (any_unknown(a)) return Value::unknown("", w);
      evaluate::Cidr outer = cidr_of(a[0]);
      auto inner = evaluate::parse_cidr(text_of(a[1]));  // an address or a prefix
      if (!inner) throw EvalError("cidrcontains: invalid address \"" + text_of(a[1]) + "\"");
      return Value::boolean(outer.contains(*inner), w);
    };
    f["setproduct"] = [](Args& a, const FunctionContext&, const base::Location& w) {
      if (a.size() < 2) throw EvalError("setproduct takes at least two collections");
      if (any_unknown(a)) return Value::unknown("", w);
      // Every combination, the first collection's element first; bounded.
      size_t total = 1;
      for (const Value& c : a) {
        total *= list_of(c).size();
        if (total > 100000) return Value::unknown("setproduct: more than 100,000 combinations", w);
      }
      Value out = Value::list({}, w);
      std::vector<size_t> at(a.size(), 0);
      for (size_t n = 0; n < total; ++n) {
        Value combo = Value::list({}, w);
        for (size_t i = 0; i < a.size(); ++i) combo.push_back(list_of(a[i])[at[i]]);
        out.push_back(std::move(combo));
        for (size_t i = a.size(); i-- > 0;) {
          if (++at[i] < list_of(a[i]).size()) break;
          at[i] = 0;
        }
      }
      return out;
    };
    // Values Terraform computes at apply time or from the environment.
    for (const char* name : {"timestamp", "uuid", "bcrypt", "base64sha256", "sha1", "sha256", "sha512", "md5",
                             "filebase64", "filebase64sha256", "filemd5", "filesha256",
                             "templatefile",  // read by the evaluator, which has the variables' scope
                             "textencodebase64", "plantimestamp", "timeadd", "formatdate", "fileset", "uuidv5",
                             "csvdecode", "issensitive", "ephemeralasnull",
                             "templatestring", "rsadecrypt"})
      f[name] = [](Args&, const FunctionContext&, const base::Location& w) { return Value::unknown("", w); };
    return f;
  }();
  return kFunctions;
}

void json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;  // as Terraform's jsonencode escapes HTML
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void encode(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Kind::integer:
    case Kind::floating: out += text_of(v); break;
    case Kind::string: json_string(out, v.as_string()); break;
    case Kind::list: {
      out += '[';
      for (size_t i = 0; i < v.as_list().size(); ++i) {
        if (i) out += ',';
        encode(out, v.as_list()[i]);
      }
      out += ']';
      break;
    }
    case Kind::map: {
      std::vector<const model::Member*> ms;
      for (const model::Member& m : v.as_map())
        if (m.key.empty() || m.key[0] != '\x01') ms.push_back(&m);
      std::sort(ms.begin(), ms.end(), [](auto* a, auto* b) { return a->key < b->key; });
      out += '{';
      for (size_t i = 0; i < ms.size(); ++i) {
        if (i) out += ',';
        json_string(out, ms[i]->key);
        out += ':';
        encode(out, ms[i]->value);
      }
      out += '}';
      break;
    }
    default: out += "null";
  }
}

}  // namespace

std::string json_encode(const Value& v) {
  std::string out;
  encode(out, v);
  return out;
}

bool has_function(const std::string& name) {
  std::string base = name.rfind("provider::", 0) == 0 ? "" : name;
  return table().count(base) > 0;
}

Value call_function(const std::string& name, Args& args, const FunctionContext& ctx, const base::Location& where) {
  auto it = table().find(name);
  if (it == table().end()) return Value::unknown(name + "() is not evaluated by guardrail", where);
  Value v = it->second(args, ctx, where);
  if (!v.location().known()) v.set_location(where);
  // Unknown because an argument was: keep that argument's reason.
  if (v.is_unknown() && v.as_string().empty())
    for (const Value& arg : args)
      if (std::string why = model::unknown_reason(arg); !why.empty()) return Value::unknown(why, v.location());
  return v;
}

}  // namespace guardrail::adapt::terraform
