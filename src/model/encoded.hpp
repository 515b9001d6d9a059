#pragma once
#include <memory>
#include <string>
#include <string_view>

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

/// Drops every entry (the start of a scan).
void forget_encoded();

}  // namespace guardrail::model
