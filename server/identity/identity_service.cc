#include "base/text.h"
#include "identity/crypto.h"
#include "identity/identity.h"

#include <sodium.h>

namespace steward::identity {
using storage::Connection;
using storage::Row;

bool ValidUsername(std::string_view u) {
  if (u.empty() || u.size() > 64) {
    return false;
  }
  for (char c : u) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool ValidUserKind(std::string_view k) {
  return k == "agent" || k == "customer" || k == "admin" || k == "bot";
}

User UserFromRow(const Row& r, int f) {
  User u;
  u.id = r.Int(f);
  u.username = r.String(f + 1);
  u.display_name = r.String(f + 2);
  u.email = r.OptString(f + 3);
  u.time_zone = r.String(f + 4);
  u.kind = r.String(f + 5);
  u.active = r.Int(f + 6) != 0;
  u.created_at = r.Int(f + 7);
  return u;
}

namespace {

std::string UserSelect(std::string_view where) {
  return "SELECT " + std::string(kUserColumns) + " FROM users u " + std::string(where);
}

std::string_view GroupTable(GroupKind k) {
  return k == GroupKind::kTeam ? "teams" : "organizations";
}

Error NoUser(std::string_view username) {
  return Error::NotFound("identity.unknownUser", "no user \"" + std::string(username) + "\"");
}

Status ValidateNewUser(const NewUser& u) {
  if (!ValidUsername(u.username)) {
    return Error::InvalidArgument(
        "identity.badUsername",
        "a username is 1-64 characters of lower-case letters, digits, '.', '_' or '-'", "username");
  }
  if (Trim(u.display_name).empty() || u.display_name.size() > 255) {
    return Error::InvalidArgument("identity.badDisplayName",
                                  "the display name must be 1-255 characters", "displayName");
  }
  if (!ValidUserKind(u.kind)) {
    return Error::InvalidArgument("identity.badKind",
                                  "kind must be one of agent, customer, admin, bot", "kind");
  }
  if (u.email && (u.email->find('@') == std::string::npos || u.email->size() > 254)) {
    return Error::InvalidArgument("identity.badEmail", "not an email address", "email");
  }
  if (u.password && (u.password->size() < 4 || u.password->size() > 1024)) {
    return Error::InvalidArgument("identity.badPassword", "a password is 4-1024 characters",
                                  "password");
  }
  return Ok();
}

}  // namespace

std::optional<http::Principal> PrincipalCache::Get(const std::string& key, std::int64_t now_ns) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    return std::nullopt;
  }
  if (it->second.expires_ns <= now_ns) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void PrincipalCache::Put(const std::string& key, const http::Principal& p,
                         std::int64_t expires_ns) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= 50'000) {
    entries_.clear();  // bounded memory; a miss only costs one query
  }
  entries_[key] = Entry{p, expires_ns};
}

void PrincipalCache::Erase(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

void PrincipalCache::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

Result<std::optional<User>> FindUser(Connection& c, std::string_view username) {
  std::optional<User> out;
  static const std::string sql = UserSelect("WHERE u.username = ?");
  std::string lower = AsciiLower(username);
  STEWARD_TRY(c.Query(sql, {lower}, [&](const Row& r) { out = UserFromRow(r); }));
  return out;
}

Result<std::optional<User>> FindUserById(Connection& c, std::int64_t id) {
  std::optional<User> out;
  static const std::string sql = UserSelect("WHERE u.id = ?");
  STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) { out = UserFromRow(r); }));
  return out;
}

Result<std::optional<std::int64_t>> FindTeamId(Connection& c, std::string_view name) {
  return c.QueryInt("SELECT id FROM teams WHERE lower(name) = lower(?)", {name});
}

Result<std::optional<std::int64_t>> FindOrganizationId(Connection& c, std::string_view name) {
  return c.QueryInt("SELECT id FROM organizations WHERE lower(name) = lower(?)", {name});
}

