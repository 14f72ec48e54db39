#include "mensor/config/yaml_json.hpp"

namespace mensor::config {

nlohmann::json YamlToJson(const YAML::Node& node,
                          const std::function<bool(std::string_view key)>& is_secret) {
  if (!node.IsDefined() || node.IsNull()) return nullptr;
  if (node.IsScalar()) return node.Scalar();
  if (node.IsSequence()) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : node) array.push_back(YamlToJson(item, is_secret));
    return array;
  }
  nlohmann::json object = nlohmann::json::object();
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    object[key] = is_secret && is_secret(key) ? nlohmann::json(std::string(kMaskedValue))
                                              : YamlToJson(entry.second, is_secret);
  }
  return object;
}

}  // namespace mensor::config
