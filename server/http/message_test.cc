#include "http/message.h"

#include <gtest/gtest.h>

namespace steward::http {
namespace {

TEST(Message, DecodesQueryParameters) {
  Request r;
  r.query = "jql=project%20%3D%20ITO&limit=5&flag&q=a+b";
  EXPECT_EQ(r.QueryParam("jql"), "project = ITO");
  EXPECT_EQ(r.QueryParam("limit"), "5");
  EXPECT_EQ(r.QueryParam("flag"), "");
  EXPECT_EQ(r.QueryParam("q"), "a b");
  EXPECT_FALSE(r.QueryParam("missing").has_value());
}

TEST(Message, RejectsBadPercentEscapes) {
  EXPECT_FALSE(PercentDecode("%4", false).has_value());
  EXPECT_FALSE(PercentDecode("%zz", false).has_value());
  EXPECT_EQ(PercentDecode("%41%62", false), "Ab");
}

TEST(Message, ReadsCookies) {
  Request r;
  r.headers.emplace_back("cookie", "a=1; steward_session=xyz ;b=2");
  EXPECT_EQ(r.Cookie("steward_session"), "xyz");
  EXPECT_EQ(r.Cookie("c"), "");
}

}  // namespace
}  // namespace steward::http