Status Audit(Connection& c, std::optional<std::int64_t> actor, std::string_view action,
             std::string_view target, std::string_view detail, TimestampMs now) {
  return c.Exec(
      "INSERT INTO audit_log(actor_id, action, target, detail, created_at) VALUES (?,?,?,?,?)",
      {actor, action, target, detail, now});
}

Result<User> IdentityService::CreateUser(const NewUser& in, std::optional<std::int64_t> actor) {
  NewUser u = in;
  u.username = AsciiLower(u.username);
  STEWARD_TRY(ValidateNewUser(u));
  std::optional<std::string> hash;
  if (u.password) {
    STEWARD_ASSIGN_OR_RETURN(hash, HashPassword(*u.password));
  }
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<User> {
    STEWARD_ASSIGN_OR_RETURN(auto existing, FindUser(c, u.username));
    if (existing) {
      return Error::AlreadyExists("identity.usernameTaken",
                                  "the username \"" + u.username + "\" is taken", "username");
    }
    STEWARD_TRY(
        c.Exec("INSERT INTO users(username, display_name, email, time_zone, kind, active, "
               "password_hash, created_at, updated_at) VALUES (?,?,?,?,?,1,?,?,?)",
               {u.username, u.display_name, u.email, u.time_zone, u.kind, hash, now, now}));
    STEWARD_TRY(Audit(c, actor, "user.create", u.username, u.kind, now));
    STEWARD_ASSIGN_OR_RETURN(auto created, FindUser(c, u.username));
    return *created;
  });
}

Result<User> IdentityService::UpdateUser(std::string_view username, const UserPatch& p,
                                         std::int64_t actor) {
  if (p.display_name && (Trim(*p.display_name).empty() || p.display_name->size() > 255)) {
    return Error::InvalidArgument("identity.badDisplayName",
                                  "the display name must be 1-255 characters", "displayName");
  }
  if (p.kind && !ValidUserKind(*p.kind)) {
    return Error::InvalidArgument("identity.badKind",
                                  "kind must be one of agent, customer, admin, bot", "kind");
  }
  if (p.password && (p.password->size() < 4 || p.password->size() > 1024)) {
    return Error::InvalidArgument("identity.badPassword", "a password is 4-1024 characters",
                                  "password");
  }
  std::optional<std::string> hash;
  if (p.password) {
    STEWARD_ASSIGN_OR_RETURN(hash, HashPassword(*p.password));
  }
  TimestampMs now = clock_.Now();
  auto result = db_.Write([&](Connection& c) -> Result<User> {
    STEWARD_ASSIGN_OR_RETURN(auto user, FindUser(c, username));
    if (!user) {
      return NoUser(username);
    }
    if (p.display_name) {
      STEWARD_TRY(
          c.Exec("UPDATE users SET display_name = ? WHERE id = ?", {*p.display_name, user->id}));
    }
    if (p.email) {
      STEWARD_TRY(c.Exec("UPDATE users SET email = ? WHERE id = ?", {*p.email, user->id}));
    }
    if (p.time_zone) {
      STEWARD_TRY(c.Exec("UPDATE users SET time_zone = ? WHERE id = ?", {*p.time_zone, user->id}));
    }
    if (p.kind) {
      STEWARD_TRY(c.Exec("UPDATE users SET kind = ? WHERE id = ?", {*p.kind, user->id}));
    }
    if (p.active) {
      STEWARD_TRY(c.Exec("UPDATE users SET active = ? WHERE id = ?", {*p.active, user->id}));
      if (!*p.active) {
        STEWARD_TRY(c.Exec("DELETE FROM sessions WHERE user_id = ?", {user->id}));
      }
    }
    if (hash) {
      STEWARD_TRY(c.Exec("UPDATE users SET password_hash = ? WHERE id = ?", {*hash, user->id}));
      STEWARD_TRY(c.Exec("DELETE FROM sessions WHERE user_id = ?", {user->id}));
    }
    STEWARD_TRY(c.Exec("UPDATE users SET updated_at = ? WHERE id = ?", {now, user->id}));
    STEWARD_TRY(Audit(c, actor, "user.update", user->username, "", now));
    cache_.Clear();
    STEWARD_ASSIGN_OR_RETURN(auto updated, FindUserById(c, user->id));
    return *updated;
  });
  cache_.Clear();
  return result;
}

