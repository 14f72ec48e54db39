// Loads tests/loader/fixtures (built next to this test) and checks the verdict on every file.

#include <gtest/gtest.h>

#include <boost/dll/shared_library.hpp>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/detail/config.hpp>
#include <mensor/plugin/detail/results.hpp>
#include <mensor/plugin/host_api.hpp>
#include <mensor/plugin/plugin_loader.hpp>
#include <mensor/plugin/plugin_registry.hpp>

#include "fake_backend.hpp"

namespace mensor::plugin {
namespace {

namespace fs = std::filesystem;
using testing::S;
using testing::ToString;

const fs::path kDir = MENSOR_LOADER_FIXTURE_DIR;

fs::path FileOf(const std::string& name) { return kDir / ("libmensor-plugin-" + name + ".so"); }

class LoaderFixtures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new PluginRegistry(HostApi());
    registry_->AddAll(PluginLoader::Scan({kDir}));
    registry_->RegisterAll();
  }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }

  // The entry of the file libmensor-plugin-<name>.so.
  static PluginEntry Entry(const std::string& name) {
    for (auto& entry : registry_->Entries()) {
      if (entry.file == FileOf(name)) return entry;
    }
    ADD_FAILURE() << "no entry for " << name;
    return {};
  }
  static void ExpectRefused(const std::string& name, const std::string& reason) {
    const auto entry = Entry(name);
    EXPECT_EQ(entry.state, PluginState::kRefused) << name;
    EXPECT_EQ(entry.reason, reason) << name;
    EXPECT_TRUE(entry.provides.empty()) << name;
  }

  static PluginRegistry* registry_;
};
PluginRegistry* LoaderFixtures::registry_ = nullptr;

TEST_F(LoaderFixtures, ConsidersOnlyFilesNamedLikePlugins) {
  const auto entries = registry_->Entries();
  EXPECT_EQ(entries.size(), 15u);
  for (const auto& entry : entries) {
    EXPECT_TRUE(PluginLoader::PluginNameFromFile(entry.file.filename().string())) << entry.file;
  }
}

TEST_F(LoaderFixtures, MissingEntryPoints) {
  ExpectRefused("no-info", "missing entry point mensor_plugin_info_v1");
  EXPECT_EQ(Entry("no-info").name, "no-info");  // from the file name: there is no info
  ExpectRefused("no-register", "missing entry point mensor_plugin_register_v1");
  EXPECT_EQ(Entry("no-register").abi_version, MENSOR_ABI_VERSION);
  EXPECT_EQ(Entry("no-register").version, "0.0.1");
}

TEST_F(LoaderFixtures, VersionRule) {
  // Relative to the host's version, so an ABI append does not rewrite this test.
  const std::string host =
      std::to_string(MENSOR_ABI_VERSION_MAJOR) + "." + std::to_string(MENSOR_ABI_VERSION_MINOR);
  const std::string newer =
      std::to_string(MENSOR_ABI_VERSION_MAJOR) + "." + std::to_string(MENSOR_ABI_VERSION_MINOR + 1);
  ExpectRefused("newer-minor", "ABI " + newer + " is newer than this host's " + host);
  ExpectRefused("other-major", "ABI 2.0 is newer than this host's " + host);
  ExpectRefused("older-major",
                "ABI 0.9 is older than this host's " + host + " (major versions differ)");
  EXPECT_EQ(Entry("other-major").abi_version, MENSOR_ABI_MAKE_VERSION(2, 0));
}

TEST_F(LoaderFixtures, InfoWithoutName) { ExpectRefused("no-name", "plugin info has no name"); }

TEST_F(LoaderFixtures, NotALibrary) {
  const auto entry = Entry("garbage");
  EXPECT_EQ(entry.state, PluginState::kRefused);
  EXPECT_EQ(entry.name, "garbage");
  const std::string prefix = "not a loadable library: ";
  EXPECT_EQ(entry.reason.substr(0, prefix.size()), prefix);
  EXPECT_GT(entry.reason.size(), prefix.size());
}

TEST_F(LoaderFixtures, RegisterFailureCarriesThePluginMessage) {
  ExpectRefused("register-fails", "register failed: fixture refuses to register");
}

