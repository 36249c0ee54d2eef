#include "automation/api/automation_routes.h"

#include "http/json.h"

#include <boost/json.hpp>

namespace steward::automation {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

void RegisterAutomationRoutes(http::Router& r, AutomationService& s) {
  r.Add(Method::kGet, "/api/v1/automation/rules", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListRules(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/automation/rules", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateRule(*req.principal, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/automation/rules/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetRule(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPut, "/api/v1/automation/rules/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.UpdateRule(*req.principal, id, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/automation/rules/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_TRY(s.DeleteRule(*req.principal, id));
          return http::NoContentResponse();
        });
  r.Add(Method::kGet, "/api/v1/automation/rules/{id}/audit", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_ASSIGN_OR_RETURN(int limit, http::IntQueryParam(req, "limit", 50, 1, 500));
          std::optional<std::int64_t> before;
          if (auto b = req.QueryParam("before")) {
            STEWARD_ASSIGN_OR_RETURN(int v, http::IntQueryParam(req, "before", 0, 1, INT32_MAX));
            before = v;
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Audit(*req.principal, id, limit, before));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/automation/rules/{id}/run", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          json::object body;
          if (!req.body.empty()) {
            STEWARD_ASSIGN_OR_RETURN(body, http::ParseJsonObject(req));
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, s.RunRule(*req.principal, id, body));
          return JsonResponse(202, out);
        });
  r.Add(Method::kPost, "/api/v1/automation/rules/{id}/webhook", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.RegenerateWebhook(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/automation/components", Access::kAuthenticated,
        [&s](Request&) -> Result<Response> { return JsonResponse(200, s.Components()); });
  r.Add(Method::kPost, "/api/v1/automation/preview", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Preview(*req.principal, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/automation", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ManualRules(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/issues/{key}/automation/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "rule"));
          STEWARD_ASSIGN_OR_RETURN(
              auto out, s.RunRule(*req.principal, id,
                                  json::object{{"issue", std::string(req.PathParam("key"))}}));
          return JsonResponse(202, out);
        });
  // The secret in the path is the credential: no session, no CSRF (a tool calls it).
  r.Add(Method::kPost, "/api/v1/automation/webhooks/{token}", Access::kPublic,
        [&s](Request& req) -> Result<Response> {
          json::value body = json::object{};
          if (!req.body.empty()) {
            boost::system::error_code ec;
            body = json::parse(req.body, ec);
            if (ec) {
              return Error::InvalidArgument("http.badJson",
                                            "the body is not valid JSON: " + ec.message());
            }
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ReceiveWebhook(req.PathParam("token"), body));
          return JsonResponse(202, out);
        });
}

}  // namespace steward::automation
