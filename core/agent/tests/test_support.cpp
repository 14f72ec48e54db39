#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <limits>
#include <random>

#include "mensor/plugin/host_api.hpp"
#include "mensor/plugin/plugin_loader.hpp"
#include "server.hpp"
#include "simulator.hpp"

namespace mensor::agent::testing {

bool WaitUntil(const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return predicate();
}

void CapturingWriter::Write(const std::string& scope, std::vector<MeasuredSample> samples) {
  std::lock_guard lock(mutex_);
  writes_.push_back({scope, std::move(samples)});
}

std::vector<CapturingWriter::Recorded> CapturingWriter::Writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

size_t CapturingWriter::WriteCount() const {
  std::lock_guard lock(mutex_);
  return writes_.size();
}

std::optional<MeasuredSample> CapturingWriter::Latest(
    const std::string& name, const std::vector<std::pair<std::string, std::string>>& labels) const {
  const auto matches = [&](const MeasuredSample& sample) {
    if (sample.name != name) return false;
    for (const auto& [label, value] : labels) {
      if (LabelValue(sample, label) != value) return false;
    }
    return true;
  };
  std::lock_guard lock(mutex_);
  for (auto write = writes_.rbegin(); write != writes_.rend(); ++write) {
    for (const auto& sample : write->samples) {
      if (matches(sample)) return sample;
    }
  }
  return std::nullopt;
}

double CapturingWriter::Value(const std::string& name) const {
  const auto sample = Latest(name);
  return sample ? sample->value : std::numeric_limits<double>::quiet_NaN();
}

size_t CapturingWriter::CountScope(const std::string& prefix) const {
  std::lock_guard lock(mutex_);
  size_t count = 0;
  for (const auto& write : writes_) count += write.scope.rfind(prefix, 0) == 0 ? 1 : 0;
  return count;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("mensor-agent-test-" + std::to_string(random()) + "-" + std::to_string(++counter));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void TempDir::Write(const std::string& name, const std::string& content) const {
  std::ofstream(path_ / name, std::ios::binary) << content;
}

std::filesystem::path PluginDir() { return MENSOR_TEST_PLUGIN_DIR; }

const plugin::PluginRegistry& BuiltInRegistry() {
  static plugin::PluginRegistry* registry = [] {
    auto* created = new plugin::PluginRegistry(plugin::HostApi());
    created->AddAll(plugin::PluginLoader::Scan({PluginDir()}));
    created->RegisterAll();
    return created;
  }();
  return *registry;
}

std::string LabelValue(const MeasuredSample& sample, const std::string& name) {
  for (const auto& [label, value] : sample.labels) {
    if (label == name) return value;
  }
  return "";
}

SimulatorServer::SimulatorServer(const std::string& world_json,
                                 const std::function<void(sim::SimulatorOptions&)>& configure) {
  sim::SimulatorOptions options;
  if (configure) configure(options);
  if (!world_json.empty()) {
    options.world = sim::World::FromJson(nlohmann::json::parse(world_json), 0);
  }
  simulator_ = std::make_unique<sim::Simulator>(std::move(options));
  server_ = std::make_unique<sim::HttpServer>(*simulator_, "127.0.0.1", 0);
  thread_ = std::thread([this] { server_->Run(); });
}

SimulatorServer::~SimulatorServer() {
  server_->Stop();
  thread_.join();
}

std::string SimulatorServer::url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

std::string SimulatorServer::ArmToken(std::chrono::seconds issued_ago) const {
  return simulator_->issuer().Issue({std::string(sim::kSimTenantId), "agent-test", "agent-test"},
                                    "https://management.azure.com/",
                                    simulator_->Now() - issued_ago);
}

std::string SimulatorServer::Token(const std::string& audience) const {
  return simulator_->issuer().Issue({std::string(sim::kSimTenantId), "agent-test", "agent-test"},
                                    audience, simulator_->Now());
}

int SimulatorServer::AddFault(const std::string& spec_json) const {
  sim::FieldList headers;
  headers.Add("Content-Type", "application/json");
  return simulator_->Handle(sim::SimRequest::Make("POST", "/_sim/faults", headers, spec_json))
      .status;
}

int SimulatorServer::DeleteResource(const std::string& resource_id) const {
  sim::FieldList headers;
  headers.Add("Content-Type", "application/json");
  const std::string body = "{\"id\": \"" + resource_id + "\"}";
  return simulator_->Handle(sim::SimRequest::Make("POST", "/_sim/resources/delete", headers, body))
      .status;
}

int SimulatorServer::Count(const std::string& counter) const {
  const auto response = simulator_->Handle(sim::SimRequest::Make("GET", "/_sim/requests"));
  return nlohmann::json::parse(response.body)["counts"].value(counter, 0);
}

const char* const kWorld = R"({"allowUnknownResources": false, "resources": [{
  "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ServiceBus/namespaces/ns-1",
  "location": "westeurope",
  "entities": {"demo_queue": {"ActiveMessages": 42}, "orders": {"ActiveMessages": 7}}}]})";

