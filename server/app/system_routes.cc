#include "app/application.h"
#include "base/metrics.h"
#include "http/json.h"

#include <boost/json.hpp>

namespace steward::app {
using http::Access;
using http::Method;
using http::Request;
using http::Response;

void RegisterSystemRoutes(http::Router& r, storage::Database& db) {
  r.Add(Method::kGet, "/healthz", Access::kPublic, [](Request&) -> Result<Response> {
    return http::JsonResponse(200, boost::json::object{{"status", "ok"}});
  });
  r.Add(Method::kGet, "/readyz", Access::kPublic, [&db](Request&) -> Result<Response> {
    Status s = db.Ping();
    if (!s.ok()) {
      return Error::Unavailable("app.notReady", "the database is not reachable", s.error().detail);
    }
    auto stats = db.Stats();
    return http::JsonResponse(200, boost::json::object{{"status", "ready"},
                                                       {"database", "sqlite"},
                                                       {"writeTransactions", stats.transactions},
                                                       {"commits", stats.commits}});
  });
  r.Add(Method::kGet, "/metrics", Access::kPublic, [](Request&) -> Result<Response> {
    Response resp;
    resp.content_type = "text/plain; version=0.0.4";
    resp.body = MetricsRegistry::Global().Render();
    return resp;
  });
  r.Add(Method::kGet, "/api/v1/openapi.json", Access::kPublic, [](Request&) -> Result<Response> {
    Response resp;
    resp.body = kOpenApiJson;
    return resp;
  });
}

}  // namespace steward::app
