#pragma once

// Private to mensor_net: one libcurl easy transfer and its result buffers.

#include <chrono>
#include <memory>
#include <string>

#include <curl/curl.h>

#include "mensor/net/http_client.hpp"

namespace mensor::net::detail {

/// A request in flight. Owned by the client thread once submitted.
/// Thread-safety: none; used by one thread at a time.
class CurlTransfer {
 public:
  CurlTransfer(ClientRequest request, HttpClient::Callback on_done);
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  /// Configures `easy` (freshly created or reset) for this request. Returns an error text on
  /// failure (e.g. unsupported option), empty on success. The handle stays owned by the caller.
  std::string Prepare(CURL* easy, const ClientOptions& options);

  /// Builds the response after libcurl finished with `result`.
  ClientResponse Finish(CURLcode result);
  /// Builds a failed response with `error` without having run (e.g. cancelled).
  ClientResponse Fail(std::string error);

  HttpClient::Callback& callback() { return on_done_; }
  CURL* easy() const { return easy_; }
  /// URL without its query string, safe to log (queries may carry SAS signatures).
  std::string LoggableUrl() const;

 private:
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);

  ClientRequest request_;
  HttpClient::Callback on_done_;
  CURL* easy_ = nullptr;
  curl_slist* header_list_ = nullptr;
  ClientResponse response_;
  size_t max_body_ = 0;
  bool body_too_large_ = false;
  std::chrono::steady_clock::time_point started_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace mensor::net::detail
