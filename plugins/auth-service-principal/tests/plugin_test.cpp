// The service-principal plugin driven through its C descriptor by FakeHost.
#include <gtest/gtest.h>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

using mensor::testing::AuthModeInstance;
using mensor::testing::FakeHost;
using mensor::testing::FakeHttpResponse;

constexpr char kScope[] = "https://management.azure.com/.default";
constexpr char kMode[] = "ServicePrincipal";
constexpr int64_t kNs = 1'000'000'000;
constexpr char kOkBody[] = R"({"token_type":"Bearer","expires_in":3599,"access_token":"tok"})";

class ServicePrincipalPluginTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(ServicePrincipalPluginTest, ClientCredentialsSuccess) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "s3cr&t");
  AuthModeInstance mode(host_, kMode, "identityId: app-1\ntenantId: tenant-1");
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_EQ(result.token.value, "tok");
  EXPECT_EQ(result.token.expires_unix_ns, host_.unix_ns() + 3599 * kNs);

  auto requests = host_.http_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token");
  EXPECT_EQ(requests[0].Header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].body,
            "client_id=app-1&client_secret=s3cr%26t"
            "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default&grant_type=client_credentials");
  EXPECT_TRUE(requests[0].auth_scope.empty());
  EXPECT_EQ(host_.live_http_responses(), 0);
}

TEST_F(ServicePrincipalPluginTest, SimulatorAuthorityAndStringExpiry) {
  host_.SetEnv("AUTH_APPKEY", "k");
  AuthModeInstance mode(host_, kMode,
                        "identityId: app\ntenantId: t\nauthorityHost: http://127.0.0.1:18443/");
  ASSERT_TRUE(mode.created());
  host_.QueueHttpResponse(FakeHttpResponse{200, R"({"access_token":"x","expires_in":"60"})"});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.token.expires_unix_ns, host_.unix_ns() + 60 * kNs);
  EXPECT_EQ(host_.http_requests().at(0).url, "http://127.0.0.1:18443/t/oauth2/v2.0/token");
}

TEST_F(ServicePrincipalPluginTest, RejectedSecretNamesErrorAndCodeButNotSecret) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "wrong-secret-value");
  AuthModeInstance mode(host_, kMode, "identityId: app\ntenantId: t");
  host_.QueueHttpResponse(FakeHttpResponse{
      401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret )"
           R"(provided.\r\nTrace ID: 1\r\nCorrelation ID: 2","error_codes":[7000215]})"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(result.call.error_message,
            "Entra ID rejected the client credentials: invalid_client (AADSTS7000215): Invalid "
            "client secret provided.");
  EXPECT_FALSE(result.token.set);
  EXPECT_FALSE(host_.LogsContain("wrong-secret-value"));
}

TEST_F(ServicePrincipalPluginTest, BadRequestWithAadstsBody) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "k");
  AuthModeInstance mode(host_, kMode, "identityId: app\ntenantId: nowhere");
  host_.QueueHttpResponse(FakeHttpResponse{
      400,
      R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant 'nowhere' not found.",)"
      R"("error_codes":[90002]})"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_NE(result.call.error_message.find("invalid_request (AADSTS90002)"), std::string::npos);
}

TEST_F(ServicePrincipalPluginTest, MissingSecretFailsCreate) {
  AuthModeInstance mode(host_, kMode, "identityId: app\ntenantId: t");
  EXPECT_FALSE(mode.created());
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("PROMITOR_AUTH_APPKEY"), std::string::npos);
}

TEST_F(ServicePrincipalPluginTest, MissingIdentityFailsCreate) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "k");
  AuthModeInstance mode(host_, kMode, "tenantId: t");
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("No identity was configured"), std::string::npos);
}

TEST_F(ServicePrincipalPluginTest, IdentityFromDeprecatedEnvironment) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "k");
  host_.SetEnv("PROMITOR_AUTH_APPID", "env-app");
  AuthModeInstance mode(host_, kMode, "tenantId: t");
  ASSERT_TRUE(mode.created());
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_EQ(host_.http_requests().at(0).body.rfind("client_id=env-app&", 0), 0u);
}

TEST_F(ServicePrincipalPluginTest, SecretFromFile) {
  std::string dir_template = (std::filesystem::temp_directory_path() / "mensor-sp-XXXXXX").string();
  const std::filesystem::path dir = mkdtemp(dir_template.data());
  std::ofstream(dir / "app-key") << "file-secret\n";
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "env-secret");
  AuthModeInstance mode(host_, kMode,
                        "identityId: app\ntenantId: t\nsecretFilePath: " + dir.string() +
                            "\nsecretFileName: app-key");
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_NE(host_.http_requests().at(0).body.find("client_secret=file-secret&"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_F(ServicePrincipalPluginTest, SecretFileMustExist) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "k");
  AuthModeInstance mode(host_, kMode,
                        "identityId: app\ntenantId: t\nsecretFilePath: /nonexistent-dir\n"
                        "secretFileName: key");
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("does not exist"), std::string::npos);
}

TEST_F(ServicePrincipalPluginTest, TransientStatusesAreRetryableCodes) {
  host_.SetEnv("PROMITOR_AUTH_APPKEY", "k");
  AuthModeInstance mode(host_, kMode, "identityId: app\ntenantId: t");
  host_.QueueHttpResponse(FakeHttpResponse{429, ""});
  EXPECT_EQ(mode.GetToken(kScope).status, MENSOR_E_THROTTLED);
  host_.QueueHttpResponse(FakeHttpResponse{503, ""});
  EXPECT_EQ(mode.GetToken(kScope).status, MENSOR_E_UNAVAILABLE);
  FakeHttpResponse refused;
  refused.transport_error = MENSOR_E_UNAVAILABLE;
  host_.QueueHttpResponse(refused);
  EXPECT_EQ(mode.GetToken(kScope).status, MENSOR_E_UNAVAILABLE);
}

}  // namespace
