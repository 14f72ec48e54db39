#include "mensor/azure/resource_location.hpp"

#include "json_access.hpp"
#include "mensor/azure/cloud.hpp"

namespace mensor::azure {

std::string BuildResourceUrl(std::string_view arm_base, std::string_view resource_id,
                             std::string_view api_version) {
  while (!arm_base.empty() && arm_base.back() == '/') arm_base.remove_suffix(1);
  while (!resource_id.empty() && resource_id.front() == '/') resource_id.remove_prefix(1);
  std::string url(arm_base);
  url += '/';
  url += resource_id;
  url += "?api-version=";
  url += api_version;
  return url;
}

Result<std::string> ParseResourceLocation(std::string_view body) {
  const auto doc = internal::ParseJson(body);
  if (!doc || !doc->is_object()) return ParseError{"the resource answer is not a JSON object"};
  std::string location;
  std::string error;
  if (!internal::ReadString(*doc, "location", location, error)) return ParseError{error};
  std::string region = NormalizeRegion(location);
  if (region.empty()) return ParseError{"the resource answer has no location"};
  return region;
}

}  // namespace mensor::azure
