#include "resource_get.hpp"

#include <regex>

#include "arm_errors.hpp"

namespace mensor::sim {

bool IsResourcePath(std::string_view path) {
  if (!ParseResourceId(path)) return false;
  return ToLower(path).find("/providers/microsoft.insights/") == std::string::npos;
}

SimResponse HandleResourceGet(const SimRequest& request, const World& world) {
  if (request.method != "GET") {
    return ArmErrorResponse(
        405, "MethodNotAllowed",
        "The simulator serves only GET on resources, not '" + request.method + "'.");
  }
  // Every provider publishes its own dated versions; any well-formed one is accepted.
  static const std::regex kVersion(R"(\d{4}-\d{2}-\d{2}(-preview)?)");
  const auto version = request.query.Get("api-version");
  if (!version || !std::regex_match(*version, kVersion)) {
    return ArmErrorResponse(400, "MissingApiVersionParameter",
                            "The api-version query parameter (?api-version=) is required for all "
                            "requests.");
  }
  const auto id = ParseResourceId(request.path);
  const ResourceType* type = id ? FindResourceType(id->type) : nullptr;
  const auto resource = type ? world.Find(request.path, *type) : std::nullopt;
  if (!resource) {
    return ArmErrorResponse(404, "ResourceNotFound",
                            "The Resource '" + (id ? id->type + "/" + id->name : request.path) +
                                "' under resource group '" + (id ? id->resource_group : "") +
                                "' was not found. For more details please go to "
                                "https://aka.ms/ARMResourceNotFoundFix");
  }
  return JsonResponse(200, {{"id", request.path},
                            {"name", id->name},
                            {"type", type->type},
                            {"location", resource->location},
                            {"tags", nlohmann::json::object()}});
}

}  // namespace mensor::sim
