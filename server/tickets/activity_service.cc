// TicketService: comments (with @mentions), links, history, watchers and attachments.
#include "base/text.h"
#include "base/time_format.h"
#include "http/files.h"
#include "http/json.h"
#include "identity/identity.h"
#include "tickets/issue_service_internal.h"

#include <set>

namespace steward::tickets {
using namespace internal;  // NOLINT(google-build-using-namespace): module-private helpers
using http::JsonReader;

namespace {

json::object CommentJson(const Row& r) {
  // id, body, internal, created, updated, username, display_name
  return json::object{
      {"id", r.Int(0)},
      {"body", r.String(1)},
      {"internal", r.Int(2) != 0},
      {"created", FormatIsoUtc(r.Int(3))},
      {"updated", FormatIsoUtc(r.Int(4))},
      {"author", json::object{{"username", r.String(5)}, {"displayName", r.String(6)}}}};
}

constexpr std::string_view kCommentSelect =
    "SELECT c.id, c.body, c.internal, c.created_at, c.updated_at, u.username, u.display_name "
    "FROM comments c JOIN users u ON u.id = c.author_id ";

Error NoComment() { return Error::NotFound("tickets.unknownComment", "no such comment"); }

struct ExistingComment {
  std::string body;
  bool internal = true;
};

// A comment of the issue the caller may change: its author, or an agent. Internal notes do not
// exist for customers.
Result<ExistingComment> LoadOwnComment(Connection& c, const Principal& p, const IssueRow& issue,
                                       const ProjectAccess& access, std::int64_t id,
                                       std::string_view verb) {
  std::optional<std::int64_t> author;
  ExistingComment out;
  STEWARD_TRY(
      c.Query("SELECT author_id, body, internal FROM comments WHERE id = ? AND "
              "issue_id = ? AND deleted_at IS NULL",
              {id, issue.id}, [&](const Row& r) {
                author = r.Int(0);
                out.body = r.String(1);
                out.internal = r.Int(2) != 0;
              }));
  if (!author || (out.internal && !access.IsStaff())) {
    return NoComment();
  }
  if (*author != p.user_id && !access.CanEdit()) {
    return Error::PermissionDenied("tickets.notYourComment", "only the author or an agent may " +
                                                                 std::string(verb) + " a comment");
  }
  return out;
}

}  // namespace

Result<json::object> TicketService::ListComments(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    bool customer = !visible.second.IsStaff();
    static const std::string sql = std::string(kCommentSelect) +
                                   "WHERE c.issue_id = ? AND c.deleted_at IS NULL AND "
                                   "(c.internal = 0 OR ? = 0) ORDER BY c.id";
    json::array values;
    STEWARD_TRY(c.Query(sql, {visible.first.id, customer ? 1 : 0},
                        [&](const Row& r) { values.push_back(CommentJson(r)); }));
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::AddComment(const Principal& p, std::string_view key,
                                               const json::object& body) {
  return AddCommentIn(nullptr, p, key, body);
}

Result<json::object> TicketService::AddCommentIn(Connection* outer, const Principal& p,
                                                 std::string_view key, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"body", "internal"}));
  STEWARD_ASSIGN_OR_RETURN(auto text, in.RequiredString("body", 32768));
  STEWARD_ASSIGN_OR_RETURN(auto internal_opt, in.OptionalBool("internal"));
  TimestampMs now = clock_.Now();
  return WriteIn(outer, [&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    bool internal = internal_opt.value_or(access.IsStaff());
    if (!access.IsStaff() && internal) {
      return Error::PermissionDenied("tickets.customerInternal",
                                     "customers cannot write internal notes");
    }
    if (access.IsStaff() && !access.CanEdit() && !internal) {
      return Error::PermissionDenied("tickets.collaboratorReply",
                                     "collaborators may add internal notes only");
    }
    json::array mentioned;
    STEWARD_ASSIGN_OR_RETURN(auto id,
                             AddCommentTx(c, issue, p.user_id, text, internal, now, &mentioned));
    std::optional<json::object> out;
    static const std::string sql = std::string(kCommentSelect) + "WHERE c.id = ?";
    STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) { out = CommentJson(r); }));
    (*out)["mentions"] = std::move(mentioned);
    return *out;
  });
}

