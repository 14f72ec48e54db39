#include "entra.hpp"

#include "crypto.hpp"
#include "iso8601.hpp"

namespace mensor::sim {

namespace {

EntraError MissingParameter(std::string_view name) {
  return {400, "invalid_request", 900144,
          "The request body must contain the following parameter: '" + std::string(name) + "'."};
}

bool IsScopeResource(std::string_view resource) {
  return StartsWithIgnoreCase(resource, "https://") || StartsWithIgnoreCase(resource, "api://");
}

}  // namespace

SimResponse EntraErrorResponse(const EntraError& error, const SimRequest& request, TimePoint now) {
  const std::string trace_id = NewUuid();
  // Entra echoes the MSAL `client-request-id` header as the correlation id.
  const std::string correlation_id = request.headers.Get("client-request-id").value_or(NewUuid());
  const std::string timestamp = FormatEntraTimestamp(now);
  const std::string code = std::to_string(error.code);
  SimResponse response = JsonResponse(
      error.status, {{"error", error.error},
                     {"error_description",
                      "AADSTS" + code + ": " + error.description + "\r\nTrace ID: " + trace_id +
                          "\r\nCorrelation ID: " + correlation_id + "\r\nTimestamp: " + timestamp},
                     {"error_codes", {error.code}},
                     {"timestamp", timestamp},
                     {"trace_id", trace_id},
                     {"correlation_id", correlation_id},
                     {"error_uri", "https://login.microsoftonline.com/error?code=" + code}});
  response.headers.Add("Cache-Control", "no-store, no-cache");
  return response;
}

EntraEndpoint::EntraEndpoint(const TokenIssuer& issuer, std::vector<ClientRegistration> clients)
    : issuer_(issuer), clients_(std::move(clients)) {}

EntraEndpoint::Credential EntraEndpoint::ReadCredential(const SimRequest& request,
                                                        const FieldList& form) {
  Credential credential;
  if (auto secret = form.Get("client_secret")) {
    credential.kind = Credential::Kind::kSecret;
    credential.value = *secret;
  } else if (auto assertion = form.Get("client_assertion")) {
    credential.kind = Credential::Kind::kAssertion;
    credential.value = *assertion;
  } else if (auto authorization = request.headers.Get("Authorization");
             authorization && StartsWithIgnoreCase(*authorization, "Basic ")) {
    // RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64'd.
    if (auto decoded = Base64Decode(Trim(std::string_view(*authorization).substr(6)))) {
      const auto colon = decoded->find(':');
      if (colon != std::string::npos) {
        credential.kind = Credential::Kind::kSecret;
        credential.client_id = PercentDecode(decoded->substr(0, colon), true);
        credential.value = PercentDecode(decoded->substr(colon + 1), true);
      }
    }
  }
  return credential;
}

std::optional<EntraError> EntraEndpoint::Authenticate(const ClientRegistration& client,
                                                      const Credential& credential,
                                                      const SimRequest& request,
                                                      const FieldList& form,
                                                      std::string_view tenant, TimePoint now) {
  switch (credential.kind) {
    case Credential::Kind::kNone:
      return EntraError{400, "invalid_client", 7000218,
                        "The request body must contain the following parameter: "
                        "'client_assertion' or 'client_secret'."};
    case Credential::Kind::kSecret:
      if (!client.secret.empty() && ConstantTimeEquals(credential.value, client.secret)) {
        return std::nullopt;
      }
      return EntraError{401, "invalid_client", 7000215,
                        "Invalid client secret provided. Ensure the secret being sent in the "
                        "request is the client secret value, not the client secret ID, for a "
                        "secret added to app '" +
                            client.client_id + "'."};
    case Credential::Kind::kAssertion: {
      AssertionContext context;
      context.client_id = client.client_id;
      context.certificates = client.certificates;
      context.federated = client.federated;
      // The simulator is its own authority: the URL the client reached is the audience.
      context.token_endpoint = "http://" + request.headers.Get("Host").value_or("") + "/" +
                               std::string(tenant) + "/oauth2/v2.0/token";
      context.oidc_issuer = &issuer_;
      context.now = now;
      auto outcome =
          CheckClientAssertion(context, form.Get("client_assertion_type"), credential.value);
      if (auto* error = std::get_if<EntraError>(&outcome)) return *error;
      constexpr size_t kRemembered = 100;
      accepted_.push_back(std::get<AcceptedAssertion>(std::move(outcome)));
      if (accepted_.size() > kRemembered) accepted_.pop_front();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

const ClientRegistration* EntraEndpoint::FindClient(std::string_view client_id) const {
  for (const auto& client : clients_) {
    if (EqualsIgnoreCase(client.client_id, client_id)) return &client;
  }
  return nullptr;
}

SimResponse EntraEndpoint::Handle(const SimRequest& request, std::string_view tenant,
                                  TimePoint now) {
  const auto fail = [&](const EntraError& error) {
    return EntraErrorResponse(error, request, now);
  };
  if (request.method != "POST") {
    return fail({400, "invalid_request", 900561,
                 "The endpoint only accepts POST, OPTIONS requests. Received a " + request.method +
                     " request."});
  }
  // A body in any other encoding reads as empty, just as Entra then misses grant_type.
  const auto content_type = ToLower(request.headers.Get("Content-Type").value_or(""));
  const FieldList form = content_type.starts_with("application/x-www-form-urlencoded")
                             ? ParseUrlEncoded(request.body)
                             : FieldList();

  const auto grant_type = form.Get("grant_type");
  if (!grant_type || grant_type->empty()) return fail(MissingParameter("grant_type"));
  if (*grant_type != "client_credentials") {
    return fail({400, "unsupported_grant_type", 70003,
                 "The app requested an unsupported grant type '" + *grant_type +
                     "'. The simulator supports only 'client_credentials'."});
  }

  const Credential credential = ReadCredential(request, form);
  const std::string client_id = form.Get("client_id").value_or(credential.client_id);
  if (client_id.empty()) return fail(MissingParameter("client_id"));

  const auto scope = form.Get("scope");
  if (!scope || Trim(*scope).empty()) return fail(MissingParameter("scope"));
  std::string resource;
  for (const auto& item : Split(Trim(*scope), ' ')) {
    if (item.empty()) continue;
    const bool valid = item.ends_with("/.default") && IsScopeResource(item);
    const std::string item_resource = item.substr(0, item.size() - std::string(".default").size());
    if (!valid) {
      return fail({400, "invalid_scope", 70011,
                   "The provided value for the input parameter 'scope' is not valid. The scope " +
                       *scope + " is not valid."});
    }
    if (!resource.empty() && !EqualsIgnoreCase(resource, item_resource)) {
      return fail({400, "invalid_scope", 700022,
                   "The provided value for the input parameter scope is not valid because it "
                   "contains more than one resource. Scope " +
                       *scope + " is not valid."});
    }
    resource = item_resource;
  }

  const ClientRegistration* client = FindClient(client_id);
  if (client == nullptr) {
    return fail({400, "unauthorized_client", 700016,
                 "Application with identifier '" + client_id +
                     "' was not found in the directory '" + std::string(tenant) +
                     "'. This can happen if the application has not been installed by the "
                     "administrator of the tenant or consented to by any user in the tenant. You "
                     "may have sent your authentication request to the wrong tenant."});
  }
  if (auto error = Authenticate(*client, credential, request, form, tenant, now)) {
    return fail(*error);
  }

  const TokenSubject subject{std::string(tenant), client->client_id,
                             StableUuid("service-principal:" + ToLower(client->client_id))};
  const auto lifetime = issuer_.lifetime().count();
  SimResponse response =
      JsonResponse(200, {{"token_type", "Bearer"},
                         {"expires_in", lifetime},
                         {"ext_expires_in", lifetime},
                         {"access_token", issuer_.Issue(subject, resource, now)}});
  response.headers.Add("Cache-Control", "no-store, no-cache");
  return response;
}

}  // namespace mensor::sim
