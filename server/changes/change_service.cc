// ChangeService, part one: settings, the issue observer and transition guard, risk assessment,
// standard changes from the catalog, approvals, lead time, and the change request of a
// deployment with its gating status.
#include "base/text.h"
#include "base/time_format.h"
#include "changes/changes.h"
#include "changes/internal.h"
#include "http/json.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace steward::changes {

using internal::DecidingScope;
using internal::FieldObjects;
using internal::FieldText;
using internal::Settings;
using storage::Connection;
using storage::Row;
using tickets::IssueWrite;

namespace {

constexpr std::int64_t kDayMs = 86400000;

bool Contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool IsStaff(const Principal& p) { return p.kind != "customer"; }

Status RequireStaff(const Principal& p) {
  if (!IsStaff(p)) {
    return Error::PermissionDenied("changes.forbidden",
                                   "only agents, administrators and bots work with changes");
  }
  return Ok();
}

// A CMDB object's integer attribute; 0 when unset or not a number.
Result<std::int64_t> IntAttribute(Connection& c, std::int64_t id, std::string_view name) {
  STEWARD_ASSIGN_OR_RETURN(auto text, cmdb::CmdbService::AttributeText(c, id, name));
  if (!text) {
    return std::int64_t{0};
  }
  try {
    return static_cast<std::int64_t>(std::stoll(*text));
  } catch (...) {
    return std::int64_t{0};
  }
}

struct Band {
  std::string name;
  std::int64_t min = 0, max = 0;
};

// The notice a change needs, in days: the largest "Minimum days" of the Lead Time objects for
// its change type (those named "... high risk ..." only for High and Critical risk).
Result<std::int64_t> RequiredLeadDays(Connection& c, const Settings& s,
                                      const std::string& change_type, const std::string& risk) {
  std::int64_t required = 0;
  STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, s.risk_schema));
  if (!schema) {
    return required;
  }
  STEWARD_ASSIGN_OR_RETURN(auto policies,
                           cmdb::CmdbService::ObjectsOfType(c, *schema, s.lead_time_object_type));
  for (const auto& pol : policies) {
    STEWARD_ASSIGN_OR_RETURN(auto type, cmdb::CmdbService::AttributeText(c, pol.id, "Change type"));
    bool high_only = AsciiLower(pol.label).find("high risk") != std::string::npos;
    if (type.value_or("") != change_type || (high_only && risk != "High" && risk != "Critical")) {
      continue;
    }
    STEWARD_ASSIGN_OR_RETURN(auto days, IntAttribute(c, pol.id, "Minimum days"));
    required = std::max(required, days);
  }
  return required;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Settings

Result<json::object> ChangeService::GetSettings(const Principal& p) {
  STEWARD_TRY(RequireStaff(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
    const internal::Settings& s = *settings;
    return s.ToJson();
  });
}

Result<std::shared_ptr<const Settings>> ChangeService::CurrentSettings(Connection& c) {
  {
    std::lock_guard lock(settings_mu_);
    if (settings_) {
      return settings_;
    }
  }
  STEWARD_ASSIGN_OR_RETURN(auto loaded, internal::LoadSettings(c));
  auto shared = std::make_shared<const Settings>(std::move(loaded));
  std::lock_guard lock(settings_mu_);
  settings_ = shared;
  return shared;
}

Result<json::object> ChangeService::PutSettings(const Principal& p, const json::object& body) {
  if (!p.IsAdmin()) {
    return Error::PermissionDenied("changes.forbidden",
                                   "only administrators change the change settings");
  }
  STEWARD_ASSIGN_OR_RETURN(auto s, internal::ParseSettings(body));
  auto cat = catalog_.Get();
  for (const auto& q : s.questions) {
    if (!cat->FieldByName(q.field)) {
      return Error::InvalidArgument("changes.badSettings", "no field \"" + q.field + "\"",
                                    "riskModel.questions");
    }
  }
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    if (!cat->StatusByName(s.steps[i].status)) {
      return Error::InvalidArgument("changes.badSettings",
                                    "no status \"" + s.steps[i].status + "\"",
                                    "approvalSteps[" + std::to_string(i) + "].status");
    }
    if (!cat->IssueTypeByName(s.steps[i].issue_type)) {
      return Error::InvalidArgument("changes.badSettings",
                                    "no issue type \"" + s.steps[i].issue_type + "\"",
                                    "approvalSteps[" + std::to_string(i) + "].issueType");
    }
  }
  TimestampMs now = clock_.Now();
  auto stored = db_.Write([&](Connection& c) -> Result<json::object> {
    if (!s.project.empty()) {
      STEWARD_ASSIGN_OR_RETURN(auto project,
                               c.QueryInt("SELECT id FROM projects WHERE key = ?", {s.project}));
      if (!project) {
        return Error::InvalidArgument("changes.badSettings", "no project \"" + s.project + "\"",
                                      "deployments.project");
      }
    }
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
      for (const auto& a : s.steps[i].approvers) {
        std::optional<std::int64_t> id;
        if (a.type == "user") {
          STEWARD_ASSIGN_OR_RETURN(id,
                                   c.QueryInt("SELECT id FROM users WHERE username = ?", {a.name}));
        } else if (a.type == "team") {
          STEWARD_ASSIGN_OR_RETURN(id, c.QueryInt("SELECT id FROM teams WHERE name = ?", {a.name}));
        } else {
          continue;
        }
        if (!id) {
          return Error::InvalidArgument("changes.badSettings",
                                        "no " + a.type + " \"" + a.name + "\"",
                                        "approvalSteps[" + std::to_string(i) + "].approvers");
        }
      }
    }
    json::object out = s.ToJson();
    STEWARD_TRY(c.Exec(
        "INSERT INTO change_settings(id, body, updated_by, updated_at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        {json::serialize(out), p.user_id, now}));
    return out;
  });
  if (stored.ok()) {
    std::lock_guard lock(settings_mu_);
    settings_ = std::make_shared<const Settings>(std::move(s));
  }
  return stored;
}

