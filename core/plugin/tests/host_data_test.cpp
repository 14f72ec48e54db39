#include <cstddef>
#include <cstring>

#include <gtest/gtest.h>

#include <mensor/plugin/detail/results.hpp>
#include <mensor/plugin/host_api.hpp>

#include "fake_backend.hpp"

namespace mensor::plugin {
namespace {

using testing::S;
using testing::ToString;

class HostDataTest : public ::testing::Test {
 protected:
  const mensor_host_api* host_ = HostApi();
};

TEST_F(HostDataTest, TargetFields) {
  mensor_target target;
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_PROVIDER_PATH, S("Microsoft.X/y/z")),
            MENSOR_OK);
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_INSTANCE_NAME, S("z")), MENSOR_OK);
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_FILTER, S("EntityName eq 'q'")), MENSOR_OK);
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_FIRST_DIMENSION_LABEL, S("entity_name")),
            MENSOR_OK);
  EXPECT_EQ(host_->target_set(&target, 99, S("x")), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_FILTER, mensor_str{nullptr, 3}),
            MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->target_set(nullptr, MENSOR_TARGET_FILTER, S("x")), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(target.provider_path, "Microsoft.X/y/z");
  EXPECT_EQ(target.instance_name, "z");
  EXPECT_EQ(target.filter, "EntityName eq 'q'");
  EXPECT_EQ(target.first_dimension_label, "entity_name");
  // A view need not be NUL-terminated: only len bytes are copied.
  EXPECT_EQ(host_->target_set(&target, MENSOR_TARGET_INSTANCE_NAME, mensor_str{"abcdef", 3}),
            MENSOR_OK);
  EXPECT_EQ(target.instance_name, "abc");
}

TEST_F(HostDataTest, LabelsKeepOrderAndReplaceRepeats) {
  mensor_target target;
  EXPECT_EQ(host_->target_add_label(&target, S("b"), S("1")), MENSOR_OK);
  EXPECT_EQ(host_->target_add_label(&target, S("a"), S("2")), MENSOR_OK);
  EXPECT_EQ(host_->target_add_label(&target, S("b"), S("3")), MENSOR_OK);
  EXPECT_EQ(host_->target_add_label(&target, S(""), S("x")), MENSOR_E_INVALID_ARGUMENT);
  const std::vector<std::pair<std::string, std::string>> expected = {{"b", "3"}, {"a", "2"}};
  EXPECT_EQ(target.labels, expected);
}

TEST_F(HostDataTest, DimensionsReplaceThenAppend) {
  mensor_target target;
  target.dimensions = {"Configured1", "Configured2"};
  EXPECT_EQ(host_->target_add_dimension(&target, S("EntityName")), MENSOR_OK);
  EXPECT_EQ(host_->target_add_dimension(&target, S("OperationResult")), MENSOR_OK);
  EXPECT_EQ(target.dimensions, (std::vector<std::string>{"EntityName", "OperationResult"}));
  EXPECT_EQ(host_->target_add_dimension(&target, S("")), MENSOR_E_INVALID_ARGUMENT);
}

class BatchTest : public HostDataTest {
 protected:
  BatchTest() {
    batch_.scope = "resource/7";
    mensor_batch::Sample sample;
    sample.name = "demo_queue_size";
    sample.description = "Queue size";
    sample.kind = MENSOR_METRIC_COUNTER;
    sample.has_value = true;
    sample.value = 12.5;
    sample.timestamp_unix_ns = 123;
    sample.labels = {{"EntityName", "orders"}, {"resource_group", "rg"}};
    batch_.samples.push_back(sample);
  }
  mensor_batch batch_;
};

TEST_F(BatchTest, FullSizeSample) {
  EXPECT_EQ(host_->batch_len(&batch_), 1u);
  EXPECT_EQ(ToString(host_->batch_scope(&batch_)), "resource/7");
  mensor_sample out{};
  out.struct_size = sizeof(out);
  ASSERT_EQ(host_->batch_at(&batch_, 0, &out), MENSOR_OK);
  EXPECT_EQ(out.struct_size, sizeof(out));
  EXPECT_EQ(ToString(out.name), "demo_queue_size");
  EXPECT_EQ(ToString(out.description), "Queue size");
  EXPECT_EQ(out.kind, MENSOR_METRIC_COUNTER);
  EXPECT_TRUE(out.has_value);
  EXPECT_DOUBLE_EQ(out.value, 12.5);
  EXPECT_EQ(out.timestamp_unix_ns, 123);
  ASSERT_EQ(out.label_count, 2u);
  EXPECT_EQ(ToString(out.labels[0].name), "EntityName");
  EXPECT_EQ(ToString(out.labels[1].value), "rg");
  EXPECT_EQ(out.labels[1].value.ptr[2], '\0');
}

