// Access to the host services table from anywhere in a plugin.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/error.hpp>

#include <atomic>
#include <optional>
#include <string>

namespace mensor::sdk {
namespace detail {

// One slot per plugin library: the SDK is header-only and plugins are built with hidden
// visibility, so every .so gets its own copy. Atomic because worker threads read it (T3).
inline std::atomic<const mensor_host_api*> g_host_api{nullptr};

// Called by mensor_plugin_register_v1 (and by testing::FakeHost, which stands in for the host).
inline void SetHostApi(const mensor_host_api* api) {
  g_host_api.store(api, std::memory_order_release);
}

}  // namespace detail

namespace host {

/// \brief The host table given to mensor_plugin_register_v1; valid until process exit.
/// Throws Error(MENSOR_E_INTERNAL) when called before register (e.g. from a static initialiser,
/// which T7 forbids anyway). Thread-safe.
inline const mensor_host_api& Api() {
  const mensor_host_api* api = detail::g_host_api.load(std::memory_order_acquire);
  if (api == nullptr) throw Error(MENSOR_E_INTERNAL, "mensor host API used before register");
  return *api;
}

/// \brief True once register has stored the table.
inline bool Available() { return detail::g_host_api.load(std::memory_order_acquire) != nullptr; }

/// \brief Host clocks (fake-able in tests). Thread-safe, callable from plugin threads (T6).
inline int64_t NowUnixNs() { return Api().now_unix_ns(); }
inline int64_t NowMonoNs() { return Api().now_mono_ns(); }

/// \brief Environment variable through the host (tests substitute it); nullopt when unset.
inline std::optional<std::string> Env(const char* name) {
  const mensor_host_api& api = Api();
  char small[256];
  size_t len = 0;
  if (api.env_get(name, small, sizeof small, &len) != MENSOR_OK) return std::nullopt;
  if (len < sizeof small) return std::string(small, len);
  // Truncated: ask again with a buffer of the full length (+ NUL).
  std::string value(len + 1, '\0');
  if (api.env_get(name, value.data(), value.size(), &len) != MENSOR_OK) return std::nullopt;
  value.resize(len < value.size() ? len : value.size() - 1);
  return value;
}

}  // namespace host
}  // namespace mensor::sdk
