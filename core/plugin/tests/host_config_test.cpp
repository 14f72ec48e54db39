#include <gtest/gtest.h>

#include <mensor/plugin/detail/config.hpp>
#include <mensor/plugin/host_api.hpp>

#include "fake_backend.hpp"

namespace mensor::plugin {
namespace {

using testing::ToString;

const mensor_config_key kChildKeys[] = {
    {"port", MENSOR_CFG_INT, 0, "8888", "", nullptr},
};
const mensor_config_schema kChildSchema = {sizeof(mensor_config_schema), sizeof(mensor_config_key),
                                           1, kChildKeys};
const mensor_config_key kKeys[] = {
    {"name", MENSOR_CFG_STRING, MENSOR_CFG_REQUIRED, nullptr, "", nullptr},
    {"mode", MENSOR_CFG_STRING, 0, "queue: yes", "", nullptr},  // not parsed as YAML
    {"retries", MENSOR_CFG_INT, 0, "5", "", nullptr},
    {"ratio", MENSOR_CFG_DOUBLE, 0, "0.25", "", nullptr},
    {"enabled", MENSOR_CFG_BOOL, 0, "true", "", nullptr},
    {"tags", MENSOR_CFG_STRING_LIST, 0, "[a, b]", "", nullptr},
    {"server", MENSOR_CFG_OBJECT, 0, nullptr, "", &kChildSchema},
    {"servers", MENSOR_CFG_OBJECT_LIST, 0, nullptr, "", &kChildSchema},
};
const mensor_config_schema kSchema = {sizeof(mensor_config_schema), sizeof(mensor_config_key),
                                      sizeof(kKeys) / sizeof(kKeys[0]), kKeys};

class HostConfigTest : public ::testing::Test {
 protected:
  std::unique_ptr<mensor_config> Make(const char* yaml, bool case_insensitive = false) {
    return std::make_unique<mensor_config>(YAML::Load(yaml), "runtime.yaml", case_insensitive,
                                           &kSchema);
  }
  const mensor_host_api* host_ = HostApi();
};

TEST_F(HostConfigTest, StringsAreCachedAndTerminated) {
  auto cfg = Make("name: orders\nnumber: 12");
  mensor_str first{}, second{};
  ASSERT_EQ(host_->cfg_str(cfg.get(), "name", &first), MENSOR_OK);
  ASSERT_EQ(host_->cfg_str(cfg.get(), "number", &second), MENSOR_OK);
  EXPECT_EQ(ToString(first), "orders");
  EXPECT_EQ(first.ptr[first.len], '\0');
  EXPECT_EQ(ToString(second), "12");
  mensor_str again{};
  ASSERT_EQ(host_->cfg_str(cfg.get(), "name", &again), MENSOR_OK);
  EXPECT_EQ(again.ptr, first.ptr);
}

TEST_F(HostConfigTest, DefaultsForAbsentKeys) {
  auto cfg = Make("name: x\nretries:\n");  // "retries:" without value counts as absent
  mensor_str mode{};
  ASSERT_EQ(host_->cfg_str(cfg.get(), "mode", &mode), MENSOR_OK);
  EXPECT_EQ(ToString(mode), "queue: yes");
  int64_t retries = 0;
  ASSERT_EQ(host_->cfg_i64(cfg.get(), "retries", &retries), MENSOR_OK);
  EXPECT_EQ(retries, 5);
  double ratio = 0;
  ASSERT_EQ(host_->cfg_f64(cfg.get(), "ratio", &ratio), MENSOR_OK);
  EXPECT_DOUBLE_EQ(ratio, 0.25);
  bool enabled = false;
  ASSERT_EQ(host_->cfg_bool(cfg.get(), "enabled", &enabled), MENSOR_OK);
  EXPECT_TRUE(enabled);
  EXPECT_EQ(host_->cfg_list_len(cfg.get(), "tags"), 2u);
  mensor_str undeclared{};
  EXPECT_EQ(host_->cfg_str(cfg.get(), "undeclared", &undeclared), MENSOR_E_NOT_FOUND);
  EXPECT_EQ(host_->cfg_child(cfg.get(), "server"), nullptr);
}

TEST_F(HostConfigTest, CaseInsensitiveOnlyWhenAsked) {
  auto strict = Make("Name: a\nRetries: 9");
  mensor_str name{};
  EXPECT_EQ(host_->cfg_str(strict.get(), "name", &name), MENSOR_E_NOT_FOUND);
  int64_t retries = 0;
  ASSERT_EQ(host_->cfg_i64(strict.get(), "retries", &retries), MENSOR_OK);
  EXPECT_EQ(retries, 5);  // the declared default, not the differently-cased key

  auto relaxed = Make("Name: a\nRetries: 9", true);
  ASSERT_EQ(host_->cfg_str(relaxed.get(), "NAME", &name), MENSOR_OK);
  EXPECT_EQ(ToString(name), "a");
  ASSERT_EQ(host_->cfg_i64(relaxed.get(), "retries", &retries), MENSOR_OK);
  EXPECT_EQ(retries, 9);
}

TEST_F(HostConfigTest, TypedReadsRejectWrongTypes) {
  auto cfg = Make(
      "n: 4x\nbig: 99999999999999999999\nplus: +7\nneg: -3\nf: abc\nb: maybe\n"
      "B: False\nl: [1, {a: 2}]\nm: {a: 1}");
  int64_t i = 0;
  EXPECT_EQ(host_->cfg_i64(cfg.get(), "n", &i), MENSOR_E_CONFIG);
  EXPECT_EQ(cfg->LastError(), "runtime.yaml: key 'n': expected an integer, got '4x'");
  EXPECT_EQ(host_->cfg_i64(cfg.get(), "big", &i), MENSOR_E_CONFIG);
  EXPECT_EQ(host_->cfg_i64(cfg.get(), "m", &i), MENSOR_E_CONFIG);
  EXPECT_EQ(cfg->LastError(), "runtime.yaml: key 'm': expected an integer, got a mapping");
  ASSERT_EQ(host_->cfg_i64(cfg.get(), "plus", &i), MENSOR_OK);
  EXPECT_EQ(i, 7);
  ASSERT_EQ(host_->cfg_i64(cfg.get(), "neg", &i), MENSOR_OK);
  EXPECT_EQ(i, -3);
  double d = 0;
  EXPECT_EQ(host_->cfg_f64(cfg.get(), "f", &d), MENSOR_E_CONFIG);
  ASSERT_EQ(host_->cfg_f64(cfg.get(), "neg", &d), MENSOR_OK);
  EXPECT_DOUBLE_EQ(d, -3.0);
  bool b = true;
  EXPECT_EQ(host_->cfg_bool(cfg.get(), "b", &b), MENSOR_E_CONFIG);
  ASSERT_EQ(host_->cfg_bool(cfg.get(), "B", &b), MENSOR_OK);
  EXPECT_FALSE(b);
  mensor_str s{};
  EXPECT_EQ(host_->cfg_str(cfg.get(), "m", &s), MENSOR_E_CONFIG);
  EXPECT_EQ(host_->cfg_list_str(cfg.get(), "l", 1, &s), MENSOR_E_CONFIG);
  EXPECT_EQ(host_->cfg_list_str(cfg.get(), "m", 0, &s), MENSOR_E_CONFIG);
}

TEST_F(HostConfigTest, Lists) {
  auto cfg = Make("tags: [x, y, z]\nservers:\n  - port: 1\n  - {}\n  - plain");
  ASSERT_EQ(host_->cfg_list_len(cfg.get(), "tags"), 3u);
  mensor_str s{};
  ASSERT_EQ(host_->cfg_list_str(cfg.get(), "tags", 2, &s), MENSOR_OK);
  EXPECT_EQ(ToString(s), "z");
  EXPECT_EQ(host_->cfg_list_str(cfg.get(), "tags", 3, &s), MENSOR_E_NOT_FOUND);
  EXPECT_EQ(host_->cfg_list_len(cfg.get(), "servers"), 3u);

  const mensor_config* first = host_->cfg_list_obj(cfg.get(), "servers", 0);
  const mensor_config* second = host_->cfg_list_obj(cfg.get(), "servers", 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(host_->cfg_list_obj(cfg.get(), "servers", 0), first);    // stable handle
  EXPECT_EQ(host_->cfg_list_obj(cfg.get(), "servers", 2), nullptr);  // not a mapping
  EXPECT_EQ(host_->cfg_list_obj(cfg.get(), "servers", 3), nullptr);
  int64_t port = 0;
  ASSERT_EQ(host_->cfg_i64(first, "port", &port), MENSOR_OK);
  EXPECT_EQ(port, 1);
  ASSERT_EQ(host_->cfg_i64(second, "port", &port), MENSOR_OK);
  EXPECT_EQ(port, 8888);  // the child schema's default
}

TEST_F(HostConfigTest, ChildInheritsCaseInsensitivity) {
  auto cfg = Make("Server:\n  PORT: 9", true);
  const mensor_config* child = host_->cfg_child(cfg.get(), "server");
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(host_->cfg_child(cfg.get(), "server"), child);
  int64_t port = 0;
  ASSERT_EQ(host_->cfg_i64(child, "port", &port), MENSOR_OK);
  EXPECT_EQ(port, 9);
  EXPECT_EQ(child->file, "runtime.yaml");
}

TEST_F(HostConfigTest, NullArguments) {
  auto cfg = Make("name: a");
  mensor_str s{};
  int64_t i = 0;
  EXPECT_EQ(host_->cfg_str(nullptr, "name", &s), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->cfg_str(cfg.get(), nullptr, &s), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->cfg_str(cfg.get(), "name", nullptr), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->cfg_i64(nullptr, "x", &i), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->cfg_list_len(nullptr, "x"), 0u);
  EXPECT_EQ(host_->cfg_child(nullptr, "x"), nullptr);
  EXPECT_EQ(host_->cfg_list_obj(cfg.get(), nullptr, 0), nullptr);
}

TEST_F(HostConfigTest, NoSchemaAndNonMappingNode) {
  mensor_config scalar(YAML::Load("just text"), "f", false, nullptr);
  mensor_str s{};
  EXPECT_EQ(host_->cfg_str(&scalar, "x", &s), MENSOR_E_NOT_FOUND);
  mensor_config empty;
  EXPECT_EQ(host_->cfg_str(&empty, "x", &s), MENSOR_E_NOT_FOUND);
}

}  // namespace
}  // namespace mensor::plugin
