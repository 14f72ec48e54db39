// The register_* slots driven in-process, without a library.

#include <cstddef>
#include <cstring>

#include <gtest/gtest.h>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/host_api.hpp>

namespace mensor::plugin {
namespace {

mensor_status Validate(const mensor_config*, const mensor_metric_info*, mensor_call*) {
  return MENSOR_OK;
}
mensor_status Describe(const mensor_config*, const mensor_metric_info*, mensor_call*,
                       mensor_target*) {
  return MENSOR_OK;
}
mensor_status Create(mensor_host_ctx*, const mensor_config*, mensor_call*, void**) {
  return MENSOR_OK;
}
void Destroy(void*) {}
mensor_status Write(void*, mensor_call*, const mensor_batch*) { return MENSOR_OK; }

mensor_resource_type_desc Resource(const char* name) {
  mensor_resource_type_desc desc{};
  desc.struct_size = sizeof(desc);
  desc.name = name;
  desc.validate = Validate;
  desc.describe = Describe;
  return desc;
}

class RegistrarTest : public ::testing::Test {
 protected:
  RegistrarTest() {
    reg_.library = "lib";
    reg_.file = "/p/libmensor-plugin-lib.so";
  }
  const mensor_host_api* host_ = HostApi();
  mensor_registrar reg_;
};

TEST_F(RegistrarTest, StagesAValidDescriptor) {
  const auto desc = Resource("Thing");
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_OK);
  ASSERT_EQ(reg_.staged.resource_types.size(), 1u);
  EXPECT_EQ(reg_.staged.resource_types[0].library, "lib");
  EXPECT_TRUE(reg_.errors.empty());
}

TEST_F(RegistrarTest, NullArguments) {
  const auto desc = Resource("Thing");
  EXPECT_EQ(host_->register_resource_type(nullptr, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_->register_sink(&reg_, nullptr), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors, std::vector<std::string>{"sink: NULL descriptor"});
}

TEST_F(RegistrarTest, ClosedRegistrarRefuses) {
  reg_.open = false;
  const auto desc = Resource("Thing");
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_TRUE(reg_.staged.resource_types.empty());
}

TEST_F(RegistrarTest, SmallerStructIsZeroFilled) {
  // Bytes beyond struct_size are garbage in the plugin; the host must not read them.
  mensor_sink_desc desc;
  std::memset(&desc, 0xAB, sizeof(desc));
  desc.struct_size = offsetof(mensor_sink_desc, start);
  desc.name = "s";
  desc.description = nullptr;
  desc.config = nullptr;
  desc.flags = 0;
  desc.create = Create;
  desc.destroy = Destroy;
  // write lies beyond struct_size, so it counts as NULL: a required slot.
  EXPECT_EQ(host_->register_sink(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(), "sink 's': required callback write is NULL");

  desc.struct_size = offsetof(mensor_sink_desc, stop);
  desc.start = nullptr;
  desc.write = Write;
  EXPECT_EQ(host_->register_sink(&reg_, &desc), MENSOR_OK);
  ASSERT_EQ(reg_.staged.sinks.size(), 1u);
  EXPECT_EQ(reg_.staged.sinks[0].desc.stop, nullptr);
  EXPECT_EQ(reg_.staged.sinks[0].desc.struct_size, sizeof(mensor_sink_desc));
}

TEST_F(RegistrarTest, SizeLimits) {
  auto desc = Resource("Thing");
  desc.struct_size = 4;
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(),
            "resource type descriptor struct_size 4 is smaller than the minimum " +
                std::to_string(offsetof(mensor_resource_type_desc, name) + sizeof(void*)));
}

TEST_F(RegistrarTest, NameAndCallbacksRequired) {
  auto desc = Resource(nullptr);
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(), "resource type descriptor without a name");
  desc = Resource("Thing");
  desc.validate = nullptr;
  desc.describe = nullptr;
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(),
            "resource type 'Thing': required callbacks validate, describe are NULL");
  mensor_auth_mode_desc auth{};
  auth.struct_size = sizeof(auth);
  auth.name = "A";
  auth.create = Create;
  auth.destroy = Destroy;
  EXPECT_EQ(host_->register_auth_mode(&reg_, &auth), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(), "auth mode 'A': required callback get_token is NULL");
}

TEST_F(RegistrarTest, SchemaIsChecked) {
  static const mensor_config_key kBadType[] = {{"k", 99, 0, nullptr, nullptr, nullptr}};
  mensor_config_schema schema{sizeof(mensor_config_schema), sizeof(mensor_config_key), 1, kBadType};
  auto desc = Resource("Thing");
  desc.config = &schema;
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(), "resource type 'Thing': config key 'k' has unknown type 99");

  static const mensor_config_key kNoName[] = {{nullptr, 0, 0, nullptr, nullptr, nullptr}};
  schema.keys = kNoName;
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_EQ(reg_.errors.back(), "resource type 'Thing': config key #0 has no name");

  schema.key_size = sizeof(mensor_config_key) + 8;
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_INVALID_ARGUMENT);
  EXPECT_NE(reg_.errors.back().find("config key struct_size"), std::string::npos);
  EXPECT_TRUE(reg_.staged.resource_types.empty());
}

TEST_F(RegistrarTest, DuplicatesWithinALibraryIgnoreCase) {
  const auto first = Resource("Thing");
  const auto second = Resource("THING");
  EXPECT_EQ(host_->register_resource_type(&reg_, &first), MENSOR_OK);
  EXPECT_EQ(host_->register_resource_type(&reg_, &second), MENSOR_E_CONFIG);
  EXPECT_EQ(reg_.errors.back(), "resource type 'THING' is registered twice by 'lib'");
}

TEST_F(RegistrarTest, DuplicatesAcrossLibrariesNameBoth) {
  reg_.find_owner = [](PluginKind kind, std::string_view name) -> std::optional<std::string> {
    if (kind == PluginKind::kResourceType && name == "Thing") return "'other' (/q/other.so)";
    return std::nullopt;
  };
  const auto desc = Resource("Thing");
  EXPECT_EQ(host_->register_resource_type(&reg_, &desc), MENSOR_E_CONFIG);
  EXPECT_EQ(reg_.errors.back(),
            "resource type 'Thing' of 'lib' (/p/libmensor-plugin-lib.so) is already provided by "
            "'other' (/q/other.so)");
  const auto sink_named_thing = Resource("Other");
  EXPECT_EQ(host_->register_resource_type(&reg_, &sink_named_thing), MENSOR_OK);
}

}  // namespace
}  // namespace mensor::plugin
