#include "base/text.h"
#include "identity/identity.h"
#include "tickets/issue_service_internal.h"

#include <set>

namespace steward::tickets {

bool ProjectAccess::Has(std::string_view role) const {
  for (const auto& r : roles) {
    if (r == role) {
      return true;
    }
  }
  return false;
}
bool ProjectAccess::IsStaff() const {
  return global_admin || Has("administrator") || Has("agent") || Has("collaborator");
}
bool ProjectAccess::CanEdit() const { return global_admin || Has("administrator") || Has("agent"); }

namespace internal {
namespace json = boost::json;

json::value StatusRef(const Catalog& cat, std::int64_t id) {
  const StatusDef* s = cat.Status(id);
  if (!s) {
    return nullptr;
  }
  return json::object{{"id", s->id}, {"name", s->name}, {"category", CategoryName(s->category)}};
}

json::value NamedRef(const NamedDef* d) {
  if (!d) {
    return nullptr;
  }
  return json::object{{"id", d->id}, {"name", d->name}};
}

namespace {
constexpr std::string_view kIssueColumns =
    "SELECT i.id, i.key, i.project_id, p.key, p.name, i.issue_type_id, i.status_id, "
    "i.resolution_id, i.priority_id, i.summary, i.description, i.assignee_id, i.reporter_id, "
    "i.parent_id, i.due_date, i.created_at, i.updated_at, i.resolved_at, a.username, "
    "a.display_name, r.username, r.display_name FROM issues i "
    "JOIN projects p ON p.id = i.project_id JOIN users r ON r.id = i.reporter_id "
    "LEFT JOIN users a ON a.id = i.assignee_id ";

IssueRow RowToIssue(const Row& r) {
  IssueRow i;
  i.id = r.Int(0);
  i.key = r.String(1);
  i.project_id = r.Int(2);
  i.project_key = r.String(3);
  i.project_name = r.String(4);
  i.type_id = r.Int(5);
  i.status_id = r.Int(6);
  i.resolution_id = r.OptInt(7);
  i.priority_id = r.OptInt(8);
  i.summary = r.String(9);
  i.description = r.String(10);
  i.assignee_id = r.OptInt(11);
  i.reporter_id = r.Int(12);
  i.parent_id = r.OptInt(13);
  i.due_date = r.OptInt(14);
  i.created = r.Int(15);
  i.updated = r.Int(16);
  i.resolved = r.OptInt(17);
  if (!r.IsNull(18)) {
    i.assignee_username = r.String(18);
    i.assignee_name = r.String(19);
  }
  i.reporter_username = r.String(20);
  i.reporter_name = r.String(21);
  return i;
}
}  // namespace

Error IssueNotFound(std::string_view key) {
  return Error::NotFound("tickets.unknownIssue", "no issue " + std::string(key));
}
Error CannotEdit() {
  return Error::PermissionDenied("tickets.cannotEdit",
                                 "only agents and administrators of the project may do this");
}

Result<std::optional<IssueRow>> LoadIssueRow(Connection& c, std::string_view key) {
  std::optional<IssueRow> out;
  static const std::string sql = std::string(kIssueColumns) + "WHERE i.key = ?";
  std::string upper(key);
  for (char& ch : upper) {
    if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  STEWARD_TRY(c.Query(sql, {upper}, [&](const Row& r) { out = RowToIssue(r); }));
  return out;
}

Result<std::optional<IssueRow>> LoadIssueRowById(Connection& c, std::int64_t id) {
  std::optional<IssueRow> out;
  static const std::string sql = std::string(kIssueColumns) + "WHERE i.id = ?";
  STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) { out = RowToIssue(r); }));
  return out;
}

