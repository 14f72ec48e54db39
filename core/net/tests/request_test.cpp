#include "mensor/net/request.hpp"

#include <gtest/gtest.h>

#include "mensor/net/http_client.hpp"
#include "mensor/net/response.hpp"

namespace mensor::net {
namespace {

TEST(Request, HeaderLookupIsCaseInsensitive) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Id", "1"}, {"x-id", "2"}};
  ASSERT_TRUE(request.Header("content-type").has_value());
  EXPECT_EQ(*request.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(*request.Header("x-ID"), "1");  // first wins
  EXPECT_FALSE(request.Header("Accept").has_value());
}

TEST(Request, QueryParamDecodes) {
  Request request;
  request.query = "includeDependencies=false&name=a%2Fb+c&flag";
  EXPECT_EQ(request.QueryParam("includeDependencies"), "false");
  EXPECT_EQ(request.QueryParam("name"), "a/b c");
  EXPECT_EQ(request.QueryParam("missing"), "");
  EXPECT_TRUE(request.HasQueryParam("flag"));
  EXPECT_FALSE(request.HasQueryParam("missing"));
}

TEST(Response, SetHelpers) {
  Response response;
  EXPECT_EQ(response.BodySize(), 0u);
  response.SetText(201, "hello");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(*response.body, "hello");
  auto shared = std::make_shared<const std::string>("shared");
  response.SetBody(shared);
  EXPECT_EQ(response.body.get(), shared.get());  // no copy
}

TEST(ClientResponse, HeaderLookupIsCaseInsensitive) {
  ClientResponse response;
  response.headers = {{"x-ms-ratelimit-remaining-subscription-reads", "11999"}};
  EXPECT_EQ(*response.Header("X-MS-RateLimit-Remaining-Subscription-Reads"), "11999");
}

}  // namespace
}  // namespace mensor::net
