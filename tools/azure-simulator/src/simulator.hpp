// The request router: classifies a request (IMDS, App Service identity, Entra, ARM metrics,
// control API), applies injected faults, ARM authentication and the read budget, dispatches, and
// keeps the counters. Transport-free so tests can drive it directly; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "arm_metrics.hpp"
#include "batch_metrics.hpp"
#include "entra.hpp"
#include "faults.hpp"
#include "log_analytics_api.hpp"
#include "managed_identity.hpp"
#include "read_budget.hpp"
#include "request_log.hpp"
#include "resource_graph.hpp"
#include "storage_queue_api.hpp"
#include "token.hpp"
#include "world.hpp"

namespace mensor::sim {

struct SimulatorOptions {
  uint64_t seed = 0;
  std::chrono::seconds token_lifetime{3600};
  std::vector<ClientRegistration> clients = {{"sim-client-id", "sim-client-secret", {}, {}}};
  std::string identity_header = "sim-identity-header";
  int64_t arm_read_budget = 12000;
  int64_t batch_budget = 1'000'000;          // getBatch calls per subscription and hour; then 529
  std::chrono::milliseconds latency{0};      // added to every ARM and getBatch answer
  std::optional<World> world;                // Nothing: the open default world.
  std::function<Clock::time_point()> clock;  // Nothing: the system clock.
  std::optional<std::string> signing_key;    // Nothing: random per process.
  std::string arc_key_directory;             // Empty: Azure Arc's endpoint answers 404.
};

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options);

  SimResponse Handle(const SimRequest& request);

  TimePoint Now() const;
  const TokenIssuer& issuer() const { return issuer_; }

 private:
  enum class Kind {
    kImds,
    kAppServiceIdentity,
    kArcIdentity,
    kEntraToken,
    kMetrics,
    kMetricDefinitions,
    kMetricNamespaces,
    kArmOther,
    kStorageQueue,
    kLogAnalytics,
    kBatch,
    kResource,
    kResourceGraph,
    kUnknown
  };
  struct Route {
    Kind kind = Kind::kUnknown;
    std::string tenant;           // Entra.
    std::optional<ArmRoute> arm;  // ARM metrics operations.
    std::optional<BatchRoute> batch;
  };

  static Route Classify(const SimRequest& request);
  static std::string_view KindName(Kind kind);
  static bool IsArm(Kind kind);

  SimResponse Dispatch(const SimRequest& request, const Route& route, TimePoint now);
  SimResponse HandleArm(const SimRequest& request, const Route& route, TimePoint now);
  SimResponse HandleBatch(const SimRequest& request, const Route& route, TimePoint now);
  SimResponse HandleResourceGraph(const SimRequest& request, TimePoint now);
  SimResponse FaultResponse(const SimRequest& request, const Route& route, const Fault& fault,
                            TimePoint now) const;
  SimResponse HandleControl(const SimRequest& request, TimePoint now);
  void CountStatus(int status);

  SimulatorOptions options_;
  TokenIssuer issuer_;
  World world_;
  EntraEndpoint entra_;
  ArcIdentityEndpoint arc_;
  ArmMetricsApi arm_;
  StorageQueueApi storage_queue_;
  LogAnalyticsApi log_analytics_;
  BatchMetricsApi batch_;
  ResourceGraphApi graph_;
  ReadBudget budget_;
  ReadBudget batch_budget_;
  FaultRegistry faults_;
  RequestLog log_;
  mutable std::mutex mutex_;
};

}  // namespace mensor::sim
