// HTTP routes of search and queues (S4): /api/v1/search, /api/v1/query/*, queues.
#include "tickets/api/search_routes.h"

#include "http/json.h"

#include <boost/json.hpp>

namespace steward::tickets {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

namespace {

// limit and cursor from the query string.
Result<std::pair<int, std::string>> Paging(const Request& req) {
  STEWARD_ASSIGN_OR_RETURN(
      int limit,
      http::IntQueryParam(req, "limit", 50, 1, SearchService::kMaxLimit, "search.badLimit"));
  return std::make_pair(limit, req.QueryParam("cursor").value_or(""));
}

}  // namespace

void RegisterSearchRoutes(http::Router& r, SearchService& s) {
  r.Add(Method::kGet, "/api/v1/search", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto paging, Paging(req));
          SearchRequest sr;
          sr.jql = req.QueryParam("jql").value_or("");
          sr.limit = paging.first;
          sr.cursor = paging.second;
          if (auto fields = req.QueryParam("fields")) {
            std::string_view rest = *fields;
            while (!rest.empty()) {
              size_t comma = rest.find(',');
              std::string_view f = rest.substr(0, comma);
              if (!f.empty()) {
                sr.fields.emplace_back(f);
              }
              rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            }
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Search(*req.principal, sr));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/search", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto sr, SearchService::ParseSearchRequest(body));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Search(*req.principal, sr));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/query/validate", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          http::JsonReader in(body);
          STEWARD_TRY(in.AllowOnly({"jql"}));
          STEWARD_ASSIGN_OR_RETURN(auto jql, in.OptionalString("jql", query::kMaxQueryBytes));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Validate(*req.principal, jql.value_or("")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/query/explain", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          http::JsonReader in(body);
          STEWARD_TRY(in.AllowOnly({"jql"}));
          STEWARD_ASSIGN_OR_RETURN(auto jql, in.RequiredString("jql", query::kMaxQueryBytes));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Explain(*req.principal, jql));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/query/fields", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Fields(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/projects/{key}/queues", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListQueues(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/projects/{key}/queues", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.CreateQueue(*req.principal, req.PathParam("key"), body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/queues/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "queue"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetQueue(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPatch, "/api/v1/queues/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "queue"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.UpdateQueue(*req.principal, id, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/queues/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "queue"));
          STEWARD_TRY(s.DeleteQueue(*req.principal, id));
          return http::NoContentResponse();
        });
  r.Add(Method::kGet, "/api/v1/queues/{id}/issues", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "queue"));
          STEWARD_ASSIGN_OR_RETURN(auto paging, Paging(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.QueueIssues(*req.principal, id, paging.first, paging.second));
          return JsonResponse(200, out);
        });
  auto star = [&s](bool on) {
    return [&s, on](Request& req) -> Result<Response> {
      STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "queue"));
      STEWARD_TRY(s.StarQueue(*req.principal, id, on));
      return http::NoContentResponse();
    };
  };
  r.Add(Method::kPut, "/api/v1/queues/{id}/star", Access::kAuthenticated, star(true));
  r.Add(Method::kDelete, "/api/v1/queues/{id}/star", Access::kAuthenticated, star(false));
}

}  // namespace steward::tickets
