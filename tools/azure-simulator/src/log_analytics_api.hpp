// Log Analytics query API: POST /v1/workspaces/{workspaceId}/query with {"query","timespan"} and
// a bearer token for a Log Analytics audience. Answers {"tables":[{"name":"PrimaryResult",
// "columns":[...],"rows":[...]}]}; errors are {"error":{"code","message","innererror"}}.
//
// The query language is a sliver of Kusto, enough to be strict about what matters to a scraper:
// balanced quotes and brackets, no leading pipe; `| project result` yields one real column
// `result` (the workspace's value), `| take N` yields N rows (0 allowed).
#pragma once

#include <string_view>

#include "data_plane_world.hpp"
#include "http_types.hpp"
#include "token.hpp"

namespace mensor::sim {

class LogAnalyticsApi {
 public:
  LogAnalyticsApi(const DataPlaneWorld& world, const TokenIssuer& issuer)
      : world_(world), issuer_(issuer) {}

  static bool Matches(std::string_view path);
  SimResponse Handle(const SimRequest& request, TimePoint now) const;

 private:
  const DataPlaneWorld& world_;
  const TokenIssuer& issuer_;
};

}  // namespace mensor::sim
