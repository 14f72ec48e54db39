// mensor::testing::FakeHost: a real mensor_host_api for plugin unit tests, without the core.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/host.hpp>
#include <mensor/testing/fake_config.hpp>
#include <mensor/testing/fake_records.hpp>

#include <yaml-cpp/yaml.h>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::testing {

/// \brief Stands in for the Mensor core: fills a complete mensor_host_api whose functions record
/// everything (logs, diagnostics, targets, HTTP requests, routes, tokens) and serve scripted
/// inputs (YAML configs, canned HTTP responses, a manual clock, an env map).
///
/// Plugins are driven through their C descriptors, so the MENSOR_PLUGIN trampolines run exactly
/// as under the core. Typical use: link the plugin's sources (the `<target>-objects` library of
/// mensor_add_plugin) into the test and call `Register(mensor_plugin_register_v1)`.
///
/// Only one FakeHost may exist at a time: the clock and env callbacks take no handle, so they
/// reach the live FakeHost through a process-wide pointer, and the constructor installs its table
/// as the SDK's host::Api(). Instance helpers (fake_instances.hpp) must not outlive it.
/// Thread-safety: every table function is thread-safe (T8); the setup methods are not meant to
/// race with plugin calls.
class FakeHost {
 public:
  FakeHost();
  ~FakeHost();
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  const mensor_host_api& api() const { return api_; }
  const mensor_host_api* raw() const { return &api_; }
  static FakeHost& Current();

  // --- Registration ----------------------------------------------------------------------
  /// Calls a plugin's register function with this table; descriptors land in the maps below.
  /// The registration call's record is in register_call().
  mensor_status Register(mensor_plugin_register_fn register_fn);
  const FakeCall& register_call() const { return register_call_; }
  const mensor_resource_type_desc* resource_type(std::string_view name) const;
  const mensor_auth_mode_desc* auth_mode(std::string_view name) const;
  const mensor_sink_desc* sink(std::string_view name) const;
  /// Registered names, sorted.
  std::vector<std::string> resource_type_names() const { return Names(resource_types_); }
  std::vector<std::string> auth_mode_names() const { return Names(auth_modes_); }
  std::vector<std::string> sink_names() const { return Names(sinks_); }

  // --- Configuration, calls, contexts ------------------------------------------------------
  /// Parses YAML (a mapping) into a config owned by the host; schema enables defaults.
  /// Throws YAML::Exception on malformed YAML.
  const mensor_config* Config(std::string_view yaml, const mensor_config_schema* schema = nullptr);
  /// A fresh call record owned by the host (stable address).
  FakeCall& NewCall();
  /// A named instance context (its name appears in LogRecord::instance).
  mensor_host_ctx* NewCtx(std::string name);

  // --- Resource types ---------------------------------------------------------------------
  struct ValidateResult {
    mensor_status status;
    FakeCall call;
  };
  struct DescribeResult {
    mensor_status status;
    FakeCall call;
    FakeTarget target;
  };
  /// Run a registered resource type's validate/describe on a YAML entry. Throws
  /// std::out_of_range for an unknown type name.
  ValidateResult Validate(std::string_view type, std::string_view yaml,
                          const FakeMetric& metric = {});
  DescribeResult Describe(std::string_view type, std::string_view yaml,
                          const FakeMetric& metric = {});
  struct CollectResult {
    mensor_status status;
    FakeCall call;
    FakeCollected collected;
  };
  /// Runs a registered resource type's collect (since 1.2). Throws std::out_of_range for an
  /// unknown type and std::logic_error for a type without collect.
  CollectResult Collect(std::string_view type, const FakeCollectRequest& request);

  // --- Logs -------------------------------------------------------------------------------
  void SetLogLevel(int32_t level) { log_level_ = level; }
  std::vector<LogRecord> logs() const;
  bool LogsContain(std::string_view needle) const;

  // --- HTTP transport ---------------------------------------------------------------------
  /// Answers are served in FIFO order; with an empty queue the handler (if set) answers,
  /// else http_send fails with MENSOR_E_UNAVAILABLE.
  void QueueHttpResponse(FakeHttpResponse response);
  void SetHttpHandler(std::function<FakeHttpResponse(const FakeHttpRequest&)> handler);
  std::vector<FakeHttpRequest> http_requests() const;
  /// Responses handed out and not yet released (should be 0 after every call: M4).
  int live_http_responses() const { return live_responses_.load(); }

