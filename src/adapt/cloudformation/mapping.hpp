#pragma once
#include <string>
#include <string_view>

#include "model/value.hpp"

namespace guardrail::adapt::cloudformation {

/// "DBInstanceClass" -> "db_instance_class", "MultiAZ" -> "multi_az".
std::string snake_case(std::string_view name);

/// The canonical type of a CloudFormation type: from data/cloudformation.tsv,
/// else AWS::Service::Type -> aws_service_type.
std::string canonical_type(const std::string& cfn_type);

/// True when data/cloudformation.tsv has a row for the type.
bool has_mapping(const std::string& cfn_type);

/// A resource's evaluated Properties in the canonical vocabulary: renamed as
/// the table says, snake_cased otherwise, Tags as a map, the table's
/// transforms applied. Locations are kept.
model::Value canonical_attributes(const std::string& cfn_type, const model::Value& properties);

}  // namespace guardrail::adapt::cloudformation
