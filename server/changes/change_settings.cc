// Change enablement settings (GET/PUT /api/v1/changes/settings) and the small shared readers of
// internal.h.
#include "base/text.h"
#include "changes/internal.h"
#include "http/json.h"

#include <algorithm>
#include <array>

namespace steward::changes::internal {

namespace json = boost::json;
using storage::Connection;
using storage::Row;

namespace {

constexpr std::array<std::string_view, 5> kEnvironmentTypes = {"unmapped", "development", "testing",
                                                               "staging", "production"};
constexpr std::array<std::string_view, 3> kChangeTypes = {"Standard", "Normal", "Emergency"};
constexpr std::array<std::string_view, 4> kRisks = {"Low", "Medium", "High", "Critical"};
constexpr std::array<std::string_view, 4> kApproverTypes = {"user", "team", "field",
                                                            "serviceOwner"};
constexpr std::array<std::string_view, 4> kKinds = {"any", "all", "count", "percent"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

Error Bad(const std::string& field, const std::string& message) {
  return Error::InvalidArgument("changes.badSettings", message, field);
}

Result<const json::object*> Object(const http::JsonReader& in, std::string_view name,
                                   bool required) {
  const json::value* v = in.Get(name);
  if (!v || v->is_null()) {
    if (required) {
      return Bad(in.FieldName(name), in.FieldName(name) + " is required");
    }
    return static_cast<const json::object*>(nullptr);
  }
  if (!v->is_object()) {
    return Bad(in.FieldName(name), in.FieldName(name) + " must be an object");
  }
  return &v->get_object();
}

template <std::size_t N>
Result<std::vector<std::string>> Names(const http::JsonReader& in, std::string_view name,
                                       const std::array<std::string_view, N>& allowed,
                                       bool required) {
  if (required && !in.Has(name)) {
    return Bad(in.FieldName(name), in.FieldName(name) + " is required");
  }
  STEWARD_ASSIGN_OR_RETURN(auto list, in.OptionalStringArray(name, 20));
  std::vector<std::string> out = list.value_or(std::vector<std::string>{});
  for (const auto& v : out) {
    if (!OneOf(allowed, v)) {
      std::string names;
      for (auto a : allowed) {
        names += (names.empty() ? "" : ", ") + std::string(a);
      }
      return Bad(in.FieldName(name), in.FieldName(name) + ": \"" + v + "\" is not one of " + names);
    }
  }
  return out;
}

Result<std::string> Text(const http::JsonReader& in, std::string_view name, bool required,
                         std::string fallback = {}) {
  if (required) {
    STEWARD_ASSIGN_OR_RETURN(auto v, in.RequiredString(name, 200));
    if (Trim(v).empty()) {
      return Bad(in.FieldName(name), in.FieldName(name) + " must not be empty");
    }
    return std::string(Trim(v));
  }
  STEWARD_ASSIGN_OR_RETURN(auto v, in.OptionalString(name, 200));
  return v ? std::string(Trim(*v)) : fallback;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) {
    a.push_back(json::value(s));
  }
  return a;
}

Result<ApprovalStep> ParseStep(const json::value& v, const std::string& at) {
  if (!v.is_object()) {
    return Bad(at, at + " must be an object");
  }
  http::JsonReader in(v.get_object(), at + ".");
  STEWARD_TRY(in.AllowOnly({"name", "status", "issueType", "changeTypes", "risks", "approvers",
                            "required", "autoApprove", "approveTransition", "declineTransition"}));
  ApprovalStep s;
  STEWARD_ASSIGN_OR_RETURN(s.name, Text(in, "name", true));
  STEWARD_ASSIGN_OR_RETURN(s.status, Text(in, "status", true));
  STEWARD_ASSIGN_OR_RETURN(s.issue_type, Text(in, "issueType", false, "Change"));
  STEWARD_ASSIGN_OR_RETURN(s.change_types, Names(in, "changeTypes", kChangeTypes, false));
  STEWARD_ASSIGN_OR_RETURN(s.risks, Names(in, "risks", kRisks, false));
  STEWARD_ASSIGN_OR_RETURN(auto auto_approve, in.OptionalBool("autoApprove"));
  s.auto_approve = auto_approve.value_or(false);
  STEWARD_ASSIGN_OR_RETURN(s.approve_transition, Text(in, "approveTransition", false, "Approve"));
  STEWARD_ASSIGN_OR_RETURN(s.decline_transition, Text(in, "declineTransition", false, "Decline"));
  const json::value* approvers = in.Get("approvers");
  if (approvers && !approvers->is_null()) {
    if (!approvers->is_array() || approvers->get_array().size() > 20) {
      return Bad(at + ".approvers", at + ".approvers must be a list of at most 20 approvers");
    }
    const auto& list = approvers->get_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string where = at + ".approvers[" + std::to_string(i) + "]";
      if (!list[i].is_object()) {
        return Bad(where, where + " must be an object {type, username|name}");
      }
      http::JsonReader a(list[i].get_object(), where + ".");
      STEWARD_TRY(a.AllowOnly({"type", "username", "name"}));
      ApproverSpec spec;
      STEWARD_ASSIGN_OR_RETURN(spec.type, a.RequiredString("type", 32));
      if (!OneOf(kApproverTypes, spec.type)) {
        return Bad(where + ".type", where + ".type must be user, team, field or serviceOwner");
      }
      if (spec.type == "user") {
        STEWARD_ASSIGN_OR_RETURN(spec.name, Text(a, "username", true));
      } else if (spec.type == "team") {
        STEWARD_ASSIGN_OR_RETURN(spec.name, Text(a, "name", true));
      }
      s.approvers.push_back(std::move(spec));
    }
  }
  if (s.approvers.empty() && !s.auto_approve) {
    return Bad(at + ".approvers", at + " needs approvers (or autoApprove)");
  }
  STEWARD_ASSIGN_OR_RETURN(const json::object* required, Object(in, "required", !s.auto_approve));
  if (required) {
    http::JsonReader r(*required, at + ".required.");
    STEWARD_TRY(r.AllowOnly({"kind", "value"}));
    STEWARD_ASSIGN_OR_RETURN(s.kind, r.RequiredString("kind", 16));
    if (!OneOf(kKinds, s.kind)) {
      return Bad(at + ".required.kind", at + ".required.kind must be any, all, count or percent");
    }
    STEWARD_ASSIGN_OR_RETURN(auto value, r.OptionalInt("value"));
    if (s.kind == "count" || s.kind == "percent") {
      std::int64_t max = s.kind == "count" ? 20 : 100;
      if (!value || *value < 1 || *value > max) {
        return Bad(at + ".required.value",
                   at + ".required.value must be 1 to " + std::to_string(max) + " for " + s.kind);
      }
      s.value = *value;
    }
  }
  return s;
}

}  // namespace

