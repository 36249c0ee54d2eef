// The demo's change enablement (S6): the change settings (the risk model's questions mapped to
// the change fields, approval steps — low risk auto-approved, medium by the service's owner
// team, high and critical by two members of the Change Advisory Board, emergency by one —
// production deployments opening change requests in ITO, production gated) and two months of
// deployment history per service, so the deployment timeline and change failure rates have
// something to show. Deterministic for a given "now".
#include "app/application.h"
#include "app/demo_data.h"
#include "base/time_format.h"

#include <boost/json.hpp>

#include <optional>
#include <random>

namespace steward::app {

namespace json = boost::json;

namespace {

constexpr const char* kSettings = R"json({
  "deployments": {"project": "ITO", "changeEnvironmentTypes": ["production"],
                  "gatedEnvironmentTypes": ["production"]},
  "riskModel": {
    "schema": "PS", "changeTypes": ["Normal", "Emergency"],
    "questions": [
      {"objectType": "During Business Hours",
       "field": "Will this change be completed during business hours?"},
      {"objectType": "Testing Complete", "field": "Testing completed for this change request?"},
      {"objectType": "Easily Rolled Back", "field": "Is the change easily rolled back?"},
      {"objectType": "Change Conflict", "field": "Change conflict"}],
    "serviceField": "Affected services", "tierAttribute": "Tier",
    "tierObjectType": "Business Service Risk", "bandsObjectType": "Risk Computation Scores"},
  "leadTime": {"objectType": "Lead Time", "block": false},
  "approvalSteps": [
    {"name": "Auto-approval", "status": "Awaiting approval", "changeTypes": ["Normal"],
     "risks": ["Low"], "autoApprove": true},
    {"name": "Change manager", "status": "Awaiting approval", "changeTypes": ["Normal"],
     "risks": ["Medium"], "approvers": [{"type": "serviceOwner"}, {"type": "field"}],
     "required": {"kind": "any"}},
    {"name": "CAB review", "status": "Awaiting approval", "changeTypes": ["Normal"],
     "risks": ["High", "Critical"],
     "approvers": [{"type": "team", "name": "Change Advisory Board"}],
     "required": {"kind": "count", "value": 2}},
    {"name": "Emergency CAB", "status": "Awaiting approval", "changeTypes": ["Emergency"],
     "approvers": [{"type": "team", "name": "Change Advisory Board"}],
     "required": {"kind": "any"}}]
})json";

struct Pipeline {
  const char* service;
  const char* id;
  const char* name;
  int per_month;
  int fail_percent;
};

const Pipeline kPipelines[] = {
    {"Payment Processing", "payments-api", "payments-api", 9, 12},
    {"Online Order Processing", "order-service", "order-service", 12, 8},
    {"Customer Portal", "customer-portal", "customer-portal web", 14, 5},
    {"Billing Service", "billing", "billing batch", 4, 20},
    {"Mobile App Backend", "mobile-bff", "mobile-bff", 8, 10},
    {"Identity and Access", "iam-config", "iam config", 3, 0},
};

