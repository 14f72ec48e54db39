#pragma once

// Definition of the opaque mensor_config handle of abi.h.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <mensor/abi.h>

// A read-only view of one validated YAML mapping, with the plugin's schema for defaults.
// Strings and child handles handed out are cached inside and stay valid as long as this handle.
// Thread-safety: all members may be used concurrently (reads lock `mutex`); the agent must not
// change node/schema/flags once the handle is given to a plugin.
struct mensor_config {
  mensor_config() = default;
  mensor_config(YAML::Node node_in, std::string file_in, bool case_insensitive_in,
                const mensor_config_schema* schema_in)
      : node(std::move(node_in)),
        file(std::move(file_in)),
        case_insensitive(case_insensitive_in),
        schema(schema_in) {}
  mensor_config(const mensor_config&) = delete;
  mensor_config& operator=(const mensor_config&) = delete;

  YAML::Node node;   // a mapping (anything else reads as empty)
  std::string file;  // for messages
  // runtime.yaml sections match keys case-insensitively; the metrics declaration does not.
  bool case_insensitive = false;
  const mensor_config_schema* schema = nullptr;  // plugin static storage; may be null

  // The value of `key`: present and non-null in `node`, else the schema default parsed as YAML
  // (STRING defaults verbatim), else nullopt.
  std::optional<YAML::Node> Lookup(std::string_view key) const;
  // The schema's key named `key` copied by the schema's key_size (A3), nullopt if undeclared.
  std::optional<mensor_config_key> FindKey(std::string_view key) const;
  // Why the last typed read failed ("<file>: key 'x': expected an integer, got 'abc'").
  std::string LastError() const;

  // Caches and diagnostics; guarded by `mutex`.
  mutable std::mutex mutex;
  mutable std::map<std::string, std::string> strings;  // map nodes keep addresses stable
  mutable std::map<std::string, std::unique_ptr<mensor_config>> children;
  mutable std::string last_error;
};
