// The built-in triggers, conditions and actions of S7 (issue events, fields, JQL, smart values,
// users; editing, transitions, comments, new issues and sub-tasks, links, assignment, web
// requests, e-mail, variables, lookups, log).
#include "automation/automation.h"
#include "automation/execution.h"
#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "sql/run.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <regex>

namespace steward::automation {

using http::JsonReader;
using storage::Connection;
using storage::Row;

namespace {

// ---- configuration checks ----------------------------------------------------------------

Status TemplateField(const json::object& c, std::string_view name, bool required,
                     std::size_t max_len = 32768) {
  const json::value* v = c.if_contains(name);
  if (!v || v->is_null()) {
    if (required) {
      return Error::InvalidArgument("automation.missingConfig",
                                    "\"" + std::string(name) + "\" is required", std::string(name));
    }
    return Ok();
  }
  if (!v->is_string()) {
    return Error::InvalidArgument("automation.badConfig",
                                  "\"" + std::string(name) + "\" must be text", std::string(name));
  }
  if (v->get_string().size() > max_len) {
    return Error::InvalidArgument(
        "automation.badConfig",
        "\"" + std::string(name) + "\" is longer than " + std::to_string(max_len) + " characters",
        std::string(name));
  }
  if (required && Trim(v->get_string()).empty()) {
    return Error::InvalidArgument("automation.missingConfig",
                                  "\"" + std::string(name) + "\" is required", std::string(name));
  }
  Status s = ValidateTemplate(v->get_string());
  if (!s.ok()) {
    Error e = std::move(s).error();
    e.field = std::string(name);
    e.message = std::string(name) + ": " + e.message;
    return e;
  }
  return Ok();
}

Status OneOf(const json::object& c, std::string_view name, std::vector<std::string> allowed,
             bool required) {
  const json::value* v = c.if_contains(name);
  if (!v || v->is_null()) {
    if (required) {
      return Error::InvalidArgument("automation.missingConfig",
                                    "\"" + std::string(name) + "\" is required", std::string(name));
    }
    return Ok();
  }
  if (v->is_string()) {
    for (const auto& a : allowed) {
      if (a == v->get_string()) {
        return Ok();
      }
    }
  }
  std::string list;
  for (const auto& a : allowed) {
    list += (list.empty() ? "" : ", ") + a;
  }
  return Error::InvalidArgument("automation.badConfig",
                                "\"" + std::string(name) + "\" must be one of " + list,
                                std::string(name));
}

Status BoolField(const json::object& c, std::string_view name) {
  const json::value* v = c.if_contains(name);
  if (v && !v->is_null() && !v->is_bool()) {
    return Error::InvalidArgument("automation.badConfig",
                                  "\"" + std::string(name) + "\" must be true or false",
                                  std::string(name));
  }
  return Ok();
}

// Text or a list of texts (each a template).
Status TextList(const json::object& c, std::string_view name, bool required) {
  const json::value* v = c.if_contains(name);
  if (!v || v->is_null()) {
    if (required) {
      return Error::InvalidArgument("automation.missingConfig",
                                    "\"" + std::string(name) + "\" is required", std::string(name));
    }
    return Ok();
  }
  if (v->is_string()) {
    return TemplateField(c, name, required);
  }
  if (!v->is_array() || v->get_array().size() > 100) {
    return Error::InvalidArgument("automation.badConfig",
                                  "\"" + std::string(name) + "\" must be a list of texts",
                                  std::string(name));
  }
  for (const auto& i : v->get_array()) {
    if (!i.is_string() || i.get_string().size() > 1024) {
      return Error::InvalidArgument("automation.badConfig",
                                    "\"" + std::string(name) + "\" must be a list of texts",
                                    std::string(name));
    }
    Status s = ValidateTemplate(i.get_string());
    if (!s.ok()) {
      Error e = std::move(s).error();
      e.field = std::string(name);
      return e;
    }
  }
  if (required && v->get_array().empty()) {
    return Error::InvalidArgument("automation.missingConfig",
                                  "\"" + std::string(name) + "\" needs at least one value",
                                  std::string(name));
  }
  return Ok();
}

std::vector<std::string> Texts(const json::object& c, std::string_view name) {
  std::vector<std::string> out;
  const json::value* v = c.if_contains(name);
  if (!v) {
    return out;
  }
  if (v->is_string()) {
    out.emplace_back(v->get_string());
  } else if (v->is_array()) {
    for (const auto& i : v->get_array()) {
      if (i.is_string()) {
        out.emplace_back(i.get_string());
      }
    }
  }
  return out;
}

std::string Text(const json::object& c, std::string_view name, std::string fallback = "") {
  const json::value* v = c.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : fallback;
}

bool Flag(const json::object& c, std::string_view name, bool fallback) {
  const json::value* v = c.if_contains(name);
  return v && v->is_bool() ? v->get_bool() : fallback;
}

bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  return AsciiLower(hay).find(AsciiLower(needle)) != std::string::npos;
}

// ---- field values of an issue (as GET /issues/{key} shows them) --------------------------

// The texts a JSON value of a field matches: a user by username or name, an option by value...
void Candidates(const json::value& v, std::vector<std::string>& out) {
  if (v.is_null()) {
    return;
  }
  if (v.is_string()) {
    if (!v.get_string().empty()) {
      out.emplace_back(v.get_string());
    }
  } else if (v.is_bool()) {
    out.emplace_back(v.get_bool() ? "Yes" : "No");
  } else if (v.is_number()) {
    out.push_back(ToText(v));
  } else if (v.is_array()) {
    for (const auto& i : v.get_array()) {
      Candidates(i, out);
    }
  } else if (v.is_object()) {
    const auto& o = v.get_object();
    for (const char* k : {"name", "value", "label", "key", "username"}) {
      if (const auto* x = o.if_contains(k); x && x->is_string()) {
        out.emplace_back(x->get_string());
        return;
      }
    }
  }
}

// One entry per value of the field; each entry lists the texts that value answers to.
std::vector<std::vector<std::string>> FieldValues(const json::value& issue,
                                                  std::string_view field) {
  std::vector<std::vector<std::string>> out;
  if (!issue.is_object()) {
    return out;
  }
  const auto& o = issue.get_object();
  auto add = [&](const json::value& v) {
    if (v.is_array()) {
      for (const auto& i : v.get_array()) {
        std::vector<std::string> c;
        Candidates(i, c);
        if (!c.empty()) {
          out.push_back(std::move(c));
        }
      }
      return;
    }
    std::vector<std::string> c;
    if (v.is_object()) {
      for (const char* k : {"name", "value", "label", "key", "username", "displayName"}) {
        if (const auto* x = v.get_object().if_contains(k); x && x->is_string()) {
          c.emplace_back(x->get_string());
        }
      }
    } else {
      Candidates(v, c);
    }
    if (!c.empty()) {
      out.push_back(std::move(c));
    }
  };
  std::string lower = AsciiLower(field);
  static const std::map<std::string, std::string> kSystem = {
      {"summary", "summary"},     {"description", "description"},
      {"status", "status"},       {"priority", "priority"},
      {"issuetype", "issueType"}, {"issue type", "issueType"},
      {"type", "issueType"},      {"resolution", "resolution"},
      {"assignee", "assignee"},   {"reporter", "reporter"},
      {"labels", "labels"},       {"components", "components"},
      {"duedate", "dueDate"},     {"due date", "dueDate"},
      {"project", "project"},     {"created", "created"},
      {"updated", "updated"},     {"resolved", "resolved"},
      {"parent", "parent"},       {"key", "key"},
      {"approvers", "approvers"}, {"organizations", "organizations"},
  };
  if (auto it = kSystem.find(lower); it != kSystem.end()) {
    if (const auto* v = o.if_contains(it->second)) {
      add(*v);
    }
    return out;
  }
  if (const auto* fields = o.if_contains("fields"); fields && fields->is_object()) {
    for (const auto& kv : fields->get_object()) {
      if (EqualsIgnoreCase(kv.key(), field)) {
        add(kv.value());
        break;
      }
    }
  }
  return out;
}

bool FieldKnown(const tickets::Catalog& cat, std::string_view field) {
  static const std::vector<std::string> kSystem = {
      "summary", "description", "status",    "priority",     "issuetype", "issue type",
      "type",    "resolution",  "assignee",  "reporter",     "labels",    "components",
      "duedate", "due date",    "project",   "created",      "updated",   "resolved",
      "parent",  "key",         "approvers", "organizations"};
  std::string lower = AsciiLower(field);
  if (std::find(kSystem.begin(), kSystem.end(), lower) != kSystem.end()) {
    return true;
  }
  return cat.FieldByName(field) != nullptr;
}

std::optional<double> AsNumber(std::string_view s) {
  std::string t(Trim(s));
  if (t.empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(d)) {
    return std::nullopt;
  }
  return d;
}

// Orders two texts as numbers, dates or (failing both) text. <0, 0, >0.
int CompareTexts(std::string_view a, std::string_view b) {
  auto na = AsNumber(a);
  auto nb = AsNumber(b);
  if (na && nb) {
    return *na < *nb ? -1 : (*na > *nb ? 1 : 0);
  }
  auto time = [](std::string_view s) -> std::optional<TimestampMs> {
    if (auto t = ParseIsoDateTime(s)) {
      return t;
    }
    if (auto d = ParseDate(s)) {
      return *d * 86400000;
    }
    return std::nullopt;
  };
  auto ta = time(a);
  auto tb = time(b);
  if (ta && tb) {
    return *ta < *tb ? -1 : (*ta > *tb ? 1 : 0);
  }
  int c = AsciiLower(a).compare(AsciiLower(b));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool Matches(const std::vector<std::string>& candidates, std::string_view want) {
  for (const auto& c : candidates) {
    if (EqualsIgnoreCase(c, want)) {
      return true;
    }
    auto a = AsNumber(c);
    auto b = AsNumber(want);
    if (a && b && *a == *b) {
      return true;
    }
    if ((EqualsIgnoreCase(want, "true") && c == "Yes") ||
        (EqualsIgnoreCase(want, "false") && c == "No")) {
      return true;
    }
  }
  return false;
}

const std::vector<std::string> kFieldOperators = {
    "equals",  "notEquals",  "oneOf",       "notOneOf", "contains",       "notContains",
    "isEmpty", "isNotEmpty", "greaterThan", "lessThan", "greaterOrEqual", "lessOrEqual"};

Result<bool> CompareField(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto issue, x.IssueRef());
  std::string field = Text(c, "field");
  std::string op = Text(c, "operator", "equals");
  auto values = FieldValues(*issue, field);
  std::vector<std::string> wanted;
  for (const auto& t : Texts(c, c.contains("values") ? "values" : "value")) {
    STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(t));
    wanted.push_back(std::move(r));
  }
  if (op == "isEmpty") {
    return values.empty();
  }
  if (op == "isNotEmpty") {
    return !values.empty();
  }
  if (op == "equals" || op == "notEquals") {
    // The field holds exactly the wanted values (in any order).
    bool equal = values.size() == wanted.size();
    for (std::size_t i = 0; equal && i < wanted.size(); ++i) {
      bool found = false;
      for (const auto& v : values) {
        found = found || Matches(v, wanted[i]);
      }
      equal = found;
    }
    if (wanted.empty()) {
      equal = values.empty();
    }
    return op == "equals" ? equal : !equal;
  }
  if (op == "oneOf" || op == "notOneOf") {
    bool any = false;
    for (const auto& v : values) {
      for (const auto& w : wanted) {
        any = any || Matches(v, w);
      }
    }
    return op == "oneOf" ? any : !any;
  }
  if (op == "contains" || op == "notContains") {
    // Every wanted value is among the field's values, or inside its text.
    bool all = !wanted.empty();
    for (const auto& w : wanted) {
      bool found = false;
      for (const auto& v : values) {
        found = found || Matches(v, w) || (values.size() == 1 && ContainsIgnoreCase(v[0], w));
      }
      all = all && found;
    }
    return op == "contains" ? all : !all;
  }
  // Order comparisons: the (first) value against the (first) wanted value.
  if (values.empty() || wanted.empty()) {
    return false;
  }
  int cmp = CompareTexts(values[0][0], wanted[0]);
  if (op == "greaterThan") return cmp > 0;
  if (op == "lessThan") return cmp < 0;
  if (op == "greaterOrEqual") return cmp >= 0;
  return cmp <= 0;
}

