// TicketService: configuration views, custom fields, projects, project roles and components.
#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "identity/identity.h"
#include "tickets/issue_service_internal.h"

namespace steward::tickets {
using namespace internal;  // NOLINT(google-build-using-namespace): module-private helpers
using http::JsonReader;

namespace {

Error AdminOnly() {
  return Error::PermissionDenied("tickets.adminOnly", "only administrators may do this");
}

bool ValidProjectKey(std::string_view k) {
  if (k.size() < 2 || k.size() > 10 || k[0] < 'A' || k[0] > 'Z') {
    return false;
  }
  for (char c : k) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

json::object StatusJson(const StatusDef& s) {
  return {{"id", s.id}, {"name", s.name}, {"category", CategoryName(s.category)}};
}

json::object FieldJson(const CustomFieldDef& f, const Catalog& cat) {
  json::array types;
  for (auto id : f.issue_types) {
    if (const auto* t = cat.IssueType(id)) {
      types.push_back(json::value(t->name));
    }
  }
  json::object o{{"id", f.id},
                 {"key", "cf[" + std::to_string(f.id) + "]"},
                 {"name", f.name},
                 {"type", FieldTypeName(f.type)},
                 {"description", f.description},
                 {"issueTypes", std::move(types)},
                 {"custom", true}};
  if (f.type == FieldType::kObject) {
    o["objectSchema"] = f.object.schema;
    o["filterScope"] = f.object.filter_scope;
    o["issueScope"] = f.object.issue_scope;
    o["multiple"] = f.object.multiple;
  }
  if (f.type == FieldType::kSelect || f.type == FieldType::kMultiSelect) {
    json::array opts;
    for (const auto& op : f.options) {
      opts.push_back(json::object{{"id", op.id}, {"value", op.value}, {"disabled", op.disabled}});
    }
    o["options"] = std::move(opts);
  }
  return o;
}

json::object WorkflowJson(const WorkflowDef& w, const Catalog& cat) {
  json::array statuses;
  for (auto id : w.statuses) {
    if (const auto* s = cat.Status(id)) {
      statuses.push_back(StatusJson(*s));
    }
  }
  json::array transitions;
  for (const auto& t : w.transitions) {
    json::object tj{{"id", t.id}, {"name", t.name}};
    const StatusDef* from = t.from_status ? cat.Status(*t.from_status) : nullptr;
    tj["from"] = from ? json::value(from->name) : json::value(nullptr);
    tj["to"] = cat.Status(t.to_status) ? cat.Status(t.to_status)->name : "";
    boost::system::error_code ec;
    tj["rules"] = json::parse(t.rules_json, ec);
    transitions.push_back(std::move(tj));
  }
  const StatusDef* initial = cat.Status(w.initial_status);
  return {{"id", w.id},
          {"name", w.name},
          {"initialStatus", initial ? initial->name : ""},
          {"statuses", std::move(statuses)},
          {"transitions", std::move(transitions)}};
}

const char* const kSystemFields[][2] = {
    {"summary", "text"},
    {"description", "paragraph"},
    {"status", "status"},
    {"resolution", "resolution"},
    {"priority", "priority"},
    {"assignee", "user"},
    {"reporter", "user"},
    {"labels", "labels"},
    {"components", "components"},
    {"created", "datetime"},
    {"updated", "datetime"},
    {"resolved", "datetime"},
    {"dueDate", "date"},
    {"parent", "issue"},
    {"issueType", "issuetype"},
    {"requestType", "requesttype"},
    {"requestParticipants", "multiuser"},
    {"organizations", "organizations"},
    {"approvers", "multiuser"},
};

Result<json::object> ProjectJson(Connection& c, std::int64_t id) {
  std::optional<json::object> out;
  std::optional<std::int64_t> lead;
  STEWARD_TRY(
      c.Query("SELECT id, key, name, description, lead_id, created_at, next_number FROM "
              "projects WHERE id = ?",
              {id}, [&](const Row& r) {
                out = json::object{{"id", r.Int(0)},
                                   {"key", r.String(1)},
                                   {"name", r.String(2)},
                                   {"description", r.String(3)},
                                   {"created", FormatIsoUtc(r.Int(5))},
                                   {"issueCount", r.Int(6) - 1}};
                lead = r.OptInt(4);
              }));
  if (!out) {
    return Error::NotFound("tickets.unknownProject", "no such project");
  }
  json::value lead_json = nullptr;
  if (lead) {
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUserById(c, *lead));
    if (u) {
      lead_json = json::object{{"username", u->username}, {"displayName", u->display_name}};
    }
  }
  (*out)["lead"] = std::move(lead_json);
  json::array comps;
  STEWARD_TRY(c.Query("SELECT id, name FROM components WHERE project_id = ? ORDER BY name", {id},
                      [&](const Row& r) {
                        comps.push_back(json::object{{"id", r.Int(0)}, {"name", r.String(1)}});
                      }));
  (*out)["components"] = std::move(comps);
  return *out;
}

// The project lead named in a request body (none when absent).
Result<std::optional<std::int64_t>> ResolveLead(Connection& c,
                                                const std::optional<std::string>& lead) {
  if (!lead) {
    return std::optional<std::int64_t>();
  }
  STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, *lead));
  if (!u) {
    return Error::InvalidArgument("tickets.unknownUser", "no user \"" + *lead + "\"", "lead");
  }
  return std::optional<std::int64_t>(u->id);
}

