// LogAnalytics: the value of a Kusto query over a Log Analytics workspace.
#pragma once

#include <mensor/sdk.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::resources {

/// \brief Resource type `LogAnalytics` (promitor-compat.md §3.5). Not Azure Monitor metrics:
/// Collect runs the metric's `logAnalyticsConfiguration.query` through the Log Analytics query
/// API (`POST {endpoint}/v1/workspaces/{workspaceId}/query`, token for `{endpoint}/.default`)
/// over the last aggregation interval and reports the `result` column of its single row.
/// resource_uri is `Microsoft.OperationalInsights/workspaces/{name}/Overview` (a label only);
/// labels `workspace_id`, `workspace_name`. Stateless (T3).
class LogAnalytics final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"LogAnalytics", "Microsoft.OperationalInsights/workspaces",
                                       "Kusto query over a Log Analytics workspace"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
  static void Collect(const sdk::CollectRequest& request, sdk::Call& call,
                      sdk::Collector& collector);

  /// The `result` of the single row of a query answer; throws sdk::Error otherwise.
  static std::optional<double> ParseResult(std::string_view body);
  /// An ISO 8601 duration for the query's timespan, e.g. PT5M -> "PT300S".
  static std::string FormatTimespan(std::chrono::nanoseconds interval);
};

}  // namespace mensor::resources
