#include "requests/api/request_routes.h"

#include "http/json.h"

#include <boost/json.hpp>

namespace steward::requests {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

namespace {

Result<std::string> ChoiceParam(const Request& req, std::string_view name,
                                std::initializer_list<std::string_view> choices) {
  auto v = req.QueryParam(name);
  if (!v) {
    return std::string(*choices.begin());
  }
  for (auto c : choices) {
    if (*v == c) {
      return *v;
    }
  }
  std::string list;
  for (auto c : choices) {
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  return Error::InvalidArgument("http.badParameter", std::string(name) + " is one of " + list,
                                std::string(name));
}

}  // namespace

void RegisterRequestRoutes(http::Router& r, RequestService& s) {
  r.Add(Method::kGet, "/api/v1/portals", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListPortals(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/portals/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "portal"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetPortal(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPut, "/api/v1/projects/{key}/portal", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.PutPortal(*req.principal, req.PathParam("key"), body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/portals/{id}/requesttypes", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "portal"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateRequestType(*req.principal, id, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/portals/{id}/requesttypes/{typeId}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "portal"));
          STEWARD_ASSIGN_OR_RETURN(auto type_id, http::PathId(req, "typeId", "request type"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetRequestType(*req.principal, id, type_id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/requests", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateRequest(*req.principal, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/requests", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          RequestListQuery q;
          STEWARD_ASSIGN_OR_RETURN(
              q.filter,
              ChoiceParam(req, "filter", {"all", "mine", "participated", "organization"}));
          STEWARD_ASSIGN_OR_RETURN(q.status, ChoiceParam(req, "status", {"open", "closed", "all"}));
          STEWARD_ASSIGN_OR_RETURN(q.start, http::IntQueryParam(req, "start", 0, 0, 1000000));
          STEWARD_ASSIGN_OR_RETURN(q.limit, http::IntQueryParam(req, "limit", 25, 0, 100));
          STEWARD_ASSIGN_OR_RETURN(int portal, http::IntQueryParam(req, "portalId", 0, 0, 1 << 30));
          q.portal_id = portal;
          q.text = req.QueryParam("q").value_or("");
          if (q.text.size() > 255) {
            return Error::InvalidArgument("http.badParameter", "q is at most 255 characters", "q");
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListRequests(*req.principal, q));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/requests/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetRequest(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
}

}  // namespace steward::requests