Result<json::object> TicketService::EditComment(const Principal& p, std::string_view key,
                                                std::int64_t id, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"body", "internal"}));
  STEWARD_ASSIGN_OR_RETURN(auto text, in.OptionalString("body", 32768));
  if (in.Has("body") && (!text || Trim(*text).empty())) {
    return Error::InvalidArgument("http.emptyField", "\"body\" must not be empty", "body");
  }
  STEWARD_ASSIGN_OR_RETURN(auto internal, in.OptionalBool("internal"));
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    STEWARD_ASSIGN_OR_RETURN(auto existing, LoadOwnComment(c, p, issue, access, id, "edit"));
    const std::string& old_body = existing.body;
    bool old_internal = existing.internal;
    if (internal && !*internal && !access.CanEdit()) {
      return Error::PermissionDenied("tickets.collaboratorReply",
                                     "only agents may make a comment visible to customers");
    }
    if (internal && *internal && !access.IsStaff()) {
      return Error::PermissionDenied("tickets.customerInternal",
                                     "customers cannot write internal notes");
    }
    bool new_internal = internal.value_or(old_internal);
    std::string new_body = text.value_or(old_body);
    STEWARD_TRY(c.Exec("UPDATE comments SET body = ?, internal = ?, updated_at = ? WHERE id = ?",
                       {new_body, new_internal, now, id}));
    ChangeLog log;
    log.Add("comment", std::to_string(id), old_body, std::to_string(id), new_body,
            old_internal || new_internal);
    STEWARD_TRY(log.Write(c, issue.id, p.user_id, now));
    STEWARD_TRY(RecordMentions(c, id, issue.id, new_body, nullptr));
    STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, issue.id}));
    STEWARD_TRY(
        Emit(c, "comment.updated", issue.id, p.user_id,
             json::object{{"key", issue.key}, {"commentId", id}, {"internal", new_internal}}, now));
    std::optional<json::object> out;
    static const std::string sql = std::string(kCommentSelect) + "WHERE c.id = ?";
    STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) { out = CommentJson(r); }));
    return *out;
  });
}

Status TicketService::DeleteComment(const Principal& p, std::string_view key, std::int64_t id) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    STEWARD_ASSIGN_OR_RETURN(auto existing, LoadOwnComment(c, p, issue, access, id, "delete"));
    const std::string& old_body = existing.body;
    bool old_internal = existing.internal;
    STEWARD_TRY(c.Exec("UPDATE comments SET deleted_at = ? WHERE id = ?", {now, id}));
    ChangeLog log;
    log.Add("comment", std::to_string(id), old_body, std::nullopt, std::nullopt, old_internal);
    STEWARD_TRY(log.Write(c, issue.id, p.user_id, now));
    STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, issue.id}));
    return Emit(c, "comment.deleted", issue.id, p.user_id,
                json::object{{"key", issue.key}, {"commentId", id}, {"internal", old_internal}},
                now);
  });
}

Result<json::object> TicketService::ListLinks(const Principal& p, std::string_view key) {
  STEWARD_ASSIGN_OR_RETURN(auto issue, GetIssue(p, key));
  return json::object{{"values", issue["links"]}};
}

Result<json::object> TicketService::AddLink(const Principal& p, std::string_view key,
                                            const json::object& body) {
  return AddLinkIn(nullptr, p, key, body);
}

