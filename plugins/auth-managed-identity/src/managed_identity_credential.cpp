#include "managed_identity_credential.hpp"

#include <mensor/sdk/host.hpp>
#include <mensor/sdk/http.hpp>

#include <algorithm>
#include <charconv>
#include <random>
#include <thread>

#include "token_fetcher.hpp"

namespace mensor::managed_identity {
namespace {

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
    sdk::HttpResponse response = sdk::HttpSend(call_, http, {"Retry-After", "WWW-Authenticate"});
    return Response{response.status, std::move(response.body), response.Header("Retry-After"),
                    response.Header("WWW-Authenticate")};
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
  // Retries are worth a line at the default level: an identity being assigned takes a while.
  void Note(std::string_view message) override { logger_.Info(message); }
  // Tests point this at a temporary directory; in production it is Arc's fixed one.
  std::string ArcKeyDirectory() override {
    return HostEnv("MENSOR_ARC_KEY_DIRECTORY").value_or(FetchContext::ArcKeyDirectory());
  }

 private:
  sdk::Call& call_;
  const sdk::Logger& logger_;
};

}  // namespace

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

ManagedIdentityCredential::ManagedIdentityCredential(IdentitySelector identity, sdk::Logger logger)
    : identity_(std::move(identity)),
      logger_(std::move(logger)),
      policy_(PolicyFromEnvironment(logger_)) {}

sdk::Token ManagedIdentityCredential::GetToken(sdk::Call& call, std::string_view scope) {
  TokenRequest request = BuildTokenRequest(&HostEnv, scope, identity_);
  HostFetchContext context(call, logger_);
  AccessToken token = FetchToken(context, request, policy_);
  return sdk::Token{std::move(token.value), token.expires_unix_ns};
}

std::string ManagedIdentityCredential::Describe() const {
  TokenRequest probe = BuildTokenRequest(&HostEnv, "", identity_);
  return std::string(EndpointKindName(probe.kind)) + " (" + DescribeSelector(identity_) + ")";
}

}  // namespace mensor::managed_identity
