#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mensor/agent/agent.hpp"

namespace mensor::agent {

/// `mensor plugins`: every plugin file found, its state (registered or refused, with the reason)
/// and the types it provides; with `describe`, each type's configuration keys too. Uses the
/// configuration folder, if given, for plugins.directories.
int ListPlugins(const AgentOptions& options, bool describe);

struct ValidateOptions {
  std::vector<std::filesystem::path> files;  // runtime.yaml and/or a declaration, in any order
  std::optional<std::filesystem::path> runtime_file;      // --runtime FILE
  std::optional<std::filesystem::path> declaration_file;  // --declaration FILE
  bool strict = false;                                    // warnings fail (exit 1)
};

/// `mensor validate`: loads the configuration folder (or the given files) and the plugins they
/// need, prints every diagnostic sorted by position on stderr and the metrics that would be
/// scraped on stdout; needs no network. Exit 0 when valid, 1 when --strict and there are
/// warnings, 2 on errors.
int Validate(const AgentOptions& options, const ValidateOptions& validate);

/// `mensor schema`: JSON Schemas of runtime.yaml and the metrics declaration, from the core's
/// key lists and every loaded plugin's schema. Without `output_dir` prints both; with it writes
/// runtime.schema.json and metrics-declaration.schema.json there, or (with `check`) compares
/// them with those files and exits 1 naming the first that differs.
int Schema(const AgentOptions& options, const std::optional<std::filesystem::path>& output_dir,
           bool check);

}  // namespace mensor::agent
