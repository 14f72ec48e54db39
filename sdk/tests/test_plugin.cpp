// A plugin with one class of each kind, linked into mensor_sdk_tests so the MENSOR_PLUGIN
// trampolines can be exercised through FakeHost.
#include "test_plugin.hpp"

#include <mensor/sdk.hpp>

#include <mutex>
#include <stdexcept>
#include <string>

namespace sdk = mensor::sdk;

namespace sdktest {

const sdk::Schema& Thrower::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String("mode").Describe("what Validate does"),
      sdk::Key::String("path").Default("Microsoft.Test/things/default"),
  };
  return schema;
}

void Thrower::Validate(const sdk::Config& config, const sdk::MetricInfo&, sdk::Call& call) {
  std::string mode = config.GetString("mode").value_or("ok");
  if (mode == "error") throw sdk::Error(MENSOR_E_PERMISSION_DENIED, "denied by test");
  if (mode == "config") throw sdk::ConfigError("'mode' is wrong");
  if (mode == "std") throw std::runtime_error("boom");
  if (mode == "int") throw 42;
  if (mode == "report") {
    call.ReportError("mode", "mode 'report' is not allowed");
    call.ReportWarning(nullptr, "just a warning");
  }
  if (mode == "warn") call.ReportWarning("mode", "only a warning");
}

void Thrower::Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target) {
  target.SetProviderPath(config.RequireString("path"));
  target.SetInstanceName(metric.name);
  for (std::string_view d : metric.dimensions) target.AddLabel("dim", d);
}

const sdk::Schema& CallDescribe::ConfigSchema() {
  static const sdk::Schema schema{};
  return schema;
}

void CallDescribe::Describe(const sdk::Config&, const sdk::MetricInfo&, sdk::Call& call,
                            sdk::Target& target) {
  if (call.Cancelled()) throw sdk::Error(MENSOR_E_CANCELLED, "cancelled");
  target.SetProviderPath("Microsoft.Test/calls/x");
}

const sdk::Schema& TestAuth::ConfigSchema() {
  static const sdk::Schema schema{
      sdk::Key::String("clientId").Required(),
      sdk::Key::String("tokenUrl").Default("https://login.example/token"),
  };
  return schema;
}

TestAuth::TestAuth(sdk::InitContext& ctx)
    : client_id_(ctx.config().RequireString("clientId")),
      token_url_(*ctx.config().GetString("tokenUrl")) {
  ctx.logger().Info("auth created for " + client_id_);
}

sdk::Token TestAuth::GetToken(sdk::Call& call, std::string_view scope) {
  sdk::HttpRequest request{.method = "POST", .url = token_url_};
  request.body = "client_id=" + client_id_ + "&scope=" + std::string(scope);
  sdk::HttpResponse response = sdk::HttpSend(call, request);
  if (response.status != 200) {
    throw sdk::Error(MENSOR_E_UNAUTHENTICATED,
                     "token endpoint returned " + std::to_string(response.status));
  }
  return {response.body, sdk::host::NowUnixNs() + 3'600'000'000'000};
}

const sdk::Schema& TestSink::ConfigSchema() {
  static const sdk::Schema schema{sdk::Key::String("path").Default("/metrics")};
  return schema;
}

TestSink::TestSink(sdk::InitContext& ctx)
    : sdk::Sink(ctx), path_(*ctx.config().GetString("path")) {}

void TestSink::Start(sdk::Call&) {
  RegisterRoute(path_, [this](const sdk::RouteRequest& request, sdk::RouteReply& reply) {
    if (request.query == "fail") throw std::runtime_error("handler failed");
    std::lock_guard lock(mu_);
    reply.AddHeader("X-Scope", scope_);
    reply.Set(200, "text/plain", text_ + std::string(request.Header("accept").value_or("-")));
  });
}

void TestSink::Write(sdk::Call&, const sdk::Batch& batch) {
  std::string text;
  for (sdk::Sample sample : batch) {
    text += std::string(sample.name) + "{";
    for (sdk::Label label : sample.labels()) {
      text += std::string(label.name) + "=" + std::string(label.value) + ",";
    }
    text += "} " + (sample.has_value ? std::to_string(static_cast<int>(sample.value)) : "NaN");
    text += "\n";
  }
  std::lock_guard lock(mu_);
  text_ = std::move(text);
  scope_ = std::string(batch.scope());
}

void TestSink::Stop() { logger().Info("sink stopped"); }

}  // namespace sdktest

MENSOR_PLUGIN("sdktest", "1.2.3", "SDK test plugin", sdktest::Thrower, sdktest::CallDescribe,
              sdktest::TestAuth, sdktest::TestSink);
