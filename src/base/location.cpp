#include "base/location.hpp"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <ostream>
#include <tuple>
#include <unordered_map>

#include "base/intern.hpp"

namespace guardrail::base {

namespace {

/// Paths by index, in chunks that never move: a reader needs no lock (an
/// index reaches another thread only through the synchronisation that
/// handed it the Location).
class FileTable {
 public:
  static constexpr uint32_t kChunk = 4096, kChunks = 1024;  // 4 million paths

  uint32_t id(std::string_view path) {
    if (path.empty()) return 0;
    std::lock_guard lock(mutex_);
    auto it = ids_.find(path);
    if (it != ids_.end()) return it->second;
    std::string_view kept = intern(path);
    uint32_t id = next_++;
    if (id / kChunk >= kChunks) return 0;  // beyond any real scan: the path reads as ""
    auto& chunk = chunks_[id / kChunk];
    if (!chunk) chunk = std::make_unique<std::array<std::string_view, kChunk>>();
    (*chunk)[id % kChunk] = kept;
    ids_.emplace(kept, id);
    return id;
  }

  std::string_view path(uint32_t id) const {
    if (id == 0) return {};
    const auto& chunk = chunks_[id / kChunk];
    return (*chunk)[id % kChunk];
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string_view, uint32_t> ids_;
  uint32_t next_ = 1;  // 0 is "no file"
  std::array<std::unique_ptr<std::array<std::string_view, kChunk>>, kChunks> chunks_;
};

FileTable& table() {
  static FileTable* t = new FileTable();  // used by static Locations' destructors: never destroyed
  return *t;
}

}  // namespace

FileName::FileName(std::string_view path) : id_(table().id(path)) {}

std::string_view FileName::view() const { return table().path(id_); }

std::ostream& operator<<(std::ostream& out, FileName file) { return out << file.view(); }

std::strong_ordering Location::operator<=>(const Location& other) const {
  if (auto c = file.compare(other.file); c != 0) return c < 0 ? std::strong_ordering::less
                                                              : std::strong_ordering::greater;
  return std::tie(line, column, end_line, end_column) <=>
         std::tie(other.line, other.column, other.end_line, other.end_column);
}

Location span(const Location& first, const Location& last) {
  if (!first.known()) return last;
  if (!last.known()) return first;
  // A value written elsewhere (a variable's default, a module caller's
  // literal, a parameter) is located where it is written.
  if (first.file != last.file || std::tie(last.line, last.column) < std::tie(first.line, first.column)) return last;
  // Nor does a Terraform value that starts lines after its key (a local or
  // a variable defined further down the file): a span would take in
  // everything between. An HCL value begins on its key's line.
  std::string_view file = first.file;
  bool hcl = file.ends_with(".tf") || file.ends_with(".tofu") || file.ends_with(".tf.json") || file.ends_with(".hcl");
  if (hcl && last.line > first.end_line + 1) return last;
  Location out = first;
  if (std::tie(last.end_line, last.end_column) > std::tie(first.end_line, first.end_column)) {
    out.end_line = last.end_line;
    out.end_column = last.end_column;
  }
  return out;
}

}  // namespace guardrail::base