Result<User> IdentityService::GetUser(std::string_view username) {
  return db_.Read([&](Connection& c) -> Result<User> {
    STEWARD_ASSIGN_OR_RETURN(auto user, FindUser(c, username));
    if (!user) {
      return NoUser(username);
    }
    return *user;
  });
}

Result<std::vector<User>> IdentityService::ListUsers(std::string_view query, int limit, int offset,
                                                     bool assignable_only) {
  return db_.Read([&](Connection& c) -> Result<std::vector<User>> {
    std::vector<User> out;
    static const std::string sql = UserSelect(
        "WHERE (? = '' OR lower(u.username) LIKE ? ESCAPE '\\' OR lower(u.display_name) LIKE ? "
        "ESCAPE '\\') AND (? = 0 OR (u.kind IN ('agent', 'admin') AND u.active = 1)) ORDER BY "
        "u.username LIMIT ? OFFSET ?");
    std::string pattern;
    for (char ch : AsciiLower(query)) {
      if (ch == '%' || ch == '_' || ch == '\\') {
        pattern += '\\';
      }
      pattern += ch;
    }
    pattern = "%" + pattern + "%";
    STEWARD_TRY(c.Query(sql, {query, pattern, pattern, assignable_only, limit, offset},
                        [&](const Row& r) { out.push_back(UserFromRow(r)); }));
    return out;
  });
}

Result<LoginResult> IdentityService::Login(std::string_view username, std::string_view password) {
  Error failed = Error::Unauthenticated("identity.loginFailed", "wrong username or password");
  std::optional<User> user;
  std::optional<std::string> hash;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    static const std::string sql = "SELECT " + std::string(kUserColumns) +
                                   ", u.password_hash FROM users u WHERE u.username = ?";
    std::string lower = AsciiLower(username);
    return c.Query(sql, {lower}, [&](const Row& r) {
      user = UserFromRow(r);
      hash = r.OptString(8);
    });
  }));
  if (!user || !hash || !user->active || user->kind == "bot") {
    VerifyDummyPassword(password);
    return failed;
  }
  if (!VerifyPassword(*hash, password)) {
    return failed;
  }
  LoginResult out;
  out.user = *user;
  out.session_token = RandomToken("", 32);
  out.csrf_token = CsrfTokenFor(out.session_token);
  TimestampMs now = clock_.Now();
  out.expires_at = now + kSessionLifetimeMs;
  std::string id_hash = HashToken(out.session_token);
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(c.Exec("DELETE FROM sessions WHERE expires_at < ?", {now}));
    return c.Exec("INSERT INTO sessions(id_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)",
                  {id_hash, user->id, now, out.expires_at});
  }));
  return out;
}

Status IdentityService::Logout(std::string_view session_token) {
  std::string id_hash = HashToken(session_token);
  cache_.Erase("s:" + id_hash);
  Status s = db_.WriteTx(
      [&](Connection& c) { return c.Exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}); });
  cache_.Erase("s:" + id_hash);
  return s;
}

Result<std::optional<http::Principal>> IdentityService::PrincipalForToken(std::string_view token) {
  std::string hash = HashToken(token);
  std::string cache_key = "t:" + hash;
  std::int64_t now_ns = clock_.MonotonicNs();
  if (auto hit = cache_.Get(cache_key, now_ns)) {
    return hit;
  }
  TimestampMs now = clock_.Now();
  std::optional<http::Principal> out;
  std::optional<std::int64_t> expires;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) {
    return c.Query(
        "SELECT u.id, u.username, u.display_name, u.kind, t.expires_at FROM api_tokens t "
        "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL "
        "AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.active = 1",
        {hash, now}, [&](const Row& r) {
          out.emplace();
          out->user_id = r.Int(0);
          out->username = r.String(1);
          out->display_name = r.String(2);
          out->kind = r.String(3);
          expires = r.OptInt(4);
        });
  }));
  if (out) {
    std::int64_t until = now_ns + PrincipalCache::kTtlNs;
    if (expires) {
      until = std::min(until, now_ns + (*expires - now) * 1'000'000);
    }
    cache_.Put(cache_key, *out, until);
  }
  return out;
}

