// Objects: AQL search, create, read with references, update, delete (with an explicit cascade),
// history and the reference graph; and the lookups other modules make inside their transaction.
#include "base/text.h"
#include "base/time_format.h"
#include "cmdb/aql/compiler.h"
#include "cmdb/object_store.h"
#include "http/json.h"
#include "sql/run.h"

#include <boost/json.hpp>

#include <map>
#include <set>

namespace steward::cmdb {
namespace {

using http::JsonReader;
using internal::FindByKey;
using internal::ObjectNotFound;
using internal::RequireEdit;
using internal::RequireRead;
using storage::Connection;
using storage::Row;

constexpr int kCountCap = 1000;  // totals beyond are "1,000+" (totalCapped): counting costs
constexpr size_t kGraphMaxNodes = 500;

Error ToError(const aql::QueryError& e) {
  Error out = Error::InvalidArgument(e.code, e.message);
  out.field = "aql";
  out.position = SourcePosition{static_cast<int>(e.span.offset), static_cast<int>(e.span.line),
                                static_cast<int>(e.span.column), static_cast<int>(e.span.length)};
  return out;
}

std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string s;
  for (auto id : ids) {
    s += (s.empty() ? "" : ",") + std::to_string(id);
  }
  return s;
}

// A reference row: attribute name, reference kind, then the other object's key, label and type.
json::object ReferenceJson(const Row& r) {
  return json::object{
      {"attribute", r.String(0)},
      {"referenceKind", r.String(1)},
      {"object",
       json::object{{"key", r.String(2)}, {"label", r.String(3)}, {"objectType", r.String(4)}}}};
}

}  // namespace

Result<std::shared_ptr<const Model>> CmdbService::ModelFor(Connection& c) {
  STEWARD_ASSIGN_OR_RETURN(auto version,
                           c.QueryInt("SELECT version FROM cmdb_model_version WHERE id = 1"));
  std::optional<std::int64_t> v = version;
  {
    std::lock_guard lock(model_mu_);
    if (v && model_ && v == model_version_) {
      return model_;
    }
  }
  STEWARD_ASSIGN_OR_RETURN(auto loaded, Model::Load(c));
  auto shared = std::make_shared<const Model>(std::move(loaded));
  if (v) {
    // The latest load is kept. A version names one state of the model (random, never reused),
    // so a model from an older snapshot, or from a transaction that later rolls back, is only
    // ever served to transactions that see that same version.
    std::lock_guard lock(model_mu_);
    model_version_ = v;
    model_ = shared;
  }
  return shared;
}

Result<sql::SelectPtr> CmdbService::CompileIds(Connection& c, const Principal& p,
                                               std::string_view aql_text, std::int64_t schema_id) {
  STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
  const Model& m = *model;
  aql::CompileContext ctx;
  ctx.model = &m;
  ctx.schema_id = schema_id;
  ctx.user_id = p.user_id;
  ctx.now_ms = clock_.Now();
  if (connected_tickets_) {
    ctx.connected_tickets = [&](std::string_view jql) { return connected_tickets_(c, p, jql); };
  }
  auto compiled = aql::Compile(aql_text, ctx);
  if (auto* e = std::get_if<aql::QueryError>(&compiled)) {
    return ToError(*e);
  }
  return aql::IdSelect(std::get<aql::Compiled>(compiled));
}

