// noexcept C entry points generated per plugin class: the only place C++ meets the C ABI.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/auth_mode.hpp>
#include <mensor/sdk/batch.hpp>
#include <mensor/sdk/call.hpp>
#include <mensor/sdk/collect.hpp>
#include <mensor/sdk/config.hpp>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>
#include <mensor/sdk/init_context.hpp>
#include <mensor/sdk/logger.hpp>
#include <mensor/sdk/resource_type.hpp>
#include <mensor/sdk/sink.hpp>
#include <mensor/sdk/target.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace mensor::sdk::detail {

// Records `message` on the call and returns `code` (never OK: a failure must stay a failure).
inline mensor_status Fail(mensor_call* call, mensor_status code,
                          std::string_view message) noexcept {
  if (code == MENSOR_OK) code = MENSOR_E_INTERNAL;
  const mensor_host_api* api = g_host_api.load(std::memory_order_acquire);
  if (api != nullptr && call != nullptr) return api->set_error(call, code, ToStr(message));
  return code;
}

// Runs `body` (returning mensor_status) and turns every exception into a status + message.
template <class F>
mensor_status Guard(mensor_call* call, F&& body) noexcept {
  try {
    return body();
  } catch (const Error& e) {
    return Fail(call, e.code(), e.what());
  } catch (const std::exception& e) {
    return Fail(call, MENSOR_E_INTERNAL, e.what());
  } catch (...) {
    return Fail(call, MENSOR_E_INTERNAL, "unknown exception");
  }
}

// For void slots without a call (destroy, stop): log instead of reporting.
template <class F>
void GuardVoid(const char* what, F&& body) noexcept {
  try {
    body();
  } catch (const std::exception& e) {
    Logger().Error(std::string(what) + ": " + e.what());
  } catch (...) {
    Logger().Error(std::string(what) + ": unknown exception");
  }
}

template <class T>
constexpr uint32_t FlagsOf() {
  if constexpr (requires { T::kFlags; }) {
    return static_cast<uint32_t>(T::kFlags);
  } else {
    return 0;
  }
}

template <ResourceTypeClass T>
struct ResourceTypeTrampolines {
  static mensor_status Validate(const mensor_config* cfg, const mensor_metric_info* metric,
                                mensor_call* c) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Call call(c);
      T::Validate(Config(cfg), MetricInfo::FromC(metric), call);
      if (!call.HasReportedErrors()) return MENSOR_OK;
      return Fail(c, MENSOR_E_CONFIG,
                  std::to_string(call.ReportedErrorCount()) + " configuration error(s) in " +
                      T::kInfo.name + " entry");
    });
  }

  static mensor_status Describe(const mensor_config* cfg, const mensor_metric_info* metric,
                                mensor_call* c, mensor_target* t) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Config config(cfg);
      MetricInfo info = MetricInfo::FromC(metric);
      Target target(t);
      if constexpr (requires(Call & call) { T::Describe(config, info, call, target); }) {
        Call call(c);
        T::Describe(config, info, call, target);
      } else {
        T::Describe(config, info, target);
      }
      return MENSOR_OK;
    });
  }

  static mensor_status Collect(const mensor_collect_request* request, mensor_call* c,
                               mensor_collect_out* out) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Call call(c);
      Collector collector(out);
      T::Collect(CollectRequest::FromC(request), call, collector);
      return MENSOR_OK;
    });
  }

  static const mensor_resource_type_desc* Descriptor() {
    static const mensor_resource_type_desc desc{sizeof(mensor_resource_type_desc),
                                                T::kInfo.name,
                                                T::kInfo.arm_resource_type,
                                                T::kInfo.description,
                                                T::ConfigSchema().c_schema(),
                                                FlagsOf<T>(),
                                                &Validate,
                                                &Describe,
                                                CollectSlot()};
    return &desc;
  }

 private:
  static constexpr decltype(&Collect) CollectSlot() {
    if constexpr (CollectingResourceType<T>) {
      return &Collect;
    } else {
      return nullptr;
    }
  }
};

// create/destroy shared by auth modes and sinks; instances are stored as T*.
template <class T>
struct InstanceTrampolines {
  static mensor_status Create(mensor_host_ctx* ctx, const mensor_config* cfg, mensor_call* c,
                              void** out) noexcept {
    if (out != nullptr) *out = nullptr;
    return Guard(c, [&]() -> mensor_status {
      if (out == nullptr) throw Error(MENSOR_E_INVALID_ARGUMENT, "create without out_instance");
      InitContext init(ctx, cfg, c);
      *out = new T(init);
      return MENSOR_OK;
    });
  }

  static void Destroy(void* instance) noexcept {
    GuardVoid(T::kInfo.name, [&] { delete static_cast<T*>(instance); });
  }
};

template <AuthModeClass T>
struct AuthModeTrampolines : InstanceTrampolines<T> {
  static mensor_status GetToken(void* instance, mensor_call* c, mensor_str scope,
                                mensor_token_out* out) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Call call(c);
      Token token = static_cast<T*>(instance)->GetToken(call, ToView(scope));
      return host::Api().token_set(out, ToStr(token.value), token.expires_unix_ns);
    });
  }

  static const mensor_auth_mode_desc* Descriptor() {
    static const mensor_auth_mode_desc desc{
        sizeof(mensor_auth_mode_desc),    T::kInfo.name, T::kInfo.description,
        T::ConfigSchema().c_schema(),     FlagsOf<T>(),  &InstanceTrampolines<T>::Create,
        &InstanceTrampolines<T>::Destroy, &GetToken};
    return &desc;
  }
};

template <SinkClass T>
struct SinkTrampolines : InstanceTrampolines<T> {
  static mensor_status Start(void* instance, mensor_call* c) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Call call(c);
      static_cast<T*>(instance)->Start(call);
      return MENSOR_OK;
    });
  }

  static mensor_status Write(void* instance, mensor_call* c, const mensor_batch* b) noexcept {
    return Guard(c, [&]() -> mensor_status {
      Call call(c);
      static_cast<T*>(instance)->Write(call, Batch(b));
      return MENSOR_OK;
    });
  }

  static void Stop(void* instance) noexcept {
    GuardVoid(T::kInfo.name, [&] { static_cast<T*>(instance)->Stop(); });
  }

  static const mensor_sink_desc* Descriptor() {
    static const mensor_sink_desc desc{sizeof(mensor_sink_desc),
                                       T::kInfo.name,
                                       T::kInfo.description,
                                       T::ConfigSchema().c_schema(),
                                       FlagsOf<T>(),
                                       &InstanceTrampolines<T>::Create,
                                       &InstanceTrampolines<T>::Destroy,
                                       &Start,
                                       &Write,
                                       &Stop};
    return &desc;
  }
};

}  // namespace mensor::sdk::detail
