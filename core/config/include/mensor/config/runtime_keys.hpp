#pragma once

#include <string_view>
#include <vector>

#include "mensor/config/key_spec.hpp"

namespace mensor::config {

// Every runtime.yaml key the core reads (promitor-compat.md §2.2 plus Mensor's additions), as a
// tree: sections are kObject keys with children. It is the one list behind unknown-key warnings,
// type checks, `mensor schema` and docs/configuration.md; adding a key is one line in
// runtime_keys.cpp (plus reading it in runtime_loader.cpp). Plugin-owned sections (each
// metricSinks.<sink>, the auth mode's keys under authentication) are spliced in at load time from
// the plugins' schemas (RuntimeLoadOptions::plugin_sections).
const std::vector<KeySpec>& RuntimeKeys();

// The spec at a canonical dotted path ("server.httpPort"), case-insensitive; nullptr if unknown.
const KeySpec* FindRuntimeKeySpec(std::string_view dotted_path);

}  // namespace mensor::config
