// TicketService: issues — create, read, update, transitions.
#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "identity/identity.h"
#include "tickets/issue_service_internal.h"
#include "tickets/workflow.h"

#include <set>

namespace steward::tickets {
using namespace internal;  // NOLINT(google-build-using-namespace): module-private helpers
using http::JsonReader;

namespace {

bool ValidLabel(std::string_view l) {
  if (l.empty() || l.size() > 255) {
    return false;
  }
  for (char c : l) {
    if (static_cast<unsigned char>(c) <= 0x20) {
      return false;
    }
  }
  return true;
}

// Parsed, resolved and validated input of a create or an update.
struct IssueInput {
  std::optional<std::string> summary;
  std::optional<std::string> description;
  std::optional<std::optional<std::int64_t>> priority;
  std::optional<std::optional<std::int64_t>> assignee;
  std::optional<std::int64_t> reporter;
  std::optional<std::optional<std::int64_t>> due_date;
  std::optional<std::vector<std::string>> labels;
  std::optional<std::vector<std::int64_t>> components;
  std::optional<std::vector<std::int64_t>> participants;
  std::optional<std::vector<std::int64_t>> approvers;
  std::optional<std::vector<std::int64_t>> organizations;
  std::map<std::int64_t, std::vector<StoredValue>> fields;
};

Result<std::vector<std::int64_t>> ResolveUsers(Connection& c, const std::vector<std::string>& names,
                                               std::string_view field) {
  std::vector<std::int64_t> out;
  for (const auto& n : names) {
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, n));
    if (!u || !u->active) {
      return Error::InvalidArgument("tickets.unknownUser", "no user \"" + n + "\"",
                                    std::string(field));
    }
    if (std::find(out.begin(), out.end(), u->id) == out.end()) {
      out.push_back(u->id);
    }
  }
  return out;
}

// `issue_id`: the issue being edited, if any; a customer's list may keep the people and
// organizations already on it, whoever added them, and only additions are checked.
Result<IssueInput> ParseIssueInput(Connection& c, const Catalog& cat, const JsonReader& in,
                                   std::int64_t project_id, std::int64_t issue_type_id,
                                   const ProjectAccess& access, const Principal& p,
                                   std::optional<std::int64_t> issue_id = std::nullopt) {
  IssueInput out;
  if (in.Has("summary")) {
    STEWARD_ASSIGN_OR_RETURN(auto s, in.RequiredString("summary", 255));
    out.summary = std::string(Trim(s));
  }
  if (in.Has("description")) {
    STEWARD_ASSIGN_OR_RETURN(auto d, in.OptionalString("description", 32768));
    out.description = d.value_or("");
  }
  if (in.Has("priority")) {
    STEWARD_ASSIGN_OR_RETURN(auto name, in.OptionalString("priority", 64));
    if (name) {
      const NamedDef* pr = cat.PriorityByName(*name);
      if (!pr) {
        return Error::InvalidArgument("tickets.unknownPriority", "no priority \"" + *name + "\"",
                                      "priority");
      }
      out.priority = std::optional<std::int64_t>(pr->id);
    } else {
      out.priority = std::optional<std::int64_t>();
    }
  }
  if (in.Has("assignee")) {
    STEWARD_ASSIGN_OR_RETURN(auto name, in.OptionalString("assignee", 64));
    if (name) {
      STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, *name));
      if (!u || !u->active) {
        return Error::InvalidArgument("tickets.unknownUser", "no user \"" + *name + "\"",
                                      "assignee");
      }
      if (u->kind == "customer") {
        return Error::InvalidArgument("tickets.badAssignee", "customers cannot be assignees",
                                      "assignee");
      }
      out.assignee = std::optional<std::int64_t>(u->id);
    } else {
      out.assignee = std::optional<std::int64_t>();
    }
  }
  if (in.Has("reporter")) {
    STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("reporter", 64));
    STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, name));
    if (!u || !u->active) {
      return Error::InvalidArgument("tickets.unknownUser", "no user \"" + name + "\"", "reporter");
    }
    if (u->id != p.user_id && !access.CanEdit()) {
      return Error::PermissionDenied("tickets.cannotSetReporter",
                                     "only agents may raise a request on behalf of someone else");
    }
    out.reporter = u->id;
  }
  if (in.Has("dueDate")) {
    STEWARD_ASSIGN_OR_RETURN(auto d, in.OptionalString("dueDate", 10));
    if (d) {
      auto days = ParseDate(*d);
      if (!days) {
        return Error::InvalidArgument("tickets.badDate", "dueDate must be \"YYYY-MM-DD\"",
                                      "dueDate");
      }
      out.due_date = std::optional<std::int64_t>(*days);
    } else {
      out.due_date = std::optional<std::int64_t>();
    }
  }
  if (in.Has("labels")) {
    STEWARD_ASSIGN_OR_RETURN(auto labels, in.OptionalStringArray("labels", 100, 255));
    std::vector<std::string> clean;
    for (const auto& l : labels.value_or(std::vector<std::string>{})) {
      if (!ValidLabel(l)) {
        return Error::InvalidArgument("tickets.badLabel",
                                      "labels are 1-255 characters without spaces", "labels");
      }
      if (std::find(clean.begin(), clean.end(), l) == clean.end()) {
        clean.push_back(l);
      }
    }
    out.labels = std::move(clean);
  }
  if (in.Has("components")) {
    STEWARD_ASSIGN_OR_RETURN(auto names, in.OptionalStringArray("components", 100, 255));
    std::vector<std::int64_t> ids;
    for (const auto& n : names.value_or(std::vector<std::string>{})) {
      STEWARD_ASSIGN_OR_RETURN(
          auto id, c.QueryInt("SELECT id FROM components WHERE project_id = ? AND lower(name) = "
                              "lower(?)",
                              {project_id, n}));
      if (!id) {
        return Error::InvalidArgument("tickets.unknownComponent", "no component \"" + n + "\"",
                                      "components");
      }
      ids.push_back(*id);
    }
    out.components = std::move(ids);
  }
  for (auto [key, target] : {std::pair{"requestParticipants", &out.participants},
                             std::pair{"approvers", &out.approvers}}) {
    if (in.Has(key)) {
      STEWARD_ASSIGN_OR_RETURN(auto names, in.OptionalStringArray(key, 100, 64));
      STEWARD_ASSIGN_OR_RETURN(*target,
                               ResolveUsers(c, names.value_or(std::vector<std::string>{}), key));
    }
  }
  if (out.participants && !access.CanEdit()) {
    // Customers share requests only with people of their own organizations.
    for (auto uid : *out.participants) {
      if (issue_id) {
        STEWARD_ASSIGN_OR_RETURN(
            auto already, c.QueryInt("SELECT 1 FROM issue_users WHERE issue_id = ? AND role = "
                                     "'participant' AND user_id = ?",
                                     {*issue_id, uid}));
        if (already) {
          continue;
        }
      }
      STEWARD_ASSIGN_OR_RETURN(
          auto shares, c.QueryInt("SELECT 1 FROM organization_members a JOIN organization_members "
                                  "b ON a.organization_id = b.organization_id WHERE a.user_id = ? "
                                  "AND b.user_id = ?",
                                  {p.user_id, uid}));
      if (!shares && uid != p.user_id) {
        return Error::PermissionDenied("tickets.notYourOrganization",
                                       "you can share requests only with people of your "
                                       "organizations");
      }
    }
  }
  if (in.Has("organizations")) {
    STEWARD_ASSIGN_OR_RETURN(auto names, in.OptionalStringArray("organizations", 100, 255));
    std::vector<std::int64_t> ids;
    for (const auto& n : names.value_or(std::vector<std::string>{})) {
      STEWARD_ASSIGN_OR_RETURN(auto id, identity::FindOrganizationId(c, n));
      if (!id) {
        return Error::InvalidArgument("tickets.unknownOrganization",
                                      "no organization \"" + n + "\"", "organizations");
      }
      if (!access.CanEdit()) {
        STEWARD_ASSIGN_OR_RETURN(
            auto member, c.QueryInt("SELECT 1 FROM organization_members WHERE organization_id = ? "
                                    "AND user_id = ? UNION ALL SELECT 1 FROM issue_organizations "
                                    "WHERE issue_id = ? AND organization_id = ?",
                                    {*id, p.user_id, issue_id, *id}));
        if (!member) {
          return Error::PermissionDenied("tickets.notYourOrganization",
                                         "you can share requests only with your organizations");
        }
      }
      ids.push_back(*id);
    }
    out.organizations = std::move(ids);
  }
  if (const json::value* fields = in.Get("fields"); fields && !fields->is_null()) {
    if (!fields->is_object()) {
      return Error::InvalidArgument("http.wrongType", "\"fields\" must be an object", "fields");
    }
    Resolver resolver = MakeResolver(c);
    for (const auto& kv : fields->get_object()) {
      const CustomFieldDef* f = cat.FieldByName(kv.key());
      if (!f) {
        return Error::InvalidArgument("tickets.unknownField",
                                      "unknown field \"" + std::string(kv.key()) + "\"",
                                      std::string(kv.key()));
      }
      if (!f->AppliesTo(issue_type_id)) {
        const IssueTypeDef* t = cat.IssueType(issue_type_id);
        return Error::InvalidArgument("tickets.fieldNotApplicable",
                                      "\"" + f->name + "\" does not apply to " +
                                          (t ? t->name : std::string("this issue type")),
                                      f->name);
      }
      STEWARD_ASSIGN_OR_RETURN(auto values, ParseFieldValue(*f, kv.value(), resolver));
      out.fields[f->id] = std::move(values);
    }
  }
  return out;
}