Result<std::int64_t> ProjectId(Connection& c, std::string_view key) {
  std::string upper(key);
  for (char& ch : upper) {
    if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  STEWARD_ASSIGN_OR_RETURN(auto id, c.QueryInt("SELECT id FROM projects WHERE key = ?", {upper}));
  if (!id) {
    return Error::NotFound("tickets.unknownProject", "no project " + std::string(key));
  }
  return *id;
}

}  // namespace

Status TicketService::Initialize() {
  // The text indexes catch up before every commit (see FlushTextIndex).
  db_.BeforeCommit(FlushTextIndex);
  STEWARD_TRY(db_.WriteTx([](Connection& c) { return InstallDefaults(c); }));
  return catalog_.Reload(db_);
}

Result<json::object> TicketService::CatalogView(const Principal& p, std::string_view what) {
  (void)p;
  auto cat = catalog_.Get();
  json::array values;
  if (what == "statuses") {
    for (const auto& s : cat->statuses) {
      values.push_back(StatusJson(s));
    }
  } else if (what == "issuetypes") {
    for (const auto& t : cat->issue_types) {
      const WorkflowDef* w = cat->Workflow(t.workflow_id);
      values.push_back(json::object{{"id", t.id},
                                    {"name", t.name},
                                    {"description", t.description},
                                    {"subtask", t.subtask},
                                    {"workflow", w ? w->name : ""}});
    }
  } else if (what == "priorities") {
    for (const auto& x : cat->priorities) {
      values.push_back(json::object{{"id", x.id}, {"name", x.name}, {"color", x.extra}});
    }
  } else if (what == "resolutions") {
    for (const auto& x : cat->resolutions) {
      values.push_back(json::object{{"id", x.id}, {"name", x.name}, {"description", x.extra}});
    }
  } else if (what == "linktypes") {
    for (const auto& l : cat->link_types) {
      values.push_back(json::object{
          {"id", l.id}, {"name", l.name}, {"outward", l.outward}, {"inward", l.inward}});
    }
  } else if (what == "workflows") {
    for (const auto& w : cat->workflows) {
      values.push_back(WorkflowJson(w, *cat));
    }
  } else if (what == "fields") {
    for (const auto& [name, type] : kSystemFields) {
      values.push_back(
          json::object{{"key", name}, {"name", name}, {"type", type}, {"custom", false}});
    }
    for (const auto& f : cat->fields) {
      values.push_back(FieldJson(f, *cat));
    }
  } else {
    return Error::NotFound("http.notFound", "no such catalog");
  }
  return json::object{{"values", std::move(values)}};
}

