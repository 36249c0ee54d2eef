#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "requests/requests.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace steward::requests {
namespace {

using http::JsonReader;
using storage::Connection;
using storage::Row;
using tickets::Catalog;
using tickets::CustomFieldDef;
using tickets::FieldType;
using tickets::ProjectAccess;

constexpr size_t kMaxFormFields = 50;

// The system fields a request form may ask for, with the type the form renders.
struct SystemField {
  std::string_view id;
  std::string_view type;
};
constexpr SystemField kSystemFields[] = {
    {"summary", "text"}, {"description", "paragraph"},  {"priority", "select"},
    {"dueDate", "date"}, {"components", "multiselect"}, {"labels", "labels"},
};

const SystemField* FindSystemField(std::string_view id) {
  for (const auto& f : kSystemFields) {
    if (AsciiLower(f.id) == AsciiLower(id)) {
      return &f;
    }
  }
  return nullptr;
}

// "customfield_12" → 12.
std::optional<std::int64_t> CustomFieldId(std::string_view field) {
  constexpr std::string_view kPrefix = "customfield_";
  if (field.substr(0, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  std::int64_t id = 0;
  std::string_view digits = field.substr(kPrefix.size());
  if (digits.empty() || digits.size() > 12) {
    return std::nullopt;
  }
  for (char ch : digits) {
    if (ch < '0' || ch > '9') {
      return std::nullopt;
    }
    id = id * 10 + (ch - '0');
  }
  return id;
}

struct PortalRow {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string project_key;
  std::string name;
  std::string description;
  std::string announcement_title;
  std::string announcement_message;
};

constexpr std::string_view kPortalSelect =
    "SELECT po.id, po.project_id, pr.key, po.name, po.description, po.announcement_title, "
    "po.announcement_message FROM portals po JOIN projects pr ON pr.id = po.project_id ";

PortalRow ReadPortal(const Row& r) {
  return PortalRow{r.Int(0),    r.Int(1),    r.String(2), r.String(3),
                   r.String(4), r.String(5), r.String(6)};
}

json::object PortalJson(const PortalRow& po) {
  json::object o{{"id", po.id},
                 {"projectKey", po.project_key},
                 {"name", po.name},
                 {"description", po.description}};
  if (!po.announcement_title.empty() || !po.announcement_message.empty()) {
    o["announcement"] =
        json::object{{"title", po.announcement_title}, {"message", po.announcement_message}};
  } else {
    o["announcement"] = nullptr;
  }
  return o;
}

Error NoPortal() { return Error::NotFound("requests.noPortal", "no such portal"); }
Error NoRequestType() { return Error::NotFound("requests.noRequestType", "no such request type"); }

// Loads a portal the caller may use; fails as if it did not exist otherwise.
Result<std::pair<PortalRow, ProjectAccess>> LoadUsablePortal(Connection& c, const Principal& p,
                                                             std::int64_t portal_id) {
  std::optional<PortalRow> portal;
  STEWARD_TRY(c.Query(std::string(kPortalSelect) + "WHERE po.id = ?", {portal_id},
                      [&](const Row& r) { portal = ReadPortal(r); }));
  if (!portal) {
    return NoPortal();
  }
  STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, portal->project_id));
  if (access.roles.empty()) {
    return NoPortal();
  }
  return std::make_pair(std::move(*portal), std::move(access));
}

struct FormField {
  std::string field;  // system id or customfield_N
  std::string label;
  std::string help;
  bool required = false;
};

struct RequestTypeRow {
  std::int64_t id = 0;
  std::int64_t portal_id = 0;
  std::string name;
  std::string description;
  std::string help_text;
  std::int64_t issue_type_id = 0;
  std::string icon;
  std::string status_names;  // JSON object, as stored
  std::vector<std::int64_t> groups;
  std::vector<FormField> fields;
};

constexpr std::string_view kTypeSelect =
    "SELECT id, portal_id, name, description, help_text, issue_type_id, icon, status_names FROM "
    "request_types ";

RequestTypeRow ReadType(const Row& r) {
  RequestTypeRow t;
  t.id = r.Int(0);
  t.portal_id = r.Int(1);
  t.name = r.String(2);
  t.description = r.String(3);
  t.help_text = r.String(4);
  t.issue_type_id = r.Int(5);
  t.icon = r.String(6);
  t.status_names = r.String(7);
  return t;
}

Result<std::optional<RequestTypeRow>> LoadType(Connection& c, std::int64_t id, bool with_form) {
  std::optional<RequestTypeRow> t;
  STEWARD_TRY(c.Query(std::string(kTypeSelect) + "WHERE id = ?", {id},
                      [&](const Row& r) { t = ReadType(r); }));
  if (t && with_form) {
    STEWARD_TRY(c.Query(
        "SELECT field, label, help, required FROM request_type_fields WHERE "
        "request_type_id = ? ORDER BY position",
        {id}, [&](const Row& r) {
          t->fields.push_back(FormField{r.String(0), r.String(1), r.String(2), r.Int(3) != 0});
        }));
    STEWARD_TRY(
        c.Query("SELECT group_id FROM request_type_group_members WHERE request_type_id "
                "= ? ORDER BY group_id",
                {id}, [&](const Row& r) { t->groups.push_back(r.Int(0)); }));
  }
  return t;
}

// A request type's names for statuses as customers see them, by lower-cased status name;
// parsed once per request type (the column holds a JSON object written by CreateRequestType).
using StatusNames = std::map<std::string, std::string>;

StatusNames ParseStatusNames(std::string_view json_text) {
  StatusNames out;
  boost::system::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (!ec && v.is_object()) {
    for (const auto& [k, name] : v.as_object()) {
      if (name.is_string()) {
        out[AsciiLower(k)] = std::string(name.as_string());
      }
    }
  }
  return out;
}

// The name customers see for a status: the request type's own name for it, else the status's.
std::string CustomerStatusName(const StatusNames& names, const std::string& status) {
  auto it = names.find(AsciiLower(status));
  return it == names.end() ? status : it->second;
}

json::object TypeSummaryJson(const RequestTypeRow& t) {
  return json::object{{"id", t.id}, {"name", t.name}, {"icon", t.icon}};
}

// A form field as the portal renders it: label, help, requirement, type and choices.
Result<json::object> FormFieldJson(Connection& c, const Catalog& cat, std::int64_t project_id,
                                   const FormField& f) {
  json::object o{
      {"field", f.field}, {"label", f.label}, {"help", f.help}, {"required", f.required}};
  if (const SystemField* s = FindSystemField(f.field)) {
    o["name"] = s->id;
    o["type"] = s->type;
    if (s->id == "priority") {
      json::array options;
      for (const auto& pr : cat.priorities) {
        options.emplace_back(pr.name);
      }
      o["options"] = std::move(options);
    } else if (s->id == "components") {
      json::array options;
      STEWARD_TRY(c.Query("SELECT name FROM components WHERE project_id = ? ORDER BY name",
                          {project_id}, [&](const Row& r) { options.emplace_back(r.String(0)); }));
      o["options"] = std::move(options);
    }
    return o;
  }
  auto id = CustomFieldId(f.field);
  const CustomFieldDef* def = id ? cat.Field(*id) : nullptr;
  if (!def) {
    return Error::Internal("request form names a missing field " + f.field);
  }
  o["name"] = def->name;
  o["type"] = tickets::FieldTypeName(def->type);
  o["fieldId"] = def->id;
  if (def->type == FieldType::kObject) {
    // Choices come from GET /api/v1/fields/{fieldId}/objects with the form's other values.
    o["multiple"] = def->object.multiple;
    json::array depends;
    const std::string& scope = def->object.issue_scope;
    for (size_t at = scope.find("${"); at != std::string::npos; at = scope.find("${", at + 2)) {
      size_t end = scope.find_first_of("$}", at + 2);
      if (end != std::string::npos) {
        depends.emplace_back(scope.substr(at + 2, end - at - 2));
      }
    }
    o["dependsOn"] = std::move(depends);
  }
  if (def->type == FieldType::kSelect || def->type == FieldType::kMultiSelect) {
    json::array options;
    for (const auto& opt : def->options) {
      if (!opt.disabled) {
        options.emplace_back(opt.value);
      }
    }
    o["options"] = std::move(options);
  }
  return o;
}

Result<json::object> TypeJson(Connection& c, const Catalog& cat, const PortalRow& portal,
                              const RequestTypeRow& t, bool can_raise_on_behalf) {
  json::object o = TypeSummaryJson(t);
  o["portalId"] = t.portal_id;
  o["description"] = t.description;
  o["helpText"] = t.help_text;
  const auto* type = cat.IssueType(t.issue_type_id);
  o["issueType"] = type ? json::value(type->name) : json::value(nullptr);
  json::array groups;
  for (auto g : t.groups) {
    groups.emplace_back(g);
  }
  o["groupIds"] = std::move(groups);
  json::array fields;
  for (const auto& f : t.fields) {
    STEWARD_ASSIGN_OR_RETURN(auto fj, FormFieldJson(c, cat, portal.project_id, f));
    fields.emplace_back(std::move(fj));
  }
  o["fields"] = std::move(fields);
  o["canRaiseOnBehalf"] = can_raise_on_behalf;
  return o;
}

bool IsEmptyValue(const json::value& v) {
  return v.is_null() || (v.is_string() && Trim(v.as_string()).empty()) ||
         (v.is_array() && v.as_array().empty());
}

bool CanAdminister(const ProjectAccess& a) { return a.global_admin || a.Has("administrator"); }

}  // namespace

