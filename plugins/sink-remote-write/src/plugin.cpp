// SDK glue of library "remote-write": the prometheusRemoteWrite sink, pushing every batch as a
// snappy-compressed prometheus.WriteRequest (remote write 1.0).
#include <mensor/sdk.hpp>

#include <cmath>
#include <limits>
#include <set>

#include "header_config.hpp"
#include "http_pusher.hpp"
#include "series_clock.hpp"
#include "write_request.hpp"

namespace mensor::remote_write {

class PrometheusRemoteWrite final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{
      "prometheusRemoteWrite", "",
      "Pushes the scraped metrics to a Prometheus remote-write endpoint (protobuf + snappy)"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("url").Required().Describe(
            "Remote-write endpoint, e.g. http://prometheus:9090/api/v1/write"),
        sdk::Key::Object(
            "basicAuth",
            sdk::Schema{sdk::Key::String("username").Describe("Basic auth user"),
                        sdk::Key::String("password").Secret().Describe("Basic auth password"),
                        sdk::Key::String("passwordFile").Describe("File holding the password")}),
        sdk::Key::String("bearerTokenFile")
            .Describe("File holding a bearer token, read at every write (rotation-friendly)"),
        sdk::Key::ObjectList("headers", sinks::HeaderEntrySchema())
            .Describe("Extra request headers: [{name, value | environmentVariable}]"),
        sdk::Key::String("timeout").Default("30s").Describe(
            "Deadline of one request: 10s, 500ms, 2m or hh:mm:ss"),
    };
    return schema;
  }

  explicit PrometheusRemoteWrite(sdk::InitContext& ctx) : Sink(ctx) {
    const sdk::Config& config = ctx.config();
    url_ = config.GetString("url").value_or("");
    if (url_.rfind("http://", 0) != 0 && url_.rfind("https://", 0) != 0) {
      throw sdk::ConfigError("url must be an http:// or https:// URL, got '" + url_ + "'");
    }
    timeout_ = sinks::ReadTimeout(config, "timeout", "30s");
    headers_ = sinks::ReadHeaders(config);
    bearer_token_file_ = config.GetString("bearerTokenFile").value_or("");
    if (std::optional<sdk::Config> basic = config.Child("basicAuth")) {
      username_ = basic->GetString("username").value_or("");
      password_ = basic->GetString("password").value_or("");
      password_file_ = basic->GetString("passwordFile").value_or("");
      if (username_.empty()) throw sdk::ConfigError("basicAuth.username is required");
      if (!password_.empty() && !password_file_.empty()) {
        throw sdk::ConfigError("basicAuth takes 'password' or 'passwordFile', not both");
      }
    }
    if (!username_.empty() && !bearer_token_file_.empty()) {
      throw sdk::ConfigError("basicAuth and bearerTokenFile cannot both be configured");
    }
  }

  void Write(sdk::Call& call, const sdk::Batch& batch) override {
    std::vector<Series> series;
    std::vector<Family> families;
    std::set<std::string, std::less<>> seen;
    std::vector<std::pair<std::string_view, std::string_view>> labels;
    const int64_t now_ms = sdk::host::NowUnixNs() / 1000000;
    const size_t size = batch.size();
    series.reserve(size);
    for (size_t i = 0; i < size; ++i) {
      const sdk::Sample sample = batch[i];
      labels.clear();
      for (sdk::Label label : sample.labels()) labels.emplace_back(label.name, label.value);
      const double value =
          sample.has_value ? sample.value : std::numeric_limits<double>::quiet_NaN();
      const int64_t ts = sample.timestamp_unix_ns > 0 ? sample.timestamp_unix_ns / 1000000 : now_ms;
      Series s;
      if (!MakeSeries(sample.name, labels, value, ts, s)) continue;
      if (!seen.contains(s.labels.front().second)) {
        seen.insert(s.labels.front().second);
        families.push_back(Family{s.labels.front().second, sample.kind == MENSOR_METRIC_COUNTER,
                                  std::string(sample.description)});
      }
      series.push_back(std::move(s));
    }
    // A batch that is all repeats (the same bucket read again) costs no request.
    if (const size_t repeats = clock_.Filter(series);
        repeats > 0 && logger().Enabled(MENSOR_LOG_DEBUG)) {
      logger().Debug(std::to_string(repeats) + " sample(s) of '" + std::string(batch.scope()) +
                     "' not newer than what the receiver holds: skipped");
    }
    if (series.empty()) return;
    sinks::PushRequest request;
    request.url = url_;
    request.timeout = timeout_;
    request.body = SnappyCompress(EncodeWriteRequest(series, families));
    request.headers = {{"Content-Type", "application/x-protobuf"},
                       {"Content-Encoding", "snappy"},
                       {"X-Prometheus-Remote-Write-Version", "0.1.0"}};
    AddAuthorization(request.headers);
    request.headers.insert(request.headers.end(), headers_.begin(), headers_.end());
    const sinks::PushResponse response = pusher_.Post(request, call);
    const mensor_status status = response.transport != MENSOR_OK
                                     ? response.transport
                                     : sinks::StatusForHttp(response.status);
    if (status != MENSOR_OK) {
      throw sdk::Error(
          status, "remote write to " + url_ + " failed: " + sinks::DescribeHttpFailure(response));
    }
    clock_.Commit();
  }

 private:
  void AddAuthorization(sinks::HeaderList& headers) const {
    if (!bearer_token_file_.empty()) {
      headers.emplace_back("Authorization", "Bearer " + sinks::ReadSecretFile(bearer_token_file_));
    } else if (!username_.empty()) {
      const std::string password =
          password_file_.empty() ? password_ : sinks::ReadSecretFile(password_file_);
      headers.emplace_back("Authorization", "Basic " + Base64(username_ + ":" + password));
    }
  }

  static std::string Base64(std::string_view in) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
      const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
      for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
    }
    if (i < in.size()) {
      uint32_t n = uint8_t(in[i]) << 16;
      if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
      out += '=';
    }
    return out;
  }

  std::string url_;
  std::chrono::milliseconds timeout_{30000};
  sinks::HeaderList headers_;
  std::string bearer_token_file_;
  std::string username_, password_, password_file_;
  sinks::HttpPusher pusher_;
  SeriesClock clock_;
};

}  // namespace mensor::remote_write

MENSOR_PLUGIN("remote-write", "0.1.0", "Prometheus remote write sink",
              mensor::remote_write::PrometheusRemoteWrite);
