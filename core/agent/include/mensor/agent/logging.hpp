#pragma once

#include <string_view>

#include <spdlog/common.h>

namespace mensor::agent {

/// Maps Promitor's verbosity names (Trace, Debug, Information, Warning, Error, Critical, None;
/// case-insensitive) to spdlog levels; unknown names give `fallback`.
spdlog::level::level_enum ParseVerbosity(std::string_view name, spdlog::level::level_enum fallback);

/// Console logging on stderr with ISO timestamps; one line per event.
void SetUpLogging(spdlog::level::level_enum level);

}  // namespace mensor::agent
