// Change enablement (SPEC S6).
//   - ChangeService: the settings (risk model mapping, approval steps, lead time, which
//     deployments open change requests and which are gated), risk assessment from the CMDB's
//     Risk Assessment objects, standard changes from the CMDB catalog, approvals on workflow
//     statuses, lead time, the change calendar with conflicts and freeze windows, potential
//     causes of incidents and the changes-by-type report. It keeps its derived state in the
//     transaction of each issue write (a TicketService observer and transition guard).
//   - DeploymentService: CI/CD tools report deployments through the JSM deployments API shape
//     (`/rest/deployments/0.1/...`) or Steward's own list. Deployments are associated with
//     issues (by key) and services (CMDB objects of the services field, by key or label); a
//     deployment to a change environment opens or updates its change request, and a gated one
//     waits for that change's approval (gating status).
//
// Thread-safety: both services are safe to call from any thread (state is in the database).
#pragma once

#include "base/clock.h"
#include "cmdb/cmdb.h"
#include "http/message.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "tickets/catalog.h"
#include "tickets/tickets.h"

#include <boost/json.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace steward::changes {

namespace json = boost::json;
using http::Principal;

std::vector<storage::Migration> Migrations();

class ChangeService;
namespace internal {
struct Settings;
}

// A deployment's identity, as JSM names it.
struct DeploymentKey {
  std::string pipeline_id;
  std::string environment_id;
  std::int64_t sequence = 0;
};