json::object Settings::ToJson() const {
  json::array qs;
  for (const auto& q : questions) {
    qs.push_back(json::object{{"objectType", q.object_type}, {"field", q.field}});
  }
  json::array steps_json;
  for (const auto& s : steps) {
    json::array approvers;
    for (const auto& a : s.approvers) {
      json::object o{{"type", a.type}};
      if (a.type == "user") {
        o["username"] = a.name;
      } else if (a.type == "team") {
        o["name"] = a.name;
      }
      approvers.push_back(std::move(o));
    }
    json::object required{{"kind", s.kind}};
    if (s.kind == "count" || s.kind == "percent") {
      required["value"] = s.value;
    }
    steps_json.push_back(json::object{{"name", s.name},
                                      {"status", s.status},
                                      {"issueType", s.issue_type},
                                      {"changeTypes", Strings(s.change_types)},
                                      {"risks", Strings(s.risks)},
                                      {"approvers", std::move(approvers)},
                                      {"required", std::move(required)},
                                      {"autoApprove", s.auto_approve},
                                      {"approveTransition", s.approve_transition},
                                      {"declineTransition", s.decline_transition}});
  }
  return json::object{
      {"deployments", json::object{{"project", project},
                                   {"changeEnvironmentTypes", Strings(change_environment_types)},
                                   {"gatedEnvironmentTypes", Strings(gated_environment_types)}}},
      {"riskModel", json::object{{"schema", risk_schema},
                                 {"changeTypes", Strings(risk_change_types)},
                                 {"questions", std::move(qs)},
                                 {"serviceField", service_field},
                                 {"tierAttribute", tier_attribute},
                                 {"tierObjectType", tier_object_type},
                                 {"bandsObjectType", bands_object_type}}},
      {"leadTime", json::object{{"objectType", lead_time_object_type}, {"block", lead_time_block}}},
      {"approvalSteps", std::move(steps_json)}};
}