// Sets input.priority from the priority policy when one of its inputs changes and the caller
// did not set the priority.
Status ApplyPriorityPolicy(Connection& c, const Catalog& cat, const PriorityPolicy& policy,
                           std::int64_t type_id, IssueInput& input,
                           std::optional<std::int64_t> issue_id) {
  if (!policy.derive || input.priority) {
    return Ok();
  }
  bool changed = false;
  for (const auto& [fid, values] : input.fields) {
    const CustomFieldDef* f = cat.Field(fid);
    for (const auto& name : policy.inputs) {
      changed = changed || (f && EqualsIgnoreCase(f->name, name));
    }
  }
  if (!changed) {
    return Ok();
  }
  FieldValues current;
  if (issue_id) {
    STEWARD_ASSIGN_OR_RETURN(current, LoadFieldValues(c, *issue_id, nullptr));
  }
  std::map<std::string, std::string> values;
  for (const auto& name : policy.inputs) {
    const CustomFieldDef* f = cat.FieldByName(name);
    if (!f) {
      continue;
    }
    auto given = input.fields.find(f->id);
    const std::vector<StoredValue>& v =
        given != input.fields.end() ? given->second : current[f->id];
    if (!v.empty()) {
      values[f->name] = DisplayString(*f, v);
    }
  }
  const IssueTypeDef* type = cat.IssueType(type_id);
  STEWARD_ASSIGN_OR_RETURN(auto derived, policy.derive(c, type ? type->name : "", values));
  if (derived) {
    if (const NamedDef* pr = cat.PriorityByName(*derived)) {
      input.priority = std::optional<std::int64_t>(pr->id);
    }
  }
  return Ok();
}

// The issue's fields as they will be after `input`, {name: display text, or keys of objects},
// for filling issue-scope placeholders.
Result<json::object> FieldContext(Connection& c, const Catalog& cat, const IssueInput& input,
                                  std::optional<std::int64_t> issue_id) {
  FieldValues current;
  if (issue_id) {
    STEWARD_ASSIGN_OR_RETURN(current, LoadFieldValues(c, *issue_id, nullptr));
  }
  for (const auto& [fid, values] : input.fields) {
    current[fid] = values;
  }
  json::object context;
  for (const auto& g : cat.fields) {
    auto it = current.find(g.id);
    if (it == current.end() || it->second.empty()) {
      continue;
    }
    if (g.type == FieldType::kObject) {
      json::array keys;
      for (const auto& one : it->second) {
        keys.emplace_back(one.text.value_or(""));
      }
      context[g.name] = std::move(keys);
    } else {
      context[g.name] = DisplayString(g, it->second);
    }
  }
  return context;
}

// An object field with an issue scope (`"Applications Applicable" = ${Application to change}`)
// takes only objects within it, the placeholders filled from the issue's fields as they will be
// after this change. Checked when the scoped field itself is written (as the form offers it).
Status CheckIssueScopes(Connection& c, const Catalog& cat, const IssueInput& input,
                        std::optional<std::int64_t> issue_id) {
  ObjectDirectory* directory = InstalledObjectDirectory();
  if (!directory) {
    return Ok();
  }
  std::optional<json::object> context;  // built once, when a scoped field is written
  for (const auto& [fid, values] : input.fields) {
    const CustomFieldDef* f = cat.Field(fid);
    if (!f || f->type != FieldType::kObject || Trim(f->object.issue_scope).empty() ||
        values.empty()) {
      continue;
    }
    if (!context) {
      STEWARD_ASSIGN_OR_RETURN(context, FieldContext(c, cat, input, issue_id));
    }
    std::vector<std::int64_t> ids;
    for (const auto& one : values) {
      ids.push_back(one.integer.value_or(0));
    }
    STEWARD_ASSIGN_OR_RETURN(auto outside, directory->OutsideIssueScope(c, *f, ids, *context));
    if (!outside.empty()) {
      std::string name;
      for (const auto& one : values) {
        if (one.integer == outside[0]) {
          name = one.display.empty() ? one.text.value_or("") : one.display;
        }
      }
      return Error::InvalidArgument("tickets.objectOutOfScope",
                                    "\"" + name + "\" is not a choice for \"" + f->name +
                                        "\" with the issue's other fields (" +
                                        f->object.issue_scope + ")",
                                    f->name);
    }
  }
  return Ok();
}

Status ReplaceSet(Connection& c, std::string_view del_sql, std::string_view ins_sql,
                  std::int64_t issue_id, const std::vector<std::int64_t>& ids) {
  STEWARD_TRY(c.Exec(del_sql, {issue_id}));
  for (auto id : ids) {
    STEWARD_TRY(c.Exec(ins_sql, {issue_id, id}));
  }
  return Ok();
}