// ---------------------------------------------------------------------------------------------
// The observer and the guard

void ChangeService::Install() {
  tickets_.AddObserver(
      [this](Connection& c, const Principal& p, const IssueWrite& w) { return Observe(c, p, w); });
  tickets_.AddTransitionGuard(
      [this](Connection& c, const Principal& p, const IssueWrite& w) { return Guard(c, p, w); });
}

Result<json::object> ChangeService::View(Connection& c, std::int64_t issue_id) {
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  STEWARD_ASSIGN_OR_RETURN(auto issue, internal::FindIssueById(c, issue_id));
  if (!issue) {
    return Error::NotFound("tickets.issueNotFound", "no such issue");
  }
  return tickets_.IssueIn(c, sys, issue->key);
}

namespace {

// Planned start and end (ms) of a change, from its view.
std::pair<std::optional<TimestampMs>, std::optional<TimestampMs>> Window(
    const json::object& fields) {
  auto at = [&](const char* name) -> std::optional<TimestampMs> {
    std::string t = FieldText(fields, name);
    return t.empty() ? std::nullopt : ParseIsoDateTime(t);
  };
  return {at("Planned start"), at("Planned end")};
}

}  // namespace

Status ChangeService::Observe(Connection& c, const Principal& p, const IssueWrite& w) {
  (void)p;
  if (w.kind == IssueWrite::Kind::kTransitioned) {
    return OpenApproval(c, w);
  }
  if (w.issue_type != "Change") {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  bool created = w.kind == IssueWrite::Kind::kCreated;
  if (created && Contains(w.changed, "Type of standard change")) {
    STEWARD_TRY(ApplyStandardChange(c, w.issue_id));
  }
  bool risk_input =
      created || Contains(w.changed, "Change type") || Contains(w.changed, s.service_field);
  for (const auto& q : s.questions) {
    risk_input = risk_input || Contains(w.changed, q.field);
  }
  if (risk_input) {
    STEWARD_TRY(AssessRisk(c, w.issue_id));
  }
  bool window = Contains(w.changed, "Planned start") || Contains(w.changed, "Planned end");
  if (window) {
    auto cat = catalog_.Get();
    std::optional<TimestampMs> start, end;
    for (auto [name, at] : {std::pair{"Planned start", &start}, std::pair{"Planned end", &end}}) {
      if (const tickets::CustomFieldDef* f = cat->FieldByName(name)) {
        STEWARD_ASSIGN_OR_RETURN(*at, c.QueryInt("SELECT int_value FROM issue_field_values WHERE "
                                                 "issue_id = ? AND field_id = ? AND seq = 0",
                                                 {w.issue_id, f->id}));
      }
    }
    if (start && end && *end <= *start) {
      return Error::InvalidArgument(
          "changes.badWindow", "the planned end must be after the planned start", "Planned end");
    }
    if (start && end && *end - *start > internal::kMaxWindowMs) {
      return Error::InvalidArgument("changes.badWindow",
                                    "a change is planned for at most 90 days; split longer work "
                                    "into several changes",
                                    "Planned end");
    }
    if (start) {
      STEWARD_TRY(
          internal::RaiseLongestWindow(c, end ? *end - *start : internal::kDefaultLengthMs));
    }
  }
  if (window || Contains(w.changed, s.service_field)) {
    // The window before this write, from the change's own history entry.
    std::optional<std::pair<TimestampMs, TimestampMs>> before;
    if (window && w.kind == IssueWrite::Kind::kUpdated) {
      std::optional<TimestampMs> old_start, old_end;
      for (const auto& ch : w.changes) {
        const auto& o = ch.as_object();
        const json::value* from = o.if_contains("from");
        auto at = from && from->is_string() ? ParseIsoDateTime(from->get_string())
                                            : std::optional<TimestampMs>();
        if (o.at("field").as_string() == "Planned start") {
          old_start = at;
        } else if (o.at("field").as_string() == "Planned end") {
          old_end = at;
        }
      }
      auto cat = catalog_.Get();
      for (auto [name, at] :
           {std::pair{"Planned start", &old_start}, std::pair{"Planned end", &old_end}}) {
        bool changed_here = Contains(w.changed, name);
        const tickets::CustomFieldDef* f = cat->FieldByName(name);
        if (!changed_here && f) {  // unchanged: as it is now
          STEWARD_ASSIGN_OR_RETURN(*at, c.QueryInt("SELECT int_value FROM issue_field_values "
                                                   "WHERE issue_id = ? AND field_id = ?",
                                                   {w.issue_id, f->id}));
        }
      }
      if (old_start) {
        before = std::pair{*old_start, old_end.value_or(*old_start + 3600000)};
      }
    }
    STEWARD_TRY(RecomputeConflicts(c, w.issue_id, true, before));
  }
  return Ok();
}

Status ChangeService::Guard(Connection& c, const Principal& p, const IssueWrite& w) {
  (void)p;
  // 1. A status with a pending approval is left only by the approval's decision.
  if (!DecidingScope::Active()) {
    std::optional<std::string> pending;
    std::int64_t approved = 0, needed = 0;
    STEWARD_TRY(c.Query(
        "SELECT a.name, a.needed, (SELECT count(*) FROM approval_decisions d WHERE d.approval_id "
        "= a.id AND d.decision = 'approved') FROM approvals a WHERE a.issue_id = ? AND a.state = "
        "'pending' AND a.status_name = ?",
        {w.issue_id, w.from_status}, [&](const Row& r) {
          pending = r.String(0);
          needed = r.Int(1);
          approved = r.Int(2);
        }));
    if (pending) {
      return Error::Conflict("approvals.pending", "this issue waits for the approval \"" +
                                                      *pending + "\" (" + std::to_string(approved) +
                                                      " of " + std::to_string(needed) +
                                                      " approvals); its approvers decide through "
                                                      "POST /api/v1/issues/{key}/approvals");
    }
  }
  if (w.issue_type != "Change") {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  bool into_approval = false;
  for (const auto& step : s.steps) {
    into_approval = into_approval || (step.status == w.to_status && step.issue_type == "Change");
  }
  bool into_implementation =
      w.to_status == "Awaiting implementation" || w.to_status == "Implementing";
  if (!(s.lead_time_block && into_approval) && !into_implementation) {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto view, View(c, w.issue_id));
  const json::object& fields = view.at("fields").as_object();
  std::string change_type = FieldText(fields, "Change type");
  auto [start, end] = Window(fields);
  TimestampMs now = clock_.Now();
  // 2. Lead time, when the policy blocks.
  if (s.lead_time_block && into_approval && start) {
    STEWARD_ASSIGN_OR_RETURN(std::int64_t required,
                             RequiredLeadDays(c, s, change_type, FieldText(fields, "Change risk")));
    if (*start - now < required * kDayMs) {
      return Error::Conflict("changes.leadTime",
                             "the planned start is less than the " + std::to_string(required) +
                                 " days' notice a " + AsciiLower(change_type) +
                                 " change needs; move the planned start or raise an emergency "
                                 "change",
                             "Planned start");
    }
  }
  // 3. Freeze windows that block, on its services (emergency changes go through).
  if (into_implementation && change_type != "Emergency" && start) {
    TimestampMs until = end.value_or(*start + 1);
    std::vector<std::int64_t> services;
    for (const auto& o : FieldObjects(fields, s.service_field)) {
      services.push_back(o.id);
    }
    std::optional<std::string> frozen;
    STEWARD_TRY(c.Query(
        "SELECT f.id, f.name FROM freeze_windows f WHERE f.mode = 'block' AND f.starts_at < ? AND "
        "f.ends_at > ? ORDER BY f.starts_at",
        {until, *start}, [&](const Row& r) {
          (void)r;
          if (!frozen) {
            frozen = std::to_string(r.Int(0)) + "\n" + r.String(1);
          }
        }));
    if (frozen) {
      // Of the overlapping windows, the first that covers every service or one of its services.
      std::optional<std::string> hit;
      STEWARD_TRY(c.Query(
          "SELECT f.id, f.name, (SELECT count(*) FROM freeze_window_services fs WHERE fs.freeze_id "
          "= f.id), (SELECT group_concat(object_id) FROM freeze_window_services fs WHERE "
          "fs.freeze_id = f.id) FROM freeze_windows f WHERE f.mode = 'block' AND f.starts_at < ? "
          "AND f.ends_at > ? ORDER BY f.starts_at",
          {until, *start}, [&](const Row& r) {
            if (hit) {
              return;
            }
            if (r.Int(2) == 0) {
              hit = r.String(1);
              return;
            }
            std::string ids = "," + r.String(3) + ",";
            for (auto id : services) {
              if (ids.find("," + std::to_string(id) + ",") != std::string::npos) {
                hit = r.String(1);
              }
            }
          }));
      if (hit) {
        return Error::Conflict("changes.freezeWindow",
                               "the planned window falls in the freeze window \"" + *hit +
                                   "\"; re-plan the change or raise an emergency change",
                               "Planned start");
      }
    }
  }
  return Ok();
}

Result<bool> ChangeService::TakeTransition(Connection& c, const Principal& as,
                                           std::int64_t issue_id, std::string_view name) {
  STEWARD_ASSIGN_OR_RETURN(auto issue, internal::FindIssueById(c, issue_id));
  if (!issue) {
    return false;
  }
  auto cat = catalog_.Get();
  const tickets::IssueTypeDef* type = cat->IssueTypeByName(issue->type);
  const tickets::StatusDef* status = cat->StatusByName(issue->status);
  const tickets::WorkflowDef* wf = type ? cat->Workflow(type->workflow_id) : nullptr;
  if (!wf || !status) {
    return false;
  }
  for (const auto& t : wf->transitions) {
    if (t.name == name && (!t.from_status || *t.from_status == status->id)) {
      STEWARD_TRY(tickets_.TransitionIn(c, as, issue->key, json::object{{"id", t.id}}));
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Risk (S6.3)

Status ChangeService::AssessRisk(Connection& c, std::int64_t issue_id) {
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  if (s.risk_schema.empty() || s.risk_change_types.empty()) {
    return c.Exec("DELETE FROM change_risk WHERE issue_id = ?", {issue_id});  // no model
  }
  STEWARD_ASSIGN_OR_RETURN(auto view, View(c, issue_id));
  const json::object& fields = view.at("fields").as_object();
  std::string change_type = FieldText(fields, "Change type");
  STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c, s.risk_schema));
  if (!schema || !Contains(s.risk_change_types, change_type)) {
    return c.Exec("DELETE FROM change_risk WHERE issue_id = ?", {issue_id});
  }
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  auto objects = [&](const std::string& type) {
    return cmdb::CmdbService::ObjectsOfType(c, *schema, type);
  };
  std::int64_t score = 0;
  json::array reasons;
  for (const auto& q : s.questions) {
    std::string answer = FieldText(fields, q.field);
    if (answer.empty()) {
      reasons.push_back(
          json::object{{"factor", q.object_type}, {"value", "not answered"}, {"score", 0}});
      continue;
    }
    STEWARD_ASSIGN_OR_RETURN(auto answers, objects(q.object_type));
    std::int64_t points = 0;
    for (const auto& a : answers) {
      if (EqualsIgnoreCase(a.label, answer)) {
        STEWARD_ASSIGN_OR_RETURN(points, IntAttribute(c, a.id, "Score"));
      }
    }
    score += points;
    reasons.push_back(
        json::object{{"factor", q.object_type}, {"value", answer}, {"score", points}});
  }
  // The affected services' tier: the riskiest service counts.
  auto services = FieldObjects(fields, s.service_field);
  if (!services.empty()) {
    STEWARD_ASSIGN_OR_RETURN(auto tiers, objects(s.tier_object_type));
    std::int64_t best = 0;
    std::string which = "no tier";
    for (const auto& svc : services) {
      STEWARD_ASSIGN_OR_RETURN(auto tier,
                               cmdb::CmdbService::AttributeText(c, svc.id, s.tier_attribute));
      if (!tier) {
        continue;
      }
      for (const auto& t : tiers) {
        if (EqualsIgnoreCase(t.label, *tier)) {
          STEWARD_ASSIGN_OR_RETURN(auto points, IntAttribute(c, t.id, "Score"));
          if (points > best || which == "no tier") {
            best = std::max(best, points);
            which = svc.label + ": " + *tier;
          }
        }
      }
    }
    score += best;
    reasons.push_back(json::object{{"factor", "Service tier"}, {"value", which}, {"score", best}});
  }
  STEWARD_ASSIGN_OR_RETURN(auto band_objects, objects(s.bands_object_type));
  std::vector<Band> bands;
  for (const auto& b : band_objects) {
    STEWARD_ASSIGN_OR_RETURN(auto lo, IntAttribute(c, b.id, "Minimum score"));
    STEWARD_ASSIGN_OR_RETURN(auto hi, IntAttribute(c, b.id, "Maximum score"));
    bands.push_back({b.label, lo, hi});
  }
  std::sort(bands.begin(), bands.end(), [](const Band& a, const Band& b) { return a.min < b.min; });
  std::string level = "Low";
  for (const auto& b : bands) {
    if (score >= b.min) {
      level = b.name;  // the highest band reached (scores above every band stay in the last)
    }
  }
  TimestampMs now = clock_.Now();
  STEWARD_TRY(c.Exec(
      "INSERT INTO change_risk(issue_id, score, level, reasons, computed_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT (issue_id) DO UPDATE SET score = excluded.score, level = excluded.level, "
      "reasons = excluded.reasons, computed_at = excluded.computed_at",
      {issue_id, score, level, json::serialize(reasons), now}));
  auto cat = catalog_.Get();
  if (FieldText(fields, "Change risk") != level && cat->FieldByName("Change risk")) {
    STEWARD_TRY(tickets_.UpdateIssueIn(c, sys, view.at("key").as_string(),
                                       json::object{{"fields", {{"Change risk", level}}}}));
  }
  return Ok();
}

Result<json::object> ChangeService::Risk(const Principal& p, std::string_view key) {
  STEWARD_TRY(RequireStaff(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto view, tickets_.IssueIn(c, p, key));
    std::int64_t id = view.at("id").as_int64();
    std::optional<json::object> out;
    STEWARD_TRY(
        c.Query("SELECT score, level, reasons, computed_at FROM change_risk WHERE "
                "issue_id = ?",
                {id}, [&](const Row& r) {
                  boost::system::error_code ec;
                  json::value reasons = json::parse(r.String(2), ec);
                  std::string level = r.String(1);
                  out = json::object{{"score", r.Int(0)},
                                     {"level", level},
                                     {"requiresCab", level == "High" || level == "Critical"},
                                     {"reasons", ec ? json::array() : reasons},
                                     {"computedAt", FormatIsoUtc(r.Int(3))}};
                }));
    if (!out) {
      return Error::NotFound("changes.noRiskAssessment",
                             "this issue has no risk assessment (the risk model applies to the "
                             "change types of the change settings)");
    }
    // Lead time: the notice from now to the planned start, against the policy.
    STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
    const internal::Settings& s = *settings;
    const json::object& fields = view.at("fields").as_object();
    std::string change_type = FieldText(fields, "Change type");
    STEWARD_ASSIGN_OR_RETURN(
        std::int64_t required,
        RequiredLeadDays(c, s, change_type, std::string((*out)["level"].as_string())));
    json::object lead{{"requiredDays", required}};
    auto [start, end] = Window(fields);
    (void)end;
    if (start) {
      double notice = static_cast<double>(*start - clock_.Now()) / kDayMs;
      lead["noticeDays"] = std::round(notice * 10) / 10;
      lead["ok"] = notice >= static_cast<double>(required);
    } else {
      lead["ok"] = required == 0;
    }
    (*out)["leadTime"] = std::move(lead);
    return *out;
  });
}

// ---------------------------------------------------------------------------------------------
// Standard changes from the catalog (S6.2)

Status ChangeService::ApplyStandardChange(Connection& c, std::int64_t issue_id) {
  STEWARD_ASSIGN_OR_RETURN(auto view, View(c, issue_id));
  const json::object& fields = view.at("fields").as_object();
  auto chosen = FieldObjects(fields, "Type of standard change");
  if (chosen.empty()) {
    return Ok();
  }
  const auto& sc = chosen.front();
  std::string key(view.at("key").as_string());
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  auto cat = catalog_.Get();
  json::object set{{"Change type", "Standard"}};
  auto copy = [&](const char* attribute, const char* field) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto text, cmdb::CmdbService::AttributeText(c, sc.id, attribute));
    if (text && cat->FieldByName(field) && FieldText(fields, field).empty()) {
      set[field] = *text;
    }
    return Ok();
  };
  STEWARD_TRY(copy("Implementation Plan", "Implementation plan"));
  STEWARD_TRY(copy("Backout Plan", "Backout plan"));
  STEWARD_TRY(copy("Test Plan", "Test plan"));
  STEWARD_ASSIGN_OR_RETURN(auto approver,
                           cmdb::CmdbService::AttributeText(c, sc.id, "Approved by"));
  std::string approver_name;
  if (approver) {
    // A user attribute holds the username (or the user id).
    STEWARD_TRY(
        c.Query("SELECT username, display_name FROM users WHERE username = ? OR "
                "CAST(id AS TEXT) = ?",
                {*approver, *approver}, [&](const Row& r) {
                  if (cat->FieldByName("Approved by")) {
                    set["Approved by"] = r.String(0);
                  }
                  approver_name = r.String(1);
                }));
  }
  if (cat->FieldByName("Change risk")) {
    set["Change risk"] = "Low";  // pre-approved: its risk was assessed when it was catalogued
  }
  json::object body{{"fields", std::move(set)}};
  if (view.at("description").as_string().empty()) {
    std::string app = FieldText(fields, "Application to change");
    std::string d = "This is a Standard Pre-Approved Change for " + sc.label;
    if (!app.empty()) {
      d += " for " + app;
    }
    if (!approver_name.empty()) {
      d += ", Approved by " + approver_name;
    }
    body["description"] = d;
  }
  STEWARD_TRY(tickets_.UpdateIssueIn(c, sys, key, body));
  // Its tasks, in their catalogue order, as sub-tasks.
  STEWARD_ASSIGN_OR_RETURN(auto task_keys, cmdb::CmdbService::AttributeTexts(c, sc.id, "Tasks"));
  std::vector<std::pair<std::int64_t, std::string>> tasks;
  for (const auto& k : task_keys) {
    STEWARD_ASSIGN_OR_RETURN(auto ref, cmdb::CmdbService::Resolve(c, k, 0));
    if (ref) {
      STEWARD_ASSIGN_OR_RETURN(auto order, IntAttribute(c, ref->id, "Order"));
      tasks.emplace_back(order, ref->label);
    }
  }
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (cat->IssueTypeByName("Sub-task")) {
    std::string project = key.substr(0, key.find('-'));
    for (const auto& [order, summary] : tasks) {
      (void)order;
      STEWARD_TRY(tickets_.CreateIssueIn(c, sys,
                                         json::object{{"project", project},
                                                      {"issueType", "Sub-task"},
                                                      {"parent", key},
                                                      {"summary", summary}}));
    }
  }
  // Pre-approved: straight to Awaiting implementation.
  STEWARD_ASSIGN_OR_RETURN(auto issue, internal::FindIssueById(c, issue_id));
  if (issue && issue->status != "Awaiting implementation") {
    STEWARD_TRY(
        tickets_.TransitionIn(c, sys, key, json::object{{"to", "Awaiting implementation"}}));
  }
  return Ok();
}