Result<json::object> CmdbService::FindObjects(const Principal& p, const ObjectQuery& q) {
  STEWARD_TRY(RequireRead(p));
  if (q.aql.size() > aql::kMaxQueryBytes) {
    return Error::InvalidArgument("aql.tooLong", "the query is longer than 8 KiB", "aql");
  }
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    std::int64_t schema_id = 0;
    if (!q.schema.empty()) {
      const SchemaDef* s = m.SchemaNamed(q.schema);
      if (!s) {
        return Error::NotFound("cmdb.schemaNotFound", "no object schema \"" + q.schema + "\"");
      }
      schema_id = s->id;
    }
    aql::CompileContext ctx;
    ctx.model = &m;
    ctx.schema_id = schema_id;
    ctx.user_id = p.user_id;
    ctx.now_ms = clock_.Now();
    if (connected_tickets_) {
      ctx.connected_tickets = [&](std::string_view jql) { return connected_tickets_(c, p, jql); };
    }
    sql::Dialect d = sql::DialectOf(c);
    ctx.count_rows = [&](const sql::Select& rows, std::int64_t cap) {
      std::int64_t n = 0;
      (void)sql::Run(c, sql::Print(aql::CappedCount(rows, cap), d),
                     [&](const Row& r) { n = r.Int(0); });
      return n;
    };
    auto compiled = aql::Compile(q.aql, ctx);
    if (auto* e = std::get_if<aql::QueryError>(&compiled)) {
      return ToError(*e);
    }
    const auto& cq = std::get<aql::Compiled>(compiled);
    std::int64_t total = 0;
    STEWARD_TRY(sql::Run(c, sql::Print(aql::CountSelect(cq, kCountCap + 1), d),
                         [&](const Row& r) { total = r.Int(0); }));
    std::vector<std::int64_t> ids;
    if (q.limit > 0) {
      STEWARD_TRY(sql::Run(c,
                           sql::Print(aql::PageSelect(cq, q.start, q.limit, total <= kCountCap), d),
                           [&](const Row& r) { ids.push_back(r.Int(0)); }));
    }
    STEWARD_ASSIGN_OR_RETURN(auto objects, internal::RenderObjects(c, m, ids));
    return json::object{{"objects", std::move(objects)},
                        {"total", std::min<std::int64_t>(total, kCountCap)},
                        {"totalCapped", total > kCountCap},
                        {"start", q.start},
                        {"limit", q.limit}};
  });
}

Result<json::object> CmdbService::CreateObject(const Principal& p, const json::object& body) {
  STEWARD_TRY(RequireEdit(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"objectTypeId", "objectType", "schema", "attributes"}));
  STEWARD_ASSIGN_OR_RETURN(auto type_id, in.OptionalInt("objectTypeId"));
  STEWARD_ASSIGN_OR_RETURN(auto type_name, in.OptionalString("objectType"));
  STEWARD_ASSIGN_OR_RETURN(auto schema, in.OptionalString("schema"));
  const json::value* attrs = in.Get("attributes");
  if (attrs && !attrs->is_object()) {
    return Error::InvalidArgument("http.badJson", "attributes must be an object", "attributes");
  }
  static const json::object kNone;
  const json::object& values = attrs ? attrs->as_object() : kNone;
  std::int64_t now = clock_.Now();
  STEWARD_ASSIGN_OR_RETURN(auto key, db_.Write([&](Connection& c) -> Result<std::string> {
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    const TypeDef* type = nullptr;
    if (type_id) {
      type = m.Type(*type_id);
    } else if (type_name) {
      const SchemaDef* s = schema ? m.SchemaNamed(*schema) : nullptr;
      auto named = m.TypesNamed(*type_name, s ? s->id : 0);
      if (named.size() > 1) {
        return Error::InvalidArgument(
            "cmdb.ambiguousType",
            "several schemas have a type \"" + *type_name + "\": give schema or objectTypeId",
            "objectType");
      }
      type = named.empty() ? nullptr : named[0];
    } else {
      return Error::InvalidArgument("http.missingField", "objectTypeId is required",
                                    "objectTypeId");
    }
    if (!type) {
      return Error::InvalidArgument("cmdb.objectTypeNotFound", "no such object type",
                                    "objectTypeId");
    }
    internal::WriteOptions o;
    o.actor = p.user_id;
    o.now = now;
    STEWARD_ASSIGN_OR_RETURN(auto out, internal::WriteObject(c, m, *type, std::nullopt, values, o));
    return out.key;
  }));
  return GetObject(p, key);
}