// ---- advanced compare (smart values) -------------------------------------------------------

const std::vector<std::string> kCompareOperators = {
    "equals",   "notEquals", "greaterThan", "lessThan", "startsWith",
    "endsWith", "contains",  "notContains", "matches",  "notMatches"};

Result<bool> CompareValues(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto first, x.Render(Text(c, "first")));
  STEWARD_ASSIGN_OR_RETURN(auto second, x.Render(Text(c, "second")));
  std::string op = Text(c, "operator", "equals");
  if (op == "equals")
    return first == second ||
           (AsNumber(first) && AsNumber(second) && *AsNumber(first) == *AsNumber(second));
  if (op == "notEquals")
    return !(first == second ||
             (AsNumber(first) && AsNumber(second) && *AsNumber(first) == *AsNumber(second)));
  if (op == "greaterThan") return CompareTexts(first, second) > 0;
  if (op == "lessThan") return CompareTexts(first, second) < 0;
  if (op == "startsWith") return first.rfind(second, 0) == 0;
  if (op == "endsWith")
    return first.size() >= second.size() &&
           first.compare(first.size() - second.size(), second.size(), second) == 0;
  if (op == "contains") return first.find(second) != std::string::npos;
  if (op == "notContains") return first.find(second) == std::string::npos;
  if (first.size() > 10000 || second.size() > 1000) {
    return Error::InvalidArgument("automation.regexTooLong",
                                  "a regular expression compares at most 10,000 characters");
  }
  try {
    bool m = std::regex_search(first, std::regex(second, std::regex::ECMAScript));
    return op == "matches" ? m : !m;
  } catch (const std::regex_error&) {
    return Error::InvalidArgument("automation.badRegex",
                                  "\"" + second + "\" is not a valid regular expression");
  }
}

// ---- JQL ------------------------------------------------------------------------------------

Result<bool> MatchesJql(Execution& x, const json::object& c) {
  if (!x.event().issue_id && !x.IssueKey()) {
    return false;
  }
  STEWARD_ASSIGN_OR_RETURN(auto jql, x.Render(Text(c, "jql")));
  STEWARD_ASSIGN_OR_RETURN(auto ids, x.search().IssueIds(x.conn(), x.actor(), jql));
  STEWARD_ASSIGN_OR_RETURN(auto id, x.conn().QueryInt("SELECT id FROM issues WHERE key = ?",
                                                      {x.IssueKey().value_or("")}));
  if (!id) {
    return false;
  }
  sql::Select s;
  s.columns = {{sql::Col("ji", "id"), ""}};
  s.from = "issues";
  s.from_alias = "ji";
  s.where = sql::And({sql::Bin(sql::BinaryOp::kEq, sql::Col("ji", "id"), sql::P(*id)),
                      sql::InSelect(sql::Col("ji", "id"), ids)});
  bool found = false;
  STEWARD_TRY(sql::Run(x.conn(), sql::Print(s, sql::DialectOf(x.conn())),
                       [&](const Row&) { found = true; }));
  return found;
}

