#include "mensor/agent/silent_resources.hpp"

#include <gtest/gtest.h>

namespace mensor::agent {
namespace {

constexpr char kId[] = "subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns";

TEST(SilentResourcesTest, DueAfterThresholdSilentAnswersInARow) {
  SilentResources silent(2);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, true);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, false);  // data again: the count starts over
  silent.Record(kId, true);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record("/SUBSCRIPTIONS/s/resourceGroups/RG/providers/Microsoft.ServiceBus/namespaces/NS",
                true);  // the same resource as Azure may spell it
  EXPECT_TRUE(silent.Due(kId));
}

TEST(SilentResourcesTest, AResourceThatExistsIsCheckedAgainAfterTwiceAsManyAnswers) {
  SilentResources silent(2);
  silent.Record(kId, true);
  silent.Record(kId, true);
  ASSERT_TRUE(silent.Due(kId));
  silent.Exists(kId);  // checked at 2 silent answers: next at 4, then 8, ...
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, true);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, true);
  EXPECT_TRUE(silent.Due(kId));
  silent.Exists(kId);
  for (int i = 0; i < 3; ++i) silent.Record(kId, true);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, true);
  EXPECT_TRUE(silent.Due(kId));
}

TEST(SilentResourcesTest, ChecksAreAtMostSixtyFourAnswersApart) {
  SilentResources silent(1);
  for (int i = 0; i < 1000; ++i) silent.Record(kId, true);
  silent.Exists(kId);
  for (int i = 0; i < 63; ++i) silent.Record(kId, true);
  EXPECT_FALSE(silent.Due(kId));
  silent.Record(kId, true);
  EXPECT_TRUE(silent.Due(kId));
}

}  // namespace
}  // namespace mensor::agent
