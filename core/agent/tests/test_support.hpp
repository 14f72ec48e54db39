// Helpers shared by the agent tests: polling with a deadline, a capturing SampleWriter, temporary
// folders, the built-in plugins of the build tree and an in-process Azure simulator.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "mensor/agent/metrics_scraper.hpp"
#include "mensor/agent/sample_writer.hpp"
#include "mensor/plugin/plugin_registry.hpp"

namespace mensor::sim {
class Simulator;
class HttpServer;
struct SimulatorOptions;
}  // namespace mensor::sim

namespace mensor::agent::testing {

/// Polls `predicate` until it holds or `timeout` passes; returns its last result. Never a fixed
/// sleep: tests wait only as long as they must.
bool WaitUntil(const std::function<bool()>& predicate,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// Records every write; thread-safe.
class CapturingWriter final : public SampleWriter {
 public:
  struct Recorded {
    std::string scope;
    std::vector<MeasuredSample> samples;
  };
  void Write(const std::string& scope, std::vector<MeasuredSample> samples) override;

  std::vector<Recorded> Writes() const;
  size_t WriteCount() const;
  /// The newest sample called `name` (in any scope) carrying every one of `labels`, if any.
  std::optional<MeasuredSample> Latest(
      const std::string& name,
      const std::vector<std::pair<std::string, std::string>>& labels = {}) const;
  /// Latest(name)'s value; NaN when there is no such sample (so a comparison fails cleanly).
  double Value(const std::string& name) const;
  /// Writes whose scope starts with `prefix`.
  size_t CountScope(const std::string& prefix) const;

 private:
  mutable std::mutex mutex_;
  std::vector<Recorded> writes_;
};

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// The build tree's plugin directory (where the built-in .so files are).
std::filesystem::path PluginDir();

/// A registry with every plugin of PluginDir() registered. The process keeps plugin libraries
/// loaded forever, so one registry is shared by the tests of a binary.
const plugin::PluginRegistry& BuiltInRegistry();

/// Value of the label `name`, or "" when absent.
std::string LabelValue(const MeasuredSample& sample, const std::string& name);

/// The Azure simulator serving on 127.0.0.1 on a free port, on its own thread.
class SimulatorServer {
 public:
  /// `world_json`: a world file's content; empty = the open default world.
  explicit SimulatorServer(const std::string& world_json = "",
                           const std::function<void(sim::SimulatorOptions&)>& configure = {});
  ~SimulatorServer();
  SimulatorServer(const SimulatorServer&) = delete;
  SimulatorServer& operator=(const SimulatorServer&) = delete;

  std::string url() const;
  /// A valid ARM token; `issued_ago` back-dates it (older than the lifetime = expired).
  std::string ArmToken(std::chrono::seconds issued_ago = std::chrono::seconds(0)) const;
  /// A valid token for `audience` (e.g. the metrics audience getBatch wants).
  std::string Token(const std::string& audience) const;
  /// POSTs a fault specification (JSON) to the control API; returns the HTTP status.
  int AddFault(const std::string& spec_json) const;
  /// Deletes a resource of the simulated world (ARM answers 404 for it from now on).
  int DeleteResource(const std::string& resource_id) const;
  /// A counter of GET /_sim/requests (e.g. "metrics", "unauthorized").
  int Count(const std::string& counter) const;

 private:
  std::unique_ptr<sim::Simulator> simulator_;
  std::unique_ptr<sim::HttpServer> server_;
  std::thread thread_;
};

inline constexpr const char* kResourceUri =
    "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1";

/// A closed simulator world with kResourceUri holding queues demo_queue (42 active messages every
/// minute) and orders (7).
extern const char* const kWorld;

/// A MetricsScraper wired as in the agent, against an in-process simulator: real HTTP client,
/// worker pool and TokenCache, a capturing writer behind SelfMetrics and the scraper.
/// ScraperOptions for getBatch: batching on, 50 resources a call (a ScraperRig configurator).
void EnableBatching(ScraperOptions& options);

struct ScraperRig {
  using ConfigureSim = std::function<void(sim::SimulatorOptions&)>;
  using ConfigureScraper = std::function<void(ScraperOptions&)>;
  explicit ScraperRig(const ConfigureScraper& configure_scraper = {},
                      const std::string& world_json = kWorld,
                      const ConfigureSim& configure_sim = {});
  ~ScraperRig();

  /// A Service Bus target for one queue of kResourceUri, one-minute Total.
  static std::shared_ptr<const ScrapeTarget> QueueTarget(const std::string& queue);
  /// Scrapes and waits for `done`; nullopt if it never came.
  std::optional<bool> ScrapeAndWait(std::shared_ptr<const ScrapeTarget> target);
  struct CycleCounts {
    int succeeded = 0;
    int failed = 0;
  };
  /// One ScrapeAll over `targets`, waited for (a failed expectation if it never ends).
  CycleCounts RunCycle(const std::vector<std::shared_ptr<const ScrapeTarget>>& targets);

  SimulatorServer sim;
  net::HttpClient client;
  std::atomic<int> fetches{0};
  /// Token the n-th fetch (1-based) hands out; unset: a valid simulator token for the scope's
  /// audience. An empty string makes the fetch throw.
  std::function<std::string(int fetch)> mint;
  TokenCache tokens;
  boost::asio::thread_pool workers{2};
  CapturingWriter writer;
  SelfMetrics self{writer, "tenant-1", "app-1"};
  MetricsScraper scraper;
};

}  // namespace mensor::agent::testing
