// Internals shared by the change-enablement sources: the parsed settings, the system principal
// that writes derived state ("Automation for Steward"), and small readers of issue facts.
//
// Thread-safety: functions of a connection; no shared state.
#pragma once

#include "changes/changes.h"
#include "storage/database.h"

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace steward::changes::internal {

// The longest planned window a change may have (the observer refuses longer ones), which bounds
// the calendar's and the conflict check's index ranges.
inline constexpr std::int64_t kMaxWindowMs = 90LL * 86400000;

// A change with a planned start and no planned end is planned for an hour.
inline constexpr std::int64_t kDefaultLengthMs = 3600000;

// The longest planned window of any change, kept in change_window_bound: overlap queries look
// back this far from the start of their range instead of the full 90 days. The observer raises
// it inside each write that plans a longer window; RefreshWindowBound recomputes it from the
// data (at start-up and after bulk loads that bypass the observer). Without a row (a database
// not yet refreshed) the 90-day maximum is assumed, so an answer is never missing a change.
Result<std::int64_t> LongestWindow(storage::Connection& c);
Status RaiseLongestWindow(storage::Connection& c, std::int64_t length_ms);

// One approver source of a step.
struct ApproverSpec {
  std::string type;  // user, team, field, serviceOwner
  std::string name;  // user: username; team: team name
};

// An approval step on a workflow status (S6.4).
struct ApprovalStep {
  std::string name;
  std::string status;
  std::string issue_type = "Change";
  std::vector<std::string> change_types;  // empty: all
  std::vector<std::string> risks;         // empty: all
  std::vector<ApproverSpec> approvers;
  std::string kind = "any";  // any, all, count, percent
  std::int64_t value = 0;
  bool auto_approve = false;
  std::string approve_transition = "Approve";
  std::string decline_transition = "Decline";
};

struct RiskQuestion {
  std::string object_type;
  std::string field;
};

// The settings document (GET/PUT /api/v1/changes/settings), parsed and checked.
struct Settings {
  std::string project;
  std::vector<std::string> change_environment_types;
  std::vector<std::string> gated_environment_types;
  std::string risk_schema;
  std::vector<std::string> risk_change_types;
  std::vector<RiskQuestion> questions;
  std::string service_field = ChangeService::kServiceField;
  std::string tier_attribute = "Tier";
  std::string tier_object_type = "Business Service Risk";
  std::string bands_object_type = "Risk Computation Scores";
  std::string lead_time_object_type = "Lead Time";
  bool lead_time_block = false;
  std::vector<ApprovalStep> steps;

  boost::json::object ToJson() const;
};

// The document with its field paths checked; 400 naming the first bad field.
Result<Settings> ParseSettings(const boost::json::object& body);
// The stored settings, or the defaults (no project, no gating, no approval steps).
Result<Settings> LoadSettings(storage::Connection& c);

// The user that writes derived state (risk, conflicts, approval transitions): "automation".
Result<http::Principal> SystemPrincipal(storage::Connection& c);

// Issue id and key by key (case-insensitive); nullopt if none.
struct IssueIdKey {
  std::int64_t id = 0;
  std::string key;
  std::string type;
  std::string status;
  std::string status_category;  // todo, in_progress, done
  std::int64_t created_at = 0;
};
Result<std::optional<IssueIdKey>> FindIssue(storage::Connection& c, std::string_view key);
Result<std::optional<IssueIdKey>> FindIssueById(storage::Connection& c, std::int64_t id);

// Display text of a single-valued custom field from an issue view's "fields" (select, text,
// date-time, user: username; object: label); empty when unset.
std::string FieldText(const boost::json::object& fields, std::string_view name);
// Object values of an object field from an issue view: {id, key, label}.
struct ObjectVal {
  std::int64_t id = 0;
  std::string key, label;
};
std::vector<ObjectVal> FieldObjects(const boost::json::object& fields, std::string_view name);

// Quotes a name for AQL ("Standard Changes" -> "\"Standard Changes\"").
std::string AqlQuote(std::string_view s);

// Set while the approval engine itself moves an issue out of its approval status (the guard
// lets that pass).
struct DecidingScope {
  DecidingScope();
  ~DecidingScope();
  static bool Active();
};

}  // namespace steward::changes::internal
