#include "data_plane_world.hpp"

#include <stdexcept>

#include "crypto.hpp"

namespace mensor::sim {
namespace {

long long HashBelow(std::string_view key, uint64_t seed, long long limit) {
  return static_cast<long long>(StableHash(key, seed) % static_cast<uint64_t>(limit));
}

long long ReadCount(const nlohmann::json& object, const char* key, const std::string& where) {
  if (!object.contains(key)) return 0;
  if (!object[key].is_number_integer() || object[key].get<long long>() < 0) {
    throw std::runtime_error(where + "." + key + ": expected a non-negative integer");
  }
  return object[key].get<long long>();
}

}  // namespace

DataPlaneWorld DataPlaneWorld::FromJson(const nlohmann::json& document, uint64_t seed, bool open) {
  DataPlaneWorld world(seed, open);
  if (const auto accounts = document.find("storageAccounts"); accounts != document.end()) {
    if (!accounts->is_object())
      throw std::runtime_error("world: 'storageAccounts' must be an object");
    for (const auto& [name, entry] : accounts->items()) {
      const std::string where = "world: storage account '" + name + "'";
      if (!entry.is_object()) throw std::runtime_error(where + " must be an object");
      Account account{entry.value("sasSignature", std::string(kDefaultSasSignature)), {}};
      // Kept in a local: items() of a temporary would dangle.
      const nlohmann::json queues = entry.value("queues", nlohmann::json::object());
      if (!queues.is_object()) throw std::runtime_error(where + ": 'queues' must be an object");
      for (const auto& [queue, state] : queues.items()) {
        if (!state.is_object())
          throw std::runtime_error(where + " queue '" + queue + "' must be an object");
        account.queues[queue] =
            QueueState{ReadCount(state, "messageCount", where + "." + queue),
                       ReadCount(state, "oldestMessageAgeSeconds", where + "." + queue)};
      }
      world.accounts_[name] = std::move(account);
    }
  }
  if (const auto workspaces = document.find("logAnalyticsWorkspaces");
      workspaces != document.end()) {
    if (!workspaces->is_object()) {
      throw std::runtime_error("world: 'logAnalyticsWorkspaces' must be an object");
    }
    for (const auto& [id, entry] : workspaces->items()) {
      if (!entry.is_object() || !entry.value("result", nlohmann::json()).is_number()) {
        throw std::runtime_error("world: workspace '" + id + "' needs a numeric 'result'");
      }
      world.workspaces_[id] = entry["result"].get<double>();
    }
  }
  return world;
}

std::optional<std::string> DataPlaneWorld::SasSignature(std::string_view account) const {
  if (auto it = accounts_.find(std::string(account)); it != accounts_.end()) {
    return it->second.sas_signature;
  }
  if (open_) return std::string(kDefaultSasSignature);
  return std::nullopt;
}

std::optional<QueueState> DataPlaneWorld::Queue(std::string_view account, std::string_view queue,
                                                TimePoint now) const {
  if (auto it = accounts_.find(std::string(account)); it != accounts_.end()) {
    if (auto q = it->second.queues.find(std::string(queue)); q != it->second.queues.end()) {
      return q->second;
    }
    return std::nullopt;
  }
  if (!open_) return std::nullopt;
  // Messages come and go minute by minute, as on a busy queue.
  const std::string key = std::string(account) + "/" + std::string(queue) + "@" +
                          std::to_string(now.time_since_epoch().count() / 60);
  QueueState state;
  state.message_count = HashBelow(key, seed_, 100);
  state.oldest_message_age_seconds =
      state.message_count == 0 ? 0 : 1 + HashBelow(key + "age", seed_, 600);
  return state;
}

std::optional<double> DataPlaneWorld::WorkspaceResult(std::string_view workspace,
                                                      std::string_view query, TimePoint now) const {
  if (auto it = workspaces_.find(std::string(workspace)); it != workspaces_.end()) {
    return it->second;
  }
  if (!open_) return std::nullopt;
  const std::string key = std::string(workspace) + "|" + std::string(query) + "@" +
                          std::to_string(now.time_since_epoch().count() / 60);
  return static_cast<double>(HashBelow(key, seed_, 1000));
}

}  // namespace mensor::sim
