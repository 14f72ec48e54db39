#include "runtime_reader.hpp"

#include <limits>

#include "mensor/config/runtime_loader.hpp"
#include "mensor/config/suggest.hpp"
#include "mensor/config/time_span.hpp"
#include "runtime_schema.hpp"
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

void RuntimeReader::Error(std::string_view path, const YAML::Node& node, std::string message) {
  const auto source = sources_.find(ToLowerAscii(path));
  if (source != sources_.end()) {
    diagnostics_.Add(Diagnostic{Severity::kError, "env:" + source->second, 0, 0, message});
  } else {
    diagnostics_.Error(file_, node.Mark(), std::move(message));
  }
}

void RuntimeReader::Warning(std::string_view path, const YAML::Node& node, std::string message) {
  const std::string lowered = ToLowerAscii(path);
  for (const auto& [source_path, variable] : sources_) {
    if (source_path == lowered || source_path.starts_with(lowered + ".")) {
      diagnostics_.Add(Diagnostic{Severity::kWarning, "env:" + variable, 0, 0, message});
      return;
    }
  }
  diagnostics_.Warning(file_, node.Mark(), std::move(message));
}

void RuntimeReader::Invalid(std::string_view path, const YAML::Node& node,
                            std::string_view expected) {
  Error(path, node,
        "'" + node.Scalar() + "' is not a valid value for '" + std::string(path) + "'; expected " +
            std::string(expected));
}

std::optional<YAML::Node> RuntimeReader::Scalar(std::string_view path) {
  const auto node = Find(path);
  if (!node || !IsPresent(*node)) return std::nullopt;
  if (!node->IsScalar()) {
    Error(path, *node,
          "'" + std::string(path) + "' must be a single value, not " + NodeKindName(*node));
    return std::nullopt;
  }
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
    Invalid(path, *node, "an integer");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> RuntimeReader::Double(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  const auto value = ParseDouble(node->Scalar());
  if (!value) Invalid(path, *node, "a number (or NaN)");
  return value;
}

std::optional<bool> RuntimeReader::Bool(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  const auto value = ParseBool(node->Scalar());
  if (!value) Invalid(path, *node, "true or false");
  return value;
}

std::optional<std::chrono::seconds> RuntimeReader::Duration(std::string_view path) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  const auto value = ParseTimeSpan(node->Scalar());
  if (!value) Invalid(path, *node, "a duration like 'hh:mm:ss'");
  return value;
}

std::optional<std::string> RuntimeReader::Enum(std::string_view path,
                                               std::span<const std::string> allowed) {
  const auto node = Scalar(path);
  if (!node) return std::nullopt;
  for (const auto& value : allowed) {
    if (EqualsIgnoreCase(value, node->Scalar())) return value;
  }
  std::string expected = "one of ";
  for (std::size_t i = 0; i < allowed.size(); ++i) expected += (i ? ", " : "") + allowed[i];
  Invalid(path, *node, expected);
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
      if (!value.IsScalar()) {
        Error(path, value, "'" + std::string(path) + "' must be a list of strings");
        return {};
      }
      out.push_back(value.Scalar());
    }
  }
  return out;
}

namespace {

void Walk(const YAML::Node& map, const std::string& prefix, RuntimeReader& reader,
          std::span<const std::string> extra_known_paths) {
  std::vector<std::string> siblings;  // canonical names one level below `prefix`
  for (std::string_view leaf : KnownRuntimeLeaves()) {
    if (!prefix.empty() && !(leaf.size() > prefix.size() && leaf[prefix.size()] == '.' &&
                             EqualsIgnoreCase(leaf.substr(0, prefix.size()), prefix))) {
      continue;
    }
    const std::string_view rest = leaf.substr(prefix.empty() ? 0 : prefix.size() + 1);
    siblings.emplace_back(rest.substr(0, rest.find('.')));
  }
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    bool extra = false;
    for (const auto& known : extra_known_paths) {
      extra = extra || EqualsIgnoreCase(path, known) ||
              (path.size() > known.size() && path[known.size()] == '.' &&
               EqualsIgnoreCase(std::string_view(path).substr(0, known.size()), known));
    }
    if (extra) continue;
    bool leaf = false;
    bool section = false;
    for (std::string_view known : KnownRuntimeLeaves()) {
      leaf = leaf || EqualsIgnoreCase(known, path);
      section = section || (known.size() > path.size() && known[path.size()] == '.' &&
                            EqualsIgnoreCase(known.substr(0, path.size()), path));
    }
    if (leaf) continue;
    if (section) {
      if (entry.second.IsMap()) Walk(entry.second, path, reader, extra_known_paths);
      continue;
    }
    std::vector<std::string> candidates;
    for (const auto& sibling : siblings) {
      candidates.push_back(prefix.empty() ? sibling : prefix + "." + sibling);
    }
    reader.Warning(path, entry.first, UnknownKeyMessage(path, candidates, true));
  }
}

}  // namespace

void ReportUnknownRuntimeKeys(const YAML::Node& root, RuntimeReader& reader,
                              std::span<const std::string> extra_known_paths) {
  if (root.IsMap()) Walk(root, "", reader, extra_known_paths);
}

}  // namespace internal
}  // namespace mensor::config
