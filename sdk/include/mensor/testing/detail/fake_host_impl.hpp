// Out-of-class definitions of FakeHost (kept apart so fake_host.hpp stays readable).
#pragma once

#include <mensor/testing/fake_host.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace mensor::testing {
namespace detail {
inline std::atomic<FakeHost*> g_current_fake_host{nullptr};

// The fake's handle for an HTTP response (M4: released through http_resp_release).
struct FakeHttpResp {
  FakeHttpResponse response;
};
inline const FakeHttpResp* Resp(const mensor_http_resp* r) {
  return reinterpret_cast<const FakeHttpResp*>(r);
}
}  // namespace detail

using sdk::detail::ToStr;
using sdk::detail::ToView;

inline FakeHost::FakeHost() {
  api_.struct_size = sizeof(mensor_host_api);
  api_.abi_version = MENSOR_ABI_VERSION;
  api_.host_version = "fake-host";
  api_.register_resource_type = &RegisterResourceType;
  api_.register_auth_mode = &RegisterAuthMode;
  api_.register_sink = &RegisterSink;
  api_.log = &Log;
  api_.log_enabled = &LogEnabled;
  api_.set_error = &SetError;
  api_.is_cancelled = [](const mensor_call* c) { return FakeCall::From(c)->cancelled; };
  api_.deadline_mono_ns = [](const mensor_call* c) { return FakeCall::From(c)->deadline_mono_ns; };
  api_.report = &Report;
  api_.now_unix_ns = [] { return Self().unix_ns_.load(); };
  api_.now_mono_ns = [] { return Self().mono_ns_.load(); };
  api_.env_get = &EnvGet;
  api_.cfg_str = [](const mensor_config* c, const char* k, mensor_str* out) {
    return FakeConfig::From(c)->Str(k, out);
  };
  api_.cfg_i64 = [](const mensor_config* c, const char* k, int64_t* out) {
    return FakeConfig::From(c)->As(k, out);
  };
  api_.cfg_f64 = [](const mensor_config* c, const char* k, double* out) {
    return FakeConfig::From(c)->As(k, out);
  };
  api_.cfg_bool = [](const mensor_config* c, const char* k, bool* out) {
    return FakeConfig::From(c)->As(k, out);
  };
  api_.cfg_list_len = [](const mensor_config* c, const char* k) {
    return FakeConfig::From(c)->ListLen(k);
  };
  api_.cfg_list_str = [](const mensor_config* c, const char* k, size_t i, mensor_str* out) {
    return FakeConfig::From(c)->ListStr(k, i, out);
  };
  api_.cfg_child = [](const mensor_config* c, const char* k) {
    return FakeConfig::From(c)->Child(k);
  };
  api_.cfg_list_obj = [](const mensor_config* c, const char* k, size_t i) {
    return FakeConfig::From(c)->ListObj(k, i);
  };
  api_.target_set = &TargetSet;
  api_.target_add_label = &TargetAddLabel;
  api_.target_add_dimension = &TargetAddDimension;
  api_.http_send = &HttpSend;
  api_.http_resp_status = [](const mensor_http_resp* r) {
    return static_cast<int32_t>(detail::Resp(r)->response.status);
  };
  api_.http_resp_body = [](const mensor_http_resp* r) {
    return ToStr(detail::Resp(r)->response.body);
  };
  api_.http_resp_header = [](const mensor_http_resp* r, const char* name, mensor_str* out) {
    for (const auto& [k, v] : detail::Resp(r)->response.headers) {
      if (sdk::detail::EqualsIgnoreCase(k, name)) {
        *out = ToStr(v);
        return true;
      }
    }
    return false;
  };
  api_.http_resp_release = [](mensor_http_resp* r) {
    if (r == nullptr) return;
    delete reinterpret_cast<detail::FakeHttpResp*>(r);
    --Self().live_responses_;
  };
  api_.batch_len = [](const mensor_batch* b) { return FakeBatch::From(b)->samples().size(); };
  api_.batch_at = &BatchAt;
  api_.batch_scope = [](const mensor_batch* b) { return ToStr(FakeBatch::From(b)->scope()); };
  api_.http_route = &HttpRoute;
  api_.reply_set = &ReplySet;
  api_.reply_header = &ReplyHeader;
  api_.token_set = &TokenSet;
  api_.target_set_property = &TargetSetProperty;
  api_.collect_add = &CollectAdd;
  api_.reply_set_shared = &ReplySetShared;
  api_.reply_set_segments = &ReplySetSegments;

  FakeHost* expected = nullptr;
  if (!detail::g_current_fake_host.compare_exchange_strong(expected, this)) {
    throw std::logic_error("only one mensor::testing::FakeHost may exist at a time");
  }
  sdk::detail::SetHostApi(&api_);
}

