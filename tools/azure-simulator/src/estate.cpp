// A generated estate: thousands of resources across regions from a seed, for scale tests and
// benchmarks that cannot ship a world file per size.
#include <stdexcept>

#include "crypto.hpp"
#include "world.hpp"

namespace mensor::sim {

World World::Generate(uint64_t seed, size_t count, const std::vector<std::string>& regions,
                      size_t entities) {
  if (regions.empty()) throw std::runtime_error("estate: at least one region is needed");
  const ResourceType* type = FindResourceType("Microsoft.ServiceBus/namespaces");
  if (type == nullptr) throw std::runtime_error("estate: Service Bus is not simulated");
  World world(seed);
  world.open_ = false;
  world.resources_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const std::string name = "estate-" + std::to_string(i);
    ResourceState state;
    state.id = "/subscriptions/" + std::string(kEstateSubscription) + "/resourceGroups/estate-rg-" +
               std::to_string(i % 10) + "/providers/Microsoft.ServiceBus/namespaces/" + name;
    state.location = regions[StableHash(name, seed) % regions.size()];
    if (entities == 0) {
      for (const auto& entity : type->default_entities) state.entities.push_back({entity, {}});
    }
    for (size_t e = 0; e < entities; ++e)
      state.entities.push_back({"queue-" + std::to_string(e), {}});
    world.resources_.push_back(std::move(state));
  }
  world.BuildIndex();
  return world;
}

}  // namespace mensor::sim
