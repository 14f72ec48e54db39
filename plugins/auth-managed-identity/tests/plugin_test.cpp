// The managed-identity plugin driven through its C descriptors by FakeHost.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

namespace {

using mensor::testing::AuthModeInstance;
using mensor::testing::FakeCall;
using mensor::testing::FakeHost;
using mensor::testing::FakeHttpResponse;

constexpr char kScope[] = "https://management.azure.com/.default";
constexpr int64_t kNs = 1'000'000'000;

class ManagedIdentityPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK);
    host_.SetEnv("MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS", "1");
  }
  FakeHost host_;
};

TEST_F(ManagedIdentityPluginTest, RegistersBothModes) {
  EXPECT_EQ(host_.auth_mode_names(), (std::vector<std::string>{"SystemAssignedManagedIdentity",
                                                               "UserAssignedManagedIdentity"}));
}

TEST_F(ManagedIdentityPluginTest, SystemAssignedImdsSuccess) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  ASSERT_TRUE(mode.created());
  host_.QueueHttpResponse(FakeHttpResponse{
      200, R"({"access_token":"tok-1","expires_in":"3599","expires_on":"1700003599",)"
           R"("resource":"https://management.azure.com/","token_type":"Bearer"})"});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_TRUE(result.token.set);
  EXPECT_EQ(result.token.value, "tok-1");
  EXPECT_EQ(result.token.expires_unix_ns, 1700003599 * kNs);

  auto requests = host_.http_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F");
  EXPECT_EQ(requests[0].Header("Metadata"), "true");
  EXPECT_TRUE(requests[0].auth_scope.empty());
  EXPECT_EQ(host_.live_http_responses(), 0);
}

TEST_F(ManagedIdentityPluginTest, UserAssignedSendsClientId) {
  AuthModeInstance mode(host_, "UserAssignedManagedIdentity", "identityId: abc-123\ntenantId: t");
  ASSERT_TRUE(mode.created());
  host_.QueueHttpResponse(FakeHttpResponse{200, R"({"access_token":"t","expires_on":1700000100})"});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_NE(host_.http_requests().at(0).url.find("&client_id=abc-123"), std::string::npos);
}

TEST_F(ManagedIdentityPluginTest, UserAssignedWithoutIdLetsEnvironmentChoose) {
  AuthModeInstance mode(host_, "UserAssignedManagedIdentity", "identityId: ''");
  ASSERT_TRUE(mode.created());
  host_.SetEnv("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:2579");
  host_.QueueHttpResponse(FakeHttpResponse{200, R"({"access_token":"t","expires_in":60})"});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.token.expires_unix_ns, host_.unix_ns() + 60 * kNs);
  const std::string url = host_.http_requests().at(0).url;
  EXPECT_EQ(url.rfind("http://127.0.0.1:2579/metadata/identity/oauth2/token?", 0), 0u);
  EXPECT_EQ(url.find("client_id"), std::string::npos);
}

TEST_F(ManagedIdentityPluginTest, AppServiceEndpointAndRotatingHeader) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  host_.SetEnv("IDENTITY_ENDPOINT", "http://localhost:4141/MSI/token");
  host_.SetEnv("IDENTITY_HEADER", "guid-1");
  host_.QueueHttpResponse(
      FakeHttpResponse{200, R"({"access_token":"a","expires_on":"1700000100"})"});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  host_.SetEnv("IDENTITY_HEADER", "guid-2");
  host_.QueueHttpResponse(
      FakeHttpResponse{200, R"({"access_token":"b","expires_on":"1700000100"})"});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);

  auto requests = host_.http_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url,
            "http://localhost:4141/MSI/token?api-version=2019-08-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F");
  EXPECT_EQ(requests[0].Header("X-IDENTITY-HEADER"), "guid-1");
  EXPECT_EQ(requests[1].Header("X-IDENTITY-HEADER"), "guid-2");
  EXPECT_FALSE(requests[0].Header("Metadata"));
}

TEST_F(ManagedIdentityPluginTest, ImdsNotFoundThenSuccessIsRetried) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  host_.QueueHttpResponse(FakeHttpResponse{404, ""});
  host_.QueueHttpResponse(FakeHttpResponse{503, R"({"error":"busy"})"});
  host_.QueueHttpResponse(
      FakeHttpResponse{200, R"({"access_token":"t","expires_on":"1700000100"})"});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_EQ(result.token.value, "t");
  EXPECT_EQ(host_.http_requests().size(), 3u);
  EXPECT_TRUE(host_.LogsContain("IMDS returned 404; retrying in"));
}

TEST_F(ManagedIdentityPluginTest, IdentityNotFoundIsUnauthenticatedWithoutRetry) {
  AuthModeInstance mode(host_, "UserAssignedManagedIdentity", "identityId: nope");
  host_.QueueHttpResponse(FakeHttpResponse{
      400, R"({"error":"invalid_request","error_description":"Identity not found"})"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(result.call.error_message, "IMDS returned 400: invalid_request: Identity not found");
  EXPECT_FALSE(result.token.set);
  EXPECT_EQ(host_.http_requests().size(), 1u);
}

TEST_F(ManagedIdentityPluginTest, PersistentOutageIsUnavailable) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  for (int i = 0; i < 5; ++i) host_.QueueHttpResponse(FakeHttpResponse{500, "oops"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAVAILABLE);
  EXPECT_EQ(result.call.error_message, "IMDS returned 500: oops (after 5 attempts)");
}

TEST_F(ManagedIdentityPluginTest, TransportFailureThenSuccess) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  FakeHttpResponse refused;
  refused.transport_error = MENSOR_E_UNAVAILABLE;
  host_.QueueHttpResponse(refused);
  host_.QueueHttpResponse(
      FakeHttpResponse{200, R"({"access_token":"t","expires_on":"1700000100"})"});
  EXPECT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
}

TEST_F(ManagedIdentityPluginTest, DeadlineStopsRetries) {
  host_.SetEnv("MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS", "1000");
  AuthModeInstance slow(host_, "SystemAssignedManagedIdentity", "{}");
  host_.QueueHttpResponse(FakeHttpResponse{503, ""});
  FakeCall call;
  call.deadline_mono_ns = host_.mono_ns() + 100'000'000;  // 100 ms left: no time for a 1 s wait
  auto result = slow.GetToken(kScope, call);
  EXPECT_EQ(result.status, MENSOR_E_UNAVAILABLE);
  EXPECT_NE(result.call.error_message.find("deadline"), std::string::npos);
  EXPECT_EQ(host_.http_requests().size(), 1u);
}

TEST_F(ManagedIdentityPluginTest, CancelledCallSendsNothing) {
  AuthModeInstance mode(host_, "SystemAssignedManagedIdentity", "{}");
  FakeCall call;
  call.cancelled = true;
  EXPECT_EQ(mode.GetToken(kScope, call).status, MENSOR_E_CANCELLED);
  EXPECT_TRUE(host_.http_requests().empty());
}

TEST_F(ManagedIdentityPluginTest, TokenNeverLogged) {
  AuthModeInstance mode(host_, "UserAssignedManagedIdentity", "identityId: id");
  host_.QueueHttpResponse(FakeHttpResponse{404, ""});
  host_.QueueHttpResponse(
      FakeHttpResponse{200, R"({"access_token":"very-secret-token","expires_on":"1700000100"})"});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_FALSE(host_.LogsContain("very-secret-token"));
}

}  // namespace
