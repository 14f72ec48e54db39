// StorageQueue through its C descriptor (FakeHost): describe, validation and the data-plane
// collect against canned Storage answers.
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <gtest/gtest.h>

#include "../src/storage_queue.hpp"

namespace {

using mensor::resources::StorageQueue;
using mensor::testing::FakeCollectRequest;
using mensor::testing::FakeHost;
using mensor::testing::FakeHttpResponse;
using mensor::testing::FakeMetric;

constexpr const char* kType = "StorageQueue";
constexpr const char* kEntry =
    "accountName: acct\nqueueName: orders\nsasToken:\n  rawValue: 'sv=2020&sig=secret'\n";

class StorageQueueTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }

  FakeCollectRequest Described(const char* yaml, const char* metric_name) {
    FakeMetric metric;
    metric.azure_metric_name = metric_name;
    auto described = host_.Describe(kType, yaml, metric);
    EXPECT_EQ(described.status, MENSOR_OK) << described.call.error_message;
    FakeCollectRequest request;
    request.azure_metric_name = metric_name;
    request.properties = described.target.properties;
    return request;
  }

  FakeHost host_;
};

TEST_F(StorageQueueTest, DescribesTheQueueAsLabelsAndProperties) {
  auto result = host_.Describe(kType, kEntry);
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.target.provider_path(), "Microsoft.Storage/storageAccounts/acct/queueServices");
  EXPECT_EQ(result.target.instance_name(), "acct");
  EXPECT_EQ(result.target.Label("queue_name"), "orders");
}

TEST_F(StorageQueueTest, MessageCountReadsTheMetadataHeaderWithTheSasToken) {
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "17"}}});
  auto result = host_.Collect(kType, Described(kEntry, "MessageCount"));
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  ASSERT_EQ(result.collected.values.size(), 1u);
  EXPECT_EQ(result.collected.values[0].value, 17);
  const auto requests = host_.http_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url,
            "https://acct.queue.core.windows.net/orders?comp=metadata&sv=2020&sig=secret");
  EXPECT_TRUE(requests[0].auth_scope.empty());
}

TEST_F(StorageQueueTest, SuffixWithSchemeAddressesAnEmulatorPathStyle) {
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "0"}}});
  FakeCollectRequest request = Described(kEntry, "messagecount");
  request.storage_suffix = "http://127.0.0.1:10001/";
  ASSERT_EQ(host_.Collect(kType, request).status, MENSOR_OK);
  EXPECT_EQ(host_.http_requests().at(0).url,
            "http://127.0.0.1:10001/acct/orders?comp=metadata&sv=2020&sig=secret");
}

TEST_F(StorageQueueTest, EnvironmentVariableWinsAndIsReadAtEveryCollect) {
  const char* yaml =
      "accountName: acct\nqueueName: orders\nsasToken:\n  environmentVariable: SAS\n"
      "  rawValue: '?sig=raw'\n";
  host_.SetEnv("SAS", "sig=first");
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "1"}}});
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "1"}}});
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "1"}}});
  const FakeCollectRequest request = Described(yaml, "MessageCount");
  ASSERT_EQ(host_.Collect(kType, request).status, MENSOR_OK);
  host_.SetEnv("SAS", "sig=rotated");
  ASSERT_EQ(host_.Collect(kType, request).status, MENSOR_OK);
  host_.SetEnv("SAS", "  ");
  ASSERT_EQ(host_.Collect(kType, request).status, MENSOR_OK);
  const auto requests = host_.http_requests();
  EXPECT_TRUE(requests[0].url.ends_with("&sig=first"));
  EXPECT_TRUE(requests[1].url.ends_with("&sig=rotated"));
  EXPECT_TRUE(requests[2].url.ends_with("&sig=raw"));
}

