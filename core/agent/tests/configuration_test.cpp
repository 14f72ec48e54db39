#include "mensor/agent/configuration.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mensor/plugin/host_api.hpp"
#include "test_support.hpp"

namespace mensor::agent {
namespace {

using testing::TempDir;

constexpr const char* kSimUrl = "http://127.0.0.1:1";

std::string ReadDemo(const std::string& name) {
  std::ifstream in(std::filesystem::path(MENSOR_TEST_SOURCE_DIR) / "config/demo" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Substitute(std::string text, const TempDir& dir) {
  const std::pair<std::string, std::string> substitutions[] = {
      {"@SIM_URL@", kSimUrl}, {"@HTTP_PORT@", "8080"}, {"@CONFIG_DIR@", dir.path().string()}};
  for (const auto& [key, value] : substitutions) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

// The walkthrough configuration (config/demo) in `dir`.
void WriteWalkthrough(const TempDir& dir) {
  dir.Write("runtime.yaml", Substitute(ReadDemo("runtime.yaml.in"), dir));
  dir.Write("metrics-declaration.yaml", Substitute(ReadDemo("metrics-declaration.yaml.in"), dir));
}

class ConfigurationTest : public ::testing::Test {
 protected:
  LoadOutcomeCode Load(const TempDir& dir) {
    const config::Environment environment = {{"MENSOR_PLUGIN_PATH", testing::PluginDir().string()}};
    return LoadConfiguration(dir.path(), environment, registry_, diagnostics_, loaded_);
  }
  bool HasErrorContaining(const std::string& text) const {
    for (const auto& diagnostic : diagnostics_.All()) {
      if (diagnostic.severity == config::Severity::kError &&
          diagnostic.message.find(text) != std::string::npos)
        return true;
    }
    return false;
  }

  plugin::PluginRegistry registry_{plugin::HostApi()};
  config::Diagnostics diagnostics_;
  LoadedConfiguration loaded_;
};

TEST_F(ConfigurationTest, WalkthroughLoadsWithoutErrors) {
  TempDir dir;
  WriteWalkthrough(dir);
  ASSERT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  EXPECT_FALSE(diagnostics_.HasErrors());
  EXPECT_EQ(loaded_.declaration_path, (dir.path() / "metrics-declaration.yaml").string());
  ASSERT_EQ(loaded_.targets.size(), 1u);
  EXPECT_EQ(loaded_.targets[0].metric_name, "demo_queue_size");
  EXPECT_EQ(loaded_.targets[0].filter, "EntityName eq 'demo_queue'");
  ASSERT_EQ(loaded_.sinks.size(), 1u);
  EXPECT_EQ(loaded_.sinks[0].name, "prometheusScrapingEndpoint");
  EXPECT_EQ(loaded_.sinks[0].type.library, "prometheus");
  EXPECT_EQ(loaded_.sinks[0].section["baseUriPath"].as<std::string>(), "/metrics");
  ASSERT_TRUE(loaded_.auth_mode);
  EXPECT_EQ(std::string(loaded_.auth_mode->desc.name), "SystemAssignedManagedIdentity");
  EXPECT_EQ(loaded_.app_id, "system-assigned-identity");
  EXPECT_EQ(loaded_.auth_config["tenantId"].as<std::string>(),
            "c8819874-9e56-4e3f-b1a8-1c0325138f27");
  // cloud: Custom points everything at the simulator.
  EXPECT_EQ(loaded_.cloud.resource_manager, kSimUrl);
  EXPECT_EQ(loaded_.auth_config["authorityHost"].as<std::string>(), loaded_.cloud.authority_host);
  EXPECT_EQ(loaded_.runtime.server.http_port, 8080);
}

TEST_F(ConfigurationTest, CloudAndAuthKeysReachTheAuthMode) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  runtime.replace(runtime.find("mode: SystemAssignedManagedIdentity"), 35,
                  "mode: SdkDefault\n  identityId: x\n  identityIdType: ObjectId\n"
                  "  certificatePath: /c.pem");
  dir.Write("runtime.yaml", runtime);
  std::string declaration = Substitute(ReadDemo("metrics-declaration.yaml.in"), dir);
  declaration.replace(declaration.find("  cloud: Custom\n"), 16, "  cloud: UsGov\n");
  dir.Write("metrics-declaration.yaml", declaration);
  ASSERT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  EXPECT_EQ(loaded_.auth_config["authorityHost"].as<std::string>(),
            "https://login.microsoftonline.us");
  EXPECT_EQ(loaded_.cloud.resource_manager, "https://management.usgovcloudapi.net");
  EXPECT_EQ(loaded_.auth_config["identityIdType"].as<std::string>(), "ObjectId");
  EXPECT_EQ(loaded_.auth_config["certificatePath"].as<std::string>(), "/c.pem");
  EXPECT_EQ(loaded_.app_id, "default-azure-credentials");  // Promitor's label for SdkDefault
}

TEST_F(ConfigurationTest, MissingRuntimeFileIsReportedAsSuch) {
  TempDir dir;
  dir.Write("metrics-declaration.yaml", "version: v1\n");
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kNoRuntimeFile);
  EXPECT_TRUE(diagnostics_.HasErrors());
  EXPECT_TRUE(loaded_.targets.empty());
}

TEST_F(ConfigurationTest, UnknownSinkNamesTheAvailableOnes) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  runtime.replace(runtime.find("metricSinks:\n"), 13, "metricSinks:\n  kafkaTopic:\n    b: 1\n");
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kErrors);
  EXPECT_TRUE(HasErrorContaining("metricSinks.kafkaTopic")) << diagnostics_.Format();
  EXPECT_TRUE(HasErrorContaining("available sinks: ")) << diagnostics_.Format();
  EXPECT_TRUE(HasErrorContaining("prometheusScrapingEndpoint")) << diagnostics_.Format();
  // The known sink is still resolved.
  ASSERT_EQ(loaded_.sinks.size(), 1u);
  EXPECT_EQ(loaded_.sinks[0].name, "prometheusScrapingEndpoint");
}

TEST_F(ConfigurationTest, SinkSectionsMatchCaseInsensitively) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  runtime.replace(runtime.find("prometheusScrapingEndpoint"), 26, "PrometheusScrapingEndpoint");
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  ASSERT_EQ(loaded_.sinks.size(), 1u);
  EXPECT_EQ(loaded_.sinks[0].name, "prometheusScrapingEndpoint");
}