Result<std::vector<std::int64_t>> LoadIds(Connection& c, std::string_view sql, std::int64_t id) {
  std::vector<std::int64_t> out;
  STEWARD_TRY(c.Query(sql, {id}, [&](const Row& r) { out.push_back(r.Int(0)); }));
  return out;
}

Result<std::string> UserNames(Connection& c, const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) {
    STEWARD_ASSIGN_OR_RETURN(auto n, DisplayName(c, id));
    out += (out.empty() ? "" : ", ") + n;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    out += (out.empty() ? "" : " ") + s;
  }
  return out;
}

std::optional<std::string> OptStr(std::optional<std::int64_t> v) {
  return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
}

// Writes the input onto an issue row (the issue exists), recording history.
Status ApplyInput(Connection& c, const Catalog& cat, IssueRow& issue, const IssueInput& in,
                  ChangeLog& log, bool record) {
  auto rec = [&](std::string field, std::optional<std::string> from,
                 std::optional<std::string> from_s, std::optional<std::string> to,
                 std::optional<std::string> to_s) {
    if (record) {
      log.Add(std::move(field), std::move(from), std::move(from_s), std::move(to), std::move(to_s));
    }
  };
  if (in.summary && *in.summary != issue.summary) {
    STEWARD_TRY(c.Exec("UPDATE issues SET summary = ? WHERE id = ?", {*in.summary, issue.id}));
    rec("summary", std::nullopt, issue.summary, std::nullopt, *in.summary);
    issue.summary = *in.summary;
  }
  if (in.description && *in.description != issue.description) {
    STEWARD_TRY(
        c.Exec("UPDATE issues SET description = ? WHERE id = ?", {*in.description, issue.id}));
    rec("description", std::nullopt, issue.description, std::nullopt, *in.description);
    issue.description = *in.description;
  }
  if (in.priority && *in.priority != issue.priority_id) {
    STEWARD_TRY(c.Exec("UPDATE issues SET priority_id = ? WHERE id = ?", {*in.priority, issue.id}));
    auto name = [&](std::optional<std::int64_t> id) -> std::optional<std::string> {
      const NamedDef* d = id ? cat.Priority(*id) : nullptr;
      return d ? std::optional<std::string>(d->name) : std::nullopt;
    };
    rec("priority", OptStr(issue.priority_id), name(issue.priority_id), OptStr(*in.priority),
        name(*in.priority));
    issue.priority_id = *in.priority;
  }
  if (in.assignee && *in.assignee != issue.assignee_id) {
    STEWARD_TRY(c.Exec("UPDATE issues SET assignee_id = ? WHERE id = ?", {*in.assignee, issue.id}));
    STEWARD_ASSIGN_OR_RETURN(auto from_u, Username(c, issue.assignee_id));
    STEWARD_ASSIGN_OR_RETURN(auto to_u, Username(c, *in.assignee));
    STEWARD_ASSIGN_OR_RETURN(auto from_n, DisplayName(c, issue.assignee_id));
    STEWARD_ASSIGN_OR_RETURN(auto to_n, DisplayName(c, *in.assignee));
    rec("assignee", from_u, issue.assignee_id ? std::optional(from_n) : std::nullopt, to_u,
        *in.assignee ? std::optional(to_n) : std::nullopt);
    issue.assignee_id = *in.assignee;
  }
  if (in.reporter && *in.reporter != issue.reporter_id) {
    STEWARD_TRY(c.Exec("UPDATE issues SET reporter_id = ? WHERE id = ?", {*in.reporter, issue.id}));
    STEWARD_ASSIGN_OR_RETURN(auto from_u, Username(c, issue.reporter_id));
    STEWARD_ASSIGN_OR_RETURN(auto to_u, Username(c, *in.reporter));
    STEWARD_ASSIGN_OR_RETURN(auto from_n, DisplayName(c, issue.reporter_id));
    STEWARD_ASSIGN_OR_RETURN(auto to_n, DisplayName(c, *in.reporter));
    rec("reporter", from_u, from_n, to_u, to_n);
    issue.reporter_id = *in.reporter;
  }
  if (in.due_date && *in.due_date != issue.due_date) {
    STEWARD_TRY(c.Exec("UPDATE issues SET due_date = ? WHERE id = ?", {*in.due_date, issue.id}));
    auto fmt = [](std::optional<std::int64_t> d) {
      return d ? std::optional<std::string>(FormatDate(*d)) : std::nullopt;
    };
    rec("dueDate", fmt(issue.due_date), fmt(issue.due_date), fmt(*in.due_date), fmt(*in.due_date));
    issue.due_date = *in.due_date;
  }
  if (in.labels) {
    std::vector<std::string> old;
    STEWARD_TRY(c.Query("SELECT label FROM issue_labels WHERE issue_id = ? ORDER BY label",
                        {issue.id}, [&](const Row& r) { old.push_back(r.String(0)); }));
    std::vector<std::string> sorted = *in.labels;
    std::sort(sorted.begin(), sorted.end());
    if (old != sorted) {
      STEWARD_TRY(c.Exec("DELETE FROM issue_labels WHERE issue_id = ?", {issue.id}));
      for (const auto& l : sorted) {
        STEWARD_TRY(
            c.Exec("INSERT INTO issue_labels(issue_id, label) VALUES (?,?)", {issue.id, l}));
      }
      rec("labels", std::nullopt, Join(old), std::nullopt, Join(sorted));
    }
  }
  if (in.components) {
    STEWARD_ASSIGN_OR_RETURN(
        auto old,
        LoadIds(c, "SELECT component_id FROM issue_components WHERE issue_id = ?", issue.id));
    std::set<std::int64_t> a(old.begin(), old.end()),
        b(in.components->begin(), in.components->end());
    if (a != b) {
      STEWARD_TRY(ReplaceSet(c, "DELETE FROM issue_components WHERE issue_id = ?",
                             "INSERT INTO issue_components(issue_id, component_id) VALUES (?,?)",
                             issue.id, *in.components));
      rec("components", std::nullopt, std::nullopt, std::nullopt, std::nullopt);
    }
  }
  const std::tuple<const std::optional<std::vector<std::int64_t>>*, const char*, const char*>
      user_sets[] = {{&in.participants, "participant", "requestParticipants"},
                     {&in.approvers, "approver", "approvers"}};
  for (const auto& [set, role, field] : user_sets) {
    if (!*set) {
      continue;
    }
    std::vector<std::int64_t> old;
    STEWARD_TRY(c.Query("SELECT user_id FROM issue_users WHERE issue_id = ? AND role = ?",
                        {issue.id, role}, [&](const Row& r) { old.push_back(r.Int(0)); }));
    std::set<std::int64_t> a(old.begin(), old.end()), b((*set)->begin(), (*set)->end());
    if (a != b) {
      STEWARD_TRY(
          c.Exec("DELETE FROM issue_users WHERE issue_id = ? AND role = ?", {issue.id, role}));
      for (auto id : **set) {
        STEWARD_TRY(c.Exec("INSERT INTO issue_users(issue_id, role, user_id) VALUES (?,?,?)",
                           {issue.id, role, id}));
      }
      STEWARD_ASSIGN_OR_RETURN(auto from_s, UserNames(c, old));
      STEWARD_ASSIGN_OR_RETURN(auto to_s, UserNames(c, **set));
      rec(field, std::nullopt, from_s, std::nullopt, to_s);
    }
  }
  if (in.organizations) {
    STEWARD_ASSIGN_OR_RETURN(
        auto old,
        LoadIds(c, "SELECT organization_id FROM issue_organizations WHERE issue_id = ?", issue.id));
    std::set<std::int64_t> a(old.begin(), old.end()),
        b(in.organizations->begin(), in.organizations->end());
    if (a != b) {
      STEWARD_TRY(ReplaceSet(c, "DELETE FROM issue_organizations WHERE issue_id = ?",
                             "INSERT INTO issue_organizations(issue_id, organization_id) VALUES "
                             "(?,?)",
                             issue.id, *in.organizations));
      rec("organizations", std::nullopt, std::nullopt, std::nullopt, std::nullopt);
    }
  }
  if (!in.fields.empty()) {
    STEWARD_ASSIGN_OR_RETURN(auto current, LoadFieldValues(c, issue.id, nullptr));
    for (const auto& [fid, values] : in.fields) {
      const CustomFieldDef* f = cat.Field(fid);
      const std::vector<StoredValue>& old = current[fid];
      if (old == values) {
        continue;
      }
      STEWARD_TRY(StoreFieldValues(c, issue.id, fid, values));
      std::string from_s = DisplayString(*f, old), to_s = DisplayString(*f, values);
      rec(f->name, std::nullopt, old.empty() ? std::nullopt : std::optional(from_s), std::nullopt,
          values.empty() ? std::nullopt : std::optional(to_s));
    }
  }
  return Ok();
}