// ---- users ------------------------------------------------------------------------------------

Result<bool> UserCondition(Execution& x, const json::object& c) {
  std::string who = Text(c, "user", "initiator");
  std::string op = Text(c, "operator", "is");
  std::optional<std::string> username;
  if (who == "initiator") {
    if (x.event().actor_id) {
      STEWARD_ASSIGN_OR_RETURN(
          username,
          x.conn().QueryString("SELECT username FROM users WHERE id = ?", {*x.event().actor_id}));
    }
  } else {
    STEWARD_ASSIGN_OR_RETURN(auto issue, x.IssueRef());
    auto values = FieldValues(*issue, who);
    if (!values.empty()) {
      // The username is the last candidate of a user reference that has one.
      const json::value* ref = issue->is_object() ? issue->get_object().if_contains(who) : nullptr;
      if (ref && ref->is_object() && ref->get_object().contains("username")) {
        username = std::string(ref->get_object().at("username").get_string());
      } else {
        username = values[0][0];
      }
    }
  }
  std::vector<std::string> wanted = Texts(c, c.contains("values") ? "values" : "value");
  if (op == "exists") return username.has_value();
  if (op == "notExists") return !username.has_value();
  if (!username) {
    return op == "isNot" || op == "notInRole" || op == "notInTeam";
  }
  if (op == "is" || op == "isNot") {
    bool any = false;
    for (const auto& w : wanted) {
      STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(w));
      any = any || EqualsIgnoreCase(r, *username);
    }
    return op == "is" ? any : !any;
  }
  if (op == "inRole" || op == "notInRole") {
    // A role in the issue's project (given to the user, a team or an organization).
    Principal member;
    STEWARD_TRY(x.conn().Query("SELECT id, kind FROM users WHERE username = ?", {*username},
                               [&](const Row& r) {
                                 member.user_id = r.Int(0);
                                 member.username = *username;
                                 member.kind = r.String(1);
                               }));
    STEWARD_ASSIGN_OR_RETURN(auto project,
                             x.conn().QueryInt("SELECT project_id FROM issues WHERE key = ?",
                                               {x.IssueKey().value_or("")}));
    bool any = false;
    if (member.user_id && project) {
      STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(x.conn(), member, *project));
      for (const auto& w : wanted) {
        any = any || access.Has(AsciiLower(w));
      }
    }
    return op == "inRole" ? any : !any;
  }
  if (op == "inTeam" || op == "notInTeam") {
    bool any = false;
    for (const auto& w : wanted) {
      STEWARD_ASSIGN_OR_RETURN(
          auto n, x.conn().QueryInt("SELECT count(*) FROM team_members tm JOIN teams t ON t.id = "
                                    "tm.team_id JOIN users u ON u.id = tm.user_id WHERE "
                                    "u.username = ? AND lower(t.name) = lower(?)",
                                    {*username, w}));
      any = any || n.value_or(0) > 0;
    }
    return op == "inTeam" ? any : !any;
  }
  return Error::InvalidArgument("automation.badConfig", "unknown user operator \"" + op + "\"");
}

// ---- actions ---------------------------------------------------------------------------------

// Field values of an edit, rendered: system fields at the top level, custom ones under "fields".
Result<json::object> EditBody(Execution& x, const json::object& fields) {
  static const std::map<std::string, std::string> kSystem = {
      {"summary", "summary"},       {"description", "description"}, {"priority", "priority"},
      {"assignee", "assignee"},     {"reporter", "reporter"},       {"labels", "labels"},
      {"components", "components"}, {"duedate", "dueDate"},         {"due date", "dueDate"},
  };
  auto cat = x.catalog();
  json::object body;
  json::object custom;
  for (const auto& kv : fields) {
    json::value v = kv.value();
    std::string name(kv.key());
    if (v.is_string()) {
      STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(v.get_string()));
      v = json::value(r);
    } else if (v.is_array()) {
      json::array a;
      for (const auto& i : v.get_array()) {
        if (i.is_string()) {
          STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(i.get_string()));
          a.push_back(json::value(r));
        } else {
          a.push_back(i);
        }
      }
      v = std::move(a);
    }
    auto sys = kSystem.find(AsciiLower(name));
    if (sys != kSystem.end()) {
      if (v.is_string() && v.get_string().empty() && sys->second != "summary") {
        v = nullptr;  // an empty smart value clears the field
      }
      if ((sys->second == "labels" || sys->second == "components") && v.is_string()) {
        json::array a;
        for (auto part : Split(v.get_string(), ',')) {
          if (!Trim(part).empty()) {
            a.push_back(json::value(std::string(Trim(part))));
          }
        }
        v = std::move(a);
      }
      body[sys->second] = std::move(v);
      continue;
    }
    const tickets::CustomFieldDef* f = cat->FieldByName(name);
    if (!f) {
      return Error::InvalidArgument("automation.unknownField", "no field \"" + name + "\"");
    }
    if (v.is_string()) {
      std::string text(v.get_string());
      if (Trim(text).empty()) {
        v = nullptr;
      } else if (f->type == tickets::FieldType::kNumber) {
        auto n = AsNumber(text);
        if (!n) {
          return Error::InvalidArgument("automation.badValue",
                                        f->name + " is a number; \"" + text + "\" is not");
        }
        v = *n;
      } else if (f->type == tickets::FieldType::kYesNo) {
        v = EqualsIgnoreCase(text, "yes") || EqualsIgnoreCase(text, "true");
      } else if (tickets::IsMultiValued(f->type)) {
        json::array a;
        for (auto part : Split(text, ',')) {
          if (!Trim(part).empty()) {
            a.push_back(json::value(std::string(Trim(part))));
          }
        }
        v = std::move(a);
      }
    }
    custom[f->name] = std::move(v);
  }
  if (!custom.empty()) {
    body["fields"] = std::move(custom);
  }
  return body;
}

Status ValidateEditFields(const json::object& c, std::string_view name, bool required) {
  const json::value* v = c.if_contains(name);
  if (!v || v->is_null()) {
    if (required) {
      return Error::InvalidArgument("automation.missingConfig",
                                    "\"" + std::string(name) + "\" is required", std::string(name));
    }
    return Ok();
  }
  if (!v->is_object() || (required && v->get_object().empty()) || v->get_object().size() > 100) {
    return Error::InvalidArgument(
        "automation.badConfig",
        "\"" + std::string(name) + "\" must be an object of field names to values",
        std::string(name));
  }
  for (const auto& kv : v->get_object()) {
    if (kv.value().is_string()) {
      Status s = ValidateTemplate(kv.value().get_string());
      if (!s.ok()) {
        Error e = std::move(s).error();
        e.field = std::string(name) + "." + std::string(kv.key());
        e.message = std::string(kv.key()) + ": " + e.message;
        return e;
      }
    }
  }
  return Ok();
}

