// Shared helpers for the simulator tests: a controllable clock, token minting and a tiny
// synchronous HTTP client for the socket tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "simulator.hpp"

namespace mensor::sim::testing {

// 2026-11-28T12:34:30Z: mid-bucket for every grain up to PT1H, so the filling bucket is visible.
TimePoint FixedNow();

// A simulator whose clock reads `*now` (so tests can move time) and whose key is fixed.
std::unique_ptr<Simulator> MakeSimulator(std::shared_ptr<TimePoint> now,
                                         SimulatorOptions options = {});

std::string ArmToken(const Simulator& simulator,
                     const std::string& audience = "https://management.azure.com/");

SimRequest Get(const std::string& target, const std::string& token = "");

inline constexpr const char* kNamespaceId =
    "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1";

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // Lower-cased names.
  std::string body;
};

HttpResult HttpCall(uint16_t port, const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers = {},
                    const std::string& body = "");

}  // namespace mensor::sim::testing
