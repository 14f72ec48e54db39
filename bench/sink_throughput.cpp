// Throughput of one sink through the real host path: plugin .so loaded by the plugin loader,
// SinkSet queue, the sink's own delivery thread, a real receiver. Prints samples per second of
// wall time and per CPU-second of the sink's delivery thread (so: on one core).
//
//   mensor-sink-bench <plugin-dir> <sink name> <config yaml> [samples per batch] [batches]
//
// bench/sink_throughput.py starts the receivers and runs this for every sink.
#include <fmt/format.h>

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "mensor/agent/sink_set.hpp"
#include "mensor/plugin/detail/call.hpp"
#include "mensor/plugin/host_api.hpp"
#include "mensor/plugin/plugin_loader.hpp"
#include "mensor/plugin/plugin_registry.hpp"

namespace {

using namespace mensor;

// utime + stime of this process's thread named `comm`, in seconds.
double ThreadCpuSeconds(const std::string& comm) {
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream name_file(task.path() / "comm");
    std::string name;
    std::getline(name_file, name);
    if (name != comm) continue;
    std::ifstream stat_file(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), {});
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stod(field);
      if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / ticks;
  }
  return -1;
}

std::vector<agent::MeasuredSample> Batch(int batch, int size, int64_t now_ns) {
  std::vector<agent::MeasuredSample> samples;
  for (int i = 0; i < size; ++i) {
    samples.push_back(
        agent::MeasuredSample{"azure_service_bus_active_messages",
                              "Amount of active messages",
                              true,
                              static_cast<double>(batch * 7 + i),
                              now_ns,
                              {{"resource_group", "PromitorWithManagedIdentityRG"},
                               {"subscription_id", "0f9d7fea-99e8-4768-8672-06a28514f77e"},
                               {"resource_uri",
                                "subscriptions/0f9d7fea-99e8-4768-8672-06a28514f77e/resourceGroups/"
                                "PromitorWithManagedIdentityRG/providers/Microsoft.ServiceBus/"
                                "namespaces/PromitorUniqueNameServiceBus"},
                               {"instance_name", "PromitorUniqueNameServiceBus"},
                               {"entity_name", "queue-" + std::to_string(i)},
                               {"tenant_id", "c8819874-9e56-4e3f-b1a8-1c0325138f27"}}});
  }
  return samples;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s <plugin-dir> <sink> <config yaml> [per batch] [batches]\n",
                 argv[0]);
    return 2;
  }
  const std::string sink = argv[2];
  const int per_batch = argc > 4 ? std::stoi(argv[4]) : 1000;
  const int batches = argc > 5 ? std::stoi(argv[5]) : 100;
  plugin::PluginRegistry registry(plugin::HostApi());
  registry.AddAll(plugin::PluginLoader::Scan({argv[1]}));
  registry.RegisterAll();
  const auto type = registry.FindSink(sink);
  if (!type) {
    std::fprintf(stderr, "no sink '%s' in %s\n", sink.c_str(), argv[1]);
    return 2;
  }
  agent::SinkSet sinks;
  agent::SinkDeliveryOptions delivery;
  delivery.max_queued_samples = static_cast<size_t>(per_batch) * batches + 1;  // measure, not drop
  sinks.Create(
      sink, type->desc,
      std::make_unique<mensor_config>(YAML::Load(argv[3]), "bench", true, type->desc.config),
      type->library, delivery);
  sinks.StartAll();
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  std::vector<std::vector<agent::MeasuredSample>> prepared;
  for (int b = 0; b < batches; ++b) prepared.push_back(Batch(b, per_batch, now_ns + b * 1000000));
  const std::string comm = ("sink:" + sink).substr(0, 15);
  // The worker names itself when it starts running; wait for it so the baseline is its own.
  double cpu_before = ThreadCpuSeconds(comm);
  while (cpu_before < 0) {
    usleep(1000);
    cpu_before = ThreadCpuSeconds(comm);
  }
  const auto start = std::chrono::steady_clock::now();
  for (int b = 0; b < batches; ++b) sinks.Write("bench/" + std::to_string(b), prepared[b]);
  // Wait for the queue to drain: the counters say when every sample was handled.
  for (;;) {
    const agent::SinkStats stats = sinks.Stats().front().second;
    if (stats.samples_written + stats.samples_failed + stats.samples_dropped >=
        static_cast<uint64_t>(per_batch) * batches) {
      break;
    }
    usleep(1000);
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = ThreadCpuSeconds(comm) - cpu_before;
  const agent::SinkStats stats = sinks.Stats().front().second;
  sinks.StopAll(std::chrono::seconds(5));
  const double total = static_cast<double>(per_batch) * batches;
  fmt::print(
      "{:<28} {:>9.0f} samples  wall {:>7.3f} s  {:>10.0f} samples/s  sink thread CPU "
      "{:>7.3f} s  {:>10.0f} samples/CPU-s  written {} failed {} retries {}\n",
      sink, total, wall, total / wall, cpu, cpu > 0 ? total / cpu : 0.0, stats.samples_written,
      stats.samples_failed, stats.retries);
  return stats.samples_written == total ? 0 : 1;
}