Result<ProjectAccess> AccessFor(Connection& c, const Principal& p, std::int64_t project_id) {
  ProjectAccess a;
  a.project_id = project_id;
  a.user_id = p.user_id;
  a.global_admin = p.IsAdmin();
  if (a.global_admin) {
    a.roles = {"administrator", "agent"};
    return a;
  }
  if (p.kind == "bot") {
    a.roles = {"agent"};
    return a;
  }
  STEWARD_TRY(
      c.Query("SELECT DISTINCT r.role FROM project_roles r WHERE r.project_id = ? AND ("
              " r.user_id = ? OR r.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)"
              " OR r.organization_id IN (SELECT organization_id FROM organization_members "
              "WHERE user_id = ?))",
              {project_id, p.user_id, p.user_id, p.user_id}, [&](const Row& r) {
                std::string role = r.String(0);
                // Customers can hold only the customer role, whatever a misconfiguration says.
                if (p.kind != "customer" || role == "customer") {
                  a.roles.push_back(std::move(role));
                }
              }));
  return a;
}

Result<bool> SharedWith(Connection& c, std::int64_t issue_id, std::int64_t user_id) {
  STEWARD_ASSIGN_OR_RETURN(
      auto shared,
      // Approvers see what they are asked to approve (S6.4), as participants do.
      c.QueryInt("SELECT 1 WHERE EXISTS (SELECT 1 FROM issue_users WHERE issue_id = ? AND "
                 "role IN ('participant', 'approver') AND user_id = ?) OR EXISTS (SELECT 1 FROM "
                 "issue_organizations io JOIN organization_members m ON m.organization_id = "
                 "io.organization_id WHERE io.issue_id = ? AND m.user_id = ?)",
                 {issue_id, user_id, issue_id, user_id}));
  return shared.has_value();
}

Result<std::pair<IssueRow, ProjectAccess>> LoadVisible(Connection& c, const Principal& p,
                                                       std::string_view key) {
  STEWARD_ASSIGN_OR_RETURN(auto issue, LoadIssueRow(c, key));
  if (!issue) {
    return IssueNotFound(key);
  }
  STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, issue->project_id));
  if (access.IsStaff()) {
    return std::make_pair(std::move(*issue), std::move(access));
  }
  if (access.Has("customer")) {
    if (issue->reporter_id == p.user_id) {
      return std::make_pair(std::move(*issue), std::move(access));
    }
    STEWARD_ASSIGN_OR_RETURN(bool shared, SharedWith(c, issue->id, p.user_id));
    if (shared) {
      return std::make_pair(std::move(*issue), std::move(access));
    }
  }
  return IssueNotFound(key);
}

void ChangeLog::Add(std::string field, std::optional<std::string> from,
                    std::optional<std::string> from_s, std::optional<std::string> to,
                    std::optional<std::string> to_s, bool internal) {
  items_.push_back({std::move(field), std::move(from), std::move(from_s), std::move(to),
                    std::move(to_s), internal});
}

json::array ChangeLog::ToJson() const {
  json::array out;
  for (const auto& i : items_) {
    auto text = [](const std::optional<std::string>& display,
                   const std::optional<std::string>& raw) {
      const auto& v = display ? display : raw;
      return v ? json::value(*v) : json::value(nullptr);
    };
    out.push_back(json::object{
        {"field", i.field}, {"from", text(i.from_s, i.from)}, {"to", text(i.to_s, i.to)}});
  }
  return out;
}

Status ChangeLog::Write(Connection& c, std::int64_t issue_id, std::optional<std::int64_t> author,
                        TimestampMs now) const {
  if (items_.empty()) {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto group,
                           c.QueryInt("INSERT INTO change_groups(issue_id, author_id, created_at) "
                                      "VALUES (?,?,?) RETURNING id",
                                      {issue_id, author, now}));
  for (const auto& i : items_) {
    STEWARD_TRY(
        c.Exec("INSERT INTO change_items(group_id, field, from_value, from_string, "
               "to_value, to_string, internal) VALUES (?,?,?,?,?,?,?)",
               {*group, i.field, i.from, i.from_s, i.to, i.to_s, i.internal}));
  }
  return Ok();
}

