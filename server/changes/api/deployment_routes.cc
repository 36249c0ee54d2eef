#include "changes/api/deployment_routes.h"

#include "base/time_format.h"
#include "http/json.h"

#include <boost/json.hpp>

#include <charconv>

namespace steward::changes {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

namespace {

// The deployment a path names; a sequence number that is not a whole number names none.
Result<DeploymentKey> PathKey(const Request& req) {
  DeploymentKey k;
  k.pipeline_id = std::string(req.PathParam("pipelineId"));
  k.environment_id = std::string(req.PathParam("environmentId"));
  std::string_view seq = req.PathParam("sequence");
  auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), k.sequence);
  if (ec != std::errc() || end != seq.data() + seq.size() || k.sequence < 0) {
    return Error::NotFound("deployments.notFound", "no such deployment");
  }
  return k;
}

}  // namespace

void RegisterDeploymentRoutes(http::Router& r, DeploymentService& s) {
  r.Add(Method::kPost, "/rest/deployments/0.1/bulk", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.SubmitBulk(*req.principal, body));
          return JsonResponse(202, out);
        });
  r.Add(Method::kGet,
        "/rest/deployments/0.1/pipelines/{pipelineId}/environments/{environmentId}/deployments/"
        "{sequence}",
        Access::kAuthenticated, [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto key, PathKey(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Get(*req.principal, key));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete,
        "/rest/deployments/0.1/pipelines/{pipelineId}/environments/{environmentId}/deployments/"
        "{sequence}",
        Access::kAuthenticated, [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto key, PathKey(req));
          STEWARD_TRY(s.Delete(*req.principal, key));
          return http::NoContentResponse();
        });
  r.Add(Method::kDelete, "/rest/deployments/0.1/bulkByProperties", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          std::vector<std::pair<std::string, std::string>> props;
          std::string_view q = req.query;
          while (!q.empty()) {
            auto amp = q.find('&');
            std::string_view part = q.substr(0, amp);
            q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
            auto eq = part.find('=');
            std::string name(part.substr(0, eq));
            if (name.empty()) {
              continue;
            }
            auto value = req.QueryParam(name);
            props.emplace_back(name, value.value_or(""));
          }
          STEWARD_ASSIGN_OR_RETURN(auto n, s.DeleteByProperties(*req.principal, props));
          return JsonResponse(202, json::object{{"deleted", n}});
        });
  r.Add(Method::kGet, "/api/v1/deployments", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          DeploymentService::ListFilter f;
          f.service = req.QueryParam("service");
          f.environment_type = req.QueryParam("environmentType");
          f.issue = req.QueryParam("issue");
          STEWARD_ASSIGN_OR_RETURN(f.limit, http::IntQueryParam(req, "limit", 50, 1, 500));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.List(*req.principal, f));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet,
        "/rest/deployments/0.1/pipelines/{pipelineId}/environments/{environmentId}/deployments/"
        "{sequence}/gating-status",
        Access::kAuthenticated, [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto key, PathKey(req));
          std::string host(req.Header("host"));
          std::string base = host.empty() ? std::string() : "http://" + host;
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GatingStatus(*req.principal, key, base));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/deployments/stats", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(int days, http::IntQueryParam(req, "days", 90, 1, 366));
          std::string env = req.QueryParam("environmentType").value_or("production");
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Stats(*req.principal, days, env));
          return JsonResponse(200, out);
        });
}

void RegisterChangeRoutes(http::Router& r, ChangeService& s) {
  r.Add(Method::kGet, "/api/v1/changes/settings", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetSettings(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPut, "/api/v1/changes/settings", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.PutSettings(*req.principal, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/changes/calendar", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          ChangeService::CalendarQuery q;
          const char* names[2] = {"from", "to"};
          TimestampMs* at[2] = {&q.from, &q.to};
          for (int i = 0; i < 2; ++i) {
            auto text = req.QueryParam(names[i]);
            auto t = text ? ParseIsoDateTime(*text) : std::nullopt;
            if (!t) {
              return Error::InvalidArgument(
                  "changes.badRange", std::string(names[i]) + " is required: an ISO 8601 date-time",
                  names[i]);
            }
            *at[i] = *t;
          }
          q.change_type = req.QueryParam("changeType");
          q.service = req.QueryParam("service");
          q.status = req.QueryParam("status");
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Calendar(*req.principal, q));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/changes/freeze-windows", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListFreezeWindows(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/changes/freeze-windows", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateFreezeWindow(*req.principal, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kDelete, "/api/v1/changes/freeze-windows/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "freeze window"));
          STEWARD_TRY(s.DeleteFreezeWindow(*req.principal, id));
          return http::NoContentResponse();
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/approvals", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListApprovals(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/issues/{key}/approvals", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Decide(*req.principal, req.PathParam("key"), body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/risk", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.Risk(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/potential-causes", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(int days, http::IntQueryParam(req, "days", 7, 1, 90));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.PotentialCauses(*req.principal, req.PathParam("key"), days));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/issues/{key}/potential-causes", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(
              auto out, s.SelectPotentialCause(*req.principal, req.PathParam("key"), body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/reports/changes-by-type", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(int months, http::IntQueryParam(req, "months", 12, 1, 36));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ChangesByType(*req.principal, months));
          return JsonResponse(200, out);
        });
}

}  // namespace steward::changes
