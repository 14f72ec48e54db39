// bin/mensor: the agent, plus `plugins` and `validate` subcommands.
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <vector>

#include "mensor/agent/agent.hpp"
#include "mensor/agent/commands.hpp"
#include "mensor/agent/health_probe.hpp"

namespace {

constexpr const char* kUsage = R"(Usage:
  mensor [run] [--config-folder DIR]        scrape Azure Monitor and serve the sinks
  mensor validate [--config-folder DIR]     check runtime.yaml and the metrics declaration
  mensor plugins [--config-folder DIR]      list plugin libraries and what they provide
  mensor health [--config-folder DIR] [--no-dependencies]
                                            ask the running agent's /api/v1/health (exit 0 if 200)
  mensor --version | --help

The configuration folder holds runtime.yaml; it defaults to $PROMITOR_CONFIG_FOLDER.
Exit codes: 0 ok, 1 failure, 2 configuration errors, 3 no configuration folder,
4 no runtime.yaml.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace mensor::agent;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = "run";
  if (!args.empty() && args[0].rfind("-", 0) != 0) {
    command = args[0];
    args.erase(args.begin());
  }
  AgentOptions options;
  HealthProbeOptions probe;
  options.environment = mensor::config::ReadProcessEnvironment();
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      fmt::print("{}", kUsage);
      return kExitOk;
    }
    if (args[i] == "--version") {
      fmt::print("mensor {}\n", kVersion);
      return kExitOk;
    }
    if (args[i] == "--config-folder" && i + 1 < args.size()) {
      options.config_folder = args[++i];
      continue;
    }
    if (command == "health" && args[i] == "--no-dependencies") {
      probe.include_dependencies = false;
      continue;
    }
    if (args[i].rfind("--config-folder=", 0) == 0) {
      options.config_folder = args[i].substr(std::strlen("--config-folder="));
      continue;
    }
    fmt::print(stderr, "mensor: unexpected argument '{}'\n\n{}", args[i], kUsage);
    return kExitFailure;
  }
  if (options.config_folder.empty()) {
    if (auto it = options.environment.find("PROMITOR_CONFIG_FOLDER");
        it != options.environment.end() && !it->second.empty()) {
      options.config_folder = it->second;
    }
  }
  if (command == "plugins") return ListPlugins(options);
  if (options.config_folder.empty()) {
    fmt::print(stderr,
               "mensor: no configuration folder: pass --config-folder DIR or set "
               "PROMITOR_CONFIG_FOLDER\n");
    return kExitNoConfigFolder;
  }
  if (command == "run") return RunAgent(options);
  if (command == "validate") return Validate(options);
  if (command == "health") return ProbeHealth(options, probe);
  fmt::print(stderr, "mensor: unknown command '{}'\n\n{}", command, kUsage);
  return kExitFailure;
}
