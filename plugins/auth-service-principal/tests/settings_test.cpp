#include "settings.hpp"

#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace mensor::service_principal {
namespace {

EnvLookup MakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

RawSettings Minimal() {
  RawSettings raw;
  raw.identity_id = "client-1";
  raw.tenant_id = "tenant-1";
  return raw;
}

std::string ConfigErrorOf(const RawSettings& raw, const EnvLookup& env) {
  try {
    ResolveSettings(raw, env);
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.code(), MENSOR_E_CONFIG);
    return error.what();
  }
  ADD_FAILURE() << "no ConfigError";
  return {};
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mensor-sp-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::ofstream(std::filesystem::path(path_) / name) << content;
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(ResolveSettings, SecretFromPromitorEnvironment) {
  Settings settings = ResolveSettings(
      Minimal(), MakeEnv({{"PROMITOR_AUTH_APPKEY", " s3cret\n"}, {"AUTH_APPKEY", "other"}}));
  EXPECT_EQ(settings.client_id, "client-1");
  EXPECT_EQ(settings.tenant_id, "tenant-1");
  EXPECT_EQ(settings.authority_host, "https://login.microsoftonline.com");
  EXPECT_EQ(CurrentSecret(settings), "s3cret");
}

TEST(ResolveSettings, SecretFromLegacyEnvironment) {
  Settings settings = ResolveSettings(Minimal(), MakeEnv({{"AUTH_APPKEY", "legacy"}}));
  EXPECT_EQ(CurrentSecret(settings), "legacy");
}

TEST(ResolveSettings, IdentityFromEnvironmentWhenNotConfigured) {
  RawSettings raw = Minimal();
  raw.identity_id.reset();
  Settings settings =
      ResolveSettings(raw, MakeEnv({{"PROMITOR_AUTH_APPID", "env-app"}, {"AUTH_APPKEY", "k"}}));
  EXPECT_EQ(settings.client_id, "env-app");
  settings = ResolveSettings(raw, MakeEnv({{"AUTH_APPID", "old-app"}, {"AUTH_APPKEY", "k"}}));
  EXPECT_EQ(settings.client_id, "old-app");
}

TEST(ResolveSettings, MissingIdentity) {
  RawSettings raw = Minimal();
  raw.identity_id = "";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).find("No identity was configured"),
            std::string::npos);
}

TEST(ResolveSettings, MissingTenant) {
  RawSettings raw = Minimal();
  raw.tenant_id.reset();
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).find("tenantId"),
            std::string::npos);
}

TEST(ResolveSettings, MissingSecretNamesTheVariable) {
  std::string message = ConfigErrorOf(Minimal(), MakeEnv({}));
  EXPECT_NE(message.find("No identity secret was configured"), std::string::npos);
  EXPECT_NE(message.find("PROMITOR_AUTH_APPKEY"), std::string::npos);
}

TEST(ResolveSettings, AuthorityHostTrimmedAndValidated) {
  RawSettings raw = Minimal();
  raw.authority_host = "http://127.0.0.1:8443/";
  EXPECT_EQ(ResolveSettings(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).authority_host,
            "http://127.0.0.1:8443");
  raw.authority_host = "login.microsoftonline.com";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).find("authorityHost"),
            std::string::npos);
}

TEST(ResolveSettings, SecretFileWinsAndIsReReadEachTime) {
  TempDir dir;
  dir.Write("appkey", "file-secret\n");
  RawSettings raw = Minimal();
  raw.secret_file_path = dir.path();
  raw.secret_file_name = "appkey";
  Settings settings = ResolveSettings(raw, MakeEnv({{"PROMITOR_AUTH_APPKEY", "env-secret"}}));
  EXPECT_EQ(CurrentSecret(settings), "file-secret");
  dir.Write("appkey", "rotated");
  EXPECT_EQ(CurrentSecret(settings), "rotated");
}

TEST(ResolveSettings, SecretFileMustExist) {
  TempDir dir;
  RawSettings raw = Minimal();
  raw.secret_file_path = dir.path();
  raw.secret_file_name = "absent";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({})).find("does not exist"), std::string::npos);
}

TEST(ResolveSettings, SecretFileMustNotBeEmpty) {
  TempDir dir;
  dir.Write("appkey", " \n");
  RawSettings raw = Minimal();
  raw.secret_file_path = dir.path();
  raw.secret_file_name = "appkey";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({})).find("is empty"), std::string::npos);
}

TEST(ResolveSettings, SecretFileKeysComeInPairs) {
  RawSettings raw = Minimal();
  raw.secret_file_path = "/tmp";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).find("only secretFilePath"),
            std::string::npos);
  raw = Minimal();
  raw.secret_file_name = "x";
  EXPECT_NE(ConfigErrorOf(raw, MakeEnv({{"AUTH_APPKEY", "k"}})).find("only secretFileName"),
            std::string::npos);
}

TEST(Trim, BothEnds) {
  EXPECT_EQ(Trim("  a b\r\n"), "a b");
  EXPECT_EQ(Trim(" \t\n"), "");
  EXPECT_EQ(Trim(""), "");
}

}  // namespace
}  // namespace mensor::service_principal