// ---------------------------------------------------------------------------------------------
// Approvals (S6.4)

Status ChangeService::OpenApproval(Connection& c, const IssueWrite& w) {
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  bool any = false;
  for (const auto& step : s.steps) {
    any = any || (step.status == w.to_status && step.issue_type == w.issue_type);
  }
  if (!any) {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto view, View(c, w.issue_id));
  const json::object& fields = view.at("fields").as_object();
  std::string change_type = FieldText(fields, "Change type");
  std::string risk = FieldText(fields, "Change risk");
  const internal::ApprovalStep* step = nullptr;
  for (const auto& st : s.steps) {
    if (st.status == w.to_status && st.issue_type == w.issue_type &&
        (st.change_types.empty() || Contains(st.change_types, change_type)) &&
        (st.risks.empty() || Contains(st.risks, risk))) {
      step = &st;
      break;
    }
  }
  if (!step) {
    return Ok();
  }
  TimestampMs now = clock_.Now();
  // The approvers, resolved now (a team's members as they are today).
  std::set<std::int64_t> users;
  for (const auto& a : step->approvers) {
    auto add = [&](const Row& r) { users.insert(r.Int(0)); };
    if (a.type == "user") {
      STEWARD_TRY(c.Query("SELECT id FROM users WHERE username = ? AND active = 1", {a.name}, add));
    } else if (a.type == "team") {
      STEWARD_TRY(c.Query(
          "SELECT m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u ON "
          "u.id = m.user_id WHERE t.name = ? AND u.active = 1",
          {a.name}, add));
    } else if (a.type == "field") {
      STEWARD_TRY(
          c.Query("SELECT user_id FROM issue_users WHERE issue_id = ? AND role = 'approver'",
                  {w.issue_id}, add));
    } else if (a.type == "serviceOwner") {
      for (const auto& svc : FieldObjects(fields, s.service_field)) {
        STEWARD_ASSIGN_OR_RETURN(auto team,
                                 cmdb::CmdbService::AttributeText(c, svc.id, "Owner team"));
        if (team) {
          STEWARD_TRY(c.Query(
              "SELECT m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id JOIN users u "
              "ON u.id = m.user_id WHERE (t.name = ? OR CAST(t.id AS TEXT) = ?) AND u.active = 1",
              {*team, *team}, add));
        }
      }
    }
  }
  if (users.empty() && !step->auto_approve) {
    return Error::Conflict("approvals.noApprovers",
                           "the approval \"" + step->name +
                               "\" has no approvers for this issue (set its Approvers or its "
                               "affected services, or change the approval steps)");
  }
  std::int64_t n = static_cast<std::int64_t>(users.size());
  std::int64_t needed = 1;
  if (step->kind == "all") {
    needed = n;
  } else if (step->kind == "count") {
    needed = std::min(step->value, n);
  } else if (step->kind == "percent") {
    needed = std::max<std::int64_t>(1, (n * step->value + 99) / 100);
  }
  STEWARD_ASSIGN_OR_RETURN(
      auto id,
      c.QueryInt("INSERT INTO approvals(issue_id, name, status_name, required_kind, "
                 "required_value, needed, approve_transition, decline_transition, state, auto, "
                 "created_at, completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                 {w.issue_id, step->name, step->status, step->kind,
                  step->kind == "count" || step->kind == "percent"
                      ? std::optional<std::int64_t>(step->value)
                      : std::nullopt,
                  step->auto_approve ? std::int64_t{0} : needed, step->approve_transition,
                  step->decline_transition, step->auto_approve ? "approved" : "pending",
                  step->auto_approve, now,
                  step->auto_approve ? std::optional<std::int64_t>(now) : std::nullopt}));
  if (step->auto_approve) {
    // A policy approves it at once ("Auto-approved"), as Automation.
    STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
    STEWARD_TRY(
        c.Exec("INSERT INTO approval_decisions(approval_id, user_id, decision, comment, "
               "decided_at) VALUES (?,?,?,?,?)",
               {*id, sys.user_id, "approved",
                "Auto-approved by policy: " + step->name + " (risk " + risk + ")", now}));
    DecidingScope deciding;
    STEWARD_TRY(TakeTransition(c, sys, w.issue_id, step->approve_transition));
    return Ok();
  }
  json::array usernames;
  std::string joined;
  for (auto u : users) {
    STEWARD_TRY(
        c.Exec("INSERT INTO approval_decisions(approval_id, user_id, decision) VALUES "
               "(?,?,'pending')",
               {*id, u}));
    STEWARD_TRY(c.Query("SELECT username FROM users WHERE id = ?", {u}, [&](const Row& r) {
      usernames.push_back(json::value(r.String(0)));
      joined += (joined.empty() ? "" : ",") + r.String(0);
    }));
  }
  // For automation ("Approval requested": the demo e-mails the approvers a link) and the feed.
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  return c.Exec(
      "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) VALUES (?,?,?,?,?)",
      {"approval.requested", w.issue_id, sys.user_id,
       json::serialize(json::object{{"key", view.at("key")},
                                    {"id", *id},
                                    {"name", step->name},
                                    {"approvers", std::move(usernames)},
                                    {"approverUsernames", joined},
                                    {"needed", needed}}),
       now});
}

