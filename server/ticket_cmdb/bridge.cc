#include "base/text.h"
#include "http/json.h"
#include "query/lowering.h"
#include "sql/run.h"
#include "ticket_cmdb/ticket_cmdb.h"

#include <boost/json.hpp>

#include <set>

namespace steward::ticket_cmdb {
namespace {

using storage::Connection;
using storage::Row;

// The directory and the matrix compile scopes as the system: no caller's currentUser().
http::Principal System() {
  http::Principal p;
  p.kind = "admin";
  p.username = "system";
  return p;
}

std::string QuoteAql(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

sql::SelectPtr Sub(std::vector<std::pair<sql::ExprPtr, std::string>> cols, std::string table,
                   std::string alias, sql::ExprPtr where) {
  auto s = std::make_shared<sql::Select>();
  s->columns = std::move(cols);
  s->from = std::move(table);
  s->from_alias = std::move(alias);
  s->where = std::move(where);
  return s;
}

std::string Upper(std::string_view in) {
  std::string s(in);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return s;
}

// The AQL an object field's values must match: its filter scope, plus the issue scope once
// its placeholders are filled (when `context` is given).
std::string ScopeOf(const tickets::CustomFieldDef& f, const json::object* context,
                    std::vector<std::string>& missing) {
  std::vector<std::string> parts;
  if (!Trim(f.object.filter_scope).empty()) {
    parts.push_back("(" + f.object.filter_scope + ")");
  }
  if (context && !Trim(f.object.issue_scope).empty()) {
    parts.push_back("(" + Bridge::FillPlaceholders(f.object.issue_scope, *context, missing) + ")");
  }
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : " AND ") + p;
  }
  return out;
}

}  // namespace

std::string Bridge::FillPlaceholders(std::string_view aql, const json::object& context,
                                     std::vector<std::string>& missing) {
  std::string out;
  size_t i = 0;
  while (i < aql.size()) {
    size_t start = aql.find("${", i);
    if (start == std::string_view::npos) {
      out += aql.substr(i);
      break;
    }
    out += aql.substr(i, start - i);
    // ${Name} or ${Name${0}} (every value).
    size_t end = aql.find('}', start + 2);
    if (end == std::string_view::npos) {
      out += aql.substr(start);
      break;
    }
    std::string name(aql.substr(start + 2, end - start - 2));
    bool all = false;
    size_t inner = name.find("${");
    if (inner != std::string::npos) {
      all = true;
      name = name.substr(0, inner);
      if (end + 1 < aql.size() && aql[end + 1] == '}') {
        ++end;
      }
    }
    std::vector<std::string> values;
    for (const auto& [k, v] : context) {
      if (!EqualsIgnoreCase(k, Trim(name))) {
        continue;
      }
      auto add = [&](const json::value& x) {
        if (x.is_string() && !Trim(x.get_string()).empty()) {
          values.emplace_back(Trim(x.get_string()));
        } else if (x.is_object() && x.get_object().contains("key") &&
                   x.get_object().at("key").is_string()) {
          values.emplace_back(x.get_object().at("key").get_string());
        }
      };
      if (v.is_array()) {
        for (const auto& x : v.get_array()) {
          add(x);
        }
      } else {
        add(v);
      }
    }
    if (values.empty()) {
      missing.emplace_back(Trim(name));
      out += "\"\"";
    } else if (all) {
      for (size_t n = 0; n < values.size(); ++n) {
        out += (n ? ", " : "") + QuoteAql(values[n]);
      }
    } else {
      out += QuoteAql(values[0]);
    }
    i = end + 1;
  }
  return out;
}

// Tickets' view of the CMDB.
class Bridge::Directory : public tickets::ObjectDirectory {
 public:
  explicit Directory(cmdb::CmdbService& cmdb) : cmdb_(cmdb) {}

