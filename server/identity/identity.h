// Identity: users (agents, customers, admins, the automation bot), teams, customer
// organizations, sign-in sessions, personal API tokens and the admin audit log.
//
// IdentityService owns these tables; other modules read them through the lookups below (inside
// their own transactions) and never write them.
//
// Thread-safety: IdentityService is stateless apart from its references; safe from any thread.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace steward::identity {

std::vector<storage::Migration> Migrations();

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  std::string time_zone = "UTC";
  std::string kind = "agent";
  bool active = true;
  TimestampMs created_at = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  std::string time_zone = "UTC";
  std::string kind = "agent";
  std::optional<std::string> password;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::optional<std::string>> email;
  std::optional<std::string> time_zone;
  std::optional<std::string> kind;
  std::optional<bool> active;
  std::optional<std::string> password;
};

struct Group {  // a team or an organization
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::vector<User> members;
};

struct LoginResult {
  User user;
  std::string session_token;  // goes into the cookie, never stored
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> expires_at;
  std::string token;  // only when just created
};

enum class GroupKind { kTeam, kOrganization };

inline constexpr std::string_view kSessionCookie = "steward_session";
inline constexpr std::int64_t kSessionLifetimeMs = 7LL * 24 * 3600 * 1000;

bool ValidUsername(std::string_view username);
bool ValidUserKind(std::string_view kind);

// Row mapping shared by lookups: columns id, username, display_name, email, time_zone, kind,
// active, created_at.
inline constexpr std::string_view kUserColumns =
    "u.id, u.username, u.display_name, u.email, u.time_zone, u.kind, u.active, u.created_at";
User UserFromRow(const storage::Row& row, int first_col = 0);

// Lookups for other modules, inside their transactions.
Result<std::optional<User>> FindUser(storage::Connection& c, std::string_view username);
Result<std::optional<User>> FindUserById(storage::Connection& c, std::int64_t id);
Result<std::optional<std::int64_t>> FindTeamId(storage::Connection& c, std::string_view name);
Result<std::optional<std::int64_t>> FindOrganizationId(storage::Connection& c,
                                                       std::string_view name);
Status Audit(storage::Connection& c, std::optional<std::int64_t> actor, std::string_view action,
             std::string_view target, std::string_view detail, TimestampMs now);

// Recently resolved credentials (hashed token or session id -> principal), so a request does
// not hit the database to authenticate. Entries live a few seconds and are dropped at once when
// a token is revoked, a session ends or a user changes (kind, active, password).
class PrincipalCache {
 public:
  static constexpr std::int64_t kTtlNs = 10'000'000'000;  // 10 s
  std::optional<http::Principal> Get(const std::string& key, std::int64_t now_ns);
  void Put(const std::string& key, const http::Principal& p, std::int64_t expires_ns);
  void Erase(const std::string& key);
  void Clear();

 private:
  struct Entry {
    http::Principal principal;
    std::int64_t expires_ns;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

class IdentityService {
 public:
  IdentityService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<User> CreateUser(const NewUser& user, std::optional<std::int64_t> actor);
  Result<User> UpdateUser(std::string_view username, const UserPatch& patch, std::int64_t actor);
  Result<User> GetUser(std::string_view username);
  // Users whose username or display name contains `query`; `assignable_only` keeps active
  // agents and administrators (the people issues can be assigned to).
  Result<std::vector<User>> ListUsers(std::string_view query, int limit, int offset,
                                      bool assignable_only = false);

  Result<LoginResult> Login(std::string_view username, std::string_view password);
  Status Logout(std::string_view session_token);
  // Resolves credentials on a request (Authorization header or session cookie), and enforces
  // the CSRF token on cookie-authenticated state changes.
  Result<std::optional<http::Principal>> Authenticate(const http::Request& req);

  Result<ApiToken> CreateToken(std::int64_t user_id, std::string_view name,
                               std::optional<int> expires_in_days);
  Result<std::vector<ApiToken>> ListTokens(std::int64_t user_id);
  Status RevokeToken(std::int64_t user_id, std::int64_t token_id);

  Result<Group> CreateGroup(GroupKind kind, std::string_view name, std::string_view description,
                            const std::vector<std::string>& members, std::int64_t actor);
  Result<Group> GetGroup(GroupKind kind, std::int64_t id);
  Result<std::vector<Group>> ListGroups(GroupKind kind);
  Status AddMember(GroupKind kind, std::int64_t group_id, std::string_view username,
                   std::int64_t actor);
  Status RemoveMember(GroupKind kind, std::int64_t group_id, std::string_view username,
                      std::int64_t actor);

 private:
  Result<std::optional<http::Principal>> PrincipalForToken(std::string_view token);

  storage::Database& db_;
  const Clock& clock_;
  PrincipalCache cache_;
};

}  // namespace steward::identity