Result<json::object> ChangeService::ApprovalJson(Connection& c, std::int64_t approval_id,
                                                 std::int64_t viewer) {
  json::object out;
  STEWARD_TRY(
      c.Query("SELECT id, name, status_name, required_kind, required_value, needed, state, auto, "
              "created_at, completed_at FROM approvals WHERE id = ?",
              {approval_id}, [&](const Row& r) {
                json::object required{{"kind", r.String(3)}};
                if (!r.IsNull(4)) {
                  required["value"] = r.Int(4);
                }
                out = {{"id", r.Int(0)},
                       {"name", r.String(1)},
                       {"statusName", r.String(2)},
                       {"required", std::move(required)},
                       {"needed", r.Int(5)},
                       {"status", r.String(6)},
                       {"autoApproved", r.Int(7) != 0},
                       {"createdAt", FormatIsoUtc(r.Int(8))},
                       {"completedAt",
                        r.IsNull(9) ? json::value(nullptr) : json::value(FormatIsoUtc(r.Int(9)))}};
              }));
  json::array approvers;
  std::int64_t approved = 0, declined = 0;
  bool can_decide = false;
  STEWARD_TRY(c.Query(
      "SELECT u.id, u.username, u.display_name, d.decision, d.comment, d.decided_at FROM "
      "approval_decisions d JOIN users u ON u.id = d.user_id WHERE d.approval_id = ? ORDER BY "
      "u.display_name",
      {approval_id}, [&](const Row& r) {
        std::string decision = r.String(3);
        approved += decision == "approved";
        declined += decision == "declined";
        can_decide = can_decide || (r.Int(0) == viewer && decision == "pending");
        json::object a{
            {"user", json::object{{"username", r.String(1)}, {"displayName", r.String(2)}}},
            {"decision", decision}};
        if (!r.String(4).empty()) {
          a["comment"] = r.String(4);
        }
        if (!r.IsNull(5)) {
          a["decidedAt"] = FormatIsoUtc(r.Int(5));
        }
        approvers.push_back(std::move(a));
      }));
  out["approvers"] = std::move(approvers);
  out["approvedCount"] = approved;
  out["declinedCount"] = declined;
  out["canDecide"] = can_decide && out["status"].as_string() == "pending";
  return out;
}

