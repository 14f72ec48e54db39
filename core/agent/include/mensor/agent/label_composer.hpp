#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mensor::agent {

using LabelList = std::vector<std::pair<std::string, std::string>>;

/// Everything that contributes labels to one measured series, by origin.
struct LabelSources {
  std::string resource_group;
  std::string subscription_id;
  std::string resource_uri;
  std::string instance_name;
  LabelList scraper_labels;    // from the resource type (entity_name, slot_name, ...)
  LabelList dimension_labels;  // one per dimension of the series
  LabelList metric_labels;     // metrics[].labels
  LabelList default_labels;    // metricDefaults.labels
  std::string tenant_id;
};

/// Composes the label set of a series with Promitor's precedence (promitor-compat.md §5.1):
/// built-ins, then scraper-specific labels, dimensions, metric labels, default labels and
/// tenant_id, the first writer of a name winning.
///
/// Names are compared as Prometheus will write them (case-insensitively, with every character
/// outside [a-z0-9_] as '_'), so a dimension "resource.group" counts as "resource_group". Unlike
/// Promitor, a dimension that collides with an existing label is renamed to `dimension_<name>`
/// instead of failing the write; a metric label that collides is dropped with a warning, as in
/// Promitor. Warnings are appended to `warnings` when it is not null.
LabelList ComposeLabels(const LabelSources& sources, std::vector<std::string>* warnings);

/// The same with `dimension_labels` in place of sources.dimension_labels, so a target's sources
/// are shared by all its series instead of copied once per series.
LabelList ComposeLabels(const LabelSources& sources, const LabelList& dimension_labels,
                        std::vector<std::string>* warnings);

}  // namespace mensor::agent
