#include "app/application.h"

#include "automation/api/automation_routes.h"
#include "changes/api/deployment_routes.h"
#include "cmdb/api/cmdb_routes.h"
#include "identity/api/identity_routes.h"
#include "requests/api/request_routes.h"
#include "storage/migrations.h"
#include "tickets/api/live_routes.h"
#include "tickets/api/search_routes.h"
#include "tickets/api/ticket_routes.h"

#include <filesystem>

namespace steward::app {

Application::~Application() {
  if (engine_) {
    engine_->Stop();
  }
  if (live_) {
    live_->Stop();
  }
  if (db_) {
    db_->Close();
  }
}

Result<std::unique_ptr<Application>> Application::Open(const std::string& data_dir,
                                                       const Clock& clock, const Options& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir + "/attachments", ec);
  if (ec) {
    return Error::Unavailable("app.dataDir", "cannot create the data directory " + data_dir,
                              ec.message());
  }
  std::unique_ptr<Application> app(new Application(clock));
  storage::SqliteOptions opts;
  opts.path = data_dir + "/steward.db";
  STEWARD_ASSIGN_OR_RETURN(app->db_, storage::OpenSqlite(opts));
  std::vector<storage::Migration> all;
  for (auto& m : identity::Migrations()) {
    all.push_back(std::move(m));
  }
  for (auto& m : tickets::Migrations()) {
    all.push_back(std::move(m));
  }
  for (auto& m : cmdb::Migrations()) {
    all.push_back(std::move(m));
  }
  for (auto& m : requests::Migrations()) {
    all.push_back(std::move(m));
  }
  for (auto& m : automation::Migrations()) {
    all.push_back(std::move(m));
  }
  for (auto& m : changes::Migrations()) {
    all.push_back(std::move(m));
  }
  STEWARD_TRY(storage::ApplyMigrations(*app->db_, all));
  app->identity_ = std::make_unique<identity::IdentityService>(*app->db_, clock);
  app->attachments_ = std::make_unique<storage::AttachmentStore>(data_dir + "/attachments");
  app->tickets_ =
      std::make_unique<tickets::TicketService>(*app->db_, clock, app->catalog_, *app->attachments_);
  STEWARD_TRY(app->tickets_->Initialize());
  app->search_ = std::make_unique<tickets::SearchService>(*app->db_, clock, app->catalog_);
  app->requests_ =
      std::make_unique<requests::RequestService>(*app->db_, clock, app->catalog_, *app->tickets_);
  app->live_ = std::make_unique<tickets::LiveFeed>(*app->db_);
  app->cmdb_ = std::make_unique<cmdb::CmdbService>(*app->db_, clock, *app->attachments_);
  app->bridge_ = std::make_unique<ticket_cmdb::Bridge>(*app->db_, *app->cmdb_, *app->tickets_,
                                                       *app->search_, app->catalog_);
  app->bridge_->Install();
  automation::RegisterBuiltins(app->registry_);
  automation::Engine::Options engine_options;
  engine_options.mail = options.mail;
  app->engine_ =
      std::make_unique<automation::Engine>(*app->db_, clock, *app->tickets_, *app->search_,
                                           app->catalog_, app->registry_, engine_options);
  app->automation_ = std::make_unique<automation::AutomationService>(
      *app->db_, clock, app->catalog_, *app->tickets_, *app->search_, app->registry_,
      *app->engine_);
  STEWARD_TRY(app->automation_->Initialize());
  app->deployments_ = std::make_unique<changes::DeploymentService>(*app->db_, clock, app->catalog_);
  app->changes_ = std::make_unique<changes::ChangeService>(*app->db_, clock, *app->tickets_,
                                                           app->catalog_, *app->cmdb_);
  app->changes_->Install();
  STEWARD_TRY(app->changes_->RefreshWindowBound());
  app->deployments_->SetChangeService(app->changes_.get());
  STEWARD_TRY(app->engine_->Initialize());
  return app;
}

void Application::RegisterRoutes(http::Router& router, bool secure_cookies) {
  router.SetAuthenticator(
      [this](const http::Request& req) { return identity_->Authenticate(req); });
  RegisterSystemRoutes(router, *db_);
  identity::RegisterIdentityRoutes(router, *identity_, identity::CookieOptions{secure_cookies});
  tickets::RegisterTicketRoutes(router, *tickets_);
  tickets::RegisterSearchRoutes(router, *search_);
  tickets::RegisterLiveRoutes(router, *live_);
  requests::RegisterRequestRoutes(router, *requests_);
  cmdb::RegisterCmdbRoutes(router, *cmdb_);
  bridge_->RegisterRoutes(router);
  automation::RegisterAutomationRoutes(router, *automation_);
  changes::RegisterDeploymentRoutes(router, *deployments_);
  changes::RegisterChangeRoutes(router, *changes_);
}

}  // namespace steward::app