Result<json::object> TicketService::AddLinkIn(Connection* outer, const Principal& p,
                                              std::string_view key, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"type", "issue"}));
  STEWARD_ASSIGN_OR_RETURN(auto type, in.RequiredString("type", 64));
  STEWARD_ASSIGN_OR_RETURN(auto other_key, in.RequiredString("issue", 32));
  auto cat = catalog_.Get();
  const LinkTypeDef* lt = nullptr;
  bool outward = true;
  for (const auto& l : cat->link_types) {
    if (EqualsIgnoreCase(l.name, type) || EqualsIgnoreCase(l.outward, type)) {
      lt = &l;
      outward = true;
      break;
    }
    if (EqualsIgnoreCase(l.inward, type)) {
      lt = &l;
      outward = false;
      break;
    }
  }
  if (!lt) {
    std::string names;
    for (const auto& l : cat->link_types) {
      names += (names.empty() ? "" : ", ") + l.outward + ", " + l.inward;
    }
    return Error::InvalidArgument("tickets.unknownLinkType",
                                  "no link type \"" + type + "\" (types: " + names + ")", "type");
  }
  TimestampMs now = clock_.Now();
  return WriteIn(outer, [&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    if (!access.CanEdit()) {
      return CannotEdit();
    }
    auto other = LoadVisible(c, p, other_key);
    if (!other.ok()) {
      return Error::InvalidArgument("tickets.unknownIssue", "no issue " + other_key, "issue");
    }
    const IssueRow& o = other->first;
    if (o.id == issue.id) {
      return Error::InvalidArgument("tickets.selfLink", "an issue cannot link to itself", "issue");
    }
    std::int64_t source = outward ? issue.id : o.id;
    std::int64_t target = outward ? o.id : issue.id;
    if (lt->outward == lt->inward) {
      // A symmetric relation ("relates to") exists once, whichever side it was added from.
      STEWARD_ASSIGN_OR_RETURN(auto reverse,
                               c.QueryInt("SELECT id FROM issue_links WHERE link_type_id = ? AND "
                                          "source_id = ? AND target_id = ?",
                                          {lt->id, target, source}));
      if (reverse) {
        return Error::AlreadyExists("tickets.linkExists", "these issues are already linked so");
      }
    }
    auto inserted = c.QueryInt(
        "INSERT INTO issue_links(link_type_id, source_id, target_id, "
        "author_id, created_at) VALUES (?,?,?,?,?) RETURNING id",
        {lt->id, source, target, p.user_id, now});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kAlreadyExists) {
        return Error::AlreadyExists("tickets.linkExists", "these issues are already linked so");
      }
      return std::move(inserted).error();
    }
    // Each side records the other issue and the relation as read from that side.
    for (const IssueRow* side : std::array<const IssueRow*, 2>{&issue, &o}) {
      const IssueRow& far = side->id == issue.id ? o : issue;
      const std::string& relation = side->id == source ? lt->outward : lt->inward;
      ChangeLog log;
      log.Add("link", std::nullopt, std::nullopt, far.key, relation + " " + far.key);
      STEWARD_TRY(log.Write(c, side->id, p.user_id, now));
      STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, side->id}));
    }
    STEWARD_TRY(Emit(c, "link.created", issue.id, p.user_id,
                     json::object{{"key", issue.key},
                                  {"linkId", *inserted.value()},
                                  {"type", lt->name},
                                  {"issue", o.key}},
                     now));
    return json::object{{"id", *inserted.value()},
                        {"type", lt->name},
                        {"direction", outward ? "outward" : "inward"},
                        {"relation", outward ? lt->outward : lt->inward},
                        {"issue", json::object{{"key", o.key}, {"summary", o.summary}}}};
  });
}

Status TicketService::DeleteLink(const Principal& p, std::int64_t link_id) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    std::optional<std::int64_t> source, target;
    STEWARD_TRY(c.Query("SELECT source_id, target_id FROM issue_links WHERE id = ?", {link_id},
                        [&](const Row& r) {
                          source = r.Int(0);
                          target = r.Int(1);
                        }));
    if (!source) {
      return Error::NotFound("tickets.unknownLink", "no such link");
    }
    STEWARD_ASSIGN_OR_RETURN(auto s, LoadIssueRowById(c, *source));
    STEWARD_ASSIGN_OR_RETURN(auto t, LoadIssueRowById(c, *target));
    auto visible = LoadVisible(c, p, s->key);
    if (!visible.ok()) {
      return Error::NotFound("tickets.unknownLink", "no such link");
    }
    if (!visible->second.CanEdit()) {
      return CannotEdit();
    }
    STEWARD_TRY(c.Exec("DELETE FROM issue_links WHERE id = ?", {link_id}));
    ChangeLog a, b;
    a.Add("link", t->key, t->key, std::nullopt, std::nullopt);
    b.Add("link", s->key, s->key, std::nullopt, std::nullopt);
    STEWARD_TRY(a.Write(c, s->id, p.user_id, now));
    STEWARD_TRY(b.Write(c, t->id, p.user_id, now));
    STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id IN (?, ?)", {now, s->id, t->id}));
    return Emit(c, "link.deleted", s->id, p.user_id,
                json::object{{"key", s->key}, {"linkId", link_id}, {"issue", t->key}}, now);
  });
}

