#include "token_request.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

#include <map>

namespace mensor::managed_identity {
namespace {

EnvLookup MakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ScopeToResource, StripsDefaultSuffixButKeepsSlash) {
  EXPECT_EQ(ScopeToResource("https://management.azure.com/.default"),
            "https://management.azure.com/");
  EXPECT_EQ(ScopeToResource("https://metrics.monitor.azure.com/.default"),
            "https://metrics.monitor.azure.com/");
}

TEST(ScopeToResource, LeavesResourcesAlone) {
  EXPECT_EQ(ScopeToResource("https://storage.azure.com/"), "https://storage.azure.com/");
  EXPECT_EQ(ScopeToResource("https://storage.azure.com"), "https://storage.azure.com");
}

TEST(BuildTokenRequest, ImdsSystemAssigned) {
  TokenRequest request =
      BuildTokenRequest(MakeEnv({}), "https://management.azure.com/.default", "");
  EXPECT_EQ(request.kind, EndpointKind::kImds);
  EXPECT_EQ(request.url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F");
  ASSERT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.headers[0].first, "Metadata");
  EXPECT_EQ(request.headers[0].second, "true");
}

TEST(BuildTokenRequest, ImdsUserAssignedAddsClientId) {
  TokenRequest request = BuildTokenRequest(MakeEnv({}), "https://management.azure.com/.default",
                                           "11111111-2222-3333-4444-555555555555");
  EXPECT_NE(request.url.find("&client_id=11111111-2222-3333-4444-555555555555"), std::string::npos);
}

TEST(BuildTokenRequest, PodIdentityHostOverridesImdsHost) {
  TokenRequest request =
      BuildTokenRequest(MakeEnv({{"AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:2579/"}}),
                        "https://management.azure.com/.default", "");
  EXPECT_EQ(request.kind, EndpointKind::kImds);
  EXPECT_EQ(request.url.rfind("http://127.0.0.1:2579/metadata/identity/oauth2/token?", 0), 0u);
}

TEST(BuildTokenRequest, AppServiceWhenBothVariablesSet) {
  TokenRequest request =
      BuildTokenRequest(MakeEnv({{"IDENTITY_ENDPOINT", "http://localhost:4141/MSI/token"},
                                 {"IDENTITY_HEADER", "header-guid"}}),
                        "https://management.azure.com/.default", "cid");
  EXPECT_EQ(request.kind, EndpointKind::kAppService);
  EXPECT_EQ(request.url,
            "http://localhost:4141/MSI/token?api-version=2019-08-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F&client_id=cid");
  ASSERT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.headers[0].first, "X-IDENTITY-HEADER");
  EXPECT_EQ(request.headers[0].second, "header-guid");
}

TEST(BuildTokenRequest, AppServiceEndpointWithQueryUsesAmpersand) {
  TokenRequest request = BuildTokenRequest(
      MakeEnv({{"IDENTITY_ENDPOINT", "http://localhost:4141/token?x=1"}, {"IDENTITY_HEADER", "h"}}),
      "https://management.azure.com/.default", "");
  EXPECT_EQ(request.url.rfind("http://localhost:4141/token?x=1&api-version=2019-08-01", 0), 0u);
}

TEST(BuildTokenRequest, EndpointWithoutHeaderFallsBackToImds) {
  TokenRequest request =
      BuildTokenRequest(MakeEnv({{"IDENTITY_ENDPOINT", "http://localhost:4141/MSI/token"}}),
                        "https://management.azure.com/.default", "");
  EXPECT_EQ(request.kind, EndpointKind::kImds);
}

TEST(ParseIdentitySelector, KindsAndDefaults) {
  using Kind = IdentitySelector::Kind;
  EXPECT_EQ(ParseIdentitySelector("", "").kind, Kind::kSystem);
  EXPECT_EQ(ParseIdentitySelector(" abc ", "").kind, Kind::kClientId);
  EXPECT_EQ(ParseIdentitySelector("abc", "").value, "abc");
  EXPECT_EQ(ParseIdentitySelector("abc", "objectid").kind, Kind::kObjectId);
  EXPECT_EQ(ParseIdentitySelector("/subscriptions/s/x", "").kind, Kind::kResourceId);
  EXPECT_THROW(ParseIdentitySelector("abc", "ResourceId"), sdk::ConfigError);
  EXPECT_THROW(ParseIdentitySelector("abc", "Name"), sdk::ConfigError);
}

TEST(BuildTokenRequest, SelectorParametersPerEndpoint) {
  const IdentitySelector object{IdentitySelector::Kind::kObjectId, "oid"};
  const IdentitySelector resource{IdentitySelector::Kind::kResourceId, "/subscriptions/s/u"};
  EXPECT_NE(BuildTokenRequest(MakeEnv({}), "https://x/.default", object).url.find("&object_id=oid"),
            std::string::npos);
  EXPECT_NE(BuildTokenRequest(MakeEnv({}), "https://x/.default", resource)
                .url.find("&msi_res_id=%2Fsubscriptions%2Fs%2Fu"),
            std::string::npos);
  const auto app_service =
      MakeEnv({{"IDENTITY_ENDPOINT", "http://localhost:4141/MSI/token"}, {"IDENTITY_HEADER", "h"}});
  EXPECT_NE(BuildTokenRequest(app_service, "https://x/.default", resource).url.find("&mi_res_id="),
            std::string::npos);
}

TEST(BuildTokenRequest, AzureArcWhenImdsEndpointIsSetWithoutIdentityHeader) {
  const auto arc =
      MakeEnv({{"IDENTITY_ENDPOINT", "http://localhost:40342/metadata/identity/oauth2/token"},
               {"IMDS_ENDPOINT", "http://localhost:40342"}});
  TokenRequest request = BuildTokenRequest(arc, "https://management.azure.com/.default", "");
  EXPECT_EQ(request.kind, EndpointKind::kArc);
  EXPECT_EQ(request.url,
            "http://localhost:40342/metadata/identity/oauth2/token?api-version=2019-11-01"
            "&resource=https%3A%2F%2Fmanagement.azure.com%2F");
  EXPECT_THROW(BuildTokenRequest(arc, "https://x/.default", "some-client"), sdk::Error);
}

}  // namespace
}  // namespace mensor::managed_identity
