#include "mensor/agent/sink_set.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "mensor/agent/plugin_create_error.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {

// One immutable batch shared by every sink's queue. The label views batch_at hands out are built
// here, before the batch is shared, so concurrent readers never mutate it.
std::shared_ptr<const mensor_batch> ToBatch(const std::string& scope,
                                            std::vector<MeasuredSample> samples) {
  auto batch = std::make_shared<mensor_batch>();
  batch->scope = scope;
  batch->samples.reserve(samples.size());
  for (MeasuredSample& sample : samples) {
    mensor_batch::Sample out;
    out.name = std::move(sample.name);
    out.description = std::move(sample.description);
    out.kind = sample.counter ? MENSOR_METRIC_COUNTER : MENSOR_METRIC_GAUGE;
    out.has_value = sample.has_value;
    out.value = sample.value;
    out.timestamp_unix_ns = sample.timestamp_unix_ns;
    out.labels = std::move(sample.labels);
    batch->samples.push_back(std::move(out));
  }
  for (auto& sample : batch->samples) {
    sample.label_views.reserve(sample.labels.size());
    for (const auto& [name, value] : sample.labels) {
      sample.label_views.push_back(
          mensor_label{{name.data(), name.size()}, {value.data(), value.size()}});
    }
  }
  return batch;
}

}  // namespace

SinkSet::~SinkSet() { StopAll(std::chrono::milliseconds(0)); }

void SinkSet::Create(const std::string& name, const mensor_sink_desc& desc,
                     std::unique_ptr<mensor_config> config, const std::string& library,
                     SinkDeliveryOptions delivery) {
  auto sink = std::make_unique<Instance>();
  sink->name = name;
  sink->desc = desc;
  sink->config = std::move(config);
  sink->ctx = std::make_unique<mensor_host_ctx>();
  sink->ctx->plugin = library;
  sink->ctx->instance = name;
  mensor_call call;
  call.ctx = sink->ctx.get();
  const mensor_status status =
      desc.create(sink->ctx.get(), sink->config.get(), &call, &sink->instance);
  if (status != MENSOR_OK || sink->instance == nullptr) {
    ThrowCreateFailure("sink '" + name + "' could not be created", status, call);
  }
  Instance* raw = sink.get();
  sink->worker = std::make_unique<SinkWorker>(
      name, sink->ctx.get(),
      [raw](mensor_call& write_call, const mensor_batch& batch) {
        return raw->desc.write(raw->instance, &write_call, &batch);
      },
      delivery);
  sinks_.push_back(std::move(sink));
}

void SinkSet::StartAll() {
  for (auto& sink : sinks_) {
    mensor_call call;
    call.ctx = sink->ctx.get();
    const mensor_status status = sink->desc.start(sink->instance, &call);
    if (status != MENSOR_OK) {
      throw std::runtime_error("sink '" + sink->name + "' could not start: " + call.error_message);
    }
    sink->started = true;
    sink->worker->Start();
  }
}

void SinkSet::StopAll(std::chrono::milliseconds flush_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + flush_timeout;
  // Every worker learns the deadline first, so all sinks flush in parallel.
  for (auto& sink : sinks_) sink->worker->RequestStop(deadline);
  std::vector<bool> clean;
  for (auto& sink : sinks_) clean.push_back(sink->worker->Stop(deadline));
  for (size_t i = sinks_.size(); i-- > 0;) {
    Instance& sink = *sinks_[i];
    if (sink.instance == nullptr) continue;
    if (!clean[i]) {
      // Its thread is still inside write(): stop/destroy would race it (T1). The process is
      // exiting; the instance is left alone.
      spdlog::error("sink '{}' is not stopped cleanly", sink.name);
      continue;
    }
    if (sink.started) sink.desc.stop(sink.instance);
    sink.desc.destroy(sink.instance);
    sink.instance = nullptr;
    sink.started = false;
  }
}

void SinkSet::Write(const std::string& scope, std::vector<MeasuredSample> samples) {
  if (sinks_.empty()) return;
  std::shared_ptr<const mensor_batch> batch = ToBatch(scope, std::move(samples));
  for (auto& sink : sinks_) sink->worker->Enqueue(batch);
}

std::vector<std::string> SinkSet::Names() const {
  std::vector<std::string> names;
  for (const auto& sink : sinks_) names.push_back(sink->name);
  return names;
}

std::vector<std::pair<std::string, SinkStats>> SinkSet::Stats() const {
  std::vector<std::pair<std::string, SinkStats>> stats;
  for (const auto& sink : sinks_) stats.emplace_back(sink->name, sink->worker->Stats());
  return stats;
}

}  // namespace mensor::agent
