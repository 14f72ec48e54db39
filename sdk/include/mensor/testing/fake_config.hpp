// A mensor_config backed by a yaml-cpp node (testing only: the SDK proper has no dependencies).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>

#include <yaml-cpp/yaml.h>

#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mensor::testing {

/// \brief State behind a mensor_config: a YAML mapping plus the schema it is read with.
/// Like the real host it applies schema defaults to absent keys and answers
/// NOT_FOUND (absent), CONFIG (wrong type) or OK. It does not reject unknown keys.
/// Ownership: the FakeHost owns top-level configs; children are owned by their parent.
/// Thread-safety: reads may run concurrently (internal storage is locked).
class FakeConfig {
 public:
  FakeConfig(YAML::Node node, const mensor_config_schema* schema)
      : node_(std::move(node)), schema_(schema) {}
  FakeConfig(const FakeConfig&) = delete;
  FakeConfig& operator=(const FakeConfig&) = delete;

  const mensor_config* raw() const { return reinterpret_cast<const mensor_config*>(this); }
  static const FakeConfig* From(const mensor_config* c) {
    return reinterpret_cast<const FakeConfig*>(c);
  }
  const YAML::Node& node() const { return node_; }

  /// The value of `key`, or the schema default (as a scalar), or nullopt.
  std::optional<YAML::Node> Lookup(const char* key) const {
    if (key != nullptr && node_.IsMap()) {
      YAML::Node value = node_[key];
      if (value.IsDefined() && !value.IsNull()) return value;
    }
    if (const mensor_config_key* k = FindKey(key); k != nullptr && k->default_value != nullptr) {
      return YAML::Node(std::string(k->default_value));
    }
    return std::nullopt;
  }

  mensor_status Str(const char* key, mensor_str* out) const {
    auto value = Lookup(key);
    if (!value) return MENSOR_E_NOT_FOUND;
    if (!value->IsScalar()) return MENSOR_E_CONFIG;
    *out = sdk::detail::ToStr(Keep(value->Scalar()));
    return MENSOR_OK;
  }

  template <class T>
  mensor_status As(const char* key, T* out) const {
    auto value = Lookup(key);
    if (!value) return MENSOR_E_NOT_FOUND;
    try {
      *out = value->as<T>();
      return MENSOR_OK;
    } catch (const YAML::Exception&) {
      return MENSOR_E_CONFIG;
    }
  }

  size_t ListLen(const char* key) const {
    auto value = Lookup(key);
    return value && value->IsSequence() ? value->size() : 0;
  }

  mensor_status ListStr(const char* key, size_t index, mensor_str* out) const {
    auto value = Lookup(key);
    if (!value || !value->IsSequence() || index >= value->size()) return MENSOR_E_NOT_FOUND;
    YAML::Node item = (*value)[index];
    if (!item.IsScalar()) return MENSOR_E_CONFIG;
    *out = sdk::detail::ToStr(Keep(item.Scalar()));
    return MENSOR_OK;
  }

  const mensor_config* Child(const char* key) const {
    auto value = Lookup(key);
    if (!value || !value->IsMap()) return nullptr;
    return Adopt(*value, ChildSchema(key));
  }

  const mensor_config* ListObj(const char* key, size_t index) const {
    auto value = Lookup(key);
    if (!value || !value->IsSequence() || index >= value->size()) return nullptr;
    YAML::Node item = (*value)[index];
    if (!item.IsMap()) return nullptr;
    return Adopt(item, ChildSchema(key));
  }

 private:
  const mensor_config_key* FindKey(const char* key) const {
    if (schema_ == nullptr || key == nullptr) return nullptr;
    const char* base = reinterpret_cast<const char*>(schema_->keys);
    for (size_t i = 0; i < schema_->key_count; ++i) {
      // key_size, not sizeof: honour the plugin's struct size (A3).
      auto* k = reinterpret_cast<const mensor_config_key*>(base + i * schema_->key_size);
      if (k->name != nullptr && std::strcmp(k->name, key) == 0) return k;
    }
    return nullptr;
  }
  const mensor_config_schema* ChildSchema(const char* key) const {
    const mensor_config_key* k = FindKey(key);
    return k ? k->children : nullptr;
  }
  // Views handed out must stay valid as long as this config: keep copies in a deque.
  const std::string& Keep(std::string value) const {
    std::lock_guard lock(mu_);
    return strings_.emplace_back(std::move(value));
  }
  const mensor_config* Adopt(YAML::Node node, const mensor_config_schema* schema) const {
    std::lock_guard lock(mu_);
    return children_.emplace_back(std::make_unique<FakeConfig>(std::move(node), schema))->raw();
  }

  YAML::Node node_;
  const mensor_config_schema* schema_;
  mutable std::mutex mu_;
  mutable std::deque<std::string> strings_;
  mutable std::deque<std::unique_ptr<FakeConfig>> children_;
};

}  // namespace mensor::testing
