#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "mensor/agent/scrape_target.hpp"
#include "mensor/config/diagnostics.hpp"
#include "mensor/config/key_spec.hpp"
#include "mensor/config/metrics_declaration.hpp"
#include "mensor/plugin/plugin_registry.hpp"

namespace mensor::agent {

/// Resolves every (metric, resource) of the declaration into a ScrapeTarget through its resource
/// type plugin: validate() then describe(). Problems the plugins report are added to
/// `diagnostics` at the position of the key they name. Metrics whose resource type has no plugin
/// are skipped (the declaration loader already reported them).
std::vector<ScrapeTarget> BuildTargets(const config::MetricsDeclaration& declaration,
                                       const plugin::PluginRegistry& registry,
                                       config::Diagnostics& diagnostics);

}  // namespace mensor::agent
