// ARM's generic resource GET, `GET /subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/
// {type}/{name}?api-version=…`: what a client reads a resource's `location` from.
#pragma once

#include "http_types.hpp"
#include "world.hpp"

namespace mensor::sim {

// True for a resource id path (no `/providers/Microsoft.Insights/...` operation after it).
bool IsResourcePath(std::string_view path);

// Authentication and throttling happen before this. Wrapped ARM errors: 400 without a valid
// api-version, 404 ResourceNotFound for resources the world does not hold.
SimResponse HandleResourceGet(const SimRequest& request, const World& world);

}  // namespace mensor::sim