Result<json::object> TicketService::History(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    bool customer = !visible.second.IsStaff();
    json::array values;
    std::map<std::int64_t, size_t> index;
    STEWARD_TRY(c.Query(
        "SELECT g.id, g.created_at, u.username, u.display_name, i.field, i.from_value, "
        "i.from_string, i.to_value, i.to_string, i.internal FROM change_groups g JOIN "
        "change_items i ON i.group_id = g.id LEFT JOIN users u ON u.id = g.author_id "
        "WHERE g.issue_id = ? ORDER BY g.id, i.rowid",
        {visible.first.id}, [&](const Row& r) {
          if (customer && (r.Int(9) != 0 || r.Text(4) == "link")) {
            return;  // internal notes, and links that may name issues the customer cannot see
          }
          auto opt = [&](int col) {
            return r.IsNull(col) ? json::value(nullptr) : json::value(r.String(col));
          };
          std::int64_t gid = r.Int(0);
          auto it = index.find(gid);
          if (it == index.end()) {
            json::object g{
                {"id", gid},
                {"created", FormatIsoUtc(r.Int(1))},
                {"author", r.IsNull(2) ? json::value(nullptr)
                                       : json::value(json::object{{"username", r.String(2)},
                                                                  {"displayName", r.String(3)}})},
                {"items", json::array()}};
            index[gid] = values.size();
            values.push_back(std::move(g));
            it = index.find(gid);
          }
          values[it->second].as_object()["items"].as_array().push_back(
              json::object{{"field", r.String(4)},
                           {"from", opt(5)},
                           {"fromString", opt(6)},
                           {"to", opt(7)},
                           {"toString", opt(8)}});
        }));
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::ListWatchers(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    json::array values;
    bool watching = false;
    STEWARD_TRY(c.Query(
        "SELECT u.id, u.username, u.display_name FROM issue_users iu JOIN users u "
        "ON u.id = iu.user_id WHERE iu.issue_id = ? AND iu.role = 'watcher' "
        "ORDER BY u.username",
        {visible.first.id}, [&](const Row& r) {
          watching = watching || r.Int(0) == p.user_id;
          values.push_back(json::object{{"username", r.String(1)}, {"displayName", r.String(2)}});
        }));
    if (!visible.second.IsStaff()) {
      values.clear();  // customers learn only whether they watch
    }
    return json::object{{"isWatching", watching}, {"values", std::move(values)}};
  });
}

Status TicketService::AddWatcher(const Principal& p, std::string_view key,
                                 std::string_view username) {
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    STEWARD_ASSIGN_OR_RETURN(auto u,
                             identity::FindUser(c, username.empty() ? p.username : username));
    if (!u || !u->active) {
      return Error::InvalidArgument("tickets.unknownUser",
                                    "no user \"" + std::string(username) + "\"", "username");
    }
    if (u->id != p.user_id && !visible.second.CanEdit()) {
      return CannotEdit();
    }
    if (u->id != p.user_id && u->kind == "customer") {
      return Error::InvalidArgument("tickets.customerWatcher",
                                    "add customers as request participants instead", "username");
    }
    return c.Exec(
        "INSERT INTO issue_users(issue_id, role, user_id) VALUES (?, 'watcher', ?) "
        "ON CONFLICT DO NOTHING",
        {visible.first.id, u->id});
  });
}

Status TicketService::RemoveWatcher(const Principal& p, std::string_view key,
                                    std::string_view username) {
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, username));
    if (!u) {
      return Error::NotFound("tickets.unknownUser", "no user \"" + std::string(username) + "\"");
    }
    if (u->id != p.user_id && !visible.second.CanEdit()) {
      return CannotEdit();
    }
    STEWARD_TRY(
        c.Exec("DELETE FROM issue_users WHERE issue_id = ? AND role = 'watcher' AND "
               "user_id = ?",
               {visible.first.id, u->id}));
    if (c.ChangedRows() == 0) {
      return Error::NotFound("tickets.notWatching", "\"" + std::string(username) +
                                                        "\" does not watch " + std::string(key));
    }
    return Ok();
  });
}

namespace {
json::object AttachmentJson(const Row& r) {
  // id, filename, mime_type, size, created_at, username, display_name, issue key
  return json::object{
      {"id", r.Int(0)},
      {"filename", r.String(1)},
      {"mimeType", r.String(2)},
      {"size", r.Int(3)},
      {"created", FormatIsoUtc(r.Int(4))},
      {"author", json::object{{"username", r.String(5)}, {"displayName", r.String(6)}}},
      {"issue", r.String(7)},
      {"content", "/api/v1/attachments/" + std::to_string(r.Int(0)) + "/content"}};
}
constexpr std::string_view kAttachmentSelect =
    "SELECT a.id, a.filename, a.mime_type, a.size, a.created_at, u.username, u.display_name, "
    "i.key, a.sha256, a.author_id FROM attachments a JOIN users u ON u.id = a.author_id JOIN "
    "issues "
    "i ON i.id = a.issue_id ";

}  // namespace

