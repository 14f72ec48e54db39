#include "mensor/config/declaration_loader.hpp"

#include <fstream>
#include <sstream>

#include "declaration_parts.hpp"
#include "mapping_reader.hpp"
#include "mensor/config/suggest.hpp"
#include "yaml_scalars.hpp"

namespace mensor::config {
namespace {

using internal::MappingReader;

// Returns false when the version is one we cannot read at all, so parsing stops.
bool CheckVersion(MappingReader& root) {
  const auto version = root.Get("version");
  if (!version) {
    root.Error(root.Node(), "no 'version' is given in the metrics declaration; expected 'v1'");
    return true;  // read the rest as v1 so the user sees every other problem too
  }
  const std::string text = version->IsScalar() ? version->Scalar() : "";
  if (!EqualsIgnoreCase(text, "v1")) {
    root.Error(*version, "version '" + text +
                             "' of the metrics declaration is not known; only "
                             "'v1' is supported");
    return false;
  }
  if (text != "v1") {
    root.Error(*version, "'version' must be exactly 'v1' but is '" + text + "'");
  }
  return true;
}

}  // namespace

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string ExportedLabelName(std::string_view name) {
  std::string sanitized = ToLowerAscii(name);
  for (char& c : sanitized) {
    if (c == '/') c = '_';
  }
  return sanitized;
}

bool IsBuiltInLabel(std::string_view exported_name) {
  return exported_name == "resource_group" || exported_name == "subscription_id" ||
         exported_name == "resource_uri" || exported_name == "instance_name";
}

bool IsValidLabelName(std::string_view name) {
  const std::string sanitized = ExportedLabelName(name);
  if (sanitized.starts_with("__")) return false;
  return IsValidMetricName(sanitized) && sanitized.find(':') == std::string::npos;
}

MetricsDeclaration LoadMetricsDeclarationFromString(std::string_view yaml,
                                                    const std::string& file_name,
                                                    Diagnostics& diagnostics,
                                                    const DeclarationLoadOptions& options) {
  MetricsDeclaration declaration;
  declaration.source_file = file_name;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    diagnostics.Error(file_name, e.mark,
                      "the metrics declaration is not well-formed YAML: " + e.msg);
    return declaration;
  }
  if (!internal::IsPresent(root) || !root.IsMap()) {
    YAML::Mark start;
    start.line = start.column = 0;
    diagnostics.Error(file_name, internal::IsPresent(root) ? root.Mark() : start,
                      "the metrics declaration must be a YAML mapping with 'version', "
                      "'azureMetadata', 'metricDefaults' and 'metrics'");
    return declaration;
  }

  internal::ParseContext context{file_name, diagnostics, options};
  MappingReader reader(root, "", file_name, diagnostics);
  if (!CheckVersion(reader)) return declaration;

  const auto metadata = reader.Mapping("azureMetadata", true);
  declaration.azure_metadata =
      internal::ParseAzureMetadata(metadata.value_or(YAML::Node()), context);
  const auto defaults = reader.Mapping("metricDefaults", true);
  declaration.metric_defaults =
      internal::ParseMetricDefaults(defaults.value_or(YAML::Node()), context);

  std::vector<internal::ParsedMetric> parsed;
  const auto metrics = reader.Get("metrics");
  if (!metrics && !reader.Node()["metrics"]) {
    reader.Missing("metrics");
  } else if (metrics && internal::ExpectKind(*metrics, YAML::NodeType::Sequence, "'metrics'",
                                             file_name, diagnostics)) {
    for (const auto& item : *metrics) {
      if (!internal::ExpectKind(item, YAML::NodeType::Map, "each entry of 'metrics'", file_name,
                                diagnostics)) {
        continue;
      }
      parsed.push_back(internal::ParseMetric(item, context));
    }
  }
  internal::ApplyDefaultsAndCheck(declaration, parsed, context);
  return declaration;
}

MetricsDeclaration LoadMetricsDeclaration(const std::string& path, Diagnostics& diagnostics,
                                          const DeclarationLoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.Error(path, YAML::Mark::null_mark(),
                      "metrics declaration file cannot be read (missing or not accessible)");
    MetricsDeclaration declaration;
    declaration.source_file = path;
    return declaration;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadMetricsDeclarationFromString(text.str(), path, diagnostics, options);
}

}  // namespace mensor::config
