#include "simulator.hpp"

#include "arm_auth.hpp"
#include "arm_errors.hpp"
#include "crypto.hpp"
#include "iso8601.hpp"
#include "managed_identity.hpp"
#include "resource_get.hpp"

namespace mensor::sim {

Simulator::Simulator(SimulatorOptions options)
    : options_(std::move(options)),
      issuer_(options_.signing_key ? TokenIssuer(*options_.signing_key, options_.token_lifetime)
                                   : TokenIssuer(options_.token_lifetime)),
      world_(options_.world ? std::move(*options_.world) : World(options_.seed)),
      entra_(issuer_, options_.clients),
      arc_(options_.arc_key_directory),
      arm_(world_),
      storage_queue_(world_.data_plane()),
      log_analytics_(world_.data_plane(), issuer_),
      batch_(world_),
      graph_(world_),
      budget_(options_.arm_read_budget),
      batch_budget_(options_.batch_budget) {}

TimePoint Simulator::Now() const {
  const auto now = options_.clock ? options_.clock() : Clock::now();
  return std::chrono::floor<std::chrono::seconds>(now);
}

std::string_view Simulator::KindName(Kind kind) {
  switch (kind) {
    case Kind::kImds:
      return "imds";
    case Kind::kAppServiceIdentity:
      return "app_service_identity";
    case Kind::kArcIdentity:
      return "arc_identity";
    case Kind::kEntraToken:
      return "entra_token";
    case Kind::kMetrics:
      return "metrics";
    case Kind::kMetricDefinitions:
      return "metric_definitions";
    case Kind::kMetricNamespaces:
      return "metric_namespaces";
    case Kind::kArmOther:
      return "arm_other";
    case Kind::kStorageQueue:
      return "storage_queue";
    case Kind::kLogAnalytics:
      return "log_analytics";
    case Kind::kBatch:
      return "batch";
    case Kind::kResource:
      return "resource";
    case Kind::kResourceGraph:
      return "resource_graph";
    case Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

bool Simulator::IsArm(Kind kind) {
  return kind == Kind::kMetrics || kind == Kind::kMetricDefinitions ||
         kind == Kind::kMetricNamespaces || kind == Kind::kArmOther || kind == Kind::kResource ||
         kind == Kind::kResourceGraph;
}

Simulator::Route Simulator::Classify(const SimRequest& request) {
  Route route;
  const std::string& path = request.path;
  if (path == "/metadata/identity/oauth2/token") {
    route.kind = Kind::kImds;
  } else if (EqualsIgnoreCase(path, "/msi/token")) {
    route.kind = Kind::kAppServiceIdentity;
  } else if (StorageQueueApi::Matches(path)) {
    route.kind = Kind::kStorageQueue;
  } else if (LogAnalyticsApi::Matches(path)) {
    route.kind = Kind::kLogAnalytics;
  } else if (path == "/arc/metadata/identity/oauth2/token") {
    route.kind = Kind::kArcIdentity;
  } else if (auto arm = MatchArmMetricsRoute(path)) {
    static constexpr Kind kKinds[] = {Kind::kMetrics, Kind::kMetricDefinitions,
                                      Kind::kMetricNamespaces};
    route.kind = kKinds[static_cast<int>(arm->operation)];
    route.arm = std::move(arm);
  } else if (auto batch = MatchBatchRoute(path)) {
    route.kind = Kind::kBatch;
    route.batch = std::move(batch);
  } else if (EqualsIgnoreCase(path, "/providers/Microsoft.ResourceGraph/resources")) {
    route.kind = Kind::kResourceGraph;
  } else if (IsResourcePath(path)) {
    route.kind = Kind::kResource;
  } else if (StartsWithIgnoreCase(path, "/subscriptions/") ||
             EqualsIgnoreCase(path, "/providers") || StartsWithIgnoreCase(path, "/providers/")) {
    route.kind = Kind::kArmOther;
  } else {
    const auto segments = Split(path, '/');  // "", tenant, oauth2, v2.0, token
    if (segments.size() == 5 && !segments[1].empty() && EqualsIgnoreCase(segments[2], "oauth2") &&
        EqualsIgnoreCase(segments[3], "v2.0") && EqualsIgnoreCase(segments[4], "token")) {
      route.kind = Kind::kEntraToken;
      route.tenant = segments[1];
    }
  }
  return route;
}

SimResponse Simulator::Handle(const SimRequest& request) {
  std::lock_guard lock(mutex_);
  const TimePoint now = Now();
  if (request.path.starts_with("/_sim/") || request.path == "/_sim") {
    return HandleControl(request, now);
  }
  const Route route = Classify(request);
  const auto fault = faults_.Take(request.target);
  SimResponse response;
  if (fault && fault->status) {
    log_.Count("faults_injected");
    response = FaultResponse(request, route, *fault, now);
  } else {
    response = Dispatch(request, route, now);
  }
  if (fault && fault->delay_ms > 0) {
    log_.Count("delayed");
    response.delay = std::chrono::milliseconds(fault->delay_ms);
  }
  if (IsArm(route.kind) || route.kind == Kind::kBatch) response.delay += options_.latency;

  response.headers.Add("x-ms-request-id", NewUuid());
  response.headers.Add("Date", FormatHttpDate(now));
  if (IsArm(route.kind)) {
    // ARM echoes a caller-supplied correlation id, so client logs and ARM logs line up.
    response.headers.Add("x-ms-correlation-request-id",
                         request.headers.Get("x-ms-correlation-request-id").value_or(NewUuid()));
    response.headers.Add("x-ms-routing-request-id",
                         "WESTEUROPE:" + FormatIsoTimestamp(now) + ":" + NewUuid());
  }
  log_.Count(KindName(route.kind));
  CountStatus(response.status);
  log_.Record(request.method, request.target, response.status, KindName(route.kind));
  return response;
}

void Simulator::CountStatus(int status) {
  if (status == 400) log_.Count("bad_request");
  if (status == 401) log_.Count("unauthorized");
  if (status == 404) log_.Count("not_found");
  if (status == 429 || status == 529) log_.Count("throttled");
  if (status >= 500) log_.Count("server_error");
}

SimResponse Simulator::Dispatch(const SimRequest& request, const Route& route, TimePoint now) {
  switch (route.kind) {
    case Kind::kImds:
      return HandleImdsToken(request, issuer_, now);
    case Kind::kAppServiceIdentity:
      return HandleAppServiceToken(request, issuer_, options_.identity_header, now);
    case Kind::kArcIdentity:
      return arc_.Handle(request, issuer_, now);
    case Kind::kEntraToken:
      return entra_.Handle(request, route.tenant, now);
    case Kind::kMetrics:
    case Kind::kMetricDefinitions:
    case Kind::kMetricNamespaces:
    case Kind::kArmOther:
    case Kind::kResource:
      return HandleArm(request, route, now);
    case Kind::kStorageQueue:
      return storage_queue_.Handle(request, now);
    case Kind::kLogAnalytics:
      return log_analytics_.Handle(request, now);
    case Kind::kBatch:
      return HandleBatch(request, route, now);
    case Kind::kResourceGraph:
      return HandleResourceGraph(request, now);
    case Kind::kUnknown:
      break;
  }
  return JsonResponse(404,
                      {{"error",
                        {{"code", "NotFound"},
                         {"message", "The simulator does not serve '" + request.path + "'."}}}});
}

SimResponse Simulator::HandleArm(const SimRequest& request, const Route& route, TimePoint now) {
  if (auto unauthorized = CheckArmAuthorization(request, issuer_, now)) return *unauthorized;
  if (!route.arm && route.kind != Kind::kResource) {
    return ArmErrorResponse(404, "NotFound",
                            "The simulator serves only {resourceUri}/providers/"
                            "Microsoft.Insights/{metrics,metricDefinitions,metricNamespaces}; '" +
                                request.path + "' is not one of them.");
  }
  const auto segments = Split(request.path, '/');  // "", "subscriptions", id, …
  const std::string subscription = segments.size() > 2 ? segments[2] : "";
  const ReadDecision decision = budget_.Consume(subscription, now);
  if (!decision.allowed) {
    SimResponse response =
        ArmErrorResponse(429, "SubscriptionRequestsThrottled",
                         "Number of 'read' requests for subscription '" + subscription +
                             "' actor 'mensor-sim' exceeded. Please try again after '" +
                             std::to_string(decision.retry_after.count()) +
                             "' seconds after additional tokens are available. Refer to "
                             "https://aka.ms/arm-throttling for additional information.");
    response.headers.Add("Retry-After", std::to_string(decision.retry_after.count()));
    response.headers.Add("x-ms-ratelimit-remaining-subscription-reads", "0");
    return response;
  }
  SimResponse response = route.kind == Kind::kResource ? HandleResourceGet(request, world_)
                                                       : arm_.Handle(request, *route.arm, now);
  response.headers.Add("x-ms-ratelimit-remaining-subscription-reads",
                       std::to_string(decision.remaining));
  return response;
}

SimResponse Simulator::HandleBatch(const SimRequest& request, const Route& route, TimePoint now) {
  if (auto unauthorized = CheckMetricsAuthorization(request, issuer_, now)) return *unauthorized;
  const ReadDecision decision = batch_budget_.Consume(route.batch->subscription, now);
  if (!decision.allowed) {
    // The metrics back end throttles with 529 (migrate-to-batch-api.md): back off.
    SimResponse response =
        ArmErrorResponse(529, "TooManyRequests",
                         "The metrics back end is throttling requests for subscription '" +
                             route.batch->subscription + "'. Please retry after " +
                             std::to_string(decision.retry_after.count()) + " seconds.");
    response.headers.Add("Retry-After", std::to_string(decision.retry_after.count()));
    response.headers.Add("x-ms-error-code", "TooManyRequests");
    return response;
  }
  return batch_.Handle(request, *route.batch, now);
}

SimResponse Simulator::HandleResourceGraph(const SimRequest& request, TimePoint now) {
  // An ARM call (ARM audience), but throttled by Resource Graph's own per-user quota rather
  // than the subscription's ARM reads.
  if (auto unauthorized = CheckArmAuthorization(request, issuer_, now)) return *unauthorized;
  return graph_.Handle(request, ArmCaller(request, issuer_, now), now);
}

}  // namespace mensor::sim
