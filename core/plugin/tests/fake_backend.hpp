#pragma once

#include <map>
#include <string>
#include <vector>

#include <mensor/plugin/host_api.hpp>
#include <mensor/plugin/host_backend.hpp>

namespace mensor::plugin::testing {

// Scripted HostBackend: records requests, returns `next_result`, a manual clock, a map for env.
class FakeBackend : public HostBackend {
 public:
  HttpResult HttpSend(const HttpCall& call, int64_t deadline_mono_ns) override {
    calls.push_back(call);
    last_deadline = deadline_mono_ns;
    mono_ns += advance_on_send_ns;
    return next_result;
  }
  bool AddRoute(std::string path, RouteFn handler) override {
    return routes.try_emplace(std::move(path), std::move(handler)).second;
  }
  std::optional<std::string> GetEnv(const char* name) override {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  }
  int64_t NowUnixNs() override { return unix_ns; }
  int64_t NowMonoNs() override { return mono_ns; }

  std::vector<HttpCall> calls;
  int64_t last_deadline = -1;
  HttpResult next_result;
  int64_t advance_on_send_ns = 0;
  std::map<std::string, RouteFn> routes;
  std::map<std::string, std::string> env;
  int64_t unix_ns = 1'700'000'000'000'000'000;
  int64_t mono_ns = 1'000'000'000;
};

// Installs a FakeBackend for the lifetime of the object.
class ScopedBackend {
 public:
  explicit ScopedBackend(HostBackend* backend) { SetHostBackend(backend); }
  ~ScopedBackend() { SetHostBackend(nullptr); }
  ScopedBackend(const ScopedBackend&) = delete;
  ScopedBackend& operator=(const ScopedBackend&) = delete;
};

inline mensor_str S(const char* text) {
  return mensor_str{text, std::char_traits<char>::length(text)};
}
inline std::string ToString(mensor_str s) { return std::string(s.ptr, s.len); }

}  // namespace mensor::plugin::testing
