#include "mensor/config/runtime_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

namespace mensor::config {
namespace {

// Sink sections as sink plugins declare them (the core knows no sink keys of its own).
RuntimeLoadOptions WithSinkPlugins() {
  RuntimeLoadOptions options;
  KeySpec transformation{"transformation", ValueType::kString, false, false, "None", "values"};
  transformation.allowed_values = {"None", "Lowercase"};
  KeySpec labels{"labels", ValueType::kObject, false, false, std::nullopt, "labels"};
  labels.children = {transformation};
  options.plugin_sections = {
      {"metricSinks.prometheusScrapingEndpoint",
       {{"baseUriPath", ValueType::kString, false, false, "/metrics", "path"},
        {"enableMetricTimestamps", ValueType::kBool, false, false, "false", "timestamps"},
        {"metricUnavailableValue", ValueType::kDouble, false, false, "NaN", "value"},
        labels}},
      {"metricSinks.statsd",
       {{"host", ValueType::kString, true, false, std::nullopt, "host"},
        {"port", ValueType::kInt, false, false, "8125", "port"},
        {"apiKey", ValueType::kString, false, true, std::nullopt, "secret"}}},
  };
  return options;
}

RuntimeConfig Load(std::string_view yaml, Diagnostics& diagnostics, const Environment& env = {}) {
  return LoadRuntimeConfigFromString(yaml, "runtime.yaml", env, diagnostics, WithSinkPlugins());
}

TEST(RuntimeLoader, DefaultsFromEmptyFile) {
  Diagnostics diagnostics;
  const RuntimeConfig c = Load("", diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(c.server.http_port, 80);
  EXPECT_EQ(c.server.bind_address, "0.0.0.0");
  EXPECT_EQ(c.server.max_degree_of_parallelism,
            static_cast<int>(std::max(1u, std::thread::hardware_concurrency()) * 8));
  EXPECT_EQ(c.concurrency.mutex_timeout_seconds, 90);
  EXPECT_EQ(c.authentication.mode, "ServicePrincipal");
  EXPECT_FALSE(c.authentication.identity_id);
  EXPECT_EQ(c.metrics_configuration.absolute_path, "/config/metrics-declaration.yaml");
  EXPECT_FALSE(FindRuntimeKey(c.raw, "metricSinks"));
  EXPECT_TRUE(c.azure_monitor.integration.use_azure_monitor_sdk);
  EXPECT_EQ(c.azure_monitor.integration.history_starting_from_in_hours, 12);
  EXPECT_EQ(c.azure_monitor.logging.information_level, "Basic");
  EXPECT_EQ(c.resource_discovery.port, 80);
  EXPECT_FALSE(c.resource_discovery.IsConfigured());
  EXPECT_EQ(c.telemetry.default_verbosity, "Error");
  EXPECT_TRUE(c.telemetry.container_logs.is_enabled);
}

TEST(RuntimeLoader, SinkSectionsAreCheckedAgainstPluginSchemas) {
  Diagnostics diagnostics;
  const RuntimeConfig c = Load(
      "metricSinks:\n"
      "  prometheusScrapingEndpoint:\n"
      "    baseUriPath: /scrape\n"
      "    labels: { transformation: Upper }\n"
      "  statsd:\n"
      "    prt: 8125\n"
      "  kafka: {}\n",
      diagnostics);
  EXPECT_EQ(diagnostics.Format(),
            "runtime.yaml:4:31: error: 'Upper' is not a valid value for "
            "'metricSinks.prometheusScrapingEndpoint.labels.transformation'; expected one of "
            "None, Lowercase\n"
            "runtime.yaml:6:5: warning: unknown key 'metricSinks.statsd.prt' is ignored; did "
            "you mean 'metricSinks.statsd.port'?\n"
            "runtime.yaml:6:5: error: required key 'metricSinks.statsd.host' is missing\n");
  EXPECT_EQ(FindRuntimeKey(c.raw, "metricSinks.prometheusScrapingEndpoint.baseUriPath")->Scalar(),
            "/scrape");
}

TEST(RuntimeLoader, KeysAndEnumsAreCaseInsensitive) {
  Diagnostics diagnostics;
  const RuntimeConfig c = Load(
      "SERVER:\n"
      "  HttpPort: 8888\n"
      "authentication:\n"
      "  MODE: systemassignedmanagedidentity\n"
      "metricsinks:\n"
      "  PrometheusScrapingEndpoint:\n"
      "    enableMetricTimestamps: TRUE\n"
      "    metricUnavailableValue: -1\n"
      "    labels: { Transformation: lowercase }\n"
      "telemetry:\n"
      "  defaultVerbosity: debug\n",
      diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_EQ(c.server.http_port, 8888);
  EXPECT_EQ(c.authentication.mode, "SystemAssignedManagedIdentity");
  EXPECT_EQ(c.telemetry.default_verbosity, "Debug");
}

TEST(RuntimeLoader, FullFileRoundTripsThroughJson) {
  Diagnostics diagnostics;
  const RuntimeConfig c = Load(
      "server: { httpPort: 88, maxDegreeOfParallelism: 4, bindAddress: 127.0.0.1 }\n"
      "authentication: { mode: ServicePrincipal, identityId: app-1 }\n"
      "metricSinks:\n"
      "  statsd: { host: graphite, apiKey: STATSD-SECRET }\n"
      "azureMonitor:\n"
      "  integration:\n"
      "    history: { startingFromOffset: '00:30:00' }\n"
      "    metricsBatching: { enabled: true, maxBatchSize: 50, azureRegion: westeurope }\n"
      "resourceDiscovery: { host: discovery, port: 8080 }\n"
      "telemetry:\n"
      "  applicationInsights: { isEnabled: true, instrumentationKey: SUPER-SECRET-KEY }\n"
      "plugins: { directories: [/opt/a, /opt/b] }\n",
      diagnostics);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  EXPECT_TRUE(c.resource_discovery.IsConfigured());
  const nlohmann::json j = ToJson(c);
  EXPECT_EQ(j["server"]["httpPort"], 88);
  EXPECT_EQ(j["server"]["bindAddress"], "127.0.0.1");
  EXPECT_EQ(j["authentication"]["identityId"], "app-1");
  EXPECT_EQ(j["metricSinks"]["statsd"]["host"], "graphite");
  EXPECT_EQ(j["metricSinks"]["statsd"]["apiKey"], "***");
  EXPECT_FALSE(j["metricSinks"].contains("prometheusScrapingEndpoint"));
  EXPECT_EQ(j["azureMonitor"]["integration"]["history"]["startingFromOffset"], "00:30:00");
  EXPECT_EQ(j["azureMonitor"]["integration"]["metricsBatching"]["maxBatchSize"], 50);
  EXPECT_EQ(j["resourceDiscovery"]["port"], 8080);
  EXPECT_EQ(j["plugins"]["directories"], nlohmann::json({"/opt/a", "/opt/b"}));
  // Secrets are masked and never appear anywhere in the dump.
  EXPECT_EQ(j["telemetry"]["applicationInsights"]["instrumentationKey"], "***");
  EXPECT_EQ(j.dump().find("SUPER-SECRET-KEY"), std::string::npos);
  EXPECT_EQ(j.dump().find("STATSD-SECRET"), std::string::npos);
}

struct RuntimeErrorCase {
  const char* name;
  const char* yaml;
  const char* expected;  // Diagnostics::Format()
};

class RuntimeErrors : public testing::TestWithParam<RuntimeErrorCase> {};

TEST_P(RuntimeErrors, AreReportedWithPosition) {
  Diagnostics diagnostics;
  Load(GetParam().yaml, diagnostics);
  EXPECT_EQ(diagnostics.Format(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RuntimeErrors,
    testing::Values(
        RuntimeErrorCase{"BadInt", "server:\n  httpPort: abc\n",
                         "runtime.yaml:2:13: error: 'abc' is not a valid value for "
                         "'server.httpPort'; expected an integer\n"},
        RuntimeErrorCase{"BadBool",
                         "metricSinks:\n  prometheusScrapingEndpoint:\n"
                         "    enableMetricTimestamps: yes please\n",
                         "runtime.yaml:3:29: error: 'yes please' is not a valid value for "
                         "'metricSinks.prometheusScrapingEndpoint.enableMetricTimestamps'; "
                         "expected true or false\n"},
        RuntimeErrorCase{
            "BadEnum", "authentication:\n  mode: Certificate\n",
            "runtime.yaml:2:9: error: 'Certificate' is not a valid value for "
            "'authentication.mode'; expected one of ServicePrincipal, "
            "UserAssignedManagedIdentity, SystemAssignedManagedIdentity, SdkDefault\n"},
        RuntimeErrorCase{"BadDuration",
                         "azureMonitor:\n  integration:\n    history:\n"
                         "      startingFromOffset: 30m\n",
                         "runtime.yaml:4:27: error: '30m' is not a valid value for "
                         "'azureMonitor.integration.history.startingFromOffset'; expected a "
                         "duration like 'hh:mm:ss'\n"},
        RuntimeErrorCase{"NotScalar", "server:\n  httpPort: [1, 2]\n",
                         "runtime.yaml:2:13: error: 'server.httpPort' must be an integer, not "
                         "a sequence\n"},
        RuntimeErrorCase{"UnknownKey", "server:\n  httpPrt: 80\n",
                         "runtime.yaml:2:3: warning: unknown key 'server.httpPrt' is ignored; did "
                         "you mean 'server.httpPort'?\n"},
        RuntimeErrorCase{"UnknownSection", "metricSink:\n  statsd: {}\n",
                         "runtime.yaml:1:1: warning: unknown key 'metricSink' is ignored; did "
                         "you mean 'metricSinks'?\n"},
        RuntimeErrorCase{"Malformed", "server:\n  httpPort: [80\n",
                         "runtime.yaml:3:1: error: runtime configuration is not well-formed "
                         "YAML: end of sequence flow not found\n"}),
    [](const auto& info) { return info.param.name; });

TEST(RuntimeLoader, MissingFileIsAnError) {
  Diagnostics diagnostics;
  const auto c = LoadRuntimeConfig("/nonexistent/runtime.yaml", {}, diagnostics);
  EXPECT_FALSE(c.file_found);
  EXPECT_EQ(diagnostics.Format(),
            "/nonexistent/runtime.yaml: error: runtime configuration file "
            "cannot be read (missing or not accessible)\n");
  EXPECT_EQ(c.server.http_port, 80);
}

TEST(RuntimeLoader, PluginPathsAreNotUnknownAndRawTreeIsKept) {
  Diagnostics diagnostics;
  RuntimeLoadOptions options;
  options.extra_known_paths = {"metricSinks.kafka"};
  const auto c = LoadRuntimeConfigFromString("metricSinks:\n  Kafka:\n    brokers: [a, b]\n",
                                             "runtime.yaml", {}, diagnostics, options);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
  const auto brokers = FindRuntimeKey(c.raw, "METRICSINKS.kafka.Brokers");
  ASSERT_TRUE(brokers);
  EXPECT_EQ((*brokers)[1].as<std::string>(), "b");
}

}  // namespace
}  // namespace mensor::config
