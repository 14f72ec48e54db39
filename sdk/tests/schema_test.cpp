#include <mensor/sdk/schema.hpp>

#include <gtest/gtest.h>

#include <cstring>

namespace {

using mensor::sdk::Key;
using mensor::sdk::Schema;

TEST(SchemaTest, BuildsTheCView) {
  Schema schema{Key::String("name").Required().Describe("the name"), Key::Int("count").Default("3"),
                Key::String("secret").Secret().Deprecated()};
  const mensor_config_schema* c = schema.c_schema();
  EXPECT_EQ(c->struct_size, sizeof(mensor_config_schema));
  EXPECT_EQ(c->key_size, sizeof(mensor_config_key));
  ASSERT_EQ(c->key_count, 3u);
  EXPECT_STREQ(c->keys[0].name, "name");
  EXPECT_EQ(c->keys[0].type, MENSOR_CFG_STRING);
  EXPECT_EQ(c->keys[0].flags, MENSOR_CFG_REQUIRED);
  EXPECT_STREQ(c->keys[0].description, "the name");
  EXPECT_EQ(c->keys[0].default_value, nullptr);
  EXPECT_EQ(c->keys[1].type, MENSOR_CFG_INT);
  EXPECT_STREQ(c->keys[1].default_value, "3");
  EXPECT_EQ(c->keys[2].flags, MENSOR_CFG_SECRET | MENSOR_CFG_DEPRECATED);
}

TEST(SchemaTest, NestedSchemasSurviveTemporariesAndCopies) {
  Schema outer{Key::Object("auth", Schema{Key::String("id"), Key::Bool("on")}),
               Key::ObjectList("items", Schema{Key::Duration("every")})};
  Schema copy = outer;
  for (const Schema* s : {&outer, &copy}) {
    const mensor_config_schema* c = s->c_schema();
    ASSERT_EQ(c->key_count, 2u);
    EXPECT_EQ(c->keys[0].type, MENSOR_CFG_OBJECT);
    ASSERT_NE(c->keys[0].children, nullptr);
    EXPECT_EQ(c->keys[0].children->key_count, 2u);
    EXPECT_STREQ(c->keys[0].children->keys[1].name, "on");
    EXPECT_EQ(c->keys[1].type, MENSOR_CFG_OBJECT_LIST);
    EXPECT_EQ(c->keys[1].children->keys[0].type, MENSOR_CFG_DURATION);
  }
  EXPECT_NE(copy.c_schema()->keys, outer.c_schema()->keys);
}

TEST(SchemaTest, EmptySchemaHasNoKeys) {
  Schema empty{};
  EXPECT_EQ(empty.c_schema()->key_count, 0u);
  EXPECT_EQ(Key::StringList("l").type(), MENSOR_CFG_STRING_LIST);
  EXPECT_EQ(Key::Double("d").type(), MENSOR_CFG_DOUBLE);
}

}  // namespace
