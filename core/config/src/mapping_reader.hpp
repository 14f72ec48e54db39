#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "mensor/config/cron.hpp"
#include "mensor/config/diagnostics.hpp"

namespace mensor::config::internal {

// Reads one mapping of the metrics declaration, whose keys are case-sensitive. Construction
// reports unknown keys (warning, with suggestions) and repeated keys (error). If the mapping
// itself is absent, every read yields nullopt without reporting, since the absence was already
// reported one level up.
class MappingReader {
 public:
  // `path` names the mapping in DeclarationKeys() ("metrics.azureMetricConfiguration"), which
  // lists its known keys.
  MappingReader(const YAML::Node& node, std::string_view path, const std::string& file,
                Diagnostics& diagnostics);

  bool Absent() const { return absent_; }
  // How messages name `key`: its path from the metric entry (or from the top level outside
  // metrics[]), e.g. "azureMetricConfiguration.aggregation.type", "metricDefaults.limit".
  std::string Qualified(std::string_view key) const;
  const YAML::Node& Node() const { return node_; }

  // The value, or nullopt when the key is absent or has no value.
  std::optional<YAML::Node> Get(std::string_view key) const;
  // Reports "required key missing" at this mapping when `required` and the key is absent.
  std::optional<YAML::Node> Mapping(std::string_view key, bool required);
  std::optional<YAML::Node> Sequence(std::string_view key, bool required);
  std::optional<YAML::Node> Scalar(std::string_view key, bool required);

  std::optional<std::string> String(std::string_view key, bool required);
  std::optional<long long> Integer(std::string_view key);
  std::optional<std::chrono::seconds> Duration(std::string_view key);
  std::optional<CronExpression> Cron(std::string_view key, bool required);
  // Case-sensitive enum; returns the index into `allowed`.
  std::optional<std::size_t> Enum(std::string_view key, std::span<const std::string_view> allowed,
                                  bool required);

  void Missing(std::string_view key);
  void Error(const YAML::Node& at, std::string message);
  void Warning(const YAML::Node& at, std::string message);
  void Invalid(const YAML::Node& value, std::string_view key, std::string_view expected);

 private:
  std::optional<YAML::Node> Shaped(std::string_view key, bool required, YAML::NodeType::value type,
                                   std::string_view type_name);

  YAML::Node node_;
  std::string display_prefix_;  // "" or "azureMetricConfiguration.aggregation." ...
  bool absent_ = false;
  const std::string& file_;
  Diagnostics& diagnostics_;
};

// "must be a mapping, not a sequence"-style check for a node taken out of a sequence.
bool ExpectKind(const YAML::Node& node, YAML::NodeType::value type, std::string_view what,
                const std::string& file, Diagnostics& diagnostics);

}  // namespace mensor::config::internal