// Deployments as CI/CD tools report them (S6.7).
class DeploymentService {
 public:
  DeploymentService(storage::Database& db, const Clock& clock, tickets::CatalogHolder& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  // The custom field whose objects are services (values of serviceIdOrKeys associations).
  static constexpr const char* kServiceField = "Affected services";

  // POST /rest/deployments/0.1/bulk: upserts each deployment by (pipeline, environment,
  // sequence) unless the stored one has an equal or greater updateSequenceNumber. Per-deployment
  // problems go to `rejectedDeployments`; unknown issue keys and services are reported and left
  // out. A body that is not a submission at all is 400.
  Result<json::object> SubmitBulk(const Principal& p, const json::object& body);
  Result<json::object> Get(const Principal& p, const DeploymentKey& key);
  Status Delete(const Principal& p, const DeploymentKey& key);
  // DELETE /rest/deployments/0.1/bulkByProperties: every deployment whose submission properties
  // include all of `properties`; returns how many.
  Result<std::int64_t> DeleteByProperties(
      const Principal& p, const std::vector<std::pair<std::string, std::string>>& properties);
  // GET /api/v1/deployments: newest first, optionally of one service (key or label), one
  // environment type or one issue key.
  struct ListFilter {
    std::optional<std::string> service;
    std::optional<std::string> environment_type;
    std::optional<std::string> issue;
    int limit = 50;
  };
  Result<json::object> List(const Principal& p, const ListFilter& f);
  // GET .../gating-status: awaiting, allowed, prevented or invalid, in the JSM shape.
  Result<json::object> GatingStatus(const Principal& p, const DeploymentKey& key,
                                    std::string_view base_url);
  // GET /api/v1/deployments/stats: per service, deployments and change failure rate.
  Result<json::object> Stats(const Principal& p, int days, const std::string& environment_type);

  // Set once at start-up: deployments to change environments open change requests through it.
  void SetChangeService(ChangeService* changes) { changes_ = changes; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  tickets::CatalogHolder& catalog_;
  ChangeService* changes_ = nullptr;
};

// A stored deployment report, as ChangeService sees it (in the submitting transaction).
struct DeploymentReport {
  std::int64_t id = 0;
  DeploymentKey key;
  std::string display_name, url, state, pipeline_name, environment_name, environment_type;
  bool gating = false;
  std::vector<std::int64_t> issue_ids;
  std::vector<std::string> service_keys;
};

// Change enablement (S6.1-6.6, 6.8-6.9); see the file comment.
class ChangeService {
 public:
  ChangeService(storage::Database& db, const Clock& clock, tickets::TicketService& tickets,
                tickets::CatalogHolder& catalog, cmdb::CmdbService& cmdb)
      : db_(db), clock_(clock), tickets_(tickets), catalog_(catalog), cmdb_(cmdb) {}

  // Installs the issue observer and the transition guard on TicketService; once, at start-up.
  void Install();
  // Recomputes the longest planned window of any change (internal::LongestWindow) from the
  // data: at start-up, and after a bulk load that wrote changes around the observer.
  Status RefreshWindowBound();

  Result<json::object> GetSettings(const Principal& p);
  Result<json::object> PutSettings(const Principal& p, const json::object& body);

  // The change's risk assessment (404 when it has none) and lead time.
  Result<json::object> Risk(const Principal& p, std::string_view key);

  Result<json::object> ListApprovals(const Principal& p, std::string_view key);
  // Approve or decline the pending approval as one of its approvers.
  Result<json::object> Decide(const Principal& p, std::string_view key, const json::object& body);

  struct CalendarQuery {
    TimestampMs from = 0, to = 0;
    std::optional<std::string> change_type, service, status;
  };
  Result<json::object> Calendar(const Principal& p, const CalendarQuery& q);
  Result<json::object> ListFreezeWindows(const Principal& p);
  Result<json::object> CreateFreezeWindow(const Principal& p, const json::object& body);
  Status DeleteFreezeWindow(const Principal& p, std::int64_t id);

  // Recent changes and deployments on an incident's affected services; selecting one links
  // its change "causes" the incident.
  Result<json::object> PotentialCauses(const Principal& p, std::string_view key, int days);
  Result<json::object> SelectPotentialCause(const Principal& p, std::string_view key,
                                            const json::object& body);

  // "Changes by type": changes created per month, the current month last.
  Result<json::object> ChangesByType(const Principal& p, int months);

  // In the submitting transaction: opens or updates the deployment's change request when its
  // environment type is a change environment (or it asks for gating); returns its issue id.
  Result<std::optional<std::int64_t>> OnDeployment(storage::Connection& c,
                                                   const DeploymentReport& d);
  // awaiting / allowed / prevented for a gated deployment's change (issue id).
  Result<std::string> GatingOf(storage::Connection& c, std::int64_t change_issue_id);

  // The service objects field's name (values of serviceIdOrKeys associations).
  static constexpr const char* kServiceField = "Affected services";

 private:
  Status Observe(storage::Connection& c, const Principal& p, const tickets::IssueWrite& w);
  Status Guard(storage::Connection& c, const Principal& p, const tickets::IssueWrite& w);
  Status ApplyStandardChange(storage::Connection& c, std::int64_t issue_id);
  Status AssessRisk(storage::Connection& c, std::int64_t issue_id);
  // The settings, parsed once and kept until PutSettings replaces them.
  Result<std::shared_ptr<const internal::Settings>> CurrentSettings(storage::Connection& c);
  Status OpenApproval(storage::Connection& c, const tickets::IssueWrite& w);
  // `cascade`: also mark the changes it now conflicts with, and clear those that were in
  // conflict on its services and are no longer.
  // `before`: the change's window before this write (to re-check the changes it overlapped).
  Status RecomputeConflicts(storage::Connection& c, std::int64_t issue_id, bool cascade = true,
                            std::optional<std::pair<TimestampMs, TimestampMs>> before = {});
  // Takes the transition named `name` from the issue's current status, if there is one.
  Result<bool> TakeTransition(storage::Connection& c, const Principal& as, std::int64_t issue_id,
                              std::string_view name);
  // The issue as the system principal sees it (every field).
  Result<json::object> View(storage::Connection& c, std::int64_t issue_id);
  Result<json::object> ApprovalJson(storage::Connection& c, std::int64_t approval_id,
                                    std::int64_t viewer);

  storage::Database& db_;
  const Clock& clock_;
  tickets::TicketService& tickets_;
  tickets::CatalogHolder& catalog_;
  cmdb::CmdbService& cmdb_;
  std::mutex settings_mu_;
  std::shared_ptr<const internal::Settings> settings_;  // guarded by settings_mu_
};

}  // namespace steward::changes