Result<json::object> TicketService::CreateField(const Principal& p, const json::object& body) {
  if (!p.IsAdmin()) {
    return AdminOnly();
  }
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "type", "description", "issueTypes", "options", "objectSchema",
                            "filterScope", "issueScope", "multiple"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name"));
  STEWARD_ASSIGN_OR_RETURN(auto type_name, in.RequiredString("type", 32));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto type_names, in.OptionalStringArray("issueTypes"));
  STEWARD_ASSIGN_OR_RETURN(auto options, in.OptionalStringArray("options", 500));
  auto type = ParseFieldType(type_name);
  if (!type) {
    return Error::InvalidArgument(
        "tickets.unknownFieldType",
        "unknown field type \"" + type_name +
            "\" (text, paragraph, number, date, datetime, select, multiselect, yesno, user, "
            "multiuser, team, url, object)",
        "type");
  }
  auto cat = catalog_.Get();
  if (cat->FieldByName(name) || name.rfind("cf[", 0) == 0) {
    return Error::AlreadyExists("tickets.fieldExists", "a field \"" + name + "\" exists", "name");
  }
  for (const auto& [sys, t] : kSystemFields) {
    if (EqualsIgnoreCase(sys, name)) {
      return Error::AlreadyExists("tickets.fieldExists", "\"" + name + "\" is a system field",
                                  "name");
    }
  }
  std::string type_ids;
  for (const auto& tn : type_names.value_or(std::vector<std::string>{})) {
    const IssueTypeDef* t = cat->IssueTypeByName(tn);
    if (!t) {
      return Error::InvalidArgument("tickets.unknownIssueType", "no issue type \"" + tn + "\"",
                                    "issueTypes");
    }
    type_ids += (type_ids.empty() ? "" : ",") + std::to_string(t->id);
  }
  bool has_options = *type == FieldType::kSelect || *type == FieldType::kMultiSelect;
  if (has_options && (!options || options->empty())) {
    return Error::InvalidArgument("tickets.optionsRequired", "a select field needs options",
                                  "options");
  }
  if (!has_options && options && !options->empty()) {
    return Error::InvalidArgument("tickets.optionsNotAllowed", "only select fields have options",
                                  "options");
  }
  // Object fields: a schema and AQL scopes, checked by the object directory.
  CustomFieldDef def;
  def.name = name;
  def.type = *type;
  std::string config = "{}";
  STEWARD_ASSIGN_OR_RETURN(auto schema, in.OptionalString("objectSchema", 32));
  STEWARD_ASSIGN_OR_RETURN(auto filter, in.OptionalString("filterScope", 4096));
  STEWARD_ASSIGN_OR_RETURN(auto scope, in.OptionalString("issueScope", 4096));
  STEWARD_ASSIGN_OR_RETURN(auto multiple, in.OptionalBool("multiple"));
  if (*type == FieldType::kObject) {
    if (!schema) {
      return Error::InvalidArgument("http.missingField", "an object field needs objectSchema",
                                    "objectSchema");
    }
    def.object = {*schema, filter.value_or(""), scope.value_or(""), multiple.value_or(true)};
    config = json::serialize(json::object{{"objectSchema", def.object.schema},
                                          {"filterScope", def.object.filter_scope},
                                          {"issueScope", def.object.issue_scope},
                                          {"multiple", def.object.multiple}});
  } else if (schema || filter || scope || multiple) {
    return Error::InvalidArgument("tickets.notAnObjectField",
                                  "only object fields take objectSchema, scopes and multiple",
                                  "objectSchema");
  }
  TimestampMs now = clock_.Now();
  std::int64_t id = 0;
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    if (*type == FieldType::kObject) {
      ObjectDirectory* directory = InstalledObjectDirectory();
      if (!directory) {
        return Error::FailedPrecondition("tickets.noObjectDirectory",
                                         "object fields need the CMDB, which is not installed");
      }
      STEWARD_TRY(directory->CheckConfig(c, def));
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto fid, c.QueryInt("INSERT INTO custom_fields(name, type, description, issue_types, "
                             "created_at, config) VALUES (?,?,?,?,?,?) RETURNING id",
                             {name, type_name, desc.value_or(""), type_ids, now, config}));
    id = *fid;
    int pos = 0;
    for (const auto& o : options.value_or(std::vector<std::string>{})) {
      if (Trim(o).empty()) {
        return Error::InvalidArgument("tickets.badOption", "options must not be empty", "options");
      }
      STEWARD_TRY(
          c.Exec("INSERT INTO custom_field_options(field_id, value, position) VALUES "
                 "(?,?,?) ON CONFLICT DO NOTHING",
                 {id, o, pos++}));
    }
    return identity::Audit(c, p.user_id, "field.create", name, type_name, now);
  }));
  STEWARD_TRY(catalog_.Reload(db_));
  auto fresh = catalog_.Get();
  return FieldJson(*fresh->Field(id), *fresh);
}

Result<json::object> TicketService::AddFieldOptions(const Principal& p, std::string_view field,
                                                    const json::object& body) {
  if (!p.IsAdmin()) {
    return AdminOnly();
  }
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"options"}));
  STEWARD_ASSIGN_OR_RETURN(auto options, in.OptionalStringArray("options", 500));
  auto cat = catalog_.Get();
  const CustomFieldDef* f = cat->FieldByName(field);
  if (!f) {
    return Error::NotFound("tickets.unknownField", "no field \"" + std::string(field) + "\"");
  }
  if (f->type != FieldType::kSelect && f->type != FieldType::kMultiSelect) {
    return Error::InvalidArgument("tickets.optionsNotAllowed", "only select fields have options",
                                  "options");
  }
  std::int64_t fid = f->id;
  int pos = static_cast<int>(f->options.size());
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    for (const auto& o : options.value_or(std::vector<std::string>{})) {
      if (Trim(o).empty() || o.size() > 255) {
        return Error::InvalidArgument("tickets.badOption", "options are 1-255 characters",
                                      "options");
      }
      STEWARD_TRY(
          c.Exec("INSERT INTO custom_field_options(field_id, value, position) VALUES "
                 "(?,?,?) ON CONFLICT DO NOTHING",
                 {fid, o, pos++}));
    }
    return Ok();
  }));
  STEWARD_TRY(catalog_.Reload(db_));
  auto fresh = catalog_.Get();
  return FieldJson(*fresh->Field(fid), *fresh);
}

