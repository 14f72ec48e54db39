// The per-call handle: deadline, cancellation and configuration diagnostics.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <string_view>

namespace mensor::sdk {

/// \brief Wraps the mensor_call of one plugin entry point.
/// Ownership: borrows the handle; valid only during that call. Thread-safety: calling thread
/// only (T5). HasReportedErrors() counts only reports made through this wrapper object.
class Call {
 public:
  explicit Call(mensor_call* call) : call_(call) {}

  bool Cancelled() const { return call_ != nullptr && host::Api().is_cancelled(call_); }
  /// Monotonic deadline in ns (compare with host::NowMonoNs()); 0 = none.
  int64_t DeadlineMonoNs() const { return call_ ? host::Api().deadline_mono_ns(call_) : 0; }

  /// Throws Error(MENSOR_E_CANCELLED / MENSOR_E_TIMEOUT) once the host asked to stop or the
  /// deadline passed; sprinkle it into long loops (T4).
  void ThrowIfDone() const {
    if (Cancelled()) throw Error(MENSOR_E_CANCELLED, "call cancelled");
    int64_t deadline = DeadlineMonoNs();
    if (deadline != 0 && host::NowMonoNs() >= deadline) {
      throw Error(MENSOR_E_TIMEOUT, "call deadline passed");
    }
  }

  /// Reports a configuration problem at `key` (nullptr = the entry itself).
  void ReportError(const char* key, std::string_view message) {
    Report(MENSOR_SEVERITY_ERROR, key, message);
    ++error_count_;
  }
  void ReportWarning(const char* key, std::string_view message) {
    Report(MENSOR_SEVERITY_WARNING, key, message);
  }
  bool HasReportedErrors() const { return error_count_ > 0; }
  int ReportedErrorCount() const { return error_count_; }

  mensor_call* raw() const { return call_; }

 private:
  void Report(int32_t severity, const char* key, std::string_view message) {
    if (call_ != nullptr) host::Api().report(call_, severity, key, detail::ToStr(message));
  }

  mensor_call* call_;
  int error_count_ = 0;
};

}  // namespace mensor::sdk
