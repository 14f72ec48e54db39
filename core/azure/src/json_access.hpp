#pragma once

// Defensive accessors over nlohmann::json DOM nodes for bodies that come from the network: each
// reports a type mismatch instead of throwing.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "mensor/azure/result.hpp"

namespace mensor::azure::internal {

using Json = nlohmann::json;

// Parses without exceptions; nullopt-like discarded value on syntax errors.
inline std::optional<Json> ParseJson(std::string_view body) {
  Json doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

inline const Json* Member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// Reads an optional string member; a present non-string non-null value is an error.
inline bool ReadString(const Json& object, std::string_view key, std::string& out,
                       std::string& error) {
  const Json* v = Member(object, key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) {
    error = "member '" + std::string(key) + "' is not a string";
    return false;
  }
  out = v->get_ref<const std::string&>();
  return true;
}

// `name` is either a string or a LocalizableString {value, localizedValue}.
inline bool ReadLocalizable(const Json& object, std::string_view key, std::string& out,
                            std::string& error) {
  const Json* v = Member(object, key);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) {
    out = v->get_ref<const std::string&>();
    return true;
  }
  if (v->is_object()) return ReadString(*v, "value", out, error);
  error = "member '" + std::string(key) + "' is neither a string nor a localizable string";
  return false;
}

}  // namespace mensor::azure::internal
