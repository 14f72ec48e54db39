#include "mensor/agent/sink_worker.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>

#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/status_name.hpp"

namespace mensor::agent {
namespace {

using Clock = std::chrono::steady_clock;

bool Retryable(mensor_status status) {
  return status == MENSOR_E_THROTTLED || status == MENSOR_E_UNAVAILABLE ||
         status == MENSOR_E_TIMEOUT || status == MENSOR_E_UNAUTHENTICATED;
}

int64_t MonoNs(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

struct SinkWorker::State {
  std::string name;
  const mensor_host_ctx* ctx;
  WriteFn write;
  SinkDeliveryOptions options;
  SinkQueue queue;

  std::atomic<bool> abort{false};            // the stop deadline passed: cancel and give up
  std::atomic<int64_t> stop_deadline_ns{0};  // 0 = running normally
  std::mutex wait_mutex;
  std::condition_variable wake;  // interrupts back-off waits on Stop

  mutable std::mutex stats_mutex;
  SinkStats stats;
  uint64_t consecutive_failures = 0;  // worker thread only

  State(std::string name_in, const mensor_host_ctx* ctx_in, WriteFn write_in,
        SinkDeliveryOptions options_in)
      : name(std::move(name_in)),
        ctx(ctx_in),
        write(std::move(write_in)),
        options(options_in),
        queue(options_in.max_queued_samples) {}

  std::optional<Clock::time_point> StopDeadline() const {
    const int64_t ns = stop_deadline_ns.load();
    if (ns == 0) return std::nullopt;
    return Clock::time_point(std::chrono::nanoseconds(ns));
  }
  void Count(uint64_t SinkStats::*field, uint64_t n) {
    std::lock_guard lock(stats_mutex);
    stats.*field += n;
  }
};

SinkWorker::SinkWorker(std::string name, const mensor_host_ctx* ctx, WriteFn write,
                       SinkDeliveryOptions options)
    : state_(std::make_shared<State>(std::move(name), ctx, std::move(write), options)) {}

SinkWorker::~SinkWorker() { Stop(Clock::now()); }

void SinkWorker::Start() {
  if (thread_.joinable() || stopped_) return;
  std::packaged_task<void()> task([state = state_] { Run(state); });
  finished_ = task.get_future();
  thread_ = std::thread(std::move(task));
}

void SinkWorker::Enqueue(SinkQueue::BatchPtr batch) {
  if (const size_t dropped = state_->queue.Push(std::move(batch)); dropped > 0) {
    state_->Count(&SinkStats::samples_dropped, dropped);
    spdlog::warn("sink '{}': queue full ({} samples), dropped the {} oldest sample(s)",
                 state_->name, state_->options.max_queued_samples, dropped);
  }
}

void SinkWorker::RequestStop(Clock::time_point deadline) {
  if (state_->StopDeadline()) return;
  state_->stop_deadline_ns = MonoNs(deadline);
  state_->queue.Close();
  {
    // Taken so a worker between its predicate check and its wait cannot miss the wake-up.
    std::lock_guard lock(state_->wait_mutex);
  }
  state_->wake.notify_all();
}

bool SinkWorker::Stop(Clock::time_point deadline) {
  if (stopped_) return clean_;
  stopped_ = true;
  RequestStop(deadline);
  if (!thread_.joinable()) return clean_;
  if (finished_.wait_until(deadline) != std::future_status::ready) {
    state_->abort = true;
    { std::lock_guard lock(state_->wait_mutex); }
    state_->wake.notify_all();
    state_->queue.Notify();
    if (finished_.wait_for(std::chrono::seconds(1)) != std::future_status::ready) {
      spdlog::error("sink '{}' ignored cancellation and is still writing; leaving it behind",
                    state_->name);
      thread_.detach();
      clean_ = false;
      return false;
    }
  }
  thread_.join();
  return true;
}

SinkStats SinkWorker::Stats() const {
  std::lock_guard lock(state_->stats_mutex);
  SinkStats stats = state_->stats;
  stats.queue_depth = state_->queue.depth_samples();
  return stats;
}

const std::string& SinkWorker::name() const { return state_->name; }

void SinkWorker::Run(const std::shared_ptr<State>& state) {
  // "sink:<name>" in top -H, /proc/<pid>/task/*/comm and debuggers (15 characters at most).
  pthread_setname_np(pthread_self(), ("sink:" + state->name).substr(0, 15).c_str());
  for (;;) {
    std::optional<SinkQueue::BatchPtr> batch = state->queue.Pop(Clock::time_point::max());
    if (!batch) return;  // closed and drained
    Deliver(*state, **batch);
  }
}

void SinkWorker::Deliver(State& state, const mensor_batch& batch) {
  const uint64_t count = batch.samples.size();
  std::chrono::milliseconds backoff = state.options.initial_backoff;
  thread_local std::minstd_rand jitter(std::random_device{}());
  for (;;) {
    const std::optional<Clock::time_point> stop = state.StopDeadline();
    if (state.abort || (stop && Clock::now() >= *stop)) {
      state.Count(&SinkStats::samples_failed, count);
      spdlog::error("sink '{}': shutdown deadline passed, {} sample(s) of {} not delivered",
                    state.name, count, batch.scope);
      return;
    }
    Clock::time_point call_deadline = Clock::now() + state.options.write_timeout;
    if (stop) call_deadline = std::min(call_deadline, *stop);
    mensor_call call;
    call.ctx = state.ctx;
    call.deadline_mono_ns = MonoNs(call_deadline);
    call.cancel_source = &state.abort;
    const Clock::time_point started = Clock::now();
    const mensor_status status = state.write(call, batch);
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (status == MENSOR_OK) {
      std::lock_guard lock(state.stats_mutex);
      state.stats.samples_written += count;
      state.stats.writes += 1;
      state.stats.write_seconds += seconds;
      state.stats.last_write_seconds = seconds;
      if (state.consecutive_failures > 0) {
        spdlog::info("sink '{}' delivers again after {} failed attempt(s)", state.name,
                     state.consecutive_failures);
        state.consecutive_failures = 0;
      }
      return;
    }
    // Built only on failure: the success path runs once per batch (~150,000 a large cycle).
    const std::string error =
        call.error_message.empty() ? std::string(plugin::StatusName(status)) : call.error_message;
    if (!Retryable(status)) {
      state.Count(&SinkStats::samples_failed, count);
      spdlog::error("sink '{}' failed to write {} sample(s) of {}: {}", state.name, count,
                    batch.scope, error);
      return;
    }
    state.Count(&SinkStats::retries, 1);
    // One line when a sink starts failing, then quiet until it recovers.
    if (state.consecutive_failures++ == 0) {
      spdlog::warn("sink '{}' failed to write {} sample(s) of {}: {}; retrying with back-off",
                   state.name, count, batch.scope, error);
    } else {
      spdlog::debug("sink '{}' still failing: {}", state.name, error);
    }
    std::uniform_int_distribution<int64_t> spread(backoff.count() / 2, backoff.count());
    Clock::time_point wake_at = Clock::now() + std::chrono::milliseconds(spread(jitter));
    if (stop) wake_at = std::min(wake_at, *stop);
    {
      std::unique_lock lock(state.wait_mutex);
      state.wake.wait_until(lock, wake_at, [&state, stop] {
        return state.abort.load() || (!stop && state.StopDeadline().has_value());
      });
    }
    backoff = std::min(backoff * 2, state.options.max_backoff);
  }
}

}  // namespace mensor::agent
