#include <gtest/gtest.h>

#include <mensor/plugin/plugin_loader.hpp>

namespace mensor::plugin {
namespace {

namespace fs = std::filesystem;

TEST(PluginNameFromFile, AcceptsOnlyThePluginPattern) {
  EXPECT_EQ(PluginLoader::PluginNameFromFile("libmensor-plugin-servicebus.so"), "servicebus");
  EXPECT_EQ(PluginLoader::PluginNameFromFile("libmensor-plugin-a.so"), "a");
  EXPECT_FALSE(PluginLoader::PluginNameFromFile("libmensor-plugin-.so"));
  EXPECT_FALSE(PluginLoader::PluginNameFromFile("libmensor-plugin-x.so.1"));
  EXPECT_FALSE(PluginLoader::PluginNameFromFile("mensor-plugin-x.so"));
  EXPECT_FALSE(PluginLoader::PluginNameFromFile("libmensor-other.so"));
  EXPECT_FALSE(PluginLoader::PluginNameFromFile("README.txt"));
}

TEST(SearchPath, ConfiguredThenEnvironmentThenDefault) {
  const auto path = PluginLoader::SearchPath({"/etc/mensor/plugins", "/opt/p/"},
                                             std::string("/env/a::/env/b:/opt/p"),
                                             fs::path("/usr/lib/mensor/plugins"));
  const std::vector<fs::path> expected = {
      "/etc/mensor/plugins", "/opt/p/", "/env/a", "/env/b", "/opt/p", "/usr/lib/mensor/plugins"};
  EXPECT_EQ(path, expected);
}

TEST(SearchPath, DropsDuplicatesKeepingTheFirstPosition) {
  const auto path =
      PluginLoader::SearchPath({"/a", "/b/../a", "/c"}, std::string("/c:/a"), fs::path("/a"));
  const std::vector<fs::path> expected = {"/a", "/c"};
  EXPECT_EQ(path, expected);
}

TEST(SearchPath, WorksWithoutEnvironmentOrDefault) {
  EXPECT_TRUE(PluginLoader::SearchPath({}, std::nullopt, std::nullopt).empty());
  EXPECT_EQ(PluginLoader::SearchPath({}, std::string(""), std::nullopt).size(), 0u);
}

TEST(SearchPath, DefaultIsBesideTheExecutable) {
  const auto dir = PluginLoader::DefaultDirectory();
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->filename(), "plugins");
  EXPECT_EQ(dir->parent_path().filename(), "mensor");
  // The test binary lives in build/bin, so the default is build/<libdir>/mensor/plugins.
  const fs::path build_dir =
      fs::path(MENSOR_LOADER_FIXTURE_DIR).parent_path().parent_path().parent_path();
  const std::string prefix = build_dir.string() + "/";
  EXPECT_EQ(dir->string().substr(0, prefix.size()), prefix);
}

TEST(CheckAbiVersion, AppliesTheLoadRule) {
  const uint32_t host = MENSOR_ABI_MAKE_VERSION(1, 3);
  EXPECT_FALSE(PluginLoader::CheckAbiVersion(MENSOR_ABI_MAKE_VERSION(1, 0), host));
  EXPECT_FALSE(PluginLoader::CheckAbiVersion(MENSOR_ABI_MAKE_VERSION(1, 3), host));
  EXPECT_EQ(PluginLoader::CheckAbiVersion(MENSOR_ABI_MAKE_VERSION(1, 4), host),
            "ABI 1.4 is newer than this host's 1.3");
  EXPECT_EQ(PluginLoader::CheckAbiVersion(MENSOR_ABI_MAKE_VERSION(2, 0), host),
            "ABI 2.0 is newer than this host's 1.3");
  EXPECT_EQ(PluginLoader::CheckAbiVersion(MENSOR_ABI_MAKE_VERSION(0, 7), host),
            "ABI 0.7 is older than this host's 1.3 (major versions differ)");
}

TEST(Scan, SkipsMissingDirectoriesAndNonPluginFiles) {
  const auto outcomes = PluginLoader::Scan({"/nonexistent/mensor/plugins"});
  EXPECT_TRUE(outcomes.empty());
}

}  // namespace
}  // namespace mensor::plugin
