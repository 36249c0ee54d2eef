#include "tickets/api/live_routes.h"

namespace steward::tickets {
using http::Access;
using http::Method;
using http::Request;
using http::Response;

void RegisterLiveRoutes(http::Router& router, LiveFeed& feed) {
  router.Add(Method::kGet, "/api/v1/stream", Access::kAuthenticated,
             [&feed](Request& req) -> Result<Response> {
               Response resp;
               resp.content_type = "text/event-stream";
               resp.stream = feed.Subscribe(*req.principal);
               return resp;
             });
}

}  // namespace steward::tickets
