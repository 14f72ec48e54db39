// Configuration pieces the HTTP push sinks share: the `headers` key (a list of {name, value} or
// {name, environmentVariable} entries, as Kubernetes writes HTTP headers), timeouts, secrets from
// files and the environment.
#pragma once

#include <mensor/sdk/config.hpp>
#include <mensor/sdk/schema.hpp>

#include "http_pusher.hpp"

namespace mensor::sinks {

/// Schema of one entry of `headers`.
const sdk::Schema& HeaderEntrySchema();

/// Reads `headers`; throws sdk::ConfigError naming the entry when a name is not an HTTP token, a
/// value holds CR/LF, or neither (or both) of value / environmentVariable is given. Values from
/// environment variables are read once, here.
HeaderList ReadHeaders(const sdk::Config& config, const char* key = "headers");

/// The duration `key` (default `fallback`), see ParseDuration; throws sdk::ConfigError naming
/// the value when it is not one.
std::chrono::milliseconds ReadTimeout(const sdk::Config& config, const char* key,
                                      const char* fallback);

/// The environment variable `name` through the host, nullopt when unset.
std::optional<std::string> ReadEnv(const std::string& name);

/// Reads a secret file (bearer token, password) whole, trimming trailing whitespace; throws
/// sdk::Error(MENSOR_E_CONFIG) naming the file when it cannot be read. Bounded to 64 KiB.
std::string ReadSecretFile(const std::string& path);

}  // namespace mensor::sinks
