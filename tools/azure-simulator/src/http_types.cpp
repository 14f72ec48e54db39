#include "http_types.hpp"

namespace mensor::sim {

void FieldList::Add(std::string name, std::string value) {
  items_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> FieldList::Get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

SimRequest SimRequest::Make(std::string method, std::string target, FieldList headers,
                            std::string body) {
  SimRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  const auto question = request.target.find('?');
  request.path = PercentDecode(std::string_view(request.target).substr(0, question), false);
  if (question != std::string::npos) {
    request.query = ParseUrlEncoded(std::string_view(request.target).substr(question + 1));
  }
  request.headers = std::move(headers);
  request.body = std::move(body);
  return request;
}

SimResponse JsonResponse(int status, const nlohmann::json& body) {
  return JsonResponse(status, body.dump());
}

SimResponse JsonResponse(int status, std::string body) {
  SimResponse response;
  response.status = status;
  response.headers.Add("Content-Type", "application/json; charset=utf-8");
  response.body = std::move(body);
  return response;
}

FieldList ParseUrlEncoded(std::string_view text) {
  FieldList fields;
  for (auto& [name, value] : util::ParseQuery(text)) fields.Add(std::move(name), std::move(value));
  return fields;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

}  // namespace mensor::sim
