// Benchmark (d): CPU per 1,000 series updates — one getBatch answer of 50 resources x 20 queues
// (1,000 series) taken from JSON to the Prometheus sink's store, beside a bare nlohmann parse of
// the same bytes (the floor any JSON-based client pays).
//
//   mensor-bench-updates [--benchmark_repetitions=5 ...]
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "mensor/agent/series_builder.hpp"
#include "mensor/azure/metrics_response.hpp"
#include "scope_snapshot.hpp"
#include "series_store.hpp"

namespace {

constexpr int kResources = 50;
constexpr int kQueues = 20;

std::string ResourceId(int r) {
  return "/subscriptions/5e7a7e00-0000-4000-8000-000000000001/resourceGroups/estate-rg-" +
         std::to_string(r % 10) + "/providers/Microsoft.ServiceBus/namespaces/estate-" +
         std::to_string(r);
}

// The shape getBatch answers with: three one-minute buckets, the newest still filling.
std::string BatchBody() {
  nlohmann::json values = nlohmann::json::array();
  for (int r = 0; r < kResources; ++r) {
    nlohmann::json series = nlohmann::json::array();
    for (int q = 0; q < kQueues; ++q) {
      series.push_back({{"metadatavalues",
                         {{{"name", {{"value", "entityname"}, {"localizedValue", "entityname"}}},
                           {"value", "queue-" + std::to_string(q)}}}},
                        {"data",
                         {{{"timeStamp", "2026-11-28T12:31:00Z"}, {"total", 10 + q}},
                          {{"timeStamp", "2026-11-28T12:32:00Z"}, {"total", 11 + q}},
                          {{"timeStamp", "2026-11-28T12:33:00Z"}}}}});
    }
    values.push_back(
        {{"starttime", "2026-11-28T12:31:00.000Z"},
         {"endtime", "2026-11-28T12:34:00.000Z"},
         {"interval", "PT1M"},
         {"namespace", "microsoft.servicebus/namespaces"},
         {"resourceregion", "westeurope"},
         {"resourceid", ResourceId(r)},
         {"value",
          {{{"id", ResourceId(r) + "/providers/Microsoft.Insights/metrics/ActiveMessages"},
            {"type", "Microsoft.Insights/metrics"},
            {"name", {{"value", "ActiveMessages"}, {"localizedValue", "Active messages"}}},
            {"unit", "Count"},
            {"timeseries", series},
            {"errorCode", "Success"}}}}});
  }
  return nlohmann::json{{"values", values}}.dump();
}

std::vector<mensor::agent::ScrapeTarget> Targets() {
  std::vector<mensor::agent::ScrapeTarget> targets;
  for (int r = 0; r < kResources; ++r) {
    mensor::agent::ScrapeTarget target;
    target.metric_name = "estate_queue_size";
    target.description = "Active messages";
    target.resource_type = "ServiceBusNamespace";
    target.azure_metric_name = "ActiveMessages";
    target.aggregation = mensor::azure::Aggregation::kTotal;
    target.interval = std::chrono::seconds(60);
    target.filter = "EntityName eq '*'";
    target.dimensions = {"EntityName"};
    target.first_dimension_label = "entity_name";
    target.labels.subscription_id = "5e7a7e00-0000-4000-8000-000000000001";
    target.labels.resource_group = "estate-rg-" + std::to_string(r % 10);
    target.labels.resource_uri = ResourceId(r).substr(1);
    target.labels.instance_name = "estate-" + std::to_string(r);
    target.labels.tenant_id = "c8819874-9e56-4e3f-b1a8-1c0325138f27";
    targets.push_back(std::move(target));
  }
  return targets;
}

const std::string& Body() {
  static const std::string body = BatchBody();
  return body;
}

void BareNlohmannParse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(Body()));
  state.counters["series"] = kResources * kQueues;
}

void MensorParse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mensor::azure::ParseBatchResponse(Body()));
}

// JSON → newest complete bucket per series → labels → Prometheus lines in the store.
void MensorSeriesUpdates(benchmark::State& state) {
  const auto targets = Targets();
  mensor::prometheus::SeriesStore store;
  const auto now = std::chrono::sys_days(std::chrono::year{2026} / 11 / 28) +
                   std::chrono::hours(12) + std::chrono::minutes(33) + std::chrono::seconds(30);
  for (auto _ : state) {
    auto parsed = mensor::azure::ParseBatchResponse(Body());
    for (const auto& target : targets) {
      const auto* result = parsed->FindResource(target.resource_uri());
      const auto* metric = result->response.FindMetric(target.azure_metric_name);
      auto series = mensor::agent::BuildSeries(target, *metric, std::chrono::seconds(60), now);
      mensor::prometheus::ScopeSnapshot snapshot({});
      mensor::prometheus::SampleInput input;
      for (const auto& sample : series.samples) {
        input.name = sample.name;
        input.description = sample.description;
        input.has_value = sample.has_value;
        input.value = sample.value;
        input.labels.clear();
        for (const auto& [name, value] : sample.labels) input.labels.emplace_back(name, value);
        snapshot.Add(input);
      }
      snapshot.Finish();
      store.Replace(target.metric_name + "|" + target.resource_uri(), std::move(snapshot));
    }
  }
}

}  // namespace

BENCHMARK(BareNlohmannParse)->Unit(benchmark::kMicrosecond);
BENCHMARK(MensorParse)->Unit(benchmark::kMicrosecond);
BENCHMARK(MensorSeriesUpdates)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
