// The /_sim/ control API (no authentication; the simulator listens on loopback only) and the
// bodies of injected faults.
#include "arm_errors.hpp"
#include "managed_identity.hpp"
#include "simulator.hpp"

namespace mensor::sim {

namespace {

std::string ArmCodeFor(int status) {
  switch (status) {
    case 401:
      return "InvalidAuthenticationToken";
    case 403:
      return "AuthorizationFailed";
    case 404:
      return "ResourceNotFound";
    case 408:
      return "RequestTimeout";
    case 429:
      return "SubscriptionRequestsThrottled";
    case 500:
      return "InternalServerError";
    case 502:
      return "BadGateway";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "GatewayTimeout";
    default:
      return "InjectedFault";
  }
}

}  // namespace

SimResponse Simulator::FaultResponse(const SimRequest& request, const Route& route,
                                     const Fault& fault, TimePoint now) const {
  const int status = *fault.status;
  const std::string message = "Fault injected by the simulator (rule " + std::to_string(fault.id) +
                              ", match '" + fault.match + "').";
  SimResponse response;
  switch (route.kind) {
    case Kind::kImds:
    case Kind::kAppServiceIdentity:
    case Kind::kArcIdentity:
      response = ImdsError(
          status, fault.code.value_or(status == 429 ? "too_many_requests" : "service_unavailable"),
          message);
      break;
    case Kind::kEntraToken:
      response = EntraErrorResponse(
          {status, fault.code.value_or("temporarily_unavailable"), 90033, message}, request, now);
      break;
    default:
      response = ArmErrorResponse(
          status, fault.code.value_or(ArmCodeFor(status)),
          status == 429 ? "Number of 'read' requests exceeded. " + message : message);
      break;
  }
  // ARM always tells a throttled client when to come back.
  const std::optional<int> retry_after = fault.retry_after ? fault.retry_after
                                         : status == 429   ? std::optional<int>(1)
                                                           : std::nullopt;
  if (retry_after) response.headers.Add("Retry-After", std::to_string(*retry_after));
  return response;
}

SimResponse Simulator::HandleControl(const SimRequest& request, TimePoint now) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  if (path == "/_sim/health" && method == "GET") return JsonResponse(200, {{"status", "ok"}});
  if (path == "/_sim/requests" && method == "GET") return JsonResponse(200, log_.ToJson());
  if (path == "/_sim/estate" && method == "GET") {
    // The generated (or declared) resources and their regions, so a benchmark can declare them.
    nlohmann::json resources = nlohmann::json::array();
    for (const auto& resource : world_.resources()) {
      resources.push_back({{"id", resource.id}, {"location", resource.location}});
    }
    return JsonResponse(200, {{"resources", std::move(resources)}});
  }
  if (path == "/_sim/faults" && method == "GET") {
    return JsonResponse(200, {{"faults", faults_.ToJson()}});
  }
  if (path == "/_sim/faults" && method == "DELETE") {
    faults_.Clear();
    return JsonResponse(200, {{"status", "cleared"}});
  }
  if (path == "/_sim/faults" && method == "POST") {
    try {
      Fault fault = Fault::FromJson(nlohmann::json::parse(request.body));
      fault.id = faults_.Add(fault);
      return JsonResponse(201, fault.ToJson());
    } catch (const std::exception& e) {
      return JsonResponse(400, {{"error", std::string("invalid fault: ") + e.what()}});
    }
  }
  if (path == "/_sim/resources/delete" && method == "POST") {
    // Deletes a resource mid-run: {"id": "/subscriptions/.../namespaces/x"}.
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("id") || !body["id"].is_string()) {
      return JsonResponse(400, {{"error", "expected {\"id\": \"<resource id>\"}"}});
    }
    const bool existed = world_.Delete(body["id"].get<std::string>());
    return JsonResponse(existed ? 200 : 404, {{"deleted", existed}});
  }
  if (path == "/_sim/reset" && method == "POST") {
    faults_.Clear();
    log_.Reset();
    budget_.Reset();
    graph_.Reset();
    entra_.ClearAccepted();
    return JsonResponse(200, {{"status", "reset"}});
  }
  if (path == "/_sim/token" && method == "GET") {
    // A shortcut for tests that need a token without an OAuth round trip.
    const std::string audience =
        request.query.Get("audience").value_or("https://management.azure.com/");
    std::optional<std::chrono::seconds> lifetime;
    if (const auto text = request.query.Get("lifetime")) {
      try {
        lifetime = std::chrono::seconds(std::stoll(*text));
      } catch (const std::exception&) {
        return JsonResponse(400, {{"error", "lifetime must be an integer number of seconds"}});
      }
    }
    const TokenSubject subject{std::string(kSimTenantId), "sim-control",
                               "00000000-0000-0000-0000-00000000c0de"};
    return JsonResponse(200, {{"access_token", issuer_.Issue(subject, audience, now, lifetime)}});
  }
  if (path == "/_sim/federated-token" && method == "GET") {
    // What kubelet would project into a workload-identity pod, signed as the cluster's issuer.
    std::chrono::seconds lifetime{3600};
    if (const auto text = request.query.Get("lifetime")) {
      try {
        lifetime = std::chrono::seconds(std::stoll(*text));
      } catch (const std::exception&) {
        return JsonResponse(400, {{"error", "lifetime must be an integer number of seconds"}});
      }
    }
    std::string jti;
    const std::string token = IssueFederatedToken(
        issuer_, request.query.Get("issuer").value_or(std::string(kSimOidcIssuer)),
        request.query.Get("subject").value_or("system:serviceaccount:monitoring:mensor"),
        request.query.Get("audience").value_or(std::string(kTokenExchangeAudience)), now, lifetime,
        &jti);
    return JsonResponse(200, {{"token", token}, {"jti", jti}});
  }
  if (path == "/_sim/assertions" && method == "GET") {
    nlohmann::json accepted = nlohmann::json::array();
    for (const auto& item : entra_.accepted()) {
      accepted.push_back({{"kind", item.kind},
                          {"client_id", item.client_id},
                          {"subject", item.subject},
                          {"jti", item.jti}});
    }
    return JsonResponse(200, {{"accepted", accepted}});
  }
  return JsonResponse(404, {{"error", "unknown control endpoint " + method + " " + path}});
}

}  // namespace mensor::sim