Result<json::object> RequestService::ListPortals(const Principal& p) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    std::vector<PortalRow> all;
    STEWARD_TRY(c.Query(std::string(kPortalSelect) + "ORDER BY po.name, po.id", {},
                        [&](const Row& r) { all.push_back(ReadPortal(r)); }));
    json::array out;
    for (const auto& po : all) {
      STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, po.project_id));
      if (access.roles.empty()) {
        continue;
      }
      json::object o = PortalJson(po);
      STEWARD_ASSIGN_OR_RETURN(
          auto n, c.QueryInt("SELECT count(*) FROM request_types WHERE portal_id = ?", {po.id}));
      o["requestTypeCount"] = n.value_or(0);
      out.emplace_back(std::move(o));
    }
    return json::object{{"values", std::move(out)}};
  });
}

Result<json::object> RequestService::GetPortal(const Principal& p, std::int64_t portal_id) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto usable, LoadUsablePortal(c, p, portal_id));
    const auto& [portal, access] = usable;
    json::object o = PortalJson(portal);
    std::map<std::int64_t, json::array> members;
    STEWARD_TRY(
        c.Query("SELECT m.group_id, m.request_type_id FROM request_type_group_members m "
                "JOIN request_types t ON t.id = m.request_type_id WHERE t.portal_id = ? "
                "ORDER BY t.position, t.id",
                {portal_id}, [&](const Row& r) { members[r.Int(0)].emplace_back(r.Int(1)); }));
    json::array groups;
    STEWARD_TRY(c.Query(
        "SELECT id, name FROM request_type_groups WHERE portal_id = ? ORDER BY "
        "position, id",
        {portal_id}, [&](const Row& r) {
          groups.emplace_back(json::object{
              {"id", r.Int(0)}, {"name", r.String(1)}, {"requestTypeIds", members[r.Int(0)]}});
        }));
    o["groups"] = std::move(groups);
    json::array types;
    STEWARD_TRY(c.Query(std::string(kTypeSelect) + "WHERE portal_id = ? ORDER BY position, id",
                        {portal_id}, [&](const Row& r) {
                          RequestTypeRow t = ReadType(r);
                          json::object tj = TypeSummaryJson(t);
                          tj["description"] = t.description;
                          types.emplace_back(std::move(tj));
                        }));
    o["requestTypes"] = std::move(types);
    o["canAdminister"] = CanAdminister(access);
    return o;
  });
}

