#include "tickets/catalog.h"

#include "base/text.h"

#include <boost/json.hpp>

namespace steward::tickets {
namespace json = boost::json;
using storage::Connection;
using storage::Row;

std::string_view CategoryName(StatusCategory c) {
  switch (c) {
    case StatusCategory::kTodo:
      return "todo";
    case StatusCategory::kInProgress:
      return "in_progress";
    case StatusCategory::kDone:
      return "done";
  }
  return "todo";
}

namespace {
constexpr std::pair<FieldType, std::string_view> kFieldTypes[] = {
    {FieldType::kText, "text"},
    {FieldType::kParagraph, "paragraph"},
    {FieldType::kNumber, "number"},
    {FieldType::kDate, "date"},
    {FieldType::kDateTime, "datetime"},
    {FieldType::kSelect, "select"},
    {FieldType::kMultiSelect, "multiselect"},
    {FieldType::kYesNo, "yesno"},
    {FieldType::kUser, "user"},
    {FieldType::kMultiUser, "multiuser"},
    {FieldType::kTeam, "team"},
    {FieldType::kUrl, "url"},
    {FieldType::kObject, "object"},
};

template <typename T>
const T* ById(const std::vector<T>& v, std::int64_t id) {
  for (const auto& x : v) {
    if (x.id == id) {
      return &x;
    }
  }
  return nullptr;
}
template <typename T>
const T* ByName(const std::vector<T>& v, std::string_view name) {
  for (const auto& x : v) {
    if (EqualsIgnoreCase(x.name, name)) {
      return &x;
    }
  }
  return nullptr;
}

std::vector<std::string> Strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& s : v->get_array()) {
      if (s.is_string()) {
        out.emplace_back(s.get_string());
      }
    }
  }
  return out;
}
std::string Str(const json::object& o, std::string_view key) {
  if (const auto* v = o.if_contains(key); v && v->is_string()) {
    return std::string(v->get_string());
  }
  return {};
}

}  // namespace

std::string_view FieldTypeName(FieldType t) {
  for (const auto& [k, n] : kFieldTypes) {
    if (k == t) {
      return n;
    }
  }
  return "text";
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  for (const auto& [k, n] : kFieldTypes) {
    if (n == s) {
      return k;
    }
  }
  return std::nullopt;
}

bool IsMultiValued(FieldType t) {
  return t == FieldType::kMultiSelect || t == FieldType::kMultiUser || t == FieldType::kObject;
}

bool CustomFieldDef::AppliesTo(std::int64_t issue_type_id) const {
  if (issue_types.empty()) {
    return true;
  }
  for (auto type_id : issue_types) {
    if (type_id == issue_type_id) {
      return true;
    }
  }
  return false;
}

const FieldOption* CustomFieldDef::FindOption(std::string_view value) const {
  for (const auto& o : options) {
    if (!o.disabled && EqualsIgnoreCase(o.value, value)) {
      return &o;
    }
  }
  return nullptr;
}

const FieldOption* CustomFieldDef::OptionById(std::int64_t option_id) const {
  return ById(options, option_id);
}

const StatusDef* Catalog::Status(std::int64_t id) const { return ById(statuses, id); }
const StatusDef* Catalog::StatusByName(std::string_view n) const { return ByName(statuses, n); }
const WorkflowDef* Catalog::Workflow(std::int64_t id) const { return ById(workflows, id); }
const IssueTypeDef* Catalog::IssueType(std::int64_t id) const { return ById(issue_types, id); }
const IssueTypeDef* Catalog::IssueTypeByName(std::string_view n) const {
  return ByName(issue_types, n);
}
const NamedDef* Catalog::Priority(std::int64_t id) const { return ById(priorities, id); }
const NamedDef* Catalog::PriorityByName(std::string_view n) const { return ByName(priorities, n); }
const NamedDef* Catalog::Resolution(std::int64_t id) const { return ById(resolutions, id); }
const NamedDef* Catalog::ResolutionByName(std::string_view n) const {
  return ByName(resolutions, n);
}
const CustomFieldDef* Catalog::Field(std::int64_t id) const { return ById(fields, id); }
const LinkTypeDef* Catalog::LinkType(std::int64_t id) const { return ById(link_types, id); }