Result<std::string> TargetKey(Execution& x, const json::object& c, std::string_view name) {
  std::string target = Text(c, name, "");
  if (target.empty() || target == "trigger" || target == "current") {
    if (!x.IssueKey()) {
      return Error::FailedPrecondition("automation.noIssue", "this rule's trigger has no issue");
    }
    return *x.IssueKey();
  }
  STEWARD_ASSIGN_OR_RETURN(auto key, x.Render(target));
  key = std::string(Trim(key));
  if (key.empty()) {
    return Error::InvalidArgument("automation.noIssue", "\"" + target + "\" gave no issue key");
  }
  return key;
}

Status EditIssue(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto key, TargetKey(x, c, "issue"));
  STEWARD_TRY(x.InScope(key));
  STEWARD_ASSIGN_OR_RETURN(auto body, EditBody(x, c.at("fields").get_object()));
  STEWARD_TRY(x.tickets().UpdateIssueIn(x.conn(), x.actor(), key, body));
  std::string names;
  for (const auto& kv : c.at("fields").get_object()) {
    names += (names.empty() ? "" : ", ") + std::string(kv.key());
  }
  x.Changed(key, "edited " + names);
  return Ok();
}

Status TransitionIssue(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto key, TargetKey(x, c, "issue"));
  STEWARD_TRY(x.InScope(key));
  STEWARD_ASSIGN_OR_RETURN(auto to, x.Render(Text(c, "to")));
  json::object body{{"to", to}};
  if (c.contains("resolution")) {
    STEWARD_ASSIGN_OR_RETURN(auto res, x.Render(Text(c, "resolution")));
    if (!res.empty()) {
      body["resolution"] = res;
    }
  }
  if (const auto* f = c.if_contains("fields"); f && f->is_object()) {
    STEWARD_ASSIGN_OR_RETURN(auto edit, EditBody(x, f->get_object()));
    if (edit.contains("fields")) {
      body["fields"] = edit["fields"];
    }
  }
  STEWARD_TRY(x.tickets().TransitionIn(x.conn(), x.actor(), key, body));
  x.Changed(key, "moved to " + to);
  return Ok();
}

Status Comment(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto key, TargetKey(x, c, "issue"));
  STEWARD_TRY(x.InScope(key));
  STEWARD_ASSIGN_OR_RETURN(auto text, x.Render(Text(c, "body")));
  if (Trim(text).empty()) {
    x.Log("The comment was empty after rendering; nothing was added to " + key);
    return Ok();
  }
  bool internal = Flag(c, "internal", false);
  STEWARD_TRY(x.tickets().AddCommentIn(&x.conn(), x.actor(), key,
                                       json::object{{"body", text}, {"internal", internal}}));
  x.Changed(key, internal ? "internal comment" : "comment");
  return Ok();
}

Result<std::string> KeyOf(Execution& x, std::int64_t id) {
  STEWARD_ASSIGN_OR_RETURN(auto key,
                           x.conn().QueryString("SELECT key FROM issues WHERE id = ?", {id}));
  return key.value_or("");
}

Status LinkTo(Execution& x, const std::string& from, const std::string& type,
              const std::string& to) {
  auto r = x.tickets().AddLinkIn(&x.conn(), x.actor(), from,
                                 json::object{{"type", type}, {"issue", to}});
  if (!r.ok() && r.error().code != ErrorCode::kAlreadyExists) {
    return std::move(r).error();
  }
  x.Changed(from, type + " " + to);
  return Ok();
}

Status CreateIssue(Execution& x, const json::object& c) {
  std::string project = Text(c, "project");
  if (project.empty() || project == "trigger") {
    if (!x.IssueKey()) {
      return Error::FailedPrecondition("automation.noProject",
                                       "give \"project\": this rule's trigger has no issue");
    }
    project = x.IssueKey()->substr(0, x.IssueKey()->rfind('-'));
  } else {
    STEWARD_ASSIGN_OR_RETURN(project, x.Render(project));
  }
  STEWARD_TRY(x.InScope(project + "-0"));
  STEWARD_ASSIGN_OR_RETURN(auto summary, x.Render(Text(c, "summary")));
  json::object body{
      {"project", project}, {"issueType", Text(c, "issueType")}, {"summary", summary}};
  if (c.contains("description")) {
    STEWARD_ASSIGN_OR_RETURN(auto d, x.Render(Text(c, "description")));
    body["description"] = d;
  }
  if (const auto* f = c.if_contains("fields"); f && f->is_object()) {
    STEWARD_ASSIGN_OR_RETURN(auto edit, EditBody(x, f->get_object()));
    for (auto& kv : edit) {
      body[kv.key()] = kv.value();
    }
  }
  std::string parent = Text(c, "parent");
  if (!parent.empty()) {
    STEWARD_ASSIGN_OR_RETURN(auto pk, TargetKey(x, c, "parent"));
    body["parent"] = pk;
  }
  STEWARD_ASSIGN_OR_RETURN(auto id, x.tickets().CreateIssueIn(x.conn(), x.actor(), body));
  STEWARD_ASSIGN_OR_RETURN(auto key, KeyOf(x, id));
  STEWARD_ASSIGN_OR_RETURN(auto view, x.tickets().IssueIn(x.conn(), x.actor(), key));
  x.SetRoot("createdIssue", view);
  x.Changed(key, "created");
  std::string link = Text(c, "linkType");
  if (!link.empty() && x.IssueKey()) {
    // "causes": the trigger issue causes the new one; the link reads from the trigger issue.
    STEWARD_TRY(LinkTo(x, *x.IssueKey(), link, key));
  }
  return Ok();
}

Status CreateSubtasks(Execution& x, const json::object& c) {
  if (!x.IssueKey()) {
    return Error::FailedPrecondition("automation.noIssue", "sub-tasks need a trigger issue");
  }
  std::string parent = *x.IssueKey();
  STEWARD_TRY(x.InScope(parent));
  json::array created;
  for (const auto& s : c.at("subtasks").get_array()) {
    json::object sub = s.is_string() ? json::object{{"summary", s}} : s.get_object();
    STEWARD_ASSIGN_OR_RETURN(auto summary, x.Render(Text(sub, "summary")));
    json::object body{{"project", parent.substr(0, parent.rfind('-'))},
                      {"issueType", Text(sub, "issueType", "Sub-task")},
                      {"summary", summary},
                      {"parent", parent}};
    if (sub.contains("description")) {
      STEWARD_ASSIGN_OR_RETURN(auto d, x.Render(Text(sub, "description")));
      body["description"] = d;
    }
    if (const auto* f = sub.if_contains("fields"); f && f->is_object()) {
      STEWARD_ASSIGN_OR_RETURN(auto edit, EditBody(x, f->get_object()));
      for (auto& kv : edit) {
        body[kv.key()] = kv.value();
      }
    }
    STEWARD_ASSIGN_OR_RETURN(auto id, x.tickets().CreateIssueIn(x.conn(), x.actor(), body));
    STEWARD_ASSIGN_OR_RETURN(auto key, KeyOf(x, id));
    created.push_back(json::object{{"key", key}, {"summary", summary}});
    x.Changed(key, "created sub-task of " + parent);
  }
  x.SetRoot("createdIssues", created);
  x.IssueChanged();
  return Ok();
}

