#include "cmdb/api/cmdb_routes.h"

#include "http/files.h"
#include "http/json.h"

#include <boost/json.hpp>

namespace steward::cmdb {
using http::Access;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

namespace {

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Result<bool> BoolParam(const Request& req, std::string_view name) {
  auto v = req.QueryParam(name);
  if (!v || *v == "false" || *v == "0") {
    return false;
  }
  if (*v == "true" || *v == "1" || v->empty()) {
    return true;
  }
  return Error::InvalidArgument("http.badParameter", std::string(name) + " is true or false",
                                std::string(name));
}

}  // namespace

void RegisterCmdbRoutes(http::Router& r, CmdbService& s) {
  r.Add(Method::kGet, "/api/v1/cmdb/schemas", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.ListSchemas(*req.principal));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/cmdb/schemas", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateSchema(*req.principal, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/schemas/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetSchema(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPut, "/api/v1/cmdb/schemas/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.UpdateSchema(*req.principal, req.PathParam("key"), body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/cmdb/schemas/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_TRY(s.DeleteSchema(*req.principal, req.PathParam("key")));
          return NoContent();
        });
  r.Add(Method::kPost, "/api/v1/cmdb/schemas/{key}/objecttypes", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.CreateObjectType(*req.principal, req.PathParam("key"), body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objecttypes/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "object type"));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetObjectType(*req.principal, id));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPut, "/api/v1/cmdb/objecttypes/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "object type"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.UpdateObjectType(*req.principal, id, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/cmdb/objecttypes/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "object type"));
          STEWARD_TRY(s.DeleteObjectType(*req.principal, id));
          return NoContent();
        });
  r.Add(Method::kPost, "/api/v1/cmdb/objecttypes/{id}/attributes", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "object type"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateAttribute(*req.principal, id, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kPut, "/api/v1/cmdb/attributes/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "attribute"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.UpdateAttribute(*req.principal, id, body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/cmdb/attributes/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "attribute"));
          STEWARD_TRY(s.DeleteAttribute(*req.principal, id));
          return NoContent();
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          ObjectQuery q;
          q.aql = req.QueryParam("aql").value_or("");
          q.schema = req.QueryParam("schema").value_or("");
          STEWARD_ASSIGN_OR_RETURN(q.start, http::IntQueryParam(req, "start", 0, 0, 1000000));
          STEWARD_ASSIGN_OR_RETURN(q.limit, http::IntQueryParam(req, "limit", 25, 0, 500));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.FindObjects(*req.principal, q));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/cmdb/objects", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out, s.CreateObject(*req.principal, body));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.GetObject(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPatch, "/api/v1/cmdb/objects/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.UpdateObject(*req.principal, req.PathParam("key"), body));
          return JsonResponse(200, out);
        });
  r.Add(Method::kDelete, "/api/v1/cmdb/objects/{key}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(bool cascade, BoolParam(req, "cascade"));
          STEWARD_TRY(s.DeleteObject(*req.principal, req.PathParam("key"), cascade));
          return NoContent();
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects/{key}/history", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out, s.History(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects/{key}/graph", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(int depth, http::IntQueryParam(req, "depth", 2, 1, 5));
          std::string direction = req.QueryParam("direction").value_or("both");
          if (direction != "both" && direction != "inbound" && direction != "outbound") {
            return Error::InvalidArgument("http.badParameter",
                                          "direction is both, inbound or outbound", "direction");
          }
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.Graph(*req.principal, req.PathParam("key"), depth, direction));
          return JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects/{key}/attachments", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   s.ListAttachments(*req.principal, req.PathParam("key")));
          return JsonResponse(200, out);
        });
  r.Add(Method::kPost, "/api/v1/cmdb/objects/{key}/attachments", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          auto up = http::ReadUpload(req, storage::kMaxAttachmentBytes);
          if (!up.ok() && up.error().code == ErrorCode::kPayloadTooLarge) {
            return Error::PayloadTooLarge("cmdb.attachmentTooLarge",
                                          "an attachment may be at most 20 MB");
          }
          STEWARD_TRY(up);
          STEWARD_ASSIGN_OR_RETURN(auto out, s.AddAttachment(*req.principal, req.PathParam("key"),
                                                             up->filename, up->bytes));
          return JsonResponse(201, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/attachments/{id}/content", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "attachment"));
          STEWARD_ASSIGN_OR_RETURN(auto content, s.ReadAttachment(*req.principal, id));
          return http::FileResponse(content.filename, content.mime_type, std::move(content.bytes));
        });
  r.Add(Method::kDelete, "/api/v1/cmdb/attachments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id", "attachment"));
          STEWARD_TRY(s.DeleteAttachment(*req.principal, id));
          return NoContent();
        });
  r.Add(Method::kPost, "/api/v1/cmdb/import", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          STEWARD_ASSIGN_OR_RETURN(auto report, s.Import(*req.principal, body));
          if (!report.at("ok").as_bool() && !report.at("dryRun").as_bool()) {
            // Nothing was written: the rows' errors, in the error shape plus the report.
            std::size_t n = report.at("errors").as_array().size();
            json::object body_out{
                {"error",
                 json::object{{"code", "cmdb.importFailed"},
                              {"message", std::to_string(n) + (n == 1 ? " row has" : " rows have") +
                                              " errors; nothing was imported"},
                              {"requestId", req.request_id}}},
                {"report", report}};
            return JsonResponse(400, body_out);
          }
          return JsonResponse(200, report);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/export", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          ExportQuery q;
          STEWARD_ASSIGN_OR_RETURN(int type_id,
                                   http::IntQueryParam(req, "objectTypeId", 0, 0, 1 << 30));
          q.object_type_id = type_id;
          q.aql = req.QueryParam("aql").value_or("");
          q.format = req.QueryParam("format").value_or("csv");
          if (!q.object_type_id && q.aql.empty()) {
            return Error::InvalidArgument("http.missingParameter", "give objectTypeId or aql",
                                          "objectTypeId");
          }
          STEWARD_ASSIGN_OR_RETURN(auto file, s.Export(*req.principal, q));
          Response resp;
          resp.status = 200;
          resp.content_type = file.content_type;
          resp.body = std::move(file.body);
          resp.SetHeader("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
          return resp;
        });
}

}  // namespace steward::cmdb
