#include "tickets/api/ticket_routes.h"

#include "base/text.h"
#include "http/files.h"
#include "http/json.h"

#include <boost/json.hpp>

namespace steward::tickets {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A JSON body handler: parse, call, answer with `status`.
template <typename F>
http::Handler WithBody(int status, F fn) {
  return [fn, status](Request& req) -> Result<Response> {
    STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
    STEWARD_ASSIGN_OR_RETURN(auto out, fn(req, body));
    return JsonResponse(status, out);
  };
}
template <typename F>
http::Handler Json(F fn) {
  return [fn](Request& req) -> Result<Response> {
    STEWARD_ASSIGN_OR_RETURN(auto out, fn(req));
    return JsonResponse(200, out);
  };
}

}  // namespace

void RegisterTicketRoutes(http::Router& r, TicketService& s) {
  for (const char* what : {"statuses", "issuetypes", "priorities", "resolutions", "linktypes",
                           "workflows", "fields"}) {
    std::string w = what;
    r.Add(Method::kGet, "/api/v1/" + w, Access::kAuthenticated,
          Json([&s, w](Request& req) { return s.CatalogView(*req.principal, w); }));
  }
  r.Add(Method::kPost, "/api/v1/fields", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.CreateField(*req.principal, b);
        }));
  r.Add(Method::kPost, "/api/v1/fields/{field}/options", Access::kAuthenticated,
        WithBody(200, [&s](Request& req, const json::object& b) {
          return s.AddFieldOptions(*req.principal, req.PathParam("field"), b);
        }));

  r.Add(Method::kGet, "/api/v1/projects", Access::kAuthenticated,
        Json([&s](Request& req) { return s.ListProjects(*req.principal); }));
  r.Add(Method::kPost, "/api/v1/projects", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.CreateProject(*req.principal, b);
        }));
  r.Add(Method::kGet, "/api/v1/projects/{key}", Access::kAuthenticated,
        Json([&s](Request& req) { return s.GetProject(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPatch, "/api/v1/projects/{key}", Access::kAuthenticated,
        WithBody(200, [&s](Request& req, const json::object& b) {
          return s.UpdateProject(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(Method::kGet, "/api/v1/projects/{key}/roles", Access::kAuthenticated,
        Json([&s](Request& req) { return s.ListRoles(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/projects/{key}/roles", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.AddRole(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(Method::kDelete, "/api/v1/projects/{key}/roles/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.RemoveRole(*req.principal, req.PathParam("key"), id));
          return http::NoContentResponse();
        });
  r.Add(Method::kPost, "/api/v1/projects/{key}/components", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.AddComponent(*req.principal, req.PathParam("key"), b);
        }));

  r.Add(Method::kPost, "/api/v1/issues", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.CreateIssue(*req.principal, b);
        }));
  r.Add(Method::kGet, "/api/v1/issues/{key}", Access::kAuthenticated,
        Json([&s](Request& req) { return s.GetIssue(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPatch, "/api/v1/issues/{key}", Access::kAuthenticated,
        WithBody(200, [&s](Request& req, const json::object& b) {
          return s.UpdateIssue(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(
      Method::kGet, "/api/v1/issues/{key}/transitions", Access::kAuthenticated,
      Json([&s](Request& req) { return s.ListTransitions(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/issues/{key}/transitions", Access::kAuthenticated,
        WithBody(200, [&s](Request& req, const json::object& b) {
          return s.Transition(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(Method::kGet, "/api/v1/issues/{key}/comments", Access::kAuthenticated,
        Json([&s](Request& req) { return s.ListComments(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/issues/{key}/comments", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.AddComment(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(Method::kPatch, "/api/v1/issues/{key}/comments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.EditComment(*req.principal, req.PathParam("key"), id, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/issues/{key}/comments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.DeleteComment(*req.principal, req.PathParam("key"), id));
          return http::NoContentResponse();
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/links", Access::kAuthenticated,
        Json([&s](Request& req) { return s.ListLinks(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/issues/{key}/links", Access::kAuthenticated,
        WithBody(201, [&s](Request& req, const json::object& b) {
          return s.AddLink(*req.principal, req.PathParam("key"), b);
        }));
  r.Add(Method::kDelete, "/api/v1/links/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.DeleteLink(*req.principal, id));
          return http::NoContentResponse();
        });
  r.Add(Method::kGet, "/api/v1/issues/{key}/history", Access::kAuthenticated,
        Json([&s](Request& req) { return s.History(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kGet, "/api/v1/issues/{key}/watchers", Access::kAuthenticated,
        Json([&s](Request& req) { return s.ListWatchers(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/issues/{key}/watchers", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          std::string username;
          if (!Trim(req.body).empty()) {
            STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
            http::JsonReader in(body);
            STEWARD_TRY(in.AllowOnly({"username"}));
            STEWARD_ASSIGN_OR_RETURN(auto u, in.OptionalString("username", 64));
            username = u.value_or("");
          }
          STEWARD_TRY(s.AddWatcher(*req.principal, req.PathParam("key"), username));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListWatchers(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/issues/{key}/watchers/{username}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_TRY(
              s.RemoveWatcher(*req.principal, req.PathParam("key"), req.PathParam("username")));
          return http::NoContentResponse();
        });
  r.Add(
      Method::kGet, "/api/v1/issues/{key}/attachments", Access::kAuthenticated,
      Json([&s](Request& req) { return s.ListAttachments(*req.principal, req.PathParam("key")); }));
  r.Add(Method::kPost, "/api/v1/issues/{key}/attachments", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          auto up = http::ReadUpload(req, kMaxAttachmentBytes);
          if (!up.ok() && up.error().code == ErrorCode::kPayloadTooLarge) {
            return Error::PayloadTooLarge("tickets.attachmentTooLarge",
                                          "an attachment may be at most 20 MB");
          }
          STEWARD_TRY(up);
          STEWARD_ASSIGN_OR_RETURN(auto out, s.AddAttachment(*req.principal, req.PathParam("key"),
                                                             up->filename, up->bytes));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/attachments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetAttachment(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/attachments/{id}/content", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_ASSIGN_OR_RETURN(auto content, s.ReadAttachment(*req.principal, id));
          return http::FileResponse(content.filename, content.mime_type, std::move(content.bytes));
        });
  r.Add(Method::kDelete, "/api/v1/attachments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.DeleteAttachment(*req.principal, id));
          return http::NoContentResponse();
        });
}

}  // namespace steward::tickets