Result<json::object> RequestService::GetRequestType(const Principal& p, std::int64_t portal_id,
                                                    std::int64_t request_type_id) {
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto usable, LoadUsablePortal(c, p, portal_id));
    STEWARD_ASSIGN_OR_RETURN(auto t, LoadType(c, request_type_id, true));
    if (!t || t->portal_id != portal_id) {
      return NoRequestType();
    }
    return TypeJson(c, *cat, usable.first, *t, usable.second.CanEdit());
  });
}

Result<json::object> RequestService::PutPortal(const Principal& p, std::string_view project_key,
                                               const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "description", "announcement"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto description, in.OptionalString("description", 4000));
  std::string title, message;
  if (const auto* a = in.Get("announcement"); a && !a->is_null()) {
    if (!a->is_object()) {
      return Error::InvalidArgument("requests.badAnnouncement",
                                    "announcement must be an object {title, message} or null",
                                    "announcement");
    }
    JsonReader ar(a->as_object(), "announcement.");
    STEWARD_TRY(ar.AllowOnly({"title", "message"}));
    STEWARD_ASSIGN_OR_RETURN(auto t, ar.OptionalString("title", 255));
    STEWARD_ASSIGN_OR_RETURN(auto m, ar.OptionalString("message", 4000));
    title = t.value_or("");
    message = m.value_or("");
  }
  if (Trim(name).empty()) {
    return Error::InvalidArgument("requests.badName", "a portal needs a name", "name");
  }
  TimestampMs now = clock_.Now();
  STEWARD_ASSIGN_OR_RETURN(auto portal_id, db_.Write([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto project,
                             c.QueryInt("SELECT id FROM projects WHERE key = ?", {project_key}));
    std::optional<ProjectAccess> access;
    if (project) {
      STEWARD_ASSIGN_OR_RETURN(access, tickets::ProjectAccessFor(c, p, *project));
    }
    if (!project || access->roles.empty()) {  // as for a project that does not exist
      return Error::NotFound("tickets.unknownProject",
                             "no project \"" + std::string(project_key) + "\"");
    }
    if (!CanAdminister(*access)) {
      return Error::PermissionDenied("requests.notAdmin",
                                     "only the project's administrators configure its portal");
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c.QueryInt(
            "INSERT INTO portals(project_id, name, description, announcement_title, "
            "announcement_message, updated_at) VALUES (?,?,?,?,?,?) ON CONFLICT (project_id) DO "
            "UPDATE SET name = excluded.name, description = excluded.description, "
            "announcement_title = excluded.announcement_title, announcement_message = "
            "excluded.announcement_message, updated_at = excluded.updated_at RETURNING id",
            {*project, Trim(name), description.value_or(""), title, message, now}));
    return id.value_or(0);
  }));
  return GetPortal(p, portal_id);
}