  Status CheckConfig(Connection& c, const tickets::CustomFieldDef& f) override {
    STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, f.object.schema));
    if (!schema) {
      return Error::InvalidArgument("tickets.unknownObjectSchema",
                                    "no object schema \"" + f.object.schema + "\"", "objectSchema");
    }
    auto check = [&](const std::string& aql, const char* field) -> Status {
      if (Trim(aql).empty()) {
        return Ok();
      }
      auto r = cmdb_.CompileIds(c, System(), aql, *schema);
      if (!r.ok()) {
        Error e = r.error();
        e.message = std::string(field) + ": " + e.message;
        e.field = field;
        return e;
      }
      return Ok();
    };
    STEWARD_TRY(check(f.object.filter_scope, "filterScope"));
    // Placeholders take a stand-in value for the check.
    std::vector<std::string> missing;
    return check(FillPlaceholders(f.object.issue_scope, json::object{}, missing), "issueScope");
  }

  Result<std::vector<std::int64_t>> OutsideIssueScope(Connection& c,
                                                      const tickets::CustomFieldDef& f,
                                                      const std::vector<std::int64_t>& ids,
                                                      const json::object& context) override {
    std::vector<std::int64_t> outside;
    if (Trim(f.object.issue_scope).empty() || ids.empty()) {
      return outside;
    }
    STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, f.object.schema));
    // An empty placeholder fills in "" and so matches nothing: the field waits for the other.
    std::vector<std::string> missing;
    std::string aql = FillPlaceholders(f.object.issue_scope, context, missing);
    STEWARD_ASSIGN_OR_RETURN(auto scope, cmdb_.CompileIds(c, System(), aql, schema.value_or(0)));
    std::vector<sql::ExprPtr> given;
    for (auto id : ids) {
      given.push_back(sql::P(id));
    }
    sql::Select probe;
    probe.columns = {{sql::Col("z", "id"), ""}};
    probe.from = "cmdb_objects";
    probe.from_alias = "z";
    probe.where = sql::And(
        {sql::InList(sql::Col("z", "id"), given), sql::InSelect(sql::Col("z", "id"), scope)});
    std::set<std::int64_t> inside;
    STEWARD_TRY(sql::Run(c, sql::Print(probe, sql::DialectOf(c)),
                         [&](const Row& r) { inside.insert(r.Int(0)); }));
    for (auto id : ids) {
      if (!inside.count(id)) {
        outside.push_back(id);
      }
    }
    return outside;
  }

  Result<std::optional<tickets::ObjectValue>> Resolve(Connection& c,
                                                      const tickets::CustomFieldDef& f,
                                                      std::string_view text) override {
    STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, f.object.schema));
    if (!schema) {
      return std::optional<tickets::ObjectValue>();
    }
    STEWARD_ASSIGN_OR_RETURN(auto found, cmdb::CmdbService::Resolve(c, text, *schema));
    if (!found) {
      return std::optional<tickets::ObjectValue>();
    }
    if (!Trim(f.object.filter_scope).empty()) {
      STEWARD_ASSIGN_OR_RETURN(auto ids,
                               cmdb_.CompileIds(c, System(), f.object.filter_scope, *schema));
      bool in_scope = false;
      sql::Select probe;
      probe.columns = {{sql::Int(1), ""}};
      probe.from = "cmdb_objects";
      probe.from_alias = "z";
      probe.where = sql::And({sql::Bin(sql::BinaryOp::kEq, sql::Col("z", "id"), sql::P(found->id)),
                              sql::InSelect(sql::Col("z", "id"), ids)});
      STEWARD_TRY(
          sql::Run(c, sql::Print(probe, sql::DialectOf(c)), [&](const Row&) { in_scope = true; }));
      if (!in_scope) {
        return std::optional<tickets::ObjectValue>();
      }
    }
    return std::optional<tickets::ObjectValue>(
        tickets::ObjectValue{found->id, found->key, found->label});
  }

  Result<std::map<std::int64_t, tickets::ObjectValue>> Describe(
      Connection& c, const std::vector<std::int64_t>& ids) override {
    STEWARD_ASSIGN_OR_RETURN(auto refs, cmdb::CmdbService::Describe(c, ids));
    std::map<std::int64_t, tickets::ObjectValue> out;
    for (const auto& r : refs) {
      out[r.id] = {r.id, r.key, r.label};
    }
    return out;
  }

  void ExtendSearchField(query::FieldSpec& spec, const tickets::CustomFieldDef& f) override {
    spec.functions = {"aqlfunction"};
    std::int64_t field_id = f.id;
    spec.lower = [field_id](const query::BoundClause& c, const query::LowerContext&) {
      auto rows = [&](sql::ExprPtr extra) {
        std::vector<sql::ExprPtr> terms = {
            sql::Bin(sql::BinaryOp::kEq, sql::Col("ofv", "field_id"), sql::Int(field_id))};
        if (extra) {
          terms.push_back(extra);
        }
        return sql::InSelect(
            sql::Col("i", "id"),
            Sub({{sql::Col("ofv", "issue_id"), ""}}, "issue_field_values", "ofv", sql::And(terms)));
      };
      sql::ExprPtr any = rows(nullptr);
      if (c.op == query::ast::Op::kIs) {
        return sql::Not(any);
      }
      if (c.op == query::ast::Op::kIsNot) {
        return any;
      }
      std::vector<sql::ExprPtr> matches;
      for (const auto& v : c.values) {
        if (v.kind == query::BoundValue::Kind::kSubquery && v.subquery) {
          matches.push_back(sql::InSelect(sql::Col("ofv", "int_value"), v.subquery));
        } else {
          sql::ExprPtr by_key =
              sql::Bin(sql::BinaryOp::kEq, sql::Col("ob", "key"), sql::P(Upper(v.text)));
          sql::ExprPtr by_label = sql::Bin(
              sql::BinaryOp::kEq, sql::Call(sql::Special::kLower, {sql::Col("ob", "label")}),
              sql::Call(sql::Special::kLower, {sql::P(v.text)}));
          matches.push_back(sql::InSelect(sql::Col("ofv", "int_value"),
                                          Sub({{sql::Col("ob", "id"), ""}}, "cmdb_objects", "ob",
                                              sql::Or({by_key, by_label}))));
        }
      }
      sql::ExprPtr pos = rows(sql::Or(matches));
      bool negated = c.op == query::ast::Op::kNe || c.op == query::ast::Op::kNotIn;
      return negated ? sql::And({any, sql::Not(pos)}) : pos;
    };
  }

  std::variant<sql::SelectPtr, query::QueryError> ResolveFunction(
      Connection& c, const http::Principal& p, const std::string& name,
      const std::vector<std::string>& args, query::Span span) override {
    if (name != "aqlfunction" || args.size() != 1) {
      return query::QueryError{"query.badValue", "aqlFunction() takes one AQL query in quotes",
                               span};
    }
    auto ids = cmdb_.CompileIds(c, p, args[0], 0);
    if (!ids.ok()) {
      return query::QueryError{"query.badValue", "aqlFunction(): " + ids.error().message, span};
    }
    return *ids;
  }

 private:
  cmdb::CmdbService& cmdb_;
};

