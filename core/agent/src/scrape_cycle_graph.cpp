// The bulk region lookup of a scrape cycle: Resource Graph lists a whole resource type's
// regions in one subscription 1,000 at a time, where the ARM resource GET costs a call (and an
// ARM read) per resource. Whatever it does not answer falls to the GETs of the next phase.
#include <spdlog/spdlog.h>

#include "mensor/azure/resource_graph.hpp"
#include "mensor/azure/resource_id.hpp"
#include "mensor/util/strings.hpp"
#include "scrape_cycle.hpp"

namespace mensor::agent {

namespace {

// Resource Graph's per-user quota window: a 429 asking to wait longer is not worth holding the
// cycle for when GETs can answer instead.
constexpr std::chrono::seconds kGraphMaxRetryAfter{5};
// Guards against an answer that keeps handing out skip tokens: a million resources of one type.
constexpr size_t kMaxGraphPages = 1000;

}  // namespace

struct ScrapeCycle::GraphGroup {
  std::string subscription_id;
  std::string resource_type;
  std::string query;
  size_t pages = 0;
  size_t rows = 0;
  std::optional<std::string> last_token;
};

void ScrapeCycle::QueryResourceGraph() {
  std::map<std::pair<std::string, std::string>, std::shared_ptr<GraphGroup>> groups;
  if (scraper_.options().batching) {
    std::lock_guard lock(mutex_);
    for (const Slot& slot : slots_) {
      if (slot.settled) continue;
      const std::string& id = slot.target->resource_uri();
      if (scraper_.regions().Find(id)) continue;
      const auto parts = azure::ParseResourceId(id);
      if (!parts || parts->resource_type.empty()) continue;  // the GET still tries
      auto& group = groups[{util::ToLowerAscii(parts->subscription_id),
                            util::ToLowerAscii(parts->resource_type)}];
      if (!group) {
        group = std::make_shared<GraphGroup>();
        group->subscription_id = parts->subscription_id;
        group->resource_type = parts->resource_type;
        group->query = azure::BuildRegionQuery(parts->resource_type);
      }
    }
  }
  auto self = shared_from_this();
  const Next next = [self] { self->LookUpResources(); };
  StartPhase(groups.size());
  for (auto& [key, group] : groups) QueryGraphPage(group, std::nullopt, next);
  PhaseDone(next);
}

void ScrapeCycle::QueryGraphPage(std::shared_ptr<GraphGroup> group,
                                 std::optional<std::string> skip_token, const Next& next) {
  const ScraperOptions& options = scraper_.options();
  AzureCall call{CallKind::kResourceGraph, group->subscription_id, options.arm_scope};
  call.request.method = "POST";
  call.request.url = azure::BuildResourceGraphUrl(options.arm_base);
  call.request.body =
      azure::BuildResourceGraphBody(group->subscription_id, group->query, skip_token);
  call.request.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
  call.max_retry_after = kGraphMaxRetryAfter;
  auto self = shared_from_this();
  scraper_.caller().Call(std::move(call), [self, group, next](net::ClientResponse response) {
    if (auto token = self->OnGraphPage(*group, response)) {
      self->QueryGraphPage(group, std::move(token), next);  // the group's phase count carries on
      return;
    }
    self->PhaseDone(next);
  });
}

std::optional<std::string> ScrapeCycle::OnGraphPage(GraphGroup& group,
                                                    const net::ClientResponse& response) {
  const auto fall_back = [&](const std::string& why) {
    spdlog::warn(
        "Resource Graph did not list the regions of {} resources in subscription {} ({}); "
        "looking the remaining ones up one by one",
        group.resource_type, group.subscription_id, why);
    return std::nullopt;
  };
  if (!Ok(response)) return fall_back(DescribeFailure(response));
  auto parsed = azure::ParseResourceGraphLocations(response.body);
  if (!parsed) return fall_back("malformed answer: " + parsed.error());
  azure::ResourceGraphPage& page = parsed.value();
  ++group.pages;
  group.rows += page.rows.size();
  // Every row, monitored or not yet: a resource added to the configuration later needs no call.
  for (azure::GraphLocation& row : page.rows) {
    if (!row.region.empty()) scraper_.regions().Store(row.resource_id, std::move(row.region));
  }
  if (!page.skip_token) {
    spdlog::debug("Resource Graph listed {} {} resources in subscription {} in {} page(s)",
                  group.rows, group.resource_type, group.subscription_id, group.pages);
    return std::nullopt;
  }
  if (page.rows.empty() || page.skip_token == group.last_token || group.pages >= kMaxGraphPages) {
    return fall_back("its paging does not advance");
  }
  group.last_token = page.skip_token;
  return std::move(page.skip_token);
}

}  // namespace mensor::agent