  // --- Routes (sinks) ---------------------------------------------------------------------
  struct Route {
    mensor_host_ctx* ctx;
    std::string path;
    mensor_route_handler handler;
    void* user_data;
  };
  std::vector<Route> routes() const;
  /// Invokes the handler registered for `path` as the host's HTTP server would; 404 if none.
  FakeReply HttpGet(std::string_view path, std::string_view query = "",
                    const HeaderList& headers = {});
  /// Routes of `ctx` disappear (the host does this after a sink's stop).
  void RemoveRoutes(mensor_host_ctx* ctx);

  // --- Clock and environment --------------------------------------------------------------
  void SetUnixNs(int64_t ns) { unix_ns_ = ns; }
  void SetMonoNs(int64_t ns) { mono_ns_ = ns; }
  /// Moves both clocks forward.
  void AdvanceNs(int64_t ns) {
    unix_ns_ += ns;
    mono_ns_ += ns;
  }
  int64_t unix_ns() const { return unix_ns_; }
  int64_t mono_ns() const { return mono_ns_; }
  void SetEnv(std::string name, std::string value);
  void UnsetEnv(const std::string& name);

 private:
  struct Ctx {
    std::string name;
  };
  template <class Map>
  static std::vector<std::string> Names(const Map& map) {
    std::vector<std::string> out;
    for (const auto& [name, desc] : map) out.push_back(name);
    return out;
  }
  static FakeHost& Self() { return Current(); }
  static std::string InstanceName(mensor_host_ctx* ctx) {
    return ctx ? reinterpret_cast<Ctx*>(ctx)->name : std::string();
  }

  // Table functions (static: the ABI has no closure).
  static mensor_status RegisterResourceType(mensor_registrar*, const mensor_resource_type_desc*);
  static mensor_status RegisterAuthMode(mensor_registrar*, const mensor_auth_mode_desc*);
  static mensor_status RegisterSink(mensor_registrar*, const mensor_sink_desc*);
  static void Log(mensor_host_ctx*, int32_t, mensor_str);
  static bool LogEnabled(mensor_host_ctx*, int32_t);
  static mensor_status SetError(mensor_call*, mensor_status, mensor_str);
  static void Report(mensor_call*, int32_t, const char*, mensor_str);
  static mensor_status EnvGet(const char*, char*, size_t, size_t*);
  static mensor_status TargetSet(mensor_target*, int32_t, mensor_str);
  static mensor_status TargetAddLabel(mensor_target*, mensor_str, mensor_str);
  static mensor_status TargetAddDimension(mensor_target*, mensor_str);
  static mensor_status TargetSetProperty(mensor_target*, mensor_str, mensor_str);
  static mensor_status CollectAdd(mensor_collect_out*, bool, double, const mensor_label*, size_t);
  static mensor_status HttpSend(mensor_call*, const mensor_http_request*, mensor_http_resp**);
  static mensor_status BatchAt(const mensor_batch*, size_t, mensor_sample*);
  static mensor_status HttpRoute(mensor_host_ctx*, mensor_str, mensor_route_handler, void*);
  static void ReplySet(mensor_http_reply*, int32_t, mensor_str, mensor_str);
  static void ReplySetShared(mensor_http_reply*, int32_t, mensor_str, mensor_str, void (*)(void*),
                             void*);
  static void ReplySetSegments(mensor_http_reply*, int32_t, mensor_str, const mensor_str*, size_t,
                               void (*)(void*), void*);
  static void ReplyHeader(mensor_http_reply*, mensor_str, mensor_str);
  static mensor_status TokenSet(mensor_token_out*, mensor_str, int64_t);

  mensor_host_api api_{};
  mutable std::mutex mu_;
  FakeCall register_call_;
  std::map<std::string, const mensor_resource_type_desc*, std::less<>> resource_types_;
  std::map<std::string, const mensor_auth_mode_desc*, std::less<>> auth_modes_;
  std::map<std::string, const mensor_sink_desc*, std::less<>> sinks_;
  std::deque<std::unique_ptr<FakeConfig>> configs_;
  std::deque<FakeCall> calls_;
  std::deque<Ctx> ctxs_;
  std::atomic<int32_t> log_level_{MENSOR_LOG_TRACE};
  std::vector<LogRecord> logs_;
  std::deque<FakeHttpResponse> http_queue_;
  std::function<FakeHttpResponse(const FakeHttpRequest&)> http_handler_;
  std::vector<FakeHttpRequest> http_requests_;
  std::atomic<int> live_responses_{0};
  std::vector<Route> routes_;
  std::atomic<int64_t> unix_ns_{1'700'000'000'000'000'000};
  std::atomic<int64_t> mono_ns_{1'000'000'000'000};
  std::map<std::string, std::string> env_;
};

}  // namespace mensor::testing

#include <mensor/testing/detail/fake_host_impl.hpp>  // IWYU pragma: export
#include <mensor/testing/fake_instances.hpp>         // IWYU pragma: export