Result<json::object> RequestService::CreateRequestType(const Principal& p, std::int64_t portal_id,
                                                       const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly(
      {"name", "description", "helpText", "issueType", "icon", "groups", "fields", "statusNames"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto description, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto help_text, in.OptionalString("helpText", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto type_name, in.RequiredString("issueType", 64));
  STEWARD_ASSIGN_OR_RETURN(auto icon, in.OptionalString("icon", 64));
  STEWARD_ASSIGN_OR_RETURN(auto groups, in.OptionalStringArray("groups", 20, 255));
  if (Trim(name).empty()) {
    return Error::InvalidArgument("requests.badName", "a request type needs a name", "name");
  }
  auto cat = catalog_.Get();
  const auto* type = cat->IssueTypeByName(type_name);
  if (!type || type->subtask) {
    return Error::InvalidArgument("requests.badIssueType",
                                  "no issue type \"" + type_name + "\" that can be requested",
                                  "issueType");
  }
  std::string status_names = "{}";
  if (const auto* sn = in.Get("statusNames"); sn && !sn->is_null()) {
    if (!sn->is_object()) {
      return Error::InvalidArgument("requests.badStatusNames",
                                    "statusNames maps status names to the names customers see",
                                    "statusNames");
    }
    for (const auto& [k, v] : sn->as_object()) {
      if (!cat->StatusByName(k)) {
        return Error::InvalidArgument("requests.badStatusNames",
                                      "no status \"" + std::string(k) + "\"",
                                      "statusNames." + std::string(k));
      }
      if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 64) {
        return Error::InvalidArgument("requests.badStatusNames",
                                      "a customer-facing status name is a string of 1-64 "
                                      "characters",
                                      "statusNames." + std::string(k));
      }
    }
    status_names = json::serialize(*sn);
  }
  // The form.
  const auto* fields_value = in.Get("fields");
  if (!fields_value || !fields_value->is_array() || fields_value->as_array().empty() ||
      fields_value->as_array().size() > kMaxFormFields) {
    return Error::InvalidArgument("requests.badForm",
                                  "fields is an array of 1-50 form fields {field, label, help, "
                                  "required}",
                                  "fields");
  }
  std::vector<FormField> form;
  std::set<std::string> seen;
  const auto& arr = fields_value->as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string where = "fields[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) {
      return Error::InvalidArgument("requests.badForm", "a form field is an object", where);
    }
    JsonReader fr(arr[i].as_object(), where + ".");
    STEWARD_TRY(fr.AllowOnly({"field", "label", "help", "required"}));
    STEWARD_ASSIGN_OR_RETURN(auto field, fr.RequiredString("field", 255));
    STEWARD_ASSIGN_OR_RETURN(auto label, fr.OptionalString("label", 255));
    STEWARD_ASSIGN_OR_RETURN(auto help, fr.OptionalString("help", 2000));
    STEWARD_ASSIGN_OR_RETURN(auto required, fr.OptionalBool("required"));
    FormField f;
    if (const SystemField* s = FindSystemField(field)) {
      f.field = std::string(s->id);
      f.label = label.value_or(std::string(1, static_cast<char>(std::toupper(s->id[0]))) +
                               std::string(s->id.substr(1)));
    } else {
      const CustomFieldDef* def = nullptr;
      if (auto id = CustomFieldId(field)) {
        def = cat->Field(*id);
      } else {
        def = cat->FieldByName(field);
      }
      if (!def) {
        return Error::InvalidArgument("requests.unknownField", "no field \"" + field + "\"",
                                      where + ".field");
      }
      bool applies = def->issue_types.empty() ||
                     std::find(def->issue_types.begin(), def->issue_types.end(), type->id) !=
                         def->issue_types.end();
      if (!applies) {
        return Error::InvalidArgument(
            "requests.fieldNotApplicable",
            "\"" + def->name + "\" does not apply to " + type->name + " issues", where + ".field");
      }
      f.field = "customfield_" + std::to_string(def->id);
      f.label = label.value_or(def->name);
    }
    if (!seen.insert(f.field).second) {
      return Error::InvalidArgument("requests.duplicateField",
                                    "the form asks for \"" + field + "\" twice", where + ".field");
    }
    f.help = help.value_or("");
    f.required = required.value_or(false) || f.field == "summary";
    form.push_back(std::move(f));
  }
  if (!seen.count("summary")) {
    return Error::InvalidArgument("requests.summaryRequired",
                                  "every request form asks for the summary", "fields");
  }
  STEWARD_ASSIGN_OR_RETURN(auto id, db_.Write([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto usable, LoadUsablePortal(c, p, portal_id));
    if (!CanAdminister(usable.second)) {
      return Error::PermissionDenied("requests.notAdmin",
                                     "only the project's administrators configure its portal");
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto exists,
        c.QueryInt("SELECT 1 FROM request_types WHERE portal_id = ? AND lower(name) = lower(?)",
                   {portal_id, Trim(name)}));
    if (exists) {
      return Error::AlreadyExists("requests.duplicateType",
                                  "the portal already has a request type \"" + name + "\"", "name");
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto position, c.QueryInt("SELECT coalesce(max(position), 0) + 1 FROM request_types WHERE "
                                  "portal_id = ?",
                                  {portal_id}));
    STEWARD_ASSIGN_OR_RETURN(
        auto type_id,
        c.QueryInt("INSERT INTO request_types(portal_id, name, description, help_text, "
                   "issue_type_id, icon, position, status_names) VALUES (?,?,?,?,?,?,?,?) "
                   "RETURNING id",
                   {portal_id, Trim(name), description.value_or(""), help_text.value_or(""),
                    type->id, icon.value_or("help"), position.value_or(1), status_names}));
    for (size_t i = 0; i < form.size(); ++i) {
      STEWARD_TRY(
          c.Exec("INSERT INTO request_type_fields(request_type_id, position, field, "
                 "label, help, required) VALUES (?,?,?,?,?,?)",
                 {*type_id, static_cast<std::int64_t>(i), form[i].field, form[i].label,
                  form[i].help, form[i].required}));
    }
    for (const auto& g : groups.value_or(std::vector<std::string>{})) {
      if (Trim(g).empty()) {
        return Error::InvalidArgument("requests.badGroup", "a group needs a name", "groups");
      }
      STEWARD_ASSIGN_OR_RETURN(auto group_id,
                               c.QueryInt("SELECT id FROM request_type_groups WHERE portal_id = ? "
                                          "AND name = ?",
                                          {portal_id, Trim(g)}));
      if (!group_id) {
        STEWARD_ASSIGN_OR_RETURN(
            group_id,
            c.QueryInt("INSERT INTO request_type_groups(portal_id, name, position) SELECT ?, "
                       "?, coalesce(max(position), 0) + 1 FROM request_type_groups WHERE "
                       "portal_id = ? RETURNING id",
                       {portal_id, Trim(g), portal_id}));
      }
      STEWARD_TRY(
          c.Exec("INSERT INTO request_type_group_members(group_id, request_type_id) "
                 "VALUES (?,?) ON CONFLICT DO NOTHING",
                 {*group_id, *type_id}));
    }
    return *type_id;
  }));
  return GetRequestType(p, portal_id, id);
}

