// The demo's automation (S7.7): the seed's rules — "Normal Change - Risk Calculation" (acting on
// the risk the change risk model calculates), the lead-time warning, standard-change sub-tasks
// and the post-incident review of a resolved major incident — applied as rules as code, then the
// change settings and deployment history (demo_changes.cc), and two fresh changes made through
// the ticket service, on which the engine runs the rules before loading ends, so their audit
// logs are not empty (the first waits for the CAB).
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
  json::array rules;
  json::object cab_comment{{"type", "comment"},
                           {"internal", true},
                           {"body",
                            "Risk {{ChangeRiskValue}}: this change needs the approval of the "
                            "Change Advisory Board before it is implemented."}};
  // The risk itself is calculated by the change risk model (the Risk Assessment objects in
  // Assets, changes/); this rule is the seed's "Risk Calculation" step that acts on it: it keeps
  // the calculated level in {{ChangeRiskValue}}, logs it, and tells the change's watchers when
  // the change needs the CAB.
  rules.push_back(json::object{
      {"name", "Normal Change - Risk Calculation"},
      {"description",
       "Acts on the risk the change risk model calculates for a normal change (from its answers, "
       "conflicts and the affected service's tier): logs it and, for high and critical risk, "
       "notes that the change advisory board must approve it."},
      {"projects", json::array{"ITO"}},
      {"trigger",
       json::object{{"type", "fieldValueChanged"}, {"fields", json::array{"Change risk"}}}},
      {"components",
       json::array{
           json::object{{"type", "issueFields"},
                        {"field", "Change type"},
                        {"operator", "oneOf"},
                        {"values", json::array{"Normal"}}},
           json::object{{"type", "createVariable"},
                        {"name", "ChangeRiskValue"},
                        {"value", "{{issue.fields[\"Change risk\"]}}"}},
           json::object{{"type", "log"}, {"message", "Risk: {{ChangeRiskValue}}"}},
           json::object{
               {"type", "ifElse"},
               {"branches", json::array{json::object{
                                {"conditions", json::array{Cond("Change risk", "oneOf",
                                                                json::array{"High", "Critical"})}},
                                {"components", json::array{cab_comment}}}}}}}},
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
       "A new standard change raised without a catalog entry gets the default implementation "
       "tasks as sub-tasks: confirm the target, then test the node."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "issueCreated"}}},
      {"components",
       json::array{Cond("issuetype", "equals", "Change"), Cond("Change type", "equals", "Standard"),
                   // Changes from the catalog get the catalog's tasks (changes/).
                   Cond("Type of standard change", "isEmpty", nullptr),
                   json::object{{"type", "createSubtasks"},
                                {"subtasks", json::array{"Confirm Target", "Test Node"}}}}},
      {"owner", "admin"}});
  rules.push_back(json::object{
      {"name", "Approval requested - Email approvers"},
      {"description",
       "When a change waits for approval, e-mails each approver a link to approve or decline "
       "it (they sign in and decide on the change, or on the portal)."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "approvalRequested"}}},
      {"components",
       json::array{json::object{
           {"type", "sendEmail"},
           {"to", json::array{"{{approval.approverUsernames}}"}},
           {"subject", "Approval needed: {{issue.key}} {{issue.summary}}"},
           {"body",
            "{{issue.key}} {{issue.summary}} waits for your approval ({{approval.name}}, "
            "{{approval.needed}} needed).\n\nApprove or decline it here: "
            "{{baseUrl}}/browse/{{issue.key}}\n\nRisk: {{issue.fields[\"Change risk\"]}}"}}}},
      {"owner", "admin"}});
  rules.push_back(json::object{
      {"name", "Emergency Change - Retrospective Review"},
      {"description",
       "An emergency change skipped the normal lead time and got an expedited approval: once it "
       "is completed it gets a retrospective review task for the change advisory board."},
      {"projects", json::array{"ITO"}},
      {"trigger", json::object{{"type", "issueTransitioned"}, {"toStatus", "Completed"}}},
      {"components", json::array{Cond("issuetype", "equals", "Change"),
                                 Cond("Change type", "equals", "Emergency"),
                                 json::object{{"type", "createSubtasks"},
                                              {"subtasks", json::array{"Retrospective review"}}}}},
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
  STEWARD_TRY(LoadDemoChanges(app, now));
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
    const char* service;
  };
  for (const NewChange& n : {NewChange{"Upgrade MongoDB Atlas cluster to 7.0", 3 * day, "No", "No",
                                       "Yes", "No", "Online Order Processing"},
                             NewChange{"Rotate TLS certificates for Billing Service", 10 * day,
                                       "No", "Yes", "Yes", "No", "Billing Service"}}) {
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
                                {"Change conflict", n.conflict},
                                {"Affected services", json::array{n.service}}}}};
    STEWARD_ASSIGN_OR_RETURN(auto created, app.tickets().CreateIssue(alana, body));
    if (n.start_in < 7 * day) {
      // The first goes to the CAB at once: its risk is high, so it waits for two approvals.
      std::string key(created.at("key").as_string());
      for (const char* to : {"Planning", "Awaiting approval"}) {
        STEWARD_TRY(app.tickets().Transition(alana, key, json::object{{"to", to}}));
      }
    }
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
