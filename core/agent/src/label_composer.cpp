#include "mensor/agent/label_composer.hpp"

#include <algorithm>

#include <string_view>

namespace mensor::agent {
namespace {

// Two names are the same label when a sink's naming rules could make them equal: Prometheus
// lower-cases and turns anything outside [a-z0-9_] into '_', so "Entity-Name", "entity.name"
// and "entity_name" are one label there.
bool SameLabel(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto fold = [](char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return keep ? c : '_';
  };
  for (size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

class Builder {
 public:
  explicit Builder(size_t expected) { labels_.reserve(expected); }
  bool Has(const std::string& name) const {
    return std::any_of(labels_.begin(), labels_.end(),
                       [&](const auto& label) { return SameLabel(label.first, name); });
  }
  bool AddIfAbsent(const std::string& name, const std::string& value) {
    if (name.empty() || Has(name)) return false;
    labels_.emplace_back(name, value);
    return true;
  }
  LabelList Take() { return std::move(labels_); }

 private:
  LabelList labels_;
};

}  // namespace

LabelList ComposeLabels(const LabelSources& sources, std::vector<std::string>* warnings) {
  return ComposeLabels(sources, sources.dimension_labels, warnings);
}

LabelList ComposeLabels(const LabelSources& sources, const LabelList& dimension_labels,
                        std::vector<std::string>* warnings) {
  Builder builder(5 + sources.scraper_labels.size() + dimension_labels.size() +
                  sources.metric_labels.size() + sources.default_labels.size());
  builder.AddIfAbsent("resource_group", sources.resource_group);
  builder.AddIfAbsent("subscription_id", sources.subscription_id);
  builder.AddIfAbsent("resource_uri", sources.resource_uri);
  if (!sources.instance_name.empty()) builder.AddIfAbsent("instance_name", sources.instance_name);
  for (const auto& [name, value] : sources.scraper_labels) builder.AddIfAbsent(name, value);
  for (const auto& [name, value] : dimension_labels) {
    if (builder.AddIfAbsent(name, value)) continue;
    // Promitor throws here and loses the write; keep the value under a distinct name instead.
    std::string renamed = "dimension_" + name;
    if (!builder.AddIfAbsent(renamed, value) && warnings) {
      warnings->push_back("dimension '" + name +
                          "' collides with an existing label and was dropped");
    }
  }
  for (const auto& [name, value] : sources.metric_labels) {
    if (!builder.AddIfAbsent(name, value) && warnings) {
      warnings->push_back("custom label '" + name + "' is already set by Mensor; its value '" +
                          value + "' is ignored");
    }
  }
  for (const auto& [name, value] : sources.default_labels) builder.AddIfAbsent(name, value);
  builder.AddIfAbsent("tenant_id", sources.tenant_id);
  return builder.Take();
}

}  // namespace mensor::agent