Bridge::Bridge(storage::Database& db, cmdb::CmdbService& cmdb, tickets::TicketService& tickets,
               tickets::SearchService& search, tickets::CatalogHolder& catalog)
    : db_(db),
      cmdb_(cmdb),
      tickets_(tickets),
      search_(search),
      catalog_(catalog),
      directory_(std::make_unique<Directory>(cmdb)) {}

Bridge::~Bridge() {
  if (tickets::InstalledObjectDirectory() == directory_.get()) {
    tickets::InstallObjectDirectory(nullptr);
  }
}

void Bridge::Install() {
  tickets::InstallObjectDirectory(directory_.get());
  cmdb_.SetConnectedTickets(
      [this](Connection& c, const http::Principal& p,
             std::string_view jql) -> std::variant<sql::SelectPtr, std::string> {
        auto issues = search_.IssueIds(c, p, jql);
        if (!issues.ok()) {
          return issues.error().message;
        }
        auto s = std::make_shared<sql::Select>();
        s->columns = {{sql::Col("cfv", "int_value"), ""}};
        s->from = "issue_field_values";
        s->from_alias = "cfv";
        s->joins.push_back(
            {false, "custom_fields", nullptr, "cff",
             sql::Bin(sql::BinaryOp::kEq, sql::Col("cff", "id"), sql::Col("cfv", "field_id"))});
        s->where = sql::And(
            {sql::Bin(sql::BinaryOp::kEq, sql::Col("cff", "type"), sql::P(std::string("object"))),
             sql::InSelect(sql::Col("cfv", "issue_id"), *issues)});
        return s;
      });
  // The priority matrix (S3.5): Impact × Urgency → Priority, for incidents.
  cmdb::CmdbService* cmdb = &cmdb_;
  tickets_.SetPriorityPolicy(tickets::PriorityPolicy{
      {"Impact", "Urgency"},
      [cmdb](
          Connection& c, const std::string& issue_type,
          const std::map<std::string, std::string>& values) -> Result<std::optional<std::string>> {
        auto impact = values.find("Impact");
        auto urgency = values.find("Urgency");
        if (issue_type != "Incident" || impact == values.end() || urgency == values.end()) {
          return std::optional<std::string>();
        }
        auto ids = cmdb->CompileIds(
            c, System(),
            "objectType = \"Priority Matrix\" AND Impact = " + QuoteAql(impact->second) +
                " AND Urgency = " + QuoteAql(urgency->second),
            0);
        if (!ids.ok()) {
          return std::optional<std::string>();  // no matrix in this CMDB
        }
        std::optional<std::int64_t> cell;
        auto s = std::make_shared<sql::Select>(**ids);
        s->limit = sql::Int(1);
        STEWARD_TRY(
            sql::Run(c, sql::Print(*s, sql::DialectOf(c)), [&](const Row& r) { cell = r.Int(0); }));
        if (!cell) {
          return std::optional<std::string>();
        }
        return cmdb::CmdbService::AttributeText(c, *cell, "Priority");
      }});
}

