#include "load/yaml_loader.hpp"

#include <yaml.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

#include "load/limits.hpp"
#include "load/scalar.hpp"

namespace guardrail::load {
namespace {

using model::Value;

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

struct Frame {
  Value node;
  std::string anchor;
  bool flow = false;
  bool has_key = false;
  std::string key;
  base::Location key_location;
  bool key_is_merge = false;
  std::vector<Value> merges;  // maps merged in with `<<`, applied at the end
  model::MapIndex keys;
};

class Builder {
 public:
  explicit Builder(const base::SourceFile& file) : file_(file), name_(file.path()) {}

  Documents run();

 private:
  base::Location loc(const yaml_mark_t& start, const yaml_mark_t& end) const {
    return base::Location{name_, static_cast<uint32_t>(start.line + 1),
                          static_cast<uint32_t>(start.column + 1),
                          static_cast<uint32_t>(end.line + 1),
                          static_cast<uint32_t>(end.column + 1)};
  }
  void fail(const yaml_mark_t& mark, std::string message) {
    auto where = loc(mark, mark);
    where.end_column = where.column + 1;
    out_.diagnostics.push_back(base::error("yaml-syntax", where, std::move(message)));
  }
  bool handle(const yaml_event_t& event);
  Value scalar(const yaml_event_t& event);
  bool add(Value node, const std::string& anchor, const yaml_mark_t& mark);
  void finish_map(Frame& frame);
  size_t count_nodes(const Value& v) const;