Status AddWatcherTx(Connection& c, std::int64_t issue_id, std::int64_t user_id) {
  return c.Exec(
      "INSERT INTO issue_users(issue_id, role, user_id) VALUES (?, 'watcher', ?) "
      "ON CONFLICT DO NOTHING",
      {issue_id, user_id});
}

Status Touch(Connection& c, IssueRow& issue, TimestampMs now) {
  issue.updated = now;
  return c.Exec("UPDATE issues SET updated_at = ? WHERE id = ?", {now, issue.id});
}

}  // namespace

namespace internal {

// The API representation of an issue.
Result<json::object> IssueView(Connection& c, const Catalog& cat, const IssueRow& i,
                               const ProjectAccess& access) {
  json::object o;
  o["id"] = i.id;
  o["key"] = i.key;
  o["project"] = json::object{{"key", i.project_key}, {"name", i.project_name}};
  const IssueTypeDef* type = cat.IssueType(i.type_id);
  o["issueType"] = type ? json::value(json::object{
                              {"id", type->id}, {"name", type->name}, {"subtask", type->subtask}})
                        : json::value(nullptr);
  o["status"] = StatusRef(cat, i.status_id);
  o["resolution"] = NamedRef(i.resolution_id ? cat.Resolution(*i.resolution_id) : nullptr);
  o["priority"] = NamedRef(i.priority_id ? cat.Priority(*i.priority_id) : nullptr);
  o["summary"] = i.summary;
  o["description"] = i.description;
  o["assignee"] = i.assignee_id ? json::value(json::object{{"username", i.assignee_username},
                                                           {"displayName", i.assignee_name}})
                                : json::value(nullptr);
  o["reporter"] = json::object{{"username", i.reporter_username}, {"displayName", i.reporter_name}};
  o["created"] = FormatIsoUtc(i.created);
  o["updated"] = FormatIsoUtc(i.updated);
  o["resolved"] = i.resolved ? json::value(FormatIsoUtc(*i.resolved)) : json::value(nullptr);
  o["dueDate"] = i.due_date ? json::value(FormatDate(*i.due_date)) : json::value(nullptr);
  // Labels, components, people and organizations in one round trip.
  json::array labels, components, participants, approvers, orgs;
  std::int64_t watchers = 0;
  STEWARD_TRY(c.Query(
      "SELECT 'label', label, NULL FROM issue_labels WHERE issue_id = ? "
      "UNION ALL SELECT 'component', m.name, NULL FROM issue_components ic JOIN components m "
      "ON m.id = ic.component_id WHERE ic.issue_id = ? "
      "UNION ALL SELECT iu.role, u.username, u.display_name FROM issue_users iu JOIN users u "
      "ON u.id = iu.user_id WHERE iu.issue_id = ? "
      "UNION ALL SELECT 'organization', o.name, NULL FROM issue_organizations io JOIN "
      "organizations o ON o.id = io.organization_id WHERE io.issue_id = ? ORDER BY 1, 2",
      {i.id, i.id, i.id, i.id}, [&](const Row& r) {
        std::string_view kind = r.Text(0);
        if (kind == "label") {
          labels.push_back(json::value(r.String(1)));
        } else if (kind == "component") {
          components.push_back(json::value(r.String(1)));
        } else if (kind == "organization") {
          orgs.push_back(json::value(r.String(1)));
        } else if (kind == "watcher") {
          ++watchers;
        } else {
          json::object ref{{"username", r.String(1)}, {"displayName", r.String(2)}};
          (kind == "participant" ? participants : approvers).push_back(std::move(ref));
        }
      }));
  o["labels"] = std::move(labels);
  o["components"] = std::move(components);
  o["requestParticipants"] = std::move(participants);
  o["approvers"] = std::move(approvers);
  o["watcherCount"] = watchers;
  o["organizations"] = std::move(orgs);
  // Parent, sub-tasks, links and attachments in one round trip. Customers see links only to
  // requests they may see themselves.
  static const std::string kRelated =
      "SELECT 'p', id, NULL, key, summary, status_id, NULL FROM issues WHERE id = ? "
      "UNION ALL SELECT 's', id, NULL, key, summary, status_id, NULL FROM issues "
      "WHERE parent_id = ? "
      "UNION ALL SELECT 'l', l.id, l.link_type_id, o.key, o.summary, o.status_id, "
      "CASE WHEN l.source_id = ? THEN 1 ELSE 0 END FROM issue_links l JOIN issues o ON o.id = "
      "CASE WHEN l.source_id = ? THEN l.target_id ELSE l.source_id END WHERE (l.source_id = ? OR "
      "l.target_id = ?) AND (? = 0 OR o.reporter_id = ? OR EXISTS (SELECT 1 FROM issue_users pu "
      "WHERE pu.issue_id = o.id AND pu.role IN ('participant', 'approver') AND pu.user_id = ?) "
      "OR EXISTS (SELECT "
      "1 FROM issue_organizations io JOIN organization_members om ON om.organization_id = "
      "io.organization_id WHERE io.issue_id = o.id AND om.user_id = ?)) "
      "UNION ALL SELECT 'a', id, size, filename, mime_type, created_at, NULL FROM attachments "
      "WHERE issue_id = ? AND deleted_at IS NULL ORDER BY 1, 2";
  bool customer = !access.IsStaff();
  json::value parent = nullptr;
  json::array subtasks, links, attachments;
  int done = 0;
  STEWARD_TRY(c.Query(
      kRelated,
      {i.parent_id, i.id, i.id, i.id, i.id, i.id, customer ? 1 : 0, access.user_id, access.user_id,
       access.user_id, i.id},
      [&](const Row& r) {
        std::string_view kind = r.Text(0);
        if (kind == "a") {
          attachments.push_back(json::object{{"id", r.Int(1)},
                                             {"filename", r.String(3)},
                                             {"mimeType", r.String(4)},
                                             {"size", r.Int(2)},
                                             {"created", FormatIsoUtc(r.Int(5))}});
          return;
        }
        json::object ref{
            {"key", r.String(3)}, {"summary", r.String(4)}, {"status", StatusRef(cat, r.Int(5))}};
        if (kind == "p") {
          parent = std::move(ref);
        } else if (kind == "s") {
          const StatusDef* st = cat.Status(r.Int(5));
          if (st && st->category == StatusCategory::kDone) {
            ++done;
          }
          subtasks.push_back(std::move(ref));
        } else {
          const LinkTypeDef* lt = cat.LinkType(r.Int(2));
          bool outward = r.Int(6) != 0;
          links.push_back(json::object{{"id", r.Int(1)},
                                       {"type", lt ? lt->name : ""},
                                       {"direction", outward ? "outward" : "inward"},
                                       {"relation", lt ? (outward ? lt->outward : lt->inward) : ""},
                                       {"issue", std::move(ref)}});
        }
      }));
  o["parent"] = std::move(parent);
  int total = static_cast<int>(subtasks.size());
  o["subtasks"] = std::move(subtasks);
  o["subtaskProgress"] =
      json::object{{"done", done}, {"total", total}, {"percent", total ? done * 100 / total : 0}};
  o["links"] = std::move(links);
  o["attachments"] = std::move(attachments);
  std::map<std::int64_t, std::vector<std::string>> usernames;
  STEWARD_ASSIGN_OR_RETURN(auto values, LoadFieldValues(c, i.id, &usernames));
  json::object fields;
  for (const auto& f : cat.fields) {
    if (!f.AppliesTo(i.type_id)) {
      continue;
    }
    auto it = values.find(f.id);
    static const std::vector<StoredValue> kEmpty;
    fields[f.name] = RenderFieldValue(f, it == values.end() ? kEmpty : it->second, usernames[f.id]);
  }
  o["fields"] = std::move(fields);
  return o;
}

}  // namespace internal