Result<json::object> CmdbService::GetObject(const Principal& p, std::string_view key) {
  STEWARD_TRY(RequireRead(p));
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    STEWARD_ASSIGN_OR_RETURN(auto list, internal::RenderObjects(c, m, {row->id}));
    json::object out = list.at(0).as_object();
    json::array outbound, inbound;
    STEWARD_TRY(c.Query(
        "SELECT a.name, a.reference_kind, r.key, r.label, rt.name FROM cmdb_values v JOIN "
        "cmdb_attributes a ON a.id = v.attribute_id JOIN cmdb_objects r ON r.id = v.ref_id JOIN "
        "cmdb_object_types rt ON rt.id = r.object_type_id WHERE v.object_id = ? AND v.ref_id IS "
        "NOT NULL ORDER BY a.position, v.seq",
        {row->id}, [&](const Row& r) { outbound.push_back(ReferenceJson(r)); }));
    STEWARD_TRY(c.Query(
        "SELECT a.name, a.reference_kind, s.key, s.label, st.name FROM cmdb_values v JOIN "
        "cmdb_attributes a ON a.id = v.attribute_id JOIN cmdb_objects s ON s.id = v.object_id "
        "JOIN cmdb_object_types st ON st.id = s.object_type_id WHERE v.ref_id = ? ORDER BY "
        "lower(s.label), s.id LIMIT 500",
        {row->id}, [&](const Row& r) { inbound.push_back(ReferenceJson(r)); }));
    out["references"] =
        json::object{{"outbound", std::move(outbound)}, {"inbound", std::move(inbound)}};
    return out;
  });
}

Result<json::object> CmdbService::UpdateObject(const Principal& p, std::string_view key,
                                               const json::object& body) {
  STEWARD_TRY(RequireEdit(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"attributes"}));
  const json::value* attrs = in.Get("attributes");
  if (!attrs || !attrs->is_object()) {
    return Error::InvalidArgument("http.badJson", "attributes must be an object", "attributes");
  }
  std::int64_t now = clock_.Now();
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    internal::WriteOptions o;
    o.partial = true;
    o.actor = p.user_id;
    o.now = now;
    STEWARD_ASSIGN_OR_RETURN(auto out, internal::WriteObject(c, m, *m.Type(row->type_id), row->id,
                                                             attrs->as_object(), o));
    (void)out;
    return Ok();
  }));
  return GetObject(p, key);
}

Status CmdbService::DeleteObject(const Principal& p, std::string_view key, bool cascade) {
  STEWARD_TRY(RequireEdit(p));
  std::int64_t now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    struct Inbound {
      std::int64_t object_id;
      std::string key;
      std::string attribute;
    };
    std::vector<Inbound> inbound;
    STEWARD_TRY(c.Query(
        "SELECT DISTINCT v.object_id, s.key, a.name FROM cmdb_values v JOIN cmdb_objects s ON "
        "s.id = v.object_id JOIN cmdb_attributes a ON a.id = v.attribute_id WHERE v.ref_id = ? "
        "AND v.object_id <> ? ORDER BY s.key",
        {row->id, row->id}, [&](const Row& r) {
          inbound.push_back({r.Int(0), r.String(1), r.String(2)});
        }));
    if (!inbound.empty() && !cascade) {
      std::string some;
      for (size_t i = 0; i < inbound.size() && i < 5; ++i) {
        some += (i ? ", " : "") + inbound[i].key;
      }
      return Error::Conflict("cmdb.referenced",
                             row->key + " is referenced by " + std::to_string(inbound.size()) +
                                 " object(s) (" + some + (inbound.size() > 5 ? ", ..." : "") +
                                 "); delete with cascade=true to remove those references too");
    }
    for (const auto& in : inbound) {
      STEWARD_TRY(c.Exec(
          "INSERT INTO cmdb_history(object_id, author_id, created_at, attribute, from_value, "
          "to_value) VALUES (?,?,?,?,?,NULL)",
          {in.object_id, p.user_id, now, in.attribute, row->key + " (deleted)"}));
      STEWARD_TRY(c.Exec("UPDATE cmdb_objects SET updated_at = ?, updated_by = ? WHERE id = ?",
                         {now, p.user_id, in.object_id}));
    }
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_values WHERE ref_id = ?", {row->id}));
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_values WHERE object_id = ?", {row->id}));
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_history WHERE object_id = ?", {row->id}));
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_attachments WHERE object_id = ?", {row->id}));
    return c.Exec("DELETE FROM cmdb_objects WHERE id = ?", {row->id});
  });
}

