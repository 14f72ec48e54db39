#include "faults.hpp"

#include <stdexcept>

namespace mensor::sim {

namespace {

std::optional<int> OptionalInt(const nlohmann::json& spec, const char* name, int min, int max) {
  const auto it = spec.find(name);
  if (it == spec.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max) {
    throw std::invalid_argument(std::string("'") + name + "' must be an integer in [" +
                                std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return it->get<int>();
}

}  // namespace

Fault Fault::FromJson(const nlohmann::json& spec) {
  if (!spec.is_object()) throw std::invalid_argument("the fault must be a JSON object");
  Fault fault;
  const auto match = spec.find("match");
  if (match == spec.end() || !match->is_string()) {
    throw std::invalid_argument("'match' (a substring of the request path) is required");
  }
  fault.match = match->get<std::string>();
  fault.status = OptionalInt(spec, "status", 100, 599);
  fault.retry_after = OptionalInt(spec, "retryAfter", 0, 86400);
  fault.remaining = OptionalInt(spec, "count", 1, 1'000'000'000);
  fault.delay_ms = OptionalInt(spec, "delayMs", 0, 600'000).value_or(0);
  if (const auto code = spec.find("code"); code != spec.end()) {
    if (!code->is_string()) throw std::invalid_argument("'code' must be a string");
    fault.code = code->get<std::string>();
  }
  if (!fault.status && fault.delay_ms == 0) {
    throw std::invalid_argument("a fault needs a 'status', a 'delayMs', or both");
  }
  return fault;
}

nlohmann::json Fault::ToJson() const {
  nlohmann::json json = {{"id", id}, {"match", match}, {"delayMs", delay_ms}};
  json["status"] = status ? nlohmann::json(*status) : nlohmann::json();
  json["retryAfter"] = retry_after ? nlohmann::json(*retry_after) : nlohmann::json();
  json["remaining"] = remaining ? nlohmann::json(*remaining) : nlohmann::json();
  if (code) json["code"] = *code;
  return json;
}

int FaultRegistry::Add(Fault fault) {
  fault.id = next_id_++;
  faults_.push_back(std::move(fault));
  return faults_.back().id;
}

std::optional<Fault> FaultRegistry::Take(std::string_view target) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (target.find(it->match) == std::string_view::npos) continue;
    Fault fired = *it;
    if (it->remaining && --*it->remaining == 0) faults_.erase(it);
    return fired;
  }
  return std::nullopt;
}

nlohmann::json FaultRegistry::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& fault : faults_) list.push_back(fault.ToJson());
  return list;
}

}  // namespace mensor::sim
