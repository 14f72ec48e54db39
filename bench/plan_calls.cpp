// Benchmark (a), planner side: how many Azure calls one cycle needs for N resources spread over
// regions with K metrics each, against the lower bound ⌈n/50⌉·⌈K/20⌉ per region (group).
//
//   mensor-bench-plan [N=1000] [K=25] [regions=3]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "mensor/agent/request_planner.hpp"

int main(int argc, char** argv) {
  using namespace mensor::agent;
  const int resources = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int metrics = argc > 2 ? std::atoi(argv[2]) : 25;
  const int regions = argc > 3 ? std::atoi(argv[3]) : 3;
  std::vector<PlanInput> inputs;
  std::map<std::string, int> per_region;
  for (int r = 0; r < resources; ++r) {
    const std::string region = "region-" + std::to_string(r % regions);
    ++per_region[region];
    for (int m = 0; m < metrics; ++m) {
      auto target = std::make_shared<ScrapeTarget>();
      target->metric_name = "metric_" + std::to_string(m);
      target->azure_metric_name = "Metric" + std::to_string(m);
      target->aggregation = mensor::azure::Aggregation::kAverage;
      target->labels.resource_uri =
          "subscriptions/s/resourceGroups/rg/providers/"
          "Microsoft.ServiceBus/namespaces/ns-" +
          std::to_string(r);
      inputs.push_back({target, std::chrono::seconds(60), region});
    }
  }
  long bound = 0;
  for (const auto& [region, n] : per_region) {
    bound += static_cast<long>(std::ceil(n / 50.0) * std::ceil(metrics / 20.0));
  }
  const auto batch = PlanRequests(inputs, PlanOptions{true, 50});
  const auto arm = PlanRequests(inputs, PlanOptions{false, 50});
  std::printf("resources=%d metrics=%d regions=%d targets=%zu\n", resources, metrics, regions,
              inputs.size());
  std::printf("lower bound (sum over regions of ceil(n/50)*ceil(K/20)): %ld\n", bound);
  std::printf("planned getBatch calls:                                %zu\n", batch.size());
  std::printf("planned ARM calls without batching (ceil(K/20) each):  %zu\n", arm.size());
  std::printf("Promitor (one call per resource, metric, aggregation): %zu\n", inputs.size());
  return batch.size() == static_cast<size_t>(bound) ? 0 : 1;
}
