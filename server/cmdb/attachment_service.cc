// Attachments of CMDB objects: bytes in the shared content-addressed store, a row per file, a
// history entry per change.
#include "base/time_format.h"
#include "cmdb/object_store.h"
#include "http/files.h"

#include <boost/json.hpp>

namespace steward::cmdb {
namespace {

using internal::FindByKey;
using internal::ObjectNotFound;
using storage::Connection;
using storage::Row;

constexpr const char* kSelect =
    "SELECT a.id, a.filename, a.mime_type, a.size, a.created_at, u.username, u.display_name "
    "FROM cmdb_attachments a LEFT JOIN users u ON u.id = a.author_id ";

json::object AttachmentJson(const Row& r) {
  return json::object{
      {"id", r.Int(0)},
      {"filename", r.String(1)},
      {"mimeType", r.String(2)},
      {"size", r.Int(3)},
      {"created", FormatIsoUtc(r.Int(4))},
      {"author", r.IsNull(5) ? json::value(nullptr)
                             : json::value(json::object{{"username", r.String(5)},
                                                        {"displayName", r.String(6)}})},
      {"content", "/api/v1/cmdb/attachments/" + std::to_string(r.Int(0)) + "/content"}};
}

Error AttachmentNotFound(std::int64_t id) {
  return Error::NotFound("cmdb.attachmentNotFound", "no attachment " + std::to_string(id));
}

}  // namespace

Result<json::object> CmdbService::ListAttachments(const Principal& p, std::string_view key) {
  STEWARD_TRY(internal::RequireRead(p));
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    json::array out;
    STEWARD_TRY(c.Query(std::string(kSelect) + "WHERE a.object_id = ? ORDER BY a.id", {row->id},
                        [&](const Row& r) { out.push_back(AttachmentJson(r)); }));
    return json::object{{"attachments", std::move(out)}};
  });
}

Result<json::object> CmdbService::AddAttachment(const Principal& p, std::string_view key,
                                                std::string_view filename, std::string_view bytes) {
  STEWARD_TRY(internal::RequireEdit(p));
  if (!http::ValidFilename(filename)) {
    return Error::InvalidArgument(
        "cmdb.badFilename", "give a file name of 1-255 characters without slashes", "filename");
  }
  if (bytes.size() > storage::kMaxAttachmentBytes) {
    return Error::PayloadTooLarge("cmdb.attachmentTooLarge", "an attachment may be at most 20 MB");
  }
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    return row ? Ok() : Status(ObjectNotFound(key));
  }));
  // The bytes are durable before the row that names them commits.
  STEWARD_ASSIGN_OR_RETURN(auto stored, attachments_.Put(bytes));
  std::int64_t now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c.QueryInt("INSERT INTO cmdb_attachments(object_id, filename, mime_type, size, "
                   "sha256, author_id, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                   {row->id, filename, stored.mime_type, static_cast<std::int64_t>(bytes.size()),
                    stored.sha256, p.user_id, now}));
    STEWARD_TRY(
        c.Exec("INSERT INTO cmdb_history(object_id, author_id, created_at, attribute, "
               "from_value, to_value) VALUES (?,?,?,'attachment',NULL,?)",
               {row->id, p.user_id, now, filename}));
    STEWARD_TRY(c.Exec("UPDATE cmdb_objects SET updated_at = ?, updated_by = ? WHERE id = ?",
                       {now, p.user_id, row->id}));
    std::optional<json::object> out;
    STEWARD_TRY(c.Query(std::string(kSelect) + "WHERE a.id = ?", {*id},
                        [&](const Row& r) { out = AttachmentJson(r); }));
    return *out;
  });
}

Result<CmdbService::AttachmentContent> CmdbService::ReadAttachment(const Principal& p,
                                                                   std::int64_t id) {
  STEWARD_TRY(internal::RequireRead(p));
  AttachmentContent out;
  std::string sha;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    bool found = false;
    STEWARD_TRY(c.Query("SELECT filename, mime_type, sha256 FROM cmdb_attachments WHERE id = ?",
                        {id}, [&](const Row& r) {
                          found = true;
                          out.filename = r.String(0);
                          out.mime_type = r.String(1);
                          sha = r.String(2);
                        }));
    return found ? Ok() : Status(AttachmentNotFound(id));
  }));
  STEWARD_ASSIGN_OR_RETURN(out.bytes, attachments_.Get(sha));
  return out;
}

Status CmdbService::DeleteAttachment(const Principal& p, std::int64_t id) {
  STEWARD_TRY(internal::RequireEdit(p));
  std::int64_t now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    std::optional<std::pair<std::int64_t, std::string>> found;
    STEWARD_TRY(c.Query("SELECT object_id, filename FROM cmdb_attachments WHERE id = ?", {id},
                        [&](const Row& r) {
                          found = {r.Int(0), r.String(1)};
                        }));
    if (!found) {
      return AttachmentNotFound(id);
    }
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_attachments WHERE id = ?", {id}));
    STEWARD_TRY(
        c.Exec("INSERT INTO cmdb_history(object_id, author_id, created_at, attribute, "
               "from_value, to_value) VALUES (?,?,?,'attachment',?,NULL)",
               {found->first, p.user_id, now, found->second}));
    return c.Exec("UPDATE cmdb_objects SET updated_at = ?, updated_by = ? WHERE id = ?",
                  {now, p.user_id, found->first});
  });
}

}  // namespace steward::cmdb