Result<json::object> TicketService::CreateProject(const Principal& p, const json::object& body) {
  if (!p.IsAdmin()) {
    return AdminOnly();
  }
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"key", "name", "description", "lead"}));
  STEWARD_ASSIGN_OR_RETURN(auto key, in.RequiredString("key", 10));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name"));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto lead, in.OptionalString("lead", 64));
  if (!ValidProjectKey(key)) {
    return Error::InvalidArgument(
        "tickets.badProjectKey",
        "a project key is 2-10 upper-case letters and digits, starting with a letter", "key");
  }
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto exists,
                             c.QueryInt("SELECT id FROM projects WHERE key = ?", {key}));
    if (exists) {
      return Error::AlreadyExists("tickets.projectExists", "project " + key + " exists", "key");
    }
    STEWARD_ASSIGN_OR_RETURN(auto lead_id, ResolveLead(c, lead));
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("INSERT INTO projects(key, name, description, lead_id, created_at) "
                            "VALUES (?,?,?,?,?) RETURNING id",
                            {key, name, desc.value_or(""), lead_id, now}));
    if (lead_id) {
      STEWARD_TRY(
          c.Exec("INSERT INTO project_roles(project_id, role, user_id) VALUES "
                 "(?, 'administrator', ?)",
                 {*id, *lead_id}));
    }
    STEWARD_TRY(identity::Audit(c, p.user_id, "project.create", key, name, now));
    return ProjectJson(c, *id);
  });
}

Result<json::object> TicketService::ListProjects(const Principal& p) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    std::vector<std::int64_t> ids;
    STEWARD_TRY(c.Query("SELECT id FROM projects ORDER BY key", {},
                        [&](const Row& r) { ids.push_back(r.Int(0)); }));
    json::array values;
    for (auto id : ids) {
      STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
      if (access.roles.empty()) {
        continue;
      }
      STEWARD_ASSIGN_OR_RETURN(auto pj, ProjectJson(c, id));
      json::array roles;
      for (const auto& r : access.roles) {
        roles.push_back(json::value(r));
      }
      pj["myRoles"] = std::move(roles);
      values.push_back(std::move(pj));
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::GetProject(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (access.roles.empty()) {
      return Error::NotFound("tickets.unknownProject", "no project " + std::string(key));
    }
    STEWARD_ASSIGN_OR_RETURN(auto pj, ProjectJson(c, id));
    json::array roles;
    for (const auto& r : access.roles) {
      roles.push_back(json::value(r));
    }
    pj["myRoles"] = std::move(roles);
    return pj;
  });
}

Result<json::object> TicketService::UpdateProject(const Principal& p, std::string_view key,
                                                  const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "description", "lead"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.OptionalString("name"));
  if (in.Has("name") && (!name || Trim(*name).empty())) {
    return Error::InvalidArgument("tickets.badName", "the name must not be empty", "name");
  }
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto lead, in.OptionalString("lead", 64));
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (access.roles.empty()) {
      return Error::NotFound("tickets.unknownProject", "no project " + std::string(key));
    }
    if (!access.global_admin && !access.Has("administrator")) {
      return AdminOnly();
    }
    if (name) {
      STEWARD_TRY(c.Exec("UPDATE projects SET name = ? WHERE id = ?", {*name, id}));
    }
    if (desc) {
      STEWARD_TRY(c.Exec("UPDATE projects SET description = ? WHERE id = ?", {*desc, id}));
    }
    if (in.Has("lead")) {
      STEWARD_ASSIGN_OR_RETURN(auto lead_id, ResolveLead(c, lead));
      STEWARD_TRY(c.Exec("UPDATE projects SET lead_id = ? WHERE id = ?", {lead_id, id}));
    }
    STEWARD_TRY(identity::Audit(c, p.user_id, "project.update", key, "", now));
    return ProjectJson(c, id);
  });
}