Result<json::object> TicketService::CreateIssue(const Principal& p, const json::object& body,
                                                const CreateHook& also) {
  STEWARD_ASSIGN_OR_RETURN(auto created, CreateIssueId(nullptr, p, body, also));
  return RenderAfterWrite(p, created);
}

Result<std::int64_t> TicketService::CreateIssueIn(Connection& c, const Principal& p,
                                                  const json::object& body) {
  return CreateIssueId(&c, p, body, {});
}

Result<std::int64_t> TicketService::CreateIssueId(Connection* outer, const Principal& p,
                                                  const json::object& body,
                                                  const CreateHook& also) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"project", "issueType", "summary", "description", "priority",
                            "assignee", "reporter", "labels", "components", "dueDate", "parent",
                            "requestParticipants", "organizations", "approvers", "fields"}));
  STEWARD_ASSIGN_OR_RETURN(auto project_key, in.RequiredString("project", 10));
  STEWARD_ASSIGN_OR_RETURN(auto type_name, in.RequiredString("issueType", 64));
  STEWARD_TRY(in.RequiredString("summary", 255));
  STEWARD_ASSIGN_OR_RETURN(auto parent_key, in.OptionalString("parent", 32));
  auto cat = catalog_.Get();
  const IssueTypeDef* type = cat->IssueTypeByName(type_name);
  if (!type) {
    std::string names;
    for (const auto& t : cat->issue_types) {
      names += (names.empty() ? "" : ", ") + t.name;
    }
    return Error::InvalidArgument("tickets.unknownIssueType",
                                  "no issue type \"" + type_name + "\" (types: " + names + ")",
                                  "issueType");
  }
  if (type->subtask && !parent_key) {
    return Error::InvalidArgument("tickets.parentRequired", "a sub-task needs a parent", "parent");
  }
  if (!type->subtask && parent_key) {
    return Error::InvalidArgument("tickets.parentNotAllowed",
                                  "only sub-tasks have a parent; use a link instead", "parent");
  }
  const WorkflowDef* wf = cat->Workflow(type->workflow_id);
  if (!wf) {
    return Error::Internal("issue type without workflow");
  }
  TimestampMs now = clock_.Now();
  return WriteIn(outer, [&](Connection& c) -> Result<std::int64_t> {
    std::string upper = project_key;
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') {
        ch = static_cast<char>(ch - 'a' + 'A');
      }
    }
    STEWARD_ASSIGN_OR_RETURN(auto project_id,
                             c.QueryInt("SELECT id FROM projects WHERE key = ?", {upper}));
    if (!project_id) {
      return Error::InvalidArgument("tickets.unknownProject", "no project \"" + project_key + "\"",
                                    "project");
    }
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, *project_id));
    if (access.roles.empty()) {
      return Error::InvalidArgument("tickets.unknownProject", "no project \"" + project_key + "\"",
                                    "project");
    }
    if (!access.CanEdit() && !access.Has("customer")) {
      return CannotEdit();
    }
    if (!access.CanEdit()) {
      STEWARD_TRY(in.AllowOnly({"project", "issueType", "summary", "description", "priority",
                                "requestParticipants", "organizations", "fields"}));
    }
    std::optional<std::int64_t> parent_id;
    if (parent_key) {
      STEWARD_ASSIGN_OR_RETURN(auto parent, LoadIssueRow(c, *parent_key));
      if (!parent || parent->project_id != *project_id) {
        return Error::InvalidArgument("tickets.unknownParent",
                                      "no issue " + *parent_key + " in project " + upper, "parent");
      }
      const IssueTypeDef* pt = cat->IssueType(parent->type_id);
      if (pt && pt->subtask) {
        return Error::InvalidArgument("tickets.nestedSubtask", "a sub-task cannot have sub-tasks",
                                      "parent");
      }
      parent_id = parent->id;
    }
    STEWARD_ASSIGN_OR_RETURN(auto input,
                             ParseIssueInput(c, *cat, in, *project_id, type->id, access, p));
    STEWARD_TRY(ApplyPriorityPolicy(c, *cat, priority_policy_, type->id, input, std::nullopt));
    STEWARD_TRY(CheckIssueScopes(c, *cat, input, std::nullopt));
    STEWARD_ASSIGN_OR_RETURN(
        auto number, c.QueryInt("UPDATE projects SET next_number = next_number + 1 WHERE id = ? "
                                "RETURNING next_number - 1",
                                {*project_id}));
    std::string key = upper + "-" + std::to_string(*number);
    std::optional<std::int64_t> priority = cat->PriorityByName("Medium")
                                               ? std::optional(cat->PriorityByName("Medium")->id)
                                               : std::nullopt;
    if (input.priority) {
      priority = *input.priority;
    }
    std::int64_t reporter = input.reporter.value_or(p.user_id);
    const StatusDef* initial = cat->Status(wf->initial_status);
    bool done = initial && initial->category == StatusCategory::kDone;
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c.QueryInt("INSERT INTO issues(project_id, number, key, issue_type_id, status_id, "
                   "priority_id, summary, description, assignee_id, reporter_id, parent_id, "
                   "due_date, created_at, updated_at, resolved_at) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                   {*project_id, *number, key, type->id, wf->initial_status, priority,
                    input.summary.value_or(""), input.description.value_or(""),
                    input.assignee.value_or(std::nullopt), reporter, parent_id,
                    input.due_date.value_or(std::nullopt), now, now,
                    done ? std::optional<std::int64_t>(now) : std::nullopt}));
    STEWARD_ASSIGN_OR_RETURN(auto row, LoadIssueRowById(c, *id));
    IssueInput rest = input;
    rest.summary.reset();
    rest.description.reset();
    rest.priority.reset();
    rest.assignee.reset();
    rest.reporter.reset();
    rest.due_date.reset();
    ChangeLog unused;
    STEWARD_TRY(ApplyInput(c, *cat, *row, rest, unused, /*record=*/false));
    STEWARD_TRY(AddWatcherTx(c, *id, reporter));
    if (reporter != p.user_id) {
      STEWARD_TRY(AddWatcherTx(c, *id, p.user_id));
    }
    // The fields set at creation, as changes from nothing (automation's "field value changed").
    json::array set_fields;
    for (const auto& [field_id, values] : input.fields) {
      const CustomFieldDef* f = cat->Field(field_id);
      if (f && !values.empty()) {
        set_fields.push_back(
            json::object{{"field", f->name}, {"from", nullptr}, {"to", DisplayString(*f, values)}});
      }
    }
    STEWARD_TRY(Emit(c, "issue.created", *id, p.user_id,
                     json::object{{"key", key}, {"changes", std::move(set_fields)}}, now));
    if (also) {
      STEWARD_TRY(also(c, *id));
    }
    IssueWrite w{IssueWrite::Kind::kCreated, *id, type->name, {}, {}, {}, {}, {}};
    for (const auto& [field_id, values] : input.fields) {
      if (const CustomFieldDef* f = cat->Field(field_id); f && !values.empty()) {
        w.changed.push_back(f->name);
      }
    }
    STEWARD_TRY(Notify(c, p, w));
    return *id;
  });
}

