// SearchService: JQL search, validation, the field list, and queues.
#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "sql/run.h"
#include "tickets/issue_service_internal.h"
#include "tickets/object_fields.h"
#include "tickets/search.h"

#include <boost/json.hpp>

#include <set>

namespace steward::tickets {
using namespace internal;  // NOLINT(google-build-using-namespace): module-private helpers
using http::JsonReader;

namespace {

Error ToError(const query::QueryError& e) {
  Error out = Error::InvalidArgument(e.code, e.message);
  out.field = "jql";
  out.position = SourcePosition{static_cast<int>(e.span.offset), static_cast<int>(e.span.line),
                                static_cast<int>(e.span.column), static_cast<int>(e.span.length)};
  return out;
}

const std::vector<std::string> kDefaultFields = {"summary",  "status",   "issuetype",
                                                 "priority", "assignee", "updated"};
const std::set<std::string> kSystemFields = {
    "summary",  "description", "status",  "issuetype", "priority", "resolution", "assignee",
    "reporter", "created",     "updated", "resolved",  "due",      "labels",     "project"};

json::value UserRef(const Row& r, int col) {
  if (r.IsNull(col)) {
    return nullptr;
  }
  return json::object{{"username", r.String(col)}, {"displayName", r.String(col + 1)}};
}

const std::vector<std::string> kGroups = {"Team priority", "Other"};

// A JSON list of at most `max` field names under `key`.
Result<std::vector<std::string>> FieldNames(const json::object& body, const char* key, size_t max,
                                            const char* code) {
  const json::value& v = body.at(key);
  Error bad = Error::InvalidArgument(code, std::string(key) + " must be a list of field names",
                                     std::string(key));
  if (!v.is_array() || v.as_array().size() > max) {
    return bad;
  }
  std::vector<std::string> out;
  for (const auto& f : v.as_array()) {
    if (!f.is_string() || f.as_string().empty() || f.as_string().size() > 255) {
      return bad;
    }
    out.emplace_back(f.as_string());
  }
  return out;
}

std::string Upper(std::string_view in) {
  std::string s(in);
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  return s;
}

}  // namespace

Result<sql::SelectPtr> SearchService::IssueIds(Connection& c, const Principal& p,
                                               std::string_view jql) {
  STEWARD_ASSIGN_OR_RETURN(auto q, CompileFor(c, p, jql, std::nullopt));
  return query::IdSelect(q);
}

Result<SearchRequest> SearchService::ParseSearchRequest(const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"jql", "fields", "limit", "cursor"}));
  SearchRequest req;
  STEWARD_ASSIGN_OR_RETURN(auto jql, in.OptionalString("jql", query::kMaxQueryBytes));
  req.jql = jql.value_or("");
  STEWARD_ASSIGN_OR_RETURN(auto cursor, in.OptionalString("cursor", 4096));
  req.cursor = cursor.value_or("");
  if (const json::value* limit = body.if_contains("limit")) {
    if (!limit->is_int64() || limit->as_int64() < 1 || limit->as_int64() > kMaxLimit) {
      return Error::InvalidArgument(
          "search.badLimit", "limit must be a whole number from 1 to " + std::to_string(kMaxLimit),
          "limit");
    }
    req.limit = static_cast<int>(limit->as_int64());
  }
  if (body.contains("fields")) {
    STEWARD_ASSIGN_OR_RETURN(req.fields, FieldNames(body, "fields", 100, "search.badFields"));
  }
  return req;
}

Result<std::shared_ptr<const query::FieldRegistry>> SearchService::Registry(Connection& c) {
  std::vector<ProjectRef> projects;
  std::string signature;
  STEWARD_TRY(c.Query("SELECT id, key, name FROM projects ORDER BY id", {}, [&](const Row& r) {
    projects.push_back(ProjectRef{r.Int(0), r.String(1), r.String(2)});
    signature += std::to_string(r.Int(0)) + '\x1f' + projects.back().key + '\x1f' +
                 projects.back().name + '\x1e';
  }));
  auto cat = catalog_.Get();
  std::lock_guard lock(mu_);
  if (!registry_ || registry_catalog_ != cat || registry_projects_ != signature) {
    registry_ = BuildFieldRegistry(*cat, projects);
    registry_catalog_ = cat;
    registry_projects_ = std::move(signature);
  }
  return registry_;
}

