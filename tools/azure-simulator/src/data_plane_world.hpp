// The simulated data-plane estate: Storage queues and Log Analytics workspaces.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace mensor::sim {

struct QueueState {
  long long message_count = 0;
  long long oldest_message_age_seconds = 0;  // of the first message; meaningless when empty
};

// World file keys (both optional):
//   "storageAccounts": {"acct": {"sasSignature": "sig", "queues": {"q": {"messageCount": 5,
//                       "oldestMessageAgeSeconds": 42}}}}
//   "logAnalyticsWorkspaces": {"workspace-id": {"result": 12.5}}
// An open world also has every other account, queue and workspace, with values drawn from a
// stable hash; every account then accepts kDefaultSasSignature.
class DataPlaneWorld {
 public:
  static constexpr std::string_view kDefaultSasSignature = "sim-sas-signature";

  DataPlaneWorld(uint64_t seed = 0, bool open = true) : seed_(seed), open_(open) {}
  // Throws std::runtime_error on invalid content.
  static DataPlaneWorld FromJson(const nlohmann::json& document, uint64_t seed, bool open);

  // The signature a SAS for `account` must carry; nullopt when the account does not exist.
  std::optional<std::string> SasSignature(std::string_view account) const;
  std::optional<QueueState> Queue(std::string_view account, std::string_view queue,
                                  TimePoint now) const;
  // The query result of a workspace; nullopt when it does not exist.
  std::optional<double> WorkspaceResult(std::string_view workspace, std::string_view query,
                                        TimePoint now) const;

 private:
  struct Account {
    std::string sas_signature;
    std::map<std::string, QueueState> queues;
  };
  uint64_t seed_;
  bool open_;
  std::map<std::string, Account> accounts_;
  std::map<std::string, double> workspaces_;
};

}  // namespace mensor::sim