Result<std::optional<http::Principal>> IdentityService::Authenticate(const http::Request& req) {
  Error bad = Error::Unauthenticated("identity.badCredentials",
                                     "the API token is invalid, expired or revoked");
  std::string_view auth = req.Header("authorization");
  if (!auth.empty()) {
    std::string token;
    if (auth.size() > 7 && EqualsIgnoreCase(auth.substr(0, 7), "Bearer ")) {
      token = std::string(Trim(auth.substr(7)));
    } else if (auth.size() > 6 && EqualsIgnoreCase(auth.substr(0, 6), "Basic ")) {
      std::string_view b64 = Trim(auth.substr(6));
      std::string decoded(b64.size(), '\0');
      size_t len = 0;
      if (b64.size() > 4096 ||
          sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                            b64.data(), b64.size(), nullptr, &len, nullptr,
                            sodium_base64_VARIANT_ORIGINAL) != 0) {
        return bad;
      }
      decoded.resize(len);
      size_t colon = decoded.find(':');
      if (colon == std::string::npos) {
        return bad;
      }
      std::string user = AsciiLower(decoded.substr(0, colon));
      token = decoded.substr(colon + 1);
      STEWARD_ASSIGN_OR_RETURN(auto p, PrincipalForToken(token));
      if (!p || p->username != user) {
        return bad;
      }
      return p;
    } else {
      return bad;
    }
    if (token.empty() || token.size() > 512) {
      return bad;
    }
    STEWARD_ASSIGN_OR_RETURN(auto p, PrincipalForToken(token));
    if (!p) {
      return bad;
    }
    return p;
  }
  std::string_view cookie = req.Cookie(kSessionCookie);
  if (cookie.empty() || cookie.size() > 256) {
    return std::optional<http::Principal>();
  }
  std::string id_hash = HashToken(cookie);
  TimestampMs now = clock_.Now();
  std::int64_t now_ns = clock_.MonotonicNs();
  std::optional<http::Principal> out = cache_.Get("s:" + id_hash, now_ns);
  std::optional<std::int64_t> session_expires;
  auto load = [&](Connection& c) {
    return c.Query(
        "SELECT u.id, u.username, u.display_name, u.kind, s.expires_at FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ? "
        "AND u.active = 1",
        {id_hash, now}, [&](const Row& r) {
          out.emplace();
          out->user_id = r.Int(0);
          out->username = r.String(1);
          out->display_name = r.String(2);
          out->kind = r.String(3);
          out->via_cookie = true;
          out->session_id = id_hash;
          session_expires = r.Int(4);
        });
  };
  if (!out) {
    STEWARD_TRY(db_.ReadTx(load));
    if (!out) {
      return out;  // an unknown or expired session is simply anonymous
    }
    cache_.Put(
        "s:" + id_hash, *out,
        std::min(now_ns + PrincipalCache::kTtlNs, now_ns + (*session_expires - now) * 1'000'000));
  }
  bool safe = req.method == http::Method::kGet || req.method == http::Method::kHead ||
              req.method == http::Method::kOptions;
  if (!safe) {
    std::string expected = CsrfTokenFor(cookie);
    if (!ConstantTimeEquals(req.Header("x-csrf-token"), expected)) {
      return Error::PermissionDenied(
          "identity.csrfMismatch",
          "state-changing requests made with the session cookie need the X-CSRF-Token header");
    }
  }
  return out;
}