TEST_F(StorageQueueTest, TimeSpentInQueueIsTheAgeOfThePeekedMessage) {
  host_.SetUnixNs(1'700'000'000'000'000'000);  // Tue, 14 Nov 2023 22:13:20 GMT
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "3"}}});
  host_.QueueHttpResponse(FakeHttpResponse{
      200,
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m"
      "</MessageId><InsertionTime>Tue, 14 Nov 2023 22:12:50 GMT</InsertionTime><ExpirationTime>"
      "Tue, 21 Nov 2023 22:12:50 GMT</ExpirationTime><DequeueCount>0</DequeueCount>"
      "<MessageText>x</MessageText></QueueMessage></QueueMessagesList>",
      {}});
  auto result = host_.Collect(kType, Described(kEntry, "TimeSpentInQueue"));
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  ASSERT_EQ(result.collected.values.size(), 1u);
  EXPECT_DOUBLE_EQ(result.collected.values[0].value, 30);
  EXPECT_EQ(host_.http_requests().at(1).url,
            "https://acct.queue.core.windows.net/orders/messages?peekonly=true&numofmessages=1&"
            "sv=2020&sig=secret");
}

TEST_F(StorageQueueTest, EmptyQueueHasSpentNoTime) {
  host_.QueueHttpResponse(FakeHttpResponse{200, "", {{"x-ms-approximate-messages-count", "0"}}});
  host_.QueueHttpResponse(FakeHttpResponse{200, "<QueueMessagesList />", {}});
  auto result = host_.Collect(kType, Described(kEntry, "TimeSpentInQueue"));
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.collected.values.at(0).value, 0);
}

TEST_F(StorageQueueTest, MissingQueueFailsWithoutLeakingTheToken) {
  host_.QueueHttpResponse(FakeHttpResponse{
      404,
      "<Error><Code>QueueNotFound</Code><Message>The specified queue does not exist."
      "</Message></Error>",
      {{"x-ms-error-code", "QueueNotFound"}}});
  auto result = host_.Collect(kType, Described(kEntry, "MessageCount"));
  EXPECT_EQ(result.status, MENSOR_E_NOT_FOUND);
  EXPECT_NE(result.call.error_message.find("Azure Storage Queue 'orders' was not found"),
            std::string::npos);
  EXPECT_EQ(result.call.error_message.find("secret"), std::string::npos);
}

TEST_F(StorageQueueTest, RefusedTokenNamesTheStorageErrorCode) {
  host_.QueueHttpResponse(FakeHttpResponse{
      403, "<Error><Code>AuthenticationFailed</Code><Message>no</Message></Error>", {}});
  auto result = host_.Collect(kType, Described(kEntry, "MessageCount"));
  EXPECT_EQ(result.status, MENSOR_E_PERMISSION_DENIED);
  EXPECT_NE(result.call.error_message.find("AuthenticationFailed"), std::string::npos);
  EXPECT_EQ(result.call.error_message.find("secret"), std::string::npos);
}

TEST_F(StorageQueueTest, TransportFailureDoesNotLeakTheToken) {
  auto result = host_.Collect(kType, Described(kEntry, "MessageCount"));  // nothing queued
  EXPECT_EQ(result.status, MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(result.call.error_message.find("secret"), std::string::npos);
}

TEST_F(StorageQueueTest, ValidationNamesEveryProblem) {
  FakeMetric metric;
  metric.azure_metric_name = "Transactions";
  metric.dimensions = {"ApiName"};
  auto result = host_.Validate(kType, "accountName: acct\nqueueName: q\nsasToken: {}\n", metric);
  EXPECT_EQ(result.status, MENSOR_E_CONFIG);
  std::string all;
  for (const auto& d : result.call.diagnostics) all += d.message + "\n";
  EXPECT_NE(all.find("Either 'environmentVariable' or 'rawValue' must be supplied"),
            std::string::npos);
  EXPECT_NE(all.find("Invalid metric name 'Transactions'"), std::string::npos);
  EXPECT_NE(all.find("no dimensions"), std::string::npos);
}

TEST(StorageQueueParsing, Rfc1123) {
  EXPECT_TRUE(StorageQueue::ParseRfc1123("Fri, 09 Oct 2009 21:04:30 GMT"));
  EXPECT_FALSE(StorageQueue::ParseRfc1123("Fri, 09 Foo 2009 21:04:30 GMT"));
  EXPECT_FALSE(StorageQueue::ParseRfc1123("2009-10-09T21:04:30Z"));
}

}  // namespace
