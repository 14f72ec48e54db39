// Injected failures and latency, configured through POST /_sim/faults.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mensor::sim {

struct Fault {
  int id = 0;
  std::string match;               // Substring of the request target (path and query).
  std::optional<int> status;       // Nothing: only delay, then answer normally.
  std::optional<int> retry_after;  // Seconds, sent as Retry-After.
  std::optional<int> remaining;    // Nothing: fires until cleared.
  int delay_ms = 0;
  std::optional<std::string> code;  // Overrides the error code in the body.

  // Throws std::invalid_argument on a malformed specification.
  static Fault FromJson(const nlohmann::json& spec);
  nlohmann::json ToJson() const;
};

class FaultRegistry {
 public:
  int Add(Fault fault);
  // The first matching fault with firings left, consuming one firing.
  std::optional<Fault> Take(std::string_view target);
  void Clear() { faults_.clear(); }
  nlohmann::json ToJson() const;

 private:
  std::vector<Fault> faults_;
  int next_id_ = 1;
};

}  // namespace mensor::sim
