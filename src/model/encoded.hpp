#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace guardrail::model {

/// The located values behind JSON text that an evaluator wrote
/// (Terraform's jsonencode, an aws_iam_policy_document's json): a reader of
/// that text (statements()) takes each node's place from here, the statement
/// as written, instead of the one place of the string. Entries are keyed by
/// the string's place and text; a scan starts with none (forget_encoded).
/// Safe to call from several threads.
void remember_encoded(const std::string& text, const base::Location& where, const Value& tree);

/// The tree `text` was encoded from at `where`; else the one tree encoded to
/// `text` anywhere (a document read through a reference); else null.
std::shared_ptr<const Value> encoded_origin(std::string_view text, const base::Location& where);

/// An unknown standing for JSON text not known until apply (a policy document
/// naming a resource's ARN), whose tree is known in part: the tree is
/// remembered under the unknown's reason and place, so that a reader of
/// documents (statements()) finds it with encoded_origin(reason, place).
/// Everything else sees an unknown. The reason is made unique per place
/// ("..., main.tf:12:3").
Value unknown_document(const std::string& reason, const base::Location& where, const Value& tree);

/// Drops every entry (the start of a scan).
void forget_encoded();

/// Entries remembered, in order, but not yet in the registry: what one of
/// several evaluations running at once remembered. Replayed in the order one
/// thread would have evaluated them, the first entry of a place is the same
/// whatever the number of threads (a module shared by two roots writes its
/// policy at one place, with each root's locations inside).
class EncodedBuffer {
 public:
  /// Adds the entries to the registry, in the order they were remembered.
  void replay();

 private:
  friend void remember_encoded(const std::string&, const base::Location&, const Value&);
  friend std::shared_ptr<const Value> encoded_origin(std::string_view, const base::Location&);
  struct Entry {
    std::string text;
    base::Location where;
    std::shared_ptr<const Value> tree;
  };
  std::vector<Entry> entries_;
  std::map<std::string, std::shared_ptr<const Value>, std::less<>> by_text_;  // the latest of each text
};

/// While it lives, what this thread remembers goes to `buffer`.
class CaptureEncoded {
 public:
  explicit CaptureEncoded(EncodedBuffer& buffer);
  ~CaptureEncoded();
  CaptureEncoded(const CaptureEncoded&) = delete;
  CaptureEncoded& operator=(const CaptureEncoded&) = delete;

 private:
  EncodedBuffer* previous_;
};

}  // namespace guardrail::model