const CustomFieldDef* Catalog::FieldByName(std::string_view name) const {
  auto numeric = [&](std::string_view digits) -> const CustomFieldDef* {
    if (digits.empty() || digits.size() > 18) {
      return nullptr;
    }
    std::int64_t field_id = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') {
        return nullptr;
      }
      field_id = field_id * 10 + (c - '0');
    }
    return Field(field_id);
  };
  if (name.size() > 4 && EqualsIgnoreCase(name.substr(0, 3), "cf[") && name.back() == ']') {
    return numeric(name.substr(3, name.size() - 4));
  }
  if (name.size() > 12 && name.substr(0, 12) == "customfield_") {
    return numeric(name.substr(12));
  }
  return ByName(fields, name);
}

Status ParseRules(std::string_view text, TransitionDef& t) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    return Error::InvalidArgument("tickets.badRules", "transition rules must be a JSON object");
  }
  const json::object& o = v.get_object();
  auto each = [&](std::string_view key, auto&& fn) -> Status {
    const json::value* arr = o.if_contains(key);
    if (!arr) {
      return Ok();
    }
    if (!arr->is_array()) {
      return Error::InvalidArgument("tickets.badRules", std::string(key) + " must be an array");
    }
    for (const auto& item : arr->get_array()) {
      if (!item.is_object() || Str(item.get_object(), "type").empty()) {
        return Error::InvalidArgument("tickets.badRules",
                                      std::string(key) + " items need a \"type\"");
      }
      STEWARD_TRY(fn(item.get_object()));
    }
    return Ok();
  };
  STEWARD_TRY(each("conditions", [&](const json::object& c) -> Status {
    Condition cond{Str(c, "type"), Strings(c, "roles"), Str(c, "field"), Strings(c, "values")};
    if (cond.type != "role" && cond.type != "fieldEquals" && cond.type != "fieldNotEmpty" &&
        cond.type != "subtasksDone") {
      return Error::InvalidArgument("tickets.badRules", "unknown condition " + cond.type);
    }
    t.conditions.push_back(std::move(cond));
    return Ok();
  }));
  STEWARD_TRY(each("validators", [&](const json::object& c) -> Status {
    Validator val{Str(c, "type"), Strings(c, "fields")};
    if (val.type != "requiredFields") {
      return Error::InvalidArgument("tickets.badRules", "unknown validator " + val.type);
    }
    t.validators.push_back(std::move(val));
    return Ok();
  }));
  STEWARD_TRY(each("postFunctions", [&](const json::object& c) -> Status {
    PostFunction pf{Str(c, "type"), Str(c, "to"), Str(c, "field"), Str(c, "value"),
                    Strings(c, "subtasks")};
    if (pf.type != "assign" && pf.type != "setField" && pf.type != "setResolution" &&
        pf.type != "createSubtasks") {
      return Error::InvalidArgument("tickets.badRules", "unknown post-function " + pf.type);
    }
    t.post_functions.push_back(std::move(pf));
    return Ok();
  }));
  t.rules_json = std::string(text);
  return Ok();
}

