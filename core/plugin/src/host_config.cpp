#include <mensor/plugin/detail/config.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>

#include <spdlog/spdlog.h>

#include "host_functions.hpp"
#include "mensor/util/strings.hpp"

namespace {

bool EqualKeys(std::string_view a, std::string_view b, bool case_insensitive) {
  return case_insensitive ? mensor::util::EqualsIgnoreCase(a, b) : a == b;
}

// Records why a typed read failed; returns MENSOR_E_CONFIG for `return Fail(...)`.
mensor_status Fail(const mensor_config& cfg, std::string_view key, std::string_view what,
                   const YAML::Node& node) {
  std::string got = node.IsScalar()     ? "'" + node.Scalar() + "'"
                    : node.IsSequence() ? std::string("a list")
                    : node.IsMap()      ? std::string("a mapping")
                                        : std::string("nothing");
  std::string message = (cfg.file.empty() ? "" : cfg.file + ": ") + "key '" + std::string(key) +
                        "': expected " + std::string(what) + ", got " + got;
  spdlog::debug("config read failed: {}", message);
  std::lock_guard lock(cfg.mutex);
  cfg.last_error = std::move(message);
  return MENSOR_E_CONFIG;
}

// The present value of `key`, or NOT_FOUND / INVALID_ARGUMENT.
mensor_status Find(const mensor_config* cfg, const char* key, YAML::Node* out) {
  if (cfg == nullptr || key == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  auto node = cfg->Lookup(key);
  if (!node) return MENSOR_E_NOT_FOUND;
  *out = *node;
  return MENSOR_OK;
}

// Caches `text` under `cache_key` and returns a view that lives as long as the handle.
mensor_str Cache(const mensor_config& cfg, std::string cache_key, const std::string& text) {
  std::lock_guard lock(cfg.mutex);
  auto [it, inserted] = cfg.strings.try_emplace(std::move(cache_key), text);
  // A later read of the same key yields the same text; keep the first copy's address stable.
  return mensor::plugin::host_fn::Str(it->second);
}

const mensor_config* Child(const mensor_config& cfg, std::string cache_key, const YAML::Node& node,
                           const mensor_config_schema* schema) {
  std::lock_guard lock(cfg.mutex);
  auto& slot = cfg.children[std::move(cache_key)];
  if (!slot) slot = std::make_unique<mensor_config>(node, cfg.file, cfg.case_insensitive, schema);
  return slot.get();
}

const mensor_config_schema* ChildSchema(const mensor_config& cfg, std::string_view key) {
  auto declared = cfg.FindKey(key);
  return declared ? declared->children : nullptr;
}

}  // namespace

std::optional<mensor_config_key> mensor_config::FindKey(std::string_view key) const {
  if (schema == nullptr || schema->keys == nullptr || schema->key_size == 0) return std::nullopt;
  const auto* base = reinterpret_cast<const unsigned char*>(schema->keys);
  for (size_t i = 0; i < schema->key_count; ++i) {
    mensor_config_key entry{};
    std::memcpy(&entry, base + i * schema->key_size,
                std::min<size_t>(schema->key_size, sizeof(entry)));
    if (entry.name != nullptr && EqualKeys(entry.name, key, case_insensitive)) return entry;
  }
  return std::nullopt;
}

std::optional<YAML::Node> mensor_config::Lookup(std::string_view key) const {
  std::lock_guard lock(mutex);
  if (node.IsMap()) {
    for (const auto& pair : node) {
      if (pair.first.IsScalar() && EqualKeys(pair.first.Scalar(), key, case_insensitive)) {
        if (pair.second.IsNull()) break;  // "key:" with no value counts as absent
        return pair.second;
      }
    }
  }
  auto declared = FindKey(key);
  if (!declared || declared->default_value == nullptr) return std::nullopt;
  if (declared->type == MENSOR_CFG_STRING || declared->type == MENSOR_CFG_DURATION) {
    return YAML::Node(std::string(declared->default_value));
  }
  try {
    return YAML::Load(declared->default_value);
  } catch (const YAML::Exception& e) {
    spdlog::warn("schema default of '{}' is not valid YAML: {}", std::string(key), e.what());
    return std::nullopt;
  }
}

std::string mensor_config::LastError() const {
  std::lock_guard lock(mutex);
  return last_error;
}

namespace mensor::plugin::host_fn {

mensor_status CfgStr(const mensor_config* cfg, const char* key, mensor_str* out) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  YAML::Node node;
  if (auto status = Find(cfg, key, &node); status != MENSOR_OK) return status;
  if (!node.IsScalar()) return Fail(*cfg, key, "a string", node);
  *out = Cache(*cfg, key, node.Scalar());
  return MENSOR_OK;
}

mensor_status CfgI64(const mensor_config* cfg, const char* key, int64_t* out) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  YAML::Node node;
  if (auto status = Find(cfg, key, &node); status != MENSOR_OK) return status;
  if (!node.IsScalar()) return Fail(*cfg, key, "an integer", node);
  const std::string& text = node.Scalar();
  const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || begin == end) {
    return Fail(*cfg, key, "an integer", node);
  }
  *out = value;
  return MENSOR_OK;
}

