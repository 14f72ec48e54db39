#pragma once

#include "mensor/agent/agent.hpp"

namespace mensor::agent {

/// `mensor plugins`: every plugin file found, its state (registered or refused, with the reason)
/// and the types it provides. Uses the configuration folder, if given, for plugins.directories.
int ListPlugins(const AgentOptions& options);

/// `mensor validate`: loads both files and the plugins they need, prints every diagnostic and the
/// metrics that would be scraped; needs no network. Exit 0 when valid, 2 on errors.
int Validate(const AgentOptions& options);

}  // namespace mensor::agent
