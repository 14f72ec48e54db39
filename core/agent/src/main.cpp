// bin/mensor: the agent, plus `plugins` and `validate` subcommands.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "mensor/agent/agent.hpp"
#include "mensor/agent/allocator.hpp"
#include "mensor/agent/commands.hpp"
#include "mensor/agent/health_probe.hpp"

namespace {

constexpr const char* kUsage = R"(Usage:
  mensor [run] [--config-folder DIR]        scrape Azure Monitor and serve the sinks
  mensor validate [--config-folder DIR] [--strict] [FILE...]
                                            check runtime.yaml and the metrics declaration
      FILE: a runtime.yaml and/or a metrics declaration (told apart by their keys; or use
      --runtime FILE / --declaration FILE). --strict: warnings fail too (exit 1).
  mensor plugins [--config-folder DIR] [--describe]
                                            list plugin libraries, what they provide and,
                                            with --describe, their configuration keys
  mensor schema [--output DIR [--check]]   JSON Schemas of runtime.yaml and the declaration
                                            (printed, written to DIR, or compared with DIR)
  mensor health [--config-folder DIR] [--no-dependencies]
                                            ask the running agent's /api/v1/health (exit 0 if 200)
  mensor --version | --help

The configuration folder holds runtime.yaml; it defaults to $PROMITOR_CONFIG_FOLDER.
Exit codes: 0 ok, 1 failure (validate --strict: warnings), 2 configuration errors,
3 no configuration folder, 4 no runtime.yaml.
)";

// Value of "--name VALUE" or "--name=VALUE" at args[i] (advancing i), else nullopt.
std::optional<std::string> OptionValue(const std::vector<std::string>& args, size_t& i,
                                       const std::string& name) {
  if (args[i] == name && i + 1 < args.size()) return args[++i];
  if (args[i].rfind(name + "=", 0) == 0) return args[i].substr(name.size() + 1);
  return std::nullopt;
}

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
  ValidateOptions validate;
  bool describe = false;
  std::optional<std::filesystem::path> schema_dir;
  bool schema_check = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      fmt::print("{}", kUsage);
      return kExitOk;
    }
    if (args[i] == "--version") {
      fmt::print("mensor {}\nallocator: {}\n", kVersion, mensor::agent::AllocatorDescription());
      return kExitOk;
    }
    if (auto folder = OptionValue(args, i, "--config-folder")) {
      options.config_folder = *folder;
      continue;
    }
    if (command == "validate") {
      if (args[i] == "--strict") {
        validate.strict = true;
        continue;
      }
      if (auto file = OptionValue(args, i, "--runtime")) {
        validate.runtime_file = *file;
        continue;
      }
      if (auto file = OptionValue(args, i, "--declaration")) {
        validate.declaration_file = *file;
        continue;
      }
      if (args[i].rfind("-", 0) != 0) {
        validate.files.emplace_back(args[i]);
        continue;
      }
    }
    if (command == "schema") {
      if (auto dir = OptionValue(args, i, "--output")) {
        schema_dir = *dir;
        continue;
      }
      if (args[i] == "--check") {
        schema_check = true;
        continue;
      }
    }
    if (command == "plugins" && args[i] == "--describe") {
      describe = true;
      continue;
    }
    if (command == "health" && args[i] == "--no-dependencies") {
      probe.include_dependencies = false;
      continue;
    }
    fmt::print(stderr, "mensor: unexpected argument '{}'\n\n{}", args[i], kUsage);
    return kExitFailure;
  }
  const bool files_given =
      !validate.files.empty() || validate.runtime_file || validate.declaration_file;
  if (options.config_folder.empty() && !files_given) {
    if (auto it = options.environment.find("PROMITOR_CONFIG_FOLDER");
        it != options.environment.end() && !it->second.empty()) {
      options.config_folder = it->second;
    }
  }
  if (command == "plugins") return ListPlugins(options, describe);
  if (command == "schema") return Schema(options, schema_dir, schema_check);
  if (command == "validate" && files_given) return Validate(options, validate);
  if (options.config_folder.empty()) {
    fmt::print(stderr,
               "mensor: no configuration folder: pass --config-folder DIR or set "
               "PROMITOR_CONFIG_FOLDER\n");
    return kExitNoConfigFolder;
  }
  if (command == "run") return RunAgent(options);
  if (command == "validate") return Validate(options, validate);
  if (command == "health") return ProbeHealth(options, probe);
  fmt::print(stderr, "mensor: unknown command '{}'\n\n{}", command, kUsage);
  return kExitFailure;
}