Result<Settings> ParseSettings(const json::object& body) {
  http::JsonReader top(body);
  STEWARD_TRY(top.AllowOnly({"deployments", "riskModel", "leadTime", "approvalSteps"}));
  Settings s;
  STEWARD_ASSIGN_OR_RETURN(const json::object* dep, Object(top, "deployments", true));
  {
    http::JsonReader in(*dep, "deployments.");
    STEWARD_TRY(in.AllowOnly({"project", "changeEnvironmentTypes", "gatedEnvironmentTypes"}));
    STEWARD_ASSIGN_OR_RETURN(s.project, Text(in, "project", false));
    s.project = AsciiUpper(s.project);
    STEWARD_ASSIGN_OR_RETURN(s.change_environment_types,
                             Names(in, "changeEnvironmentTypes", kEnvironmentTypes, true));
    STEWARD_ASSIGN_OR_RETURN(s.gated_environment_types,
                             Names(in, "gatedEnvironmentTypes", kEnvironmentTypes, true));
  }
  STEWARD_ASSIGN_OR_RETURN(const json::object* risk, Object(top, "riskModel", true));
  {
    http::JsonReader in(*risk, "riskModel.");
    STEWARD_TRY(in.AllowOnly({"schema", "changeTypes", "questions", "serviceField", "tierAttribute",
                              "tierObjectType", "bandsObjectType"}));
    STEWARD_ASSIGN_OR_RETURN(s.risk_schema, Text(in, "schema", false));
    STEWARD_ASSIGN_OR_RETURN(s.risk_change_types, Names(in, "changeTypes", kChangeTypes, true));
    STEWARD_ASSIGN_OR_RETURN(s.service_field,
                             Text(in, "serviceField", false, ChangeService::kServiceField));
    STEWARD_ASSIGN_OR_RETURN(s.tier_attribute, Text(in, "tierAttribute", false, "Tier"));
    STEWARD_ASSIGN_OR_RETURN(s.tier_object_type,
                             Text(in, "tierObjectType", false, "Business Service Risk"));
    STEWARD_ASSIGN_OR_RETURN(s.bands_object_type,
                             Text(in, "bandsObjectType", false, "Risk Computation Scores"));
    const json::value* qs = in.Get("questions");
    if (!qs || !qs->is_array() || qs->get_array().size() > 20) {
      return Bad("riskModel.questions", "riskModel.questions must be a list of at most 20");
    }
    for (std::size_t i = 0; i < qs->get_array().size(); ++i) {
      std::string at = "riskModel.questions[" + std::to_string(i) + "]";
      const json::value& q = qs->get_array()[i];
      if (!q.is_object()) {
        return Bad(at, at + " must be an object {objectType, field}");
      }
      http::JsonReader qr(q.get_object(), at + ".");
      STEWARD_TRY(qr.AllowOnly({"objectType", "field"}));
      RiskQuestion rq;
      STEWARD_ASSIGN_OR_RETURN(rq.object_type, Text(qr, "objectType", true));
      STEWARD_ASSIGN_OR_RETURN(rq.field, Text(qr, "field", true));
      s.questions.push_back(std::move(rq));
    }
  }
  STEWARD_ASSIGN_OR_RETURN(const json::object* lead, Object(top, "leadTime", true));
  {
    http::JsonReader in(*lead, "leadTime.");
    STEWARD_TRY(in.AllowOnly({"objectType", "block"}));
    STEWARD_ASSIGN_OR_RETURN(s.lead_time_object_type, Text(in, "objectType", false, "Lead Time"));
    STEWARD_ASSIGN_OR_RETURN(auto block, in.OptionalBool("block"));
    s.lead_time_block = block.value_or(false);
  }
  const json::value* steps = top.Get("approvalSteps");
  if (!steps || !steps->is_array() || steps->get_array().size() > 50) {
    return Bad("approvalSteps", "approvalSteps must be a list of at most 50 steps");
  }
  for (std::size_t i = 0; i < steps->get_array().size(); ++i) {
    STEWARD_ASSIGN_OR_RETURN(
        auto step, ParseStep(steps->get_array()[i], "approvalSteps[" + std::to_string(i) + "]"));
    s.steps.push_back(std::move(step));
  }
  return s;
}