Result<query::Scope> SearchService::ScopeFor(Connection& c, const Principal& p) {
  query::Scope s;
  s.user_id = p.user_id;
  if (p.IsAdmin() || p.kind == "bot") {
    s.unrestricted = true;
    return s;
  }
  std::set<std::int64_t> staff, customer;
  STEWARD_TRY(c.Query(
      "SELECT DISTINCT r.project_id, r.role FROM project_roles r WHERE r.user_id = ? OR "
      "r.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?) OR r.organization_id IN "
      "(SELECT organization_id FROM organization_members WHERE user_id = ?)",
      {p.user_id, p.user_id, p.user_id}, [&](const Row& r) {
        std::string_view role = r.Text(1);
        if (role == "customer") {
          customer.insert(r.Int(0));
        } else if (p.kind != "customer") {  // customers hold only the customer role
          staff.insert(r.Int(0));
        }
      }));
  for (auto id : staff) {
    customer.erase(id);
  }
  s.staff_projects.assign(staff.begin(), staff.end());
  s.customer_projects.assign(customer.begin(), customer.end());
  return s;
}

Result<SearchService::CompileSetup> SearchService::Setup(Connection& c, const Principal& p) {
  CompileSetup setup;
  STEWARD_ASSIGN_OR_RETURN(setup.registry, Registry(c));
  STEWARD_ASSIGN_OR_RETURN(setup.scope, ScopeFor(c, p));
  return setup;
}

Result<query::CompiledQuery> SearchService::CompileFor(Connection& c, const Principal& p,
                                                       std::string_view jql,
                                                       std::optional<std::int64_t> project_id,
                                                       const CompileSetup* given) {
  if (jql.find('~') != std::string_view::npos) {
    // Text operators read the full-text indexes: inside a write transaction they first take in
    // its changes (outside one there is nothing pending: each commit flushed its own).
    STEWARD_TRY(FlushTextIndex(c));
  }
  CompileSetup own;
  if (!given) {
    STEWARD_ASSIGN_OR_RETURN(own, Setup(c, p));
    given = &own;
  }
  const auto& registry = given->registry;
  query::CompileContext ctx;
  ctx.passes.now_ms = clock_.Now();
  ctx.passes.user_id = p.user_id;
  ctx.lower.scope = given->scope;
  ctx.lower.project_id = project_id;
  // Names become ids while binding, so an unknown user is an error and indexes serve the ids.
  // Tables and columns come from the field registry, never from the query.
  std::optional<Error> lookup_error;
  ctx.lookup = [&c, &lookup_error](const std::string& table, const std::string& column,
                                   const std::string& value) {
    std::vector<std::int64_t> ids;
    std::string sqltext =
        table == "issues" ? "SELECT id FROM issues WHERE key = upper(?)"
                          : "SELECT id FROM " + table + " WHERE lower(" + column + ") = lower(?)";
    Status s = c.Query(sqltext, {value}, [&](const Row& r) { ids.push_back(r.Int(0)); });
    if (!s.ok() && !lookup_error) {
      lookup_error = s.error();
    }
    return ids;
  };
  ctx.lower.frequency = [&c](const std::string& table, const std::string& column,
                             const sql::Value& value, std::int64_t field, std::int64_t cap) {
    // Counted through the side table's value index, never more than `cap` entries.
    std::string sqltext = "SELECT count(*) FROM (SELECT 1 FROM " + table + " WHERE " +
                          (field ? "field_id = ? AND " : "") + column + " = ? LIMIT ?)";
    storage::Param v = std::holds_alternative<std::int64_t>(value)
                           ? storage::Param(std::get<std::int64_t>(value))
                       : std::holds_alternative<std::string>(value)
                           ? storage::Param(std::string_view(std::get<std::string>(value)))
                           : storage::Param();
    std::vector<storage::Param> params;
    if (field) {
      params.emplace_back(field);
    }
    params.push_back(v);
    params.emplace_back(cap);
    std::int64_t n = 0;
    (void)c.Exec(sqltext, params, [&](const Row& r) { n = r.Int(0); });
    return n;
  };
  if (ObjectDirectory* directory = InstalledObjectDirectory()) {
    ctx.resolve_function = [&c, &p, directory](const query::FieldSpec&, const std::string& name,
                                               const std::vector<std::string>& args,
                                               query::Span span) {
      return directory->ResolveFunction(c, p, name, args, span);
    };
  }
  auto compiled = query::Compile(jql, *registry, ctx);
  if (lookup_error) {
    return *lookup_error;
  }
  if (auto* e = std::get_if<query::QueryError>(&compiled)) {
    return ToError(*e);
  }
  return std::get<query::CompiledQuery>(std::move(compiled));
}

