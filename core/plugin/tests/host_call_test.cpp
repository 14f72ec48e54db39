#include <cstdlib>
#include <cstring>

#include <gtest/gtest.h>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/host_api.hpp>

#include "fake_backend.hpp"

namespace mensor::plugin {
namespace {

using testing::FakeBackend;
using testing::S;
using testing::ScopedBackend;

class HostCallTest : public ::testing::Test {
 protected:
  const mensor_host_api* host_ = HostApi();
};

TEST_F(HostCallTest, TableIsCompleteAndVersioned) {
  EXPECT_EQ(host_, HostApi());
  EXPECT_EQ(host_->struct_size, sizeof(mensor_host_api));
  EXPECT_EQ(host_->abi_version, MENSOR_ABI_VERSION);
  ASSERT_NE(host_->host_version, nullptr);
  // Every member after host_version is a function pointer.
  const auto* bytes = reinterpret_cast<const unsigned char*>(host_);
  for (size_t offset = offsetof(mensor_host_api, register_resource_type);
       offset < sizeof(mensor_host_api); offset += sizeof(void (*)())) {
    void (*slot)() = nullptr;
    std::memcpy(&slot, bytes + offset, sizeof(slot));
    EXPECT_NE(slot, nullptr) << "slot at offset " << offset;
  }
}

TEST_F(HostCallTest, SetErrorCopiesAndReturnsTheStatus) {
  mensor_call call;
  char message[] = "queue not found";
  EXPECT_EQ(host_->set_error(&call, MENSOR_E_NOT_FOUND, mensor_str{message, 5}),
            MENSOR_E_NOT_FOUND);
  std::memset(message, 'x', sizeof(message) - 1);
  EXPECT_EQ(call.error_status, MENSOR_E_NOT_FOUND);
  EXPECT_EQ(call.error_message, "queue");
  EXPECT_EQ(host_->set_error(nullptr, MENSOR_E_CONFIG, S("lost call")), MENSOR_E_CONFIG);
  EXPECT_EQ(host_->set_error(&call, MENSOR_E_INTERNAL, mensor_str{nullptr, 4}), MENSOR_E_INTERNAL);
  EXPECT_EQ(call.error_message, "");
}

TEST_F(HostCallTest, CancellationAndDeadline) {
  std::atomic<bool> shutdown{false};
  mensor_call call;
  call.deadline_mono_ns = 77;
  call.cancel_source = &shutdown;
  EXPECT_EQ(host_->deadline_mono_ns(&call), 77);
  EXPECT_FALSE(host_->is_cancelled(&call));
  shutdown = true;
  EXPECT_TRUE(host_->is_cancelled(&call));
  mensor_call other;
  other.Cancel();
  EXPECT_TRUE(host_->is_cancelled(&other));
  EXPECT_FALSE(host_->is_cancelled(nullptr));
  EXPECT_EQ(host_->deadline_mono_ns(nullptr), 0);
}

TEST_F(HostCallTest, ReportGoesToTheCallersSink) {
  mensor_call call;
  std::vector<std::string> seen;
  call.report = [&](int severity, const char* key, std::string message) {
    seen.push_back(std::to_string(severity) + "|" + (key ? key : "<entry>") + "|" + message);
  };
  host_->report(&call, MENSOR_SEVERITY_WARNING, "queueName", S("deprecated"));
  host_->report(&call, MENSOR_SEVERITY_ERROR, nullptr, S("broken"));
  EXPECT_EQ(seen, (std::vector<std::string>{"1|queueName|deprecated", "2|<entry>|broken"}));
  mensor_call unsunk;  // no sink: logged, no crash
  host_->report(&unsunk, MENSOR_SEVERITY_ERROR, "k", S("logged"));
  host_->report(nullptr, MENSOR_SEVERITY_ERROR, "k", S("dropped"));
}

TEST_F(HostCallTest, LoggingAcceptsAnyContext) {
  mensor_host_ctx ctx{"servicebus", "orders", nullptr};
  EXPECT_EQ(ctx.Prefix(), "[servicebus/orders]");
  EXPECT_EQ((mensor_host_ctx{"servicebus", "", nullptr}).Prefix(), "[servicebus]");
  host_->log(&ctx, MENSOR_LOG_INFO, S("hello"));
  host_->log(nullptr, 99, mensor_str{nullptr, 10});
  EXPECT_TRUE(host_->log_enabled(nullptr, MENSOR_LOG_CRITICAL));
}

TEST_F(HostCallTest, EnvGetThroughTheBackendTruncates) {
  FakeBackend backend;
  backend.env["MENSOR_TEST"] = "abcdef";
  ScopedBackend scoped(&backend);
  char buf[4];
  size_t len = 0;
  ASSERT_EQ(host_->env_get("MENSOR_TEST", buf, sizeof(buf), &len), MENSOR_OK);
  EXPECT_STREQ(buf, "abc");
  EXPECT_EQ(len, 6u);
  ASSERT_EQ(host_->env_get("MENSOR_TEST", nullptr, 0, &len), MENSOR_OK);  // length query
  EXPECT_EQ(len, 6u);
  char big[16];
  ASSERT_EQ(host_->env_get("MENSOR_TEST", big, sizeof(big), nullptr), MENSOR_OK);
  EXPECT_STREQ(big, "abcdef");
  EXPECT_EQ(host_->env_get("MENSOR_UNSET", big, sizeof(big), &len), MENSOR_E_NOT_FOUND);
  EXPECT_EQ(len, 0u);
  EXPECT_STREQ(big, "");
  EXPECT_EQ(host_->env_get(nullptr, big, sizeof(big), &len), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->env_get("MENSOR_TEST", nullptr, 4, &len), MENSOR_E_INVALID_ARGUMENT);
}

TEST_F(HostCallTest, EnvGetWithoutBackendUsesTheProcessEnvironment) {
  ::setenv("MENSOR_PLUGIN_TEST_ENV", "value", 1);
  char buf[16];
  size_t len = 0;
  ASSERT_EQ(host_->env_get("MENSOR_PLUGIN_TEST_ENV", buf, sizeof(buf), &len), MENSOR_OK);
  EXPECT_STREQ(buf, "value");
  ::unsetenv("MENSOR_PLUGIN_TEST_ENV");
  EXPECT_EQ(host_->env_get("MENSOR_PLUGIN_TEST_ENV", buf, sizeof(buf), &len), MENSOR_E_NOT_FOUND);
}

TEST_F(HostCallTest, ClocksComeFromTheBackend) {
  EXPECT_GT(host_->now_unix_ns(), 0);
  FakeBackend backend;
  ScopedBackend scoped(&backend);
  EXPECT_EQ(host_->now_unix_ns(), backend.unix_ns);
  EXPECT_EQ(host_->now_mono_ns(), backend.mono_ns);
}

}  // namespace
}  // namespace mensor::plugin
