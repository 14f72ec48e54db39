#include "data_factory.hpp"

#include <mensor/resources/fields.hpp>

#include <string>

namespace mensor::resources {
namespace {

constexpr const char* kFactoryKey = "factoryName";
constexpr const char* kPipelineKey = "pipelineName";
constexpr const char* kAccountKey = "accountName";
constexpr const char* kShareKey = "shareName";

// The activity-run metrics name their pipeline in `PipelineName`; the pipeline-run ones in
// `Name` (Promitor's DataFactoryScraper).
std::string PipelineDimension(std::string_view azure_metric) {
  for (const char* metric :
       {"ActivitySucceededRuns", "ActivityFailedRuns", "ActivityCancelledRuns"}) {
    if (EqualsIgnoreCase(azure_metric, metric)) return "PipelineName";
  }
  return "Name";
}

std::string ShareDimension(std::string_view azure_metric) {
  return EqualsIgnoreCase(azure_metric, "ShareSubscriptionCount") ? "ShareSubscriptionName"
                                                                  : "ShareName";
}

}  // namespace

const sdk::Schema& DataFactory::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kFactoryKey).Required().Describe("Name of the data factory"),
      sdk::Key::String(kPipelineKey).Describe("Pipeline to scrape; all pipelines when absent"),
  };
  return schema;
}

void DataFactory::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  RequireNonEmpty(config, call, kFactoryKey, "data factory");
}

void DataFactory::Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                           sdk::Target& target) {
  const std::string factory = config.RequireString(kFactoryKey);
  const std::optional<std::string> pipeline = NonEmpty(config, kPipelineKey);
  const std::string dimension = PipelineDimension(metric.azure_metric_name);
  target.SetProviderPath("Microsoft.DataFactory/factories/" + factory);
  target.SetInstanceName(factory + "-" + pipeline.value_or(""));
  if (pipeline) {
    target.SetFilter(EqualsFilter(dimension, *pipeline));
    target.AddLabel("pipeline_name", *pipeline);
  } else {
    target.SetFilter(EqualsFilter(dimension, "*"));
    target.AddDimension(dimension);
  }
}

const sdk::Schema& DataShare::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String(kAccountKey).Required().Describe("Name of the Data Share account"),
      sdk::Key::String(kShareKey).Describe("Share to scrape; all shares when absent"),
  };
  return schema;
}

void DataShare::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  RequireNonEmpty(config, call, kAccountKey, "Data Share account");
}

void DataShare::Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                         sdk::Target& target) {
  const std::string account = config.RequireString(kAccountKey);
  const std::optional<std::string> share = NonEmpty(config, kShareKey);
  const std::string dimension = ShareDimension(metric.azure_metric_name);
  target.SetProviderPath("Microsoft.DataShare/accounts/" + account);
  target.SetInstanceName(account + "-" + share.value_or(""));
  if (share) {
    target.SetFilter(EqualsFilter(dimension, *share));
    target.AddLabel("share_name", *share);
  } else {
    target.SetFilter(EqualsFilter(dimension, "*"));
    target.AddDimension(dimension);
    target.SetFirstDimensionLabel("share_name");
  }
}

}  // namespace mensor::resources
