#include <mensor/sdk/config.hpp>
#include <mensor/sdk/schema.hpp>
#include <mensor/testing/fake_host.hpp>

#include <gtest/gtest.h>

namespace {

using mensor::sdk::Config;
using mensor::sdk::ConfigError;
using mensor::sdk::Key;
using mensor::sdk::Schema;

class ConfigTest : public ::testing::Test {
 protected:
  Config Load(std::string_view yaml, const Schema* schema = nullptr) {
    return Config(host_.Config(yaml, schema ? schema->c_schema() : nullptr));
  }
  mensor::testing::FakeHost host_;
};

TEST_F(ConfigTest, TypedReads) {
  Config c = Load("name: ns\ncount: 42\nratio: 0.5\non: true\nlist: [a, b]\n");
  EXPECT_EQ(c.GetString("name"), "ns");
  EXPECT_EQ(c.RequireString("name"), "ns");
  EXPECT_EQ(c.GetInt("count"), 42);
  EXPECT_EQ(c.GetDouble("ratio"), 0.5);
  EXPECT_EQ(c.GetBool("on"), true);
  EXPECT_EQ(c.GetStringList("list"), (std::vector<std::string>{"a", "b"}));
}

TEST_F(ConfigTest, AbsentKeysAreEmpty) {
  Config c = Load("{}");
  EXPECT_EQ(c.GetString("x"), std::nullopt);
  EXPECT_EQ(c.GetInt("x"), std::nullopt);
  EXPECT_TRUE(c.GetStringList("x").empty());
  EXPECT_EQ(c.Child("x"), std::nullopt);
  EXPECT_TRUE(c.ObjectList("x").empty());
  EXPECT_EQ(Config(nullptr).GetString("x"), std::nullopt);
}

TEST_F(ConfigTest, RequireStringNamesTheKey) {
  Config c = Load("{}");
  try {
    c.RequireString("namespace");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.code(), MENSOR_E_CONFIG);
    EXPECT_NE(std::string(e.what()).find("'namespace'"), std::string::npos);
  }
}

TEST_F(ConfigTest, WrongTypeThrowsConfigErrorNamingTheKey) {
  Config c = Load("count: many\nmap: {a: 1}\n");
  EXPECT_THROW(c.GetInt("count"), ConfigError);
  try {
    c.GetString("map");
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'map'"), std::string::npos);
  }
}

TEST_F(ConfigTest, SchemaDefaultsApply) {
  static const Schema schema{Key::Int("port").Default("8080"), Key::String("path").Default("/m")};
  Config c = Load("path: /x", &schema);
  EXPECT_EQ(c.GetInt("port"), 8080);
  EXPECT_EQ(c.GetString("path"), "/x");
}

TEST_F(ConfigTest, ChildrenAndObjectLists) {
  static const Schema schema{Key::Object("auth", Schema{Key::String("mode").Default("Default")}),
                             Key::ObjectList("items", Schema{Key::Int("n").Default("7")})};
  Config c = Load("auth: {}\nitems:\n  - n: 1\n  - {}\n", &schema);
  auto auth = c.Child("auth");
  ASSERT_TRUE(auth.has_value());
  EXPECT_EQ(auth->GetString("mode"), "Default");
  auto items = c.ObjectList("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].GetInt("n"), 1);
  EXPECT_EQ(items[1].GetInt("n"), 7);
}

}  // namespace
