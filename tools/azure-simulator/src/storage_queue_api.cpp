#include "storage_queue_api.hpp"

#include "iso8601.hpp"

namespace mensor::sim {
namespace {

SimResponse StorageError(int status, std::string_view code, std::string_view message) {
  SimResponse response;
  response.status = status;
  response.headers.Add("Content-Type", "application/xml");
  response.headers.Add("x-ms-error-code", std::string(code));
  response.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + std::string(code) +
                  "</Code><Message>" + std::string(message) + "</Message></Error>";
  return response;
}

// Why the SAS does not authorise reading `account`; nullopt when it does.
std::optional<SimResponse> CheckSas(const SimRequest& request, const DataPlaneWorld& world,
                                    std::string_view account, TimePoint now) {
  const auto signature = world.SasSignature(account);
  if (!signature) {
    // Azure answers an unknown account at DNS level; the closest HTTP shape is this.
    return StorageError(404, "AccountNotFound", "The specified account does not exist.");
  }
  for (const char* required : {"sv", "sp", "se", "sig"}) {
    if (!request.query.Has(required)) {
      return StorageError(403, "AuthenticationFailed",
                          "Server failed to authenticate the request. Make sure the value of "
                          "Authorization header is formed correctly including the signature. "
                          "The SAS is missing '" +
                              std::string(required) + "'.");
    }
  }
  if (*request.query.Get("sig") != *signature) {
    return StorageError(403, "AuthenticationFailed",
                        "Server failed to authenticate the request. Signature did not match.");
  }
  const auto expiry = ParseIsoTimestamp(*request.query.Get("se"));
  if (!expiry) {
    return StorageError(400, "InvalidQueryParameterValue",
                        "Value for one of the query parameters specified in the request URI is "
                        "invalid: se.");
  }
  if (*expiry <= now) {
    return StorageError(403, "AuthenticationFailed",
                        "Server failed to authenticate the request. Signed expiry time must be "
                        "after signed start time.");
  }
  if (request.query.Get("sp")->find('r') == std::string::npos) {
    return StorageError(403, "AuthorizationPermissionMismatch",
                        "This request is not authorized to perform this operation using this "
                        "permission.");
  }
  return std::nullopt;
}

}  // namespace

SimResponse StorageQueueApi::Handle(const SimRequest& request, TimePoint now) const {
  const auto segments = Split(request.path.substr(kStoragePathPrefix.size()), '/');
  if (segments.size() < 2 || segments.size() > 3 || segments[0].empty() || segments[1].empty() ||
      (segments.size() == 3 && segments[2] != "messages")) {
    return StorageError(400, "InvalidUri",
                        "The requested URI does not represent any resource on the server.");
  }
  const std::string& account = segments[0];
  const std::string& queue = segments[1];
  const bool peek = segments.size() == 3;
  if (peek ? request.method != "GET" : (request.method != "GET" && request.method != "HEAD")) {
    return StorageError(405, "UnsupportedHttpVerb",
                        "The resource doesn't support specified Http Verb.");
  }
  if (auto refused = CheckSas(request, world_, account, now)) return *refused;
  if (peek) {
    if (request.query.Get("peekonly").value_or("") != "true") {
      return StorageError(400, "InvalidQueryParameterValue",
                          "This simulator serves only peeks: peekonly=true is required.");
    }
  } else if (request.query.Get("comp").value_or("") != "metadata") {
    return StorageError(400, "InvalidQueryParameterValue",
                        "Value for one of the query parameters specified in the request URI is "
                        "invalid: comp.");
  }
  const auto state = world_.Queue(account, queue, now);
  if (!state) return StorageError(404, "QueueNotFound", "The specified queue does not exist.");

  SimResponse response;
  response.headers.Add("x-ms-version", request.query.Get("sv").value_or("2018-03-28"));
  if (!peek) {
    response.headers.Add("x-ms-approximate-messages-count", std::to_string(state->message_count));
    return response;
  }
  response.headers.Add("Content-Type", "application/xml");
  std::string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList>";
  if (state->message_count > 0) {
    const TimePoint inserted = now - std::chrono::seconds(state->oldest_message_age_seconds);
    body +=
        "<QueueMessage><MessageId>00000000-0000-0000-0000-000000000001</MessageId>"
        "<InsertionTime>" +
        FormatHttpDate(inserted) + "</InsertionTime><ExpirationTime>" +
        FormatHttpDate(inserted + std::chrono::days(7)) +
        "</ExpirationTime><DequeueCount>0</DequeueCount><MessageText>bWVuc29y"
        "</MessageText></QueueMessage>";
  }
  response.body = body + "</QueueMessagesList>";
  return response;
}

}  // namespace mensor::sim
