// SdkDefault through its C descriptor (FakeHost): the chain's order, the cloud's authority host,
// and which link answered.
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
constexpr char kEntraOk[] = R"({"token_type":"Bearer","expires_in":3599,"access_token":"tok"})";
constexpr char kImdsOk[] = R"({"access_token":"mi","expires_in":"3599"})";
constexpr char kUsGov[] = "tenantId: t\nauthorityHost: https://login.microsoftonline.us";

class SdkDefaultTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST_F(SdkDefaultTest, EnvironmentSecretComesFirstAndUsesTheCloudsAuthority) {
  host_.SetEnv("AZURE_CLIENT_ID", "env-app");
  host_.SetEnv("AZURE_CLIENT_SECRET", "env-secret-value");
  host_.SetEnv("AZURE_FEDERATED_TOKEN_FILE", "/nonexistent/token");
  AuthModeInstance mode(host_, "SdkDefault", kUsGov);
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kEntraOk});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  const auto request = host_.http_requests().at(0);
  EXPECT_EQ(request.url, "https://login.microsoftonline.us/t/oauth2/v2.0/token");
  EXPECT_NE(request.body.find("client_secret=env-secret-value"), std::string::npos);
  EXPECT_TRUE(host_.LogsContain("EnvironmentCredential answered"));
  EXPECT_FALSE(host_.LogsContain("env-secret-value"));
}

TEST_F(SdkDefaultTest, WorkloadIdentityWhenNoEnvironmentSecret) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mensor-sd-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  std::ofstream(dir + "/token") << "fed.token.sig";
  host_.SetEnv("AZURE_CLIENT_ID", "wi-app");
  host_.SetEnv("AZURE_FEDERATED_TOKEN_FILE", dir + "/token");
  AuthModeInstance mode(host_, "SdkDefault", kUsGov);
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kEntraOk});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_EQ(host_.http_requests().at(0).url,
            "https://login.microsoftonline.us/t/oauth2/v2.0/token");
  EXPECT_NE(host_.http_requests().at(0).body.find("client_assertion=fed.token.sig"),
            std::string::npos);
  EXPECT_TRUE(host_.LogsContain("WorkloadIdentityCredential answered"));
  EXPECT_TRUE(host_.LogsContain("EnvironmentCredential skipped"));
  std::filesystem::remove_all(dir);
}

TEST_F(SdkDefaultTest, ManagedIdentityLastWithAzureClientIdAsUserAssignedIdentity) {
  host_.SetEnv("AZURE_CLIENT_ID", "uami-client");
  AuthModeInstance mode(host_, "SdkDefault", kUsGov);
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kImdsOk});
  auto result = mode.GetToken(kScope);
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_EQ(result.token.value, "mi");
  EXPECT_EQ(host_.http_requests().at(0).url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F&client_id=uami-client");
  EXPECT_TRUE(host_.LogsContain("ManagedIdentityCredential answered"));
  EXPECT_TRUE(host_.LogsContain("WorkloadIdentityCredential skipped"));
}

TEST_F(SdkDefaultTest, AFailingLinkNamesItselfInTheError) {
  host_.SetEnv("AZURE_CLIENT_ID", "env-app");
  host_.SetEnv("AZURE_CLIENT_SECRET", "bad");
  AuthModeInstance mode(host_, "SdkDefault", kUsGov);
  host_.QueueHttpResponse(FakeHttpResponse{
      401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client )"
           R"(secret provided.","error_codes":[7000215]})"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(result.call.error_message.rfind("SdkDefault (EnvironmentCredential): ", 0), 0u)
      << result.call.error_message;
}

TEST_F(SdkDefaultTest, ASecretWithoutClientIdIsAConfigurationError) {
  host_.SetEnv("AZURE_CLIENT_SECRET", "s");
  AuthModeInstance mode(host_, "SdkDefault", kUsGov);
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("AZURE_CLIENT_ID"), std::string::npos);
}

}  // namespace