Result<json::object> SearchService::Run(Connection& c, const query::CompiledQuery& q,
                                        const SearchRequest& req, std::string_view jql) {
  auto cat = catalog_.Get();
  // Which fields to return: checked before any work.
  std::vector<std::string> wanted = req.fields.empty() ? kDefaultFields : req.fields;
  std::vector<const CustomFieldDef*> custom;
  std::set<std::string> system;
  for (const auto& f : wanted) {
    std::string lower = AsciiLower(f);
    if (lower == "key" || lower == "id") {
      continue;
    }
    if (lower == "type") {
      lower = "issuetype";
    }
    if (kSystemFields.count(lower)) {
      system.insert(lower);
    } else if (const CustomFieldDef* cf = cat->FieldByName(f)) {
      custom.push_back(cf);
    } else {
      return Error::InvalidArgument("search.unknownField", "no field \"" + f + "\" to return",
                                    "fields");
    }
  }
  std::optional<query::Cursor> after;
  if (!req.cursor.empty()) {
    after = query::DecodeCursor(req.cursor, q.lowered.order.size());
    if (!after) {
      return Error::InvalidArgument("search.badCursor", "the cursor does not belong to this query",
                                    "cursor");
    }
  }
  std::int64_t total = 0;
  int cap = std::clamp(req.total_cap, 1, kTotalCap);
  STEWARD_TRY(sql::Run(c, sql::Print(query::CountSelect(q, cap + 1), sql::Dialect::kSqlite),
                       [&](const Row& r) { total = r.Int(0); }));
  bool capped = total > cap;
  sql::Printed page =
      sql::Print(query::PageSelect(q, after ? &*after : nullptr, req.limit + 1, !capped),
                 sql::Dialect::kSqlite);
  std::vector<std::int64_t> ids;
  std::vector<query::Cursor> positions;
  STEWARD_TRY(sql::Run(c, page, [&](const Row& r) {
    ids.push_back(r.Int(0));
    query::Cursor pos;
    pos.id = r.Int(0);
    for (size_t k = 0; k < q.lowered.order.size(); ++k) {
      int col = static_cast<int>(k + 1);
      if (r.IsNull(col)) {
        pos.keys.emplace_back(std::monostate{});
      } else if (r.IsText(col)) {
        pos.keys.emplace_back(r.String(col));
      } else if (r.IsReal(col)) {
        pos.keys.emplace_back(r.Real(col));
      } else {
        pos.keys.emplace_back(r.Int(col));
      }
    }
    positions.push_back(std::move(pos));
  }));
  json::value next = nullptr;
  if (static_cast<int>(ids.size()) > req.limit) {
    ids.pop_back();
    positions.pop_back();
    next = json::value(query::EncodeCursor(positions.back()));
  }

  bool ranked_capped = q.lowered.candidates && total >= query::kRelevanceCandidates;
  // The page's rows, in one query, then put in page order.
  std::map<std::int64_t, json::object> rows;
  if (!ids.empty()) {
    std::string sqltext =
        "SELECT i.id, i.key, i.summary, i.description, i.status_id, i.issue_type_id, "
        "i.priority_id, i.resolution_id, a.username, a.display_name, r.username, r.display_name, "
        "i.created_at, i.updated_at, i.resolved_at, i.due_date, p.key, p.name FROM issues i "
        "JOIN projects p ON p.id = i.project_id JOIN users r ON r.id = i.reporter_id LEFT JOIN "
        "users a ON a.id = i.assignee_id WHERE i.id IN (";
    std::vector<storage::Param> params;
    for (size_t k = 0; k < ids.size(); ++k) {
      sqltext += k ? ",?" : "?";
      params.emplace_back(ids[k]);
    }
    sqltext += ")";
    STEWARD_TRY(c.Exec(sqltext, params, [&](const Row& r) {
      json::object fields;
      auto has = [&](const char* f) { return system.count(f) > 0; };
      if (has("summary")) {
        fields["summary"] = r.String(2);
      }
      if (has("description")) {
        fields["description"] = r.String(3);
      }
      if (has("status")) {
        fields["status"] = StatusRef(*cat, r.Int(4));
      }
      if (has("issuetype")) {
        const IssueTypeDef* t = cat->IssueType(r.Int(5));
        fields["issuetype"] =
            t ? json::value(json::object{{"id", t->id}, {"name", t->name}}) : json::value(nullptr);
      }
      if (has("priority")) {
        fields["priority"] = NamedRef(r.IsNull(6) ? nullptr : cat->Priority(r.Int(6)));
      }
      if (has("resolution")) {
        fields["resolution"] = NamedRef(r.IsNull(7) ? nullptr : cat->Resolution(r.Int(7)));
      }
      if (has("assignee")) {
        fields["assignee"] = UserRef(r, 8);
      }
      if (has("reporter")) {
        fields["reporter"] = UserRef(r, 10);
      }
      if (has("created")) {
        fields["created"] = FormatIsoUtc(r.Int(12));
      }
      if (has("updated")) {
        fields["updated"] = FormatIsoUtc(r.Int(13));
      }
      if (has("resolved")) {
        fields["resolved"] =
            r.IsNull(14) ? json::value(nullptr) : json::value(FormatIsoUtc(r.Int(14)));
      }
      if (has("due")) {
        fields["due"] = r.IsNull(15) ? json::value(nullptr) : json::value(FormatDate(r.Int(15)));
      }
      if (has("project")) {
        fields["project"] = json::object{{"key", r.String(16)}, {"name", r.String(17)}};
      }
      rows[r.Int(0)] =
          json::object{{"id", r.Int(0)}, {"key", r.String(1)}, {"fields", std::move(fields)}};
    }));
    if (system.count("labels")) {
      std::string lt = "SELECT issue_id, label FROM issue_labels WHERE issue_id IN (" +
                       sqltext.substr(sqltext.rfind('(') + 1) + " ORDER BY issue_id, label";
      std::map<std::int64_t, json::array> labels;
      STEWARD_TRY(c.Exec(
          lt, params, [&](const Row& r) { labels[r.Int(0)].push_back(json::value(r.String(1))); }));
      for (auto& [id, row] : rows) {
        row["fields"].as_object()["labels"] = std::move(labels[id]);
      }
    }
    if (!custom.empty()) {
      for (auto& [id, row] : rows) {
        std::map<std::int64_t, std::vector<std::string>> usernames;
        STEWARD_ASSIGN_OR_RETURN(auto values, LoadFieldValues(c, id, &usernames));
        for (const CustomFieldDef* cf : custom) {
          auto it = values.find(cf->id);
          static const std::vector<StoredValue> kEmpty;
          row["fields"].as_object()[cf->name] =
              RenderFieldValue(*cf, it == values.end() ? kEmpty : it->second, usernames[cf->id]);
        }
      }
    }
  }
  json::array issues;
  for (auto id : ids) {
    auto it = rows.find(id);
    if (it != rows.end()) {
      issues.push_back(std::move(it->second));
    }
  }
  return json::object{{"issues", std::move(issues)},
                      {"total", capped ? cap : total},
                      // Ranked searches look at the newest matches only: there may be more.
                      {"totalCapped", capped || ranked_capped},
                      {"next", std::move(next)},
                      {"jql", jql}};
}

