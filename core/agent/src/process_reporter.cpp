#include "mensor/agent/process_reporter.hpp"

#include <boost/asio/post.hpp>

#include "mensor/agent/process_metrics.hpp"

namespace mensor::agent {

ProcessReporter::ProcessReporter(boost::asio::io_context& io, boost::asio::thread_pool& workers,
                                 SampleWriter& writer, std::chrono::seconds period)
    : timer_(io), workers_(workers), writer_(writer), period_(period) {}

void ProcessReporter::AddSource(std::string scope, Source source) {
  sources_.emplace_back(std::move(scope), std::move(source));
}

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
    const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    if (const auto stats = ReadProcessStats()) {
      writer_.Write("mensor/self/process", ProcessSamples(*stats, now_ns));
    }
    for (const auto& [scope, source] : sources_) writer_.Write(scope, source(now_ns));
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