inline FakeHost::~FakeHost() {
  sdk::detail::SetHostApi(nullptr);
  detail::g_current_fake_host.store(nullptr);
}

inline FakeHost& FakeHost::Current() {
  FakeHost* host = detail::g_current_fake_host.load();
  if (host == nullptr) throw std::logic_error("no live mensor::testing::FakeHost");
  return *host;
}

// --- Registration ------------------------------------------------------------------------

inline mensor_status FakeHost::Register(mensor_plugin_register_fn register_fn) {
  register_call_ = FakeCall{};
  mensor_status status =
      register_fn(&api_, reinterpret_cast<mensor_registrar*>(this), register_call_.raw());
  // Register overwrote the SDK's table pointer with ours; keep it that way explicitly.
  sdk::detail::SetHostApi(&api_);
  return status;
}

namespace detail {
template <class Map, class Desc>
mensor_status AddDescriptor(std::mutex& mu, Map& map, const Desc* desc, bool slots_ok) {
  if (desc == nullptr || desc->name == nullptr || desc->struct_size > sizeof(Desc) || !slots_ok) {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  std::lock_guard lock(mu);
  return map.emplace(desc->name, desc).second ? MENSOR_OK : MENSOR_E_CONFIG;
}
}  // namespace detail

inline mensor_status FakeHost::RegisterResourceType(mensor_registrar*,
                                                    const mensor_resource_type_desc* d) {
  FakeHost& h = Self();
  return detail::AddDescriptor(h.mu_, h.resource_types_, d,
                               d && d->validate && d->describe && d->config);
}

inline mensor_status FakeHost::RegisterAuthMode(mensor_registrar*, const mensor_auth_mode_desc* d) {
  FakeHost& h = Self();
  return detail::AddDescriptor(h.mu_, h.auth_modes_, d,
                               d && d->create && d->destroy && d->get_token && d->config);
}

inline mensor_status FakeHost::RegisterSink(mensor_registrar*, const mensor_sink_desc* d) {
  FakeHost& h = Self();
  return detail::AddDescriptor(h.mu_, h.sinks_, d,
                               d && d->create && d->destroy && d->write && d->config);
}

template <class Map>
auto FindDesc(const Map& map, std::string_view name) -> typename Map::mapped_type {
  auto it = map.find(name);
  return it == map.end() ? nullptr : it->second;
}

inline const mensor_resource_type_desc* FakeHost::resource_type(std::string_view name) const {
  std::lock_guard lock(mu_);
  return FindDesc(resource_types_, name);
}
inline const mensor_auth_mode_desc* FakeHost::auth_mode(std::string_view name) const {
  std::lock_guard lock(mu_);
  return FindDesc(auth_modes_, name);
}
inline const mensor_sink_desc* FakeHost::sink(std::string_view name) const {
  std::lock_guard lock(mu_);
  return FindDesc(sinks_, name);
}

// --- Configuration, calls, contexts ------------------------------------------------------

inline const mensor_config* FakeHost::Config(std::string_view yaml,
                                             const mensor_config_schema* schema) {
  YAML::Node node = YAML::Load(std::string(yaml));
  if (node.IsNull()) node = YAML::Node(YAML::NodeType::Map);
  std::lock_guard lock(mu_);
  return configs_.emplace_back(std::make_unique<FakeConfig>(node, schema))->raw();
}

inline FakeCall& FakeHost::NewCall() {
  std::lock_guard lock(mu_);
  return calls_.emplace_back();
}

inline mensor_host_ctx* FakeHost::NewCtx(std::string name) {
  std::lock_guard lock(mu_);
  return reinterpret_cast<mensor_host_ctx*>(&ctxs_.emplace_back(Ctx{std::move(name)}));
}

// --- Resource types ----------------------------------------------------------------------

inline FakeHost::ValidateResult FakeHost::Validate(std::string_view type, std::string_view yaml,
                                                   const FakeMetric& metric) {
  const mensor_resource_type_desc* desc = resource_type(type);
  if (desc == nullptr)
    throw std::out_of_range("resource type not registered: " + std::string(type));
  const mensor_config* cfg = Config(yaml, desc->config);
  MetricInfoView info(metric);
  FakeCall& call = NewCall();
  mensor_status status = desc->validate(cfg, info.raw(), call.raw());
  return {status, call};
}

inline FakeHost::DescribeResult FakeHost::Describe(std::string_view type, std::string_view yaml,
                                                   const FakeMetric& metric) {
  const mensor_resource_type_desc* desc = resource_type(type);
  if (desc == nullptr)
    throw std::out_of_range("resource type not registered: " + std::string(type));
  const mensor_config* cfg = Config(yaml, desc->config);
  MetricInfoView info(metric);
  FakeCall& call = NewCall();
  FakeTarget target;
  target.dimensions = metric.dimensions;
  mensor_status status = desc->describe(cfg, info.raw(), call.raw(), target.raw());
  return {status, call, std::move(target)};
}

inline FakeHost::CollectResult FakeHost::Collect(std::string_view type,
                                                 const FakeCollectRequest& request) {
  const mensor_resource_type_desc* desc = resource_type(type);
  if (desc == nullptr)
    throw std::out_of_range("resource type not registered: " + std::string(type));
  if (desc->struct_size <= offsetof(mensor_resource_type_desc, collect) ||
      desc->collect == nullptr) {
    throw std::logic_error("resource type has no collect: " + std::string(type));
  }
  std::vector<mensor_label> properties;
  for (const auto& [name, value] : request.properties) {
    properties.push_back(mensor_label{ToStr(name), ToStr(value)});
  }
  mensor_collect_request c_request{};
  c_request.struct_size = sizeof(c_request);
  c_request.metric_name = ToStr(request.metric_name);
  c_request.azure_metric_name = ToStr(request.azure_metric_name);
  c_request.query = ToStr(request.query);
  c_request.interval_ns = request.interval_ns;
  c_request.properties = properties.empty() ? nullptr : properties.data();
  c_request.property_count = properties.size();
  c_request.storage_suffix = ToStr(request.storage_suffix);
  c_request.log_analytics_endpoint = ToStr(request.log_analytics_endpoint);
  FakeCall& call = NewCall();
  FakeCollected collected;
  mensor_status status = desc->collect(&c_request, call.raw(), collected.raw());
  return {status, call, std::move(collected)};
}

// --- Table functions ---------------------------------------------------------------------

inline void FakeHost::Log(mensor_host_ctx* ctx, int32_t level, mensor_str message) {
  FakeHost& h = Self();
  if (level < h.log_level_) return;
  std::lock_guard lock(h.mu_);
  h.logs_.push_back({level, InstanceName(ctx), std::string(ToView(message))});
}

inline bool FakeHost::LogEnabled(mensor_host_ctx*, int32_t level) {
  return level >= Self().log_level_;
}

inline mensor_status FakeHost::SetError(mensor_call* call, mensor_status status,
                                        mensor_str message) {
  FakeCall* c = FakeCall::From(call);
  c->error_status = status;
  c->error_message = std::string(ToView(message));
  return status;
}

inline void FakeHost::Report(mensor_call* call, int32_t severity, const char* key,
                             mensor_str message) {
  FakeCall::From(call)->diagnostics.push_back(
      {severity, key ? key : "", std::string(ToView(message))});
}

inline mensor_status FakeHost::EnvGet(const char* name, char* buf, size_t cap, size_t* len) {
  FakeHost& h = Self();
  std::lock_guard lock(h.mu_);
  auto it = h.env_.find(name ? name : "");
  if (it == h.env_.end()) return MENSOR_E_NOT_FOUND;
  const std::string& value = it->second;
  if (len != nullptr) *len = value.size();
  if (buf != nullptr && cap > 0) {
    size_t n = std::min(cap - 1, value.size());
    std::memcpy(buf, value.data(), n);
    buf[n] = '\0';
  }
  return MENSOR_OK;
}

inline mensor_status FakeHost::TargetSet(mensor_target* target, int32_t field, mensor_str value) {
  if (field < MENSOR_TARGET_PROVIDER_PATH || field > MENSOR_TARGET_FIRST_DIMENSION_LABEL) {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  FakeTarget::From(target)->fields[field] = std::string(ToView(value));
  return MENSOR_OK;
}

inline mensor_status FakeHost::TargetAddLabel(mensor_target* target, mensor_str name,
                                              mensor_str value) {
  FakeTarget::From(target)->labels.emplace_back(ToView(name), ToView(value));
  return MENSOR_OK;
}

inline mensor_status FakeHost::TargetAddDimension(mensor_target* target, mensor_str name) {
  FakeTarget* t = FakeTarget::From(target);
  if (!t->dimensions_replaced) {
    t->dimensions.clear();
    t->dimensions_replaced = true;
  }
  t->dimensions.emplace_back(ToView(name));
  return MENSOR_OK;
}

inline mensor_status FakeHost::TargetSetProperty(mensor_target* target, mensor_str name,
                                                 mensor_str value) {
  FakeTarget* t = FakeTarget::From(target);
  for (auto& [k, v] : t->properties) {
    if (k == ToView(name)) {
      v = std::string(ToView(value));
      return MENSOR_OK;
    }
  }
  t->properties.emplace_back(ToView(name), ToView(value));
  return MENSOR_OK;
}

inline mensor_status FakeHost::CollectAdd(mensor_collect_out* out, bool has_value, double value,
                                          const mensor_label* labels, size_t label_count) {
  if (out == nullptr || (label_count > 0 && labels == nullptr)) return MENSOR_E_INVALID_ARGUMENT;
  FakeCollected::Value entry{has_value, has_value ? value : 0, {}};
  for (size_t i = 0; i < label_count; ++i) {
    entry.labels.emplace_back(ToView(labels[i].name), ToView(labels[i].value));
  }
  FakeCollected::From(out)->values.push_back(std::move(entry));
  return MENSOR_OK;
}

inline mensor_status FakeHost::BatchAt(const mensor_batch* batch, size_t index,
                                       mensor_sample* out) {
  const FakeBatch* b = FakeBatch::From(batch);
  if (out == nullptr || index >= b->samples().size()) return MENSOR_E_INVALID_ARGUMENT;
  const FakeSample& s = b->samples()[index];
  const std::vector<mensor_label>& labels = b->labels(index);
  mensor_sample full{sizeof(mensor_sample), ToStr(s.name),
                     ToStr(s.description),  s.kind,
                     s.has_value,           s.value,
                     s.timestamp_unix_ns,   labels.empty() ? nullptr : labels.data(),
                     labels.size()};
  // A3: fill only as much as the plugin's struct_size covers.
  std::memcpy(out, &full, std::min<size_t>(out->struct_size, sizeof full));
  return MENSOR_OK;
}

}  // namespace mensor::testing

#include <mensor/testing/detail/fake_host_io.hpp>  // IWYU pragma: export