  const base::SourceFile& file_;
  base::FileName name_;  // interned once: a Location per node needs no lookup
  Documents out_;
  std::vector<Frame> stack_;
  std::map<std::string, Value, std::less<>> anchors_;
  size_t alias_nodes_ = 0;
  bool in_document_ = false;
  bool have_root_ = false;
  Value root_;
};

Value Builder::scalar(const yaml_event_t& event) {
  const auto& s = event.data.scalar;
  std::string text(reinterpret_cast<const char*>(s.value), s.length);
  auto where = loc(event.start_mark, event.end_mark);
  std::string_view tag = s.tag ? reinterpret_cast<const char*>(s.tag) : "";
  Value v;
  if (tag.substr(0, kCoreTag.size()) == kCoreTag) {
    std::string_view type = tag.substr(kCoreTag.size());
    if (type == "str") {
      v = Value::string(std::move(text), where);
    } else {
      v = resolve_plain_scalar(text, where);
      if (type == "null" && !v.is_null()) v = Value::string(std::move(text), where);
    }
    return v;
  }
  bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && tag.empty();
  v = plain ? resolve_plain_scalar(text, where) : Value::string(std::move(text), where);
  if (!tag.empty() && tag != "!") v.set_tag(tag);
  return v;
}

size_t Builder::count_nodes(const Value& v) const {
  size_t n = 1;
  if (v.is_list())
    for (const Value& item : v.as_list()) n += count_nodes(item);
  if (v.is_map())
    for (const model::Member& m : v.as_map()) n += count_nodes(m.value);
  return n;
}

void Builder::finish_map(Frame& frame) {
  for (Value& merged : frame.merges) {
    for (model::Member& m : merged.as_map()) {
      if (!frame.keys.find(frame.node.as_map(), m.key)) frame.node.as_map().push_back(std::move(m));
    }
  }
}

bool Builder::add(Value node, const std::string& anchor, const yaml_mark_t& mark) {
  if (!anchor.empty()) anchors_[anchor] = node;
  if (stack_.empty()) {
    root_ = std::move(node);
    have_root_ = true;
    return true;
  }
  Frame& top = stack_.back();
  if (top.node.is_list()) {
    top.node.push_back(std::move(node));
    return true;
  }
  if (!top.has_key) {
    top.has_key = true;
    top.key_location = node.location();
    top.key_is_merge = node.is_string() && node.as_string() == "<<" && node.tag().empty();
    top.key = node.is_string() ? node.as_string() : model::to_display(node);
    return true;
  }
  top.has_key = false;
  if (top.key_is_merge) {
    if (node.is_map()) {
      top.merges.push_back(std::move(node));
    } else if (node.is_list()) {
      for (Value& item : node.as_list())
        if (item.is_map()) top.merges.push_back(std::move(item));
    }
    return true;
  }
  (void)mark;
  if (model::Member* same = top.keys.find(top.node.as_map(), top.key)) {
    out_.diagnostics.push_back(base::warning("yaml-duplicate-key", top.key_location,
                                             "duplicate key '" + top.key + "'; the last value wins"));
    same->value = std::move(node);
    same->key_location = top.key_location;
    return true;
  }
  top.node.as_map().push_back(model::Member{std::move(top.key), top.key_location, std::move(node)});
  return true;
}

bool Builder::handle(const yaml_event_t& event) {
  auto anchor_of = [](const yaml_char_t* a) {
    return a ? std::string(reinterpret_cast<const char*>(a)) : std::string();
  };
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      in_document_ = true;
      have_root_ = false;
      anchors_.clear();
      return true;
    case YAML_DOCUMENT_END_EVENT:
      if (have_root_) out_.documents.push_back(std::move(root_));
      root_ = Value();
      in_document_ = false;
      return true;
    case YAML_SCALAR_EVENT:
      return add(scalar(event), anchor_of(event.data.scalar.anchor), event.start_mark);
    case YAML_ALIAS_EVENT: {
      std::string name = anchor_of(event.data.alias.anchor);
      auto it = anchors_.find(name);
      if (it == anchors_.end()) {
        fail(event.start_mark, "unknown alias '*" + name + "'");
        return false;
      }
      // Bounded per file, relative to its size, and per scan (load/limits).
      size_t produced = count_nodes(it->second);
      alias_nodes_ += produced;
      const Limits& bounds = limits();
      uint64_t file_budget = bounds.alias_nodes_base + bounds.alias_nodes_per_byte * file_.text().size();
      if (alias_nodes_ > file_budget) {
        fail(event.start_mark, "alias expansion would create more than " + std::to_string(file_budget) +
                                   " nodes from a file of " + std::to_string(file_.text().size()) +
                                   " bytes (an alias bomb?)" + kRaise + "alias-nodes-per-byte=N)");
        return false;
      }
      if (scan_alias_nodes().fetch_add(produced) + produced > bounds.alias_nodes_per_scan) {
        fail(event.start_mark, "alias expansion in this scan's YAML files would create more than " +
                                   std::to_string(bounds.alias_nodes_per_scan) + " nodes in all" + kRaise +
                                   "alias-nodes-per-scan=N)");
        return false;
      }
      Value copy = it->second;
      return add(std::move(copy), {}, event.start_mark);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      if (stack_.size() >= kMaxDepth) {
        fail(event.start_mark, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        return false;
      }
      bool is_map = event.type == YAML_MAPPING_START_EVENT;
      Frame frame;
      frame.node = is_map ? Value::map({}, loc(event.start_mark, event.end_mark))
                          : Value::list({}, loc(event.start_mark, event.end_mark));
      const yaml_char_t* tag = is_map ? event.data.mapping_start.tag : event.data.sequence_start.tag;
      if (tag) {
        std::string_view t = reinterpret_cast<const char*>(tag);
        if (t.substr(0, kCoreTag.size()) != kCoreTag && t != "!") frame.node.set_tag(t);
      }
      frame.anchor = anchor_of(is_map ? event.data.mapping_start.anchor
                                      : event.data.sequence_start.anchor);
      frame.flow = is_map ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                          : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
      stack_.push_back(std::move(frame));
      return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      Frame frame = std::move(stack_.back());
      stack_.pop_back();
      if (frame.node.is_map()) finish_map(frame);
      // A flow collection ends at its bracket; a block one where its last child ends.
      base::Location where = frame.node.location();
      if (frame.flow) {
        where.end_line = static_cast<uint32_t>(event.end_mark.line + 1);
        where.end_column = static_cast<uint32_t>(event.end_mark.column + 1);
      } else {
        const Value* last = nullptr;
        if (frame.node.is_list() && !frame.node.as_list().empty()) last = &frame.node.as_list().back();
        if (frame.node.is_map() && !frame.node.as_map().empty()) last = &frame.node.as_map().back().value;
        if (last && last->location().known()) {
          where.end_line = last->location().end_line;
          where.end_column = last->location().end_column;
        }
      }
      frame.node.set_location(where);
      return add(std::move(frame.node), frame.anchor, event.start_mark);
    }
    default:
      return true;
  }
}

Documents Builder::run() {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    out_.diagnostics.push_back(base::error("yaml-syntax", {file_.path(), 1, 1, 1, 1},
                                           "cannot initialize the YAML parser"));
    return std::move(out_);
  }
  std::string_view text = file_.text();
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::string message = parser.problem ? parser.problem : "invalid YAML";
      if (parser.context) {
        // libyaml's context reads "while parsing a flow sequence": say where that began.
        message += " (" + std::string(parser.context) + " that starts at " +
                   std::to_string(parser.context_mark.line + 1) + ":" +
                   std::to_string(parser.context_mark.column + 1) + ")";
      }
      fail(parser.problem_mark, message);
      break;
    }
    bool ok = handle(event);
    bool done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (!ok || done) break;
  }
  yaml_parser_delete(&parser);
  return std::move(out_);
}

}  // namespace

Documents load_yaml(const base::SourceFile& file) { return Builder(file).run(); }

}  // namespace guardrail::load
