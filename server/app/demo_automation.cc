// The demo's automation (S7.7): the seed's rules — "Normal Change - Risk Calculation", the
// lead-time warning, standard-change sub-tasks and the post-incident review of a resolved
// major incident — applied as rules as code, and two fresh changes made through the ticket
// service after the history, on which the engine runs the rules before loading ends, so their
// audit logs are not empty.
#include "app/application.h"
#include "base/time_format.h"

#include <boost/json.hpp>

namespace steward::app {

namespace json = boost::json;

namespace {

constexpr const char* kBusinessHours = "Will this change be completed during business hours?";
constexpr const char* kTesting = "Testing completed for this change request?";
constexpr const char* kRollback = "Is the change easily rolled back?";

json::object Cond(const char* field, const char* op, json::value value) {
  return json::object{
      {"type", "issueFields"}, {"field", field}, {"operator", op}, {"value", std::move(value)}};
}

json::array DemoRules() {
  // Risk: each "risky" answer adds its weight; the sum decides the level.
  std::string score = std::string("{{#=}}0") + "{{#if(equals(issue.fields[\"" + kBusinessHours +
                      "\"], \"No\"))}} + 2{{/}}" + "{{#if(equals(issue.fields[\"" + kTesting +
                      "\"], \"No\"))}} + 3{{/}}" + "{{#if(equals(issue.fields[\"" + kRollback +
                      "\"], \"No\"))}} + 3{{/}}" +
                      "{{#if(equals(issue.fields[\"Change conflict\"], \"Yes\"))}} + 2{{/}}" +
                      "{{/}}";
  auto set_risk = [](const char* level) {
    return json::array{
        json::object{{"type", "editIssue"}, {"fields", json::object{{"Change risk", level}}}},
        json::object{{"type", "log"},
                     {"message", std::string("Risk score {{ChangeRiskValue}}: ") + level}}};
  };
  auto above = [](int n) {
    return json::array{json::object{{"type", "compare"},
                                    {"first", "{{ChangeRiskValue}}"},
                                    {"operator", "greaterThan"},
                                    {"second", std::to_string(n)}}};
  };
  json::array rules;
  rules.push_back(json::object{
      {"name", "Normal Change - Risk Calculation"},
      {"description",
       "This Rule is triggered to calculate overall Risk Score on creation of a Normal Change."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "fieldValueChanged"},
                               {"fields", json::array{"Change conflict", kBusinessHours, kTesting,
                                                      kRollback}}}},
      {"components",
       json::array{
           json::object{{"type", "issueFields"},
                        {"field", "Change type"},
                        {"operator", "oneOf"},
                        {"values", json::array{"Normal"}}},
           json::object{{"type", "createVariable"}, {"name", "ChangeRiskValue"}, {"value", score}},
           json::object{
               {"type", "ifElse"},
               {"branches",
                json::array{
                    json::object{{"conditions", above(6)}, {"components", set_risk("Critical")}},
                    json::object{{"conditions", above(4)}, {"components", set_risk("High")}},
                    json::object{{"conditions", above(1)}, {"components", set_risk("Medium")}}}},
               {"else", set_risk("Low")}}}},
      {"owner", "admin"}});
  rules.push_back(json::object{
      {"name", "Normal Change - Lead Time Warning"},
      {"description",
       "Warns on the change and its portal request when the planned start is less than the "
       "7 days' notice a normal change needs."},
      {"projects", json::array{"ITO"}},
      {"trigger",
       json::object{{"type", "fieldValueChanged"}, {"fields", json::array{"Planned start"}}}},
      {"components",
       json::array{
           Cond("Change type", "equals", "Normal"), Cond("Planned start", "isNotEmpty", nullptr),
           json::object{{"type", "compare"},
                        {"first", "{{now.diff(issue.fields[\"Planned start\"]).days}}"},
                        {"operator", "lessThan"},
                        {"second", "7"}},
           json::object{{"type", "comment"},
                        {"internal", false},
                        {"body",
                         "Lead Time Warning\n\nYour start date is less than the 7 days required "
                         "for this Change"}}}},
      {"owner", "admin"}});
  rules.push_back(json::object{
      {"name", "Standard Change - Create Tasks"},
      {"description",
       "A new standard change gets its implementation tasks as sub-tasks: confirm the target, "
       "then test the node."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "issueCreated"}}},
      {"components",
       json::array{Cond("issuetype", "equals", "Change"), Cond("Change type", "equals", "Standard"),
                   json::object{{"type", "createSubtasks"},
                                {"subtasks", json::array{"Confirm Target", "Test Node"}}}}},
      {"owner", "admin"}});
  rules.push_back(json::object{
      {"name", "Major Incident - Create Post-incident Review"},
      {"description",
       "When a major incident is resolved, opens its post-incident review, linked to the "
       "incident that causes it, reported by Automation."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "issueTransitioned"}, {"toStatus", "Resolved"}}},
      {"components",
       json::array{Cond("issuetype", "equals", "Incident"), Cond("Major incident", "equals", "Yes"),
                   json::object{
                       {"type", "createIssue"},
                       {"issueType", "Post-incident review"},
                       {"summary", "PIR: {{issue.summary}}"},
                       {"description",
                        "Post-incident review of {{issue.key}} ({{issue.summary}}), resolved "
                        "{{now.mediumDateTime}}.\n\nTimeline, impact, root cause and actions to be "
                        "completed by the incident team."},
                       {"linkType", "causes"}},
                   json::object{{"type", "comment"},
                                {"internal", true},
                                {"body", "Post-incident review {{createdIssue.key}} opened."}}}},
      {"owner", "admin"}});
  return rules;
}

}  // namespace

