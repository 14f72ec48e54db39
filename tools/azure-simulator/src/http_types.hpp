// Transport-neutral request/response types so handlers can be unit tested without sockets.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

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

std::string PercentDecode(std::string_view text, bool plus_is_space);
// Parses "a=1&b=2" (query strings and x-www-form-urlencoded bodies alike).
FieldList ParseUrlEncoded(std::string_view text);
std::string ToLower(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);
std::vector<std::string> Split(std::string_view text, char separator);
std::string_view Trim(std::string_view text);

}  // namespace mensor::sim
