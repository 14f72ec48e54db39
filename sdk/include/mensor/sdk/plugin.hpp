// MENSOR_PLUGIN: the entry points of a plugin library, generated from its classes.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/trampolines.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <string>

namespace mensor::sdk::detail {

template <class T>
mensor_status RegisterOne(const mensor_host_api* host, mensor_registrar* reg, mensor_call* call) {
  mensor_status status;
  const char* kind;
  if constexpr (std::derived_from<T, ResourceType>) {
    static_assert(ResourceTypeClass<T>,
                  "resource type needs kInfo, ConfigSchema(), static Validate and Describe");
    kind = "resource type";
    status = host->register_resource_type(reg, ResourceTypeTrampolines<T>::Descriptor());
  } else if constexpr (std::derived_from<T, AuthMode>) {
    static_assert(AuthModeClass<T>, "auth mode needs kInfo, ConfigSchema(), Ctor(InitContext&)");
    kind = "auth mode";
    status = host->register_auth_mode(reg, AuthModeTrampolines<T>::Descriptor());
  } else {
    static_assert(std::derived_from<T, Sink>,
                  "MENSOR_PLUGIN classes derive from ResourceType, AuthMode or Sink");
    static_assert(SinkClass<T>, "sink needs kInfo, ConfigSchema(), Ctor(InitContext&)");
    kind = "sink";
    status = host->register_sink(reg, SinkTrampolines<T>::Descriptor());
  }
  if (status == MENSOR_OK) return MENSOR_OK;
  return Fail(call, status,
              std::string("registering ") + kind + " '" + T::kInfo.name +
                  "' failed: " + std::string(StatusName(status)));
}

template <class... Ts>
mensor_status RegisterAll(const mensor_host_api* host, mensor_registrar* reg,
                          mensor_call* call) noexcept {
  // Without a complete 1.x table there is nobody to report to: just refuse.
  if (host == nullptr || host->struct_size < sizeof(mensor_host_api) ||
      MENSOR_ABI_MAJOR_OF(host->abi_version) != MENSOR_ABI_VERSION_MAJOR) {
    return MENSOR_E_UNSUPPORTED;
  }
  SetHostApi(host);
  return Guard(call, [&]() -> mensor_status {
    mensor_status status = MENSOR_OK;
    // Stops at the first failure (left to right).
    ((status == MENSOR_OK ? (status = RegisterOne<Ts>(host, reg, call)) : status), ...);
    return status;
  });
}

}  // namespace mensor::sdk::detail

/// MENSOR_PLUGIN(name, version, description, Classes...);
/// Emits mensor_plugin_info_v1 (pure, constant-initialised: T7) and mensor_plugin_register_v1,
/// which stores the host table for host::Api() and registers every class by its base
/// (ResourceType, AuthMode or Sink). Use once per library, at namespace scope.
#define MENSOR_PLUGIN(plugin_name, plugin_version, plugin_description, ...)                    \
  extern "C" MENSOR_PLUGIN_EXPORT const mensor_plugin_info* mensor_plugin_info_v1(void) {      \
    static constexpr mensor_plugin_info kMensorPluginInfo{sizeof(mensor_plugin_info),          \
                                                          MENSOR_ABI_VERSION, plugin_name,     \
                                                          plugin_version, plugin_description}; \
    return &kMensorPluginInfo;                                                                 \
  }                                                                                            \
  extern "C" MENSOR_PLUGIN_EXPORT mensor_status mensor_plugin_register_v1(                     \
      const mensor_host_api* host, mensor_registrar* reg, mensor_call* call) {                 \
    return ::mensor::sdk::detail::RegisterAll<__VA_ARGS__>(host, reg, call);                   \
  }                                                                                            \
  static_assert(true, "MENSOR_PLUGIN is followed by a semicolon")
