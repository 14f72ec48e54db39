// DataFactory and DataShare: an account whose metrics split by a child (pipeline, share).
#pragma once

#include <mensor/sdk.hpp>

namespace mensor::resources {

/// \brief Resource type `DataFactory` (promitor-compat.md §3.4). The dimension naming the
/// pipeline is `PipelineName` for the activity-run metrics and `Name` otherwise. With
/// `pipelineName`: filter `{dim} eq '{pipeline}'` and label `pipeline_name`; without: filter
/// `{dim} eq '*'` and that dimension replaces the configured ones (one series per pipeline).
/// instance_name is `{factory}-{pipeline}`. Stateless (T3).
class DataFactory final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"DataFactory", "Microsoft.DataFactory/factories",
                                       "Azure Data Factory, optionally one pipeline"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

/// \brief Resource type `DataShare` (§3.4): the dimension is `ShareSubscriptionName` for
/// `ShareSubscriptionCount` and `ShareName` otherwise; same pattern as DataFactory with the label
/// `share_name`, and a per-share split reports its dimension as `share_name` too.
/// instance_name is `{account}-{share}`. Stateless (T3).
class DataShare final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"DataShare", "Microsoft.DataShare/accounts",
                                       "Azure Data Share account, optionally one share"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
};

}  // namespace mensor::resources