Result<json::object> TicketService::ListRoles(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (!access.IsStaff()) {
      return Error::NotFound("tickets.unknownProject", "no project " + std::string(key));
    }
    json::array values;
    STEWARD_TRY(c.Query(
        "SELECT r.id, r.role, u.username, u.display_name, t.name, o.name FROM project_roles r "
        "LEFT JOIN users u ON u.id = r.user_id LEFT JOIN teams t ON t.id = r.team_id "
        "LEFT JOIN organizations o ON o.id = r.organization_id WHERE r.project_id = ? "
        "ORDER BY r.role, r.id",
        {id}, [&](const Row& r) {
          json::object o{{"id", r.Int(0)}, {"role", r.String(1)}};
          if (!r.IsNull(2)) {
            o["user"] = json::object{{"username", r.String(2)}, {"displayName", r.String(3)}};
          } else if (!r.IsNull(4)) {
            o["team"] = r.String(4);
          } else {
            o["organization"] = r.String(5);
          }
          values.push_back(std::move(o));
        }));
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::AddRole(const Principal& p, std::string_view key,
                                            const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"role", "user", "team", "organization"}));
  STEWARD_ASSIGN_OR_RETURN(auto role, in.RequiredString("role", 32));
  STEWARD_ASSIGN_OR_RETURN(auto user, in.OptionalString("user", 64));
  STEWARD_ASSIGN_OR_RETURN(auto team, in.OptionalString("team"));
  STEWARD_ASSIGN_OR_RETURN(auto org, in.OptionalString("organization"));
  if (role != "administrator" && role != "agent" && role != "collaborator" && role != "customer") {
    return Error::InvalidArgument(
        "tickets.badRole", "role must be administrator, agent, collaborator or customer", "role");
  }
  if ((user ? 1 : 0) + (team ? 1 : 0) + (org ? 1 : 0) != 1) {
    return Error::InvalidArgument("tickets.badRoleMember",
                                  "give exactly one of user, team or organization");
  }
  if (org && role != "customer") {
    return Error::InvalidArgument("tickets.badRoleMember",
                                  "organizations can only hold the customer role", "organization");
  }
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (!access.global_admin && !access.Has("administrator")) {
      return AdminOnly();
    }
    std::optional<std::int64_t> uid, tid, oid;
    if (user) {
      STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, *user));
      if (!u) {
        return Error::InvalidArgument("tickets.unknownUser", "no user \"" + *user + "\"", "user");
      }
      if (u->kind == "customer" && role != "customer") {
        return Error::InvalidArgument("tickets.badRoleMember",
                                      "customers can only hold the customer role", "role");
      }
      uid = u->id;
    } else if (team) {
      STEWARD_ASSIGN_OR_RETURN(tid, identity::FindTeamId(c, *team));
      if (!tid) {
        return Error::InvalidArgument("tickets.unknownTeam", "no team \"" + *team + "\"", "team");
      }
    } else {
      STEWARD_ASSIGN_OR_RETURN(oid, identity::FindOrganizationId(c, *org));
      if (!oid) {
        return Error::InvalidArgument("tickets.unknownOrganization",
                                      "no organization \"" + *org + "\"", "organization");
      }
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto rid, c.QueryInt("INSERT INTO project_roles(project_id, role, user_id, team_id, "
                             "organization_id) VALUES (?,?,?,?,?) RETURNING id",
                             {id, role, uid, tid, oid}));
    STEWARD_TRY(identity::Audit(c, p.user_id, "project.addRole", key, role, now));
    return json::object{{"id", *rid}, {"role", role}};
  });
}

Status TicketService::RemoveRole(const Principal& p, std::string_view key, std::int64_t role_id) {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (!access.global_admin && !access.Has("administrator")) {
      return AdminOnly();
    }
    STEWARD_TRY(c.Exec("DELETE FROM project_roles WHERE id = ? AND project_id = ?", {role_id, id}));
    if (c.ChangedRows() == 0) {
      return Error::NotFound("tickets.unknownRole", "no such role assignment");
    }
    return identity::Audit(c, p.user_id, "project.removeRole", key, std::to_string(role_id), now);
  });
}

Result<json::object> TicketService::AddComponent(const Principal& p, std::string_view key,
                                                 const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name"));
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto id, ProjectId(c, key));
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, id));
    if (!access.global_admin && !access.Has("administrator")) {
      return AdminOnly();
    }
    STEWARD_ASSIGN_OR_RETURN(auto cid,
                             c.QueryInt("INSERT INTO components(project_id, name) VALUES (?,?) "
                                        "RETURNING id",
                                        {id, name}));
    return json::object{{"id", *cid}, {"name", name}};
  });
}

}  // namespace steward::tickets