TEST_F(LoaderFixtures, NullRequiredCallbackRefusesTheWholeLibrary) {
  ExpectRefused("null-callback",
                "resource type 'NullCallbackType': required callback describe is NULL");
  EXPECT_FALSE(registry_->FindSink("halfwaySink"));  // registered before the failure
  EXPECT_FALSE(registry_->FindResourceType("NullCallbackType"));
}

TEST_F(LoaderFixtures, OlderDescriptorLoadsWithMissingSlotsNull) {
  const auto entry = Entry("old-struct");
  EXPECT_EQ(entry.state, PluginState::kRegistered);
  const auto sink = registry_->FindSink("oldSink");
  ASSERT_TRUE(sink);
  EXPECT_EQ(sink->library, "old-struct");
  EXPECT_EQ(sink->desc.struct_size, sizeof(mensor_sink_desc));
  EXPECT_NE(sink->desc.write, nullptr);
  EXPECT_NE(sink->desc.start, nullptr);
  EXPECT_EQ(sink->desc.stop, nullptr);  // beyond the plugin's struct_size, though set there
}

TEST_F(LoaderFixtures, LargerDescriptorIsRefused) {
  ExpectRefused("large-struct",
                "auth mode descriptor struct_size " +
                    std::to_string(sizeof(mensor_auth_mode_desc) + 2 * sizeof(void*)) +
                    " is larger than this host's " + std::to_string(sizeof(mensor_auth_mode_desc)) +
                    " (plugin built against a newer ABI)");
  EXPECT_FALSE(registry_->FindAuthMode("LargeAuth"));
}

TEST_F(LoaderFixtures, DuplicateTypeNamesBothLibraries) {
  EXPECT_EQ(Entry("dup-a").state, PluginState::kRegistered);
  ExpectRefused("dup-b", "resource type 'DuplicateType' of 'dup-b' (" + FileOf("dup-b").string() +
                             ") is already provided by 'dup-a' (" + FileOf("dup-a").string() + ")");
  EXPECT_EQ(registry_->OwnerOf(PluginKind::kResourceType, "DuplicateType"), "dup-a");
  EXPECT_TRUE(registry_->FindSink("dupASink"));
  EXPECT_FALSE(registry_->FindSink("dupBSink"));
}

TEST_F(LoaderFixtures, DuplicatePluginNameFirstFileWins) {
  ExpectRefused("goodtwin", "duplicate plugin 'good': " + FileOf("good").string() + " is used, " +
                                FileOf("goodtwin").string() + " is ignored");
}

TEST_F(LoaderFixtures, GoodPluginProvidesOneOfEachKind) {
  const auto entry = Entry("good");
  EXPECT_EQ(entry.state, PluginState::kRegistered);
  EXPECT_EQ(entry.name, "good");
  EXPECT_EQ(entry.version, "0.0.1");
  EXPECT_EQ(entry.description, "loader fixture");
  EXPECT_TRUE(entry.reason.empty());
  ASSERT_EQ(entry.provides.size(), 3u);
  EXPECT_EQ(entry.provides[0].kind, PluginKind::kResourceType);
  EXPECT_EQ(entry.provides[0].name, "FixtureResource");
  EXPECT_EQ(entry.provides[1].kind, PluginKind::kAuthMode);
  EXPECT_EQ(entry.provides[1].name, "FixtureAuth");
  EXPECT_EQ(entry.provides[2].kind, PluginKind::kSink);
  EXPECT_EQ(entry.provides[2].name, "fixtureSink");
  EXPECT_EQ(registry_->FindSink("fixtureSink")->desc.flags, MENSOR_FLAG_CONCURRENT);
}

TEST_F(LoaderFixtures, AvailableNamesAndCaseInsensitiveLookup) {
  EXPECT_EQ(registry_->AvailableNames(PluginKind::kResourceType),
            (std::vector<std::string>{"DuplicateType", "FixtureResource"}));
  EXPECT_EQ(registry_->AvailableNames(PluginKind::kAuthMode),
            (std::vector<std::string>{"FixtureAuth"}));
  EXPECT_EQ(registry_->AvailableNames(PluginKind::kSink),
            (std::vector<std::string>{"dupASink", "fixtureSink", "oldSink"}));
  const auto found = registry_->FindResourceType("fixtureresource");
  ASSERT_TRUE(found);
  EXPECT_STREQ(found->desc.name, "FixtureResource");
  EXPECT_EQ(found->library, "good");
  EXPECT_FALSE(registry_->FindResourceType("Nope"));
}

