#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "mensor/abi.h"
#include "mensor/agent/sink_queue.hpp"

namespace mensor::agent {

/// How the host delivers batches to one sink.
struct SinkDeliveryOptions {
  size_t max_queued_samples = 100000;  // past this the oldest queued batches are dropped
  std::chrono::milliseconds write_timeout{30000};  // deadline of one write call
  std::chrono::milliseconds initial_backoff{250};  // first wait after a retryable failure
  std::chrono::milliseconds max_backoff{30000};    // waits double up to this
};

/// Delivery counters of one sink since start (a snapshot).
struct SinkStats {
  uint64_t samples_written = 0;
  uint64_t samples_failed = 0;   // given up: permanent error, or still failing at shutdown
  uint64_t samples_dropped = 0;  // pushed out of a full queue
  uint64_t retries = 0;          // retryable failures that were retried
  uint64_t writes = 0;           // successful write calls
  double write_seconds = 0;      // time spent in successful write calls
  double last_write_seconds = 0;
  size_t queue_depth = 0;  // samples waiting
};

/// One sink's delivery thread: takes batches from its own bounded queue and calls `write` one at
/// a time. Retryable failures (THROTTLED, UNAVAILABLE, TIMEOUT, UNAUTHENTICATED) are retried with
/// exponential back-off and jitter while newer batches queue up behind (dropping the oldest past
/// the bound); other failures give the batch up. Nothing a sink does ever blocks Enqueue.
///
/// Thread-safe: Enqueue and Stats from any thread; Start and Stop from the control thread.
class SinkWorker {
 public:
  using WriteFn = std::function<mensor_status(mensor_call& call, const mensor_batch& batch)>;

  SinkWorker(std::string name, const mensor_host_ctx* ctx, WriteFn write,
             SinkDeliveryOptions options);
  ~SinkWorker();
  SinkWorker(const SinkWorker&) = delete;
  SinkWorker& operator=(const SinkWorker&) = delete;

  void Start();
  void Enqueue(SinkQueue::BatchPtr batch);
  /// Stops taking batches; what is queued is still delivered until `deadline`. Idempotent.
  void RequestStop(std::chrono::steady_clock::time_point deadline);
  /// RequestStop, then waits: delivers what is queued until `deadline`; then cancels the write
  /// in progress and counts the rest as failed. Returns false if a write ignored cancellation
  /// and was still running a second past the deadline: the thread is then left behind (detached)
  /// and the caller must not touch the sink instance again. Idempotent.
  bool Stop(std::chrono::steady_clock::time_point deadline);

  SinkStats Stats() const;
  const std::string& name() const;

 private:
  struct State;
  static void Run(const std::shared_ptr<State>& state);
  static void Deliver(State& state, const mensor_batch& batch);

  std::shared_ptr<State> state_;
  std::thread thread_;
  std::future<void> finished_;
  bool stopped_ = false;
  bool clean_ = true;
};

}  // namespace mensor::agent