mensor_status CfgF64(const mensor_config* cfg, const char* key, double* out) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  YAML::Node node;
  if (auto status = Find(cfg, key, &node); status != MENSOR_OK) return status;
  if (!node.IsScalar()) return Fail(*cfg, key, "a number", node);
  const std::string& text = node.Scalar();
  const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
  double value = 0;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || begin == end) {
    return Fail(*cfg, key, "a number", node);
  }
  *out = value;
  return MENSOR_OK;
}

mensor_status CfgBool(const mensor_config* cfg, const char* key, bool* out) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  YAML::Node node;
  if (auto status = Find(cfg, key, &node); status != MENSOR_OK) return status;
  if (!node.IsScalar()) return Fail(*cfg, key, "true or false", node);
  // Promitor configs come from .NET, which writes True/False; YAML 1.1 spellings are accepted too.
  const std::string text = mensor::util::ToLowerAscii(node.Scalar());
  if (text == "true" || text == "yes" || text == "on") {
    *out = true;
  } else if (text == "false" || text == "no" || text == "off") {
    *out = false;
  } else {
    return Fail(*cfg, key, "true or false", node);
  }
  return MENSOR_OK;
}

size_t CfgListLen(const mensor_config* cfg, const char* key) {
  YAML::Node node;
  if (Find(cfg, key, &node) != MENSOR_OK || !node.IsSequence()) return 0;
  return node.size();
}

mensor_status CfgListStr(const mensor_config* cfg, const char* key, size_t index, mensor_str* out) {
  if (out == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  YAML::Node node;
  if (auto status = Find(cfg, key, &node); status != MENSOR_OK) return status;
  if (!node.IsSequence()) return Fail(*cfg, key, "a list of strings", node);
  if (index >= node.size()) return MENSOR_E_NOT_FOUND;
  const YAML::Node element = node[index];
  if (!element.IsScalar()) return Fail(*cfg, key, "a list of strings", element);
  std::string cache_key = std::string(key) + '\0' + std::to_string(index);
  *out = Cache(*cfg, std::move(cache_key), element.Scalar());
  return MENSOR_OK;
}

const mensor_config* CfgChild(const mensor_config* cfg, const char* key) {
  YAML::Node node;
  if (Find(cfg, key, &node) != MENSOR_OK || !node.IsMap()) return nullptr;
  return Child(*cfg, key, node, ChildSchema(*cfg, key));
}

const mensor_config* CfgListObj(const mensor_config* cfg, const char* key, size_t index) {
  YAML::Node node;
  if (Find(cfg, key, &node) != MENSOR_OK || !node.IsSequence() || index >= node.size()) {
    return nullptr;
  }
  const YAML::Node element = node[index];
  if (!element.IsMap()) return nullptr;
  std::string cache_key = std::string(key) + '\0' + std::to_string(index);
  return Child(*cfg, std::move(cache_key), element, ChildSchema(*cfg, key));
}

}  // namespace mensor::plugin::host_fn
