#pragma once

#include "mensor/agent/agent.hpp"

namespace mensor::agent {

struct HealthProbeOptions {
  /// Promitor's includeDependencies: false asks only "is the agent serving HTTP".
  bool include_dependencies = true;
};

/// `mensor health`: asks the running agent's /api/v1/health on the loopback address, at the port
/// runtime.yaml (with its environment overrides) configures. Exit 0 when it answers 200, 1
/// otherwise. Exists for images without a shell or curl (container HEALTHCHECK, exec probes).
int ProbeHealth(const AgentOptions& options, const HealthProbeOptions& probe);

}  // namespace mensor::agent