Result<std::shared_ptr<const Catalog>> Catalog::Load(Connection& c) {
  auto cat = std::make_shared<Catalog>();
  STEWARD_TRY(c.Query("SELECT id, name, category FROM statuses ORDER BY id", {}, [&](const Row& r) {
    std::string_view k = r.Text(2);
    cat->statuses.push_back({r.Int(0), r.String(1),
                             k == "done"          ? StatusCategory::kDone
                             : k == "in_progress" ? StatusCategory::kInProgress
                                                  : StatusCategory::kTodo});
  }));
  STEWARD_TRY(c.Query("SELECT id, name, initial_status_id FROM workflows ORDER BY id", {},
                      [&](const Row& r) {
                        WorkflowDef w;
                        w.id = r.Int(0);
                        w.name = r.String(1);
                        w.initial_status = r.Int(2);
                        cat->workflows.push_back(std::move(w));
                      }));
  for (auto& w : cat->workflows) {
    STEWARD_TRY(
        c.Query("SELECT status_id FROM workflow_statuses WHERE workflow_id = ? ORDER BY position",
                {w.id}, [&](const Row& r) { w.statuses.push_back(r.Int(0)); }));
    steward::Status parse = Ok();
    STEWARD_TRY(
        c.Query("SELECT id, name, from_status_id, to_status_id, rules FROM transitions "
                "WHERE workflow_id = ? ORDER BY position, id",
                {w.id}, [&](const Row& r) {
                  TransitionDef t;
                  t.id = r.Int(0);
                  t.workflow_id = w.id;
                  t.name = r.String(1);
                  t.from_status = r.OptInt(2);
                  t.to_status = r.Int(3);
                  steward::Status s = ParseRules(r.Text(4), t);
                  if (!s.ok() && parse.ok()) {
                    parse = s;
                  }
                  w.transitions.push_back(std::move(t));
                }));
    STEWARD_TRY(parse);
  }
  STEWARD_TRY(c.Query(
      "SELECT id, name, description, subtask, workflow_id FROM issue_types "
      "ORDER BY id",
      {}, [&](const Row& r) {
        cat->issue_types.push_back({r.Int(0), r.String(1), r.String(2), r.Int(3) != 0, r.Int(4)});
      }));
  STEWARD_TRY(
      c.Query("SELECT id, name, color FROM priorities ORDER BY position", {}, [&](const Row& r) {
        cat->priorities.push_back({r.Int(0), r.String(1), r.String(2)});
      }));
  STEWARD_TRY(
      c.Query("SELECT id, name, description FROM resolutions ORDER BY id", {}, [&](const Row& r) {
        cat->resolutions.push_back({r.Int(0), r.String(1), r.String(2)});
      }));
  STEWARD_TRY(
      c.Query("SELECT id, name, type, description, issue_types, config FROM custom_fields "
              "ORDER BY id",
              {}, [&](const Row& r) {
                CustomFieldDef f;
                f.id = r.Int(0);
                f.name = r.String(1);
                f.type = ParseFieldType(r.Text(2)).value_or(FieldType::kText);
                f.description = r.String(3);
                for (auto part : Split(r.Text(4), ',')) {
                  if (!part.empty()) {
                    f.issue_types.push_back(std::stoll(std::string(part)));
                  }
                }
                if (f.type == FieldType::kObject) {
                  boost::system::error_code ec;
                  auto config = json::parse(r.Text(5), ec);
                  if (!ec && config.is_object()) {
                    const auto& o = config.get_object();
                    f.object.schema = Str(o, "objectSchema");
                    f.object.filter_scope = Str(o, "filterScope");
                    f.object.issue_scope = Str(o, "issueScope");
                    if (const auto* m = o.if_contains("multiple"); m && m->is_bool()) {
                      f.object.multiple = m->get_bool();
                    }
                  }
                }
                cat->fields.push_back(std::move(f));
              }));
  for (auto& f : cat->fields) {
    STEWARD_TRY(
        c.Query("SELECT id, value, disabled FROM custom_field_options WHERE field_id = ? "
                "ORDER BY position, id",
                {f.id}, [&](const Row& r) {
                  f.options.push_back({r.Int(0), r.String(1), r.Int(2) != 0});
                }));
  }
  STEWARD_TRY(c.Query(
      "SELECT id, name, outward, inward FROM link_types ORDER BY id", {}, [&](const Row& r) {
        cat->link_types.push_back({r.Int(0), r.String(1), r.String(2), r.String(3)});
      }));
  return std::shared_ptr<const Catalog>(std::move(cat));
}

Status CatalogHolder::Reload(storage::Database& db) {
  return db.ReadTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto cat, Catalog::Load(c));
    Set(std::move(cat));
    return Ok();
  });
}