Status ValidateSubtasks(const json::object& c) {
  const json::value* v = c.if_contains("subtasks");
  if (!v || !v->is_array() || v->get_array().empty() || v->get_array().size() > 50) {
    return Error::InvalidArgument("automation.badConfig",
                                  "\"subtasks\" must list 1 to 50 sub-tasks", "subtasks");
  }
  for (const auto& s : v->get_array()) {
    if (s.is_string()) {
      STEWARD_TRY(ValidateTemplate(s.get_string()));
      continue;
    }
    if (!s.is_object()) {
      return Error::InvalidArgument("automation.badConfig",
                                    "each sub-task is a summary or an object with \"summary\"",
                                    "subtasks");
    }
    STEWARD_TRY(TemplateField(s.get_object(), "summary", true, 255));
    STEWARD_TRY(TemplateField(s.get_object(), "description", false));
    STEWARD_TRY(ValidateEditFields(s.get_object(), "fields", false));
  }
  return Ok();
}

Status LinkIssues(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto from, TargetKey(x, c, "from"));
  std::string target = Text(c, "issue");
  std::string to;
  if (target == "createdIssue") {
    const json::value created = [&] {
      auto v = x.Eval("createdIssue.key");
      return v.ok() ? *v : json::value(nullptr);
    }();
    if (!created.is_string()) {
      return Error::FailedPrecondition("automation.noCreatedIssue",
                                       "no issue was created earlier in this rule");
    }
    to = std::string(created.get_string());
  } else {
    STEWARD_ASSIGN_OR_RETURN(to, x.Render(target));
  }
  STEWARD_TRY(x.InScope(from));
  STEWARD_ASSIGN_OR_RETURN(auto type, x.Render(Text(c, "linkType")));
  return LinkTo(x, from, type, std::string(Trim(to)));
}

Status AssignIssue(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto key, TargetKey(x, c, "issue"));
  STEWARD_TRY(x.InScope(key));
  std::string to = Text(c, "assignee");
  json::value who;
  if (to == "unassigned" || to.empty()) {
    who = nullptr;
  } else if (to == "reporter") {
    STEWARD_ASSIGN_OR_RETURN(auto v, x.Eval("issue.reporter.username"));
    who = v;
  } else if (to == "initiator") {
    STEWARD_ASSIGN_OR_RETURN(auto v, x.Eval("initiator.username"));
    who = v;
  } else {
    STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(to));
    who = r.empty() ? json::value(nullptr) : json::value(r);
  }
  STEWARD_TRY(x.tickets().UpdateIssueIn(x.conn(), x.actor(), key, json::object{{"assignee", who}}));
  x.Changed(key, who.is_string() ? "assigned to " + std::string(who.get_string()) : "unassigned");
  return Ok();
}

Status CreateVariable(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto value, x.Render(Text(c, "value")));
  x.SetRoot(Text(c, "name"), json::value(value));
  return Ok();
}

Status ValidateVariable(const json::object& c) {
  std::string name = Text(c, "name");
  static const std::vector<std::string> kReserved = {
      "issue",       "triggerIssue", "now",          "rule",         "initiator",     "actor",
      "webResponse", "webhookData",  "lookupIssues", "createdIssue", "createdIssues", "fieldChange",
      "comment",     "changes",      "issues",       "deployment",   "approval",      "baseUrl"};
  bool ok = !name.empty() && name.size() <= 64 &&
            (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char ch : name) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
  }
  if (!ok) {
    return Error::InvalidArgument(
        "automation.badConfig",
        "a variable name is letters, digits and _ (at most 64), starting with a letter", "name");
  }
  if (std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) {
    return Error::InvalidArgument("automation.badConfig",
                                  "\"" + name + "\" is a built-in smart value", "name");
  }
  return TemplateField(c, "value", false);
}

Status LookupIssues(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto jql, x.Render(Text(c, "jql")));
  tickets::SearchRequest req;
  req.jql = jql;
  req.fields = {"key", "summary", "status", "issuetype", "priority", "assignee", "created"};
  req.limit = kMaxLookupIssues;
  STEWARD_ASSIGN_OR_RETURN(auto found, x.search().Search(x.actor(), req));
  json::array issues;
  if (const auto* a = found.if_contains("issues"); a && a->is_array()) {
    issues = a->get_array();
  }
  x.Log("Lookup issues found " + std::to_string(issues.size()));
  x.SetRoot("lookupIssues", std::move(issues));
  return Ok();
}

Status Log(Execution& x, const json::object& c) {
  STEWARD_ASSIGN_OR_RETURN(auto text, x.Render(Text(c, "message")));
  x.Log(text.size() > 4000 ? text.substr(0, 4000) + "…" : text);
  return Ok();
}

Status WebRequest(Execution& x, const json::object& c) {
  WebRequestSpec w;
  STEWARD_ASSIGN_OR_RETURN(w.url, x.Render(Text(c, "url")));
  if (w.url.rfind("http://", 0) != 0 && w.url.rfind("https://", 0) != 0) {
    return Error::InvalidArgument(
        "automation.badUrl",
        "a web request goes to an http:// or https:// URL, not \"" + w.url + "\"");
  }
  w.method = Text(c, "method", "POST");
  if (const auto* h = c.if_contains("headers"); h && h->is_object()) {
    for (const auto& kv : h->get_object()) {
      if (kv.value().is_string()) {
        STEWARD_ASSIGN_OR_RETURN(auto v, x.Render(kv.value().get_string()));
        w.headers.emplace_back(std::string(kv.key()), v);
      }
    }
  }
  if (const auto* b = c.if_contains("body"); b && b->is_string()) {
    STEWARD_ASSIGN_OR_RETURN(w.body, x.Render(b->get_string()));
  } else if (b && (b->is_object() || b->is_array())) {
    w.body = json::serialize(*b);
  }
  if (const auto* t = c.if_contains("timeoutMs"); t && t->is_int64()) {
    w.timeout_ms = static_cast<int>(std::clamp<std::int64_t>(t->get_int64(), 100, 30000));
  }
  w.wait = Flag(c, "waitForResponse", false);
  w.continue_on_error = Flag(c, "continueOnError", false);
  x.Log("Web request " + w.method + " " + w.url + (w.wait ? " (waiting for the response)" : ""));
  x.Request(std::move(w));
  return Ok();
}

Status ValidateWebRequest(const json::object& c) {
  STEWARD_TRY(TemplateField(c, "url", true, 2048));
  STEWARD_TRY(OneOf(c, "method", {"GET", "POST", "PUT", "PATCH", "DELETE"}, false));
  if (const auto* h = c.if_contains("headers"); h && !h->is_null()) {
    if (!h->is_object() || h->get_object().size() > 50) {
      return Error::InvalidArgument("automation.badConfig",
                                    "\"headers\" must be an object of header names to values",
                                    "headers");
    }
    for (const auto& kv : h->get_object()) {
      bool ok = !kv.key().empty() && kv.value().is_string();
      for (char ch : kv.key()) {
        ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
      }
      if (ok) {
        std::string_view v = kv.value().get_string();
        ok = v.find('\r') == std::string_view::npos && v.find('\n') == std::string_view::npos;
      }
      if (!ok) {
        return Error::InvalidArgument("automation.badConfig",
                                      "header \"" + std::string(kv.key()) + "\" is not valid",
                                      "headers");
      }
    }
  }
  if (const auto* b = c.if_contains("body"); b && b->is_string()) {
    STEWARD_TRY(TemplateField(c, "body", false, 65536));
  }
  STEWARD_TRY(BoolField(c, "waitForResponse"));
  STEWARD_TRY(BoolField(c, "continueOnError"));
  if (const auto* t = c.if_contains("timeoutMs");
      t && !t->is_null() && (!t->is_int64() || t->get_int64() < 100 || t->get_int64() > 30000)) {
    return Error::InvalidArgument("automation.badConfig", "\"timeoutMs\" is from 100 to 30000",
                                  "timeoutMs");
  }
  return Ok();
}

