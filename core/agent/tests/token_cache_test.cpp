#include "mensor/agent/token_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mensor::agent {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using TimePoint = std::chrono::system_clock::time_point;

struct FakeClock {
  TimePoint now = TimePoint{} + std::chrono::hours(1000);
  TokenCache::Clock Fn() {
    return [this] { return now; };
  }
};

TEST(TokenCacheTest, FetchesOnceAndReusesUntilRenewalWindow) {
  FakeClock clock;
  int fetches = 0;
  TokenCache cache(
      [&](const std::string& scope) {
        ++fetches;
        return AccessToken{scope + "#" + std::to_string(fetches), clock.now + minutes(60)};
      },
      clock.Fn());
  EXPECT_EQ(cache.Get("arm"), "arm#1");
  clock.now += minutes(54);
  EXPECT_EQ(cache.Get("arm"), "arm#1");
  clock.now += minutes(2);  // 4 minutes left: inside the 5-minute renewal window
  EXPECT_EQ(cache.Get("arm"), "arm#2");
  EXPECT_EQ(fetches, 2);
}

TEST(TokenCacheTest, ShortLivedTokensRenewAtHalfLife) {
  FakeClock clock;
  int fetches = 0;
  TokenCache cache(
      [&](const std::string&) {
        ++fetches;
        return AccessToken{"t" + std::to_string(fetches), clock.now + seconds(60)};
      },
      clock.Fn());
  cache.Get("s");
  clock.now += seconds(29);
  cache.Get("s");
  EXPECT_EQ(fetches, 1);
  clock.now += seconds(2);
  cache.Get("s");
  EXPECT_EQ(fetches, 2);
}

TEST(TokenCacheTest, ScopesAreCachedSeparately) {
  FakeClock clock;
  TokenCache cache(
      [&](const std::string& scope) {
        return AccessToken{scope, clock.now + minutes(60)};
      },
      clock.Fn());
  EXPECT_EQ(cache.Get("a"), "a");
  EXPECT_EQ(cache.Get("b"), "b");
}

TEST(TokenCacheTest, FailedEarlyRenewalServesStillValidToken) {
  FakeClock clock;
  bool fail = false;
  TokenCache cache(
      [&](const std::string&) -> AccessToken {
        if (fail) throw std::runtime_error("token endpoint down");
        return AccessToken{"good", clock.now + minutes(60)};
      },
      clock.Fn());
  cache.Get("s");
  fail = true;
  clock.now += minutes(57);
  EXPECT_EQ(cache.Get("s"), "good");
  clock.now += minutes(4);  // expired now
  EXPECT_THROW(cache.Get("s"), std::runtime_error);
}

TEST(TokenCacheTest, InvalidateForcesRefetchOnlyForTheRejectedToken) {
  FakeClock clock;
  int fetches = 0;
  TokenCache cache(
      [&](const std::string&) {
        ++fetches;
        return AccessToken{"t" + std::to_string(fetches), clock.now + minutes(60)};
      },
      clock.Fn());
  cache.Get("s");
  cache.Invalidate("s", "some-other-token");
  EXPECT_EQ(cache.Get("s"), "t1");
  cache.Invalidate("s", "t1");
  EXPECT_EQ(cache.Get("s"), "t2");
}

TEST(TokenCacheTest, ConcurrentCallersShareOneFetch) {
  std::atomic<int> fetches{0};
  TokenCache cache([&](const std::string&) {
    ++fetches;
    // Widen the window in which other threads would fetch too if renewal were not single-flight.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return AccessToken{"shared", std::chrono::system_clock::now() + minutes(60)};
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) threads.emplace_back([&] { EXPECT_EQ(cache.Get("s"), "shared"); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(fetches.load(), 1);
}

TEST(TokenCacheTest, ConcurrentCallersShareOneFailureInsteadOfRetryingEach) {
  std::atomic<int> fetches{0};
  TokenCache cache([&](const std::string&) -> AccessToken {
    ++fetches;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    throw std::runtime_error("IMDS unreachable");
  });
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      try {
        cache.Get("s");
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 16);
  // Callers that arrive after a failure has been shared start a new attempt; those that waited
  // for it do not. With 16 threads racing, far fewer than 16 fetches happen.
  EXPECT_LT(fetches.load(), 16);
}

TEST(TokenCacheTest, RenewalAheadOfExpiryDoesNotBlockOtherCallers) {
  FakeClock clock;
  std::mutex gate;
  std::atomic<int> fetches{0};
  std::atomic<bool> in_fetch{false};
  TokenCache cache(
      [&](const std::string&) {
        const int n = ++fetches;
        if (n == 2) {
          in_fetch = true;
          std::lock_guard wait(gate);  // held by the test until the other caller got its token
        }
        return AccessToken{"t" + std::to_string(n), clock.now + minutes(60)};
      },
      [&] { return clock.now; });
  EXPECT_EQ(cache.Get("s"), "t1");
  clock.now += minutes(56);  // inside the renewal window, still valid
  std::unique_lock hold(gate);
  std::thread renewer([&] { EXPECT_EQ(cache.Get("s"), "t2"); });
  while (!in_fetch) std::this_thread::yield();
  EXPECT_EQ(cache.Get("s"), "t1") << "served the still-valid token while the renewal runs";
  hold.unlock();
  renewer.join();
  EXPECT_EQ(cache.Get("s"), "t2");
  EXPECT_EQ(fetches.load(), 2);
}

TEST(TokenCacheTest, ObserverSeesOutcomesAndExpiries) {
  FakeClock clock;
  bool fail = false;
  TokenCache cache(
      [&](const std::string&) -> AccessToken {
        if (fail) throw std::runtime_error("down");
        return AccessToken{"t", clock.now + minutes(60)};
      },
      clock.Fn());
  std::vector<std::pair<bool, size_t>> seen;  // outcome, scopes readable from the observer
  cache.SetObserver([&](bool ok) { seen.emplace_back(ok, cache.Expiries().size()); });
  cache.Get("s");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].first);
  EXPECT_EQ(seen[0].second, 1u);
  EXPECT_EQ(cache.Expiries().at("s"), clock.now + minutes(60));
  fail = true;
  clock.now += minutes(61);
  EXPECT_THROW(cache.Get("s"), std::runtime_error);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_FALSE(seen[1].first);
}

}  // namespace
}  // namespace mensor::agent
