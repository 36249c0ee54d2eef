#include "identity/api/identity_routes.h"

#include "base/time_format.h"
#include "http/json.h"
#include "identity/crypto.h"

#include <boost/json.hpp>

namespace steward::identity {
namespace json = boost::json;
using http::Access;
using http::JsonReader;
using http::JsonResponse;
using http::Method;
using http::Request;
using http::Response;

bool IsStaff(const http::Principal& p) { return p.kind != "customer"; }

json::object UserJson(const User& u, bool full) {
  json::object o{{"id", u.id}, {"username", u.username}, {"displayName", u.display_name}};
  if (full) {
    o["email"] = u.email ? json::value(*u.email) : json::value(nullptr);
    o["timeZone"] = u.time_zone;
    o["kind"] = u.kind;
    o["active"] = u.active;
    o["created"] = FormatIsoUtc(u.created_at);
  }
  return o;
}

namespace {

json::object GroupJson(const Group& g, GroupKind kind) {
  json::array members;
  for (const auto& m : g.members) {
    members.push_back(UserJson(m, false));
  }
  json::object o{{"id", g.id}, {"name", g.name}, {"members", std::move(members)}};
  if (kind == GroupKind::kTeam) {
    o["description"] = g.description;
  }
  return o;
}

Error AdminOnly() {
  return Error::PermissionDenied("identity.adminOnly", "only administrators may do this");
}
Error StaffOnly() {
  return Error::PermissionDenied("identity.staffOnly", "customers may not do this");
}

std::string SessionCookie(std::string_view value, std::int64_t max_age_s, CookieOptions opts) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
  if (opts.secure) {
    c += "; Secure";
  }
  return c;
}

void RegisterGroupRoutes(http::Router& r, IdentityService& s, GroupKind kind, std::string base) {
  r.Add(Method::kGet, base, Access::kAuthenticated, [&s, kind](Request& req) -> Result<Response> {
    if (!IsStaff(*req.principal)) {
      return StaffOnly();
    }
    STEWARD_ASSIGN_OR_RETURN(auto groups, s.ListGroups(kind));
    json::array out;
    for (const auto& g : groups) {
      out.push_back(GroupJson(g, kind));
    }
    return JsonResponse(200, json::object{{"values", std::move(out)}});
  });
  r.Add(Method::kPost, base, Access::kAuthenticated, [&s, kind](Request& req) -> Result<Response> {
    if (!req.principal->IsAdmin()) {
      return AdminOnly();
    }
    STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
    JsonReader in(body);
    STEWARD_TRY(kind == GroupKind::kTeam ? in.AllowOnly({"name", "description", "members"})
                                         : in.AllowOnly({"name", "members"}));
    STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name"));
    STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
    STEWARD_ASSIGN_OR_RETURN(auto members, in.OptionalStringArray("members", 1000, 64));
    STEWARD_ASSIGN_OR_RETURN(auto g, s.CreateGroup(kind, name, desc.value_or(""),
                                                   members.value_or(std::vector<std::string>{}),
                                                   req.principal->user_id));
    return JsonResponse(201, GroupJson(g, kind));
  });
  r.Add(Method::kGet, base + "/{id}", Access::kAuthenticated,
        [&s, kind](Request& req) -> Result<Response> {
          if (!IsStaff(*req.principal)) {
            return StaffOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_ASSIGN_OR_RETURN(auto g, s.GetGroup(kind, id));
          return JsonResponse(200, GroupJson(g, kind));
        });
  r.Add(Method::kPost, base + "/{id}/members", Access::kAuthenticated,
        [&s, kind](Request& req) -> Result<Response> {
          if (!req.principal->IsAdmin()) {
            return AdminOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          JsonReader in(body);
          STEWARD_TRY(in.AllowOnly({"username"}));
          STEWARD_ASSIGN_OR_RETURN(auto username, in.RequiredString("username", 64));
          STEWARD_TRY(s.AddMember(kind, id, username, req.principal->user_id));
          STEWARD_ASSIGN_OR_RETURN(auto g, s.GetGroup(kind, id));
          return JsonResponse(200, GroupJson(g, kind));
        });
  r.Add(Method::kDelete, base + "/{id}/members/{username}", Access::kAuthenticated,
        [&s, kind](Request& req) -> Result<Response> {
          if (!req.principal->IsAdmin()) {
            return AdminOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.RemoveMember(kind, id, req.PathParam("username"), req.principal->user_id));
          return http::NoContentResponse();
        });
}

}  // namespace

void RegisterIdentityRoutes(http::Router& r, IdentityService& s, CookieOptions cookies) {
  r.Add(Method::kPost, "/api/v1/session", Access::kPublic,
        [&s, cookies](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          JsonReader in(body);
          STEWARD_TRY(in.AllowOnly({"username", "password"}));
          STEWARD_ASSIGN_OR_RETURN(auto username, in.RequiredString("username", 64));
          STEWARD_ASSIGN_OR_RETURN(auto password, in.RequiredString("password", 1024));
          STEWARD_ASSIGN_OR_RETURN(auto login, s.Login(username, password));
          Response resp =
              JsonResponse(200, json::object{{"user", UserJson(login.user, true)},
                                             {"csrfToken", login.csrf_token},
                                             {"expires", FormatIsoUtc(login.expires_at)}});
          resp.SetHeader("Set-Cookie",
                         SessionCookie(login.session_token, kSessionLifetimeMs / 1000, cookies));
          return resp;
        });
  r.Add(Method::kGet, "/api/v1/session", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto user, s.GetUser(req.principal->username));
          json::object o{{"user", UserJson(user, true)}};
          if (req.principal->via_cookie) {
            o["csrfToken"] = CsrfTokenFor(req.Cookie(kSessionCookie));
          }
          return JsonResponse(200, o);
        });
  r.Add(Method::kDelete, "/api/v1/session", Access::kAuthenticated,
        [&s, cookies](Request& req) -> Result<Response> {
          if (req.principal->via_cookie) {
            STEWARD_TRY(s.Logout(req.Cookie(kSessionCookie)));
          }
          Response resp = http::NoContentResponse();
          resp.SetHeader("Set-Cookie", SessionCookie("", 0, cookies));
          return resp;
        });
  r.Add(Method::kGet, "/api/v1/myself", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto user, s.GetUser(req.principal->username));
          return JsonResponse(200, UserJson(user, true));
        });
  r.Add(Method::kGet, "/api/v1/users", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          if (!IsStaff(*req.principal)) {
            return StaffOnly();
          }
          int limit = 50, offset = 0;
          if (auto l = req.QueryParam("limit")) {
            limit = std::clamp(std::atoi(l->c_str()), 1, 1000);
          }
          if (auto o = req.QueryParam("offset")) {
            offset = std::max(0, std::atoi(o->c_str()));
          }
          auto assignable = req.QueryParam("assignable");
          if (assignable && *assignable != "true" && *assignable != "false") {
            return Error::InvalidArgument("http.badParameter", "assignable is true or false",
                                          "assignable");
          }
          STEWARD_ASSIGN_OR_RETURN(auto users,
                                   s.ListUsers(req.QueryParam("query").value_or(""), limit, offset,
                                               assignable && *assignable == "true"));
          json::array out;
          for (const auto& u : users) {
            out.push_back(UserJson(u, req.principal->IsAdmin()));
          }
          return JsonResponse(200, json::object{{"values", std::move(out)}});
        });
  r.Add(Method::kPost, "/api/v1/users", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          if (!req.principal->IsAdmin()) {
            return AdminOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          JsonReader in(body);
          STEWARD_TRY(
              in.AllowOnly({"username", "displayName", "email", "timeZone", "kind", "password"}));
          NewUser u;
          STEWARD_ASSIGN_OR_RETURN(u.username, in.RequiredString("username", 64));
          STEWARD_ASSIGN_OR_RETURN(u.display_name, in.RequiredString("displayName"));
          STEWARD_ASSIGN_OR_RETURN(u.email, in.OptionalString("email", 254));
          STEWARD_ASSIGN_OR_RETURN(auto tz, in.OptionalString("timeZone", 64));
          STEWARD_ASSIGN_OR_RETURN(auto kind, in.OptionalString("kind", 16));
          STEWARD_ASSIGN_OR_RETURN(u.password, in.OptionalString("password", 1024));
          u.time_zone = tz.value_or("UTC");
          u.kind = kind.value_or("agent");
          STEWARD_ASSIGN_OR_RETURN(auto user, s.CreateUser(u, req.principal->user_id));
          return JsonResponse(201, UserJson(user, true));
        });
  r.Add(Method::kGet, "/api/v1/users/{username}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          std::string_view name = req.PathParam("username");
          bool self = name == req.principal->username;
          if (!self && !IsStaff(*req.principal)) {
            return StaffOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto user, s.GetUser(name));
          return JsonResponse(200, UserJson(user, self || req.principal->IsAdmin()));
        });
  r.Add(Method::kPatch, "/api/v1/users/{username}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          std::string_view name = req.PathParam("username");
          bool self = name == req.principal->username;
          bool admin = req.principal->IsAdmin();
          if (!self && !admin) {
            return AdminOnly();
          }
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          JsonReader in(body);
          if (admin) {
            STEWARD_TRY(
                in.AllowOnly({"displayName", "email", "timeZone", "kind", "active", "password"}));
          } else {
            STEWARD_TRY(in.AllowOnly({"displayName", "email", "timeZone", "password"}));
          }
          UserPatch p;
          STEWARD_ASSIGN_OR_RETURN(p.display_name, in.OptionalString("displayName"));
          if (in.Has("email")) {
            STEWARD_ASSIGN_OR_RETURN(auto e, in.OptionalString("email", 254));
            p.email = e;
          }
          STEWARD_ASSIGN_OR_RETURN(p.time_zone, in.OptionalString("timeZone", 64));
          STEWARD_ASSIGN_OR_RETURN(p.kind, in.OptionalString("kind", 16));
          STEWARD_ASSIGN_OR_RETURN(p.active, in.OptionalBool("active"));
          STEWARD_ASSIGN_OR_RETURN(p.password, in.OptionalString("password", 1024));
          if (self && p.active && !*p.active) {
            return Error::InvalidArgument("identity.cannotDeactivateSelf",
                                          "you cannot deactivate yourself", "active");
          }
          STEWARD_ASSIGN_OR_RETURN(auto user, s.UpdateUser(name, p, req.principal->user_id));
          return JsonResponse(200, UserJson(user, true));
        });
  RegisterGroupRoutes(r, s, GroupKind::kTeam, "/api/v1/teams");
  RegisterGroupRoutes(r, s, GroupKind::kOrganization, "/api/v1/organizations");
  r.Add(Method::kGet, "/api/v1/tokens", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto tokens, s.ListTokens(req.principal->user_id));
          json::array out;
          for (const auto& t : tokens) {
            out.push_back(
                json::object{{"id", t.id},
                             {"name", t.name},
                             {"created", FormatIsoUtc(t.created_at)},
                             {"expires", t.expires_at ? json::value(FormatIsoUtc(*t.expires_at))
                                                      : json::value(nullptr)}});
          }
          return JsonResponse(200, json::object{{"values", std::move(out)}});
        });
  r.Add(Method::kPost, "/api/v1/tokens", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto body, http::ParseJsonObject(req));
          JsonReader in(body);
          STEWARD_TRY(in.AllowOnly({"name", "expiresInDays"}));
          STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 100));
          STEWARD_ASSIGN_OR_RETURN(auto days, in.OptionalInt("expiresInDays"));
          std::optional<int> d;
          if (days) {
            if (*days < 1 || *days > 3650) {
              return Error::InvalidArgument("identity.badExpiry", "expiresInDays must be 1-3650",
                                            "expiresInDays");
            }
            d = static_cast<int>(*days);
          }
          STEWARD_ASSIGN_OR_RETURN(auto t, s.CreateToken(req.principal->user_id, name, d));
          return JsonResponse(
              201, json::object{{"id", t.id},
                                {"name", t.name},
                                {"token", t.token},
                                {"created", FormatIsoUtc(t.created_at)},
                                {"expires", t.expires_at ? json::value(FormatIsoUtc(*t.expires_at))
                                                         : json::value(nullptr)}});
        });
  r.Add(Method::kDelete, "/api/v1/tokens/{id}", Access::kAuthenticated,
        [&s](Request& req) -> Result<Response> {
          STEWARD_ASSIGN_OR_RETURN(auto id, http::PathId(req, "id"));
          STEWARD_TRY(s.RevokeToken(req.principal->user_id, id));
          return http::NoContentResponse();
        });
}

}  // namespace steward::identity
