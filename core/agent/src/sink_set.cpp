#include "mensor/agent/sink_set.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "mensor/agent/plugin_create_error.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/detail/results.hpp"

namespace mensor::agent {
namespace {

mensor_batch ToBatch(const std::string& scope, const std::vector<MeasuredSample>& samples) {
  mensor_batch batch;
  batch.scope = scope;
  batch.samples.reserve(samples.size());
  for (const MeasuredSample& sample : samples) {
    mensor_batch::Sample out;
    out.name = sample.name;
    out.description = sample.description;
    out.kind = sample.counter ? MENSOR_METRIC_COUNTER : MENSOR_METRIC_GAUGE;
    out.has_value = sample.has_value;
    out.value = sample.value;
    out.timestamp_unix_ns = sample.timestamp_unix_ns;
    out.labels = sample.labels;
    batch.samples.push_back(std::move(out));
  }
  return batch;
}

}  // namespace

SinkSet::~SinkSet() { StopAll(); }

void SinkSet::Create(const std::string& name, const mensor_sink_desc& desc,
                     std::unique_ptr<mensor_config> config, const std::string& library) {
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
  }
}

void SinkSet::StopAll() {
  for (auto it = sinks_.rbegin(); it != sinks_.rend(); ++it) {
    Instance& sink = **it;
    std::lock_guard lock(sink.mutex);
    if (sink.instance == nullptr) continue;
    if (sink.started) sink.desc.stop(sink.instance);
    sink.desc.destroy(sink.instance);
    sink.instance = nullptr;
    sink.started = false;
  }
}

void SinkSet::Write(const std::string& scope, const std::vector<MeasuredSample>& samples) {
  const mensor_batch batch = ToBatch(scope, samples);
  for (auto& sink : sinks_) {
    std::unique_lock lock(sink->mutex, std::defer_lock);
    if ((sink->desc.flags & MENSOR_FLAG_CONCURRENT) == 0) lock.lock();
    if (sink->instance == nullptr) continue;
    mensor_call call;
    call.ctx = sink->ctx.get();
    const mensor_status status = sink->desc.write(sink->instance, &call, &batch);
    if (status != MENSOR_OK) {
      spdlog::error(
          "sink '{}' failed to write {} sample(s) of {}: {}", sink->name, samples.size(), scope,
          call.error_message.empty() ? "status " + std::to_string(status) : call.error_message);
    }
  }
}

std::vector<std::string> SinkSet::Names() const {
  std::vector<std::string> names;
  for (const auto& sink : sinks_) names.push_back(sink->name);
  return names;
}

}  // namespace mensor::agent
