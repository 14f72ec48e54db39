// MENSOR_PLUGIN entry points and trampolines, driven through the C descriptors.
#include <mensor/sdk.hpp>
#include <mensor/testing/fake_host.hpp>
#include <mensor/testing/linked_plugin.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

using mensor::testing::AuthModeInstance;
using mensor::testing::FakeCall;
using mensor::testing::FakeHost;
using mensor::testing::FakeHttpResponse;
using mensor::testing::FakeMetric;

class PluginTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_OK); }
  FakeHost host_;
};

TEST(PluginInfoTest, IsStaticAndDescribesTheLibrary) {
  const mensor_plugin_info* info = mensor_plugin_info_v1();
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info, mensor_plugin_info_v1());
  EXPECT_EQ(info->struct_size, sizeof(mensor_plugin_info));
  EXPECT_EQ(info->abi_version, MENSOR_ABI_VERSION);
  EXPECT_STREQ(info->name, "sdktest");
  EXPECT_STREQ(info->version, "1.2.3");
}

TEST_F(PluginTest, RegistersEveryClassByItsBase) {
  EXPECT_EQ(host_.resource_type_names(), (std::vector<std::string>{"CallDescribe", "Thrower"}));
  EXPECT_EQ(host_.auth_mode_names(), std::vector<std::string>{"TestAuth"});
  EXPECT_EQ(host_.sink_names(), std::vector<std::string>{"TestSink"});
  const mensor_resource_type_desc* desc = host_.resource_type("Thrower");
  EXPECT_EQ(desc->struct_size, sizeof(mensor_resource_type_desc));
  EXPECT_STREQ(desc->arm_resource_type, "Microsoft.Test/things");
  EXPECT_EQ(desc->flags, 0u);
  EXPECT_EQ(host_.resource_type("CallDescribe")->flags, MENSOR_FLAG_CONCURRENT);
  EXPECT_EQ(desc->config->key_count, 2u);
}

TEST_F(PluginTest, SecondRegistrationReportsDuplicateNames) {
  EXPECT_EQ(host_.Register(mensor_plugin_register_v1), MENSOR_E_CONFIG);
  EXPECT_NE(host_.register_call().error_message.find("'Thrower'"), std::string::npos);
}

TEST(PluginRegisterTest, RefusesAnIncompleteHostTable) {
  FakeHost host;
  mensor_host_api old_table = host.api();
  old_table.struct_size = offsetof(mensor_host_api, token_set);
  FakeCall call;
  EXPECT_EQ(mensor_plugin_register_v1(&old_table, nullptr, call.raw()), MENSOR_E_UNSUPPORTED);
}

struct ExceptionCase {
  const char* mode;
  mensor_status status;
  const char* message;
};

void PrintTo(const ExceptionCase& c, std::ostream* os) { *os << c.mode; }

class ExceptionTranslationTest : public PluginTest,
                                 public ::testing::WithParamInterface<ExceptionCase> {};

TEST_P(ExceptionTranslationTest, BecomesStatusAndMessage) {
  const ExceptionCase& c = GetParam();
  auto result = host_.Validate("Thrower", std::string("mode: ") + c.mode);
  EXPECT_EQ(result.status, c.status);
  EXPECT_EQ(result.call.error_status, c.status);
  EXPECT_NE(result.call.error_message.find(c.message), std::string::npos)
      << result.call.error_message;
}

INSTANTIATE_TEST_SUITE_P(
    Modes, ExceptionTranslationTest,
    ::testing::Values(ExceptionCase{"error", MENSOR_E_PERMISSION_DENIED, "denied by test"},
                      ExceptionCase{"config", MENSOR_E_CONFIG, "'mode' is wrong"},
                      ExceptionCase{"std", MENSOR_E_INTERNAL, "boom"},
                      ExceptionCase{"int", MENSOR_E_INTERNAL, "unknown exception"},
                      ExceptionCase{"report", MENSOR_E_CONFIG, "1 configuration error(s)"}),
    [](const auto& info) { return std::string(info.param.mode); });

TEST_F(PluginTest, ValidateReportsDiagnosticsAtKeys) {
  auto result = host_.Validate("Thrower", "mode: report");
  ASSERT_EQ(result.call.diagnostics.size(), 2u);
  EXPECT_EQ(result.call.At("mode").size(), 1u);
  EXPECT_EQ(result.call.At("", MENSOR_SEVERITY_WARNING).size(), 1u);
}

TEST_F(PluginTest, WarningsAloneAreNotAnError) {
  auto result = host_.Validate("Thrower", "mode: warn");
  EXPECT_EQ(result.status, MENSOR_OK);
  EXPECT_EQ(result.call.At("mode", MENSOR_SEVERITY_WARNING).size(), 1u);
}