Result<json::object> RequestService::CreateRequest(const Principal& p, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"requestTypeId", "values", "raiseOnBehalfOf", "requestParticipants"}));
  STEWARD_ASSIGN_OR_RETURN(auto type_id, in.OptionalInt("requestTypeId"));
  if (!type_id) {
    return Error::InvalidArgument("requests.typeRequired", "requestTypeId is required",
                                  "requestTypeId");
  }
  STEWARD_ASSIGN_OR_RETURN(auto on_behalf, in.OptionalString("raiseOnBehalfOf", 64));
  STEWARD_ASSIGN_OR_RETURN(auto participants, in.OptionalStringArray("requestParticipants"));
  const auto* values_value = in.Get("values");
  if (!values_value || !values_value->is_object()) {
    return Error::InvalidArgument("requests.valuesRequired",
                                  "values is an object of the form's answers by field", "values");
  }
  const json::object& values = values_value->as_object();
  auto cat = catalog_.Get();

  // The request type, its form and the portal, checked for the caller.
  struct Loaded {
    PortalRow portal;
    ProjectAccess access;
    RequestTypeRow type;
  };
  STEWARD_ASSIGN_OR_RETURN(auto loaded, db_.Read([&](Connection& c) -> Result<Loaded> {
    STEWARD_ASSIGN_OR_RETURN(auto t, LoadType(c, *type_id, true));
    if (!t) {
      return NoRequestType();
    }
    auto usable = LoadUsablePortal(c, p, t->portal_id);
    if (!usable.ok()) {
      return NoRequestType();
    }
    return Loaded{std::move(usable->first), std::move(usable->second), std::move(*t)};
  }));
  if (on_behalf && !loaded.access.CanEdit()) {
    return Error::PermissionDenied("requests.onBehalfDenied",
                                   "only agents raise requests on behalf of someone else");
  }
  // Answers, by form field id (customfield_N) or field name: each must be on the form, and
  // required ones must be given.
  std::map<std::string, const FormField*> by_alias;
  for (const auto& f : loaded.type.fields) {
    by_alias[AsciiLower(f.field)] = &f;
    if (auto id = CustomFieldId(f.field)) {
      if (const auto* def = cat->Field(*id)) {
        by_alias[AsciiLower(def->name)] = &f;
      }
    }
  }
  std::map<std::string, const json::value*> answers;  // form field id → value
  for (const auto& [k, v] : values) {
    auto it = by_alias.find(AsciiLower(k));
    if (it == by_alias.end()) {
      return Error::InvalidArgument("requests.unknownField",
                                    "\"" + std::string(k) + "\" is not on this request form",
                                    "values." + std::string(k));
    }
    if (!answers.emplace(it->second->field, &v).second) {
      return Error::InvalidArgument("requests.duplicateField",
                                    "\"" + std::string(k) + "\" is answered twice",
                                    "values." + std::string(k));
    }
  }
  const auto* type = cat->IssueType(loaded.type.issue_type_id);
  if (!type) {
    return Error::Internal("request type with a missing issue type");
  }
  json::object issue{{"project", loaded.portal.project_key}, {"issueType", type->name}};
  json::object fields;
  std::map<std::string, std::string> error_fields;  // issue field → form field, for errors
  for (const auto& f : loaded.type.fields) {
    auto found = answers.find(f.field);
    const json::value* v = found == answers.end() ? nullptr : found->second;
    if (!v || IsEmptyValue(*v)) {
      if (f.required) {
        return Error::InvalidArgument("requests.fieldRequired", f.label + " is required",
                                      "values." + f.field);
      }
      continue;
    }
    if (FindSystemField(f.field)) {
      issue[f.field] = *v;
      error_fields[f.field] = "values." + f.field;
    } else {
      fields[f.field] = *v;
      // The ticket service names a custom field by its name in errors.
      error_fields["fields." + f.field] = "values." + f.field;
      error_fields[f.field] = "values." + f.field;
      if (auto id = CustomFieldId(f.field)) {
        if (const auto* def = cat->Field(*id)) {
          error_fields[def->name] = "values." + f.field;
          error_fields["fields." + def->name] = "values." + f.field;
        }
      }
    }
  }
  if (!fields.empty()) {
    issue["fields"] = std::move(fields);
  }
  if (on_behalf) {
    issue["reporter"] = *on_behalf;
    error_fields["reporter"] = "raiseOnBehalfOf";
  }
  if (participants) {
    json::array ps;
    for (const auto& u : *participants) {
      ps.emplace_back(u);
    }
    issue["requestParticipants"] = std::move(ps);
  }
  std::int64_t request_type_id = loaded.type.id;
  auto created = tickets_.CreateIssue(
      p, issue, [request_type_id](Connection& c, std::int64_t issue_id) -> Status {
        return c.Exec("INSERT INTO request_issues(issue_id, request_type_id) VALUES (?,?)",
                      {issue_id, request_type_id});
      });
  if (!created.ok()) {
    Error e = created.error();
    if (auto it = error_fields.find(e.field.value_or("")); it != error_fields.end()) {
      e.field = it->second;
    }
    return e;
  }
  const auto* key = created->if_contains("key");
  if (!key || !key->is_string()) {
    return Error::Internal("created issue without a key");
  }
  return GetRequest(p, std::string(key->as_string()));
}