Status SendEmail(Execution& x, const json::object& c) {
  MailSpec m;
  for (const auto& t : Texts(c, "to")) {
    std::vector<std::string> users;
    if (t == "reporter" || t == "assignee") {
      STEWARD_ASSIGN_OR_RETURN(auto v, x.Eval("issue." + t + ".username"));
      if (v.is_string()) {
        users.emplace_back(v.get_string());
      }
    } else if (t == "watchers" && x.IssueKey()) {
      STEWARD_TRY(x.conn().Query(
          "SELECT u.email FROM issue_users iu JOIN users u ON u.id = iu.user_id JOIN issues i ON "
          "i.id = iu.issue_id WHERE i.key = ? AND iu.role = 'watcher' AND u.email IS NOT NULL",
          {*x.IssueKey()}, [&](const Row& r) { m.to.push_back(r.String(0)); }));
      continue;
    } else {
      STEWARD_ASSIGN_OR_RETURN(auto r, x.Render(t));
      for (auto part : Split(r, ',')) {
        std::string a(Trim(part));
        if (a.find('@') != std::string::npos) {
          m.to.push_back(a);
        } else if (!a.empty()) {
          users.push_back(a);
        }
      }
    }
    for (const auto& u : users) {
      STEWARD_ASSIGN_OR_RETURN(
          auto email, x.conn().QueryString("SELECT email FROM users WHERE username = ?", {u}));
      if (email && !email->empty()) {
        m.to.push_back(*email);
      } else {
        x.Log("No e-mail address for " + u);
      }
    }
  }
  for (const auto& a : m.to) {
    if (a.find_first_of("\r\n<>") != std::string::npos) {
      return Error::InvalidArgument("automation.badAddress", "\"" + a + "\" is not an address");
    }
  }
  if (m.to.empty()) {
    x.Log("Send email: no recipients");
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(m.subject, x.Render(Text(c, "subject")));
  STEWARD_ASSIGN_OR_RETURN(m.body, x.Render(Text(c, "body")));
  x.Log("E-mail \"" + m.subject + "\" to " + std::to_string(m.to.size()) + " recipient(s)");
  x.Mail(std::move(m));
  return Ok();
}

std::function<Status(const json::object&)> Checks(
    std::vector<std::string> allowed, std::function<Status(const json::object&)> more = {}) {
  allowed.push_back("type");
  allowed.push_back("id");
  allowed.push_back("label");
  return [allowed, more](const json::object& c) -> Status {
    for (const auto& kv : c) {
      if (std::find(allowed.begin(), allowed.end(), std::string(kv.key())) == allowed.end()) {
        return Error::InvalidArgument("automation.unknownConfig",
                                      "unknown setting \"" + std::string(kv.key()) + "\"",
                                      std::string(kv.key()));
      }
    }
    return more ? more(c) : Ok();
  };
}

bool ChangedAny(const json::object& config, const Event& e) {
  const auto* ch = e.payload.if_contains("changes");
  if (!ch || !ch->is_array()) {
    return false;
  }
  auto fields = Texts(config, "fields");
  for (const auto& c : ch->get_array()) {
    if (!c.is_object()) {
      continue;
    }
    const auto* f = c.get_object().if_contains("field");
    if (!f || !f->is_string()) {
      continue;
    }
    for (const auto& want : fields) {
      if (EqualsIgnoreCase(want, f->get_string())) {
        return true;
      }
    }
  }
  return false;
}

bool StatusMatches(const json::object& config, std::string_view key, const Event& e) {
  auto wanted = Texts(config, key);
  if (wanted.empty()) {
    return true;
  }
  const auto* v = e.payload.if_contains(key == "fromStatus" ? "from" : "to");
  if (!v || !v->is_string()) {
    return false;
  }
  for (const auto& w : wanted) {
    if (EqualsIgnoreCase(w, v->get_string())) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status CheckFieldNames(const tickets::Catalog& cat, const json::object& component) {
  std::string_view type = component.contains("type") && component.at("type").is_string()
                              ? std::string_view(component.at("type").get_string())
                              : std::string_view();
  if (type == "issueFields") {
    std::string field = Text(component, "field");
    if (field.find("{{") == std::string::npos && !FieldKnown(cat, field)) {
      return Error::InvalidArgument("automation.unknownField", "no field \"" + field + "\"",
                                    "field");
    }
  }
  for (const char* key : {"fields"}) {
    const auto* f = component.if_contains(key);
    if (!f || !f->is_object()) {
      continue;
    }
    for (const auto& kv : f->get_object()) {
      if (!FieldKnown(cat, kv.key())) {
        return Error::InvalidArgument("automation.unknownField",
                                      "no field \"" + std::string(kv.key()) + "\"",
                                      "fields." + std::string(kv.key()));
      }
    }
  }
  return Ok();
}

void RegisterBuiltins(Registry& r) {
  // Triggers.
  r.Add(TriggerType{"issueCreated",
                    "Issue created",
                    "When an issue is created.",
                    {"issue.created"},
                    false,
                    {},
                    Checks({}),
                    {}});
  r.Add(TriggerType{
      "issueTransitioned",
      "Issue transitioned",
      "When an issue moves between statuses; optionally only from or to given statuses.",
      {"issue.transitioned"},
      false,
      {{"fromStatus", "list", "From status", false, {}},
       {"toStatus", "list", "To status", false, {}}},
      Checks({"fromStatus", "toStatus"},
             [](const json::object& c) -> Status {
               STEWARD_TRY(TextList(c, "fromStatus", false));
               return TextList(c, "toStatus", false);
             }),
      [](const json::object& c, const Event& e) {
        return StatusMatches(c, "fromStatus", e) && StatusMatches(c, "toStatus", e);
      }});
  r.Add(TriggerType{
      "fieldValueChanged",
      "Field value changed",
      "When one of the chosen fields changes: set when the issue is created, "
      "edited, or changed by a transition.",
      {"issue.created", "issue.updated", "issue.transitioned"},
      false,
      {{"fields", "fields", "Fields", true, {}}},
      Checks({"fields"}, [](const json::object& c) { return TextList(c, "fields", true); }),
      ChangedAny});
  r.Add(TriggerType{"issueUpdated",
                    "Issue updated",
                    "When any field of an issue is edited.",
                    {"issue.updated"},
                    false,
                    {},
                    Checks({}),
                    {}});
  r.Add(
      TriggerType{"issueCommented",
                  "Issue commented",
                  "When a comment is added; optionally only public replies or internal notes.",
                  {"comment.created"},
                  false,
                  {{"commentType", "select", "Comment type", false, {"any", "public", "internal"}}},
                  Checks({"commentType"},
                         [](const json::object& c) {
                           return OneOf(c, "commentType", {"any", "public", "internal"}, false);
                         }),
                  [](const json::object& c, const Event& e) {
                    std::string want = Text(c, "commentType", "any");
                    if (want == "any") {
                      return true;
                    }
                    const auto* i = e.payload.if_contains("internal");
                    bool internal = i && i->is_bool() && i->get_bool();
                    return want == "internal" ? internal : !internal;
                  }});
  r.Add(TriggerType{
      "deploymentReceived",
      "Deployment received",
      "When a CI/CD tool reports a deployment (POST /rest/deployments/0.1/bulk); optionally only "
      "of one environment type or state. The rule runs once for each issue the deployment names "
      "(once without an issue when it names none); {{deployment}} holds its pipeline, "
      "environment type, state and services.",
      {"deployment.received"},
      false,
      {{"environmentType",
        "select",
        "Environment type",
        false,
        {"any", "unmapped", "development", "testing", "staging", "production"}},
       {"state",
        "select",
        "State",
        false,
        {"any", "unknown", "pending", "in_progress", "cancelled", "failed", "rolled_back",
         "successful"}}},
      Checks({"environmentType", "state"},
             [](const json::object& c) -> Status {
               STEWARD_TRY(OneOf(
                   c, "environmentType",
                   {"any", "unmapped", "development", "testing", "staging", "production"}, false));
               return OneOf(c, "state",
                            {"any", "unknown", "pending", "in_progress", "cancelled", "failed",
                             "rolled_back", "successful"},
                            false);
             }),
      [](const json::object& c, const Event& e) {
        for (const char* name : {"environmentType", "state"}) {
          std::string want = Text(c, name, "any");
          const auto* have = e.payload.if_contains(name);
          if (want != "any" && !(have && have->is_string() && have->get_string() == want)) {
            return false;
          }
        }
        return true;
      }});
  r.Add(TriggerType{
      "approvalRequested",
      "Approval requested",
      "When an issue enters a status with an approval step and its approvers are asked "
      "(change enablement); {{approval}} holds the step's name, the approvers' usernames "
      "(approvers, a list; approverUsernames, comma-separated) and how many must approve.",
      {"approval.requested"},
      false,
      {},
      Checks({}, [](const json::object&) -> Status { return Ok(); }),
      [](const json::object&, const Event&) { return true; }});
  r.Add(TriggerType{"issueLinked",
                    "Issue linked",
                    "When a link is added to an issue.",
                    {"link.created"},
                    false,
                    {{"linkType", "text", "Link type", false, {}}},
                    Checks({"linkType"}),
                    [](const json::object& c, const Event& e) {
                      std::string want = Text(c, "linkType");
                      const auto* t = e.payload.if_contains("type");
                      return want.empty() ||
                             (t && t->is_string() && EqualsIgnoreCase(want, t->get_string()));
                    }});
  r.Add(TriggerType{
      "scheduled",
      "Scheduled",
      "On a cron schedule in a time zone; with a JQL query, once for each issue it finds "
      "(at most 100), or once for all of them as {{issues}} when \"bulk\" is on.",
      {"automation.scheduled"},
      true,
      {{"cron", "text", "Cron expression", true, {}},
       {"timeZone", "text", "Time zone", false, {}},
       {"jql", "jql", "JQL", false, {}},
       {"bulk", "bool", "Process all issues at once", false, {}}},
      Checks({"cron", "timeZone", "jql", "bulk"}),  // the cron itself is checked by the service
      {}});
  r.Add(TriggerType{"incomingWebhook",
                    "Incoming webhook",
                    "When its secret URL receives a POST; the JSON body is {{webhookData}}, and "
                    "an \"issues\" list of keys in it runs the rule once for each.",
                    {"automation.webhook"},
                    true,
                    {},
                    Checks({}),
                    {}});
  r.Add(TriggerType{"manual",
                    "Manual",
                    "Run by an agent from the issue view.",
                    {"automation.manual"},
                    true,
                    {},
                    Checks({}),
                    {}});

  // Conditions.
  r.Add(ConditionType{"issueFields",
                      "Issue fields condition",
                      "Compares a field of the issue with values.",
                      {{"field", "field", "Field", true, {}},
                       {"operator", "select", "Check", true, kFieldOperators},
                       {"value", "text", "Value", false, {}},
                       {"values", "list", "Values", false, {}}},
                      Checks({"field", "operator", "value", "values"},
                             [](const json::object& c) -> Status {
                               STEWARD_TRY(TemplateField(c, "field", true, 255));
                               STEWARD_TRY(OneOf(c, "operator", kFieldOperators, true));
                               STEWARD_TRY(TextList(c, "value", false));
                               return TextList(c, "values", false);
                             }),
                      CompareField});
  r.Add(ConditionType{
      "jql",
      "JQL condition",
      "The issue matches a JQL query.",
      {{"jql", "jql", "JQL", true, {}}},
      Checks({"jql"}, [](const json::object& c) { return TemplateField(c, "jql", true); }),
      MatchesJql});
  r.Add(ConditionType{"compare",
                      "Advanced compare condition",
                      "Compares two smart values.",
                      {{"first", "template", "First value", true, {}},
                       {"operator", "select", "Condition", true, kCompareOperators},
                       {"second", "template", "Second value", false, {}}},
                      Checks({"first", "operator", "second"},
                             [](const json::object& c) -> Status {
                               STEWARD_TRY(TemplateField(c, "first", true));
                               STEWARD_TRY(OneOf(c, "operator", kCompareOperators, true));
                               return TemplateField(c, "second", false);
                             }),
                      CompareValues});
  const std::vector<std::string> user_ops = {"is",     "isNot",     "inRole", "notInRole",
                                             "inTeam", "notInTeam", "exists", "notExists"};
  r.Add(ConditionType{
      "user",
      "User condition",
      "Checks who triggered the rule, or the assignee or reporter: a user, a project role, a "
      "team.",
      {{"user", "select", "User", true, {"initiator", "assignee", "reporter"}},
       {"operator", "select", "Check", true, user_ops},
       {"values", "list", "Users, roles or teams", false, {}}},
      Checks({"user", "operator", "value", "values"},
             [user_ops](const json::object& c) -> Status {
               STEWARD_TRY(OneOf(c, "user", {"initiator", "assignee", "reporter"}, true));
               STEWARD_TRY(OneOf(c, "operator", user_ops, true));
               STEWARD_TRY(TextList(c, "value", false));
               return TextList(c, "values", false);
             }),
      UserCondition});

  // Actions.
  r.Add(ActionType{
      "editIssue",
      "Edit issue",
      "Sets fields of the issue (values may be smart values).",
      {{"fields", "json", "Fields", true, {}}, {"issue", "template", "Issue", false, {}}},
      Checks({"fields", "issue"},
             [](const json::object& c) -> Status {
               STEWARD_TRY(ValidateEditFields(c, "fields", true));
               return TemplateField(c, "issue", false, 255);
             }),
      EditIssue});
  r.Add(ActionType{"transitionIssue",
                   "Transition issue",
                   "Moves the issue to a status.",
                   {{"to", "status", "Destination status", true, {}},
                    {"resolution", "text", "Resolution", false, {}},
                    {"issue", "template", "Issue", false, {}}},
                   Checks({"to", "resolution", "fields", "issue"},
                          [](const json::object& c) -> Status {
                            STEWARD_TRY(TemplateField(c, "to", true, 255));
                            STEWARD_TRY(TemplateField(c, "resolution", false, 255));
                            STEWARD_TRY(ValidateEditFields(c, "fields", false));
                            return TemplateField(c, "issue", false, 255);
                          }),
                   TransitionIssue});
  r.Add(ActionType{"comment",
                   "Comment on issue",
                   "Adds a comment: public (the customer sees it on the portal) or internal.",
                   {{"body", "template", "Comment", true, {}},
                    {"internal", "bool", "Internal note", false, {}},
                    {"issue", "template", "Issue", false, {}}},
                   Checks({"body", "internal", "issue"},
                          [](const json::object& c) -> Status {
                            STEWARD_TRY(TemplateField(c, "body", true));
                            STEWARD_TRY(BoolField(c, "internal"));
                            return TemplateField(c, "issue", false, 255);
                          }),
                   Comment});
  r.Add(ActionType{
      "createIssue",
      "Create issue",
      "Creates an issue (in the trigger issue's project unless another is given), available "
      "afterwards as {{createdIssue}}; optionally linked from the trigger issue.",
      {{"project", "template", "Project", false, {}},
       {"issueType", "text", "Issue type", true, {}},
       {"summary", "template", "Summary", true, {}},
       {"description", "template", "Description", false, {}},
       {"fields", "json", "Fields", false, {}},
       {"linkType", "text", "Link from the trigger issue", false, {}}},
      Checks({"project", "issueType", "summary", "description", "fields", "linkType", "parent"},
             [](const json::object& c) -> Status {
               STEWARD_TRY(TemplateField(c, "project", false, 64));
               STEWARD_TRY(TemplateField(c, "issueType", true, 64));
               STEWARD_TRY(TemplateField(c, "summary", true, 1024));
               STEWARD_TRY(TemplateField(c, "description", false));
               STEWARD_TRY(ValidateEditFields(c, "fields", false));
               STEWARD_TRY(TemplateField(c, "parent", false, 255));
               return TemplateField(c, "linkType", false, 64);
             }),
      CreateIssue});
  r.Add(ActionType{"createSubtasks",
                   "Create sub-tasks",
                   "Creates sub-tasks of the issue (at most 50), as {{createdIssues}}.",
                   {{"subtasks", "list", "Sub-tasks", true, {}}},
                   Checks({"subtasks"}, ValidateSubtasks),
                   CreateSubtasks});
  r.Add(ActionType{"linkIssues",
                   "Link issues",
                   "Links the issue to another (a key, a smart value, or \"createdIssue\").",
                   {{"linkType", "text", "Link type", true, {}},
                    {"issue", "template", "Other issue", true, {}},
                    {"from", "template", "From issue", false, {}}},
                   Checks({"linkType", "issue", "from"},
                          [](const json::object& c) -> Status {
                            STEWARD_TRY(TemplateField(c, "linkType", true, 64));
                            STEWARD_TRY(TemplateField(c, "issue", true, 255));
                            return TemplateField(c, "from", false, 255);
                          }),
                   LinkIssues});
  r.Add(ActionType{
      "assignIssue",
      "Assign issue",
      "Assigns the issue: a username (or smart value), \"reporter\", \"initiator\" "
      "or \"unassigned\".",
      {{"assignee", "template", "Assignee", true, {}}, {"issue", "template", "Issue", false, {}}},
      Checks({"assignee", "issue"},
             [](const json::object& c) -> Status {
               STEWARD_TRY(TemplateField(c, "assignee", false, 255));
               return TemplateField(c, "issue", false, 255);
             }),
      AssignIssue});
  r.Add(ActionType{
      "webRequest",
      "Send web request",
      "Calls a URL after the rule's changes commit. With \"waitForResponse\", the "
      "rest of the rule runs once it answers, with {{webResponse}}.",
      {{"url", "template", "URL", true, {}},
       {"method", "select", "Method", false, {"GET", "POST", "PUT", "PATCH", "DELETE"}},
       {"headers", "json", "Headers", false, {}},
       {"body", "template", "Body", false, {}},
       {"waitForResponse", "bool", "Wait for the response", false, {}},
       {"continueOnError", "bool", "Continue if it fails", false, {}},
       {"timeoutMs", "number", "Timeout (ms)", false, {}}},
      Checks(
          {"url", "method", "headers", "body", "waitForResponse", "continueOnError", "timeoutMs"},
          ValidateWebRequest),
      WebRequest});
  r.Add(ActionType{"sendEmail",
                   "Send email",
                   "Sends an e-mail after the rule's changes commit: to addresses, usernames, "
                   "\"reporter\", \"assignee\" or \"watchers\".",
                   {{"to", "list", "To", true, {}},
                    {"subject", "template", "Subject", true, {}},
                    {"body", "template", "Body", true, {}}},
                   Checks({"to", "subject", "body"},
                          [](const json::object& c) -> Status {
                            STEWARD_TRY(TextList(c, "to", true));
                            STEWARD_TRY(TemplateField(c, "subject", true, 998));
                            return TemplateField(c, "body", true);
                          }),
                   SendEmail});
  r.Add(ActionType{"createVariable",
                   "Create variable",
                   "Names a smart value for later components: {{name}}.",
                   {{"name", "text", "Name", true, {}}, {"value", "template", "Value", true, {}}},
                   Checks({"name", "value"}, ValidateVariable),
                   CreateVariable,
                   false});
  r.Add(ActionType{
      "lookupIssues",
      "Lookup issues",
      "Runs JQL (first 100 issues) into {{lookupIssues}}.",
      {{"jql", "jql", "JQL", true, {}}},
      Checks({"jql"}, [](const json::object& c) { return TemplateField(c, "jql", true); }),
      LookupIssues,
      false});
  r.Add(ActionType{
      "log",
      "Log action",
      "Writes a line to the rule's audit log.",
      {{"message", "template", "Message", true, {}}},
      Checks({"message"}, [](const json::object& c) { return TemplateField(c, "message", true); }),
      Log,
      false});
}

// ---- Registry -----------------------------------------------------------------------------

void Registry::Add(TriggerType t) {
  std::string k = t.type;
  triggers_[k] = std::move(t);
}
void Registry::Add(ConditionType c) {
  std::string k = c.type;
  conditions_[k] = std::move(c);
}
void Registry::Add(ActionType a) {
  std::string k = a.type;
  actions_[k] = std::move(a);
}
const TriggerType* Registry::Trigger(std::string_view type) const {
  auto it = triggers_.find(type);
  return it == triggers_.end() ? nullptr : &it->second;
}
const ConditionType* Registry::Condition(std::string_view type) const {
  auto it = conditions_.find(type);
  return it == conditions_.end() ? nullptr : &it->second;
}
const ActionType* Registry::Action(std::string_view type) const {
  auto it = actions_.find(type);
  return it == actions_.end() ? nullptr : &it->second;
}

namespace {
json::array FieldsJson(const std::vector<ConfigField>& fields) {
  json::array out;
  for (const auto& f : fields) {
    json::array options;
    for (const auto& o : f.options) {
      options.push_back(json::value(o));
    }
    out.push_back(json::object{{"name", f.name},
                               {"kind", f.kind},
                               {"label", f.label},
                               {"required", f.required},
                               {"options", std::move(options)}});
  }
  return out;
}
}  // namespace

json::object Registry::Describe() const {
  json::array triggers, conditions, actions;
  for (const auto& [k, t] : triggers_) {
    triggers.push_back(json::object{{"type", t.type},
                                    {"label", t.label},
                                    {"description", t.description},
                                    {"fields", FieldsJson(t.fields)}});
  }
  for (const auto& [k, c] : conditions_) {
    conditions.push_back(json::object{{"type", c.type},
                                      {"label", c.label},
                                      {"description", c.description},
                                      {"fields", FieldsJson(c.fields)}});
  }
  conditions.push_back(json::object{
      {"type", "ifElse"},
      {"label", "If / else block"},
      {"description",
       "Runs the components of the first branch whose conditions all hold, else the \"else\" "
       "components."},
      {"fields", json::array{}}});
  for (const auto& [k, a] : actions_) {
    actions.push_back(json::object{{"type", a.type},
                                   {"label", a.label},
                                   {"description", a.description},
                                   {"fields", FieldsJson(a.fields)}});
  }
  return json::object{{"triggers", std::move(triggers)},
                      {"conditions", std::move(conditions)},
                      {"actions", std::move(actions)}};
}

}  // namespace steward::automation
