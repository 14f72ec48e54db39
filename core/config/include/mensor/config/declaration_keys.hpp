#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "mensor/config/key_spec.hpp"

namespace mensor::config {

// Every key of the metrics declaration v1 (promitor-compat.md §1) as a tree of KeySpecs: the
// loader takes each mapping's known keys from here (so unknown-key warnings, `mensor schema` and
// the docs cannot disagree with it). Resource entries are free here: their keys belong to the
// resource type's plugin. Keys are case-sensitive, as in Promitor.
const std::vector<KeySpec>& DeclarationKeys();

// The keys of the mapping at `dotted_path` ("" = top level, "metrics.azureMetricConfiguration";
// list entries are transparent, so "metrics" names one entry of metrics[]). Empty if unknown.
std::span<const KeySpec> DeclarationKeysAt(std::string_view dotted_path);

// Keys every resources[] entry accepts besides its resource type's own: per-resource overrides
// of azureMetadata (subscriptionId, resourceGroupName).
const std::vector<std::string>& ResourceOverrideKeys();

}  // namespace mensor::config
