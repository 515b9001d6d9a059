#include "evaluate/context.hpp"

#include <re2/re2.h>

#include <charconv>
#include <cmath>

namespace guardrail::evaluate {

const std::string& Context::reference_scope(const RValue& v) const {
  return v.resource ? v.resource->scope.str() : scope_;
}

const model::Resource* Context::named_resource(const RValue& v) const {
  switch (v.kind) {
    case RKind::resource: return v.resource;
    case RKind::reference: return resources_.resolve_reference(v.text, reference_scope(v));
    case RKind::string: return resources_.by_id(v.text, reference_scope(v));
    default: return nullptr;
  }
}

std::optional<std::string> Context::identity_key(const RValue& v) const {
  switch (v.kind) {
    case RKind::unknown: return std::nullopt;
    case RKind::null: return std::string("0");
    case RKind::boolean: return std::string(v.boolean ? "B1" : "B0");
    case RKind::number: {
      char buf[40];
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.number);
      return "N" + std::string(buf, p);
    }
    case RKind::resource: return "R" + v.resource->identity();
    case RKind::reference: {
      if (const model::Resource* r = resources_.resolve_reference(v.text, reference_scope(v)))
        return "R" + r->identity();
      // A reference to something declared nowhere in the scan matches only itself.
      return "X" + v.text;
    }
    case RKind::string: {
      if (const model::Resource* r = resources_.by_id(v.text, reference_scope(v))) return "R" + r->identity();
      if (auto n = as_number(v)) {
        char buf[40];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *n);
        return "N" + std::string(buf, p);
      }
      return "S" + v.text;
    }
    default: return std::nullopt;  // lists and maps do not key joins
  }
}

bool Context::same_identity(const RValue& a, const RValue& b) const {
  const model::Resource* ra = resources_.by_id(a.text, reference_scope(a));
  const model::Resource* rb = resources_.by_id(b.text, reference_scope(b));
  if (ra || rb) return ra && rb && ra->identity() == rb->identity();
  auto x = as_number(a), y = as_number(b);
  return x && y && *x == *y;  // "1" and "1.0"; different texts otherwise differ
}

const re2::RE2* Context::regex(const std::string& pattern) {
  auto it = regexes_.find(pattern);
  if (it == regexes_.end()) {
    RE2::Options options(RE2::Quiet);
    auto re = std::make_shared<RE2>(pattern, options);
    it = regexes_.emplace(pattern, re->ok() ? re : nullptr).first;
  }
  return it->second.get();
}

Tri truth(const RValue& v) {
  switch (v.kind) {
    case RKind::boolean: return v.boolean ? Tri::true_ : Tri::false_;
    case RKind::null: return Tri::false_;
    case RKind::unknown: return Tri::unknown;
    case RKind::string: {
      std::string lower;
      for (char c : v.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "false") return Tri::false_;
      return Tri::true_;
    }
    case RKind::number: return v.number != 0 ? Tri::true_ : Tri::false_;
    default: return Tri::true_;
  }
}

std::optional<double> as_number(const RValue& v) {
  if (v.kind == RKind::number) return v.number;
  if (v.kind != RKind::string || v.text.empty()) return std::nullopt;
  double d;
  const char* b = v.text.data();
  const char* e = b + v.text.size();
  auto [p, ec] = std::from_chars(b, e, d);
  if (ec != std::errc() || p != e || std::isnan(d)) return std::nullopt;
  return d;
}

namespace {

bool identity_like(const RValue& v) {
  return v.kind == RKind::string || v.kind == RKind::reference || v.kind == RKind::resource;
}

}  // namespace

Tri equal(const Context& ctx, const RValue& a, const RValue& b) {
  if (a.is_unknown() || b.is_unknown()) return Tri::unknown;
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null() ? Tri::true_ : Tri::false_;
  if (a.kind == RKind::boolean || b.kind == RKind::boolean) {
    Tri x = truth(a), y = truth(b);
    bool comparable = (a.kind == RKind::boolean || a.kind == RKind::string) &&
                      (b.kind == RKind::boolean || b.kind == RKind::string);
    if (!comparable) return Tri::false_;
    if (a.kind == RKind::string && a.text != "true" && a.text != "false" && a.text != "True" && a.text != "False")
      return Tri::false_;
    if (b.kind == RKind::string && b.text != "true" && b.text != "false" && b.text != "True" && b.text != "False")
      return Tri::false_;
    return x == y ? Tri::true_ : Tri::false_;
  }
  if (a.kind == RKind::number || b.kind == RKind::number) {
    auto x = as_number(a), y = as_number(b);
    if (!x || !y) return Tri::false_;
    return *x == *y ? Tri::true_ : Tri::false_;
  }
  if (identity_like(a) && identity_like(b)) {
    if (a.kind == RKind::string && b.kind == RKind::string)
      return a.text == b.text || ctx.same_identity(a, b) ? Tri::true_ : Tri::false_;
    return ctx.identity_key(a) == ctx.identity_key(b) ? Tri::true_ : Tri::false_;
  }
  if (a.kind == RKind::list && b.kind == RKind::list) {
    if (a.list().size() != b.list().size()) return a.incomplete || b.incomplete ? Tri::unknown : Tri::false_;
    Tri out = Tri::true_;
    for (size_t i = 0; i < a.list().size(); ++i) {
      Tri t = equal(ctx, a.list()[i], b.list()[i]);
      if (t == Tri::false_) return Tri::false_;
      if (t == Tri::unknown) out = Tri::unknown;
    }
    return out;
  }
  if (a.kind == RKind::map && b.kind == RKind::map && a.node && b.node)
    return a.node->same(*b.node) ? Tri::true_ : Tri::false_;
  return Tri::false_;
}

Tri less(const RValue& a, const RValue& b) {
  if (a.is_unknown() || b.is_unknown()) return Tri::unknown;
  auto x = as_number(a), y = as_number(b);
  if (x && y) return *x < *y ? Tri::true_ : Tri::false_;
  if (a.kind == RKind::string && b.kind == RKind::string) return a.text < b.text ? Tri::true_ : Tri::false_;
  return Tri::false_;
}

}  // namespace guardrail::evaluate
