#pragma once

#include <string>
#include <string_view>

#include "mensor/azure/result.hpp"

namespace mensor::azure {

// The generic ARM resources API version; every resource provider answers a GET of its resources
// with it, so one version serves every resource type.
inline constexpr std::string_view kResourcesApiVersion = "2021-04-01";

// {arm}/{resourceId}?api-version=2021-04-01: the ARM resource GET whose `location` tells which
// regional metrics host (getBatch) serves the resource.
std::string BuildResourceUrl(std::string_view arm_base, std::string_view resource_id,
                             std::string_view api_version = kResourcesApiVersion);

// The `location` of an ARM resource GET body, as a programmatic region name (lower-cased, spaces
// removed: "West Europe" becomes "westeurope"). Fails on invalid JSON or a missing location.
Result<std::string> ParseResourceLocation(std::string_view body);

}  // namespace mensor::azure
