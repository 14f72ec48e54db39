// SDK glue of library "prometheus": the prometheusScrapingEndpoint sink on top of the
// rendering and storage logic in this folder.
#include <mensor/sdk.hpp>

#include <limits>

#include "negotiation.hpp"
#include "scope_snapshot.hpp"
#include "series_store.hpp"

namespace mensor::prometheus {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return sdk::detail::EqualsIgnoreCase(a, b);
}

}  // namespace

class PrometheusScrapingEndpoint final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "prometheusScrapingEndpoint", "",
      "Serves the scraped metrics in the Prometheus text format on the agent's HTTP port"};
  // The store synchronises itself, so batches of different scopes may be written in parallel.
  static constexpr uint32_t kFlags = MENSOR_FLAG_CONCURRENT;

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("baseUriPath").Default("/metrics").Describe("Path of the scrape endpoint"),
        sdk::Key::Double("metricUnavailableValue")
            .Describe("Value reported when Azure Monitor returned no value (default NaN)"),
        sdk::Key::Bool("enableMetricTimestamps")
            .Default("false")
            .Describe("Add the time the value was measured (ms since epoch) to each sample"),
        sdk::Key::Object(
            "labels", sdk::Schema{sdk::Key::String("transformation")
                                      .Default("None")
                                      .Describe("None, or Lowercase to lower-case label values")}),
    };
    return schema;
  }

  explicit PrometheusScrapingEndpoint(sdk::InitContext& ctx) : Sink(ctx) {
    const sdk::Config& config = ctx.config();
    base_uri_path_ = config.GetString("baseUriPath").value_or("/metrics");
    if (base_uri_path_.empty() || base_uri_path_.front() != '/') {
      throw sdk::ConfigError("baseUriPath must start with '/', got '" + base_uri_path_ + "'");
    }
    options_.unavailable_value = config.GetDouble("metricUnavailableValue")
                                     .value_or(std::numeric_limits<double>::quiet_NaN());
    options_.timestamps = config.GetBool("enableMetricTimestamps").value_or(false);
    std::string transformation = "None";
    if (std::optional<sdk::Config> labels = config.Child("labels")) {
      transformation = labels->GetString("transformation").value_or("None");
    }
    if (EqualsIgnoreCase(transformation, "Lowercase")) {
      options_.lowercase_label_values = true;
    } else if (!EqualsIgnoreCase(transformation, "None")) {
      throw sdk::ConfigError("labels.transformation must be None or Lowercase, got '" +
                             transformation + "'");
    }
  }

  void Start(sdk::Call& /*call*/) override {
    RegisterRoute(base_uri_path_, [this](const sdk::RouteRequest& request, sdk::RouteReply& reply) {
      const Format format = ChooseFormat(request.Header("Accept"));
      const bool gzip = AcceptsGzip(request.Header("Accept-Encoding"));
      // Served from the shared, cached body: no per-request rendering, compression or copy. The
      // plain body goes out as views into the stored lines, never assembled in one buffer.
      if (gzip) {
        reply.SetShared(200, ContentType(format), store_.GzipBody(format));
        reply.AddHeader("Content-Encoding", "gzip");
      } else {
        std::shared_ptr<const BodySnapshot> body = store_.Body(format);
        reply.SetSegments(200, ContentType(format), body->segments(), body);
      }
      reply.AddHeader("Vary", "Accept, Accept-Encoding");
    });
  }

  void Write(sdk::Call& /*call*/, const sdk::Batch& batch) override {
    ScopeSnapshot snapshot(options_);
    SampleInput input;
    const size_t size = batch.size();
    for (size_t i = 0; i < size; ++i) {
      sdk::Sample sample = batch[i];
      input.name = sample.name;
      input.description = sample.description;
      input.kind = sample.kind;
      input.has_value = sample.has_value;
      input.value = sample.value;
      input.timestamp_unix_ns = sample.timestamp_unix_ns;
      input.labels.clear();
      for (sdk::Label label : sample.labels()) input.labels.emplace_back(label.name, label.value);
      snapshot.Add(input);
    }
    if (size_t duplicates = snapshot.Finish(); duplicates > 0) {
      logger().Warn(std::to_string(duplicates) + " duplicate series in the batch of scope '" +
                    std::string(batch.scope()) + "' were dropped (the first one is kept)");
    }
    store_.Replace(batch.scope(), std::move(snapshot));
  }

 private:
  std::string base_uri_path_;
  RenderOptions options_;
  SeriesStore store_;
};

}  // namespace mensor::prometheus

MENSOR_PLUGIN("prometheus", "0.1.0", "Prometheus scraping endpoint sink",
              mensor::prometheus::PrometheusScrapingEndpoint);