Result<json::object> TicketService::RenderAfterWrite(const Principal& p, std::int64_t issue_id) {
  // Rendering reads a dozen tables: done after the commit, off the single writer thread.
  auto cat = catalog_.Get();
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto row, LoadIssueRowById(c, issue_id));
    if (!row) {
      return IssueNotFound(std::to_string(issue_id));
    }
    STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, p, row->project_id));
    return IssueView(c, *cat, *row, access);
  });
}

Result<json::object> TicketService::GetIssue(const Principal& p, std::string_view key) {
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    return IssueView(c, *cat, visible.first, visible.second);
  });
}

Result<json::object> TicketService::IssueIn(Connection& c, const Principal& p,
                                            std::string_view key) {
  auto cat = catalog_.Get();
  STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
  return IssueView(c, *cat, visible.first, visible.second);
}

Result<json::object> TicketService::UpdateIssue(const Principal& p, std::string_view key,
                                                const json::object& body) {
  STEWARD_ASSIGN_OR_RETURN(auto updated, UpdateIssueId(nullptr, p, key, body));
  return RenderAfterWrite(p, updated);
}

Status TicketService::UpdateIssueIn(Connection& c, const Principal& p, std::string_view key,
                                    const json::object& body) {
  STEWARD_TRY(UpdateIssueId(&c, p, key, body));
  return Ok();
}

Result<std::int64_t> TicketService::UpdateIssueId(Connection* outer, const Principal& p,
                                                  std::string_view key, const json::object& body) {
  JsonReader in(body);
  if (in.Has("status")) {
    return Error::InvalidArgument("tickets.useTransitions",
                                  "the status changes only through a transition: POST "
                                  "/api/v1/issues/{key}/transitions",
                                  "status");
  }
  if (in.Has("project") || in.Has("issueType") || in.Has("parent")) {
    return Error::InvalidArgument("tickets.immutableField",
                                  "project, issueType and parent cannot be changed");
  }
  STEWARD_TRY(in.AllowOnly({"summary", "description", "priority", "assignee", "reporter", "labels",
                            "components", "dueDate", "requestParticipants", "organizations",
                            "approvers", "fields"}));
  auto cat = catalog_.Get();
  TimestampMs now = clock_.Now();
  return WriteIn(outer, [&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    if (!access.CanEdit()) {
      // A customer who sees a request may share it (participants and organizations), no more.
      bool sharing_only =
          !body.empty() && std::all_of(body.begin(), body.end(), [](const auto& kv) {
            return kv.key() == "requestParticipants" || kv.key() == "organizations";
          });
      if (!access.Has("customer") || !sharing_only) {
        return CannotEdit();
      }
    }
    STEWARD_ASSIGN_OR_RETURN(auto input, ParseIssueInput(c, *cat, in, issue.project_id,
                                                         issue.type_id, access, p, issue.id));
    STEWARD_TRY(ApplyPriorityPolicy(c, *cat, priority_policy_, issue.type_id, input, issue.id));
    STEWARD_TRY(CheckIssueScopes(c, *cat, input, issue.id));
    ChangeLog log;
    STEWARD_TRY(ApplyInput(c, *cat, issue, input, log, true));
    if (!log.empty()) {
      STEWARD_TRY(Touch(c, issue, now));
      STEWARD_TRY(log.Write(c, issue.id, p.user_id, now));
      json::array changes = log.ToJson();
      IssueWrite w{IssueWrite::Kind::kUpdated,
                   issue.id,
                   cat->IssueType(issue.type_id)->name,
                   {},
                   {},
                   {},
                   {},
                   {}};
      for (const auto& ch : changes) {
        w.changed.emplace_back(ch.as_object().at("field").as_string());
      }
      w.changes = changes;
      STEWARD_TRY(Emit(c, "issue.updated", issue.id, p.user_id,
                       json::object{{"key", issue.key}, {"changes", std::move(changes)}}, now));
      STEWARD_TRY(Notify(c, p, w));
    }
    return issue.id;
  });
}

namespace {

TransitionContext MakeContext(Connection& c, const Catalog& cat, const IssueRow& issue,
                              const ProjectAccess& access, const FieldValues& values,
                              bool subtasks_done) {
  TransitionContext ctx;
  ctx.roles = access.roles;
  ctx.subtasks_done = subtasks_done;
  ctx.values = [&c, &cat, &issue, &values](std::string_view field) -> std::vector<std::string> {
    std::vector<std::string> out;
    if (field == "assignee") {
      if (issue.assignee_id) {
        out.push_back(std::to_string(*issue.assignee_id));
      }
    } else if (field == "resolution") {
      if (issue.resolution_id) {
        out.push_back(cat.Resolution(*issue.resolution_id)->name);
      }
    } else if (field == "priority") {
      if (issue.priority_id) {
        out.push_back(cat.Priority(*issue.priority_id)->name);
      }
    } else if (field == "summary") {
      out.push_back(issue.summary);
    } else if (field == "description") {
      if (!issue.description.empty()) {
        out.push_back(issue.description);
      }
    } else if (field == "dueDate") {
      if (issue.due_date) {
        out.push_back(FormatDate(*issue.due_date));
      }
    } else if (const CustomFieldDef* f = cat.FieldByName(field)) {
      auto it = values.find(f->id);
      if (it != values.end()) {
        for (const auto& v : it->second) {
          out.push_back(DisplayOf(*f, v));
        }
      }
    }
    (void)c;
    return out;
  };
  return ctx;
}

Result<bool> SubtasksDone(Connection& c, const Catalog& cat, std::int64_t issue_id) {
  bool all = true;
  STEWARD_TRY(
      c.Query("SELECT status_id FROM issues WHERE parent_id = ?", {issue_id}, [&](const Row& r) {
        const StatusDef* s = cat.Status(r.Int(0));
        all = all && s && s->category == StatusCategory::kDone;
      }));
  return all;
}

}  // namespace