Result<ApiToken> IdentityService::CreateToken(std::int64_t user_id, std::string_view name,
                                              std::optional<int> expires_in_days) {
  if (Trim(name).empty() || name.size() > 100) {
    return Error::InvalidArgument("identity.badTokenName", "a token name is 1-100 characters",
                                  "name");
  }
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650)) {
    return Error::InvalidArgument("identity.badExpiry", "expiresInDays must be 1-3650",
                                  "expiresInDays");
  }
  ApiToken t;
  t.name = std::string(name);
  t.token = RandomToken("stw_", 32);
  t.created_at = clock_.Now();
  if (expires_in_days) {
    t.expires_at = t.created_at + *expires_in_days * 86400000LL;
  }
  std::string hash = HashToken(t.token);
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("INSERT INTO api_tokens(user_id, name, token_hash, created_at, "
                            "expires_at) VALUES (?,?,?,?,?) RETURNING id",
                            {user_id, t.name, hash, t.created_at, t.expires_at}));
    t.id = id.value_or(0);
    return Audit(c, user_id, "token.create", t.name, "", t.created_at);
  }));
  return t;
}

Result<std::vector<ApiToken>> IdentityService::ListTokens(std::int64_t user_id) {
  return db_.Read([&](Connection& c) -> Result<std::vector<ApiToken>> {
    std::vector<ApiToken> out;
    STEWARD_TRY(
        c.Query("SELECT id, name, created_at, expires_at FROM api_tokens WHERE user_id = ? AND "
                "revoked_at IS NULL ORDER BY id",
                {user_id}, [&](const Row& r) {
                  ApiToken t;
                  t.id = r.Int(0);
                  t.name = r.String(1);
                  t.created_at = r.Int(2);
                  t.expires_at = r.OptInt(3);
                  out.push_back(std::move(t));
                }));
    return out;
  });
}

Status IdentityService::RevokeToken(std::int64_t user_id, std::int64_t token_id) {
  TimestampMs now = clock_.Now();
  Status result = db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(
        c.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND "
               "revoked_at IS NULL",
               {now, token_id, user_id}));
    if (c.ChangedRows() == 0) {
      return Error::NotFound("identity.unknownToken", "no such token");
    }
    cache_.Clear();
    return Audit(c, user_id, "token.revoke", std::to_string(token_id), "", now);
  });
  cache_.Clear();  // again after commit: a read racing the commit may have re-cached
  return result;
}

namespace {

Result<Group> LoadGroup(Connection& c, GroupKind kind, std::int64_t id) {
  std::optional<Group> g;
  std::string sql = kind == GroupKind::kTeam
                        ? "SELECT id, name, description FROM teams WHERE id = ?"
                        : "SELECT id, name, '' FROM organizations WHERE id = ?";
  STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) {
    g.emplace();
    g->id = r.Int(0);
    g->name = r.String(1);
    g->description = r.String(2);
  }));
  if (!g) {
    return Error::NotFound(
        kind == GroupKind::kTeam ? "identity.unknownTeam" : "identity.unknownOrganization",
        std::string(kind == GroupKind::kTeam ? "no team " : "no organization ") +
            std::to_string(id));
  }
  std::string members =
      "SELECT " + std::string(kUserColumns) + " FROM users u JOIN " +
      (kind == GroupKind::kTeam ? std::string("team_members m ON m.user_id = u.id WHERE m.team_id")
                                : std::string("organization_members m ON m.user_id = u.id WHERE "
                                              "m.organization_id")) +
      " = ? ORDER BY u.username";
  STEWARD_TRY(c.Query(members, {id}, [&](const Row& r) { g->members.push_back(UserFromRow(r)); }));
  return *g;
}

Status AddMemberTx(Connection& c, GroupKind kind, std::int64_t group_id,
                   std::string_view username) {
  STEWARD_ASSIGN_OR_RETURN(auto user, FindUser(c, username));
  if (!user) {
    return NoUser(username);
  }
  std::string sql = kind == GroupKind::kTeam
                        ? "INSERT INTO team_members(team_id, user_id) VALUES (?, ?) "
                          "ON CONFLICT DO NOTHING"
                        : "INSERT INTO organization_members(organization_id, user_id) VALUES (?, "
                          "?) ON CONFLICT DO NOTHING";
  return c.Exec(sql, {group_id, user->id});
}

}  // namespace

