#include "mensor/agent/scheduler.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <boost/asio/post.hpp>

namespace mensor::agent {

Scheduler::Scheduler(boost::asio::io_context& io, Clock clock)
    : io_(io), clock_(std::move(clock)) {}

void Scheduler::Add(std::string name, config::CronExpression cron, Job job) {
  entries_.push_back(
      Entry{std::move(name), std::move(cron), std::move(job), boost::asio::steady_timer(io_)});
}

void Scheduler::Start() {
  for (Entry& entry : entries_) {
    boost::asio::post(io_, [this, &entry] {
      if (stopped_) return;
      entry.job();
      Arm(entry);
    });
  }
}

void Scheduler::Arm(Entry& entry) {
  const auto now = clock_();
  const auto next = entry.cron.Next(std::max(now, entry.armed_for));
  if (!next) {
    spdlog::warn("schedule '{}' ({}) never fires again", entry.name, entry.cron.Text());
    return;
  }
  entry.armed_for = *next;
  entry.timer.expires_after(*next - now);
  entry.timer.async_wait([this, &entry](const boost::system::error_code& error) {
    if (error || stopped_) return;
    entry.job();
    Arm(entry);
  });
}

void Scheduler::Stop() {
  stopped_ = true;
  for (Entry& entry : entries_) entry.timer.cancel();
}

}  // namespace mensor::agent
