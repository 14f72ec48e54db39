#include "mensor/agent/agent.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include <map>
#include <thread>

#include "mensor/agent/agent_backend.hpp"
#include "mensor/agent/allocator.hpp"
#include "mensor/agent/auth_metrics.hpp"
#include "mensor/agent/auth_session.hpp"
#include "mensor/agent/configuration.hpp"
#include "mensor/agent/http_api.hpp"
#include "mensor/agent/logging.hpp"
#include "mensor/agent/metrics_scraper.hpp"
#include "mensor/agent/plugin_create_error.hpp"
#include "mensor/agent/process_reporter.hpp"
#include "mensor/agent/scheduler.hpp"
#include "mensor/agent/scrape_run.hpp"
#include "mensor/agent/sink_set.hpp"
#include "mensor/azure/metrics_request.hpp"
#include "mensor/plugin/host_api.hpp"

namespace mensor::agent {
namespace {

// Promitor's health threshold: twice the shortest gap between two runs of any schedule.
std::chrono::seconds FreshnessThreshold(const std::vector<ScrapeTarget>& targets) {
  std::chrono::seconds shortest = std::chrono::minutes(5);
  bool found = false;
  const auto now = std::chrono::system_clock::now();
  for (const auto& target : targets) {
    if (!target.schedule) continue;
    const auto first = target.schedule->Next(now);
    const auto second = first ? target.schedule->Next(*first) : std::nullopt;
    if (!second) continue;
    const auto gap = std::chrono::duration_cast<std::chrono::seconds>(*second - *first);
    shortest = found ? std::min(shortest, gap) : gap;
    found = true;
  }
  return 2 * shortest;
}

void PrintDiagnostics(const config::Diagnostics& diagnostics) {
  if (!diagnostics.Empty()) fmt::print(stderr, "{}", diagnostics.Format());
}

void PrintSummary(const LoadedConfiguration& loaded) {
  fmt::print("Mensor {} - scraping {} metric(s) across {} resource target(s)\n", kVersion,
             loaded.declaration.metrics.size(), loaded.targets.size());
  for (const auto& target : loaded.targets) {
    fmt::print("  {:<32} {:<24} {:<12} {}\n", target.metric_name, target.azure_metric_name,
               target.schedule ? target.schedule->Text() : "-", target.resource_uri());
  }
  std::fflush(stdout);
}

}  // namespace

int RunAgent(const AgentOptions& options) {
  // Until runtime.yaml says otherwise, only problems are worth a line (Promitor's default).
  SetUpLogging(spdlog::level::warn);
  boost::asio::io_context io;
  config::Diagnostics diagnostics;
  plugin::PluginRegistry registry(plugin::HostApi());
  LoadedConfiguration loaded;
  const LoadOutcomeCode outcome =
      LoadConfiguration(options.config_folder, options.environment, registry, diagnostics, loaded);
  PrintDiagnostics(diagnostics);
  if (outcome == LoadOutcomeCode::kNoRuntimeFile) return kExitNoRuntimeFile;
  if (outcome != LoadOutcomeCode::kOk) {
    fmt::print(stderr, "Mensor is not configured correctly: {} error(s). Fix them and restart.\n",
               diagnostics.ErrorCount());
    return kExitBadConfig;
  }
  SetUpLogging(ParseVerbosity(loaded.runtime.telemetry.container_logs.verbosity.value_or(
                                  loaded.runtime.telemetry.default_verbosity),
                              spdlog::level::err));

  net::ServerOptions server_options;
  server_options.bind_address = loaded.runtime.server.bind_address;
  server_options.port = static_cast<uint16_t>(loaded.runtime.server.http_port);
  server_options.default_headers = {{"X-Version", kVersion}};
  net::HttpServer server(io, server_options);
  net::ClientOptions client_options;
  client_options.max_per_host =
      size_t(std::max(1, loaded.runtime.azure_monitor.integration.max_requests_per_host));
  client_options.max_in_flight =
      std::max(client_options.max_in_flight, 4 * client_options.max_per_host);
  client_options.user_agent = fmt::format("App/Mensor Agent/Scraper Version/{} OS/Linux", kVersion);
  net::HttpClient client(client_options);

  AuthSession auth(*loaded.auth_mode, loaded.auth_config);
  AgentBackend backend(
      client, server, [&auth](const std::string& scope) { return auth.tokens().Get(scope); },
      [&auth](const std::string& scope, const std::string& token) {
        auth.tokens().Invalidate(scope, token);
      });
  plugin::SetHostBackend(&backend);

  SinkSet sinks;
  Freshness freshness(FreshnessThreshold(loaded.targets));
  try {
    auth.Create();
    for (const auto& sink : loaded.sinks) {
      sinks.Create(sink.name, sink.type.desc,
                   std::make_unique<mensor_config>(sink.section, loaded.runtime.source_file, true,
                                                   sink.type.desc.config),
                   sink.type.library);
    }
    sinks.StartAll();
    RegisterHttpApi(
        server,
        HttpApiContent{kVersion, config::ToJson(loaded.runtime), config::ToJson(loaded.declaration),
                       loaded.runtime.health_check.enable_scraper_freshness_health_check},
        freshness);
    server.Start();
    PrintSummary(loaded);
  } catch (const PluginConfigError& error) {
    fmt::print(stderr, "{}: error: {}\nMensor is not configured correctly. Fix it and restart.\n",
               loaded.runtime.source_file, error.what());
    sinks.StopAll();
    plugin::SetHostBackend(nullptr);
    return kExitBadConfig;
  } catch (const std::exception& error) {
    spdlog::critical("{}", error.what());
    fmt::print(stderr, "Mensor could not start: {}\n", error.what());
    sinks.StopAll();
    plugin::SetHostBackend(nullptr);
    return kExitFailure;
  }

  const unsigned worker_count = std::max(2u, std::thread::hardware_concurrency());
  boost::asio::thread_pool workers(worker_count);
  SelfMetrics self(sinks, loaded.declaration.azure_metadata.tenant_id, loaded.app_id);
  AuthMetrics auth_metrics(sinks, auth.mode_name(), loaded.app_id,
                           [&auth] { return auth.tokens().Expiries(); });
  auth.tokens().SetObserver([&auth_metrics](bool success) { auth_metrics.RecordFetch(success); });
  // Targets carry everything scraping needs; the declaration's YAML tree (tens of MiB at 10,000
  // resources) is not read again.
  loaded.declaration.metrics.clear();
  loaded.declaration.metrics.shrink_to_fit();
  ReleaseFreeMemory();  // start-up's transient memory goes back to the system
  ScraperOptions scraper_options;
  scraper_options.arm_base = loaded.cloud.resource_manager;
  scraper_options.arm_scope = azure::ScopeForAudience(loaded.cloud.arm_resource);
  scraper_options.collect.storage_suffix = loaded.cloud.storage_suffix;
  scraper_options.collect.log_analytics_endpoint = loaded.cloud.log_analytics;
  const auto& integration = loaded.runtime.azure_monitor.integration;
  scraper_options.batch_host_template = loaded.cloud.metrics_batch_host_template;
  scraper_options.batch_scope = loaded.cloud.metrics_batch_scope;
  scraper_options.batching = integration.metrics_batching.enabled;
  // Promitor's code default is 0 (it would divide by zero); Azure's maximum is the useful one.
  scraper_options.max_batch_size = integration.metrics_batching.max_batch_size > 0
                                       ? size_t(integration.metrics_batching.max_batch_size)
                                       : azure::kMaxBatchResourceIds;
  scraper_options.stale_series_cycles = integration.stale_series_cycles;
  MetricsScraper scraper(client, auth.tokens(), workers, sinks, self, scraper_options);

  Scheduler scheduler(io);
  std::vector<std::unique_ptr<ScrapeRun>> runs;
  std::map<std::string, std::vector<std::shared_ptr<const ScrapeTarget>>> by_schedule;
  std::map<std::string, config::CronExpression> crons;
  // The targets move into the runs: nothing else needs them from here on, and at 10,000
  // resources a second copy costs megabytes.
  for (auto& target : loaded.targets) {
    if (!target.schedule) continue;
    const std::string text = target.schedule->Text();
    crons.emplace(text, *target.schedule);
    by_schedule[text].push_back(std::make_shared<const ScrapeTarget>(std::move(target)));
  }
  loaded.targets.clear();
  for (auto& [text, targets] : by_schedule) {
    runs.push_back(std::make_unique<ScrapeRun>(text, std::move(targets), scraper, freshness));
    ScrapeRun* run = runs.back().get();
    scheduler.Add(text, crons.at(text), [run] { run->Start(); });
  }
  scheduler.Start();
  ProcessReporter process_reporter(io, workers, sinks);
  process_reporter.AddSource("mensor/self/sinks", [&sinks](int64_t now_unix_ns) {
    return SinkStatsSamples(sinks.Stats(), now_unix_ns);
  });
  process_reporter.AddSource(AuthMetrics::kExpiryScope, [&auth_metrics](int64_t now_unix_ns) {
    return auth_metrics.ExpirySamples(now_unix_ns);
  });
  process_reporter.Start();

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int signal_number) {
    spdlog::info("received signal {}, shutting down", signal_number);
    for (auto& run : runs) run->Stop();
    scraper.Stop();
    scheduler.Stop();
    process_reporter.Stop();
    server.Stop();
    client.Stop();  // in-flight requests complete as cancelled
  });
  io.run();
  workers.join();
  sinks.StopAll();
  auth.Destroy();
  plugin::SetHostBackend(nullptr);
  return kExitOk;
}

}  // namespace mensor::agent
