#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::config::internal {

// Every runtime.yaml key the scraper understands, as canonical dotted paths. Leaves may hold
// lists or mappings (systemMetricMapping, plugins.directories); their contents are not checked
// for unknown keys here.
std::span<const std::string_view> KnownRuntimeLeaves();

// Canonical top-level section names ("server", "metricSinks", ...).
std::vector<std::string> KnownRuntimeTopLevel();

}  // namespace mensor::config::internal
