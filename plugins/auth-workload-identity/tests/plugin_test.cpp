// WorkloadIdentity through its C descriptor (FakeHost): environment rules, the federated token
// sent as a client assertion, and the token file re-read for every token.
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
constexpr char kOkBody[] = R"({"token_type":"Bearer","expires_in":3599,"access_token":"tok"})";

class WorkloadIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK);
    std::string pattern = (std::filesystem::temp_directory_path() / "mensor-wi-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    token_file_ = dir_ + "/azure-identity-token";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void WriteToken(const std::string& token) { std::ofstream(token_file_) << token << "\n"; }
  void SetWebhookEnv() {
    host_.SetEnv("AZURE_FEDERATED_TOKEN_FILE", token_file_);
    host_.SetEnv("AZURE_CLIENT_ID", "wi-client");
    host_.SetEnv("AZURE_TENANT_ID", "wi-tenant");
  }

  FakeHost host_;
  std::string dir_;
  std::string token_file_;
};

TEST_F(WorkloadIdentityTest, ExchangesTheProjectedTokenAndReReadsItEveryTime) {
  SetWebhookEnv();
  host_.SetEnv("AZURE_AUTHORITY_HOST", "http://127.0.0.1:9/");
  WriteToken("header.first.sig");
  AuthModeInstance mode(host_, "WorkloadIdentity", "tenantId: config-tenant");
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  WriteToken("header.rotated.sig");  // kubelet rotates the file
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);

  const auto requests = host_.http_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "http://127.0.0.1:9/wi-tenant/oauth2/v2.0/token");
  EXPECT_NE(requests[0].body.find("client_id=wi-client&client_assertion_type=urn%3Aietf%3Aparams"
                                  "%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                                  "&client_assertion=header.first.sig&"),
            std::string::npos)
      << requests[0].body;
  EXPECT_NE(requests[1].body.find("client_assertion=header.rotated.sig&"), std::string::npos);
  EXPECT_FALSE(host_.LogsContain("header.first.sig"));
}

TEST_F(WorkloadIdentityTest, CloudAuthorityAndConfigTenantWhenTheEnvironmentLacksThem) {
  host_.SetEnv("AZURE_FEDERATED_TOKEN_FILE", token_file_);
  WriteToken("a.b.c");
  AuthModeInstance mode(host_, "WorkloadIdentity",
                        "identityId: cfg-client\ntenantId: cfg-tenant\n"
                        "authorityHost: https://login.chinacloudapi.cn");
  ASSERT_TRUE(mode.created()) << mode.create_call().error_message;
  host_.QueueHttpResponse(FakeHttpResponse{200, kOkBody});
  ASSERT_EQ(mode.GetToken(kScope).status, MENSOR_OK);
  EXPECT_EQ(host_.http_requests().at(0).url,
            "https://login.chinacloudapi.cn/cfg-tenant/oauth2/v2.0/token");
  EXPECT_NE(host_.http_requests().at(0).body.find("client_id=cfg-client&"), std::string::npos);
}

TEST_F(WorkloadIdentityTest, WithoutTheTokenFileVariableCreationFailsClearly) {
  AuthModeInstance mode(host_, "WorkloadIdentity", "tenantId: t");
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("AZURE_FEDERATED_TOKEN_FILE"), std::string::npos);
}

TEST_F(WorkloadIdentityTest, WithoutAClientIdCreationFailsClearly) {
  host_.SetEnv("AZURE_FEDERATED_TOKEN_FILE", token_file_);
  AuthModeInstance mode(host_, "WorkloadIdentity", "tenantId: t");
  EXPECT_EQ(mode.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(mode.create_call().error_message.find("AZURE_CLIENT_ID"), std::string::npos);
}

TEST_F(WorkloadIdentityTest, AMissingTokenFileIsAnAuthenticationErrorNamingTheFile) {
  SetWebhookEnv();
  AuthModeInstance mode(host_, "WorkloadIdentity", "");
  ASSERT_TRUE(mode.created());
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_NE(result.call.error_message.find(token_file_), std::string::npos);
  EXPECT_TRUE(host_.http_requests().empty());
}

TEST_F(WorkloadIdentityTest, RejectionNamesTheAadstsCodeButNotTheAssertion) {
  SetWebhookEnv();
  WriteToken("x.federated-secret.y");
  AuthModeInstance mode(host_, "WorkloadIdentity", "");
  host_.QueueHttpResponse(FakeHttpResponse{
      400, R"({"error":"invalid_request","error_description":"AADSTS70021: No matching )"
           R"(federated identity record found for presented assertion x.federated-secret.y",)"
           R"("error_codes":[70021]})"});
  auto result = mode.GetToken(kScope);
  EXPECT_EQ(result.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_NE(result.call.error_message.find("AADSTS70021"), std::string::npos);
  EXPECT_EQ(result.call.error_message.find("federated-secret"), std::string::npos);
}

}  // namespace
