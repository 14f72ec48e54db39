#pragma once

#include <mensor/abi.h>
#include <mensor/plugin/host_backend.hpp>

namespace mensor::plugin {

// The one mensor_host_api of the process, every slot filled. Static storage: the pointer may be
// kept forever (plugins keep it). Thread-safe (T8).
const mensor_host_api* HostApi();

// The C functions of the table reach the agent through one process-wide backend pointer,
// because C function pointers carry no closure and the table must be static (plugins keep it).
// Install the backend once at start-up, before the first register call; it must outlive every
// plugin call (in practice: until exit). Passing nullptr restores the built-in fallback, in
// which clocks and env_get use the system, http_send reports MENSOR_E_UNAVAILABLE and http_route
// MENSOR_E_UNSUPPORTED. Tests may swap backends between tests, never during a plugin call.
void SetHostBackend(HostBackend* backend);
HostBackend* GetHostBackend();

}  // namespace mensor::plugin
