#pragma once
#include <optional>
#include <string>

#include "model/resource.hpp"
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

/// A Terraform resource's own region (AWS provider 6's `region` argument,
/// which overrides the provider's): the name when known, "" when known only
/// at apply, nothing when it sets none. The types whose `region` meant
/// something else in provider 5 (renamed in 6) are left out: a stack set
/// instance's target region, a Config aggregate authorization's authorized
/// region, a hosted Direct Connect connection's location region.
std::optional<std::string> own_region(const model::Resource& r);

/// True for a name like "us-west-2" or "eu-central-1".
bool is_region_name(const std::string& text);

}  // namespace guardrail::adapt
