#include "token_request.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mensor::managed_identity
