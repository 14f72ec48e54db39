#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {

/// The batches waiting for one sink, bounded by a number of samples: a push past the bound drops
/// the oldest batches (counted), so a sink that is slow or down costs bounded memory and never
/// makes a writer wait. One batch larger than the bound on its own is still kept.
///
/// Thread-safe: any number of pushers, one popper (the sink's worker).
class SinkQueue {
 public:
  using BatchPtr = std::shared_ptr<const mensor_batch>;

  explicit SinkQueue(size_t max_samples) : max_samples_(max_samples) {}

  /// Appends `batch`; returns how many samples were dropped (oldest first) to stay in bounds.
  /// Ignored after Close().
  size_t Push(BatchPtr batch);
  /// The oldest batch; waits until there is one, the queue is closed and empty (nullopt) or
  /// `until` passes (nullopt).
  std::optional<BatchPtr> Pop(std::chrono::steady_clock::time_point until);
  /// No more pushes; Pop drains what is left and then returns nullopt at once.
  void Close();
  /// Wakes a Pop (and any WaitClosed) without closing, e.g. to re-check a stop deadline.
  void Notify();
  /// Waits until Close() or `until`; returns whether the queue is closed.
  bool WaitClosed(std::chrono::steady_clock::time_point until);

  size_t depth_samples() const;
  size_t depth_batches() const;
  bool closed() const;

 private:
  const size_t max_samples_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<BatchPtr> batches_;
  size_t samples_ = 0;
  bool closed_ = false;
};

}  // namespace mensor::agent