TEST_F(PluginTest, DescribeUsesDefaultsAndMetricInfo) {
  FakeMetric metric;
  metric.name = "my_metric";
  metric.dimensions = {"EntityName"};
  auto result = host_.Describe("Thrower", "{}", metric);
  ASSERT_EQ(result.status, MENSOR_OK) << result.call.error_message;
  EXPECT_EQ(result.target.provider_path(), "Microsoft.Test/things/default");
  EXPECT_EQ(result.target.instance_name(), "my_metric");
  EXPECT_EQ(result.target.Label("dim"), "EntityName");
}

TEST_F(PluginTest, DescribeMayTakeTheCall) {
  auto ok = host_.Describe("CallDescribe", "{}");
  EXPECT_EQ(ok.status, MENSOR_OK);
  EXPECT_EQ(ok.target.provider_path(), "Microsoft.Test/calls/x");
  const mensor_resource_type_desc* desc = host_.resource_type("CallDescribe");
  FakeCall call;
  call.cancelled = true;
  mensor::testing::FakeTarget target;
  mensor::testing::MetricInfoView info(FakeMetric{});
  EXPECT_EQ(desc->describe(host_.Config("{}"), info.raw(), call.raw(), target.raw()),
            MENSOR_E_CANCELLED);
}

TEST_F(PluginTest, AuthCreateFailureNamesTheKey) {
  AuthModeInstance auth(host_, "TestAuth", "tokenUrl: https://x");
  EXPECT_FALSE(auth.created());
  EXPECT_EQ(auth.create_status(), MENSOR_E_CONFIG);
  EXPECT_NE(auth.create_call().error_message.find("'clientId'"), std::string::npos);
}

TEST_F(PluginTest, AuthGetsTokenThroughScriptedHttp) {
  AuthModeInstance auth(host_, "TestAuth", "clientId: abc");
  ASSERT_TRUE(auth.created()) << auth.create_call().error_message;
  EXPECT_TRUE(host_.LogsContain("auth created for abc"));
  host_.QueueHttpResponse({.status = 200, .body = "tok-1"});
  auto token = auth.GetToken("https://management.azure.com/.default");
  ASSERT_EQ(token.status, MENSOR_OK) << token.call.error_message;
  EXPECT_TRUE(token.token.set);
  EXPECT_EQ(token.token.value, "tok-1");
  EXPECT_EQ(token.token.expires_unix_ns, host_.unix_ns() + 3'600'000'000'000);
  ASSERT_EQ(host_.http_requests().size(), 1u);
  EXPECT_EQ(host_.http_requests()[0].method, "POST");
  EXPECT_EQ(host_.http_requests()[0].body,
            "client_id=abc&scope=https://management.azure.com/.default");
  EXPECT_EQ(host_.live_http_responses(), 0);
}

TEST_F(PluginTest, AuthErrorsKeepTheirCode) {
  AuthModeInstance auth(host_, "TestAuth", "clientId: abc");
  host_.QueueHttpResponse({.status = 401, .body = "no"});
  auto rejected = auth.GetToken("scope");
  EXPECT_EQ(rejected.status, MENSOR_E_UNAUTHENTICATED);
  EXPECT_EQ(rejected.call.error_message, "token endpoint returned 401");
  auto unscripted = auth.GetToken("scope");
  EXPECT_EQ(unscripted.status, MENSOR_E_UNAVAILABLE);
  EXPECT_FALSE(unscripted.token.set);
}

TEST_F(PluginTest, HostServicesClockAndEnv) {
  host_.SetEnv("MENSOR_TEST", std::string(300, 'x'));
  EXPECT_EQ(mensor::sdk::host::Env("MENSOR_TEST"), std::string(300, 'x'));
  EXPECT_EQ(mensor::sdk::host::Env("MENSOR_UNSET"), std::nullopt);
  int64_t before = mensor::sdk::host::NowMonoNs();
  host_.AdvanceNs(5);
  EXPECT_EQ(mensor::sdk::host::NowMonoNs(), before + 5);
}

TEST_F(PluginTest, LoggerHonoursLevel) {
  mensor::sdk::Logger logger(host_.NewCtx("inst"));
  host_.SetLogLevel(MENSOR_LOG_WARN);
  EXPECT_FALSE(logger.Enabled(MENSOR_LOG_INFO));
  logger.Info("dropped");
  logger.Error("kept");
  ASSERT_EQ(host_.logs().size(), 1u);
  EXPECT_EQ(host_.logs()[0].instance, "inst");
  EXPECT_EQ(host_.logs()[0].level, MENSOR_LOG_ERROR);
}

}  // namespace
