// Request counters and a bounded history for GET /_sim/requests. Only method, path and query
// are kept: never headers (Authorization) nor bodies (client secrets).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mensor::sim {

class RequestLog {
 public:
  explicit RequestLog(size_t history = 200) : history_(history) {}

  void Count(std::string_view counter) { ++counts_[std::string(counter)]; }
  void Record(std::string_view method, std::string_view target, int status, std::string_view kind);
  int64_t Get(std::string_view counter) const;
  void Reset();
  nlohmann::json ToJson() const;

 private:
  struct Entry {
    std::string method;
    std::string target;
    int status;
    std::string kind;
  };

  size_t history_;
  std::map<std::string, int64_t, std::less<>> counts_;
  std::deque<Entry> recent_;
  int64_t total_ = 0;
};

// Replaces the values of secret-bearing query parameters.
std::string RedactTarget(std::string_view target);

}  // namespace mensor::sim