TEST_F(BatchTest, SmallerStructIsFilledOnlyAsFarAsItGoes) {
  struct {
    mensor_sample sample;
    unsigned char guard[8];
  } out;
  std::memset(&out, 0x5A, sizeof(out));
  out.sample.struct_size = offsetof(mensor_sample, kind);
  ASSERT_EQ(host_->batch_at(&batch_, 0, &out.sample), MENSOR_OK);
  EXPECT_EQ(out.sample.struct_size, offsetof(mensor_sample, kind));
  EXPECT_EQ(ToString(out.sample.description), "Queue size");
  const auto* bytes = reinterpret_cast<const unsigned char*>(&out);
  for (size_t i = offsetof(mensor_sample, kind); i < sizeof(out); ++i) {
    ASSERT_EQ(bytes[i], 0x5A) << "byte " << i << " written beyond struct_size";
  }
}

TEST_F(BatchTest, LargerStructGetsItsTailZeroed) {
  struct {
    mensor_sample sample;
    uint64_t appended[2];
  } out;
  std::memset(&out, 0x5A, sizeof(out));
  out.sample.struct_size = sizeof(out);
  ASSERT_EQ(host_->batch_at(&batch_, 0, &out.sample), MENSOR_OK);
  EXPECT_EQ(out.sample.struct_size, sizeof(out));
  EXPECT_EQ(out.sample.label_count, 2u);
  EXPECT_EQ(out.appended[0], 0u);
  EXPECT_EQ(out.appended[1], 0u);
}

TEST_F(BatchTest, BadArguments) {
  mensor_sample out{};
  out.struct_size = 2;
  EXPECT_EQ(host_->batch_at(&batch_, 0, &out), MENSOR_E_INVALID_ARGUMENT);
  out.struct_size = sizeof(out);
  EXPECT_EQ(host_->batch_at(&batch_, 1, &out), MENSOR_E_NOT_FOUND);
  EXPECT_EQ(host_->batch_at(nullptr, 0, &out), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->batch_at(&batch_, 0, nullptr), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->batch_len(nullptr), 0u);
  EXPECT_EQ(host_->batch_scope(nullptr).len, 0u);
}

TEST_F(HostDataTest, TokenSet) {
  mensor_token_out token;
  EXPECT_EQ(host_->token_set(&token, S("secret"), 99), MENSOR_OK);
  EXPECT_TRUE(token.is_set);
  EXPECT_EQ(token.token, "secret");
  EXPECT_EQ(token.expires_unix_ns, 99);
  EXPECT_EQ(host_->token_set(&token, S(""), 1), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->token_set(nullptr, S("x"), 1), MENSOR_E_INVALID_ARGUMENT);
}

TEST_F(HostDataTest, Reply) {
  mensor_http_reply reply;
  host_->reply_set(&reply, 503, S("text/plain; version=0.0.4"), S("# metrics"));
  host_->reply_header(&reply, S("Cache-Control"), S("no-store"));
  host_->reply_set(nullptr, 200, S(""), S(""));
  host_->reply_header(&reply, S(""), S("ignored"));
  EXPECT_TRUE(reply.is_set);
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4");
  EXPECT_EQ(reply.body, "# metrics");
  ASSERT_EQ(reply.headers.size(), 1u);
  EXPECT_EQ(reply.headers[0].first, "Cache-Control");
}

void CountRelease(void* owner) { ++*static_cast<int*>(owner); }

TEST_F(HostDataTest, ReplySegmentsAreViewsReleasedOnce) {
  int released = 0;
  const std::string text = "# TYPE m gauge\nm 1\n";
  const mensor_str segments[] = {{text.data(), 15}, {nullptr, 0}, {text.data() + 15, 4}};
  {
    mensor_http_reply reply;
    host_->reply_set_segments(&reply, 200, S("text/plain"), segments, 3, CountRelease, &released);
    EXPECT_TRUE(reply.is_set);
    ASSERT_EQ(reply.shared_segments.size(), 2u) << "empty views add nothing";
    EXPECT_EQ(reply.shared_segments[0].data(), text.data()) << "not copied";
    EXPECT_EQ(reply.shared_segments[1], "m 1\n");
    auto in_flight = reply.shared_owner;  // the response being written
    reply.shared_owner.reset();
    EXPECT_EQ(released, 0);
  }
  EXPECT_EQ(released, 1);
  host_->reply_set_segments(nullptr, 200, S(""), segments, 3, CountRelease, &released);
  EXPECT_EQ(released, 2) << "no reply: released at once";
}

TEST_F(HostDataTest, ReplySharedIsOneSegmentAndTheLastSetterWins) {
  int released = 0;
  mensor_http_reply reply;
  host_->reply_set_shared(&reply, 200, S(""), S("body"), CountRelease, &released);
  ASSERT_EQ(reply.shared_segments.size(), 1u);
  EXPECT_EQ(reply.shared_segments[0], "body");
  EXPECT_TRUE(reply.shared_owner);
  host_->reply_set(&reply, 500, S(""), S("copied"));
  EXPECT_EQ(released, 1);
  EXPECT_TRUE(reply.shared_segments.empty());
  EXPECT_FALSE(reply.shared_owner);
  EXPECT_EQ(reply.body, "copied");
  host_->reply_set_segments(&reply, 200, S(""), nullptr, 0, nullptr, nullptr);
  EXPECT_TRUE(reply.shared_owner) << "a NULL owner without release still serves in place";
  EXPECT_TRUE(reply.body.empty());
}

}  // namespace
}  // namespace mensor::plugin