Status LoadDemoAutomation(Application& app, TimestampMs now) {
  http::Principal automation;
  STEWARD_TRY(app.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id FROM users WHERE username = 'automation'", {},
                   [&](const storage::Row& r) { automation.user_id = r.Int(0); });
  }));
  automation.username = "automation";
  automation.display_name = "Automation for Steward";
  automation.kind = "admin";
  STEWARD_TRY(app.automation().ApplyRules(DemoRules(), automation));
  // The history above is the past: rules start with what happens from now on.
  STEWARD_TRY(app.engine().SkipToNewest());
  // Two new normal changes, raised by Alana through the ticket service like any agent's: the
  // engine computes their risk and warns about the short lead time of the first once it runs.
  http::Principal alana;
  STEWARD_TRY(app.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id, display_name FROM users WHERE username = 'alana'", {},
                   [&](const storage::Row& r) {
                     alana.user_id = r.Int(0);
                     alana.display_name = r.String(1);
                   });
  }));
  alana.username = "alana";
  alana.kind = "agent";
  const std::int64_t day = 86400000;
  struct NewChange {
    const char* summary;
    std::int64_t start_in;
    const char* hours;
    const char* testing;
    const char* rollback;
    const char* conflict;
  };
  for (const NewChange& n :
       {NewChange{"Upgrade MongoDB Atlas cluster to 7.0", 3 * day, "No", "No", "Yes", "No"},
        NewChange{"Rotate TLS certificates for Billing Service", 10 * day, "Yes", "Yes", "Yes",
                  "No"}}) {
    json::object body{
        {"project", "ITO"},
        {"issueType", "Change"},
        {"summary", n.summary},
        {"fields", json::object{{"Change type", "Normal"},
                                {"Planned start", FormatIsoUtc(now + n.start_in)},
                                {"Planned end", FormatIsoUtc(now + n.start_in + day / 12)},
                                {kBusinessHours, n.hours},
                                {kTesting, n.testing},
                                {kRollback, n.rollback},
                                {"Change conflict", n.conflict}}}};
    STEWARD_TRY(app.tickets().CreateIssue(alana, body));
  }
  // Their rules run now, so the loaded demo is the same every time (and its audit logs show it).
  while (true) {
    STEWARD_ASSIGN_OR_RETURN(int n, app.engine().RunOnce(16));
    if (n == 0) {
      break;
    }
  }
  return Ok();
}

}  // namespace steward::app