Result<json::object> RequestService::ListRequests(const Principal& p, const RequestListQuery& q) {
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    // Bound text must outlive the statement (Param keeps a view).
    const std::string text_lower = AsciiLower(q.text);
    std::string text_upper(q.text);
    for (char& ch : text_upper) {
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    // Projects with a portal the caller may use.
    std::vector<storage::Param> params;
    std::string projects;
    std::vector<PortalRow> portals;
    STEWARD_TRY(c.Query(std::string(kPortalSelect) + "ORDER BY po.id", {},
                        [&](const Row& r) { portals.push_back(ReadPortal(r)); }));
    for (const auto& po : portals) {
      if (q.portal_id != 0 && po.id != q.portal_id) {
        continue;
      }
      STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, po.project_id));
      if (!access.roles.empty()) {
        projects += projects.empty() ? "?" : ", ?";
        params.emplace_back(po.project_id);
      }
    }
    if (projects.empty()) {
      return json::object{{"values", json::array{}}, {"total", 0}, {"start", q.start}};
    }
    std::string where = "i.project_id IN (" + projects + ") AND (";
    const std::string mine = "i.reporter_id = ?";
    const std::string participated =
        "EXISTS (SELECT 1 FROM issue_users iu WHERE iu.issue_id = i.id AND iu.role IN "
        "('participant', 'approver') AND iu.user_id = ?)";
    const std::string organization =
        "EXISTS (SELECT 1 FROM issue_organizations io JOIN organization_members om ON "
        "om.organization_id = io.organization_id WHERE io.issue_id = i.id AND om.user_id = ?)";
    if (q.filter == "mine") {
      where += mine;
      params.emplace_back(p.user_id);
    } else if (q.filter == "participated") {
      where += participated;
      params.emplace_back(p.user_id);
    } else if (q.filter == "organization") {
      where += organization;
      params.emplace_back(p.user_id);
    } else {
      where += mine + " OR " + participated + " OR " + organization;
      params.emplace_back(p.user_id);
      params.emplace_back(p.user_id);
      params.emplace_back(p.user_id);
    }
    where += ")";
    if (q.status != "all") {
      std::string done;
      for (const auto& s : cat->statuses) {
        if (s.category == tickets::StatusCategory::kDone) {
          done += done.empty() ? "?" : ", ?";
          params.emplace_back(s.id);
        }
      }
      if (!done.empty()) {
        where += q.status == "closed" ? " AND i.status_id IN (" + done + ")"
                                      : " AND i.status_id NOT IN (" + done + ")";
      }
    }
    if (!q.text.empty()) {
      bool pg = c.Dialect() == storage::SqlDialect::kPostgres;
      where += pg ? " AND (strpos(lower(i.summary), ?) > 0 OR i.key = ?)"
                  : " AND (instr(lower(i.summary), ?) > 0 OR i.key = ?)";
      params.emplace_back(text_lower);
      params.emplace_back(text_upper);
    }
    std::int64_t total = 0;
    STEWARD_TRY(c.Exec("SELECT count(*) FROM issues i WHERE " + where, params,
                       [&](const Row& r) { total = r.Int(0); }));
    std::vector<storage::Param> page = params;
    page.emplace_back(static_cast<std::int64_t>(q.limit));
    page.emplace_back(static_cast<std::int64_t>(q.start));
    json::array out;
    std::map<std::int64_t, StatusNames> status_names;  // by request type, parsed once
    STEWARD_TRY(c.Exec(
        "SELECT i.key, i.summary, i.status_id, i.created_at, i.updated_at, u.username, "
        "u.display_name, rt.id, rt.name, rt.icon, rt.status_names, po.id, po.name FROM issues i "
        "JOIN users u ON u.id = i.reporter_id JOIN portals po ON po.project_id = i.project_id "
        "LEFT JOIN request_issues ri ON ri.issue_id = i.id LEFT JOIN request_types rt ON rt.id = "
        "ri.request_type_id WHERE " +
            where + " ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?",
        std::span<const storage::Param>(page), [&](const Row& r) {
          const auto* st = cat->Status(r.Int(2));
          std::string status_name = st ? st->name : "";
          json::object o{
              {"key", r.String(0)},
              {"summary", r.String(1)},
              {"created", FormatIsoUtc(r.Int(3))},
              {"updated", FormatIsoUtc(r.Int(4))},
              {"reporter", json::object{{"username", r.String(5)}, {"displayName", r.String(6)}}},
              {"portal", json::object{{"id", r.Int(11)}, {"name", r.String(12)}}}};
          if (r.IsNull(7)) {
            o["requestType"] = nullptr;
          } else {
            o["requestType"] =
                json::object{{"id", r.Int(7)}, {"name", r.String(8)}, {"icon", r.String(9)}};
            auto names = status_names.find(r.Int(7));
            if (names == status_names.end()) {
              names = status_names.emplace(r.Int(7), ParseStatusNames(r.Text(10))).first;
            }
            status_name = CustomerStatusName(names->second, status_name);
          }
          o["status"] = json::object{
              {"name", status_name},
              {"category", st ? tickets::CategoryName(st->category) : std::string_view("todo")}};
          out.emplace_back(std::move(o));
        }));
    return json::object{{"values", std::move(out)}, {"total", total}, {"start", q.start}};
  });
}