namespace {
ScraperOptions RigOptions(const SimulatorServer& sim) {
  ScraperOptions options;
  options.arm_base = sim.url();
  options.arm_scope = "https://management.azure.com/.default";
  options.batch_host_template = sim.url() + "/{region}";
  options.batch_scope = "https://metrics.monitor.azure.com/.default";
  options.caller.request_timeout = std::chrono::seconds(10);
  // Retries and reschedules keep their logic but not their real-world pauses.
  options.caller.backoff_base = std::chrono::milliseconds(10);
  options.caller.retry_after_unit = std::chrono::milliseconds(10);
  return options;
}
}  // namespace

ScraperRig::ScraperRig(const ConfigureScraper& configure_scraper, const std::string& world_json,
                       const ConfigureSim& configure_sim)
    : sim(world_json, configure_sim),
      tokens([this](const std::string& scope) {
        const int fetch = ++fetches;
        const std::string token = mint ? mint(fetch)
                                       : (scope.find("metrics.monitor") != std::string::npos
                                              ? sim.Token("https://metrics.monitor.azure.com")
                                              : sim.ArmToken());
        if (token.empty()) throw std::runtime_error("the identity endpoint is down");
        return AccessToken{token, std::chrono::system_clock::now() + std::chrono::hours(1)};
      }),
      scraper(client, tokens, workers, writer, self, [&] {
        ScraperOptions options = RigOptions(sim);
        if (configure_scraper) configure_scraper(options);
        return options;
      }()) {}

ScraperRig::~ScraperRig() {
  scraper.Stop();
  client.Stop();  // in-flight requests complete as cancelled, on the workers
  workers.join();
}

std::shared_ptr<const ScrapeTarget> ScraperRig::QueueTarget(const std::string& queue) {
  auto target = std::make_shared<ScrapeTarget>();
  target->metric_name = queue + "_size";
  target->description = "Active messages";
  target->resource_type = "ServiceBusNamespace";
  target->azure_metric_name = "ActiveMessages";
  target->aggregation = azure::Aggregation::kTotal;
  target->interval = std::chrono::seconds(60);
  target->filter = "EntityName eq '" + queue + "'";
  target->top = 10000;
  target->first_dimension_label = "entity_name";
  target->labels.resource_group = "rg-1";
  target->labels.subscription_id = "sub-1";
  target->labels.resource_uri = kResourceUri;
  target->labels.instance_name = "ns-1";
  target->labels.scraper_labels = {{"entity_name", queue}};
  target->labels.tenant_id = "tenant-1";
  return target;
}

std::optional<bool> ScraperRig::ScrapeAndWait(std::shared_ptr<const ScrapeTarget> target) {
  auto result = std::make_shared<std::promise<bool>>();
  auto future = result->get_future();
  scraper.Scrape(std::move(target), [result](bool success) { result->set_value(success); });
  if (future.wait_for(std::chrono::seconds(15)) != std::future_status::ready) return std::nullopt;
  return future.get();
}

void EnableBatching(ScraperOptions& options) {
  options.batching = true;
  options.max_batch_size = 50;
}

ScraperRig::CycleCounts ScraperRig::RunCycle(
    const std::vector<std::shared_ptr<const ScrapeTarget>>& targets) {
  auto succeeded = std::make_shared<std::atomic<int>>(0);
  auto failed = std::make_shared<std::atomic<int>>(0);
  auto finished = std::make_shared<std::atomic<bool>>(false);
  scraper.ScrapeAll(
      targets, [=](bool ok) { ++*(ok ? succeeded : failed); }, [=] { *finished = true; });
  EXPECT_TRUE(WaitUntil([&] { return finished->load(); }, std::chrono::seconds(30)));
  return CycleCounts{succeeded->load(), failed->load()};
}

}  // namespace mensor::agent::testing
