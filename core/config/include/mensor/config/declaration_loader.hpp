#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/config/diagnostics.hpp"
#include "mensor/config/key_spec.hpp"
#include "mensor/config/metrics_declaration.hpp"

namespace mensor::config {

struct DeclarationLoadOptions {
  // When set, resourceType must be one of these (case-sensitive), with did-you-mean hints.
  std::optional<std::vector<std::string>> resource_types;
  // When set, each resource entry is validated with ValidateMapping against the schema returned
  // for its metric's resource type (nullopt = no schema, skip). subscriptionId and
  // resourceGroupName are always allowed.
  std::function<std::optional<std::vector<KeySpec>>(std::string_view resource_type)>
      resource_schema;
};

// Loads a metrics declaration (spec v1): parses, applies defaults in Promitor's order and runs the
// checks that need no plugin. Every problem goes to `diagnostics` (nothing is thrown for user
// errors); the returned model may be partial when there are errors.
MetricsDeclaration LoadMetricsDeclaration(const std::string& path, Diagnostics& diagnostics,
                                          const DeclarationLoadOptions& options = {});

MetricsDeclaration LoadMetricsDeclarationFromString(std::string_view yaml,
                                                    const std::string& file_name,
                                                    Diagnostics& diagnostics,
                                                    const DeclarationLoadOptions& options = {});

// Prometheus metric name rule: [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// Prometheus label name rule after Promitor's sanitising (lower-case, '/' -> '_'):
// [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__".
bool IsValidLabelName(std::string_view name);
// The label name as sinks export it: lower-cased, '/' replaced by '_' (promitor-compat.md §5.1).
std::string ExportedLabelName(std::string_view name);
// resource_group, subscription_id, resource_uri, instance_name: labels that win over any
// declared label of the same name (tenant_id does not: declared labels override it).
bool IsBuiltInLabel(std::string_view exported_name);

}  // namespace mensor::config