Result<json::object> SearchService::Search(const Principal& p, const SearchRequest& req) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto q, CompileFor(c, p, req.jql, std::nullopt));
    return Run(c, q, req, req.jql);
  });
}

Result<SearchService::SearchSql> SearchService::Sql(const Principal& p, std::string_view jql,
                                                    sql::Dialect d, int limit, int count_cap) {
  return db_.Read([&](Connection& c) -> Result<SearchSql> {
    STEWARD_ASSIGN_OR_RETURN(auto q, CompileFor(c, p, jql, std::nullopt));
    // The page's form depends on the count, as in Run().
    sql::Printed count = sql::Print(query::CountSelect(q, count_cap), sql::Dialect::kSqlite);
    std::int64_t total = 0;
    STEWARD_TRY(sql::Run(c, count, [&](const Row& r) { total = r.Int(0); }));
    bool few = total < count_cap;
    return SearchSql{sql::Print(query::PageSelect(q, nullptr, limit, few), d),
                     sql::Print(query::CountSelect(q, count_cap), d)};
  });
}

Result<json::object> SearchService::Validate(const Principal& p, std::string_view jql) {
  if (jql.size() > query::kMaxQueryBytes) {
    return Error::InvalidArgument("query.tooLong", "the query is too long", "jql");
  }
  return db_.Read([&](Connection& c) -> Result<json::object> {
    auto q = CompileFor(c, p, jql, std::nullopt);
    if (q.ok()) {
      return json::object{{"valid", true}};
    }
    const Error& e = q.error();
    if (e.code != ErrorCode::kInvalidArgument) {
      return e;
    }
    json::object err{{"code", e.message_id}, {"message", e.message}};
    if (e.position) {
      err["position"] = {{"offset", e.position->offset},
                         {"line", e.position->line},
                         {"column", e.position->column},
                         {"length", e.position->length}};
    }
    return json::object{{"valid", false}, {"error", std::move(err)}};
  });
}

