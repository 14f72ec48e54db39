// The register_* slots: validate a plugin's descriptor, normalise it to this host's struct size
// (A3) and stage it in the registrar until the library's register returns.

#include <strings.h>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include <mensor/plugin/detail/call.hpp>

#include "host_functions.hpp"

namespace mensor::plugin::host_fn {
namespace {

constexpr int kMaxSchemaDepth = 8;

mensor_status Refuse(mensor_registrar* reg, mensor_status status, std::string message) {
  spdlog::debug("[{}] descriptor refused: {}", reg->library, message);
  reg->errors.push_back(std::move(message));
  return status;
}

// Why a plugin struct of `size` bytes cannot be read as a host struct of `known` bytes.
std::optional<std::string> CheckSize(std::string_view what, uint32_t size, size_t minimum,
                                     size_t known) {
  if (size > known) {
    return std::string(what) + " struct_size " + std::to_string(size) +
           " is larger than this host's " + std::to_string(known) +
           " (plugin built against a newer ABI)";
  }
  if (size < minimum) {
    return std::string(what) + " struct_size " + std::to_string(size) +
           " is smaller than the minimum " + std::to_string(minimum);
  }
  return std::nullopt;
}

std::optional<std::string> CheckSchema(const mensor_config_schema* schema, int depth) {
  if (schema == nullptr) return std::nullopt;
  if (depth > kMaxSchemaDepth)
    return "config schema nested deeper than " + std::to_string(kMaxSchemaDepth);
  constexpr size_t kMinSchema = offsetof(mensor_config_schema, keys) + sizeof(void*);
  if (auto error = CheckSize("config schema", schema->struct_size, kMinSchema, sizeof(*schema))) {
    return error;
  }
  constexpr size_t kMinKey = offsetof(mensor_config_key, flags) + sizeof(uint32_t);
  if (schema->key_count == 0) return std::nullopt;
  if (auto error = CheckSize("config key", schema->key_size, kMinKey, sizeof(mensor_config_key))) {
    return error;
  }
  if (schema->keys == nullptr) return std::string("config schema has keys but a NULL key array");
  const auto* base = reinterpret_cast<const unsigned char*>(schema->keys);
  for (size_t i = 0; i < schema->key_count; ++i) {
    mensor_config_key key{};
    std::memcpy(&key, base + i * schema->key_size, schema->key_size);
    if (key.name == nullptr || key.name[0] == '\0') {
      return "config key #" + std::to_string(i) + " has no name";
    }
    if (key.type < MENSOR_CFG_STRING || key.type > MENSOR_CFG_OBJECT_LIST) {
      return "config key '" + std::string(key.name) + "' has unknown type " +
             std::to_string(key.type);
    }
    if (auto error = CheckSchema(key.children, depth + 1)) {
      return "config key '" + std::string(key.name) + "': " + *error;
    }
  }
  return std::nullopt;
}

std::vector<RegisteredResourceType>& ListOf(RegisteredTypes& t, const mensor_resource_type_desc*) {
  return t.resource_types;
}
std::vector<RegisteredAuthMode>& ListOf(RegisteredTypes& t, const mensor_auth_mode_desc*) {
  return t.auth_modes;
}
std::vector<RegisteredSink>& ListOf(RegisteredTypes& t, const mensor_sink_desc*) { return t.sinks; }

// Names of required callbacks left NULL (after normalisation, so missing slots count too).
std::vector<const char*> MissingCallbacks(const mensor_resource_type_desc& d) {
  std::vector<const char*> missing;
  if (d.validate == nullptr) missing.push_back("validate");
  if (d.describe == nullptr) missing.push_back("describe");
  return missing;
}
std::vector<const char*> MissingCallbacks(const mensor_auth_mode_desc& d) {
  std::vector<const char*> missing;
  if (d.create == nullptr) missing.push_back("create");
  if (d.destroy == nullptr) missing.push_back("destroy");
  if (d.get_token == nullptr) missing.push_back("get_token");
  return missing;
}
// start and stop are optional: a push sink without threads needs neither.
std::vector<const char*> MissingCallbacks(const mensor_sink_desc& d) {
  std::vector<const char*> missing;
  if (d.create == nullptr) missing.push_back("create");
  if (d.destroy == nullptr) missing.push_back("destroy");
  if (d.write == nullptr) missing.push_back("write");
  return missing;
}

template <typename Desc>
mensor_status Stage(mensor_registrar* reg, const Desc* desc, PluginKind kind) {
  if (reg == nullptr) return MENSOR_E_INVALID_ARGUMENT;
  const std::string kind_name(KindName(kind));
  if (!reg->open) {
    spdlog::warn("[{}] register_* called after register returned; ignored", reg->library);
    return MENSOR_E_INVALID_ARGUMENT;
  }
  if (desc == nullptr)
    return Refuse(reg, MENSOR_E_INVALID_ARGUMENT, kind_name + ": NULL descriptor");
  constexpr size_t kMinDesc = offsetof(Desc, name) + sizeof(const char*);
  if (auto error =
          CheckSize(kind_name + " descriptor", desc->struct_size, kMinDesc, sizeof(Desc))) {
    return Refuse(reg, MENSOR_E_INVALID_ARGUMENT, *error);
  }
  Registered<Desc> entry;
  std::memcpy(&entry.desc, desc, desc->struct_size);
  entry.desc.struct_size = sizeof(Desc);
  entry.library = reg->library;
  const Desc& d = entry.desc;
  if (d.name == nullptr || d.name[0] == '\0') {
    return Refuse(reg, MENSOR_E_INVALID_ARGUMENT, kind_name + " descriptor without a name");
  }
  const std::string label = kind_name + " '" + d.name + "'";
  if (auto missing = MissingCallbacks(d); !missing.empty()) {
    std::string names;
    for (const char* name : missing) names += (names.empty() ? "" : ", ") + std::string(name);
    return Refuse(reg, MENSOR_E_INVALID_ARGUMENT,
                  label + ": required callback" + (missing.size() > 1 ? "s " : " ") + names +
                      (missing.size() > 1 ? " are" : " is") + " NULL");
  }
  if (auto error = CheckSchema(d.config, 0)) {
    return Refuse(reg, MENSOR_E_INVALID_ARGUMENT, label + ": " + *error);
  }
  auto& staged = ListOf(reg->staged, desc);
  for (const auto& other : staged) {
    if (strcasecmp(other.desc.name, d.name) == 0) {
      return Refuse(reg, MENSOR_E_CONFIG, label + " is registered twice by '" + reg->library + "'");
    }
  }
  if (reg->find_owner) {
    if (auto owner = reg->find_owner(kind, d.name)) {
      return Refuse(reg, MENSOR_E_CONFIG,
                    label + " of '" + reg->library + "' (" + reg->file.string() +
                        ") is already provided by " + *owner);
    }
  }
  staged.push_back(std::move(entry));
  return MENSOR_OK;
}

}  // namespace

mensor_status RegisterResourceType(mensor_registrar* reg, const mensor_resource_type_desc* desc) {
  return Stage(reg, desc, PluginKind::kResourceType);
}
mensor_status RegisterAuthMode(mensor_registrar* reg, const mensor_auth_mode_desc* desc) {
  return Stage(reg, desc, PluginKind::kAuthMode);
}
mensor_status RegisterSink(mensor_registrar* reg, const mensor_sink_desc* desc) {
  return Stage(reg, desc, PluginKind::kSink);
}

}  // namespace mensor::plugin::host_fn
