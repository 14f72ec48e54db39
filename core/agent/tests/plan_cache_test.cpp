#include "mensor/agent/plan_cache.hpp"

#include <gtest/gtest.h>

namespace mensor::agent {
namespace {

std::vector<PlanInput> Inputs(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets,
                              const std::string& region) {
  std::vector<PlanInput> inputs;
  for (const auto& target : targets) inputs.push_back({target, std::chrono::seconds(60), region});
  return inputs;
}

std::shared_ptr<const PlanCache::Calls> Plan(const std::vector<PlanInput>& inputs) {
  auto calls = std::make_shared<PlanCache::Calls>();
  for (PlannedCall& call : PlanRequests(inputs, PlanOptions{true, 50})) {
    calls->push_back(std::make_shared<const PlannedCall>(std::move(call)));
  }
  return calls;
}

class PlanCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 3; ++i) {
      auto target = std::make_shared<ScrapeTarget>();
      target->metric_name = "queue_size";
      target->azure_metric_name = "ActiveMessages";
      target->labels.subscription_id = "s";
      target->labels.resource_uri = "subscriptions/s/resourceGroups/rg/providers/"
                                    "Microsoft.ServiceBus/namespaces/ns" + std::to_string(i);
      targets_.push_back(target);
    }
  }
  std::vector<std::shared_ptr<const ScrapeTarget>> targets_;
  PlanCache cache_;
  const PlanOptions options_{true, 50};
};

TEST_F(PlanCacheTest, TheSameInputsGetTheSamePlan) {
  const auto inputs = Inputs(targets_, "westeurope");
  EXPECT_EQ(cache_.Find(inputs, options_), nullptr);
  const auto plan = Plan(inputs);
  cache_.Store(inputs, options_, plan);
  EXPECT_EQ(cache_.Find(Inputs(targets_, "westeurope"), options_), plan);
}

TEST_F(PlanCacheTest, AnyChangeInTheInputsPlansAgain) {
  const auto inputs = Inputs(targets_, "westeurope");
  cache_.Store(inputs, options_, Plan(inputs));
  // A region learnt, a grain learnt, a target settled early, other options, another target.
  EXPECT_EQ(cache_.Find(Inputs(targets_, "northeurope"), options_), nullptr);
  auto grain = inputs;
  grain[1].grain = std::chrono::seconds(300);
  EXPECT_EQ(cache_.Find(grain, options_), nullptr);
  EXPECT_EQ(cache_.Find(std::vector<PlanInput>(inputs.begin(), inputs.end() - 1), options_),
            nullptr);
  EXPECT_EQ(cache_.Find(inputs, PlanOptions{true, 20}), nullptr);
  EXPECT_EQ(cache_.Find(inputs, PlanOptions{false, 50}), nullptr);
  auto other = inputs;
  other[2].target = std::make_shared<ScrapeTarget>(*targets_[2]);  // equal content, new target
  EXPECT_EQ(cache_.Find(other, options_), nullptr);
}

TEST_F(PlanCacheTest, KeepsTheMostRecentlyUsedPlans) {
  std::vector<std::vector<PlanInput>> schedules;
  for (int i = 0; i < 9; ++i) schedules.push_back(Inputs(targets_, "region" + std::to_string(i)));
  for (int i = 0; i < 8; ++i) cache_.Store(schedules[i], options_, Plan(schedules[i]));
  ASSERT_NE(cache_.Find(schedules[0], options_), nullptr);  // used again: region1 is now oldest
  cache_.Store(schedules[8], options_, Plan(schedules[8]));
  EXPECT_NE(cache_.Find(schedules[0], options_), nullptr);
  EXPECT_EQ(cache_.Find(schedules[1], options_), nullptr);
  EXPECT_NE(cache_.Find(schedules[8], options_), nullptr);
}

}  // namespace
}  // namespace mensor::agent
