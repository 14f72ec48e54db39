// Transport-neutral request/response types so handlers can be unit tested without sockets.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "mensor/util/strings.hpp"
#include "mensor/util/url.hpp"

namespace mensor::sim {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::sys_seconds;

// Ordered name/value pairs with case-insensitive lookup; first occurrence wins.
class FieldList {
 public:
  void Add(std::string name, std::string value);
  std::optional<std::string> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct SimRequest {
  std::string method;
  std::string target;  // As received: path plus optional "?query".
  std::string path;    // Percent-decoded path.
  FieldList query;     // Percent-decoded query parameters.
  FieldList headers;
  std::string body;

  // Splits `target` into path and query; the convenient constructor for tests too.
  static SimRequest Make(std::string method, std::string target, FieldList headers = {},
                         std::string body = {});
};

struct SimResponse {
  int status = 200;
  FieldList headers;
  std::string body;
  // Answer only after this delay (fault injection); the server waits asynchronously.
  std::chrono::milliseconds delay{0};

  nlohmann::json JsonBody() const { return nlohmann::json::parse(body); }
};

SimResponse JsonResponse(int status, const nlohmann::json& body);
// The same for JSON text written without a tree (JsonText).
SimResponse JsonResponse(int status, std::string body);

// Parses "a=1&b=2" (query strings and x-www-form-urlencoded bodies alike).
FieldList ParseUrlEncoded(std::string_view text);
std::vector<std::string> Split(std::string_view text, char separator);

// The shared ASCII and URL helpers (core/util), under the names the handlers use.
using util::EqualsIgnoreCase;
using util::PercentDecode;
using util::StartsWithIgnoreCase;
using util::Trim;
inline std::string ToLower(std::string_view text) { return util::ToLowerAscii(text); }

}  // namespace mensor::sim