TEST_F(LoaderFixtures, RegisterProvidingReportsWhatIsMissing) {
  const auto missing = registry_->RegisterProviding(
      {{PluginKind::kSink, "fixtureSink"}, {PluginKind::kSink, "statsd"}});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].name, "statsd");
}

TEST_F(LoaderFixtures, DescribeRunsThroughTheHostTable) {
  const auto type = registry_->FindResourceType("FixtureResource");
  ASSERT_TRUE(type);
  mensor_config resource(YAML::Load("entityName: orders"), "metrics.yaml", false,
                         type->desc.config);
  mensor_metric_info metric{};
  metric.struct_size = sizeof(metric);
  mensor_call call;
  mensor_target target;
  target.dimensions = {"Configured"};
  ASSERT_EQ(type->desc.describe(&resource, &metric, &call, &target), MENSOR_OK);
  EXPECT_EQ(target.provider_path, "Microsoft.Fixture/things");
  EXPECT_EQ(target.instance_name, "orders");
  ASSERT_EQ(target.labels.size(), 1u);
  EXPECT_EQ(target.labels[0], std::make_pair(std::string("kind"), std::string("queue")));
  EXPECT_EQ(target.dimensions, std::vector<std::string>{"EntityName"});
}

TEST_F(LoaderFixtures, ValidateReportsThroughTheCall) {
  const auto type = registry_->FindResourceType("FixtureResource");
  ASSERT_TRUE(type);
  mensor_config resource(YAML::Load("other: 1"), "metrics.yaml", false, type->desc.config);
  mensor_call call;
  std::vector<std::string> reports;
  call.report = [&](int severity, const char* key, std::string message) {
    reports.push_back(std::to_string(severity) + " " + (key ? key : "-") + " " + message);
  };
  EXPECT_EQ(type->desc.validate(&resource, nullptr, &call), MENSOR_E_CONFIG);
  EXPECT_EQ(call.error_status, MENSOR_E_CONFIG);
  EXPECT_EQ(call.error_message, "entityName is missing");
  EXPECT_EQ(reports, std::vector<std::string>{"2 entityName is required"});
}

TEST_F(LoaderFixtures, AuthModeWritesItsToken) {
  const auto auth = registry_->FindAuthMode("FixtureAuth");
  ASSERT_TRUE(auth);
  mensor_host_ctx ctx{"good", "default", nullptr};
  mensor_config config;
  mensor_call call;
  void* instance = nullptr;
  ASSERT_EQ(auth->desc.create(&ctx, &config, &call, &instance), MENSOR_OK);
  mensor_token_out token;
  EXPECT_EQ(
      auth->desc.get_token(instance, &call, S("https://management.azure.com/.default"), &token),
      MENSOR_OK);
  EXPECT_TRUE(token.is_set);
  EXPECT_EQ(token.token, "fixture-token");
  EXPECT_EQ(token.expires_unix_ns, 42);
  auth->desc.destroy(instance);
}

TEST_F(LoaderFixtures, UnloadHooksRunOnce) {
  boost::dll::shared_library good(FileOf("good").string(), boost::dll::load_mode::rtld_local);
  auto& count = good.get<int()>("fixture_unload_count");
  const int before = count();
  registry_->UnloadAll();
  registry_->UnloadAll();
  EXPECT_EQ(count(), before + 1);
}

TEST(LoaderRescan, ASecondRegistryLoadsTheSameLibrariesAgain) {
  PluginRegistry registry(HostApi());
  registry.AddAll(PluginLoader::Scan({kDir}));
  EXPECT_EQ(registry.Entries().size(), 15u);
  registry.RegisterAll();
  EXPECT_TRUE(registry.FindResourceType("FixtureResource"));
}

}  // namespace
}  // namespace mensor::plugin
