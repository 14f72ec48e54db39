#include <mensor/sdk/azure/url.hpp>

#include <gtest/gtest.h>

namespace mensor::sdk::azure {
namespace {

TEST(AzurePercentEncode, EncodesReservedCharacters) {
  EXPECT_EQ(PercentEncode("https://management.azure.com/"),
            "https%3A%2F%2Fmanagement.azure.com%2F");
  EXPECT_EQ(PercentEncode("a b+c~d_e-f.g"), "a%20b%2Bc~d_e-f.g");
}

TEST(AzurePercentEncode, EncodesEverythingButUnreserved) {
  EXPECT_EQ(PercentEncode("https://management.azure.com/.default"),
            "https%3A%2F%2Fmanagement.azure.com%2F.default");
  EXPECT_EQ(PercentEncode("a+b c&d=e~"), "a%2Bb%20c%26d%3De~");
  EXPECT_EQ(PercentEncode("\xC3\xA9"), "%C3%A9");  // UTF-8 bytes, upper-case hex
}

TEST(AzureFormEncode, JoinsEncodedPairs) {
  EXPECT_EQ(FormEncode({{"grant_type", "client_credentials"},
                        {"scope", "https://management.azure.com/.default"},
                        {"a b", "c&d"}}),
            "grant_type=client_credentials&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"
            "&a%20b=c%26d");
  EXPECT_EQ(FormEncode({}), "");
}

}  // namespace
}  // namespace mensor::sdk::azure
