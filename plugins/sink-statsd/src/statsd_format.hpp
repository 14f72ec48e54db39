// StatsD line formats: Promitor's default gauge lines, Geneva's JSON buckets and DogStatsD tags.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mensor::statsd {

enum class Format { kDefault, kGeneva, kDogStatsD };

struct FormatOptions {
  Format format = Format::kDefault;
  std::string prefix;  // normalised: empty, or ends with exactly one '.'
  std::string geneva_account;
  std::string geneva_namespace;
};

/// One sample as the formatter needs it.
struct GaugeInput {
  std::string_view name;
  bool has_value = false;  // no value: 0, as Promitor
  double value = 0;
  const std::vector<std::pair<std::string_view, std::string_view>>* labels = nullptr;
};

/// Promitor's prefix with its double-dot bug fixed: "promitor." and "promitor" both become
/// "promitor."; blank becomes "".
std::string NormalisePrefix(std::string_view prefix);

/// The text for one gauge, without a trailing newline; nullopt for NaN and infinities, which
/// StatsD cannot carry. A negative value becomes two lines, "name:0|g\nname:-v|g", because a
/// leading '-' alone means "decrement" in StatsD; they must travel in one datagram.
std::optional<std::string> FormatGauge(const FormatOptions& options, const GaugeInput& gauge);

/// The name part of a line: characters that would end the name (':', '|', '@', '#', ',', newline,
/// whitespace) become '_'.
std::string SanitiseName(std::string_view name);

}  // namespace mensor::statsd