Result<json::object> SearchService::Explain(const Principal& p, std::string_view jql) {
  if (!p.IsAdmin()) {
    return Error::PermissionDenied("query.explainForbidden",
                                   "only administrators may see how queries run");
  }
  STEWARD_ASSIGN_OR_RETURN(auto lite, Sql(p, jql, sql::Dialect::kSqlite, 51));
  STEWARD_ASSIGN_OR_RETURN(auto pg, Sql(p, jql, sql::Dialect::kPostgres, 51));
  auto describe = [&](const sql::Printed& s, const sql::Printed& other) -> Result<json::object> {
    json::array params, plan;
    for (const auto& v : s.params) {
      if (auto* i = std::get_if<std::int64_t>(&v)) {
        params.push_back(*i);
      } else if (auto* d = std::get_if<double>(&v)) {
        params.push_back(*d);
      } else if (auto* t = std::get_if<std::string>(&v)) {
        params.push_back(json::value(*t));
      } else {
        params.push_back(nullptr);
      }
    }
    STEWARD_TRY(db_.ReadTx([&](Connection& c) {
      return sql::Run(c, sql::Printed{"EXPLAIN QUERY PLAN " + s.text, s.params},
                      [&](const Row& r) { plan.push_back(json::value(r.String(3))); });
    }));
    return json::object{{"sqlite", s.text},
                        {"postgres", other.text},
                        {"params", std::move(params)},
                        {"plan", std::move(plan)}};
  };
  STEWARD_ASSIGN_OR_RETURN(auto page, describe(lite.page, pg.page));
  STEWARD_ASSIGN_OR_RETURN(auto count, describe(lite.count, pg.count));
  return json::object{{"jql", jql}, {"page", std::move(page)}, {"count", std::move(count)}};
}

