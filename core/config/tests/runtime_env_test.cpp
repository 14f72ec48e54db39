#include <gtest/gtest.h>

#include "mensor/config/runtime_loader.hpp"

namespace mensor::config {
namespace {

RuntimeConfig Load(std::string_view yaml, const Environment& env, Diagnostics& diagnostics) {
  return LoadRuntimeConfigFromString(yaml, "runtime.yaml", env, diagnostics);
}

struct PrecedenceCase {
  const char* name;
  Environment env;
  int expected_port;
};

class EnvPrecedence : public testing::TestWithParam<PrecedenceCase> {};

TEST_P(EnvPrecedence, LaterStagesWin) {
  Diagnostics diagnostics;
  const auto c = Load("server:\n  httpPort: 81\n", GetParam().env, diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(c.server.http_port, GetParam().expected_port);
}

INSTANTIATE_TEST_SUITE_P(
    Table, EnvPrecedence,
    testing::Values(
        PrecedenceCase{"FileOnly", {}, 81},
        PrecedenceCase{"Unprefixed", {{"server__httpPort", "82"}}, 82},
        PrecedenceCase{"UnprefixedAnyCase", {{"SERVER__HTTPPORT", "82"}}, 82},
        PrecedenceCase{
            "Promitor", {{"server__httpPort", "82"}, {"PROMITOR_server__httpPort", "83"}}, 83},
        PrecedenceCase{"Override",
                       {{"server__httpPort", "82"},
                        {"PROMITOR_server__httpPort", "83"},
                        {"PROMITOR_YAML_OVERRIDE_server__httpPort", "84"}},
                       84},
        PrecedenceCase{
            "OverrideBeatsFileOnly", {{"PROMITOR_YAML_OVERRIDE_Server__HttpPort", "85"}}, 85}),
    [](const auto& info) { return info.param.name; });

TEST(EnvOverrides, CreateSectionsAndIgnoreUnrelatedVariables) {
  Diagnostics diagnostics;
  const auto c = Load("",
                      {{"PATH", "/usr/bin"},
                       {"HOME", "/root"},
                       {"PROMITOR_AUTH_APPKEY", "secret"},
                       {"PROMITOR_CONFIG_FOLDER", "/config/"},
                       {"PROMITOR_YAML_OVERRIDE_metricSinks__statsd__host", "graphite"},
                       {"metricSinks__prometheusScrapingEndpoint__baseUriPath", "/m"}},
                      diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(FindRuntimeKey(c.raw, "metricSinks.statsd.host")->Scalar(), "graphite");
  EXPECT_EQ(FindRuntimeKey(c.raw, "metricSinks.prometheusScrapingEndpoint.baseUriPath")->Scalar(),
            "/m");
  EXPECT_FALSE(c.raw["PATH"]);
}

TEST(EnvOverrides, BadValueIsReportedAgainstTheVariable) {
  Diagnostics diagnostics;
  const auto c = Load("server:\n  httpPort: 81\n",
                      {{"PROMITOR_YAML_OVERRIDE_server__httpPort", "eighty"}}, diagnostics);
  EXPECT_EQ(diagnostics.Format(),
            "env:PROMITOR_YAML_OVERRIDE_server__httpPort: error: 'eighty' is not a valid value "
            "for 'server.httpPort'; expected an integer\n");
  EXPECT_EQ(c.server.http_port, 80);
}

TEST(EnvOverrides, UnknownOverrideKeyWarnsAgainstTheVariable) {
  Diagnostics diagnostics;
  Load("", {{"PROMITOR_YAML_OVERRIDE_server__httpPrt", "1"}}, diagnostics);
  EXPECT_EQ(diagnostics.Format(),
            "env:PROMITOR_YAML_OVERRIDE_server__httpPrt: warning: unknown key 'server.httpPrt' "
            "is ignored; did you mean 'server.httpPort'?\n");
}

TEST(EnvOverrides, ListIndexesAndAppIdFallback) {
  Diagnostics diagnostics;
  const auto c = Load("plugins:\n  directories: [/a]\n",
                      {{"PROMITOR_YAML_OVERRIDE_plugins__directories__1", "/b"},
                       {"PROMITOR_AUTH_APPID", "legacy-app-id"}},
                      diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(c.plugins.directories, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(c.authentication.identity_id, "legacy-app-id");

  Diagnostics d2;
  const auto explicit_id =
      Load("authentication: { identityId: from-file }\n", {{"PROMITOR_AUTH_APPID", "legacy"}}, d2);
  EXPECT_EQ(explicit_id.authentication.identity_id, "from-file");
}

TEST(EnvOverrides, ReadProcessEnvironmentSeesSetenv) {
  setenv("MENSOR_CONFIG_TEST_VAR", "value=with=equals", 1);
  const Environment env = ReadProcessEnvironment();
  ASSERT_TRUE(env.count("MENSOR_CONFIG_TEST_VAR"));
  EXPECT_EQ(env.at("MENSOR_CONFIG_TEST_VAR"), "value=with=equals");
  unsetenv("MENSOR_CONFIG_TEST_VAR");
}

}  // namespace
}  // namespace mensor::config
