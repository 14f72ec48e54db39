#include "runtime_reader.hpp"

#include <limits>

#include "mensor/config/runtime_loader.hpp"
#include "mensor/config/suggest.hpp"
#include "mensor/config/time_span.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config {

std::optional<YAML::Node> FindRuntimeKey(const YAML::Node& root, std::string_view dotted_path) {
  YAML::Node current;
  current.reset(root);
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted_path.find('.', start);
    const std::string_view segment =
        dotted_path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    const auto key = internal::FindKeyIgnoreCase(current, segment);
    if (!key) return std::nullopt;
    const YAML::Node& const_current = current;  // const operator[] never inserts
    YAML::Node next = const_current[*key];
    current.reset(next);
    if (dot == std::string_view::npos) return current;
    start = dot + 1;
  }
}

namespace internal {

std::optional<YAML::Node> RuntimeReader::Find(std::string_view path) const {
  return FindRuntimeKey(root_, path);
}

void RuntimeReader::Report(Severity severity, std::string_view path, const YAML::Node& node,
                           std::string message) {
  const std::string lowered = ToLowerAscii(path);
  for (const auto& [source_path, variable] : sources_) {
    if (source_path == lowered || source_path.starts_with(lowered + ".")) {
      diagnostics_.Add(Diagnostic{severity, "env:" + variable, 0, 0, std::move(message)});
      return;
    }
  }
  diagnostics_.Add(severity, file_, node.Mark(), std::move(message));
}

std::optional<YAML::Node> RuntimeReader::Scalar(std::string_view path) const {
  const auto node = Find(path);
  if (!node || !IsPresent(*node) || !node->IsScalar()) return std::nullopt;
  return node;
}

std::optional<std::string> RuntimeReader::String(std::string_view path) {
  const auto node = Scalar(path);
  return node ? std::optional(node->Scalar()) : std::nullopt;
}

std::optional<int> RuntimeReader::Int(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  const auto value = ParseInteger(node->Scalar());
  if (!value || *value < std::numeric_limits<int>::min() ||
      *value > std::numeric_limits<int>::max()) {
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> RuntimeReader::Double(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  return ParseDouble(node->Scalar());
}

std::optional<bool> RuntimeReader::Bool(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  return ParseBool(node->Scalar());
}

std::optional<std::chrono::seconds> RuntimeReader::Duration(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  return ParseTimeSpan(node->Scalar());
}

std::optional<std::string> RuntimeReader::Enum(std::string_view path,
                                               std::span<const std::string> allowed) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  for (const auto& value : allowed) {
    if (EqualsIgnoreCase(value, node->Scalar())) return value;
  }
  return std::nullopt;
}

std::vector<std::string> RuntimeReader::StringList(std::string_view path) {
  std::vector<std::string> out;
  const auto node = Find(path);
  if (!node || !IsPresent(*node)) return out;
  if (node->IsScalar()) return {node->Scalar()};  // a single env override
  // .NET binds env-style overrides of lists as mappings keyed "0", "1", ...
  const bool list_like = node->IsSequence() || node->IsMap();
  if (list_like) {
    for (const auto& item : *node) {
      const YAML::Node value = node->IsMap() ? item.second : item;
      if (!value.IsScalar()) return {};
      out.push_back(value.Scalar());
    }
  }
  return out;
}

}  // namespace internal
}  // namespace mensor::config
