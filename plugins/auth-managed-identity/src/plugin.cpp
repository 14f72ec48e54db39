// SDK glue of library "managed-identity": SystemAssignedManagedIdentity and
// UserAssignedManagedIdentity on top of the protocol logic in this folder.
#include <mensor/sdk.hpp>

#include <algorithm>
#include <charconv>
#include <random>
#include <thread>

#include "token_fetcher.hpp"

namespace mensor::managed_identity {
namespace {

// Initial back-off in ms (later waits double, capped at 16x). Mainly so tests need not sleep.
constexpr char kRetryDelayEnv[] = "MENSOR_MANAGED_IDENTITY_RETRY_DELAY_MS";
constexpr std::chrono::milliseconds kSleepSlice{50};

std::optional<std::string> HostEnv(const char* name) { return sdk::host::Env(name); }

// FetchContext over the host: HTTP, clocks, the call's deadline and cancellation.
class HostFetchContext final : public FetchContext {
 public:
  HostFetchContext(sdk::Call& call, const sdk::Logger& logger) : call_(call), logger_(logger) {}

  Response Send(const TokenRequest& request) override {
    sdk::HttpRequest http;
    http.url = request.url;
    http.headers = request.headers;
    sdk::HttpResponse response = sdk::HttpSend(call_, http, {"Retry-After"});
    return Response{response.status, std::move(response.body), response.Header("Retry-After")};
  }
  int64_t NowUnixNs() override { return sdk::host::NowUnixNs(); }
  int64_t NowMonoNs() override { return sdk::host::NowMonoNs(); }
  int64_t DeadlineMonoNs() override { return call_.DeadlineMonoNs(); }
  bool Cancelled() override { return call_.Cancelled(); }
  // In slices, so a cancelled call stops waiting promptly (T4).
  void Sleep(std::chrono::nanoseconds duration) override {
    const auto until = std::chrono::steady_clock::now() + duration;
    for (auto now = std::chrono::steady_clock::now(); now < until && !call_.Cancelled();
         now = std::chrono::steady_clock::now()) {
      std::this_thread::sleep_for(std::min<std::chrono::nanoseconds>(until - now, kSleepSlice));
    }
  }
  double Random01() override {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  }
  void Note(std::string_view message) override { logger_.Debug(message); }

 private:
  sdk::Call& call_;
  const sdk::Logger& logger_;
};

RetryPolicy PolicyFromEnvironment(const sdk::Logger& logger) {
  RetryPolicy policy;
  std::optional<std::string> text = HostEnv(kRetryDelayEnv);
  if (!text) return policy;
  int64_t ms = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), ms);
  if (ec != std::errc{} || end != text->data() + text->size() || ms < 0) {
    logger.Warn(std::string(kRetryDelayEnv) + " is not a number of milliseconds; ignored");
    return policy;
  }
  policy.initial_delay = std::chrono::milliseconds(ms);
  policy.max_delay = std::chrono::milliseconds(ms * 16);
  return policy;
}

sdk::Schema MakeSchema(const char* identity_description) {
  return sdk::Schema{
      sdk::Key::String("identityId").Describe(identity_description),
      sdk::Key::String("tenantId").Describe("Tenant of the identity (informational)"),
      sdk::Key::String("authorityHost")
          .Describe("Entra authority of the cloud (informational: the endpoint issues tokens)"),
  };
}

// Shared behaviour of both modes; they differ only in which client id they send.
class ManagedIdentityMode : public sdk::AuthMode {
 public:
  sdk::Token GetToken(sdk::Call& call, std::string_view scope) override {
    TokenRequest request = BuildTokenRequest(&HostEnv, scope, client_id_);
    HostFetchContext context(call, logger_);
    AccessToken token = FetchToken(context, request, policy_);
    return sdk::Token{std::move(token.value), token.expires_unix_ns};
  }

 protected:
  ManagedIdentityMode(sdk::InitContext& ctx, std::string client_id)
      : logger_(ctx.logger()),
        client_id_(std::move(client_id)),
        policy_(PolicyFromEnvironment(logger_)) {
    TokenRequest probe = BuildTokenRequest(&HostEnv, "", client_id_);
    logger_.Debug(
        "managed identity tokens come from " + std::string(EndpointKindName(probe.kind)) +
        (client_id_.empty() ? std::string(" (no client id)") : " for client id " + client_id_));
  }

 private:
  sdk::Logger logger_;
  std::string client_id_;
  RetryPolicy policy_;
};

}  // namespace

class SystemAssignedManagedIdentity final : public ManagedIdentityMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "SystemAssignedManagedIdentity", "",
      "The system-assigned managed identity of the VM, App Service or container (IMDS or the "
      "App Service identity endpoint)"};
  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema =
        MakeSchema("Ignored: a system-assigned identity has no client id");
    return schema;
  }
  explicit SystemAssignedManagedIdentity(sdk::InitContext& ctx) : ManagedIdentityMode(ctx, "") {
    if (auto id = ctx.config().GetString("identityId"); id && !id->empty()) {
      ctx.logger().Warn("identityId is ignored by SystemAssignedManagedIdentity");
    }
  }
};

class UserAssignedManagedIdentity final : public ManagedIdentityMode {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "UserAssignedManagedIdentity", "",
      "A user-assigned managed identity selected by its client id (identityId); without one the "
      "environment chooses, e.g. AAD Pod Identity"};
  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema =
        MakeSchema("Client id of the user-assigned identity; empty lets the environment choose");
    return schema;
  }
  explicit UserAssignedManagedIdentity(sdk::InitContext& ctx)
      : ManagedIdentityMode(ctx, ctx.config().GetString("identityId").value_or("")) {}
};

}  // namespace mensor::managed_identity

MENSOR_PLUGIN("managed-identity", "0.1.0", "Azure managed identity authentication",
              mensor::managed_identity::SystemAssignedManagedIdentity,
              mensor::managed_identity::UserAssignedManagedIdentity);