Result<json::object> RequestService::GetRequest(const Principal& p, std::string_view key) {
  // The issue through the ticket service: its permission rules decide who sees the request.
  STEWARD_ASSIGN_OR_RETURN(auto issue, tickets_.GetIssue(p, key));
  STEWARD_ASSIGN_OR_RETURN(auto comments, tickets_.ListComments(p, key));
  STEWARD_ASSIGN_OR_RETURN(auto history, tickets_.History(p, key));
  std::int64_t issue_id = issue.at("id").as_int64();
  auto cat = catalog_.Get();
  struct Context {
    std::optional<PortalRow> portal;
    std::optional<RequestTypeRow> type;
    bool can_share = false;
  };
  STEWARD_ASSIGN_OR_RETURN(auto ctx, db_.Read([&](Connection& c) -> Result<Context> {
    Context out;
    STEWARD_TRY(c.Query(std::string(kPortalSelect) + "JOIN issues i ON i.project_id = "
                                                     "po.project_id WHERE i.id = ?",
                        {issue_id}, [&](const Row& r) { out.portal = ReadPortal(r); }));
    STEWARD_ASSIGN_OR_RETURN(
        auto type_id,
        c.QueryInt("SELECT request_type_id FROM request_issues WHERE issue_id = ?", {issue_id}));
    if (type_id) {
      STEWARD_ASSIGN_OR_RETURN(out.type, LoadType(c, *type_id, true));
    }
    if (out.portal) {
      STEWARD_ASSIGN_OR_RETURN(auto access,
                               tickets::ProjectAccessFor(c, p, out.portal->project_id));
      out.can_share = access.IsStaff() || access.Has("customer");
    }
    return out;
  }));
  const json::object& status = issue.at("status").as_object();
  std::string status_name(status.at("name").as_string());
  const StatusNames status_names = ParseStatusNames(ctx.type ? ctx.type->status_names : "{}");
  json::object out{{"key", issue.at("key")},
                   {"id", issue_id},
                   {"summary", issue.at("summary")},
                   {"reporter", issue.at("reporter")},
                   {"created", issue.at("created")},
                   {"updated", issue.at("updated")},
                   {"resolved", issue.at("resolved")},
                   {"requestParticipants", issue.at("requestParticipants")},
                   {"organizations", issue.at("organizations")},
                   {"attachments", issue.at("attachments")},
                   {"canComment", true},
                   {"canShare", ctx.can_share}};
  out["status"] = json::object{{"name", CustomerStatusName(status_names, status_name)},
                               {"category", status.at("category")}};
  out["portal"] =
      ctx.portal ? json::value(json::object{{"id", ctx.portal->id}, {"name", ctx.portal->name}})
                 : json::value(nullptr);
  out["requestType"] = ctx.type ? json::value(TypeSummaryJson(*ctx.type)) : json::value(nullptr);
  // The answers, under the form's labels (the description alone without a request type).
  json::array fields;
  const json::object& custom = issue.at("fields").as_object();
  auto add = [&](std::string_view field, std::string_view label, const json::value& v) {
    if (!IsEmptyValue(v)) {
      fields.emplace_back(json::object{{"field", field}, {"label", label}, {"value", v}});
    }
  };
  if (ctx.type) {
    for (const auto& f : ctx.type->fields) {
      if (f.field == "summary") {
        continue;
      }
      if (FindSystemField(f.field)) {
        const json::value& v = issue.at(f.field);
        if (f.field == "priority" && v.is_object()) {
          add(f.field, f.label, v.as_object().at("name"));
        } else {
          add(f.field, f.label, v);
        }
      } else if (auto id = CustomFieldId(f.field)) {
        if (const auto* def = cat->Field(*id)) {
          if (const auto* v = custom.if_contains(def->name)) {
            add(f.field, f.label, *v);
          }
        }
      }
    }
  } else {
    add("description", "Description", issue.at("description"));
  }
  out["fields"] = std::move(fields);
  // Activity: replies (never internal notes, even for agents looking at the portal) and status
  // changes, oldest first.
  json::array activity;
  for (const auto& cv : comments.at("values").as_array()) {
    const auto& cm = cv.as_object();
    if (cm.at("internal").as_bool()) {
      continue;
    }
    activity.emplace_back(json::object{{"type", "comment"},
                                       {"id", cm.at("id")},
                                       {"author", cm.at("author")},
                                       {"body", cm.at("body")},
                                       {"created", cm.at("created")}});
  }
  for (const auto& gv : history.at("values").as_array()) {
    const auto& g = gv.as_object();
    for (const auto& iv : g.at("items").as_array()) {
      const auto& item = iv.as_object();
      if (item.at("field") != "status") {
        continue;
      }
      auto name = [&](const char* k) -> json::value {
        const auto& v = item.at(k);
        return v.is_string()
                   ? json::value(CustomerStatusName(status_names, std::string(v.as_string())))
                   : json::value(nullptr);
      };
      json::value from = name("fromString"), to = name("toString");
      if (from == to) {
        continue;  // e.g. Open → Requires triage: both "Waiting for support" to customers
      }
      activity.emplace_back(json::object{{"type", "status"},
                                         {"id", g.at("id")},
                                         {"author", g.at("author")},
                                         {"from", std::move(from)},
                                         {"to", std::move(to)},
                                         {"created", g.at("created")}});
    }
  }
  std::stable_sort(activity.begin(), activity.end(),
                   [](const json::value& a, const json::value& b) {
                     return a.at("created").as_string() < b.at("created").as_string();
                   });
  out["activity"] = std::move(activity);
  return out;
}

}  // namespace steward::requests
