// Many requests through HttpClient against a server whose handlers take a little time.

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "mensor/net/http_client.hpp"
#include "test_support.hpp"

namespace mensor::net {
namespace {

class ConcurrencyProbe {
 public:
  void Enter() {
    const int now = current_.fetch_add(1) + 1;
    int seen = peak_.load();
    while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
    }
  }
  void Leave() { current_.fetch_sub(1); }
  int peak() const { return peak_.load(); }

 private:
  std::atomic<int> current_{0};
  std::atomic<int> peak_{0};
};

TEST(HttpClientLoad, ManyRequestsRespectTheInFlightCapAndReuseConnections) {
  constexpr int kRequests = 200;
  constexpr size_t kMaxInFlight = 8;
  ConcurrencyProbe probe;
  testing::TestServer server;
  server.server().Route("GET", "/slow", [&probe](const Request& request, Response& response) {
    probe.Enter();
    // Simulated service latency; the server runs on many threads so this only blocks one.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    probe.Leave();
    response.SetText(200, request.QueryParam("i"));
  });
  server.Start(/*threads=*/16);

  ClientOptions options;
  options.max_in_flight = kMaxInFlight;
  options.max_per_host = 16;
  HttpClient client(options);
  std::atomic<int> ok{0};
  std::atomic<int> done{0};
  std::atomic<uint64_t> peak_in_flight{0};
  std::promise<void> all_done;
  for (int i = 0; i < kRequests; ++i) {
    client.Submit(
        testing::GetTo(server.Url("/slow?i=" + std::to_string(i))),
        [&, i](ClientResponse response) {
          const uint64_t in_flight = client.stats().in_flight;
          uint64_t seen = peak_in_flight.load();
          while (in_flight > seen && !peak_in_flight.compare_exchange_weak(seen, in_flight)) {
          }
          if (response.status == 200 && response.body == std::to_string(i)) ok++;
          if (++done == kRequests) all_done.set_value();
        });
  }
  auto future = all_done.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(ok.load(), kRequests);
  EXPECT_LE(probe.peak(), static_cast<int>(kMaxInFlight));
  EXPECT_GE(probe.peak(), 2) << "requests were not actually concurrent";
  EXPECT_LE(peak_in_flight.load(), kMaxInFlight);
  EXPECT_LE(server.server().accepted_connections(), kMaxInFlight);

  const auto stats = client.stats();
  EXPECT_EQ(stats.started, static_cast<uint64_t>(kRequests));
  EXPECT_EQ(stats.completed, static_cast<uint64_t>(kRequests));
  EXPECT_EQ(stats.failed, 0u);
  EXPECT_EQ(stats.in_flight, 0u);
  EXPECT_EQ(stats.queued, 0u);
}

TEST(HttpClientLoad, PerHostCapLimitsConnections) {
  ConcurrencyProbe probe;
  testing::TestServer server;
  server.server().Route("GET", "/slow", [&probe](const Request&, Response& response) {
    probe.Enter();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    probe.Leave();
    response.SetText(200, "ok");
  });
  server.Start(/*threads=*/8);

  ClientOptions options;
  options.max_in_flight = 32;
  options.max_per_host = 2;
  HttpClient client(options);
  std::vector<std::future<ClientResponse>> results;
  for (int i = 0; i < 40; ++i) {
    auto promise = std::make_shared<std::promise<ClientResponse>>();
    results.push_back(promise->get_future());
    client.Submit(testing::GetTo(server.Url("/slow")),
                  [promise](ClientResponse response) { promise->set_value(std::move(response)); });
  }
  for (auto& result : results) {
    ASSERT_EQ(result.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    EXPECT_EQ(result.get().status, 200);
  }
  EXPECT_LE(probe.peak(), 2);
  EXPECT_LE(server.server().accepted_connections(), 2u);
}

TEST(HttpClientLoad, SubmitFromManyThreads) {
  testing::TestServer server;
  server.server().Route("GET", "/x",
                        [](const Request&, Response& response) { response.SetText(200, "x"); });
  server.Start(/*threads=*/2);
  HttpClient client;
  std::atomic<int> ok{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (client.Send(testing::GetTo(server.Url("/x"))).status == 200) ok++;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(ok.load(), 100);
}

}  // namespace
}  // namespace mensor::net
