#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mensor/azure/result.hpp"

namespace mensor::azure {

// Resource Graph's GA version; 2022-10-01 and 2024-04-01 answer the same shape.
inline constexpr std::string_view kResourceGraphApiVersion = "2021-03-01";
// The largest page Resource Graph serves ($top is at most 1000).
inline constexpr int kResourceGraphPageSize = 1000;

// {arm}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01.
std::string BuildResourceGraphUrl(std::string_view arm_base,
                                  std::string_view api_version = kResourceGraphApiVersion);

// `Resources | where type =~ '<type>' | project id, location`: every resource of one ARM type
// with its region, one row each. Quotes and backslashes in the type are escaped as Kusto wants.
std::string BuildRegionQuery(std::string_view resource_type);

// The POST body for one subscription: objectArray rows, the largest page, and the previous
// answer's $skipToken for the next page.
std::string BuildResourceGraphBody(std::string_view subscription_id, std::string_view query,
                                   const std::optional<std::string>& skip_token = std::nullopt);

struct GraphLocation {
  std::string resource_id;
  std::string region;  // programmatic name (NormalizeRegion); empty when the row had none
};

struct ResourceGraphPage {
  int64_t total_records = 0;
  std::vector<GraphLocation> rows;
  std::optional<std::string> skip_token;  // set while more pages follow
};

// The answer to a query projecting `id` and `location`, in the objectArray format. Strict about
// the documented shape, since a half-understood answer would hide resources: totalRecords and
// count integers, resultTruncated a string ("true"/"false"), $skipToken a string when present,
// data an array of objects with string id and location (count rows).
Result<ResourceGraphPage> ParseResourceGraphLocations(std::string_view body);

}  // namespace mensor::azure