Result<json::object> SearchService::Fields(const Principal&) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto registry, Registry(c));
    json::array fields;
    for (const auto& f : registry->All()) {
      json::array ops, aliases, values;
      for (auto op : f.operators) {
        ops.push_back(json::value(query::ast::OpName(op)));
      }
      if (!f.history_field.empty()) {
        for (auto op : {query::ast::Op::kWas, query::ast::Op::kWasNot, query::ast::Op::kWasIn,
                        query::ast::Op::kWasNotIn, query::ast::Op::kChanged}) {
          ops.push_back(json::value(query::ast::OpName(op)));
        }
      }
      for (const auto& a : f.aliases) {
        aliases.push_back(json::value(a));
      }
      for (const auto& v : f.suggestions) {
        values.push_back(json::value(v));
      }
      fields.push_back(json::object{{"name", f.name},
                                    {"id", f.id},
                                    {"aliases", std::move(aliases)},
                                    {"type", query::ValueTypeName(f.type)},
                                    {"custom", f.custom},
                                    {"operators", std::move(ops)},
                                    {"orderable", f.orderable},
                                    {"history", !f.history_field.empty()},
                                    {"values", std::move(values)}});
    }
    json::array functions{"currentUser()", "membersOf(\"team\")", "now()",         "startOfDay()",
                          "startOfWeek()", "startOfMonth()",      "startOfYear()", "endOfDay()",
                          "endOfWeek()",   "endOfMonth()",        "endOfYear()"};
    json::array keywords{"AND",      "OR",     "NOT",   "IN",  "IS",      "EMPTY", "NULL",
                         "ORDER BY", "ASC",    "DESC",  "WAS", "CHANGED", "FROM",  "TO",
                         "BY",       "BEFORE", "AFTER", "ON",  "DURING"};
    return json::object{{"fields", std::move(fields)},
                        {"functions", std::move(functions)},
                        {"keywords", std::move(keywords)}};
  });
}

// ---- Queues ----

namespace {
struct QueueRow {
  std::int64_t id = 0, project_id = 0, position = 0;
  std::string project_key, name, jql, group, columns;
};

Result<std::optional<QueueRow>> LoadQueue(Connection& c, std::int64_t id) {
  std::optional<QueueRow> out;
  STEWARD_TRY(
      c.Query("SELECT q.id, q.project_id, q.position, p.key, q.name, q.jql, q.grp, "
              "q.columns FROM queues q JOIN projects p ON p.id = q.project_id WHERE q.id = ?",
              {id}, [&](const Row& r) {
                out = QueueRow{r.Int(0),    r.Int(1),    r.Int(2),    r.String(3),
                               r.String(4), r.String(5), r.String(6), r.String(7)};
              }));
  return out;
}

Error QueueNotFound() { return Error::NotFound("queues.notFound", "no such queue"); }

// The queue, if the caller is staff of its project (and, to manage it, its administrator).
Result<QueueRow> QueueFor(Connection& c, const Principal& p, std::int64_t id, bool manage) {
  STEWARD_ASSIGN_OR_RETURN(auto q, LoadQueue(c, id));
  if (!q) {
    return QueueNotFound();
  }
  STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, q->project_id));
  if (!access.IsStaff()) {
    return QueueNotFound();
  }
  if (manage && !access.global_admin && !access.Has("administrator")) {
    return Error::PermissionDenied("queues.forbidden", "only project administrators manage queues");
  }
  return std::move(*q);
}

// Validated queue input: name, jql, group, columns, position (all optional here).
struct QueueInput {
  std::optional<std::string> name, jql, group;
  std::optional<std::string> columns;  // JSON text
  std::optional<std::int64_t> position;
};