Result<json::object> CmdbService::History(const Principal& p, std::string_view key) {
  STEWARD_TRY(RequireRead(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, FindByKey(c, key));
    if (!row) {
      return ObjectNotFound(key);
    }
    json::array out;
    STEWARD_TRY(c.Query(
        "SELECT h.id, h.created_at, u.username, u.display_name, h.attribute, h.from_value, "
        "h.to_value FROM cmdb_history h LEFT JOIN users u ON u.id = h.author_id WHERE "
        "h.object_id = ? ORDER BY h.id DESC LIMIT 1000",
        {row->id}, [&](const Row& r) {
          out.push_back(json::object{
              {"id", r.Int(0)},
              {"created", FormatIsoUtc(r.Int(1))},
              {"author", r.IsNull(2) ? json::value(nullptr)
                                     : json::value(json::object{{"username", r.String(2)},
                                                                {"displayName", r.String(3)}})},
              {"attribute", r.String(4)},
              {"from", r.IsNull(5) ? json::value(nullptr) : json::value(r.String(5))},
              {"to", r.IsNull(6) ? json::value(nullptr) : json::value(r.String(6))}});
        }));
    return json::object{{"history", std::move(out)}};
  });
}

Result<json::object> CmdbService::Graph(const Principal& p, std::string_view key, int depth,
                                        std::string_view direction) {
  STEWARD_TRY(RequireRead(p));
  bool out_dir = direction == "both" || direction == "outbound";
  bool in_dir = direction == "both" || direction == "inbound";
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto root, FindByKey(c, key));
    if (!root) {
      return ObjectNotFound(key);
    }
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    std::map<std::int64_t, int> seen = {{root->id, 0}};  // object → depth
    std::vector<std::int64_t> order = {root->id};
    std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> edges;  // from, to, attribute
    std::vector<std::int64_t> frontier = {root->id};
    bool truncated = false;
    for (int hop = 1; hop <= depth && !frontier.empty() && !truncated; ++hop) {
      std::vector<std::int64_t> next;
      std::string in = IdList(frontier);
      auto visit = [&](std::int64_t from, std::int64_t to, std::int64_t attr, std::int64_t other) {
        edges.insert({from, to, attr});
        if (seen.count(other)) {
          return;
        }
        if (seen.size() >= kGraphMaxNodes) {
          truncated = true;
          return;
        }
        seen[other] = hop;
        order.push_back(other);
        next.push_back(other);
      };
      // Ids come from the database, never from the caller.
      if (out_dir) {
        STEWARD_TRY(
            c.Query("SELECT object_id, ref_id, attribute_id FROM cmdb_values WHERE "
                    "object_id IN (" +
                        in + ") AND ref_id IS NOT NULL",
                    {}, [&](const Row& r) { visit(r.Int(0), r.Int(1), r.Int(2), r.Int(1)); }));
      }
      if (in_dir) {
        STEWARD_TRY(
            c.Query("SELECT object_id, ref_id, attribute_id FROM cmdb_values WHERE "
                    "ref_id IN (" +
                        in + ")",
                    {}, [&](const Row& r) { visit(r.Int(0), r.Int(1), r.Int(2), r.Int(0)); }));
      }
      frontier = std::move(next);
    }
    // The deepest level's references to nodes already in the graph were never followed: add
    // them, in the directions asked for.
    if (!frontier.empty()) {
      std::string all = IdList(order), last = IdList(frontier);
      auto add = [&](const Row& r) { edges.insert({r.Int(0), r.Int(1), r.Int(2)}); };
      if (out_dir) {
        STEWARD_TRY(
            c.Query("SELECT object_id, ref_id, attribute_id FROM cmdb_values WHERE "
                    "object_id IN (" +
                        last + ") AND ref_id IN (" + all + ")",
                    {}, add));
      }
      if (in_dir) {
        STEWARD_TRY(
            c.Query("SELECT object_id, ref_id, attribute_id FROM cmdb_values WHERE "
                    "ref_id IN (" +
                        last + ") AND object_id IN (" + all + ")",
                    {}, add));
      }
    }
    std::map<std::int64_t, std::pair<std::string, json::object>> nodes;
    STEWARD_TRY(c.Query(
        "SELECT o.id, o.key, o.label, t.name FROM cmdb_objects o JOIN cmdb_object_types t ON "
        "t.id = o.object_type_id WHERE o.id IN (" +
            IdList(order) + ")",
        {}, [&](const Row& r) {
          nodes[r.Int(0)] = {r.String(1), json::object{{"key", r.String(1)},
                                                       {"label", r.String(2)},
                                                       {"objectType", r.String(3)},
                                                       {"depth", seen[r.Int(0)]}}};
        }));
    json::array node_list, edge_list;
    for (auto id : order) {
      node_list.push_back(nodes[id].second);
    }
    for (const auto& [from, to, attr] : edges) {
      if (!nodes.count(from) || !nodes.count(to)) {
        continue;
      }
      const AttrDef* a = m.Attribute(attr);
      edge_list.push_back(json::object{{"from", nodes[from].first},
                                       {"to", nodes[to].first},
                                       {"attribute", a ? a->name : ""},
                                       {"referenceKind", a ? a->ref_kind : ""}});
    }
    return json::object{{"root", root->key},
                        {"nodes", std::move(node_list)},
                        {"edges", std::move(edge_list)},
                        {"truncated", truncated}};
  });
}