Result<json::object> ChangeService::ListApprovals(const Principal& p, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto view, tickets_.IssueIn(c, p, key));  // 404 unless visible
    std::vector<std::int64_t> ids;
    STEWARD_TRY(c.Query("SELECT id FROM approvals WHERE issue_id = ? ORDER BY id",
                        {view.at("id").as_int64()},
                        [&](const Row& r) { ids.push_back(r.Int(0)); }));
    json::array values;
    for (auto id : ids) {
      STEWARD_ASSIGN_OR_RETURN(auto a, ApprovalJson(c, id, p.user_id));
      values.push_back(std::move(a));
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> ChangeService::Decide(const Principal& p, std::string_view key,
                                           const json::object& body) {
  http::JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"decision", "comment"}));
  STEWARD_ASSIGN_OR_RETURN(auto decision, in.RequiredString("decision", 16));
  if (decision != "approve" && decision != "decline") {
    return Error::InvalidArgument("approvals.badDecision",
                                  "decision must be \"approve\" or \"decline\"", "decision");
  }
  STEWARD_ASSIGN_OR_RETURN(auto comment, in.OptionalString("comment", 5000));
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto view, tickets_.IssueIn(c, p, key));  // 404 unless visible
    std::int64_t issue_id = view.at("id").as_int64();
    std::optional<std::int64_t> approval;
    std::int64_t needed = 0;
    std::string approve_t, decline_t, name;
    STEWARD_TRY(c.Query(
        "SELECT id, needed, approve_transition, decline_transition, name FROM approvals WHERE "
        "issue_id = ? AND state = 'pending' ORDER BY id DESC LIMIT 1",
        {issue_id}, [&](const Row& r) {
          approval = r.Int(0);
          needed = r.Int(1);
          approve_t = r.String(2);
          decline_t = r.String(3);
          name = r.String(4);
        }));
    if (!approval) {
      return Error::Conflict("approvals.nonePending", "this issue has no pending approval");
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto mine, c.QueryString("SELECT decision FROM approval_decisions WHERE approval_id = ? "
                                 "AND user_id = ?",
                                 {*approval, p.user_id}));
    if (!mine) {
      return Error::PermissionDenied("approvals.notApprover",
                                     "you are not an approver of \"" + name + "\"");
    }
    if (*mine != "pending") {
      return Error::Conflict("approvals.alreadyDecided",
                             "you have already " + *mine + " \"" + name + "\"");
    }
    std::string state = decision == "approve" ? "approved" : "declined";
    STEWARD_TRY(
        c.Exec("UPDATE approval_decisions SET decision = ?, comment = ?, decided_at = ? "
               "WHERE approval_id = ? AND user_id = ?",
               {state, comment.value_or(""), now, *approval, p.user_id}));
    STEWARD_ASSIGN_OR_RETURN(
        auto approved, c.QueryInt("SELECT count(*) FROM approval_decisions WHERE approval_id = ? "
                                  "AND decision = 'approved'",
                                  {*approval}));
    std::optional<std::string> outcome;
    if (state == "declined") {
      outcome = "declined";  // one decline declines it, as in JSM
    } else if (approved.value_or(0) >= needed) {
      outcome = "approved";
    }
    STEWARD_TRY(c.Exec(
        "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) VALUES (?,?,?,?,?)",
        {"approval.decided", issue_id, p.user_id,
         json::serialize(json::object{{"key", view.at("key")},
                                      {"approval", name},
                                      {"decision", state},
                                      {"outcome", outcome ? *outcome : "pending"}}),
         now}));
    if (outcome) {
      STEWARD_TRY(c.Exec("UPDATE approvals SET state = ?, completed_at = ? WHERE id = ?",
                         {*outcome, now, *approval}));
      // The approver moves the issue when they may; otherwise Automation does it for them.
      Principal as = p;
      if (p.kind == "customer") {
        STEWARD_ASSIGN_OR_RETURN(as, internal::SystemPrincipal(c));
      }
      DecidingScope deciding;
      STEWARD_ASSIGN_OR_RETURN(
          bool moved,
          TakeTransition(c, as, issue_id, *outcome == "approved" ? approve_t : decline_t));
      if (!moved) {
        STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
        STEWARD_TRY(
            TakeTransition(c, sys, issue_id, *outcome == "approved" ? approve_t : decline_t));
      }
    }
    if (comment && !Trim(*comment).empty()) {
      STEWARD_TRY(tickets_.AddCommentIn(
          &c, p, view.at("key").as_string(),
          json::object{{"body", (state == "approved" ? "Approved: " : "Declined: ") + *comment},
                       {"internal", p.kind != "customer"}}));
    }
    return ApprovalJson(c, *approval, p.user_id);
  });
}

