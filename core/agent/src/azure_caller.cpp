#include "mensor/agent/azure_caller.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <boost/asio/post.hpp>
#include <charconv>

#include "mensor/azure/azure_error.hpp"

namespace mensor::agent {
namespace {

using Clock = std::chrono::steady_clock;

// Retry-After is whole seconds on Azure (no HTTP-date form). An absurd value is capped so one
// bad header cannot park a call for days; an hour is still honoured as given.
constexpr std::chrono::seconds kMaxRetryAfter = std::chrono::hours(1);

std::optional<std::chrono::seconds> ParseRetryAfter(const net::ClientResponse& response) {
  auto header = response.Header("Retry-After");
  if (!header) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] =
      std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (error != std::errc() || end == header->data() || seconds < 0) return std::nullopt;
  return std::min(std::chrono::seconds(seconds), kMaxRetryAfter);
}

// Resource Graph is throttled by its own per-user quota, not the subscription's ARM reads, and
// its answers carry no x-ms-ratelimit-remaining-subscription-reads.
bool IsArmRead(CallKind kind) {
  return kind != CallKind::kBatch && kind != CallKind::kResourceGraph;
}

// A call that ended without an HTTP answer.
net::ClientResponse NoAnswer(std::string error) {
  net::ClientResponse response;
  response.error = std::move(error);
  return response;
}

}  // namespace

struct AzureCaller::Pending {
  AzureCall call;
  Done done;
  std::string token;
  bool renewed_token = false;
  int retries = 0;
  int reschedules = 0;
};

AzureCaller::AzureCaller(net::HttpClient& client, TokenCache& tokens,
                         boost::asio::thread_pool& workers, CallCounters& counters,
                         CallerOptions options)
    : client_(client),
      tokens_(tokens),
      workers_(workers),
      counters_(counters),
      options_(std::move(options)) {}

void AzureCaller::Call(AzureCall call, Done done) {
  auto pending = std::make_shared<Pending>();
  pending->call = std::move(call);
  pending->done = std::move(done);
  boost::asio::post(workers_, [this, pending] { Attempt(pending); });
}

void AzureCaller::Stop() {
  std::set<std::shared_ptr<boost::asio::steady_timer>> timers;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    timers.swap(timers_);
  }
  for (const auto& timer : timers) timer->cancel();
}

std::chrono::steady_clock::duration AzureCaller::PaceDelay(const AzureCall& call) {
  if (!IsArmRead(call.kind)) return Clock::duration::zero();
  std::lock_guard lock(mutex_);
  Subscription& subscription = subscriptions_[call.subscription_id];
  const auto now = Clock::now();
  auto start = std::max(now, subscription.blocked_until);
  if (subscription.remaining >= 0 && subscription.remaining <= options_.reserved_reads) {
    // Few reads left: one call per pace interval until responses report more again.
    start = std::max(start, subscription.next_paced);
    subscription.next_paced = start + options_.pace_interval;
  }
  return start - now;
}

void AzureCaller::Attempt(std::shared_ptr<Pending> pending) {
  const auto delay = PaceDelay(pending->call);
  if (delay <= Clock::duration::zero()) {
    Send(std::move(pending));
    return;
  }
  After(
      delay, [this, pending] { Send(pending); },
      [this, pending] { Finish(pending, NoAnswer("cancelled")); });
}

void AzureCaller::Send(std::shared_ptr<Pending> pending) {
  try {
    pending->token = tokens_.Get(pending->call.scope);
  } catch (const std::exception& error) {
    Finish(pending, NoAnswer("no access token for " + pending->call.scope + ": " + error.what()));
    return;
  }
  net::ClientRequest request = pending->call.request;
  request.headers.emplace_back("Authorization", "Bearer " + pending->token);
  request.timeout = options_.request_timeout;
  client_.Submit(std::move(request), [this, pending](net::ClientResponse response) {
    // The client's thread only moves bytes; everything else happens on the workers.
    boost::asio::post(workers_, [this, pending, response = std::move(response)]() mutable {
      OnResponse(pending, std::move(response));
    });
  });
}

