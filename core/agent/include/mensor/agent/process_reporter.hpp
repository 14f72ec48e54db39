#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "mensor/agent/sample_writer.hpp"

namespace mensor::agent {

/// Writes the process's own figures (CPU, memory, descriptors, threads), and those of any added
/// source (e.g. sink delivery counters), to the sinks right away and then every `period`. Reading
/// /proc happens on the worker pool, never on the io thread.
///
/// Start/Stop on the io_context's thread.
class ProcessReporter {
 public:
  ProcessReporter(boost::asio::io_context& io, boost::asio::thread_pool& workers,
                  SampleWriter& writer, std::chrono::seconds period = std::chrono::seconds(10));

  /// Samples a source produces at each report, written under `scope`. Before Start only.
  using Source = std::function<std::vector<MeasuredSample>(int64_t now_unix_ns)>;
  void AddSource(std::string scope, Source source);

  void Start();
  void Stop();

 private:
  void Report();
  void Arm();

  boost::asio::steady_timer timer_;
  boost::asio::thread_pool& workers_;
  SampleWriter& writer_;
  std::chrono::seconds period_;
  bool stopped_ = false;
  std::vector<std::pair<std::string, Source>> sources_;
};

}  // namespace mensor::agent
