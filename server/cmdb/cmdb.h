// The CMDB (SPEC S5, "Assets"): object schemas with keys, object type trees with attribute
// inheritance, typed attributes (text … reference) that are optional, required or unique,
// objects with keys (SVC-438), labels, references, full history; AQL search; the reference
// graph for impact analysis; CSV/JSON import (all-or-nothing per file) and export.
//
// Access: agents and administrators read everything and create, edit and delete objects;
// administrators alone change schemas, object types and attributes and run imports. Customers
// see objects only through the object fields of forms they may fill (ticket_cmdb).
//
// The CMDB knows nothing of issues (ARCHITECTURE rule 1): connectedTickets() in AQL and an
// object's connected issues come through hooks the ticket_cmdb bridge installs.
//
// Thread-safety: safe from any thread; all state is in the database and the hooks are set once
// at start-up. The model is kept in memory, shared, and re-read when its version in the
// caller's transaction (cmdb_model_version, set anew by triggers) is not the one kept.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "cmdb/model.h"
#include "http/message.h"
#include "sql/ast.h"
#include "storage/attachment_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <variant>

namespace steward::cmdb {

std::vector<storage::Migration> Migrations();

namespace json = boost::json;
using http::Principal;

struct ObjectQuery {
  std::string aql;
  std::string schema;  // a schema key or name; empty: every schema
  int start = 0;
  int limit = 25;
};

struct ExportQuery {
  std::int64_t object_type_id = 0;  // or
  std::string aql;
  std::string format = "csv";  // csv | json
};

struct ExportFile {
  std::string content_type;
  std::string filename;
  std::string body;
};

// An object as other modules see it.
struct ObjectRef {
  std::int64_t id = 0;
  std::string key;
  std::string label;
  std::string object_type;
  std::int64_t schema_id = 0;
};

class CmdbService {
 public:
  CmdbService(storage::Database& db, const Clock& clock, storage::AttachmentStore& attachments)
      : db_(db), clock_(clock), attachments_(attachments) {}

  // connectedTickets(jql): the ids of objects held by object fields of the issues matching the
  // JQL that the caller may see, as a SELECT; or a message about the JQL.
  using ConnectedTickets = std::function<std::variant<sql::SelectPtr, std::string>(
      storage::Connection&, const Principal&, std::string_view jql)>;
  void SetConnectedTickets(ConnectedTickets hook) { connected_tickets_ = std::move(hook); }

  // Schemas and their type trees (with object counts).
  Result<json::object> ListSchemas(const Principal& p);
  Result<json::object> CreateSchema(const Principal& p, const json::object& body);
  Result<json::object> GetSchema(const Principal& p, std::string_view key);
  Result<json::object> UpdateSchema(const Principal& p, std::string_view key,
                                    const json::object& body);
  Status DeleteSchema(const Principal& p, std::string_view key);

  // Object types and attributes.
  Result<json::object> CreateObjectType(const Principal& p, std::string_view schema_key,
                                        const json::object& body);
  Result<json::object> GetObjectType(const Principal& p, std::int64_t id);
  Result<json::object> UpdateObjectType(const Principal& p, std::int64_t id,
                                        const json::object& body);
  Status DeleteObjectType(const Principal& p, std::int64_t id);
  Result<json::object> CreateAttribute(const Principal& p, std::int64_t type_id,
                                       const json::object& body);
  Result<json::object> UpdateAttribute(const Principal& p, std::int64_t id,
                                       const json::object& body);
  Status DeleteAttribute(const Principal& p, std::int64_t id);

  // Objects.
  Result<json::object> FindObjects(const Principal& p, const ObjectQuery& q);
  Result<json::object> CreateObject(const Principal& p, const json::object& body);
  Result<json::object> GetObject(const Principal& p, std::string_view key);
  Result<json::object> UpdateObject(const Principal& p, std::string_view key,
                                    const json::object& body);
  // Refused (409 cmdb.referenced) while other objects reference it, unless `cascade`, which
  // removes those references (recorded in the referencing objects' history).
  Status DeleteObject(const Principal& p, std::string_view key, bool cascade);
  Result<json::object> History(const Principal& p, std::string_view key);
  // The objects within `depth` references of `key` (direction: both, inbound, outbound).
  Result<json::object> Graph(const Principal& p, std::string_view key, int depth,
                             std::string_view direction);