Result<std::vector<ObjectRef>> CmdbService::Pick(Connection& c, const Principal& p,
                                                 std::string_view aql_text, std::int64_t schema_id,
                                                 std::string_view text, int limit) {
  STEWARD_ASSIGN_OR_RETURN(auto ids, CompileIds(c, p, aql_text, schema_id));
  auto s = std::make_shared<sql::Select>();
  s->columns = {{sql::Col("p", "id"), ""},
                {sql::Col("p", "key"), ""},
                {sql::Col("p", "label"), ""},
                {sql::Col("t", "name"), ""},
                {sql::Col("p", "schema_id"), ""}};
  s->from = "cmdb_objects";
  s->from_alias = "p";
  s->joins.push_back(
      {false, "cmdb_object_types", nullptr, "t",
       sql::Bin(sql::BinaryOp::kEq, sql::Col("t", "id"), sql::Col("p", "object_type_id"))});
  std::vector<sql::ExprPtr> where = {sql::InSelect(sql::Col("p", "id"), ids)};
  if (!Trim(text).empty()) {
    std::string pattern;
    for (char ch : Trim(text)) {
      if (ch == '\\' || ch == '%' || ch == '_') {
        pattern += '\\';
      }
      pattern += ch;
    }
    auto like = [&](const char* col) {
      return sql::Call(sql::Special::kLike,
                       {sql::Call(sql::Special::kLower, {sql::Col("p", col)}),
                        sql::Call(sql::Special::kLower, {sql::P("%" + pattern + "%")})});
    };
    where.push_back(sql::Or({like("label"), like("key")}));
  }
  s->where = sql::And(where);
  s->order_by = {{sql::Call(sql::Special::kLower, {sql::Col("p", "label")}), false, true, false},
                 {sql::Col("p", "id"), false, true, false}};
  s->limit = sql::Int(std::clamp(limit, 1, 200));
  std::vector<ObjectRef> out;
  STEWARD_TRY(sql::Run(c, sql::Print(*s, sql::DialectOf(c)), [&](const Row& r) {
    out.push_back({r.Int(0), r.String(1), r.String(2), r.String(3), r.Int(4)});
  }));
  return out;
}

Result<std::optional<ObjectRef>> CmdbService::Resolve(Connection& c, std::string_view text,
                                                      std::int64_t schema_id) {
  std::string t(Trim(text));
  std::vector<ObjectRef> found;
  auto add = [&](const Row& r) {
    if (schema_id == 0 || r.Int(4) == schema_id) {
      found.push_back({r.Int(0), r.String(1), r.String(2), r.String(3), r.Int(4)});
    }
  };
  // By key, then by label: each through its own index.
  STEWARD_TRY(
      c.Query("SELECT o.id, o.key, o.label, ty.name, o.schema_id FROM cmdb_objects o JOIN "
              "cmdb_object_types ty ON ty.id = o.object_type_id WHERE o.key = upper(?)",
              {t}, add));
  if (found.empty()) {
    STEWARD_TRY(
        c.Query("SELECT o.id, o.key, o.label, ty.name, o.schema_id FROM cmdb_objects o "
                "JOIN cmdb_object_types ty ON ty.id = o.object_type_id WHERE "
                "lower(o.label) = lower(?) ORDER BY o.id LIMIT 50",
                {t}, add));
  }
  if (found.empty()) {
    return std::optional<ObjectRef>();
  }
  if (found.size() > 1 && !EqualsIgnoreCase(found[0].key, t)) {
    return Error::InvalidArgument("cmdb.ambiguous", "\"" + t + "\" names several objects (" +
                                                        found[0].key + ", " + found[1].key +
                                                        "); give a key");
  }
  return std::optional<ObjectRef>(found[0]);
}

