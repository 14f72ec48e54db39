#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "mensor/net/http_server.hpp"

namespace mensor::agent {

/// What the health endpoint reports on: when a scrape run last completed, and how old that may
/// get (twice the shortest interval between two runs of any schedule, as Promitor checks it).
/// Thread-safe.
class Freshness {
 public:
  explicit Freshness(std::chrono::seconds threshold) : threshold_(threshold) { Touch(); }
  void Touch() { last_ns_.store(NowNs()); }
  std::chrono::seconds threshold() const { return threshold_; }
  double SecondsSinceLastRun() const { return (NowNs() - last_ns_.load()) / 1e9; }

 private:
  static int64_t NowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::chrono::seconds threshold_;
  std::atomic<int64_t> last_ns_{0};
};

struct HttpApiContent {
  std::string version;
  nlohmann::json runtime_configuration;  // secrets already masked
  nlohmann::json metrics_declaration;
  bool freshness_check_enabled = true;
};

/// Registers Promitor's HTTP API on `server`: /api/v1/health (200 Healthy / 503 otherwise,
/// `includeDependencies`), /api/v1/system, /api/v1/configuration/runtime and
/// /api/v1/configuration/metric-declaration. The content is captured by value; `freshness` must
/// outlive the server.
void RegisterHttpApi(net::HttpServer& server, HttpApiContent content, const Freshness& freshness);

}  // namespace mensor::agent
