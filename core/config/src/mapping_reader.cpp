#include "mapping_reader.hpp"

#include <set>

#include "mensor/config/declaration_keys.hpp"
#include "mensor/config/suggest.hpp"
#include "mensor/config/time_span.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config::internal {
namespace {

std::string_view KindName(YAML::NodeType::value type) {
  switch (type) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a sequence";
    default:
      return "a single value";
  }
}

}  // namespace

MappingReader::MappingReader(const YAML::Node& node, std::string_view path, const std::string& file,
                             Diagnostics& diagnostics)
    : node_(node),
      display_prefix_(path),
      absent_(!IsPresent(node) || !node.IsMap()),
      file_(file),
      diagnostics_(diagnostics) {
  // Inside metrics[] the entry's position already says which metric: drop the "metrics." part.
  if (display_prefix_ == "metrics") {
    display_prefix_.clear();
  } else if (display_prefix_.starts_with("metrics.")) {
    display_prefix_.erase(0, std::string_view("metrics.").size());
  }
  if (!display_prefix_.empty()) display_prefix_ += '.';
  if (absent_) return;
  std::vector<std::string> candidates;
  for (const auto& spec : DeclarationKeysAt(path)) candidates.push_back(Qualified(spec.name));
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      Error(entry.first, "key '" + Qualified(key) + "' appears more than once in this mapping");
    }
    bool known = false;
    for (const auto& candidate : candidates) known = known || candidate == Qualified(key);
    if (!known) Warning(entry.first, UnknownKeyMessage(Qualified(key), candidates));
  }
}

std::optional<YAML::Node> MappingReader::Get(std::string_view key) const {
  if (absent_) return std::nullopt;
  for (const auto& entry : node_) {
    if (entry.first.Scalar() == key) {
      return IsPresent(entry.second) ? std::optional<YAML::Node>(entry.second) : std::nullopt;
    }
  }
  return std::nullopt;
}

std::string MappingReader::Qualified(std::string_view key) const {
  return display_prefix_ + std::string(key);
}

void MappingReader::Missing(std::string_view key) {
  if (!absent_) Error(node_, "required key '" + Qualified(key) + "' is missing");
}

void MappingReader::Error(const YAML::Node& at, std::string message) {
  diagnostics_.Error(file_, at.Mark(), std::move(message));
}

void MappingReader::Warning(const YAML::Node& at, std::string message) {
  diagnostics_.Warning(file_, at.Mark(), std::move(message));
}

void MappingReader::Invalid(const YAML::Node& value, std::string_view key,
                            std::string_view expected) {
  Error(value, "'" + value.Scalar() + "' is not a valid value for '" + Qualified(key) +
                   "'; expected " + std::string(expected));
}

std::optional<YAML::Node> MappingReader::Shaped(std::string_view key, bool required,
                                                YAML::NodeType::value type,
                                                std::string_view type_name) {
  const auto value = Get(key);
  if (!value) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (value->Type() != type) {
    Error(*value, "'" + Qualified(key) + "' must be " + std::string(type_name) + ", not " +
                      NodeKindName(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<YAML::Node> MappingReader::Mapping(std::string_view key, bool required) {
  return Shaped(key, required, YAML::NodeType::Map, KindName(YAML::NodeType::Map));
}

std::optional<YAML::Node> MappingReader::Sequence(std::string_view key, bool required) {
  return Shaped(key, required, YAML::NodeType::Sequence, KindName(YAML::NodeType::Sequence));
}

std::optional<YAML::Node> MappingReader::Scalar(std::string_view key, bool required) {
  return Shaped(key, required, YAML::NodeType::Scalar, KindName(YAML::NodeType::Scalar));
}

std::optional<std::string> MappingReader::String(std::string_view key, bool required) {
  const auto value = Scalar(key, required);
  return value ? std::optional(value->Scalar()) : std::nullopt;
}

std::optional<long long> MappingReader::Integer(std::string_view key) {
  const auto value = Scalar(key, false);
  if (!value) return std::nullopt;
  const auto number = ParseInteger(value->Scalar());
  if (!number) Invalid(*value, key, "an integer");
  return number;
}

std::optional<std::chrono::seconds> MappingReader::Duration(std::string_view key) {
  const auto value = Scalar(key, false);
  if (!value) return std::nullopt;
  const auto duration = ParseTimeSpan(value->Scalar());
  if (!duration) Invalid(*value, key, "a duration like 'hh:mm:ss'");
  return duration;
}

std::optional<CronExpression> MappingReader::Cron(std::string_view key, bool required) {
  const auto value = Scalar(key, required);
  if (!value) return std::nullopt;
  std::string error;
  auto cron = CronExpression::Parse(value->Scalar(), &error);
  if (!cron) Invalid(*value, key, "a cron expression (" + error + ")");
  return cron;
}

std::optional<std::size_t> MappingReader::Enum(std::string_view key,
                                               std::span<const std::string_view> allowed,
                                               bool required) {
  const auto value = Scalar(key, required);
  if (!value) return std::nullopt;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (allowed[i] == value->Scalar()) return i;
  }
  std::string expected = "one of ";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    expected += (i ? ", " : "") + std::string(allowed[i]);
  }
  Invalid(*value, key, expected + " (case-sensitive)");
  return std::nullopt;
}

bool ExpectKind(const YAML::Node& node, YAML::NodeType::value type, std::string_view what,
                const std::string& file, Diagnostics& diagnostics) {
  if (node.Type() == type) return true;
  diagnostics.Error(file, node.Mark(),
                    std::string(what) + " must be " + std::string(KindName(type)) + ", not " +
                        NodeKindName(node));
  return false;
}

}  // namespace mensor::config::internal