Result<std::vector<ObjectRef>> CmdbService::Describe(Connection& c,
                                                     const std::vector<std::int64_t>& ids) {
  std::vector<ObjectRef> out;
  if (ids.empty()) {
    return out;
  }
  STEWARD_TRY(
      c.Query("SELECT o.id, o.key, o.label, ty.name, o.schema_id FROM cmdb_objects o JOIN "
              "cmdb_object_types ty ON ty.id = o.object_type_id WHERE o.id IN (" +
                  IdList(ids) + ")",
              {}, [&](const Row& r) {
                out.push_back({r.Int(0), r.String(1), r.String(2), r.String(3), r.Int(4)});
              }));
  return out;
}

Result<std::optional<std::int64_t>> CmdbService::SchemaId(Connection& c, std::string_view key) {
  return c.QueryInt("SELECT id FROM cmdb_schemas WHERE key = ? OR lower(name) = lower(?)",
                    {key, key});
}

Result<std::optional<std::string>> CmdbService::AttributeText(Connection& c, std::int64_t object_id,
                                                              std::string_view attribute) {
  return c.QueryString(
      "SELECT coalesce(v.text_value, r.key, CAST(v.int_value AS TEXT), CAST(v.real_value AS "
      "TEXT)) FROM cmdb_values v JOIN cmdb_attributes a ON a.id = v.attribute_id LEFT JOIN "
      "cmdb_objects r ON r.id = v.ref_id WHERE v.object_id = ? AND lower(a.name) = lower(?) "
      "ORDER BY v.seq LIMIT 1",
      {object_id, attribute});
}

Result<std::vector<ObjectRef>> CmdbService::ObjectsOfType(Connection& c, std::int64_t schema_id,
                                                          std::string_view type_name) {
  std::vector<ObjectRef> out;
  STEWARD_TRY(
      c.Query("SELECT o.id, o.key, o.label, t.name, o.schema_id FROM cmdb_object_types t JOIN "
              "cmdb_objects o ON o.object_type_id = t.id WHERE t.schema_id = ? AND lower(t.name) = "
              "lower(?) ORDER BY lower(o.label), o.id",
              {schema_id, std::string(type_name)}, [&](const storage::Row& r) {
                out.push_back(ObjectRef{r.Int(0), r.String(1), r.String(2), r.String(3), r.Int(4)});
              }));
  return out;
}

Result<std::vector<std::string>> CmdbService::AttributeTexts(Connection& c, std::int64_t object_id,
                                                             std::string_view attribute) {
  std::vector<std::string> out;
  STEWARD_TRY(c.Query(
      "SELECT coalesce(v.text_value, r.key, CAST(v.int_value AS TEXT), CAST(v.real_value AS "
      "TEXT)) FROM cmdb_values v JOIN cmdb_attributes a ON a.id = v.attribute_id LEFT JOIN "
      "cmdb_objects r ON r.id = v.ref_id WHERE v.object_id = ? AND lower(a.name) = lower(?) "
      "ORDER BY v.seq",
      {object_id, attribute}, [&](const storage::Row& r) {
        if (!r.IsNull(0)) {
          out.push_back(r.String(0));
        }
      }));
  return out;
}

Result<std::vector<std::int64_t>> CmdbService::Neighbours(Connection& c,
                                                          const std::vector<std::int64_t>& ids) {
  std::set<std::int64_t> out;
  for (std::int64_t id : ids) {
    STEWARD_TRY(
        c.Query("SELECT ref_id FROM cmdb_values WHERE object_id = ? AND ref_id IS NOT NULL UNION "
                "SELECT object_id FROM cmdb_values WHERE ref_id = ?",
                {id, id}, [&](const storage::Row& r) { out.insert(r.Int(0)); }));
  }
  return std::vector<std::int64_t>(out.begin(), out.end());
}

}  // namespace steward::cmdb
