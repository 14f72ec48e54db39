// Typed, read-only access to a configuration node through the host table.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mensor::sdk {

/// \brief A view of a configuration node the host validated against the class's Schema.
/// Absent keys (without default) read as nullopt / empty; a value of the wrong type throws
/// ConfigError naming the key. Values are copied out, so results outlive the handle.
/// Ownership: borrows the host handle, valid only during the call it was passed to (T5).
/// Thread-safety: use only on the calling thread.
class Config {
 public:
  explicit Config(const mensor_config* cfg) : cfg_(cfg) {}

  std::optional<std::string> GetString(const char* key) const {
    if (cfg_ == nullptr) return std::nullopt;
    mensor_str out{};
    if (!Check(host::Api().cfg_str(cfg_, key, &out), key)) return std::nullopt;
    return std::string(detail::ToView(out));
  }

  /// Throws ConfigError("'<key>' is required ...") when absent.
  std::string RequireString(const char* key) const {
    std::optional<std::string> value = GetString(key);
    if (!value) throw ConfigError(std::string("'") + key + "' is required but not configured");
    return *std::move(value);
  }

  std::optional<int64_t> GetInt(const char* key) const {
    int64_t out = 0;
    if (cfg_ == nullptr || !Check(host::Api().cfg_i64(cfg_, key, &out), key)) return std::nullopt;
    return out;
  }

  std::optional<double> GetDouble(const char* key) const {
    double out = 0;
    if (cfg_ == nullptr || !Check(host::Api().cfg_f64(cfg_, key, &out), key)) return std::nullopt;
    return out;
  }

  std::optional<bool> GetBool(const char* key) const {
    bool out = false;
    if (cfg_ == nullptr || !Check(host::Api().cfg_bool(cfg_, key, &out), key)) return std::nullopt;
    return out;
  }

  /// Empty when absent.
  std::vector<std::string> GetStringList(const char* key) const {
    std::vector<std::string> values;
    if (cfg_ == nullptr) return values;
    const mensor_host_api& api = host::Api();
    size_t count = api.cfg_list_len(cfg_, key);
    values.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      mensor_str out{};
      if (Check(api.cfg_list_str(cfg_, key, i, &out), key)) {
        values.emplace_back(detail::ToView(out));
      }
    }
    return values;
  }

  /// The OBJECT child `key`, nullopt when absent.
  std::optional<Config> Child(const char* key) const {
    if (cfg_ == nullptr) return std::nullopt;
    const mensor_config* child = host::Api().cfg_child(cfg_, key);
    if (child == nullptr) return std::nullopt;
    return Config(child);
  }

  /// The elements of the OBJECT_LIST `key`; empty when absent.
  std::vector<Config> ObjectList(const char* key) const {
    std::vector<Config> values;
    if (cfg_ == nullptr) return values;
    const mensor_host_api& api = host::Api();
    size_t count = api.cfg_list_len(cfg_, key);
    for (size_t i = 0; i < count; ++i) {
      if (const mensor_config* child = api.cfg_list_obj(cfg_, key, i)) values.emplace_back(child);
    }
    return values;
  }

  const mensor_config* raw() const { return cfg_; }

 private:
  // true: value present; false: absent; throws for any other failure.
  static bool Check(mensor_status status, const char* key) {
    if (status == MENSOR_OK) return true;
    if (status == MENSOR_E_NOT_FOUND) return false;
    if (status == MENSOR_E_CONFIG) {
      throw ConfigError(std::string("'") + key + "' has a value of the wrong type");
    }
    throw Error(status, std::string("reading configuration key '") + key +
                            "' failed: " + std::string(StatusName(status)));
  }

  const mensor_config* cfg_;
};

}  // namespace mensor::sdk
