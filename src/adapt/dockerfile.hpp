#pragma once
#include <string>
#include <vector>

#include "load/dockerfile.hpp"
#include "model/resource.hpp"

namespace guardrail::adapt {

/// The stages of a Dockerfile as `dockerfile_stage` resources, addressed
/// `path#name` (or `path#stage-N` when unnamed) and located at their FROM.
/// Attributes: `name`, `index`, `stages` (how many the file has), `final`,
/// `from` (the FROM image as written, ARG defaults substituted), `image`
/// ({registry, repository, tag, digest} of the image the stage finally
/// builds on, following `FROM <earlier stage>`), `base_stage`, `user` (the
/// last USER, ARG and ENV substituted), `env` and `args` (ENV values, ARG
/// defaults), `instructions` ([{instruction, arguments}]).
std::vector<model::Resource> adapt_dockerfile(const load::ParsedDockerfile& parsed, const std::string& path);

}  // namespace guardrail::adapt
