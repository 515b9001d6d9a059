#include "report/resources.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace guardrail::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void value(Writer& w, const model::Value& v, int depth) {
  if (depth > 64) {
    w.Null();
    return;
  }
  switch (v.kind()) {
    case model::Kind::null: w.Null(); break;
    case model::Kind::boolean: w.Bool(v.as_bool()); break;
    case model::Kind::integer: w.Int64(v.as_int()); break;
    case model::Kind::floating: w.Double(v.as_double()); break;
    case model::Kind::string: str(w, v.as_string()); break;
    case model::Kind::unknown:
      w.StartObject();
      w.Key("unknown");
      str(w, v.as_string().empty() ? "known after apply" : v.as_string());
      w.EndObject();
      break;
    case model::Kind::reference:
      w.StartObject();
      w.Key("ref");
      str(w, v.as_string());
      w.EndObject();
      break;
    case model::Kind::list:
      w.StartArray();
      for (const model::Value& item : v.as_list()) value(w, item, depth + 1);
      w.EndArray();
      break;
    case model::Kind::map:
      w.StartObject();
      for (const model::Member& m : v.as_map()) {
        str(w, m.key);
        value(w, m.value, depth + 1);
      }
      w.EndObject();
      break;
  }
}

}  // namespace

std::string render_resources(const scan::ScanResult& result) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartArray();
  for (const model::Resource& r : result.resources) {
    w.StartObject();
    w.Key("type");
    str(w, r.type);
    w.Key("address");
    str(w, r.address);
    w.Key("source");
    str(w, model::to_string(r.source));
    w.Key("environment");
    str(w, r.environment);
    if (!r.account.empty()) {
      w.Key("account");
      str(w, r.account);
    }
    if (!r.region.empty()) {
      w.Key("region");
      str(w, r.region);
    }
    w.Key("location");
    str(w, std::string(r.location.file) + ":" + std::to_string(r.location.line) + ":" + std::to_string(r.location.column));
    w.Key("attributes");
    value(w, r.attrs, 0);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace guardrail::report