Result<Settings> LoadSettings(Connection& c) {
  STEWARD_ASSIGN_OR_RETURN(auto body,
                           c.QueryString("SELECT body FROM change_settings WHERE id = 1", {}));
  if (!body) {
    return Settings{};
  }
  boost::system::error_code ec;
  json::value v = json::parse(*body, ec);
  if (ec || !v.is_object()) {
    return Error::Internal("stored change settings are not a JSON object");
  }
  return ParseSettings(v.get_object());
}

Result<http::Principal> SystemPrincipal(Connection& c) {
  http::Principal p;
  STEWARD_TRY(c.Query("SELECT id, display_name FROM users WHERE username = 'automation'", {},
                      [&](const Row& r) {
                        p.user_id = r.Int(0);
                        p.display_name = r.String(1);
                      }));
  if (p.user_id == 0) {
    return Error::Internal("the automation user is missing");
  }
  p.username = "automation";
  p.kind = "admin";
  return p;
}

namespace {

Result<std::optional<IssueIdKey>> FindWhere(Connection& c, const char* where,
                                            storage::Param param) {
  std::optional<IssueIdKey> out;
  STEWARD_TRY(c.Query(std::string("SELECT i.id, i.key, t.name, s.name, s.category, i.created_at "
                                  "FROM issues i JOIN issue_types t ON t.id = i.issue_type_id "
                                  "JOIN statuses s ON s.id = i.status_id WHERE ") +
                          where,
                      {std::move(param)}, [&](const Row& r) {
                        out = IssueIdKey{r.Int(0),    r.String(1), r.String(2),
                                         r.String(3), r.String(4), r.Int(5)};
                      }));
  return out;
}

}  // namespace

Result<std::optional<IssueIdKey>> FindIssue(Connection& c, std::string_view key) {
  return FindWhere(c, "i.key = ?", AsciiUpper(std::string(key)));
}

Result<std::optional<IssueIdKey>> FindIssueById(Connection& c, std::int64_t id) {
  return FindWhere(c, "i.id = ?", id);
}

std::string FieldText(const json::object& fields, std::string_view name) {
  const json::value* v = fields.if_contains(name);
  if (!v || v->is_null()) {
    return {};
  }
  if (v->is_string()) {
    return std::string(v->get_string());
  }
  if (v->is_bool()) {
    return v->get_bool() ? "Yes" : "No";
  }
  const json::value* first = v;
  if (v->is_array()) {
    if (v->get_array().empty()) {
      return {};
    }
    first = &v->get_array()[0];
  }
  if (first->is_string()) {
    return std::string(first->get_string());
  }
  if (first->is_object()) {
    const auto& o = first->get_object();
    for (const char* k : {"label", "username", "value", "name"}) {
      if (const auto* x = o.if_contains(k); x && x->is_string()) {
        return std::string(x->get_string());
      }
    }
  }
  if (first->is_int64()) {
    return std::to_string(first->get_int64());
  }
  return {};
}

std::vector<ObjectVal> FieldObjects(const json::object& fields, std::string_view name) {
  std::vector<ObjectVal> out;
  const json::value* v = fields.if_contains(name);
  if (!v || !v->is_array()) {
    return out;
  }
  for (const auto& e : v->get_array()) {
    if (!e.is_object()) {
      continue;
    }
    const auto& o = e.get_object();
    ObjectVal ov;
    if (const auto* id = o.if_contains("id"); id && id->is_int64()) {
      ov.id = id->get_int64();
    }
    if (const auto* k = o.if_contains("key"); k && k->is_string()) {
      ov.key = std::string(k->get_string());
    }
    if (const auto* l = o.if_contains("label"); l && l->is_string()) {
      ov.label = std::string(l->get_string());
    }
    out.push_back(std::move(ov));
  }
  return out;
}

std::string AqlQuote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
    }
    out += ch;
  }
  return out + "\"";
}

namespace {
thread_local int deciding_depth = 0;
}

DecidingScope::DecidingScope() { ++deciding_depth; }
DecidingScope::~DecidingScope() { --deciding_depth; }
bool DecidingScope::Active() { return deciding_depth > 0; }

}  // namespace steward::changes::internal