Result<json::object> TicketService::ListTransitions(const Principal& p, std::string_view key) {
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    json::array values;
    if (access.CanEdit()) {
      const WorkflowDef* wf = cat->Workflow(cat->IssueType(issue.type_id)->workflow_id);
      STEWARD_ASSIGN_OR_RETURN(auto fields, LoadFieldValues(c, issue.id, nullptr));
      STEWARD_ASSIGN_OR_RETURN(bool subtasks_done, SubtasksDone(c, *cat, issue.id));
      TransitionContext ctx = MakeContext(c, *cat, issue, access, fields, subtasks_done);
      for (const TransitionDef* t : TransitionsFrom(*wf, issue.status_id)) {
        std::string why = FailedCondition(*t, ctx);
        if (!why.empty()) {
          continue;
        }
        json::array required;
        for (const auto& v : t->validators) {
          for (const auto& f : v.fields) {
            required.push_back(json::value(f));
          }
        }
        json::object one{{"id", t->id},
                         {"name", t->name},
                         {"to", StatusRef(*cat, t->to_status)},
                         {"requiredFields", std::move(required)}};
        // What a module's guard would say now (a pending approval, a freeze window): offered,
        // but marked, so the agent sees why before trying.
        IssueWrite w{IssueWrite::Kind::kTransitioned,
                     issue.id,
                     cat->IssueType(issue.type_id)->name,
                     {},
                     cat->Status(issue.status_id)->name,
                     cat->Status(t->to_status)->name,
                     t->name,
                     {}};
        for (const auto& guard : guards_) {
          Status g = guard(c, p, w);
          if (!g.ok()) {
            one["blocked"] =
                json::object{{"code", g.error().message_id}, {"message", g.error().message}};
            break;
          }
        }
        values.push_back(std::move(one));
      }
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> TicketService::Transition(const Principal& p, std::string_view key,
                                               const json::object& body) {
  STEWARD_ASSIGN_OR_RETURN(auto moved, TransitionId(nullptr, p, key, body));
  return RenderAfterWrite(p, moved);
}

Status TicketService::TransitionIn(Connection& c, const Principal& p, std::string_view key,
                                   const json::object& body) {
  STEWARD_TRY(TransitionId(&c, p, key, body));
  return Ok();
}

Result<std::int64_t> TicketService::TransitionId(Connection* outer, const Principal& p,
                                                 std::string_view key, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(
      in.AllowOnly({"id", "transition", "to", "status", "resolution", "fields", "comment"}));
  std::optional<std::int64_t> want_id;
  std::optional<std::string> want_to;
  std::function<Status(const json::value&)> read_id = [&](const json::value& v) -> Status {
    if (v.is_int64()) {
      want_id = v.get_int64();
    } else if (v.is_string()) {
      std::string_view s = v.get_string();
      if (s.empty() || s.size() > 18 ||
          s.find_first_not_of("0123456789") != std::string_view::npos) {
        return Error::InvalidArgument("tickets.badTransition", "a transition id is a number", "id");
      }
      want_id = std::stoll(std::string(s));
    } else if (v.is_object() && v.get_object().contains("id")) {
      return read_id(v.get_object().at("id"));  // Jira style {"transition":{"id":"11"}}
    } else {
      return Error::InvalidArgument("http.wrongType", "the transition id must be a number", "id");
    }
    return Ok();
  };
  if (const auto* v = in.Get("id")) {
    STEWARD_TRY(read_id(*v));
  } else if (const auto* t = in.Get("transition")) {
    STEWARD_TRY(read_id(*t));
  }
  for (const char* k : {"to", "status"}) {
    if (in.Has(k)) {
      STEWARD_ASSIGN_OR_RETURN(auto s, in.OptionalString(k, 64));
      want_to = s;
    }
  }
  if (!want_id && !want_to) {
    return Error::InvalidArgument("tickets.transitionRequired",
                                  "give the transition \"id\" or the target status as \"to\"",
                                  "id");
  }
  STEWARD_ASSIGN_OR_RETURN(auto resolution_name, in.OptionalString("resolution", 64));
  std::optional<std::string> comment_body;
  bool comment_internal = true;
  if (const auto* cv = in.Get("comment"); cv && !cv->is_null()) {
    if (!cv->is_object()) {
      return Error::InvalidArgument("http.wrongType", "\"comment\" must be an object", "comment");
    }
    JsonReader cr(cv->get_object(), "comment.");
    STEWARD_TRY(cr.AllowOnly({"body", "internal"}));
    STEWARD_ASSIGN_OR_RETURN(comment_body, cr.RequiredString("body", 32768));
    STEWARD_ASSIGN_OR_RETURN(auto internal, cr.OptionalBool("internal"));
    comment_internal = internal.value_or(true);
  }
  auto cat = catalog_.Get();
  const NamedDef* explicit_resolution = nullptr;
  if (resolution_name) {
    explicit_resolution = cat->ResolutionByName(*resolution_name);
    if (!explicit_resolution) {
      return Error::InvalidArgument("tickets.unknownResolution",
                                    "no resolution \"" + *resolution_name + "\"", "resolution");
    }
  }
  TimestampMs now = clock_.Now();
  return WriteIn(outer, [&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto visible, LoadVisible(c, p, key));
    auto& [issue, access] = visible;
    if (!access.CanEdit()) {
      return CannotEdit();
    }
    const WorkflowDef* wf = cat->Workflow(cat->IssueType(issue.type_id)->workflow_id);
    const StatusDef* current = cat->Status(issue.status_id);
    std::vector<const TransitionDef*> available = TransitionsFrom(*wf, issue.status_id);
    const TransitionDef* chosen = nullptr;
    if (want_id) {
      bool in_workflow = false;
      for (const auto& t : wf->transitions) {
        in_workflow = in_workflow || t.id == *want_id;
      }
      for (const auto* t : available) {
        if (t->id == *want_id) {
          chosen = t;
        }
      }
      if (!chosen) {
        if (!in_workflow) {
          return Error::InvalidArgument(
              "tickets.unknownTransition",
              "no transition " + std::to_string(*want_id) + " in the " + wf->name + " workflow",
              "id");
        }
        return Error::Conflict("tickets.illegalTransition",
                               "transition " + std::to_string(*want_id) +
                                   " does not start from \"" + current->name + "\"",
                               "id");
      }
    } else {
      const StatusDef* target = cat->StatusByName(*want_to);
      bool in_workflow = false;
      for (auto id : wf->statuses) {
        in_workflow = in_workflow || (target && id == target->id);
      }
      if (!target || !in_workflow) {
        return Error::InvalidArgument(
            "tickets.unknownStatus",
            "no status \"" + *want_to + "\" in the " + wf->name + " workflow", "to");
      }
      for (const auto* t : available) {
        if (t->to_status == target->id && !chosen) {
          chosen = t;
        }
      }
      if (!chosen) {
        return Error::Conflict(
            "tickets.illegalTransition",
            "cannot go from \"" + current->name + "\" to \"" + target->name + "\"", "to");
      }
    }
    // Fields given with the transition are applied first, then validators see them.
    ChangeLog log;
    if (const auto* fv = in.Get("fields"); fv && !fv->is_null()) {
      json::object wrapper{{"fields", *fv}};
      JsonReader fr(wrapper);
      STEWARD_ASSIGN_OR_RETURN(
          auto input, ParseIssueInput(c, *cat, fr, issue.project_id, issue.type_id, access, p));
      STEWARD_TRY(ApplyInput(c, *cat, issue, input, log, true));
    }
    STEWARD_ASSIGN_OR_RETURN(auto fields, LoadFieldValues(c, issue.id, nullptr));
    STEWARD_ASSIGN_OR_RETURN(bool subtasks_done, SubtasksDone(c, *cat, issue.id));
    TransitionContext ctx = MakeContext(c, *cat, issue, access, fields, subtasks_done);
    std::string why = FailedCondition(*chosen, ctx);
    if (!why.empty()) {
      return Error::Conflict("tickets.conditionFailed",
                             "\"" + chosen->name + "\" is not allowed: " + why);
    }
    auto missing = MissingRequiredFields(*chosen, ctx);
    if (!missing.empty()) {
      return Error::FailedPrecondition(
          "tickets.requiredField",
          "\"" + missing.front() + "\" is required for \"" + chosen->name + "\"", missing.front());
    }
    const StatusDef* target = cat->Status(chosen->to_status);
    IssueWrite w{IssueWrite::Kind::kTransitioned,
                 issue.id,
                 cat->IssueType(issue.type_id)->name,
                 {},
                 current->name,
                 target->name,
                 chosen->name,
                 {}};
    for (const auto& guard : guards_) {
      STEWARD_TRY(guard(c, p, w));
    }
    STEWARD_TRY(c.Exec("UPDATE issues SET status_id = ? WHERE id = ?", {target->id, issue.id}));
    log.Add("status", std::to_string(current->id), current->name, std::to_string(target->id),
            target->name);
    issue.status_id = target->id;
    // Post-functions.
    const NamedDef* resolution = explicit_resolution;
    for (const auto& pf : chosen->post_functions) {
      if (pf.type == "setResolution" && !resolution) {
        resolution = cat->ResolutionByName(pf.value);
      } else if (pf.type == "assign") {
        IssueInput a;
        if (pf.to == "currentUser") {
          a.assignee = std::optional<std::int64_t>(p.user_id);
        } else if (pf.to == "reporter") {
          a.assignee = std::optional<std::int64_t>(issue.reporter_id);
        } else if (pf.to == "unassigned") {
          a.assignee = std::optional<std::int64_t>();
        }
        STEWARD_TRY(ApplyInput(c, *cat, issue, a, log, true));
      } else if (pf.type == "setField") {
        const CustomFieldDef* f = cat->FieldByName(pf.field);
        if (f && f->AppliesTo(issue.type_id)) {
          STEWARD_ASSIGN_OR_RETURN(auto values,
                                   ParseFieldValue(*f, json::value(pf.value), MakeResolver(c)));
          IssueInput a;
          a.fields[f->id] = std::move(values);
          STEWARD_TRY(ApplyInput(c, *cat, issue, a, log, true));
        }
      } else if (pf.type == "createSubtasks") {
        const IssueTypeDef* sub = cat->IssueTypeByName("Sub-task");
        const WorkflowDef* swf = sub ? cat->Workflow(sub->workflow_id) : nullptr;
        for (const auto& summary : pf.subtasks) {
          if (!sub || !swf) {
            break;
          }
          STEWARD_ASSIGN_OR_RETURN(
              auto number, c.QueryInt("UPDATE projects SET next_number = next_number + 1 WHERE "
                                      "id = ? RETURNING next_number - 1",
                                      {issue.project_id}));
          std::string skey = issue.project_key + "-" + std::to_string(*number);
          STEWARD_ASSIGN_OR_RETURN(
              auto sid, c.QueryInt("INSERT INTO issues(project_id, number, key, issue_type_id, "
                                   "status_id, priority_id, summary, reporter_id, parent_id, "
                                   "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                                   "RETURNING id",
                                   {issue.project_id, *number, skey, sub->id, swf->initial_status,
                                    issue.priority_id, summary, p.user_id, issue.id, now, now}));
          STEWARD_TRY(AddWatcherTx(c, *sid, p.user_id));
          STEWARD_TRY(Emit(
              c, "issue.created", *sid, p.user_id,
              json::object{{"key", skey}, {"parent", issue.key}, {"by", "postFunction"}}, now));
        }
      }
    }
    if (target->category == StatusCategory::kDone) {
      if (!resolution) {
        resolution = cat->ResolutionByName("Done");
      }
      std::optional<std::int64_t> rid = resolution ? std::optional(resolution->id) : std::nullopt;
      if (rid != issue.resolution_id) {
        const NamedDef* old = issue.resolution_id ? cat->Resolution(*issue.resolution_id) : nullptr;
        log.Add("resolution", OptStr(issue.resolution_id),
                old ? std::optional(old->name) : std::nullopt, OptStr(rid),
                resolution ? std::optional(resolution->name) : std::nullopt);
      }
      // Moving between done statuses (Resolved -> Closed) keeps when it was resolved.
      TimestampMs resolved_at =
          current->category == StatusCategory::kDone && issue.resolved ? *issue.resolved : now;
      STEWARD_TRY(c.Exec("UPDATE issues SET resolution_id = ?, resolved_at = ? WHERE id = ?",
                         {rid, resolved_at, issue.id}));
      issue.resolution_id = rid;
      issue.resolved = resolved_at;
    } else if (issue.resolution_id) {
      const NamedDef* old = cat->Resolution(*issue.resolution_id);
      log.Add("resolution", OptStr(issue.resolution_id),
              old ? std::optional(old->name) : std::nullopt, std::nullopt, std::nullopt);
      STEWARD_TRY(c.Exec("UPDATE issues SET resolution_id = NULL, resolved_at = NULL WHERE id = ?",
                         {issue.id}));
      issue.resolution_id.reset();
      issue.resolved.reset();
    }
    STEWARD_TRY(Touch(c, issue, now));
    STEWARD_TRY(log.Write(c, issue.id, p.user_id, now));
    STEWARD_TRY(Emit(c, "issue.transitioned", issue.id, p.user_id,
                     json::object{{"key", issue.key},
                                  {"from", current->name},
                                  {"to", target->name},
                                  {"transition", chosen->name},
                                  {"changes", log.ToJson()}},
                     now));
    if (comment_body) {
      STEWARD_TRY(AddCommentTx(c, issue, p.user_id, *comment_body, comment_internal, now, nullptr));
    }
    STEWARD_TRY(Notify(c, p, w));
    return issue.id;
  });
}

Status TicketService::Notify(Connection& c, const Principal& p, const IssueWrite& w) const {
  for (const auto& o : observers_) {
    STEWARD_TRY(o(c, p, w));
  }
  return Ok();
}

}  // namespace steward::tickets
