#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "mensor/config/diagnostics.hpp"
#include "runtime_env.hpp"

namespace mensor::config::internal {

// Typed, case-insensitive reads of runtime.yaml keys by canonical dotted path. Each getter
// returns nullopt when the key is absent or invalid. Getters report nothing: the whole tree is
// validated once against RuntimeKeys(), which reports each bad value exactly once.
class RuntimeReader {
 public:
  RuntimeReader(const YAML::Node& root, std::string file, const EnvSources& sources,
                Diagnostics& diagnostics)
      : root_(root), file_(std::move(file)), sources_(sources), diagnostics_(diagnostics) {}

  // Present means the key exists, even with an empty value (a section "exists" in .NET terms).
  bool Has(std::string_view path) const { return Find(path).has_value(); }
  std::optional<YAML::Node> Find(std::string_view path) const;

  std::optional<std::string> String(std::string_view path);
  std::optional<int> Int(std::string_view path);
  std::optional<double> Double(std::string_view path);
  std::optional<bool> Bool(std::string_view path);
  std::optional<std::chrono::seconds> Duration(std::string_view path);
  // Matches `allowed` ignoring case and returns the canonical spelling.
  std::optional<std::string> Enum(std::string_view path, std::span<const std::string> allowed);
  std::vector<std::string> StringList(std::string_view path);

  // Reports at the value's origin: the environment variable that set it (or one below it),
  // else its position in the file.
  void Report(Severity severity, std::string_view path, const YAML::Node& node,
              std::string message);
  void Error(std::string_view path, const YAML::Node& node, std::string message) {
    Report(Severity::kError, path, node, std::move(message));
  }

 private:
  // The scalar at `path`; nullopt when absent, null or not a single value.
  std::optional<YAML::Node> Scalar(std::string_view path) const;

  YAML::Node root_;
  std::string file_;
  const EnvSources& sources_;
  Diagnostics& diagnostics_;
};

}  // namespace mensor::config::internal
