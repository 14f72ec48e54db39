// SDK glue of library "statsd": the statsd sink (Promitor's metricSinks.statsd) on top of the
// line formats, packing and UDP sender in this folder.
#include <mensor/sdk.hpp>

#include "packet_builder.hpp"
#include "statsd_format.hpp"
#include "udp_sender.hpp"

namespace mensor::statsd {
namespace {

constexpr int64_t kDefaultPacketSize = 1432;  // fits a 1500-byte Ethernet MTU after IP/UDP headers

Format ParseFormat(const std::string& text) {
  if (sdk::detail::EqualsIgnoreCase(text, "Default")) return Format::kDefault;
  if (sdk::detail::EqualsIgnoreCase(text, "Geneva")) return Format::kGeneva;
  if (sdk::detail::EqualsIgnoreCase(text, "DogStatsD")) return Format::kDogStatsD;
  throw sdk::ConfigError("metricFormat must be Default, Geneva or DogStatsD, got '" + text + "'");
}

}  // namespace

class StatsdSink final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{"statsd", "",
                                       "Sends every value as a StatsD gauge over UDP"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("host").Required().Describe("StatsD server host name or address"),
        sdk::Key::Int("port").Default("8125").Describe("StatsD server UDP port"),
        sdk::Key::String("metricPrefix")
            .Describe("Prefix of every bucket; 'promitor' and 'promitor.' both give 'promitor.'"),
        sdk::Key::String("metricFormat")
            .Default("Default")
            .Describe("Default (name:value|g, no labels), Geneva (JSON bucket with every label) "
                      "or DogStatsD (name:value|g|#label:value,...)"),
        sdk::Key::Object("geneva",
                         sdk::Schema{sdk::Key::String("account").Describe("Geneva account"),
                                     sdk::Key::String("namespace").Describe("Geneva namespace")}),
        sdk::Key::Int("maxPacketSize")
            .Default("1432")
            .Describe("Largest datagram payload in bytes; lines are batched up to it"),
    };
    return schema;
  }

  explicit StatsdSink(sdk::InitContext& ctx) : Sink(ctx) {
    const sdk::Config& config = ctx.config();
    const std::string host = config.GetString("host").value_or("");
    if (host.find_first_not_of(" \t") == std::string::npos) {
      throw sdk::ConfigError("No host of StatsD server is configured");
    }
    const int64_t port = config.GetInt("port").value_or(8125);
    if (port <= 0 || port > 65535) {
      throw sdk::ConfigError("StatsD port " + std::to_string(port) + " is not allowed");
    }
    options_.format = ParseFormat(config.GetString("metricFormat").value_or("Default"));
    options_.prefix = NormalisePrefix(config.GetString("metricPrefix").value_or(""));
    if (options_.format == Format::kGeneva) {
      std::optional<sdk::Config> geneva = config.Child("geneva");
      if (!geneva) throw sdk::ConfigError("StatsD Geneva formatter configuration is missing");
      options_.geneva_account = geneva->GetString("account").value_or("");
      options_.geneva_namespace = geneva->GetString("namespace").value_or("");
      if (options_.geneva_account.empty()) {
        throw sdk::ConfigError("Account of Geneva is missing for StatsD formatter");
      }
      if (options_.geneva_namespace.empty()) {
        throw sdk::ConfigError("Namespace of Geneva is missing for StatsD formatter");
      }
    }
    max_packet_ = config.GetInt("maxPacketSize").value_or(kDefaultPacketSize);
    if (max_packet_ < 64 || max_packet_ > 65507) {
      throw sdk::ConfigError("maxPacketSize must be between 64 and 65507, got " +
                             std::to_string(max_packet_));
    }
    sender_ = std::make_unique<UdpSender>(host, static_cast<int>(port));
  }

  void Write(sdk::Call& call, const sdk::Batch& batch) override {
    std::vector<std::string> units;
    std::vector<std::pair<std::string_view, std::string_view>> labels;
    const size_t size = batch.size();
    units.reserve(size);
    size_t skipped = 0;
    for (size_t i = 0; i < size; ++i) {
      const sdk::Sample sample = batch[i];
      labels.clear();
      for (sdk::Label label : sample.labels()) labels.emplace_back(label.name, label.value);
      std::optional<std::string> unit =
          FormatGauge(options_, GaugeInput{sample.name, sample.has_value, sample.value, &labels});
      if (unit) {
        units.push_back(*std::move(unit));
      } else {
        ++skipped;
      }
    }
    if (skipped > 0) {
      logger().Debug(std::to_string(skipped) + " non-finite value(s) not sent (StatsD has no NaN)");
    }
    for (const std::string& packet : PackUnits(units, static_cast<size_t>(max_packet_))) {
      call.ThrowIfDone();
      if (std::string error = sender_->Send(packet); !error.empty()) {
        throw sdk::Error(MENSOR_E_UNAVAILABLE, error);
      }
    }
  }

 private:
  FormatOptions options_;
  int64_t max_packet_ = kDefaultPacketSize;
  std::unique_ptr<UdpSender> sender_;
};

}  // namespace mensor::statsd

MENSOR_PLUGIN("statsd", "0.1.0", "StatsD sink (Promitor, Geneva and DogStatsD formats)",
              mensor::statsd::StatsdSink);
