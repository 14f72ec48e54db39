#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mensor::azure {

// What the caller should do about a failed call, independent of the exact status.
enum class ErrorClass {
  kUnauthenticated,   // 401: token missing/expired/wrong audience; refresh the token
  kPermissionDenied,  // 403: RBAC (Monitoring Reader) missing
  kNotFound,          // 404: resource deleted or wrong id
  kBadRequest,        // 400: query rejected (unknown dimension, grain, time range, ...)
  kThrottled,         // 429 (ARM), 529 (metrics back end): back off, honour Retry-After
  kUnavailable,       // 408, 5xx and transport failures (status 0): retry with backoff
  kOther,
};

// Longest code/message/log line kept: Azure messages can embed whole queries or HTML pages.
inline constexpr size_t kMaxErrorTextLength = 512;

struct AzureError {
  int status = 0;  // HTTP status; 0 for transport failures
  std::string code;
  std::string message;
  std::vector<std::string> details;  // "code: message" of error.details[] (Resource Graph)
  ErrorClass error_class = ErrorClass::kOther;

  // kThrottled and kUnavailable. The ARM RPC contract also retries any response carrying a
  // Retry-After header; the transport checks that header itself (ParseRetryAfter).
  bool IsRetryable() const;

  // `{code}: {message}` (plus details) on one line, at most kMaxErrorTextLength bytes, with
  // anything resembling a credential (Bearer tokens, JWTs, SAS signatures) redacted.
  std::string ToLogString() const;
};

ErrorClass ClassifyStatus(int status);

// Parses an error body of any Azure shape: flat {"code","message"} (metrics, definitions),
// wrapped {"error":{code,message,details}} (ARM front door, getBatch, Resource Graph),
// Entra/IMDS {"error":"...","error_description":"..."}, Storage XML <Error><Code>, or plain text
// (a gateway's HTML page). Never fails: unknown bodies become the message. All text is
// sanitised and truncated as in ToLogString.
AzureError ParseAzureError(int status, std::string_view body);

// A transport failure (DNS, TLS, connection reset, timeout): status 0, kUnavailable.
AzureError TransportError(std::string_view message);

// `Retry-After` in whole seconds (may well exceed 60); fractions round up. The HTTP-date form is
// not part of the ARM contract and yields nullopt, as do negative and absurd (> 1 year) values.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view header_value);

// `x-ms-ratelimit-remaining-subscription-reads`: a non-negative integer, nullopt otherwise.
std::optional<int64_t> ParseRemainingReads(std::string_view header_value);

// Replaces credentials in free text by "[redacted]", flattens control characters to spaces and
// truncates (UTF-8 safe) to `max_length` bytes with a trailing "...".
std::string SanitizeForLog(std::string_view text, size_t max_length = kMaxErrorTextLength);

}  // namespace mensor::azure
