#include "http_pusher.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace mensor::sinks {
namespace {

struct Transfer {
  PushResponse* response;
  const sdk::Call* call;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string& body = transfer->response->body;
  const size_t bytes = size * count;
  const size_t room =
      HttpPusher::kMaxResponseBytes - std::min(body.size(), HttpPusher::kMaxResponseBytes);
  body.append(data, std::min(bytes, room));
  return bytes;
}

// Called for headers and, on HTTP/2, for trailers too.
size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  std::string_view line(data, bytes);
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  if (transfer->response->headers.size() < 200) {
    transfer->response->headers.emplace_back(std::move(name), std::string(value));
  }
  return bytes;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->call->Cancelled() ? 1 : 0;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string PushResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

HttpPusher::HttpPusher() {
  GlobalInit();
  easy_ = curl_easy_init();
}

HttpPusher::~HttpPusher() { curl_easy_cleanup(static_cast<CURL*>(easy_)); }

PushResponse HttpPusher::Post(const PushRequest& request, const sdk::Call& call) {
  PushResponse response;
  CURL* curl = static_cast<CURL*>(easy_);
  if (curl == nullptr) {
    response.transport = MENSOR_E_NO_MEMORY;
    response.error = "libcurl could not be initialised";
    return response;
  }
  auto timeout = request.timeout;
  if (const int64_t deadline = call.DeadlineMonoNs(); deadline != 0) {
    const auto left = std::chrono::milliseconds((deadline - sdk::host::NowMonoNs()) / 1000000);
    if (left.count() <= 0) {
      response.transport = MENSOR_E_TIMEOUT;
      response.error = "deadline passed before sending";
      return response;
    }
    timeout = std::min(timeout, left);
  }
  Transfer transfer{&response, &call};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Mensor");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  if (request.http2) {
    const bool tls = request.url.rfind("https://", 0) == 0;
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION,
                     tls ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE);
    // libcurl 7.88 (Debian 12) fails the second stream on a reused prior-knowledge connection
    // with "Error in the HTTP2 framing layer" (also with the curl CLI): one connection per
    // export, a handshake per batch rather than per sample.
    if (!tls) curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    response.transport = code == CURLE_OPERATION_TIMEDOUT    ? MENSOR_E_TIMEOUT
                         : code == CURLE_ABORTED_BY_CALLBACK ? MENSOR_E_CANCELLED
                                                             : MENSOR_E_UNAVAILABLE;
    response.error = curl_easy_strerror(code);
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

mensor_status StatusForHttp(long status) {
  if (status >= 200 && status < 300) return MENSOR_OK;
  if (status == 429) return MENSOR_E_THROTTLED;
  if (status >= 500 || status == 408) return MENSOR_E_UNAVAILABLE;
  if (status == 401 || status == 403) return MENSOR_E_PERMISSION_DENIED;
  return MENSOR_E_INVALID_ARGUMENT;
}

std::string DescribeHttpFailure(const PushResponse& response) {
  if (response.transport != MENSOR_OK) return response.error;
  std::string text = "HTTP " + std::to_string(response.status);
  std::string_view body = response.body;
  body = body.substr(0, std::min(body.find('\n'), size_t{200}));
  if (!body.empty()) text += ": " + std::string(body);
  return text;
}

}  // namespace mensor::sinks
