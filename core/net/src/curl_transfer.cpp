#include "curl_transfer.hpp"

#include <algorithm>
#include <cstring>

namespace mensor::net::detail {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

CurlTransfer::CurlTransfer(ClientRequest request, HttpClient::Callback on_done)
    : request_(std::move(request)), on_done_(std::move(on_done)) {}

CurlTransfer::~CurlTransfer() {
  if (header_list_ != nullptr) curl_slist_free_all(header_list_);
}

std::string CurlTransfer::Prepare(CURL* easy, const ClientOptions& options) {
  easy_ = easy;
  max_body_ = options.max_response_bytes;
  started_ = std::chrono::steady_clock::now();

  for (const auto& [name, value] : request_.headers) {
    // curl drops "Name:" with an empty value; "Name;" is its syntax for sending it empty.
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* appended = curl_slist_append(header_list_, line.c_str());
    if (appended == nullptr) return "out of memory building headers";
    header_list_ = appended;
  }
  // Without this curl waits up to 1 s for "100 Continue" before sending larger POST bodies.
  header_list_ = curl_slist_append(header_list_, "Expect:");

  CURLcode rc = CURLE_OK;
  auto set = [&rc, easy](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(easy, option, value);
  };
  set(CURLOPT_URL, request_.url.c_str());
  set(CURLOPT_PRIVATE, static_cast<void*>(this));
  set(CURLOPT_ERRORBUFFER, error_buffer_);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_HTTPHEADER, header_list_);
  set(CURLOPT_WRITEFUNCTION, &CurlTransfer::OnBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(CURLOPT_HEADERFUNCTION, &CurlTransfer::OnHeader);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(request_.timeout.count()));
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  set(CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode; Azure gzips large bodies
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_body_));
  set(CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.user_agent.empty()) set(CURLOPT_USERAGENT, options.user_agent.c_str());

  const std::string& method = request_.method;
  if (method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else if (method != "GET" || !request_.body.empty()) {
    // POSTFIELDS (not COPYPOSTFIELDS): the body lives in request_ for the whole transfer.
    set(CURLOPT_POSTFIELDS, request_.body.data());
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
    if (method != "POST") set(CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  return {};
}

size_t CurlTransfer::OnBody(char* data, size_t size, size_t count, void* self_ptr) {
  auto* self = static_cast<CurlTransfer*>(self_ptr);
  const size_t n = size * count;
  if (self->response_.body.size() + n > self->max_body_) {
    self->body_too_large_ = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  self->response_.body.append(data, n);
  return n;
}

size_t CurlTransfer::OnHeader(char* data, size_t size, size_t count, void* self_ptr) {
  auto* self = static_cast<CurlTransfer*>(self_ptr);
  const size_t n = size * count;
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line: earlier headers belonged to a 100 Continue or similar interim reply.
    self->response_.headers.clear();
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;  // blank terminator line or junk
  self->response_.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                       std::string(Trim(line.substr(colon + 1))));
  return n;
}

ClientResponse CurlTransfer::Finish(CURLcode result) {
  response_.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started_);
  if (result == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    response_.status = static_cast<int>(status);
    return std::move(response_);
  }
  response_.status = 0;
  if (body_too_large_ || result == CURLE_FILESIZE_EXCEEDED) {
    response_.error = "response body exceeds " + std::to_string(max_body_) + " bytes";
  } else {
    response_.error = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(result);
  }
  response_.body.clear();
  return std::move(response_);
}

ClientResponse CurlTransfer::Fail(std::string error) {
  ClientResponse response;
  response.error = std::move(error);
  if (easy_ != nullptr) {
    response.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started_);
  }
  return response;
}

std::string CurlTransfer::LoggableUrl() const {
  return request_.url.substr(0, request_.url.find_first_of("?#"));
}

}  // namespace mensor::net::detail