namespace {

struct DefaultTransition {
  const char* name;
  const char* from;  // nullptr: any status
  const char* to;
  const char* rules;
};
struct DefaultWorkflow {
  const char* name;
  std::vector<std::pair<const char*, const char*>> statuses;  // name, category
  std::vector<DefaultTransition> transitions;
};

const std::vector<DefaultWorkflow>& DefaultWorkflows() {
  static const std::vector<DefaultWorkflow> kWorkflows = {
      {"Change",
       {{"Open", "todo"},
        {"Planning", "in_progress"},
        {"Awaiting approval", "in_progress"},
        {"Awaiting implementation", "in_progress"},
        {"Implementing", "in_progress"},
        {"Completed", "done"},
        {"Failed", "done"},
        {"Canceled", "done"}},
       {{"Plan", "Open", "Planning", "{}"},
        {"Mark as standard change", "Open", "Awaiting implementation",
         R"({"conditions":[{"type":"fieldEquals","field":"Change type","values":["Standard"]}]})"},
        {"Expedite approval", "Open", "Awaiting approval",
         R"({"conditions":[{"type":"fieldEquals","field":"Change type","values":["Emergency"]}]})"},
        {"Request approval", "Planning", "Awaiting approval", "{}"},
        {"Approve", "Awaiting approval", "Awaiting implementation",
         R"({"conditions":[{"type":"role","roles":["administrator","agent"]}]})"},
        {"Decline", "Awaiting approval", "Canceled",
         R"({"conditions":[{"type":"role","roles":["administrator","agent"]}],)"
         R"("postFunctions":[{"type":"setResolution","value":"Declined"}]})"},
        {"Implement", "Awaiting implementation", "Implementing", "{}"},
        {"Complete", "Implementing", "Completed",
         R"({"postFunctions":[{"type":"setResolution","value":"Done"}]})"},
        {"Mark as failed", "Implementing", "Failed",
         R"({"postFunctions":[{"type":"setResolution","value":"Failed"}]})"},
        {"Cancel", "Open", "Canceled",
         R"({"postFunctions":[{"type":"setResolution","value":"Canceled"}]})"},
        {"Cancel", "Planning", "Canceled",
         R"({"postFunctions":[{"type":"setResolution","value":"Canceled"}]})"},
        {"Cancel", "Awaiting implementation", "Canceled",
         R"({"postFunctions":[{"type":"setResolution","value":"Canceled"}]})"}}},
      {"Incident",
       {{"Open", "todo"},
        {"Requires triage", "todo"},
        {"Investigating", "in_progress"},
        {"Pending review", "in_progress"},
        {"Resolved", "done"},
        {"Completed", "done"},
        {"Closed", "done"}},
       {{"Triage", "Open", "Requires triage", "{}"},
        {"Investigate", "Open", "Investigating", "{}"},
        {"Investigate", "Requires triage", "Investigating", "{}"},
        {"Submit for review", "Investigating", "Pending review", "{}"},
        {"Back to investigation", "Pending review", "Investigating", "{}"},
        {"Resolve", "Investigating", "Resolved", "{}"},
        {"Resolve", "Pending review", "Resolved", "{}"},
        {"Resolve", "Open", "Resolved", "{}"},
        {"Resolve", "Requires triage", "Resolved", "{}"},
        {"Reopen", "Resolved", "Investigating", "{}"},
        {"Complete", "Resolved", "Completed", "{}"},
        {"Close", "Resolved", "Closed", "{}"}}},
      {"Post-incident review",
       {{"Open", "todo"}, {"Under review", "in_progress"}, {"Completed", "done"}},
       {{"Start review", "Open", "Under review", "{}"},
        {"Complete", "Under review", "Completed", "{}"},
        {"Reopen", "Completed", "Under review", "{}"}}},
      {"Problem",
       {{"Open", "todo"},
        {"Under investigation", "in_progress"},
        {"Known error", "in_progress"},
        {"Completed", "done"}},
       {{"Investigate", "Open", "Under investigation", "{}"},
        {"Mark as known error", "Under investigation", "Known error", "{}"},
        {"Complete", "Under investigation", "Completed", "{}"},
        {"Complete", "Known error", "Completed", "{}"},
        {"Close", "Open", "Completed",
         R"({"postFunctions":[{"type":"setResolution","value":"Won't Do"}]})"}}},
      {"Service request",
       {{"Waiting for support", "todo"},
        {"In progress", "in_progress"},
        {"Waiting for customer", "in_progress"},
        {"Resolved", "done"},
        {"Closed", "done"}},
       {{"Start work", "Waiting for support", "In progress",
         R"({"postFunctions":[{"type":"assign","to":"currentUser"}]})"},
        {"Wait for customer", "In progress", "Waiting for customer", "{}"},
        {"Respond to support", "Waiting for customer", "Waiting for support", "{}"},
        {"Resolve", "In progress", "Resolved", "{}"},
        {"Resolve", "Waiting for support", "Resolved", "{}"},
        {"Resolve", "Waiting for customer", "Resolved", "{}"},
        {"Reopen", "Resolved", "Waiting for support", "{}"},
        {"Close", "Resolved", "Closed", "{}"}}},
      {"Task",
       {{"Open", "todo"}, {"Work in progress", "in_progress"}, {"Done", "done"}},
       {{"Start progress", "Open", "Work in progress", "{}"},
        {"Stop progress", "Work in progress", "Open", "{}"},
        {"Done", "Work in progress", "Done", "{}"},
        {"Done", "Open", "Done", "{}"},
        {"Reopen", "Done", "Open", "{}"}}},
  };
  return kWorkflows;
}

}  // namespace

Status InstallDefaults(Connection& c) {
  STEWARD_ASSIGN_OR_RETURN(auto count, c.QueryInt("SELECT count(*) FROM workflows"));
  if (count.value_or(0) > 0) {
    return Ok();
  }
  auto status_id = [&](const char* name, const char* category) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("SELECT id FROM statuses WHERE lower(name) = lower(?)", {name}));
    if (id) {
      return *id;
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto created, c.QueryInt("INSERT INTO statuses(name, category) VALUES (?, ?) RETURNING id",
                                 {name, category}));
    return *created;
  };
  std::vector<std::pair<std::string, std::int64_t>> workflow_ids;
  for (const auto& w : DefaultWorkflows()) {
    std::vector<std::int64_t> ids;
    for (const auto& [name, cat] : w.statuses) {
      STEWARD_ASSIGN_OR_RETURN(auto id, status_id(name, cat));
      ids.push_back(id);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto wid, c.QueryInt("INSERT INTO workflows(name, initial_status_id) VALUES (?, ?) "
                             "RETURNING id",
                             {w.name, ids.front()}));
    for (size_t i = 0; i < ids.size(); ++i) {
      STEWARD_TRY(
          c.Exec("INSERT INTO workflow_statuses(workflow_id, status_id, position) VALUES (?,?,?)",
                 {*wid, ids[i], static_cast<std::int64_t>(i)}));
    }
    int pos = 0;
    for (const auto& t : w.transitions) {
      STEWARD_ASSIGN_OR_RETURN(auto from, status_id(t.from, "todo"));
      STEWARD_ASSIGN_OR_RETURN(auto to, status_id(t.to, "todo"));
      TransitionDef check;
      STEWARD_TRY(ParseRules(t.rules, check));
      STEWARD_TRY(
          c.Exec("INSERT INTO transitions(workflow_id, name, from_status_id, "
                 "to_status_id, rules, position) VALUES (?,?,?,?,?,?)",
                 {*wid, t.name, from, to, t.rules, pos++}));
    }
    workflow_ids.emplace_back(w.name, *wid);
  }
  auto wf = [&](std::string_view name) {
    for (auto& [n, id] : workflow_ids) {
      if (n == name) {
        return id;
      }
    }
    return workflow_ids.front().second;
  };
  struct TypeRow {
    const char* name;
    const char* description;
    int subtask;
    const char* workflow;
  };
  const TypeRow types[] = {
      {"Service request", "A request for something new or routine from the service catalog", 0,
       "Service request"},
      {"Incident", "An unplanned interruption or reduction in quality of a service", 0, "Incident"},
      {"Problem", "The cause of one or more incidents", 0, "Problem"},
      {"Change", "An addition, modification or removal that could affect services", 0, "Change"},
      {"Post-incident review", "The review that follows a major incident", 0,
       "Post-incident review"},
      {"Task", "A piece of work", 0, "Task"},
      {"Sub-task", "A part of another issue", 1, "Task"},
  };
  for (const auto& t : types) {
    STEWARD_TRY(
        c.Exec("INSERT INTO issue_types(name, description, subtask, workflow_id) "
               "VALUES (?,?,?,?)",
               {t.name, t.description, t.subtask, wf(t.workflow)}));
  }
  const std::pair<const char*, const char*> priorities[] = {{"Critical", "#d04437"},
                                                            {"High", "#f15c75"},
                                                            {"Medium", "#f79232"},
                                                            {"Low", "#707070"},
                                                            {"Lowest", "#999999"}};
  int pos = 0;
  for (const auto& [name, color] : priorities) {
    STEWARD_TRY(c.Exec("INSERT INTO priorities(name, position, color) VALUES (?,?,?)",
                       {name, pos++, color}));
  }
  const std::pair<const char*, const char*> resolutions[] = {
      {"Done", "Work has been completed"},
      {"Won't Do", "This will not be worked on"},
      {"Duplicate", "The problem is a duplicate of an existing issue"},
      {"Cannot Reproduce", "The problem could not be reproduced"},
      {"Known Error", "A workaround is documented"},
      {"Declined", "The change was not approved"},
      {"Failed", "The change failed"},
      {"Canceled", "The work was canceled"}};
  for (const auto& [name, desc] : resolutions) {
    STEWARD_TRY(c.Exec("INSERT INTO resolutions(name, description) VALUES (?,?)", {name, desc}));
  }
  const std::array<std::array<const char*, 3>, 4> links = {
      {{"Causes", "causes", "is caused by"},
       {"Relates", "relates to", "relates to"},
       {"Blocks", "blocks", "is blocked by"},
       {"Duplicate", "duplicates", "is duplicated by"}}};
  for (const auto& l : links) {
    STEWARD_TRY(
        c.Exec("INSERT INTO link_types(name, outward, inward) VALUES (?,?,?)", {l[0], l[1], l[2]}));
  }
  return Ok();
}

}  // namespace steward::tickets
