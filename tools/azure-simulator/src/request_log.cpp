#include "request_log.hpp"

#include "http_types.hpp"

namespace mensor::sim {

namespace {
constexpr std::string_view kSecretParameters[] = {"client_secret", "client_assertion", "sig",
                                                  "code",          "access_token",     "token"};
}

std::string RedactTarget(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, question + 1));
  bool first = true;
  for (const auto& pair : Split(target.substr(question + 1), '&')) {
    const auto name = std::string_view(pair).substr(0, pair.find('='));
    bool secret = false;
    for (auto candidate : kSecretParameters) secret = secret || EqualsIgnoreCase(name, candidate);
    out += (first ? "" : "&") + (secret ? std::string(name) + "=REDACTED" : pair);
    first = false;
  }
  return out;
}

void RequestLog::Record(std::string_view method, std::string_view target, int status,
                        std::string_view kind) {
  ++total_;
  recent_.push_back({std::string(method), RedactTarget(target), status, std::string(kind)});
  while (recent_.size() > history_) recent_.pop_front();
}

int64_t RequestLog::Get(std::string_view counter) const {
  const auto it = counts_.find(counter);
  return it == counts_.end() ? 0 : it->second;
}

void RequestLog::Reset() {
  counts_.clear();
  recent_.clear();
  total_ = 0;
}

nlohmann::json RequestLog::ToJson() const {
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [name, count] : counts_) counts[name] = count;
  nlohmann::json recent = nlohmann::json::array();
  for (const auto& entry : recent_) {
    recent.push_back({{"method", entry.method},
                      {"target", entry.target},
                      {"status", entry.status},
                      {"kind", entry.kind},
                      {"line", entry.method + " " + entry.target}});
  }
  return {{"total", total_}, {"counts", std::move(counts)}, {"recent", std::move(recent)}};
}

}  // namespace mensor::sim