Result<Group> IdentityService::CreateGroup(GroupKind kind, std::string_view name,
                                           std::string_view description,
                                           const std::vector<std::string>& members,
                                           std::int64_t actor) {
  if (Trim(name).empty() || name.size() > 255) {
    return Error::InvalidArgument("identity.badName", "a name is 1-255 characters", "name");
  }
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<Group> {
    auto existing = kind == GroupKind::kTeam ? FindTeamId(c, name) : FindOrganizationId(c, name);
    STEWARD_TRY(existing);
    if (*existing) {
      return Error::AlreadyExists("identity.nameTaken",
                                  "the name \"" + std::string(name) + "\" is taken", "name");
    }
    std::optional<std::int64_t> id;
    if (kind == GroupKind::kTeam) {
      STEWARD_ASSIGN_OR_RETURN(id, c.QueryInt("INSERT INTO teams(name, description, created_at) "
                                              "VALUES (?,?,?) RETURNING id",
                                              {name, description, now}));
    } else {
      STEWARD_ASSIGN_OR_RETURN(
          id, c.QueryInt("INSERT INTO organizations(name, created_at) VALUES (?,?) RETURNING id",
                         {name, now}));
    }
    for (const auto& m : members) {
      STEWARD_TRY(AddMemberTx(c, kind, *id, m));
    }
    STEWARD_TRY(Audit(c, actor, std::string(GroupTable(kind)) + ".create", name, "", now));
    return LoadGroup(c, kind, *id);
  });
}

Result<Group> IdentityService::GetGroup(GroupKind kind, std::int64_t id) {
  return db_.Read([&](Connection& c) { return LoadGroup(c, kind, id); });
}

Result<std::vector<Group>> IdentityService::ListGroups(GroupKind kind) {
  return db_.Read([&](Connection& c) -> Result<std::vector<Group>> {
    std::vector<std::int64_t> ids;
    std::string sql = "SELECT id FROM " + std::string(GroupTable(kind)) + " ORDER BY name";
    STEWARD_TRY(c.Query(sql, {}, [&](const Row& r) { ids.push_back(r.Int(0)); }));
    std::vector<Group> out;
    for (auto id : ids) {
      STEWARD_ASSIGN_OR_RETURN(auto g, LoadGroup(c, kind, id));
      out.push_back(std::move(g));
    }
    return out;
  });
}

Status IdentityService::AddMember(GroupKind kind, std::int64_t group_id, std::string_view username,
                                  std::int64_t actor) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(LoadGroup(c, kind, group_id));
    STEWARD_TRY(AddMemberTx(c, kind, group_id, username));
    return Audit(c, actor, std::string(GroupTable(kind)) + ".addMember", std::to_string(group_id),
                 username, now);
  });
}

Status IdentityService::RemoveMember(GroupKind kind, std::int64_t group_id,
                                     std::string_view username, std::int64_t actor) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(LoadGroup(c, kind, group_id));
    STEWARD_ASSIGN_OR_RETURN(auto user, FindUser(c, username));
    if (!user) {
      return NoUser(username);
    }
    std::string sql = kind == GroupKind::kTeam
                          ? "DELETE FROM team_members WHERE team_id = ? AND user_id = ?"
                          : "DELETE FROM organization_members WHERE organization_id = ? AND "
                            "user_id = ?";
    STEWARD_TRY(c.Exec(sql, {group_id, user->id}));
    if (c.ChangedRows() == 0) {
      return Error::NotFound("identity.notAMember",
                             "\"" + std::string(username) + "\" is not a member");
    }
    return Audit(c, actor, std::string(GroupTable(kind)) + ".removeMember",
                 std::to_string(group_id), username, now);
  });
}

}  // namespace steward::identity
