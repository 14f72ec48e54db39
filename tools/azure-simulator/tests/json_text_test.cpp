#include "json_text.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

namespace mensor::sim {
namespace {

TEST(JsonTextTest, NestsContainersWithCommasWhereJsonNeedsThem) {
  std::string out;
  JsonText json(out);
  json.BeginObject().Key("a").BeginArray().Integer(1).Integer(2).BeginObject().EndObject();
  json.BeginArray().EndArray().EndArray().Field("b", "x").Key("c").Raw("[true]").EndObject();
  EXPECT_EQ(out, R"({"a":[1,2,{},[]],"b":"x","c":[true]})");
  EXPECT_EQ(nlohmann::json::parse(out)["c"][0], true);
}

TEST(JsonTextTest, EscapesWhatJsonStringsCannotHoldAndKeepsUtf8) {
  std::string out;
  JsonText(out).String(std::string("q\"b\\n\nr\rt\tc\x01\x1f\x7f é"));
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001\\u001f\x7f é\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(),
            std::string("q\"b\\n\nr\rt\tc\x01\x1f\x7f é"));
}

TEST(JsonTextTest, NumbersRoundTripAndIntegralOnesKeepAFractionAsArmWritesThem) {
  std::string out;
  JsonText json(out);
  json.BeginArray().Number(7).Number(0.25).Number(-3).Number(1e21).Number(0.1 + 0.2);
  json.Number(std::numeric_limits<double>::quiet_NaN());
  json.Number(std::numeric_limits<double>::infinity()).EndArray();
  EXPECT_EQ(out, "[7.0,0.25,-3.0,1e+21,0.30000000000000004,null,null]");
  const auto parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed[4].get<double>(), 0.1 + 0.2);
}

}  // namespace
}  // namespace mensor::sim
