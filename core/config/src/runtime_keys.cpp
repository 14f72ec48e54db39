#include "mensor/config/runtime_keys.hpp"

#include "mensor/config/suggest.hpp"

namespace mensor::config {
namespace {

using V = ValueType;

KeySpec Key(const char* name, ValueType type, const char* default_value, const char* description,
            std::vector<std::string> allowed = {}) {
  KeySpec spec;
  spec.name = name;
  spec.type = type;
  if (default_value != nullptr) spec.default_value = default_value;
  spec.description = description;
  spec.allowed_values = std::move(allowed);
  return spec;
}

KeySpec Secret(KeySpec spec) {
  spec.secret = true;
  return spec;
}

KeySpec Deprecated(KeySpec spec) {
  spec.deprecated = true;
  return spec;
}

KeySpec Section(const char* name, const char* description, std::vector<KeySpec> children) {
  KeySpec spec = Key(name, V::kObject, nullptr, description);
  spec.children = std::move(children);
  return spec;
}

KeySpec OpenSection(const char* name, const char* description) {
  KeySpec spec = Key(name, V::kObject, nullptr, description);
  spec.open = true;
  return spec;
}

const std::vector<std::string> kVerbosities = {"Trace", "Debug",    "Information", "Warning",
                                               "Error", "Critical", "None"};

std::vector<KeySpec> Build() {
  return {
      Section("server", "HTTP server of the agent",
              {
                  Key("httpPort", V::kInt, "80", "Port of the HTTP server (1-65535)"),
                  Key("maxDegreeOfParallelism", V::kInt, nullptr,
                      "Azure Monitor requests in flight at once; default CPU count x 8, <= 0 "
                      "disables the limit"),
                  Key("bindAddress", V::kString, "0.0.0.0",
                      "Mensor: address the HTTP server listens on"),
              }),
      Section("concurrency", "Scrape job limits",
              {
                  Key("mutexTimeoutSeconds", V::kInt, "90",
                      "Seconds one scheduled run may take before it is abandoned"),
              }),
      Section("healthCheck", "Health endpoint",
              {
                  Key("enableScraperFreshnessHealthCheck", V::kBool, "true",
                      "Report unhealthy when no metric was scraped for twice the shortest "
                      "schedule"),
              }),
      Section("authentication", "How the agent authenticates to Azure",
              {
                  Key("mode", V::kString, "ServicePrincipal",
                      "Authentication mode (a plugin): ServicePrincipal, "
                      "UserAssignedManagedIdentity, SystemAssignedManagedIdentity, SdkDefault, "
                      "..."),
                  Key("identityId", V::kString, nullptr,
                      "Application (client) id; PROMITOR_AUTH_APPID is the deprecated "
                      "fallback"),
                  Key("secretFilePath", V::kString, nullptr,
                      "Folder of a file holding the service principal secret"),
                  Key("secretFileName", V::kString, nullptr, "Name of that file in secretFilePath"),
              }),
      Section("metricsConfiguration", "Where the metrics declaration is",
              {
                  Key("absolutePath", V::kString, "/config/metrics-declaration.yaml",
                      "Path of the metrics declaration"),
              }),
      OpenSection("metricSinks",
                  "Sinks to write metrics to; each key is a sink plugin's name and its value "
                  "that plugin's settings"),
      Section(
          "azureMonitor", "Azure Monitor integration",
          {
              Section("logging", "Logging of Azure Monitor requests",
                      {
                          Key("isEnabled", V::kBool, "false",
                              "Log every Azure Monitor request at debug level"),
                          Key("informationLevel", V::kString, "Basic", "Detail of that log",
                              {"None", "Basic", "Headers", "Body", "BodyAndHeaders"}),
                      }),
              Section("integration", "Query behaviour",
                      {
                          Key("useAzureMonitorSdk", V::kBool, "true",
                              "Promitor's client switch; Mensor always uses the REST API"),
                          Section("history", "Look-back window of metric queries",
                                  {
                                      Key("startingFromInHours", V::kInt, "12",
                                          "Query window starts this many hours ago"),
                                      Key("startingFromOffset", V::kDuration, nullptr,
                                          "Query window start as a time span; wins over "
                                          "startingFromInHours"),
                                  }),
                          Key("maxRequestsPerHost", V::kInt, "16",
                              "Mensor: Azure calls in flight per host"),
                          Key("staleSeriesCycles", V::kInt, "2",
                              "Mensor: scrape cycles before a vanished series is dropped"),
                          Section("metricsBatching", "Experimental batched metric queries",
                                  {
                                      Key("enabled", V::kBool, "false",
                                          "Query several resources in one metrics:getBatch call"),
                                      Key("maxBatchSize", V::kInt, "0",
                                          "Resources per batch (Azure allows at most 50)"),
                                      Key("azureRegion", V::kString, nullptr,
                                          "Region of the regional batch endpoint"),
                                  }),
                      }),
          }),
      Section("resourceDiscovery", "Promitor Resource Discovery agent to ask for resources",
              {
                  Key("host", V::kString, nullptr, "Host name; discovery is used iff this is set"),
                  Key("port", V::kInt, "80", "Port"),
                  Deprecated(Key("enabled", V::kBool, nullptr,
                                 "documented by Promitor but never read; discovery is on when "
                                 "'resourceDiscovery.host' is set")),
              }),
      Section(
          "telemetry", "The agent's own logging",
          {
              Key("defaultVerbosity", V::kString, "Error", "Minimum log level", kVerbosities),
              Section(
                  "containerLogs", "Logging to standard output",
                  {
                      Key("isEnabled", V::kBool, "true", "Log to standard output"),
                      Key("verbosity", V::kString, nullptr,
                          "Minimum log level; default telemetry.defaultVerbosity", kVerbosities),
                  }),
              Section("applicationInsights", "Promitor's Application Insights logging",
                      {
                          Key("isEnabled", V::kBool, "false",
                              "Accepted for compatibility; Mensor sends nothing to Application "
                              "Insights"),
                          Secret(Key("instrumentationKey", V::kString, nullptr,
                                     "Instrumentation key (masked in dumps)")),
                          Key("verbosity", V::kString, nullptr, "Minimum log level", kVerbosities),
                      }),
          }),
      Section("plugins", "Mensor: plugin discovery",
              {
                  Key("directories", V::kStringList, nullptr,
                      "Extra folders searched for plugin libraries, before MENSOR_PLUGIN_PATH"),
              }),
      Section("prometheus", "Promitor 1.x leftover, bound but unused",
              {
                  Section("scrapeEndpoint", "Promitor 1.x leftover",
                          {Deprecated(Key("baseUriPath", V::kString, nullptr,
                                          "Promitor 1.x setting, ignored; use "
                                          "metricSinks.prometheusScrapingEndpoint.baseUriPath"))}),
              }),
  };
}

}  // namespace

const std::vector<KeySpec>& RuntimeKeys() {
  static const std::vector<KeySpec> keys = Build();
  return keys;
}

const KeySpec* FindRuntimeKeySpec(std::string_view dotted_path) {
  const std::vector<KeySpec>* level = &RuntimeKeys();
  const KeySpec* found = nullptr;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted_path.find('.', start);
    const std::string_view segment =
        dotted_path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    found = FindSpec(*level, segment, KeyMatch::kCaseInsensitive);
    if (found == nullptr || dot == std::string_view::npos) return found;
    level = &found->children;
    start = dot + 1;
  }
}

}  // namespace mensor::config
