#include <mensor/plugin/host_api.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

#include <mensor/plugin/detail/call.hpp>

#include "host_functions.hpp"

namespace mensor::plugin {
namespace {

std::atomic<HostBackend*> g_backend{nullptr};
thread_local const std::string* t_registering_library = nullptr;

spdlog::level::level_enum ToSpdlog(int32_t level) {
  if (level <= MENSOR_LOG_TRACE) return spdlog::level::trace;
  if (level >= MENSOR_LOG_CRITICAL) return spdlog::level::critical;
  // MENSOR_LOG_* and spdlog's levels share their numbering.
  return static_cast<spdlog::level::level_enum>(level);
}

std::shared_ptr<spdlog::logger> LoggerOf(const mensor_host_ctx* ctx) {
  if (ctx != nullptr && ctx->logger) return ctx->logger;
  return spdlog::default_logger();
}

std::string PrefixOf(const mensor_host_ctx* ctx) {
  if (ctx != nullptr) return ctx->Prefix();
  if (t_registering_library != nullptr) return "[" + *t_registering_library + "]";
  return "[plugin]";
}

mensor_host_api BuildTable() {
  mensor_host_api api{};
  api.struct_size = sizeof(mensor_host_api);
  api.abi_version = MENSOR_ABI_VERSION;
#ifdef MENSOR_VERSION_STRING
  api.host_version = MENSOR_VERSION_STRING;
#else
  api.host_version = "unknown";
#endif
  api.register_resource_type = host_fn::RegisterResourceType;
  api.register_auth_mode = host_fn::RegisterAuthMode;
  api.register_sink = host_fn::RegisterSink;
  api.log = host_fn::Log;
  api.log_enabled = host_fn::LogEnabled;
  api.set_error = host_fn::SetError;
  api.is_cancelled = host_fn::IsCancelled;
  api.deadline_mono_ns = host_fn::DeadlineMonoNs;
  api.report = host_fn::Report;
  api.now_unix_ns = host_fn::NowUnixNs;
  api.now_mono_ns = host_fn::NowMonoNs;
  api.env_get = host_fn::EnvGet;
  api.cfg_str = host_fn::CfgStr;
  api.cfg_i64 = host_fn::CfgI64;
  api.cfg_f64 = host_fn::CfgF64;
  api.cfg_bool = host_fn::CfgBool;
  api.cfg_list_len = host_fn::CfgListLen;
  api.cfg_list_str = host_fn::CfgListStr;
  api.cfg_child = host_fn::CfgChild;
  api.cfg_list_obj = host_fn::CfgListObj;
  api.target_set = host_fn::TargetSet;
  api.target_add_label = host_fn::TargetAddLabel;
  api.target_add_dimension = host_fn::TargetAddDimension;
  api.http_send = host_fn::HttpSend;
  api.http_resp_status = host_fn::HttpRespStatus;
  api.http_resp_body = host_fn::HttpRespBody;
  api.http_resp_header = host_fn::HttpRespHeader;
  api.http_resp_release = host_fn::HttpRespRelease;
  api.batch_len = host_fn::BatchLen;
  api.batch_at = host_fn::BatchAt;
  api.batch_scope = host_fn::BatchScope;
  api.http_route = host_fn::HttpRoute;
  api.reply_set = host_fn::ReplySet;
  api.reply_header = host_fn::ReplyHeader;
  api.target_set_property = host_fn::TargetSetProperty;
  api.collect_add = host_fn::CollectAdd;
  api.token_set = host_fn::TokenSet;
  api.reply_set_shared = host_fn::ReplySetShared;
  api.reply_set_segments = host_fn::ReplySetSegments;
  return api;
}

}  // namespace

const mensor_host_api* HostApi() {
  static const mensor_host_api kTable = BuildTable();
  return &kTable;
}

void SetHostBackend(HostBackend* backend) { g_backend.store(backend, std::memory_order_release); }
HostBackend* GetHostBackend() { return g_backend.load(std::memory_order_acquire); }

}  // namespace mensor::plugin

std::string mensor_host_ctx::Prefix() const {
  if (instance.empty()) return "[" + plugin + "]";
  return "[" + plugin + "/" + instance + "]";
}

namespace mensor::plugin::host_fn {

void SetRegisteringLibrary(const std::string* name) { t_registering_library = name; }

void Log(mensor_host_ctx* ctx, int32_t level, mensor_str message) {
  auto logger = LoggerOf(ctx);
  const auto spd_level = ToSpdlog(level);
  if (!logger->should_log(spd_level)) return;
  logger->log(spd_level, "{} {}", PrefixOf(ctx), View(message));
}

bool LogEnabled(mensor_host_ctx* ctx, int32_t level) {
  return LoggerOf(ctx)->should_log(ToSpdlog(level));
}

mensor_status SetError(mensor_call* call, mensor_status status, mensor_str message) {
  // Returning `status` even for a NULL call keeps `return host->set_error(...)` meaning what the
  // plugin intended; the message is logged so it is not lost.
  if (call == nullptr) {
    spdlog::warn("{} set_error without a call: {}", PrefixOf(nullptr), View(message));
    return status;
  }
  call->error_status = status;
  call->error_message.assign(View(message));
  return status;
}

bool IsCancelled(const mensor_call* call) { return call != nullptr && call->IsCancelled(); }

int64_t DeadlineMonoNs(const mensor_call* call) {
  return call == nullptr ? 0 : call->deadline_mono_ns;
}

void Report(mensor_call* call, int32_t severity, const char* key, mensor_str message) {
  if (call == nullptr) return;
  std::string text(View(message));
  if (call->report) {
    call->report(severity, key, std::move(text));
    return;
  }
  const auto level = severity == MENSOR_SEVERITY_ERROR ? spdlog::level::err : spdlog::level::warn;
  spdlog::log(level, "{} {}{}{}", PrefixOf(call->ctx), key == nullptr ? "" : key,
              key == nullptr ? "" : ": ", text);
}

int64_t NowUnixNs() {
  if (auto* backend = GetHostBackend()) return backend->NowUnixNs();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t NowMonoNs() {
  if (auto* backend = GetHostBackend()) return backend->NowMonoNs();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

mensor_status EnvGet(const char* name, char* buf, size_t cap, size_t* len) {
  if (len != nullptr) *len = 0;
  if (name == nullptr || (buf == nullptr && cap > 0)) return MENSOR_E_INVALID_ARGUMENT;
  std::optional<std::string> value;
  if (auto* backend = GetHostBackend()) {
    value = backend->GetEnv(name);
  } else if (const char* raw = std::getenv(name)) {
    value = raw;
  }
  if (!value) {
    if (cap > 0) buf[0] = '\0';
    return MENSOR_E_NOT_FOUND;
  }
  if (len != nullptr) *len = value->size();
  if (cap > 0) {
    const size_t n = std::min(value->size(), cap - 1);
    std::memcpy(buf, value->data(), n);
    buf[n] = '\0';
  }
  return MENSOR_OK;
}

}  // namespace mensor::plugin::host_fn