TEST_F(ConfigurationTest, UnknownAuthModeIsAnError) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  runtime.replace(runtime.find("SystemAssignedManagedIdentity"), 29, "CertificateMagic");
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kErrors);
  EXPECT_TRUE(HasErrorContaining("CertificateMagic")) << diagnostics_.Format();
  EXPECT_TRUE(HasErrorContaining("SystemAssignedManagedIdentity")) << diagnostics_.Format();
}

TEST_F(ConfigurationTest, UserAssignedIdentityNamesTheAppId) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  runtime.replace(runtime.find("mode: SystemAssignedManagedIdentity"), 35,
                  "mode: UserAssignedManagedIdentity\n  identityId: 1234-abcd");
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  EXPECT_EQ(loaded_.app_id, "1234-abcd");
  EXPECT_EQ(loaded_.auth_config["identityId"].as<std::string>(), "1234-abcd");
}

TEST_F(ConfigurationTest, DeclarationPathDefaultsToTheConfigFolder) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  const size_t section = runtime.find("metricsConfiguration:");
  runtime.erase(section, runtime.find("telemetry:") - section);
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  EXPECT_EQ(loaded_.declaration_path, (dir.path() / "metrics-declaration.yaml").string());
  EXPECT_EQ(loaded_.targets.size(), 1u);
}

TEST_F(ConfigurationTest, AbsolutePathIsHonoured) {
  TempDir dir;
  TempDir elsewhere;
  WriteWalkthrough(dir);
  std::filesystem::rename(dir.path() / "metrics-declaration.yaml",
                          elsewhere.path() / "declaration.yaml");
  std::string runtime = Substitute(ReadDemo("runtime.yaml.in"), dir);
  const std::string old_path = (dir.path() / "metrics-declaration.yaml").string();
  runtime.replace(runtime.find(old_path), old_path.size(),
                  (elsewhere.path() / "declaration.yaml").string());
  dir.Write("runtime.yaml", runtime);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kOk) << diagnostics_.Format();
  EXPECT_EQ(loaded_.declaration_path, (elsewhere.path() / "declaration.yaml").string());
  EXPECT_EQ(loaded_.targets.size(), 1u);
}

TEST_F(ConfigurationTest, PluginReportedDeclarationErrorsFailTheLoad) {
  TempDir dir;
  WriteWalkthrough(dir);
  std::string declaration = Substitute(ReadDemo("metrics-declaration.yaml.in"), dir);
  declaration += "        topicName: also_set\n";
  dir.Write("metrics-declaration.yaml", declaration);
  EXPECT_EQ(Load(dir), LoadOutcomeCode::kErrors);
  EXPECT_TRUE(HasErrorContaining("configure only one of them")) << diagnostics_.Format();
  EXPECT_TRUE(loaded_.targets.empty());
}

}  // namespace
}  // namespace mensor::agent
