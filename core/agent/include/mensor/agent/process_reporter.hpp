#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>

#include "mensor/agent/sample_writer.hpp"

namespace mensor::agent {

/// Writes the process's own figures (CPU, memory, descriptors, threads) to the sinks right away
/// and then every `period`, and runs `also` (other periodic self-metrics, e.g. token expiry) on
/// the same beat. Reading /proc happens on the worker pool, never on the io thread.
///
/// Start/Stop on the io_context's thread.
class ProcessReporter {
 public:
  ProcessReporter(boost::asio::io_context& io, boost::asio::thread_pool& workers,
                  SampleWriter& writer, std::chrono::seconds period = std::chrono::seconds(10),
                  std::function<void()> also = nullptr);

  void Start();
  void Stop();

 private:
  void Report();
  void Arm();

  boost::asio::steady_timer timer_;
  boost::asio::thread_pool& workers_;
  SampleWriter& writer_;
  std::chrono::seconds period_;
  std::function<void()> also_;
  bool stopped_ = false;
};

}  // namespace mensor::agent
