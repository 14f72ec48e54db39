// Benchmark (c) reference: prometheus-cpp's Exposer serving the same 100,000 series (names and
// Promitor's labels) that the Mensor agent serves, for wrk to measure side by side.
//
//   mensor-bench-prometheus-cpp PORT [RESOURCES=1000] [QUEUES=100]
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT [RESOURCES] [QUEUES]\n", argv[0]);
    return 2;
  }
  const int resources = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int queues = argc > 3 ? std::atoi(argv[3]) : 100;
  prometheus::Exposer exposer("127.0.0.1:" + std::string(argv[1]));
  auto registry = std::make_shared<prometheus::Registry>();
  auto& family = prometheus::BuildGauge()
                     .Name("estate_queue_size")
                     .Help("Active messages")
                     .Register(*registry);
  const std::string subscription = "5e7a7e00-0000-4000-8000-000000000001";
  for (int r = 0; r < resources; ++r) {
    const std::string group = "estate-rg-" + std::to_string(r % 10);
    const std::string name = "estate-" + std::to_string(r);
    const std::string uri = "subscriptions/" + subscription + "/resourceGroups/" + group +
                            "/providers/Microsoft.ServiceBus/namespaces/" + name;
    for (int q = 0; q < queues; ++q) {
      family
          .Add({{"resource_group", group},
                {"subscription_id", subscription},
                {"resource_uri", uri},
                {"instance_name", name},
                {"entity_name", "queue-" + std::to_string(q)},
                {"tenant_id", "c8819874-9e56-4e3f-b1a8-1c0325138f27"}})
          .Set(r * 7 + q);
    }
  }
  exposer.RegisterCollectable(registry);
  std::printf("serving %d series on 127.0.0.1:%s/metrics\n", resources * queues, argv[1]);
  std::fflush(stdout);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int received = 0;
  sigwait(&signals, &received);
  return 0;
}
