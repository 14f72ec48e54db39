// SDK glue of library "statuspage": the atlassianStatuspage sink (Promitor's
// metricSinks.atlassianStatuspage), posting mapped metrics as Statuspage system metric points.
#include <mensor/sdk.hpp>

#include <map>
#include <set>

#include "header_config.hpp"
#include "http_pusher.hpp"
#include "statuspage_request.hpp"

namespace mensor::statuspage {
namespace {

constexpr char kApiKeyVariable[] = "PROMITOR_ATLASSIAN_STATUSPAGE_APIKEY";

}  // namespace

class AtlassianStatuspage final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "atlassianStatuspage", "",
      "Posts mapped metrics as Atlassian Statuspage system metric data points"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("pageId").Required().Describe("Statuspage page id"),
        sdk::Key::ObjectList(
            "systemMetricMapping",
            sdk::Schema{sdk::Key::String("id").Required().Describe("Statuspage system metric id"),
                        sdk::Key::String("promitorMetricName")
                            .Required()
                            .Describe("Name of the metric (metrics[].name) reported to it")})
            .Required()
            .Describe("Which Statuspage metric each Mensor metric feeds"),
        sdk::Key::String("apiBaseUri")
            .Default("https://api.statuspage.io")
            .Describe("Statuspage API base (a test server, a proxy)"),
        sdk::Key::String("timeout").Default("10s").Describe("Deadline of one request"),
    };
    return schema;
  }

  explicit AtlassianStatuspage(sdk::InitContext& ctx) : Sink(ctx) {
    const sdk::Config& config = ctx.config();
    page_id_ = config.GetString("pageId").value_or("");
    if (page_id_.find_first_not_of(" \t") == std::string::npos) {
      throw sdk::ConfigError("No page id of Atlassian Status page is configured");
    }
    std::set<std::string> ids;
    std::set<std::string> duplicates;
    for (const sdk::Config& entry : config.ObjectList("systemMetricMapping")) {
      const std::string id = entry.GetString("id").value_or("");
      const std::string name = entry.GetString("promitorMetricName").value_or("");
      if (id.empty()) throw sdk::ConfigError("No id is configured for a system metric mapping");
      if (name.empty()) {
        throw sdk::ConfigError("No Promitor metric name is configured for system metric '" + id +
                               "'");
      }
      if (!ids.insert(id).second) duplicates.insert(id);
      mapping_.emplace(name, id);
    }
    if (ids.empty()) {
      throw sdk::ConfigError(
          "No system metrics mappings are configured which means no metrics can be reported");
    }
    if (!duplicates.empty()) {
      std::string list;
      for (const auto& id : duplicates) list += (list.empty() ? "" : ", ") + id;
      throw sdk::ConfigError("System metric with duplicate id(s) mappings are configured: " + list);
    }
    base_ = config.GetString("apiBaseUri").value_or("https://api.statuspage.io");
    if (base_.rfind("http://", 0) != 0 && base_.rfind("https://", 0) != 0) {
      throw sdk::ConfigError("apiBaseUri must be an http:// or https:// URL, got '" + base_ + "'");
    }
    timeout_ = sinks::ReadTimeout(config, "timeout", "10s");
    std::optional<std::string> key = sinks::ReadEnv(kApiKeyVariable);
    if (!key || key->empty()) {
      throw sdk::ConfigError(std::string(kApiKeyVariable) +
                             " is not set: the Statuspage API key is required");
    }
    api_key_ = *std::move(key);
  }

  void Write(sdk::Call& call, const sdk::Batch& batch) override {
    const int64_t now_s = sdk::host::NowUnixNs() / 1000000000;
    for (const sdk::Sample sample : batch) {
      auto [first, last] = mapping_.equal_range(std::string(sample.name));
      for (auto it = first; it != last; ++it) {
        const std::optional<std::string> body =
            DataPointBody(now_s, sample.has_value ? sample.value : 0.0);
        if (!body) continue;
        call.ThrowIfDone();
        sinks::PushRequest request;
        request.url = DataPointUrl(base_, page_id_, it->second);
        request.timeout = timeout_;
        request.body = *body;
        request.headers = {{"Authorization", "OAuth " + api_key_},
                           {"Content-Type", "application/json"}};
        const sinks::PushResponse response = pusher_.Post(request, call);
        const mensor_status status = response.transport != MENSOR_OK
                                         ? response.transport
                                         : sinks::StatusForHttp(response.status);
        if (status != MENSOR_OK) {
          throw sdk::Error(status, "posting " + std::string(sample.name) +
                                       " to Statuspage metric '" + it->second +
                                       "' failed: " + sinks::DescribeHttpFailure(response));
        }
      }
    }
  }

 private:
  std::string page_id_;
  std::multimap<std::string, std::string> mapping_;  // metric name -> Statuspage metric id
  std::string base_;
  std::chrono::milliseconds timeout_{10000};
  std::string api_key_;
  sinks::HttpPusher pusher_;
};

}  // namespace mensor::statuspage

MENSOR_PLUGIN("statuspage", "0.1.0", "Atlassian Statuspage sink",
              mensor::statuspage::AtlassianStatuspage);
