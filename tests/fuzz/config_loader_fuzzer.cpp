// libFuzzer target over the configuration loaders: whatever the bytes, loading must neither
// crash, hang nor trip a sanitizer, and must end in diagnostics rather than exceptions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mensor/config/cron.hpp"
#include "mensor/config/declaration_loader.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/config/time_span.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mensor::config::Diagnostics declaration_diagnostics;
  mensor::config::LoadMetricsDeclarationFromString(text, "fuzz.yaml", declaration_diagnostics);
  // Overrides exercise the environment merge on top of whatever tree the bytes make.
  const mensor::config::Environment environment = {
      {"PROMITOR_YAML_OVERRIDE_server__httpPort", "8080"},
      {"PROMITOR_metricSinks__prometheusScrapingEndpoint__baseUriPath", "/m"},
      {"plugins__directories__0", "/opt/plugins"}};
  mensor::config::Diagnostics runtime_diagnostics;
  mensor::config::LoadRuntimeConfigFromString(text, "runtime.yaml", environment,
                                              runtime_diagnostics);
  // Short inputs double as a cron expression and a time span.
  if (size < 256) {
    std::string error;
    (void)mensor::config::CronExpression::Parse(text, &error);
    (void)mensor::config::ParseTimeSpan(text);
  }
  return 0;
}
