#include "world.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "crypto.hpp"

namespace mensor::sim {

namespace {

std::string NormaliseId(std::string_view id) {
  std::string text = ToLower(id);
  while (!text.empty() && text.back() == '/') text.pop_back();
  if (!text.starts_with('/')) text.insert(text.begin(), '/');
  return text;
}

std::optional<double> FindFixed(const FixedValues& values, std::string_view metric) {
  for (const auto& [name, value] : values) {
    if (EqualsIgnoreCase(name, metric)) return value;
  }
  return std::nullopt;
}

FixedValues ReadFixedValues(const nlohmann::json& object, const ResourceType& type,
                            const std::string& where) {
  FixedValues values;
  if (!object.is_object())
    throw std::runtime_error(where + ": expected an object of metric values");
  for (const auto& [metric, value] : object.items()) {
    if (type.FindMetric(metric) == nullptr) {
      throw std::runtime_error(where + ": unknown metric '" + metric + "' for " + type.type);
    }
    if (!value.is_number()) throw std::runtime_error(where + "." + metric + ": expected a number");
    values.emplace_back(type.FindMetric(metric)->name, value.get<double>());
  }
  return values;
}

// Uniform in [0, 1) from a hash.
double Unit(uint64_t hash) { return static_cast<double>(hash >> 11) * 0x1.0p-53; }

}  // namespace

std::optional<ResourceId> ParseResourceId(std::string_view id) {
  std::vector<std::string> segments = Split(id.starts_with('/') ? id.substr(1) : id, '/');
  if (!segments.empty() && segments.back().empty()) segments.pop_back();
  if (segments.size() < 8 || segments.size() % 2 != 0) return std::nullopt;
  if (!EqualsIgnoreCase(segments[0], "subscriptions") ||
      !EqualsIgnoreCase(segments[2], "resourceGroups") ||
      !EqualsIgnoreCase(segments[4], "providers")) {
    return std::nullopt;
  }
  for (const auto& segment : segments) {
    if (segment.empty()) return std::nullopt;
  }
  ResourceId result{segments[1], segments[3], segments[5] + "/" + segments[6], segments.back()};
  for (size_t i = 8; i < segments.size(); i += 2) result.type += "/" + segments[i];
  return result;
}

World::World(uint64_t seed) : seed_(seed), data_plane_(seed, true) {}

World World::FromJson(const nlohmann::json& document, uint64_t seed) {
  World world(seed);
  world.open_ = document.value("allowUnknownResources", false);
  world.data_plane_ = DataPlaneWorld::FromJson(document, seed, world.open_);
  const auto resources = document.find("resources");
  if (resources == document.end() || !resources->is_array()) {
    throw std::runtime_error("world: 'resources' must be an array");
  }
  for (const auto& entry : *resources) {
    const std::string id = entry.value("id", "");
    const auto parsed = ParseResourceId(id);
    if (!parsed) throw std::runtime_error("world: invalid resource id '" + id + "'");
    const ResourceType* type = FindResourceType(parsed->type);
    if (type == nullptr) {
      throw std::runtime_error("world: resource type '" + parsed->type + "' of '" + id +
                               "' is not simulated; known types: " + KnownResourceTypeList());
    }
    ResourceState state{id, entry.value("location", std::string(kDefaultLocation)), {}, {}};
    if (const auto entities = entry.find("entities"); entities != entry.end()) {
      if (entities->is_array()) {
        for (const auto& name : *entities) state.entities.push_back({name.get<std::string>(), {}});
      } else if (entities->is_object()) {
        for (const auto& [name, values] : entities->items()) {
          state.entities.push_back({name, ReadFixedValues(values, *type, id + " entity " + name)});
        }
      } else {
        throw std::runtime_error("world: 'entities' of '" + id + "' must be an object or array");
      }
    } else {
      for (const auto& name : type->default_entities) state.entities.push_back({name, {}});
    }
    if (const auto metrics = entry.find("metrics"); metrics != entry.end()) {
      state.fixed = ReadFixedValues(*metrics, *type, id);
    }
    world.resources_.push_back(std::move(state));
  }
  world.BuildIndex();
  return world;
}

World World::FromFile(const std::string& path, uint64_t seed) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open world file '" + path + "'");
  try {
    return FromJson(nlohmann::json::parse(in), seed);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("world file '" + path + "': " + e.what());
  }
}

std::optional<ResourceState> World::Find(std::string_view resource_id,
                                         const ResourceType& type) const {
  // An index, not a scan: a scale test asks about 10,000 resources thousands of times.
  const std::string key = NormaliseId(resource_id);
  if (const auto found = index_.find(key); found != index_.end()) {
    return resources_[found->second];
  }
  if (!open_ || deleted_.contains(key)) return std::nullopt;
  ResourceState state{std::string(resource_id), std::string(kDefaultLocation), {}, {}};
  for (const auto& name : type.default_entities) state.entities.push_back({name, {}});
  return state;
}

bool World::Delete(std::string_view resource_id) {
  const std::string key = NormaliseId(resource_id);
  const bool existed = index_.erase(key) > 0 || open_;
  deleted_.insert(key);
  return existed;
}

bool World::IsDeleted(std::string_view resource_id) const {
  return !deleted_.empty() && deleted_.contains(NormaliseId(resource_id));
}

void World::BuildIndex() {
  index_.clear();
  for (size_t i = 0; i < resources_.size(); ++i) index_.emplace(NormaliseId(resources_[i].id), i);
}

World::SeriesSeed World::Seed(const ResourceState& resource, const ResourceType& type,
                              const MetricDefinition& metric, const Cell& cell) const {
  SeriesSeed seed;
  std::string series_key = NormaliseId(resource.id) + "|" + ToLower(metric.name);
  for (const auto& [dimension, value] : cell) {
    series_key += "|" + ToLower(value);
    if (EqualsIgnoreCase(dimension, type.entity_dimension)) {
      for (const auto& entity : resource.entities) {
        if (entity.name == value) seed.fixed = FindFixed(entity.fixed, metric.name);
      }
    } else if (const auto* values = type.FixedValues(dimension)) {
      seed.secondary = seed.secondary || (!values->empty() && values->front() != value);
    }
  }
  if (cell.empty()) seed.fixed = FindFixed(resource.fixed, metric.name);
  const auto& profile = metric.profile;
  seed.key_state = StableHashAdd(StableHashStart(seed_), series_key);
  seed.base = profile.base_min +
              Unit(StableHashFinish(seed.key_state)) * (profile.base_max - profile.base_min);
  seed.jitter = profile.jitter;
  return seed;
}

double World::Sample(const SeriesSeed& seed, TimePoint minute) const {
  // A fixed entity value describes the entity as a whole, so it lands on the normal cell only.
  if (seed.fixed) return seed.secondary ? 0.0 : *seed.fixed;
  // The hash of "<series key>@<minute>", continued from the series key's.
  const std::string suffix = "@" + std::to_string(minute.time_since_epoch().count());
  const uint64_t hash = StableHashFinish(StableHashAdd(seed.key_state, suffix));
  const double value = std::floor(seed.base + Unit(hash) * seed.jitter);
  return seed.secondary ? std::floor(value / 10.0) : value;
}

}  // namespace mensor::sim