// The story behind the open payment incidents (ITO-2075, ITO-2076): the newest normal change
// finished lately was a payments-api release to production that failed. It gets Payment
// Processing as its affected service and its failed deployment, so the incidents list it as a
// potential cause.
Status PotentialCause(storage::Connection& c, std::int64_t admin, TimestampMs now) {
  std::optional<std::pair<std::int64_t, TimestampMs>> change;
  STEWARD_TRY(c.Query(
      "SELECT i.id, i.updated_at FROM issues i JOIN issue_types t ON t.id = i.issue_type_id JOIN "
      "statuses s ON s.id = i.status_id JOIN issue_field_values v ON v.issue_id = i.id JOIN "
      "custom_fields f ON f.id = v.field_id AND f.name = 'Change type' JOIN custom_field_options "
      "o ON o.id = v.int_value AND o.value = 'Normal' WHERE t.name = 'Change' AND s.name IN "
      "('Completed', 'Failed') AND i.updated_at >= ? ORDER BY s.name = 'Failed' DESC, "
      "i.updated_at DESC LIMIT 1",
      {now - std::int64_t{6} * 86400000}, [&](const storage::Row& r) {
        change = std::pair{r.Int(0), r.Int(1)};
      }));
  STEWARD_ASSIGN_OR_RETURN(auto svc_schema, cmdb::CmdbService::SchemaId(c, "SVC"));
  STEWARD_ASSIGN_OR_RETURN(
      auto service, cmdb::CmdbService::Resolve(c, "Payment Processing", svc_schema.value_or(0)));
  STEWARD_ASSIGN_OR_RETURN(
      auto field, c.QueryInt("SELECT id FROM custom_fields WHERE name = 'Affected services'", {}));
  if (!change || !service || !field) {
    return Ok();
  }
  STEWARD_TRY(
      c.Exec("UPDATE issues SET summary = 'Release payments-api v2.0.0 (new EMEA "
             "acquirer routing)' WHERE id = ?",
             {change->first}));
  STEWARD_TRY(c.Exec("DELETE FROM issue_field_values WHERE issue_id = ? AND field_id = ?",
                     {change->first, *field}));
  STEWARD_TRY(
      c.Exec("INSERT INTO issue_field_values(issue_id, field_id, seq, text_value, "
             "int_value) VALUES (?,?,0,?,?)",
             {change->first, *field, service->key, service->id}));
  STEWARD_ASSIGN_OR_RETURN(
      auto id,
      c.QueryInt("INSERT INTO deployments(pipeline_id, environment_id, sequence, update_sequence, "
                 "display_name, url, description, label, state, pipeline_name, pipeline_url, "
                 "environment_name, environment_type, gating, provider, last_updated, "
                 "submitted_by, created_at, updated_at, change_issue_id) VALUES "
                 "('payments-api', 'payments-api-production', 1000, 2, 'payments-api v2.0.0', "
                 "'https://ci.steward.example/payments-api/pipelines/1000', 'Release v2.0.0 of "
                 "payments-api: new EMEA acquirer routing', 'v2.0.0', 'failed', 'payments-api', "
                 "'https://ci.steward.example/payments-api', 'prod-eu', 'production', 1, "
                 "'GitLab CI', ?, ?, ?, ?, ?) RETURNING id",
                 {change->second, admin, change->second, change->second, change->first}));
  return c.Exec(
      "INSERT INTO deployment_services(deployment_id, object_id, object_key) VALUES (?,?,?)",
      {*id, service->id, service->key});
}

}  // namespace

Status LoadDemoChanges(Application& app, TimestampMs now) {
  http::Principal admin;
  STEWARD_TRY(app.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id FROM users WHERE username = 'admin'", {},
                   [&](const storage::Row& r) { admin.user_id = r.Int(0); });
  }));
  admin.username = "admin";
  admin.kind = "admin";
  STEWARD_TRY(app.changes().PutSettings(admin, json::parse(kSettings).as_object()));
  // History: production deployments (each after its staging run) over the past 60 days.
  std::mt19937_64 rng(20261126);
  const std::int64_t day = 86400000;
  return app.db().WriteTx([&](storage::Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto svc_schema, cmdb::CmdbService::SchemaId(c, "SVC"));
    for (const Pipeline& p : kPipelines) {
      STEWARD_ASSIGN_OR_RETURN(auto service,
                               cmdb::CmdbService::Resolve(c, p.service, svc_schema.value_or(0)));
      if (!service) {
        continue;
      }
      int count = p.per_month * 2;
      std::int64_t sequence = 100 + static_cast<std::int64_t>(rng() % 400);
      for (int i = 0; i < count; ++i) {
        TimestampMs at = now - 60 * day + (60 * day / count) * i +
                         static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(day / 2));
        ++sequence;
        for (const char* env : {"staging", "production"}) {
          bool production = std::string(env) == "production";
          bool failed = production && static_cast<int>(rng() % 100) < p.fail_percent;
          std::string label =
              "v1." + std::to_string(sequence / 10) + "." + std::to_string(sequence % 10);
          STEWARD_ASSIGN_OR_RETURN(
              auto id,
              c.QueryInt(
                  "INSERT INTO deployments(pipeline_id, environment_id, sequence, "
                  "update_sequence, display_name, url, description, label, state, "
                  "pipeline_name, pipeline_url, environment_name, environment_type, gating, "
                  "provider, last_updated, submitted_by, created_at, updated_at) VALUES "
                  "(?,?,?,1,?,?,?,?,?,?,?,?,?,0,'GitLab CI',?,?,?,?) RETURNING id",
                  {std::string(p.id), std::string(p.id) + "-" + env, sequence,
                   std::string(p.name) + " " + label,
                   "https://ci.steward.example/" + std::string(p.id) + "/pipelines/" +
                       std::to_string(sequence),
                   "Release " + label + " of " + p.name, label, failed ? "failed" : "successful",
                   std::string(p.name), "https://ci.steward.example/" + std::string(p.id),
                   production ? std::string("prod-eu") : std::string("staging-eu"),
                   std::string(env), at + (production ? day / 24 : 0), admin.user_id,
                   at + (production ? day / 24 : 0), at + (production ? day / 24 : 0)}));
          STEWARD_TRY(
              c.Exec("INSERT INTO deployment_services(deployment_id, object_id, "
                     "object_key) VALUES (?,?,?)",
                     {*id, service->id, service->key}));
        }
      }
    }
    return PotentialCause(c, admin.user_id, now);
  });
}

}  // namespace steward::app