Result<json::object> TicketService::ListAttachments(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    json::array values;
    static const std::string sql = std::string(kAttachmentSelect) +
                                   "WHERE a.issue_id = ? AND a.deleted_at IS NULL ORDER BY a.id";
    STEWARD_TRY(c.Query(sql, {visible.first.id},
                        [&](const Row& r) { values.push_back(AttachmentJson(r)); }));
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::AddAttachment(const Principal& p, std::string_view key,
                                                  std::string_view filename,
                                                  std::string_view bytes) {
  if (!http::ValidFilename(filename)) {
    return Error::InvalidArgument(
        "tickets.badFilename", "give a file name of 1-255 characters without slashes", "filename");
  }
  if (bytes.size() > kMaxAttachmentBytes) {
    return Error::PayloadTooLarge("tickets.attachmentTooLarge",
                                  "an attachment may be at most 20 MB");
  }
  // Check visibility before storing bytes.
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    STEWARD_TRY(LoadVisible(c, p, key));
    return Ok();
  }));
  STEWARD_ASSIGN_OR_RETURN(auto stored, attachments_.Put(bytes));
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c.QueryInt("INSERT INTO attachments(issue_id, filename, mime_type, size, sha256, "
                   "author_id, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                   {visible.first.id, filename, stored.mime_type,
                    static_cast<std::int64_t>(bytes.size()), stored.sha256, p.user_id, now}));
    ChangeLog log;
    log.Add("attachment", std::nullopt, std::nullopt, std::to_string(*id), std::string(filename));
    STEWARD_TRY(log.Write(c, visible.first.id, p.user_id, now));
    STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, visible.first.id}));
    STEWARD_TRY(Emit(c, "attachment.created", visible.first.id, p.user_id,
                     json::object{{"key", visible.first.key}, {"attachmentId", *id}}, now));
    std::optional<json::object> out;
    static const std::string sql = std::string(kAttachmentSelect) + "WHERE a.id = ?";
    STEWARD_TRY(c.Query(sql, {*id}, [&](const Row& r) { out = AttachmentJson(r); }));
    return *out;
  });
}

namespace {
struct AttachmentRow {
  json::object view;
  std::string issue_key;
  std::string sha256;
  std::int64_t author = 0;
};
Result<AttachmentRow> LoadAttachment(Connection& c, const Principal& p, std::int64_t id,
                                     ProjectAccess* access_out) {
  std::optional<AttachmentRow> row;
  static const std::string sql =
      std::string(kAttachmentSelect) + "WHERE a.id = ? AND a.deleted_at IS NULL";
  STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) {
    row = AttachmentRow{AttachmentJson(r), r.String(7), r.String(8), r.Int(9)};
  }));
  if (!row) {
    return Error::NotFound("tickets.unknownAttachment", "no such attachment");
  }
  auto visible = LoadVisible(c, p, row->issue_key);
  if (!visible.ok()) {
    return Error::NotFound("tickets.unknownAttachment", "no such attachment");
  }
  if (access_out) {
    *access_out = visible->second;
  }
  return *row;
}
}  // namespace

Result<json::object> TicketService::GetAttachment(const Principal& p, std::int64_t id) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, LoadAttachment(c, p, id, nullptr));
    return row.view;
  });
}

Result<TicketService::AttachmentContent> TicketService::ReadAttachment(const Principal& p,
                                                                       std::int64_t id) {
  STEWARD_ASSIGN_OR_RETURN(
      auto row, db_.Read([&](Connection& c) { return LoadAttachment(c, p, id, nullptr); }));
  STEWARD_ASSIGN_OR_RETURN(auto bytes, attachments_.Get(row.sha256));
  return AttachmentContent{std::string(row.view["filename"].as_string()),
                           std::string(row.view["mimeType"].as_string()), std::move(bytes)};
}

Status TicketService::DeleteAttachment(const Principal& p, std::int64_t id) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    ProjectAccess access;
    STEWARD_ASSIGN_OR_RETURN(auto row, LoadAttachment(c, p, id, &access));
    if (row.author != p.user_id && !access.CanEdit()) {
      return Error::PermissionDenied("tickets.notYourAttachment",
                                     "only the author or an agent may delete an attachment");
    }
    STEWARD_TRY(c.Exec("UPDATE attachments SET deleted_at = ? WHERE id = ?", {now, id}));
    STEWARD_ASSIGN_OR_RETURN(auto issue, LoadIssueRow(c, row.issue_key));
    ChangeLog log;
    log.Add("attachment", std::to_string(id), std::string(row.view["filename"].as_string()),
            std::nullopt, std::nullopt);
    STEWARD_TRY(log.Write(c, issue->id, p.user_id, now));
    STEWARD_TRY(c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, issue->id}));
    return Emit(c, "attachment.deleted", issue->id, p.user_id,
                json::object{{"key", issue->key}, {"attachmentId", id}}, now);
  });
}

}  // namespace steward::tickets
