#include "http/router.h"

#include "http/json.h"

#include <gtest/gtest.h>

namespace steward::http {
namespace {

Request Make(Method m, std::string path, std::string body = "") {
  Request r;
  r.method = m;
  r.path = std::move(path);
  r.target = r.path;
  r.body = std::move(body);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : clock_(0), router_(clock_) {
    router_.SetAccessLog(false);
    router_.Add(Method::kGet, "/api/v1/issues/{key}", Access::kPublic,
                [](Request& req) -> Result<Response> {
                  Response r;
                  r.body = std::string(req.PathParam("key"));
                  return r;
                });
    router_.Add(Method::kPost, "/api/v1/issues", Access::kAuthenticated,
                [](Request& req) -> Result<Response> {
                  STEWARD_ASSIGN_OR_RETURN(auto obj, ParseJsonObject(req));
                  Response r;
                  r.status = 201;
                  r.body = std::to_string(obj.size());
                  return r;
                });
    router_.Add(Method::kGet, "/boom", Access::kPublic,
                [](Request&) -> Result<Response> { throw std::runtime_error("boom"); });
  }
  FakeClock clock_;
  Router router_;
};

TEST_F(RouterTest, MatchesPathParameters) {
  Request r = Make(Method::kGet, "/api/v1/issues/ITO-2052");
  Response resp = router_.Handle(r);
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "ITO-2052");
  EXPECT_FALSE(r.request_id.empty());
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405) {
  Request a = Make(Method::kGet, "/api/v1/nope");
  EXPECT_EQ(router_.Handle(a).status, 404);
  Request b = Make(Method::kDelete, "/api/v1/issues/X-1");
  Response resp = router_.Handle(b);
  EXPECT_EQ(resp.status, 405);
  EXPECT_NE(resp.body.find("\"code\":\"http.methodNotAllowed\""), std::string::npos);
}

TEST_F(RouterTest, AuthenticatedRoutesNeedAPrincipal) {
  Request r = Make(Method::kPost, "/api/v1/issues", "{}");
  Response resp = router_.Handle(r);
  EXPECT_EQ(resp.status, 401);
  router_.SetAuthenticator([](const Request&) -> Result<std::optional<Principal>> {
    Principal p;
    p.username = "alana";
    return std::optional<Principal>(p);
  });
  Request ok = Make(Method::kPost, "/api/v1/issues", R"({"a":1,"b":2})");
  EXPECT_EQ(router_.Handle(ok).status, 201);
}

TEST_F(RouterTest, MalformedJsonIs400WithTheErrorShape) {
  router_.SetAuthenticator([](const Request&) -> Result<std::optional<Principal>> {
    return std::optional<Principal>(Principal{});
  });
  for (const char* body : {"{", "[1,2]", "", "{\"a\":}", "nul"}) {
    Request r = Make(Method::kPost, "/api/v1/issues", body);
    Response resp = router_.Handle(r);
    EXPECT_EQ(resp.status, 400) << body;
    EXPECT_EQ(resp.body.rfind("{\"error\":{\"code\":", 0), 0u) << resp.body;
  }
}

TEST_F(RouterTest, ExceptionsBecome500WithoutLeakingDetail) {
  Request r = Make(Method::kGet, "/boom");
  Response resp = router_.Handle(r);
  EXPECT_EQ(resp.status, 500);
  EXPECT_EQ(resp.body.find("boom"), std::string::npos);
}

TEST_F(RouterTest, KeepsAValidClientRequestId) {
  Request r = Make(Method::kGet, "/api/v1/issues/A-1");
  r.headers.emplace_back("x-request-id", "abc-123");
  router_.Handle(r);
  EXPECT_EQ(r.request_id, "abc-123");
  Request bad = Make(Method::kGet, "/api/v1/issues/A-1");
  bad.headers.emplace_back("x-request-id", "<script>");
  router_.Handle(bad);
  EXPECT_NE(bad.request_id, "<script>");
}

}  // namespace
}  // namespace steward::http
