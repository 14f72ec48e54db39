#include "mensor/agent/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

#include "mensor/util/strings.hpp"

namespace mensor::agent {

spdlog::level::level_enum ParseVerbosity(std::string_view name,
                                         spdlog::level::level_enum fallback) {
  const std::string lower = util::ToLowerAscii(name);
  if (lower == "trace") return spdlog::level::trace;
  if (lower == "debug") return spdlog::level::debug;
  if (lower == "information" || lower == "info") return spdlog::level::info;
  if (lower == "warning" || lower == "warn") return spdlog::level::warn;
  if (lower == "error") return spdlog::level::err;
  if (lower == "critical") return spdlog::level::critical;
  if (lower == "none") return spdlog::level::off;
  return fallback;
}

void SetUpLogging(spdlog::level::level_enum level) {
  if (auto existing = spdlog::get("mensor")) {
    existing->set_level(level);
    return;
  }
  auto logger = spdlog::stderr_color_mt("mensor");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ %v");
  logger->set_level(level);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

}  // namespace mensor::agent
