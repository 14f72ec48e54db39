#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mensor/azure/resource_id.hpp"

namespace mensor::agent {

/// Resources whose getBatch answers hold no data at all. getBatch answers for a deleted
/// resource, or one moved to another region, just as for an idle one: with empty series. After
/// `threshold` such answers in a row a resource is due for an ARM resource GET, which tells them
/// apart (404: gone, so its series go the way of any deleted resource's; 200: its region, maybe a
/// new one). One that still exists is checked again only after twice as many silent answers
/// (and at least every 64), so an idle estate costs few calls. Thread-safe.
class SilentResources {
 public:
  explicit SilentResources(int threshold) : threshold_(threshold < 1 ? 1 : threshold) {}

  /// One getBatch answer for the resource: `silent` when no metric held a series.
  void Record(std::string_view resource_id, bool silent);
  /// Whether the resource's existence should be checked before it is asked for again.
  bool Due(std::string_view resource_id) const;
  /// The check found the resource: ask again later, after twice as many silent answers.
  void Exists(std::string_view resource_id);

 private:
  static constexpr int kMaxSpacing = 64;
  struct State {
    int silent = 0;    // answers without data in a row
    int check_at = 0;  // Due once silent reaches this
  };

  const int threshold_;
  // states_.size(), read without the lock: Due() runs for every target of every cycle before the
  // first call leaves, and almost always nothing is silent.
  std::atomic<size_t> tracked_{0};
  mutable std::mutex mutex_;
  std::unordered_map<std::string, State, azure::ResourceIdKeyHash, azure::ResourceIdKeyEqual>
      states_;
};

}  // namespace mensor::agent
