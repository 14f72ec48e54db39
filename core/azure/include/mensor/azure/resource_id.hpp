#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mensor::azure {

// subscriptions/{sub}/resourceGroups/{rg}/providers/{provider_path}: no leading slash, which is
// Promitor's `resource_uri` label. Slashes around the parts are trimmed.
std::string BuildResourceUri(std::string_view subscription_id, std::string_view resource_group,
                             std::string_view provider_path);

struct ResourceIdParts {
  std::string subscription_id;
  std::string resource_group;      // empty for subscription-level ids
  std::string provider_path;       // Microsoft.Storage/storageAccounts/x/blobServices/default
  std::string provider_namespace;  // Microsoft.Storage
  std::string resource_type;       // Microsoft.Storage/storageAccounts/blobServices
  std::string name;                // last name segment: default
};

// Parses an ARM id with or without leading slash; keywords (subscriptions, resourceGroups,
// providers) are matched case-insensitively because Azure returns them in varying case.
// nullopt unless it starts with subscriptions/{sub}. Only the first `providers` segment
// is split into namespace/type/name; an extension resource keeps its tail in provider_path.
std::optional<ResourceIdParts> ParseResourceId(std::string_view id);

// Lower-cased, without leading/trailing slashes: a map key for matching resource ids.
std::string NormalizeResourceId(std::string_view id);

// ARM ids are case-insensitive; Azure echoes them in other case (and with a leading slash).
bool ResourceIdEquals(std::string_view a, std::string_view b);

// A hash agreeing with ResourceIdEquals, computed without a normalised copy: for hash maps
// looked up once per target and cycle.
size_t ResourceIdHash(std::string_view id);

// Hash-map functors over ResourceIdEquals/ResourceIdHash, looked up by any string type.
struct ResourceIdKeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view id) const { return ResourceIdHash(id); }
};
struct ResourceIdKeyEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return ResourceIdEquals(a, b); }
};

// The resource id inside a metric id: `/subscriptions/.../providers/Microsoft.Insights/metrics/X`
// gives everything before `/providers/Microsoft.Insights/metrics` (case-insensitive), without
// the leading slash. Returns the input trimmed of slashes when the marker is absent.
std::string ResourceIdFromMetricId(std::string_view metric_id);

}  // namespace mensor::azure
