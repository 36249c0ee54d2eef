#include "changes/changes.h"

namespace steward::changes {

std::vector<storage::Migration> Migrations() {
  return {
      {"changes", 1, "deployments reported by CI/CD tools, their issues, services and properties",
       R"sql(
CREATE TABLE deployments (
  id INTEGER PRIMARY KEY,
  pipeline_id TEXT NOT NULL,
  environment_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  update_sequence INTEGER NOT NULL,
  display_name TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  pipeline_name TEXT NOT NULL,
  pipeline_url TEXT NOT NULL DEFAULT '',
  environment_name TEXT NOT NULL,
  environment_type TEXT NOT NULL,
  gating INTEGER NOT NULL DEFAULT 0,
  triggered_by TEXT,
  provider TEXT NOT NULL DEFAULT '',
  last_updated INTEGER NOT NULL,
  submitted_by INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (pipeline_id, environment_id, sequence)
);
CREATE INDEX deployments_last_updated ON deployments (last_updated);
CREATE TABLE deployment_issues (
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  PRIMARY KEY (deployment_id, issue_id)
);
CREATE INDEX deployment_issues_issue ON deployment_issues (issue_id);
CREATE TABLE deployment_services (
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  object_id INTEGER NOT NULL,
  object_key TEXT NOT NULL,
  PRIMARY KEY (deployment_id, object_id)
);
CREATE INDEX deployment_services_object ON deployment_services (object_id);
CREATE TABLE deployment_properties (
  deployment_id INTEGER NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (deployment_id, name)
);
CREATE INDEX deployment_properties_value ON deployment_properties (name, value);
)sql"},
  };
}

}  // namespace steward::changes
