#include <mensor/sdk/batch.hpp>
#include <mensor/testing/fake_host.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using mensor::sdk::Batch;
using mensor::sdk::Label;
using mensor::sdk::Sample;
using mensor::testing::FakeBatch;

TEST(BatchTest, IndexingIterationAndLabels) {
  mensor::testing::FakeHost host;
  FakeBatch fake({{.name = "a",
                   .description = "A",
                   .value = 1,
                   .labels = {{"EntityName", "q1"}, {"tenant_id", "t"}}},
                  {.name = "b", .kind = MENSOR_METRIC_COUNTER, .has_value = false}},
                 "scope-1");
  Batch batch(fake.raw());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.scope(), "scope-1");
  Sample first = batch[0];
  EXPECT_EQ(first.name, "a");
  EXPECT_EQ(first.description, "A");
  EXPECT_TRUE(first.has_value);
  EXPECT_EQ(first.value, 1);
  EXPECT_EQ(first.LabelValue("EntityName"), "q1");
  EXPECT_EQ(first.LabelValue("entityname"), std::nullopt);
  std::vector<std::string> labels;
  for (Label l : first.labels()) labels.push_back(std::string(l.name) + "=" + std::string(l.value));
  EXPECT_EQ(labels, (std::vector<std::string>{"EntityName=q1", "tenant_id=t"}));

  std::vector<std::string> names;
  for (Sample s : batch) names.emplace_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(batch[1].kind, MENSOR_METRIC_COUNTER);
  EXPECT_FALSE(batch[1].has_value);
  EXPECT_EQ(batch[1].label_count(), 0u);
  EXPECT_THROW(batch[2], mensor::sdk::Error);
}

TEST(BatchTest, EmptyBatch) {
  mensor::testing::FakeHost host;
  FakeBatch fake({});
  Batch batch(fake.raw());
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.begin(), batch.end());
}

}  // namespace
