#pragma once

// Definitions of the opaque per-call handles of abi.h. The agent creates them; plugins see only
// pointers. Members are public so the agent can fill and read them directly.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mensor/abi.h>
#include <mensor/plugin/plugin_kind.hpp>
#include <mensor/plugin/registered_types.hpp>

namespace spdlog {
class logger;
}

// Per instance: what log() prefixes and which logger it writes to.
// Thread-safety: immutable after creation; shared by every call of the instance.
struct mensor_host_ctx {
  std::string plugin;                      // library name
  std::string instance;                    // configured instance name; empty at library level
  std::shared_ptr<spdlog::logger> logger;  // null: spdlog's default logger

  // "[plugin/instance]" or "[plugin]".
  std::string Prefix() const;
};

// One call into a plugin: deadline, cancellation, the error the plugin set, and where report()
// diagnostics go.
// Thread-safety: used by the calling thread only (T5), except Cancel(), which any thread may call.
struct mensor_call {
  // severity is MENSOR_SEVERITY_*; key is NULL for the entry itself. The agent maps keys to YAML
  // positions.
  using ReportFn = std::function<void(int severity, const char* key, std::string message)>;

  int64_t deadline_mono_ns = 0;  // 0 = none
  std::atomic<bool> cancelled{false};
  const std::atomic<bool>* cancel_source = nullptr;  // e.g. the agent's shutdown flag
  ReportFn report;                                   // unset: diagnostics are logged
  const mensor_host_ctx* ctx = nullptr;              // names for logged diagnostics; may be null

  // The last set_error (status copied unnormalised; message copied).
  mensor_status error_status = MENSOR_OK;
  std::string error_message;

  bool IsCancelled() const {
    return cancelled.load(std::memory_order_relaxed) ||
           (cancel_source != nullptr && cancel_source->load(std::memory_order_relaxed));
  }
  void Cancel() { cancelled.store(true, std::memory_order_relaxed); }
};

// Valid only while one library's register runs: collects its descriptors so that they are
// committed together, or not at all.
// Thread-safety: control thread only (T1).
struct mensor_registrar {
  // Describes the library that already provides a type ("'x' (/path/libmensor-plugin-x.so)"),
  // nullopt if none.
  using FindOwnerFn =
      std::function<std::optional<std::string>(mensor::plugin::PluginKind, std::string_view)>;

  std::string library;  // plugin name of the registering library
  std::filesystem::path file;
  FindOwnerFn find_owner;  // unset: no cross-library duplicate check
  bool open = true;        // cleared when register returns; later calls are refused
  mensor::plugin::RegisteredTypes staged;
  std::vector<std::string> errors;  // one line per refused descriptor
};
