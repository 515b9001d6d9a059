#pragma once
#include <string>

#include "model/value.hpp"

namespace guardrail::adapt {

/// The Availability Zones of a region, as CloudFormation's Fn::GetAZs and
/// Terraform's aws_availability_zones give them before anything is deployed:
/// the region's zones by letter (us-east-1a … us-east-1f). A region not in
/// the table has zones not known here: an unknown value, not a guess (a
/// guessed three made Fn::Select [3, ...] an error on ap-northeast-2's four).
/// Which physical zone a letter is differs by account; that they are
/// distinct does not.
model::Value availability_zones(const std::string& region, const model::Location& where);

/// True for a name like "us-west-2" or "eu-central-1".
bool is_region_name(const std::string& text);

}  // namespace guardrail::adapt