Status Emit(Connection& c, std::string_view topic, std::int64_t issue_id, std::int64_t actor,
            const json::object& payload, TimestampMs now) {
  std::string text = json::serialize(payload);
  return c.Exec(
      "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) VALUES (?,?,?,?,?)",
      {topic, issue_id, actor, text, now});
}

Result<FieldValues> LoadFieldValues(Connection& c, std::int64_t issue_id,
                                    std::map<std::int64_t, std::vector<std::string>>* usernames) {
  FieldValues out;
  std::vector<std::int64_t> object_ids;
  std::set<std::int64_t> object_fields;
  STEWARD_TRY(c.Query(
      "SELECT v.field_id, v.text_value, v.int_value, v.real_value, u.username, "
      "u.display_name, t.name, f.type FROM issue_field_values v JOIN custom_fields f ON f.id = "
      "v.field_id LEFT JOIN users u ON f.type IN ('user', 'multiuser') AND u.id = v.int_value "
      "LEFT JOIN teams t ON f.type = 'team' AND t.id = v.int_value WHERE v.issue_id = ? "
      "ORDER BY v.field_id, v.seq",
      {issue_id}, [&](const Row& r) {
        StoredValue v;
        v.text = r.OptString(1);
        v.integer = r.OptInt(2);
        if (!r.IsNull(3)) {
          v.real = r.Real(3);
        }
        if (!r.IsNull(5)) {
          v.display = r.String(5);
        } else if (!r.IsNull(6)) {
          v.display = r.String(6);
        }
        if (usernames) {
          (*usernames)[r.Int(0)].push_back(r.IsNull(4) ? "" : r.String(4));
        }
        if (r.Text(7) == "object" && v.integer) {
          object_ids.push_back(*v.integer);
          object_fields.insert(r.Int(0));
        }
        out[r.Int(0)].push_back(std::move(v));
      }));
  // Object values show their current labels (kept by the directory, above tickets).
  ObjectDirectory* directory = InstalledObjectDirectory();
  if (!object_ids.empty() && directory) {
    STEWARD_ASSIGN_OR_RETURN(auto objects, directory->Describe(c, object_ids));
    for (auto& [field, values] : out) {
      if (!object_fields.count(field)) {
        continue;
      }
      for (auto& v : values) {
        if (v.integer) {
          auto it = objects.find(*v.integer);
          if (it != objects.end()) {
            v.display = it->second.label;
          }
        }
      }
    }
  }
  return out;
}

Status StoreFieldValues(Connection& c, std::int64_t issue_id, std::int64_t field_id,
                        const std::vector<StoredValue>& values) {
  STEWARD_TRY(c.Exec("DELETE FROM issue_field_values WHERE issue_id = ? AND field_id = ?",
                     {issue_id, field_id}));
  std::int64_t seq = 0;
  for (const auto& v : values) {
    STEWARD_TRY(
        c.Exec("INSERT INTO issue_field_values(issue_id, field_id, seq, text_value, "
               "int_value, real_value) VALUES (?,?,?,?,?,?)",
               {issue_id, field_id, seq++, v.text, v.integer,
                v.real ? storage::Param(*v.real) : storage::Param()}));
  }
  return Ok();
}

Resolver MakeResolver(Connection& c) {
  Resolver r;
  r.user = [&c](std::string_view username)
      -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, username));
    if (!u || !u->active) {
      return std::optional<std::pair<std::int64_t, std::string>>();
    }
    return std::optional<std::pair<std::int64_t, std::string>>({u->id, u->display_name});
  };
  r.team =
      [&c](std::string_view name) -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
    std::optional<std::pair<std::int64_t, std::string>> out;
    STEWARD_TRY(c.Query(
        "SELECT id, name FROM teams WHERE lower(name) = lower(?) OR "
        "CAST(id AS TEXT) = ?",
        {name, name}, [&](const Row& row) { out = std::make_pair(row.Int(0), row.String(1)); }));
    return out;
  };
  if (ObjectDirectory* directory = InstalledObjectDirectory()) {
    r.object = [&c, directory](const CustomFieldDef& f, std::string_view text) {
      return directory->Resolve(c, f, text);
    };
  }
  return r;
}

