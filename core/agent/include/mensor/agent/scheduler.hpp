#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <list>
#include <string>

#include "mensor/config/cron.hpp"

namespace mensor::agent {

/// Runs jobs on cron schedules with Asio timers: each job once right away (as Promitor does), then
/// at every fire time of its cron expression (UTC). Jobs run on the io_context's thread and must
/// not block: a job posts its work elsewhere.
///
/// Wall-clock fire times are re-computed after every run, so clock steps and timer drift do not
/// accumulate. Not thread-safe: call Add/Start/Stop from the io_context's thread or before it runs.
class Scheduler {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  using Job = std::function<void()>;

  explicit Scheduler(
      boost::asio::io_context& io, Clock clock = [] { return std::chrono::system_clock::now(); });

  void Add(std::string name, config::CronExpression cron, Job job);
  void Start();
  void Stop();

 private:
  struct Entry {
    std::string name;
    config::CronExpression cron;
    Job job;
    boost::asio::steady_timer timer;
    // The fire time the timer was armed for: a steady timer may wake a hair before the wall
    // clock reaches it, and computing the next time from `now` would then fire twice.
    std::chrono::system_clock::time_point armed_for{};
  };
  void Arm(Entry& entry);

  boost::asio::io_context& io_;
  Clock clock_;
  std::list<Entry> entries_;  // stable addresses for the timers' handlers
  bool stopped_ = false;
};

}  // namespace mensor::agent
