#include "header_config.hpp"

#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <fstream>

#include "duration_text.hpp"

namespace mensor::sinks {
namespace {

bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> ReadEnv(const std::string& name) {
  char buf[4096];
  size_t len = 0;
  if (sdk::host::Api().env_get(name.c_str(), buf, sizeof(buf), &len) != MENSOR_OK) {
    return std::nullopt;
  }
  return std::string(buf, std::min(len, sizeof(buf) - 1));
}

std::chrono::milliseconds ReadTimeout(const sdk::Config& config, const char* key,
                                      const char* fallback) {
  const std::string text = config.GetString(key).value_or(fallback);
  const auto parsed = ParseDuration(text);
  if (!parsed) {
    throw sdk::ConfigError(std::string(key) + " '" + text + "' is not a valid duration");
  }
  return *parsed;
}

const sdk::Schema& HeaderEntrySchema() {
  static const sdk::Schema schema{
      sdk::Key::String("name").Required().Describe("Header name"),
      sdk::Key::String("value").Secret().Describe("Header value"),
      sdk::Key::String("environmentVariable")
          .Describe("Environment variable holding the header value (for secrets)"),
  };
  return schema;
}

HeaderList ReadHeaders(const sdk::Config& config, const char* key) {
  HeaderList headers;
  size_t index = 0;
  for (const sdk::Config& entry : config.ObjectList(key)) {
    const std::string where = std::string(key) + "[" + std::to_string(index++) + "]";
    const std::string name = entry.GetString("name").value_or("");
    if (!IsToken(name)) {
      throw sdk::ConfigError(where + ".name '" + name + "' is not a valid HTTP header name");
    }
    const std::optional<std::string> value = entry.GetString("value");
    const std::optional<std::string> variable = entry.GetString("environmentVariable");
    if (value.has_value() == variable.has_value()) {
      throw sdk::ConfigError(where + " ('" + name +
                             "') needs exactly one of 'value' and 'environmentVariable'");
    }
    std::string text;
    if (variable) {
      std::optional<std::string> found = ReadEnv(*variable);
      if (!found) {
        throw sdk::ConfigError(where + " ('" + name + "'): environment variable '" + *variable +
                               "' is not set");
      }
      text = *std::move(found);
    } else {
      text = *value;
    }
    if (text.find_first_of("\r\n") != std::string::npos) {
      throw sdk::ConfigError(where + " ('" + name + "'): the value must not contain line breaks");
    }
    headers.emplace_back(name, std::move(text));
  }
  return headers;
}

std::string ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sdk::Error(MENSOR_E_CONFIG, "cannot read '" + path + "'");
  std::string text(64 * 1024, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace mensor::sinks