Result<QueueInput> ParseQueueInput(const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "jql", "group", "columns", "position"}));
  QueueInput q;
  STEWARD_ASSIGN_OR_RETURN(q.name, in.OptionalString("name", 100));
  if (q.name && Trim(*q.name).empty()) {
    return Error::InvalidArgument("queues.badName", "the queue needs a name", "name");
  }
  STEWARD_ASSIGN_OR_RETURN(q.jql, in.OptionalString("jql", query::kMaxQueryBytes));
  STEWARD_ASSIGN_OR_RETURN(q.group, in.OptionalString("group", 64));
  if (q.group && std::find(kGroups.begin(), kGroups.end(), *q.group) == kGroups.end()) {
    return Error::InvalidArgument("queues.badGroup", "group must be \"Team priority\" or \"Other\"",
                                  "group");
  }
  if (const json::value* cols = body.if_contains("columns")) {
    STEWARD_TRY(FieldNames(body, "columns", 30, "queues.badColumns"));
    q.columns = json::serialize(*cols);
  }
  if (const json::value* pos = body.if_contains("position")) {
    if (!pos->is_int64() || pos->as_int64() < 0 || pos->as_int64() > 10000) {
      return Error::InvalidArgument("queues.badPosition", "position must be a whole number",
                                    "position");
    }
    q.position = pos->as_int64();
  }
  return q;
}
}  // namespace

Result<json::object> SearchService::QueueView(Connection& c, const Principal& p,
                                              std::int64_t queue_id, const CompileSetup* setup,
                                              bool with_count) {
  STEWARD_ASSIGN_OR_RETURN(auto queue, QueueFor(c, p, queue_id, /*manage=*/false));
  const QueueRow* q = &queue;
  STEWARD_ASSIGN_OR_RETURN(
      auto starred, c.QueryInt("SELECT 1 FROM queue_stars WHERE queue_id = ? AND user_id = ?",
                               {queue_id, p.user_id}));
  json::value columns = json::parse(q->columns);
  json::object out{{"id", q->id},
                   {"project", q->project_key},
                   {"name", q->name},
                   {"jql", q->jql},
                   {"group", q->group},
                   {"columns", columns},
                   {"position", q->position},
                   {"starred", starred.has_value()}};
  if (with_count) {
    auto compiled = CompileFor(c, p, q->jql, q->project_id, setup);
    if (!compiled.ok()) {
      out["count"] = nullptr;
      out["countCapped"] = false;
      out["error"] = compiled.error().message;
    } else {
      std::int64_t n = 0;
      STEWARD_TRY(sql::Run(
          c, sql::Print(query::CountSelect(*compiled, kQueueCountCap), sql::Dialect::kSqlite),
          [&](const Row& r) { n = r.Int(0); }));
      bool capped = n >= kQueueCountCap;
      out["count"] = capped ? kQueueCountCap - 1 : n;
      out["countCapped"] = capped;
    }
  }
  return out;
}

Result<json::object> SearchService::ListQueues(const Principal& p, std::string_view project_key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(
        auto project_id, c.QueryInt("SELECT id FROM projects WHERE key = ?", {Upper(project_key)}));
    if (!project_id) {
      return Error::NotFound("tickets.projectNotFound", "no project " + std::string(project_key));
    }
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, *project_id));
    if (!access.IsStaff()) {
      return Error::NotFound("tickets.projectNotFound", "no project " + std::string(project_key));
    }
    std::vector<std::int64_t> ids;
    STEWARD_TRY(
        c.Query("SELECT id FROM queues WHERE project_id = ? ORDER BY CASE grp WHEN 'Team "
                "priority' THEN 0 ELSE 1 END, position, id",
                {*project_id}, [&](const Row& r) { ids.push_back(r.Int(0)); }));
    json::array queues;
    STEWARD_ASSIGN_OR_RETURN(auto setup, Setup(c, p));  // once for every queue
    for (auto id : ids) {
      STEWARD_ASSIGN_OR_RETURN(auto view, QueueView(c, p, id, &setup, true));
      queues.push_back(std::move(view));
    }
    return json::object{{"queues", std::move(queues)}};
  });
}

