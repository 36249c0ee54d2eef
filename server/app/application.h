// Application: the composition root. Opens the data directory (database, attachments), applies
// every module's migrations in dependency order, builds the services and registers their routes.
// Only app/ knows every module.
//
// Thread-safety: construct and wire on one thread; the services are then thread-safe.
#pragma once

#include "automation/automation.h"
#include "base/clock.h"
#include "base/result.h"
#include "changes/changes.h"
#include "cmdb/cmdb.h"
#include "http/router.h"
#include "identity/identity.h"
#include "requests/requests.h"
#include "storage/database.h"
#include "ticket_cmdb/ticket_cmdb.h"
#include "tickets/live_feed.h"
#include "tickets/search.h"
#include "tickets/tickets.h"

#include <memory>
#include <string>

namespace steward::app {

class Application {
 public:
  struct Options {
    automation::MailSettings mail;
  };
  static Result<std::unique_ptr<Application>> Open(const std::string& data_dir, const Clock& clock,
                                                   const Options& options = {});
  ~Application();

  storage::Database& db() { return *db_; }
  identity::IdentityService& identity() { return *identity_; }
  tickets::TicketService& tickets() { return *tickets_; }
  tickets::SearchService& search() { return *search_; }
  requests::RequestService& requests() { return *requests_; }
  changes::DeploymentService& deployments() { return *deployments_; }
  changes::ChangeService& changes() { return *changes_; }
  tickets::LiveFeed& live() { return *live_; }
  cmdb::CmdbService& cmdb() { return *cmdb_; }
  tickets::CatalogHolder& catalog() { return catalog_; }
  automation::AutomationService& automation() { return *automation_; }
  automation::Engine& engine() { return *engine_; }
  // Starts background work (the automation engine); `serve` calls it, one-shot commands do not.
  void StartBackground() { engine_->Start(); }
  const Clock& clock() const { return clock_; }

  void RegisterRoutes(http::Router& router, bool secure_cookies);

 private:
  explicit Application(const Clock& clock) : clock_(clock) {}

  const Clock& clock_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  tickets::CatalogHolder catalog_;
  std::unique_ptr<storage::AttachmentStore> attachments_;
  std::unique_ptr<tickets::TicketService> tickets_;
  std::unique_ptr<tickets::SearchService> search_;
  std::unique_ptr<requests::RequestService> requests_;
  std::unique_ptr<changes::DeploymentService> deployments_;
  std::unique_ptr<changes::ChangeService> changes_;
  std::unique_ptr<tickets::LiveFeed> live_;
  std::unique_ptr<cmdb::CmdbService> cmdb_;
  std::unique_ptr<ticket_cmdb::Bridge> bridge_;
  automation::Registry registry_;
  std::unique_ptr<automation::Engine> engine_;
  std::unique_ptr<automation::AutomationService> automation_;
};

// /healthz, /readyz, /metrics and /api/v1/openapi.json.
void RegisterSystemRoutes(http::Router& router, storage::Database& db);

// Loads the seed scenario (the talk in shared/seed) into an empty database, deterministically
// for a given "now": the same `now` always gives the same data, with every date relative to it.
Status LoadDemo(Application& app, TimestampMs now);
// The demo's automation rules and two fresh changes for them to act on (demo_automation.cc).
Status LoadDemoAutomation(Application& app, TimestampMs now);
// The demo's change settings (risk model, approval steps, gating) and deployment history
// (demo_changes.cc).
Status LoadDemoChanges(Application& app, TimestampMs now);
// True if the demo has been loaded into this database already.
Result<bool> DemoLoaded(Application& app);

// Online backup: a consistent copy of the database plus the attachment files, into a new
// directory that `RestoreBackup` (or simply `--data`) can use.
Status WriteBackup(Application& app, const std::string& data_dir, const std::string& target_dir);
// Puts a backup in place as a data directory; refuses to overwrite an existing database.
Status RestoreBackup(const std::string& backup_dir, const std::string& data_dir);

// Rules as code (`steward config export --rules`, `steward config apply FILE`): YAML (or JSON)
// in and out; errors name the rule and the file's line.
Result<std::string> ExportRulesText(Application& app, std::string_view format);
Result<std::string> ApplyRulesFile(Application& app, const std::string& path);

extern const char* const kOpenApiJson;

}  // namespace steward::app