void AzureCaller::OnResponse(std::shared_ptr<Pending> pending, net::ClientResponse response) {
  const AzureCall& call = pending->call;
  counters_.CountCall(call.kind, response.status);
  const auto remaining_header = response.Header("x-ms-ratelimit-remaining-subscription-reads");
  if (IsArmRead(call.kind) && response.status != 0) {
    const int64_t remaining =
        remaining_header ? azure::ParseRemainingReads(*remaining_header).value_or(-1) : -1;
    counters_.RecordArmResponse(call.subscription_id, remaining, response.status == 429);
    std::lock_guard lock(mutex_);
    if (remaining >= 0) subscriptions_[call.subscription_id].remaining = remaining;
  }
  bool stopped = false;
  {
    std::lock_guard lock(mutex_);
    stopped = stopped_;
  }
  if (stopped) {
    Finish(pending, std::move(response));
    return;
  }
  if (response.status == 401 && !pending->renewed_token) {
    // The token may have been revoked or rotated early: renew once before giving up.
    tokens_.Invalidate(call.scope, pending->token);
    pending->renewed_token = true;
    Send(pending);
    return;
  }
  const auto retry_after = ParseRetryAfter(response);
  const bool worth_waiting =
      !call.max_retry_after || (retry_after && *retry_after <= *call.max_retry_after);
  if ((response.status == 429 || response.status == 529) && worth_waiting &&
      pending->reschedules < options_.max_reschedules) {
    ++pending->reschedules;
    const std::chrono::milliseconds delay = retry_after
                                                ? retry_after->count() * options_.retry_after_unit
                                                : Backoff(pending->reschedules);
    if (response.status == 429 && IsArmRead(call.kind)) {
      // ARM rejects every read of the subscription until then; hold them all back.
      std::lock_guard lock(mutex_);
      auto& blocked = subscriptions_[call.subscription_id].blocked_until;
      blocked = std::max(blocked, Clock::now() + delay);
    }
    spdlog::warn("Azure throttled a {} call (HTTP {}); trying again in {} ms",
                 CallKindName(call.kind), response.status, delay.count());
    After(
        delay, [this, pending] { Attempt(pending); },
        [this, pending] { Finish(pending, NoAnswer("cancelled")); });
    return;
  }
  const bool transient =
      (response.status == 0 && response.error != "cancelled" &&
       response.error != "client stopped") ||
      response.status == 408 ||
      (response.status >= 500 && response.status != 529 && response.status != 501);
  if (transient && pending->retries < options_.max_retries) {
    ++pending->retries;
    const auto delay = Backoff(pending->retries);
    After(
        delay, [this, pending] { Attempt(pending); },
        [this, pending] { Finish(pending, NoAnswer("cancelled")); });
    return;
  }
  Finish(pending, std::move(response));
}

std::chrono::milliseconds AzureCaller::Backoff(int retry) {
  // Exponential with "equal jitter": half the step is fixed, half random, so retries of many
  // calls failing together spread out but still grow.
  const auto step = std::min<int64_t>(options_.backoff_cap.count(), options_.backoff_base.count()
                                                                        << std::min(retry - 1, 20));
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<int64_t> jitter(0, std::max<int64_t>(step / 2, 0));
  return std::chrono::milliseconds(step - step / 2 + jitter(random_));
}

void AzureCaller::After(std::chrono::steady_clock::duration delay, std::function<void()> then,
                        std::function<void()> cancelled) {
  auto timer = std::make_shared<boost::asio::steady_timer>(workers_.get_executor(), delay);
  {
    std::lock_guard lock(mutex_);
    if (stopped_) {
      boost::asio::post(workers_, std::move(cancelled));
      return;
    }
    timers_.insert(timer);
  }
  timer->async_wait([this, timer, then = std::move(then),
                     cancelled = std::move(cancelled)](const boost::system::error_code& error) {
    bool stopped = false;
    {
      std::lock_guard lock(mutex_);
      timers_.erase(timer);
      stopped = stopped_;
    }
    if (error || stopped) {
      cancelled();
    } else {
      then();
    }
  });
}

void AzureCaller::Finish(std::shared_ptr<Pending> pending, net::ClientResponse response) {
  Done done = std::move(pending->done);
  if (done) done(std::move(response));
}

}  // namespace mensor::agent
