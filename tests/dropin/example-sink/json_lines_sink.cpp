// jsonLinesFile: appends every sample it receives to a file, one JSON object per line. An example
// of a third-party sink written with the C++ SDK only.
#include <mensor/sdk.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>

namespace example {

namespace sdk = mensor::sdk;

// JSON string literal for `text` (control characters escaped, UTF-8 passed through).
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

class JsonLinesFile final : public sdk::Sink {
 public:
  static constexpr sdk::TypeInfo kInfo{"jsonLinesFile", "",
                                       "Appends every sample to a file as one JSON line"};

  static const sdk::Schema& ConfigSchema() {
    static const sdk::Schema schema{
        sdk::Key::String("path").Required().Describe("File the JSON lines are appended to"),
    };
    return schema;
  }

  explicit JsonLinesFile(sdk::InitContext& ctx) : Sink(ctx) {
    path_ = ctx.config().GetString("path").value_or("");
    if (path_.empty()) throw sdk::ConfigError("jsonLinesFile needs a 'path'");
  }

  void Start(sdk::Call& /*call*/) override {
    // Fail at start-up, not on the first write, when the file cannot be opened.
    out_.open(path_, std::ios::app);
    if (!out_) throw sdk::Error(MENSOR_E_CONFIG, "cannot open '" + path_ + "' for appending");
  }

  void Write(sdk::Call& /*call*/, const sdk::Batch& batch) override {
    std::lock_guard lock(mutex_);  // Write is serialised by the host; Stop is not
    for (sdk::Sample sample : batch) {
      std::string line = "{\"scope\":" + Quote(batch.scope()) + ",\"name\":" + Quote(sample.name);
      line += ",\"value\":";
      line += sample.has_value && std::isfinite(sample.value) ? std::to_string(sample.value)
                                                              : std::string("null");
      line += ",\"timestamp_unix_ns\":" + std::to_string(sample.timestamp_unix_ns);
      line += ",\"labels\":{";
      bool first = true;
      for (sdk::Label label : sample.labels()) {
        line += (first ? "" : ",") + Quote(label.name) + ":" + Quote(label.value);
        first = false;
      }
      out_ << line << "}}\n";
    }
    out_.flush();  // readers (and the test) see each batch as soon as it is written
    if (!out_) throw sdk::Error(MENSOR_E_UNAVAILABLE, "writing to '" + path_ + "' failed");
  }

  void Stop() override {
    std::lock_guard lock(mutex_);
    out_.close();
  }

 private:
  std::string path_;
  std::mutex mutex_;
  std::ofstream out_;
};

}  // namespace example

MENSOR_PLUGIN("json-lines", "0.1.0", "Example drop-in: JSON lines file sink",
              example::JsonLinesFile);
