#include "mensor/agent/http_api.hpp"

#include <fmt/format.h>

namespace mensor::agent {
namespace {

// .NET TimeSpan text, which Promitor's health report uses for durations.
std::string TimeSpanText(double seconds) {
  const auto total_us = static_cast<int64_t>(seconds * 1e6);
  const int64_t h = total_us / 3600000000, m = total_us / 60000000 % 60,
                s = total_us / 1000000 % 60;
  return fmt::format("{:02}:{:02}:{:02}.{:07}", h, m, s, (total_us % 1000000) * 10);
}

nlohmann::json FreshnessEntry(const Freshness& freshness) {
  const double age = freshness.SecondsSinceLastRun();
  const auto threshold = freshness.threshold().count();
  const bool healthy = age <= static_cast<double>(threshold);
  nlohmann::json entry = {
      {"status", healthy ? "Healthy" : "Unhealthy"},
      {"duration", TimeSpanText(0)},
      {"data",
       {{"secondsSinceLastRun", static_cast<int64_t>(age)}, {"thresholdSeconds", threshold}}}};
  entry["description"] =
      healthy ? fmt::format("Last scrape run completed {}s ago, within the {}s threshold.",
                            static_cast<int64_t>(age), threshold)
              : fmt::format(
                    "Last scrape run completed {}s ago, more than the {}s threshold (twice "
                    "the shortest scrape interval).",
                    static_cast<int64_t>(age), threshold);
  return entry;
}

}  // namespace

void RegisterHttpApi(net::HttpServer& server, HttpApiContent content, const Freshness& freshness) {
  const bool check_freshness = content.freshness_check_enabled;
  server.Route("GET", "/api/v1/health",
               [&freshness, check_freshness](const net::Request& request, net::Response& response) {
                 const std::string include = request.QueryParam("includeDependencies");
                 nlohmann::json report = {{"status", "Healthy"},
                                          {"totalDuration", TimeSpanText(0)},
                                          {"entries", nlohmann::json::object()}};
                 if (include != "false" && include != "False" && check_freshness) {
                   nlohmann::json entry = FreshnessEntry(freshness);
                   report["status"] = entry["status"];
                   report["entries"]["Mensor Scraper Data Freshness"] = std::move(entry);
                 }
                 response.SetJson(report["status"] == "Healthy" ? 200 : 503, report.dump());
               });
  server.Route("GET", "/api/v1/system",
               [version = content.version](const net::Request&, net::Response& response) {
                 response.SetJson(200, nlohmann::json{{"version", version}}.dump());
               });
  server.Route("GET", "/api/v1/configuration/runtime",
               [body = content.runtime_configuration.dump()](
                   const net::Request&, net::Response& response) { response.SetJson(200, body); });
  server.Route("GET", "/api/v1/configuration/metric-declaration",
               [body = content.metrics_declaration.dump()](
                   const net::Request&, net::Response& response) { response.SetJson(200, body); });
}

}  // namespace mensor::agent
