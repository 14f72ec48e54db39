#pragma once

#include <filesystem>

#include "mensor/config/runtime_loader.hpp"

namespace mensor::agent {

inline constexpr const char* kVersion = "0.1.0";

/// Process exit codes, Promitor's where it has one.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // unexpected failure (e.g. the HTTP port is taken)
  kExitBadConfig = 2,  // configuration errors
  kExitNoConfigFolder = 3,
  kExitNoRuntimeFile = 4,
};

struct AgentOptions {
  std::filesystem::path config_folder;
  config::Environment environment;
};

/// Runs the scraper until SIGINT or SIGTERM: loads and validates the configuration (printing every
/// diagnostic), creates the auth mode and sinks, serves HTTP, and scrapes on schedule. Returns the
/// process exit code.
int RunAgent(const AgentOptions& options);

}  // namespace mensor::agent
