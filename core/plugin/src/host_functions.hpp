#pragma once

// The C functions behind HostApi(), grouped by the file that defines them. Private to the
// library; tests reach them through the table.

#include <string>
#include <string_view>

#include <mensor/abi.h>
#include <mensor/plugin/host_backend.hpp>

namespace mensor::plugin::host_fn {

// A plugin's view as a string_view; {NULL, n} reads as empty.
inline std::string_view View(mensor_str s) {
  return s.ptr == nullptr ? std::string_view() : std::string_view(s.ptr, s.len);
}
// A host view of a std::string, which is NUL-terminated as M2 promises.
inline mensor_str Str(const std::string& s) { return mensor_str{s.c_str(), s.size()}; }

// The name log() uses for a NULL context while a library's register runs on this thread.
void SetRegisteringLibrary(const std::string* name);

// host_api.cpp
void Log(mensor_host_ctx* ctx, int32_t level, mensor_str message);
bool LogEnabled(mensor_host_ctx* ctx, int32_t level);
mensor_status SetError(mensor_call* call, mensor_status status, mensor_str message);
bool IsCancelled(const mensor_call* call);
int64_t DeadlineMonoNs(const mensor_call* call);
void Report(mensor_call* call, int32_t severity, const char* key, mensor_str message);
int64_t NowUnixNs();
int64_t NowMonoNs();
mensor_status EnvGet(const char* name, char* buf, size_t cap, size_t* len);

// registrar.cpp
mensor_status RegisterResourceType(mensor_registrar* reg, const mensor_resource_type_desc* desc);
mensor_status RegisterAuthMode(mensor_registrar* reg, const mensor_auth_mode_desc* desc);
mensor_status RegisterSink(mensor_registrar* reg, const mensor_sink_desc* desc);

// host_config.cpp
mensor_status CfgStr(const mensor_config* cfg, const char* key, mensor_str* out);
mensor_status CfgI64(const mensor_config* cfg, const char* key, int64_t* out);
mensor_status CfgF64(const mensor_config* cfg, const char* key, double* out);
mensor_status CfgBool(const mensor_config* cfg, const char* key, bool* out);
size_t CfgListLen(const mensor_config* cfg, const char* key);
mensor_status CfgListStr(const mensor_config* cfg, const char* key, size_t index, mensor_str* out);
const mensor_config* CfgChild(const mensor_config* cfg, const char* key);
const mensor_config* CfgListObj(const mensor_config* cfg, const char* key, size_t index);

// host_data.cpp
mensor_status TargetSet(mensor_target* target, int32_t field, mensor_str value);
mensor_status TargetAddLabel(mensor_target* target, mensor_str name, mensor_str value);
mensor_status TargetAddDimension(mensor_target* target, mensor_str name);
mensor_status TargetSetProperty(mensor_target* target, mensor_str name, mensor_str value);
mensor_status CollectAdd(mensor_collect_out* out, bool has_value, double value,
                         const mensor_label* labels, size_t label_count);
size_t BatchLen(const mensor_batch* batch);
mensor_status BatchAt(const mensor_batch* batch, size_t index, mensor_sample* out);
mensor_str BatchScope(const mensor_batch* batch);
mensor_status TokenSet(mensor_token_out* out, mensor_str token, int64_t expires_unix_ns);
void ReplySet(mensor_http_reply* reply, int32_t status, mensor_str content_type, mensor_str body);
void ReplyHeader(mensor_http_reply* reply, mensor_str name, mensor_str value);
void ReplySetShared(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                    mensor_str body, void (*release)(void* owner), void* owner);
void ReplySetSegments(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                      const mensor_str* segments, size_t segment_count,
                      void (*release)(void* owner), void* owner);

// host_http.cpp
mensor_status HttpSend(mensor_call* call, const mensor_http_request* request,
                       mensor_http_resp** out);
int32_t HttpRespStatus(const mensor_http_resp* resp);
mensor_str HttpRespBody(const mensor_http_resp* resp);
bool HttpRespHeader(const mensor_http_resp* resp, const char* name, mensor_str* out);
void HttpRespRelease(mensor_http_resp* resp);
mensor_status HttpRoute(mensor_host_ctx* ctx, mensor_str path, mensor_route_handler handler,
                        void* user_data);

}  // namespace mensor::plugin::host_fn
