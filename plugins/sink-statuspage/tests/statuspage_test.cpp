// Statuspage requests and Promitor's configuration rules, through FakeHost.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <cmath>

#include "statuspage_request.hpp"

namespace {

using mensor::testing::FakeHost;
using mensor::testing::SinkInstance;

TEST(StatuspageRequest, UrlAndBody) {
  using namespace mensor::statuspage;
  EXPECT_EQ(DataPointUrl("https://api.statuspage.io/", "pg1", "m 2/x"),
            "https://api.statuspage.io/v1/pages/pg1/metrics/m%202%2Fx/data");
  EXPECT_EQ(DataPointBody(1700000000, 42), "{\"data\":{\"timestamp\":1700000000,\"value\":42}}");
  EXPECT_EQ(DataPointBody(1, 0.5), "{\"data\":{\"timestamp\":1,\"value\":0.5}}");
  EXPECT_EQ(DataPointBody(1, std::nan("")), std::nullopt);
}

class StatuspageSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK);
    host_.SetEnv("PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY", "key");
  }
  FakeHost host_;
};

TEST_F(StatuspageSinkTest, PromitorsValidationRules) {
  struct Case {
    std::string yaml, message;
  } cases[] = {
      {"pageId: ' '\nsystemMetricMapping: [{id: a, promitorMetricName: m}]",
       "No page id of Atlassian Status page is configured"},
      {"pageId: p\nsystemMetricMapping: []",
       "No system metrics mappings are configured which means no metrics can be reported"},
      {"pageId: p\nsystemMetricMapping: [{id: a, promitorMetricName: m}, "
       "{id: a, promitorMetricName: n}]",
       "System metric with duplicate id(s) mappings are configured: a"},
      {"pageId: p\nsystemMetricMapping: [{id: '', promitorMetricName: m}]", "No id is configured"},
      {"pageId: p\nsystemMetricMapping: [{id: a, promitorMetricName: m}]\napiBaseUri: x",
       "apiBaseUri must be an http:// or https:// URL"},
  };
  for (const auto& c : cases) {
    SinkInstance sink(host_, "atlassianStatuspage", c.yaml);
    EXPECT_FALSE(sink.created()) << c.yaml;
    EXPECT_NE(sink.create_call().error_message.find(c.message), std::string::npos)
        << c.yaml << " -> " << sink.create_call().error_message;
  }
}

TEST_F(StatuspageSinkTest, TheApiKeyIsRequired) {
  host_.UnsetEnv("PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY");
  SinkInstance sink(host_, "atlassianStatuspage",
                    "pageId: p\nsystemMetricMapping: [{id: a, promitorMetricName: m}]");
  EXPECT_FALSE(sink.created());
  EXPECT_NE(
      sink.create_call().error_message.find("PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY is not set"),
      std::string::npos);
}

}  // namespace