// ---------------------------------------------------------------------------------------------
// Deployments (S6.7, S6.8)

Result<std::optional<std::int64_t>> ChangeService::OnDeployment(Connection& c,
                                                                const DeploymentReport& d) {
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  bool gated = d.gating || Contains(s.gated_environment_types, d.environment_type);
  bool wanted = gated || Contains(s.change_environment_types, d.environment_type);
  if (!wanted || s.project.empty()) {
    return std::optional<std::int64_t>();
  }
  STEWARD_TRY(c.Exec("UPDATE deployments SET gating = ? WHERE id = ?", {gated, d.id}));
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  STEWARD_ASSIGN_OR_RETURN(
      auto existing, c.QueryInt("SELECT change_issue_id FROM deployments WHERE id = ?", {d.id}));
  std::optional<std::int64_t> change_id;
  if (existing && *existing != 0) {
    change_id = *existing;
  }
  TimestampMs now = clock_.Now();
  auto cat = catalog_.Get();
  if (!change_id) {
    std::string summary = "Deploy " + d.display_name + " to " + d.environment_name;
    if (summary.size() > 255) {
      summary.resize(255);
    }
    json::object fields{{"Change type", gated ? "Normal" : "Standard"},
                        {"Planned start", FormatIsoUtc(now)},
                        {"Planned end", FormatIsoUtc(now + 3600000)}};
    if (!d.service_keys.empty() && cat->FieldByName(s.service_field)) {
      json::array keys;
      for (const auto& k : d.service_keys) {
        keys.push_back(json::value(k));
      }
      fields[s.service_field] = std::move(keys);
    }
    for (const auto& [name, value] :
         {std::pair{"Testing completed for this change request?", "Yes"},
          std::pair{"Is the change easily rolled back?", "Yes"}}) {
      if (cat->FieldByName(name)) {
        fields[name] = value;  // a pipeline ran its tests and can redeploy the previous version
      }
    }
    std::string description = "Deployment " + std::to_string(d.key.sequence) + " of pipeline " +
                              d.pipeline_name + " to " + d.environment_name + " (" +
                              d.environment_type + "), reported by CI/CD" +
                              (gated ? "; the pipeline waits for this change's approval." : ".");
    if (!d.url.empty()) {
      description += "\n\n" + d.url;
    }
    STEWARD_ASSIGN_OR_RETURN(auto id,
                             tickets_.CreateIssueIn(c, sys,
                                                    json::object{{"project", s.project},
                                                                 {"issueType", "Change"},
                                                                 {"summary", summary},
                                                                 {"description", description},
                                                                 {"fields", std::move(fields)}}));
    change_id = id;
    STEWARD_TRY(c.Exec("UPDATE deployments SET change_issue_id = ? WHERE id = ?", {id, d.id}));
    STEWARD_ASSIGN_OR_RETURN(auto created, internal::FindIssueById(c, id));
    for (auto issue : d.issue_ids) {
      STEWARD_ASSIGN_OR_RETURN(auto other, internal::FindIssueById(c, issue));
      if (other) {
        STEWARD_TRY(tickets_.AddLinkIn(
            &c, sys, created->key, json::object{{"type", "relates to"}, {"issue", other->key}}));
      }
    }
    if (gated) {
      STEWARD_TRY(TakeTransition(c, sys, id, "Plan"));
      // Asking for approval can be refused (no approvers for its risk, the lead-time policy):
      // the deployment is still recorded, its change waits in Planning with the reason, and
      // the pipeline keeps awaiting until an agent sends the change on.
      STEWARD_TRY(c.Exec("SAVEPOINT change_approval"));
      auto asked = TakeTransition(c, sys, id, "Request approval");
      if (!asked.ok()) {
        STEWARD_TRY(c.Exec("ROLLBACK TO change_approval"));
        STEWARD_TRY(c.Exec("RELEASE change_approval"));
        STEWARD_TRY(tickets_.AddCommentIn(
            &c, sys, created->key,
            json::object{{"body",
                          "The deployment waits, but its approval could not be asked "
                          "for: " +
                              asked.error().message +
                              ". Move the change to Awaiting approval when that is fixed."},
                         {"internal", true}}));
      } else {
        STEWARD_TRY(c.Exec("RELEASE change_approval"));
      }
    } else {
      STEWARD_TRY(TakeTransition(c, sys, id, "Mark as standard change"));
    }
  }
  // The deployment's state moves its change along (never past a decision it waits for).
  STEWARD_ASSIGN_OR_RETURN(auto change, internal::FindIssueById(c, *change_id));
  if (!change) {
    return change_id;
  }
  bool started = d.state == "in_progress" || d.state == "successful" || d.state == "failed" ||
                 d.state == "rolled_back";
  if (started && change->status == "Awaiting implementation") {
    STEWARD_TRY(TakeTransition(c, sys, *change_id, "Implement"));
    STEWARD_ASSIGN_OR_RETURN(change, internal::FindIssueById(c, *change_id));
  }
  if (change->status == "Implementing") {
    if (d.state == "successful") {
      STEWARD_TRY(TakeTransition(c, sys, *change_id, "Complete"));
    } else if (d.state == "failed" || d.state == "rolled_back") {
      STEWARD_TRY(TakeTransition(c, sys, *change_id, "Mark as failed"));
    }
  } else if (d.state == "cancelled" && change->status_category != "done" && !gated) {
    STEWARD_TRY(TakeTransition(c, sys, *change_id, "Cancel"));
  }
  return change_id;
}

Result<std::string> ChangeService::GatingOf(Connection& c, std::int64_t change_issue_id) {
  STEWARD_ASSIGN_OR_RETURN(auto change, internal::FindIssueById(c, change_issue_id));
  if (!change) {
    return std::string("invalid");
  }
  const std::string& st = change->status;
  if (st == "Awaiting implementation" || st == "Implementing" || st == "Completed" ||
      st == "Failed") {
    return std::string("allowed");
  }
  if (change->status_category == "done") {
    return std::string("prevented");  // declined or canceled
  }
  return std::string("awaiting");
}

}  // namespace steward::changes
