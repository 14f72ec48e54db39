#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "mensor/abi.h"
#include "mensor/agent/sample_writer.hpp"
#include "mensor/agent/sink_worker.hpp"
#include "mensor/plugin/detail/config.hpp"

namespace mensor::agent {

/// The configured sink instances, each behind its own bounded queue and delivery thread
/// (SinkWorker). Write() only enqueues: a sink that blocks, fails or is unreachable never delays
/// the scrape or the other sinks; it is retried with back-off and loses its oldest queued data
/// past the bound (counted). Calls on one instance never overlap (one worker each, T2).
/// Thread-safe, except Create/StartAll/StopAll (control thread).
class SinkSet final : public SampleWriter {
 public:
  static constexpr std::chrono::milliseconds kDefaultFlushTimeout{5000};

  SinkSet() = default;
  ~SinkSet() override;
  SinkSet(const SinkSet&) = delete;
  SinkSet& operator=(const SinkSet&) = delete;

  /// Creates an instance of `desc` from `config` (which must outlive the set). Throws
  /// std::runtime_error with the plugin's message on failure.
  void Create(const std::string& name, const mensor_sink_desc& desc,
              std::unique_ptr<mensor_config> config, const std::string& library,
              SinkDeliveryOptions delivery = {});
  /// Starts every sink (pull sinks register their routes) and its delivery thread. Throws on the
  /// first failure.
  void StartAll();
  /// Delivers what is queued, for at most `flush_timeout` in all, then stops and destroys every
  /// sink in reverse creation order. Idempotent.
  void StopAll(std::chrono::milliseconds flush_timeout = kDefaultFlushTimeout);

  void Write(const std::string& scope, std::vector<MeasuredSample> samples) override;

  size_t size() const { return sinks_.size(); }
  std::vector<std::string> Names() const;
  /// Delivery counters per sink, in creation order.
  std::vector<std::pair<std::string, SinkStats>> Stats() const;

 private:
  struct Instance {
    std::string name;
    mensor_sink_desc desc;
    std::unique_ptr<mensor_config> config;
    std::unique_ptr<mensor_host_ctx> ctx;
    void* instance = nullptr;
    bool started = false;
    std::unique_ptr<SinkWorker> worker;
  };
  std::vector<std::unique_ptr<Instance>> sinks_;
};

/// The delivery counters as self-metrics (mensor_sink_*{sink="<name>"}), for the sinks themselves.
std::vector<MeasuredSample> SinkStatsSamples(
    const std::vector<std::pair<std::string, SinkStats>>& stats, int64_t now_unix_ns);

}  // namespace mensor::agent
