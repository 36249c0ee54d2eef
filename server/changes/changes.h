// Change enablement (SPEC S6): deployment tracking for now — CI/CD tools report deployments
// through the JSM deployments API shape (`/rest/deployments/0.1/...`) or Steward's own list.
// Deployments are associated with issues (by key) and services (CMDB objects of the services
// field, by key or label).
//
// Thread-safety: DeploymentService is safe to call from any thread (state is in the database).
#pragma once

#include "base/clock.h"
#include "http/message.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "tickets/catalog.h"

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace steward::changes {

namespace json = boost::json;
using http::Principal;

std::vector<storage::Migration> Migrations();

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

 private:
  storage::Database& db_;
  const Clock& clock_;
  tickets::CatalogHolder& catalog_;
};

}  // namespace steward::changes
