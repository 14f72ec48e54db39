#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mensor/abi.h"
#include "mensor/agent/sample_writer.hpp"
#include "mensor/plugin/detail/config.hpp"

namespace mensor::agent {

/// The configured sink instances. Write() hands the same samples to every sink in turn.
///
/// A sink that fails (error status) is logged and skipped; it never affects the other sinks or
/// the scrape. Calls on one sink instance are serialised (T2 of abi.h) unless its descriptor sets
/// MENSOR_FLAG_CONCURRENT. Thread-safe.
class SinkSet final : public SampleWriter {
 public:
  SinkSet() = default;
  ~SinkSet() override;
  SinkSet(const SinkSet&) = delete;
  SinkSet& operator=(const SinkSet&) = delete;

  /// Creates an instance of `desc` from `config` (which must outlive the set). Throws
  /// std::runtime_error with the plugin's message on failure.
  void Create(const std::string& name, const mensor_sink_desc& desc,
              std::unique_ptr<mensor_config> config, const std::string& library);
  /// Starts every sink (pull sinks register their routes). Throws on the first failure.
  void StartAll();
  /// Stops and destroys every sink, in reverse creation order. Idempotent.
  void StopAll();

  void Write(const std::string& scope, const std::vector<MeasuredSample>& samples) override;

  size_t size() const { return sinks_.size(); }
  std::vector<std::string> Names() const;

 private:
  struct Instance {
    std::string name;
    mensor_sink_desc desc;
    std::unique_ptr<mensor_config> config;
    std::unique_ptr<mensor_host_ctx> ctx;
    void* instance = nullptr;
    bool started = false;
    std::mutex mutex;
  };
  std::vector<std::unique_ptr<Instance>> sinks_;
};

}  // namespace mensor::agent
