#include "tickets/api/ticket_routes.h"

#include "base/text.h"
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

// Extracts the first file part of a multipart/form-data body.
Result<std::pair<std::string, std::string>> MultipartFile(const Request& req) {
  std::string_view ct = req.Header("content-type");
  size_t b = ct.find("boundary=");
  if (b == std::string_view::npos) {
    return Error::InvalidArgument("http.badMultipart", "multipart body without a boundary");
  }
  std::string boundary(ct.substr(b + 9));
  if (size_t semi = boundary.find(';'); semi != std::string::npos) {
    boundary.resize(semi);
  }
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 200) {
    return Error::InvalidArgument("http.badMultipart", "bad multipart boundary");
  }
  std::string delim = "--" + boundary;
  std::string_view body = req.body;
  size_t pos = body.find(delim);
  while (pos != std::string_view::npos) {
    size_t start = pos + delim.size();
    if (body.substr(start, 2) == "--") {
      break;
    }
    size_t headers_end = body.find("\r\n\r\n", start);
    if (headers_end == std::string_view::npos) {
      break;
    }
    std::string_view headers = body.substr(start, headers_end - start);
    size_t next = body.find("\r\n" + delim, headers_end + 4);
    if (next == std::string_view::npos) {
      break;
    }
    std::string lower = AsciiLower(headers);
    size_t fn = lower.find("filename=\"");
    if (fn != std::string::npos) {
      size_t fn_end = headers.find('"', fn + 10);
      if (fn_end == std::string_view::npos) {
        break;
      }
      return std::make_pair(std::string(headers.substr(fn + 10, fn_end - fn - 10)),
                            std::string(body.substr(headers_end + 4, next - headers_end - 4)));
    }
    pos = next + 2;
  }
  return Error::InvalidArgument("http.badMultipart", "the multipart body has no file part", "file");
}

std::string ContentDisposition(const std::string& filename, bool inline_ok) {
  std::string ascii;
  for (char c : filename) {
    ascii += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e ||
              c == '"' || c == '\\')
                 ? '_'
                 : c;
  }
  return std::string(inline_ok ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + http::PercentEncode(filename);
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
          std::string filename;
          std::string bytes;
          if (req.Header("content-type").rfind("multipart/form-data", 0) == 0) {
            STEWARD_ASSIGN_OR_RETURN(auto part, MultipartFile(req));
            filename = std::move(part.first);
            bytes = std::move(part.second);
          } else {
            filename = req.QueryParam("filename").value_or(std::string(req.Header("x-filename")));
            bytes = std::move(req.body);
          }
          if (bytes.size() > kMaxAttachmentBytes) {
            return Error::PayloadTooLarge("tickets.attachmentTooLarge",
                                          "an attachment may be at most 20 MB");
          }
          STEWARD_ASSIGN_OR_RETURN(
              auto out, s.AddAttachment(*req.principal, req.PathParam("key"), filename, bytes));
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
          Response resp;
          resp.status = 200;
          bool image =
              content.mime_type.rfind("image/", 0) == 0 && content.mime_type != "image/svg+xml";
          resp.content_type = content.mime_type;
          resp.SetHeader("Content-Disposition", ContentDisposition(content.filename, image));
          resp.SetHeader("Content-Security-Policy", "default-src 'none'; sandbox");
          resp.body = std::move(content.bytes);
          return resp;
        });
  r.Add(Method::kDelete, "/api/v1/attachments/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.DeleteAttachment(*req.principal, id));
          return http::NoContentResponse();
        });
}

}  // namespace steward::tickets
