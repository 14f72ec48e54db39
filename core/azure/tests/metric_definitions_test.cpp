#include "mensor/azure/metric_definitions.hpp"

#include <gtest/gtest.h>

#include "fixture_util.hpp"

namespace mensor::azure {
namespace {

using namespace std::chrono;

TEST(MetricDefinitionsTest, ParsesFixture) {
  const auto r = ParseMetricDefinitions(testing::ReadFixture("metric-definitions-response.json"));
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->size(), 16u);
  const MetricDefinition& cpu = r->front();
  EXPECT_EQ(cpu.name, "CpuTime");
  EXPECT_EQ(cpu.display_name, "CPU Time");
  EXPECT_EQ(cpu.namespace_, "Microsoft.Web/sites");
  EXPECT_EQ(cpu.unit, "Seconds");
  EXPECT_EQ(cpu.primary_aggregation, Aggregation::kTotal);
  EXPECT_FALSE(cpu.is_dimension_required);
  EXPECT_EQ(
      cpu.supported_aggregations,
      (std::vector<Aggregation>{Aggregation::kNone, Aggregation::kAverage, Aggregation::kMinimum,
                                Aggregation::kMaximum, Aggregation::kTotal, Aggregation::kCount}));
  EXPECT_EQ(cpu.time_grains, (std::vector<seconds>{minutes(1), minutes(5), minutes(15), minutes(30),
                                                   hours(1), hours(6), hours(12), days(1)}));
  EXPECT_EQ(cpu.dimensions, std::vector<std::string>{"Instance"});
  const MetricDefinition* memory = FindDefinition(*r, "memoryworkingset");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(memory->primary_aggregation, Aggregation::kAverage);
  EXPECT_EQ(memory->unit, "Bytes");
  EXPECT_EQ(FindDefinition(*r, "Nope"), nullptr);
}

TEST(MetricDefinitionsTest, RequiredDimensionAndUnknownValuesAreTolerated) {
  const auto r = ParseMetricDefinitions(R"({"value":[{
      "name":{"value":"X"},"isDimensionRequired":true,"primaryAggregationType":"Weird",
      "supportedAggregationTypes":["Average","Median"],
      "metricAvailabilities":[{"timeGrain":"PT1M"},{"timeGrain":"FULL"},{"retention":"P93D"}]}]})");
  ASSERT_TRUE(r.ok()) << r.error();
  const MetricDefinition& d = r->front();
  EXPECT_TRUE(d.is_dimension_required);
  EXPECT_FALSE(d.primary_aggregation.has_value());
  EXPECT_EQ(d.supported_aggregations, std::vector<Aggregation>{Aggregation::kAverage});
  EXPECT_EQ(d.time_grains, std::vector<seconds>{minutes(1)});
  EXPECT_TRUE(d.dimensions.empty());
}

TEST(MetricDefinitionsTest, ErrorBodiesAndMalformedJsonFail) {
  EXPECT_FALSE(
      ParseMetricDefinitions(testing::ReadFixture("metric-definitions-error-response.json")).ok());
  for (const char* body : {"", "{", "[]", "{\"value\":null}", "{\"value\":[3]}",
                           "{\"value\":[{\"unit\":1}]}", "{\"value\":[{\"dimensions\":{}}]}"}) {
    EXPECT_FALSE(ParseMetricDefinitions(body).ok()) << body;
  }
}

TEST(MetricDefinitionsTest, ChooseTimeGrainPicksExactOrClosest) {
  MetricDefinition d;
  d.time_grains = {minutes(1), minutes(5), minutes(15), hours(1)};
  EXPECT_EQ(ChooseTimeGrain(d, minutes(5)), minutes(5));
  EXPECT_EQ(ChooseTimeGrain(d, minutes(7)), minutes(5));
  EXPECT_EQ(ChooseTimeGrain(d, minutes(10)), minutes(5));  // tie: first listed wins
  EXPECT_EQ(ChooseTimeGrain(d, hours(6)), hours(1));
  EXPECT_EQ(ChooseTimeGrain(d, seconds(10)), minutes(1));
  EXPECT_FALSE(ChooseTimeGrain(MetricDefinition{}, minutes(1)).has_value());
}

}  // namespace
}  // namespace mensor::azure
