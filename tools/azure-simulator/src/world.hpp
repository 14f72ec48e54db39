// The simulated estate: which resources exist, their entities, and deterministic metric samples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "data_plane_world.hpp"
#include "http_types.hpp"
#include "resource_types.hpp"

namespace mensor::sim {

struct ResourceId {
  std::string subscription;
  std::string resource_group;
  std::string type;  // "Microsoft.ServiceBus/namespaces", child types appended: ".../queues".
  std::string name;  // Last name segment.
};

// Parses "/subscriptions/S/resourceGroups/RG/providers/NS/type/name[/childType/childName]…".
std::optional<ResourceId> ParseResourceId(std::string_view id);

using FixedValues = std::vector<std::pair<std::string, double>>;  // metric name → value

struct EntityState {
  std::string name;
  FixedValues fixed;
};

struct ResourceState {
  std::string id;
  std::string location;
  std::vector<EntityState> entities;
  FixedValues fixed;  // For metrics without the entity dimension.
};

// One assignment of every dimension of a metric, in the metric's dimension order.
using Cell = std::vector<std::pair<std::string, std::string>>;

class World {
 public:
  // An open world: every well-formed resource of a known type exists with default entities.
  explicit World(uint64_t seed = 0);
  // {"resources":[{"id","location","entities":{name:{metric:value}}|[names],"metrics":{…}}],
  //  "allowUnknownResources":false}. Throws std::runtime_error on invalid content.
  static World FromJson(const nlohmann::json& document, uint64_t seed);
  static World FromFile(const std::string& path, uint64_t seed);
  // A closed world of `count` Service Bus namespaces for scale tests (estate.cpp): ids
  // /subscriptions/{kEstateSubscription}/resourceGroups/estate-rg-{i % 10}/providers/
  // Microsoft.ServiceBus/namespaces/estate-{i}, each in one of `regions` chosen by the seed, with
  // `entities` queues queue-0… (0: the type's default entities).
  static World Generate(uint64_t seed, size_t count, const std::vector<std::string>& regions,
                        size_t entities = 0);
  const std::vector<ResourceState>& resources() const { return resources_; }

  std::optional<ResourceState> Find(std::string_view resource_id, const ResourceType& type) const;
  // The resource is deleted: from now on ARM answers 404 for it and getBatch finds no data,
  // as Azure does (in an open world too). Returns whether it existed.
  bool Delete(std::string_view resource_id);
  // Whether Delete removed it (Resource Graph lists the declared resources that remain).
  bool IsDeleted(std::string_view resource_id) const;

  // What one series' samples are drawn from, worked out once per series rather than per minute.
  struct SeriesSeed {
    std::optional<double> fixed;
    bool secondary = false;  // some non-entity dimension is off its first ("normal") value
    double base = 0;
    double jitter = 0;
    uint64_t key_state = 0;  // StableHash state after the series key
  };
  SeriesSeed Seed(const ResourceState& resource, const ResourceType& type,
                  const MetricDefinition& metric, const Cell& cell) const;
  // The sample for one minute; fixed world values win over the seeded pseudo-random series.
  double Sample(const SeriesSeed& seed, TimePoint minute) const;
  double Sample(const ResourceState& resource, const ResourceType& type,
                const MetricDefinition& metric, const Cell& cell, TimePoint minute) const {
    return Sample(Seed(resource, type, metric, cell), minute);
  }

  // Storage queues and Log Analytics workspaces.
  const DataPlaneWorld& data_plane() const { return data_plane_; }

 private:
  uint64_t seed_;
  bool open_ = true;
  std::vector<ResourceState> resources_;
  std::unordered_map<std::string, size_t> index_;  // normalised id → resources_ position
  std::unordered_set<std::string> deleted_;          // normalised ids

  void BuildIndex();
  DataPlaneWorld data_plane_;
};

inline constexpr std::string_view kEstateSubscription = "5e7a7e00-0000-4000-8000-000000000001";

inline constexpr std::string_view kDefaultLocation = "westeurope";

}  // namespace mensor::sim
