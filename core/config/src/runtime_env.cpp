#include "runtime_env.hpp"

#include <algorithm>
#include <vector>

#include "mensor/config/suggest.hpp"
#include "yaml_scalars.hpp"

extern char** environ;

namespace mensor::config {

Environment ReadProcessEnvironment() {
  Environment environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text(*entry);
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    environment.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return environment;
}

namespace internal {
namespace {

constexpr std::string_view kPromitorPrefix = "PROMITOR_";
constexpr std::string_view kOverridePrefix = "PROMITOR_YAML_OVERRIDE_";

std::vector<std::string> SplitPath(std::string_view name) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = name.find("__", start);
    segments.emplace_back(name.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return segments;
    start = end + 2;
  }
}

bool IsIndex(const std::string& segment) {
  return !segment.empty() &&
         std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void SetPath(YAML::Node& root, const std::vector<std::string>& segments, const std::string& value) {
  // yaml-cpp's operator= rebinds shared storage, so walk with reset() and assign only through
  // operator[] on the parent.
  YAML::Node current;
  current.reset(root);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const bool last = i + 1 == segments.size();
    const std::string& segment = segments[i];
    YAML::Node next;
    if (current.IsSequence() && IsIndex(segment) && std::stoul(segment) <= current.size()) {
      const std::size_t index = std::stoul(segment);
      if (index == current.size()) current.push_back(YAML::Node(YAML::NodeType::Map));
      if (last) {
        current[index] = value;
        return;
      }
      next.reset(current[index]);
    } else {
      if (!current.IsMap()) current = YAML::Node(YAML::NodeType::Map);
      const std::string key = FindKeyIgnoreCase(current, segment).value_or(segment);
      if (last) {
        current[key] = value;
        return;
      }
      YAML::Node child = current[key];
      if (!child.IsMap() && !child.IsSequence()) current[key] = YAML::Node(YAML::NodeType::Map);
      next.reset(current[key]);
    }
    current.reset(next);
  }
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

void ApplyStage(YAML::Node& root, const Environment& environment, std::string_view prefix,
                bool require_known_section, std::span<const std::string> known_top_level,
                EnvSources* sources) {
  for (const auto& [name, value] : environment) {
    if (!StartsWithIgnoreCase(name, prefix)) continue;
    const std::vector<std::string> segments =
        SplitPath(std::string_view(name).substr(prefix.size()));
    if (std::any_of(segments.begin(), segments.end(), [](const auto& s) { return s.empty(); })) {
      continue;
    }
    if (require_known_section) {
      const bool known =
          segments.size() > 1 &&
          std::any_of(known_top_level.begin(), known_top_level.end(),
                      [&](const auto& top) { return EqualsIgnoreCase(top, segments[0]); });
      if (!known) continue;
    }
    SetPath(root, segments, value);
    std::string path;
    for (const auto& segment : segments) path += (path.empty() ? "" : ".") + ToLowerAscii(segment);
    (*sources)[path] = name;
  }
}

}  // namespace

std::optional<std::string> FindKeyIgnoreCase(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return std::nullopt;
  std::optional<std::string> found;
  // The last spelling wins, as with .NET configuration providers.
  for (const auto& entry : map) {
    if (EqualsIgnoreCase(entry.first.Scalar(), key)) found = entry.first.Scalar();
  }
  return found;
}

void ApplyEnvironmentOverrides(YAML::Node& root, const Environment& environment,
                               std::span<const std::string> known_top_level, EnvSources* sources) {
  if (!root.IsMap()) root = YAML::Node(YAML::NodeType::Map);
  ApplyStage(root, environment, "", true, known_top_level, sources);
  ApplyStage(root, environment, kPromitorPrefix, true, known_top_level, sources);
  ApplyStage(root, environment, kOverridePrefix, false, known_top_level, sources);
}

}  // namespace internal
}  // namespace mensor::config