Result<json::object> Bridge::Pick(const http::Principal& p, std::string_view field,
                                  std::string_view text, const json::object& context, int limit) {
  auto cat = catalog_.Get();
  const tickets::CustomFieldDef* f = cat->FieldByName(field);
  if (!f && !field.empty() && field.find_first_not_of("0123456789") == std::string_view::npos &&
      field.size() < 12) {
    f = cat->Field(std::stoll(std::string(field)));
  }
  if (!f) {
    return Error::NotFound("tickets.fieldNotFound", "no field \"" + std::string(field) + "\"");
  }
  if (f->type != tickets::FieldType::kObject) {
    return Error::InvalidArgument("tickets.notAnObjectField",
                                  "\"" + f->name + "\" is not an object field");
  }
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, f->object.schema));
    if (!schema) {
      return json::object{{"objects", json::array()}};
    }
    std::vector<std::string> missing;
    std::string scope = ScopeOf(*f, &context, missing);
    json::array waiting;
    for (const auto& m : missing) {
      waiting.emplace_back(m);
    }
    if (!missing.empty()) {
      return json::object{{"objects", json::array()}, {"waitingFor", std::move(waiting)}};
    }
    // The scope is the field's configuration, compiled as the system; `p` only limits reading.
    STEWARD_ASSIGN_OR_RETURN(auto objects, cmdb_.Pick(c, System(), scope, *schema, text, limit));
    json::array out;
    for (const auto& o : objects) {
      out.push_back(json::object{
          {"id", o.id}, {"key", o.key}, {"label", o.label}, {"objectType", o.object_type}});
    }
    (void)p;
    return json::object{{"objects", std::move(out)}, {"waitingFor", json::array()}};
  });
}