namespace {
// "@alana" and Jira's "[~alana]" mention users.
std::vector<std::string> MentionedUsernames(std::string_view body) {
  std::vector<std::string> out;
  auto is_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  };
  for (size_t i = 0; i < body.size(); ++i) {
    size_t start = std::string::npos;
    if (body[i] == '@' && (i == 0 || !is_name(body[i - 1]))) {
      start = i + 1;
    } else if (body[i] == '[' && i + 1 < body.size() && body[i + 1] == '~') {
      start = i + 2;
    }
    if (start == std::string::npos) {
      continue;
    }
    size_t end = start;
    while (end < body.size() && is_name(body[end])) {
      ++end;
    }
    while (end > start && body[end - 1] == '.') {
      --end;  // a sentence-ending full stop
    }
    if (end > start && end - start <= 64) {
      std::string name = AsciiLower(body.substr(start, end - start));
      if (std::find(out.begin(), out.end(), name) == out.end()) {
        out.push_back(name);
      }
    }
    i = end > i ? end - 1 : i;
  }
  return out;
}

}  // namespace

Status RecordMentions(Connection& c, std::int64_t comment_id, std::int64_t issue_id,
                      std::string_view body, json::array* mentioned) {
  for (const auto& name : MentionedUsernames(body)) {
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, name));
    if (!u || !u->active) {
      continue;
    }
    STEWARD_TRY(
        c.Exec("INSERT INTO comment_mentions(comment_id, user_id) VALUES (?,?) "
               "ON CONFLICT DO NOTHING",
               {comment_id, u->id}));
    STEWARD_TRY(
        c.Exec("INSERT INTO issue_users(issue_id, role, user_id) VALUES (?, 'watcher', ?) "
               "ON CONFLICT DO NOTHING",
               {issue_id, u->id}));
    if (mentioned) {
      mentioned->push_back(json::value(u->username));
    }
  }
  return Ok();
}

Result<std::int64_t> AddCommentTx(Connection& c, const IssueRow& issue, std::int64_t author,
                                  std::string_view body, bool internal, TimestampMs now,
                                  json::array* mentioned) {
  STEWARD_ASSIGN_OR_RETURN(
      auto id, c.QueryInt("INSERT INTO comments(issue_id, author_id, body, internal, created_at, "
                          "updated_at) VALUES (?,?,?,?,?,?) RETURNING id",
                          {issue.id, author, body, internal, now, now}));
  STEWARD_TRY(RecordMentions(c, *id, issue.id, body, mentioned));
  STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, issue.id}));
  STEWARD_TRY(Emit(c, "comment.created", issue.id, author,
                   json::object{{"key", issue.key}, {"commentId", *id}, {"internal", internal}},
                   now));
  return *id;
}

Result<std::optional<std::string>> Username(Connection& c, std::optional<std::int64_t> id) {
  if (!id) {
    return std::optional<std::string>();
  }
  return c.QueryString("SELECT username FROM users WHERE id = ?", {*id});
}

Result<std::string> DisplayName(Connection& c, std::optional<std::int64_t> id) {
  if (!id) {
    return std::string();
  }
  STEWARD_ASSIGN_OR_RETURN(auto n,
                           c.QueryString("SELECT display_name FROM users WHERE id = ?", {*id}));
  return n.value_or("");
}

}  // namespace internal
}  // namespace steward::tickets

namespace steward::tickets {
Result<ProjectAccess> ProjectAccessFor(storage::Connection& c, const Principal& p,
                                       std::int64_t project_id) {
  return internal::AccessFor(c, p, project_id);
}
}  // namespace steward::tickets
