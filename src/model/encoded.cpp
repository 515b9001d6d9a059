#include "model/encoded.hpp"

#include <map>
#include <mutex>
#include <tuple>

namespace guardrail::model {
namespace {

using Key = std::tuple<std::string, uint32_t, uint32_t, std::string>;  // file, line, column, text

constexpr size_t kMaxEntries = 100000;

struct Registry {
  std::mutex mutex;
  std::map<Key, std::shared_ptr<const Value>, std::less<>> trees;
  /// By text alone: a value read through a reference (data.x.json) takes
  /// the referring attribute's place. Null when two places wrote the text.
  std::map<std::string, std::shared_ptr<const Value>, std::less<>> by_text;
};

Registry& registry() {
  static Registry r;
  return r;
}

Key key_of(std::string_view text, const base::Location& where) {
  return {std::string(where.file), where.line, where.column, std::string(text)};
}

thread_local EncodedBuffer* t_capture = nullptr;

void add(const std::string& text, const base::Location& where, std::shared_ptr<const Value> shared) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.trees.size() >= kMaxEntries) return;  // the places are a nicety; memory is not
  if (!r.trees.try_emplace(key_of(text, where), shared).second) return;
  auto [it, fresh] = r.by_text.try_emplace(text, shared);
  if (!fresh) it->second = nullptr;  // ambiguous
}

}  // namespace

void remember_encoded(const std::string& text, const base::Location& where, const Value& tree) {
  if (!where.known()) return;
  auto shared = std::make_shared<const Value>(tree);
  if (t_capture) {
    t_capture->by_text_[text] = shared;
    t_capture->entries_.push_back({text, where, std::move(shared)});
    return;
  }
  add(text, where, std::move(shared));
}

void EncodedBuffer::replay() {
  for (Entry& e : entries_) add(e.text, e.where, std::move(e.tree));
  entries_.clear();
  by_text_.clear();
}

CaptureEncoded::CaptureEncoded(EncodedBuffer& buffer) : previous_(t_capture) { t_capture = &buffer; }
CaptureEncoded::~CaptureEncoded() { t_capture = previous_; }

std::shared_ptr<const Value> encoded_origin(std::string_view text, const base::Location& where) {
  if (!where.known()) return nullptr;
  // What this thread remembered and has not replayed yet (a module being
  // evaluated reads a document another of its blocks made): by text.
  if (t_capture)
    if (auto e = t_capture->by_text_.find(text); e != t_capture->by_text_.end()) return e->second;
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (auto it = r.trees.find(key_of(text, where)); it != r.trees.end()) return it->second;
  auto it = r.by_text.find(text);
  return it == r.by_text.end() ? nullptr : it->second;
}

Value unknown_document(const std::string& reason, const base::Location& where, const Value& tree) {
  if (!where.known()) return Value::unknown(reason, where);
  std::string text = reason + " (" + std::string(where.file) + ":" + std::to_string(where.line) + ":" +
                     std::to_string(where.column) + ")";
  remember_encoded(text, where, tree);
  return Value::unknown(std::move(text), where);
}

void forget_encoded() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.trees.clear();
  r.by_text.clear();
}

}  // namespace guardrail::model