Result<json::object> Bridge::ConnectedIssues(const http::Principal& p, std::string_view key,
                                             bool unresolved_only) {
  if (!cmdb::CmdbService::CanRead(p)) {
    return Error::PermissionDenied("cmdb.forbidden",
                                   "the CMDB is open to agents and administrators");
  }
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto object, cmdb::CmdbService::Resolve(c, key, 0));
    if (!object || !EqualsIgnoreCase(object->key, key)) {
      return Error::NotFound("cmdb.objectNotFound", "no object \"" + std::string(key) + "\"");
    }
    STEWARD_ASSIGN_OR_RETURN(auto visible, search_.IssueIds(c, p, ""));
    sql::Select s;
    s.columns = {{sql::Col("ci", "key"), ""},       {sql::Col("ci", "summary"), ""},
                 {sql::Col("ci", "status_id"), ""}, {sql::Col("ci", "issue_type_id"), ""},
                 {sql::Col("cf", "name"), ""},      {sql::Col("ci", "resolved_at"), ""}};
    s.from = "issue_field_values";
    s.from_alias = "cv";
    s.joins.push_back(
        {false, "issues", nullptr, "ci",
         sql::Bin(sql::BinaryOp::kEq, sql::Col("ci", "id"), sql::Col("cv", "issue_id"))});
    s.joins.push_back(
        {false, "custom_fields", nullptr, "cf",
         sql::Bin(sql::BinaryOp::kEq, sql::Col("cf", "id"), sql::Col("cv", "field_id"))});
    std::vector<sql::ExprPtr> where = {
        sql::Bin(sql::BinaryOp::kEq, sql::Col("cf", "type"), sql::P(std::string("object"))),
        sql::Bin(sql::BinaryOp::kEq, sql::Col("cv", "int_value"), sql::P(object->id)),
        sql::InSelect(sql::Col("ci", "id"), visible)};
    if (unresolved_only) {
      where.push_back(sql::IsNull(sql::Col("ci", "resolved_at")));
    }
    s.where = sql::And(where);
    s.order_by = {{sql::Col("ci", "id"), true, true, false}};
    s.limit = sql::Int(200);
    json::array out;
    STEWARD_TRY(sql::Run(c, sql::Print(s, sql::DialectOf(c)), [&](const Row& r) {
      const tickets::StatusDef* st = cat->Status(r.Int(2));
      const tickets::IssueTypeDef* t = cat->IssueType(r.Int(3));
      out.push_back(json::object{
          {"key", r.String(0)},
          {"summary", r.String(1)},
          {"status", st ? st->name : ""},
          {"statusCategory", st ? std::string(tickets::CategoryName(st->category)) : ""},
          {"issueType", t ? t->name : ""},
          {"field", r.String(4)},
          {"resolved", !r.IsNull(5)}});
    }));
    return json::object{{"object", object->key}, {"issues", std::move(out)}};
  });
}

void Bridge::RegisterRoutes(http::Router& r) {
  using http::Access;
  using http::Method;
  using http::Request;
  using http::Response;
  r.Add(Method::kGet, "/api/v1/fields/{field}/objects", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          json::object context;
          if (auto raw = req.QueryParam("context"); raw && !raw->empty()) {
            if (raw->size() > 16384) {
              return Error::InvalidArgument("http.badParameter", "context is at most 16 KB",
                                            "context");
            }
            boost::system::error_code ec;
            auto v = json::parse(*raw, ec);
            if (ec || !v.is_object()) {
              return Error::InvalidArgument("http.badParameter",
                                            "context is a JSON object {\"field name\": value}",
                                            "context");
            }
            context = v.get_object();
          }
          std::string q = req.QueryParam("q").value_or("");
          if (q.size() > 255) {
            return Error::InvalidArgument("http.badParameter", "q is at most 255 characters", "q");
          }
          STEWARD_ASSIGN_OR_RETURN(int limit, http::IntQueryParam(req, "limit", 50, 1, 200));
          STEWARD_ASSIGN_OR_RETURN(auto out,
                                   Pick(*req.principal, req.PathParam("field"), q, context, limit));
          return http::JsonResponse(200, out);
        });
  r.Add(Method::kGet, "/api/v1/cmdb/objects/{key}/issues", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          std::string filter = req.QueryParam("filter").value_or("all");
          if (filter != "all" && filter != "unresolved") {
            return Error::InvalidArgument("http.badParameter", "filter is all or unresolved",
                                          "filter");
          }
          STEWARD_ASSIGN_OR_RETURN(auto out, ConnectedIssues(*req.principal, req.PathParam("key"),
                                                             filter == "unresolved"));
          return http::JsonResponse(200, out);
        });
}

}  // namespace steward::ticket_cmdb
