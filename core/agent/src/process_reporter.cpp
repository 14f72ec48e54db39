#include "mensor/agent/process_reporter.hpp"

#include <boost/asio/post.hpp>

#include "mensor/agent/process_metrics.hpp"

namespace mensor::agent {

ProcessReporter::ProcessReporter(boost::asio::io_context& io, boost::asio::thread_pool& workers,
                                 SampleWriter& writer, std::chrono::seconds period,
                                 std::function<void()> also)
    : timer_(io), workers_(workers), writer_(writer), period_(period), also_(std::move(also)) {}

void ProcessReporter::Start() {
  Report();
  Arm();
}

void ProcessReporter::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void ProcessReporter::Report() {
  boost::asio::post(workers_, [this] {
    if (also_) also_();
    const auto stats = ReadProcessStats();
    if (!stats) return;
    const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    writer_.Write("mensor/self/process", ProcessSamples(*stats, now_ns));
  });
}

void ProcessReporter::Arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopped_) return;
    Report();
    Arm();
  });
}

}  // namespace mensor::agent