Result<json::object> SearchService::CreateQueue(const Principal& p, std::string_view project_key,
                                                const json::object& body) {
  STEWARD_ASSIGN_OR_RETURN(auto in, ParseQueueInput(body));
  if (!in.name) {
    return Error::InvalidArgument("queues.badName", "the queue needs a name", "name");
  }
  if (!in.jql) {
    return Error::InvalidArgument("queues.badJql", "the queue needs a query (jql)", "jql");
  }
  std::int64_t now = clock_.Now();
  STEWARD_ASSIGN_OR_RETURN(auto id, db_.Write([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(
        auto project_id, c.QueryInt("SELECT id FROM projects WHERE key = ?", {Upper(project_key)}));
    if (!project_id) {
      return Error::NotFound("tickets.projectNotFound", "no project " + std::string(project_key));
    }
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, *project_id));
    if (!access.IsStaff()) {
      return Error::NotFound("tickets.projectNotFound", "no project " + std::string(project_key));
    }
    if (!access.global_admin && !access.Has("administrator")) {
      return Error::PermissionDenied("queues.forbidden",
                                     "only project administrators manage queues");
    }
    STEWARD_TRY(CompileFor(c, p, *in.jql, *project_id));
    std::int64_t position = 0;
    if (in.position) {
      position = *in.position;
    } else {
      STEWARD_ASSIGN_OR_RETURN(auto max, c.QueryInt("SELECT coalesce(max(position), -1) + 1 FROM "
                                                    "queues WHERE project_id = ?",
                                                    {*project_id}));
      position = max.value_or(0);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c.QueryInt("INSERT INTO queues(project_id, name, jql, grp, columns, position, "
                   "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                   {*project_id, Trim(*in.name), *in.jql, in.group.value_or("Team priority"),
                    in.columns.value_or("[]"), position, now, now}));
    return id.value_or(0);
  }));
  return GetQueue(p, id);
}

Result<json::object> SearchService::GetQueue(const Principal& p, std::int64_t id) {
  return db_.ReadAfterWrite(
      [&](Connection& c) -> Result<json::object> { return QueueView(c, p, id, nullptr, true); });
}

Result<json::object> SearchService::UpdateQueue(const Principal& p, std::int64_t id,
                                                const json::object& body) {
  STEWARD_ASSIGN_OR_RETURN(auto in, ParseQueueInput(body));
  std::int64_t now = clock_.Now();
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto q, QueueFor(c, p, id, /*manage=*/true));
    if (in.jql) {
      STEWARD_TRY(CompileFor(c, p, *in.jql, q.project_id));
    }
    return c.Exec(
        "UPDATE queues SET name = coalesce(?, name), jql = coalesce(?, jql), grp = coalesce(?, "
        "grp), columns = coalesce(?, columns), position = coalesce(?, position), updated_at = ? "
        "WHERE id = ?",
        {in.name ? std::optional<std::string>(std::string(Trim(*in.name))) : std::nullopt, in.jql,
         in.group, in.columns, in.position, now, id});
  }));
  return GetQueue(p, id);
}

Status SearchService::DeleteQueue(const Principal& p, std::int64_t id) {
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(QueueFor(c, p, id, /*manage=*/true));
    return c.Exec("DELETE FROM queues WHERE id = ?", {id});
  });
}

Status SearchService::StarQueue(const Principal& p, std::int64_t id, bool star) {
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(QueueFor(c, p, id, /*manage=*/false));
    if (star) {
      return c.Exec(
          "INSERT INTO queue_stars(queue_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          {id, p.user_id});
    }
    return c.Exec("DELETE FROM queue_stars WHERE queue_id = ? AND user_id = ?", {id, p.user_id});
  });
}

Result<json::object> SearchService::QueueIssues(const Principal& p, std::int64_t id, int limit,
                                                const std::string& cursor) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto view, QueueView(c, p, id, nullptr, false));
    STEWARD_ASSIGN_OR_RETURN(auto q, LoadQueue(c, id));
    STEWARD_ASSIGN_OR_RETURN(auto compiled, CompileFor(c, p, q->jql, q->project_id));
    SearchRequest req;
    req.limit = limit;
    req.cursor = cursor;
    req.total_cap = kQueueCountCap;
    for (const auto& col : view["columns"].as_array()) {
      req.fields.emplace_back(col.as_string());
    }
    return Run(c, compiled, req, q->jql);
  });
}

}  // namespace steward::tickets
