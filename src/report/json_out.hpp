#pragma once
#include <cstddef>
#include <ostream>

namespace guardrail::report {

/// A RapidJSON output stream onto a std::ostream, through a buffer: a report
/// of a hundred thousand findings goes to its file as it is written, never
/// held whole in memory (as a StringBuffer and its std::string copy would).
class JsonOut {
 public:
  using Ch = char;
  explicit JsonOut(std::ostream& out) : out_(out) {}
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;
  ~JsonOut() { Flush(); }

  void Put(char c) {
    if (used_ == sizeof buffer_) Flush();
    buffer_[used_++] = c;
  }
  void Flush() {
    out_.write(buffer_, static_cast<std::streamsize>(used_));
    used_ = 0;
  }

 private:
  std::ostream& out_;
  char buffer_[1 << 16];
  size_t used_ = 0;
};

}  // namespace guardrail::report