  // Attachments of an object (content-addressed files beside the database, up to 20 MB).
  struct AttachmentContent {
    std::string filename;
    std::string mime_type;
    std::string bytes;
  };
  Result<json::object> ListAttachments(const Principal& p, std::string_view key);
  Result<json::object> AddAttachment(const Principal& p, std::string_view key,
                                     std::string_view filename, std::string_view bytes);
  Result<AttachmentContent> ReadAttachment(const Principal& p, std::int64_t id);
  Status DeleteAttachment(const Principal& p, std::int64_t id);

  // Import and export (S5.7).
  Result<json::object> Import(const Principal& p, const json::object& body);
  Result<ExportFile> Export(const Principal& p, const ExportQuery& q);

  // For modules above, inside their own transaction:
  // Compiles AQL (with currentUser() as `p`) to a SELECT of object ids; errors carry positions.
  Result<sql::SelectPtr> CompileIds(storage::Connection& c, const Principal& p,
                                    std::string_view aql, std::int64_t schema_id = 0);
  // Objects matching AQL whose key or label contains `text`, by label, at most `limit`.
  Result<std::vector<ObjectRef>> Pick(storage::Connection& c, const Principal& p,
                                      std::string_view aql, std::int64_t schema_id,
                                      std::string_view text, int limit);
  // An object by key, or by label (case-insensitive; ambiguous labels are an error) within a
  // schema (0: any); nullopt if none.
  static Result<std::optional<ObjectRef>> Resolve(storage::Connection& c, std::string_view text,
                                                  std::int64_t schema_id);
  static Result<std::vector<ObjectRef>> Describe(storage::Connection& c,
                                                 const std::vector<std::int64_t>& ids);
  // A schema's id by key or name; nullopt if none.
  static Result<std::optional<std::int64_t>> SchemaId(storage::Connection& c, std::string_view key);
  // The first value of an attribute as text (options, text, numbers; references give the key).
  static Result<std::optional<std::string>> AttributeText(storage::Connection& c,
                                                          std::int64_t object_id,
                                                          std::string_view attribute);

  // The objects of one type (by name, not its subtypes) in a schema, by label: a direct read
  // for modules that keep small tables as objects (the change risk model).
  static Result<std::vector<ObjectRef>> ObjectsOfType(storage::Connection& c,
                                                      std::int64_t schema_id,
                                                      std::string_view type_name);
  // Every value of an attribute as text, in order (references give the key).
  static Result<std::vector<std::string>> AttributeTexts(storage::Connection& c,
                                                         std::int64_t object_id,
                                                         std::string_view attribute);
  // The objects that `ids` reference or that reference them (one hop, any reference attribute):
  // a service's dependencies and dependants.
  static Result<std::vector<std::int64_t>> Neighbours(storage::Connection& c,
                                                      const std::vector<std::int64_t>& ids);

  // Whether the caller may read the CMDB (staff) or change objects (agents, administrators).
  static bool CanRead(const Principal& p) {
    return p.kind == "agent" || p.kind == "admin" || p.kind == "bot";
  }
  static bool CanEdit(const Principal& p) {
    return p.kind == "agent" || p.kind == "admin" || p.kind == "bot";
  }

 private:
  // The model as the caller's transaction sees it: the kept one when the versions match.
  Result<std::shared_ptr<const Model>> ModelFor(storage::Connection& c);

  storage::Database& db_;
  const Clock& clock_;
  storage::AttachmentStore& attachments_;
  ConnectedTickets connected_tickets_;
  std::mutex model_mu_;
  std::optional<std::int64_t> model_version_;
  std::shared_ptr<const Model> model_;
};

}  // namespace steward::cmdb
