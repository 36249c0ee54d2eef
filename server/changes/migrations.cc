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
      {"changes", 2,
       "change enablement: settings, risk assessments, approvals and their decisions, freeze "
       "windows, the change request of each deployment",
       R"sql(
CREATE TABLE change_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL,
  updated_by INTEGER REFERENCES users (id),
  updated_at INTEGER NOT NULL
);
CREATE TABLE change_risk (
  issue_id INTEGER PRIMARY KEY REFERENCES issues (id) ON DELETE CASCADE,
  score INTEGER NOT NULL,
  level TEXT NOT NULL,
  reasons TEXT NOT NULL,
  computed_at INTEGER NOT NULL
);
CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  status_name TEXT NOT NULL,
  required_kind TEXT NOT NULL CHECK (required_kind IN ('any', 'all', 'count', 'percent')),
  required_value INTEGER,
  needed INTEGER NOT NULL,
  approve_transition TEXT NOT NULL,
  decline_transition TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
  auto INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX approvals_issue ON approvals (issue_id, id);
CREATE TABLE approval_decisions (
  approval_id INTEGER NOT NULL REFERENCES approvals (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  decision TEXT NOT NULL CHECK (decision IN ('pending', 'approved', 'declined')),
  comment TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  PRIMARY KEY (approval_id, user_id)
);
CREATE INDEX approval_decisions_user ON approval_decisions (user_id, decision);
CREATE TABLE freeze_windows (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('block', 'flag')),
  created_by INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE TABLE freeze_window_services (
  freeze_id INTEGER NOT NULL REFERENCES freeze_windows (id) ON DELETE CASCADE,
  object_id INTEGER NOT NULL,
  object_key TEXT NOT NULL,
  PRIMARY KEY (freeze_id, object_id)
);
ALTER TABLE deployments ADD COLUMN change_issue_id INTEGER REFERENCES issues (id) ON DELETE SET NULL;
CREATE INDEX deployments_change ON deployments (change_issue_id) WHERE change_issue_id IS NOT NULL;
)sql"},
      {"changes", 3,
       "the longest planned window of any change, which bounds the index range of overlap "
       "queries (absent: unknown, the 90-day maximum is assumed)",
       R"sql(
CREATE TABLE change_window_bound (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  longest_ms INTEGER NOT NULL
);
)sql"},
  };
}

}  // namespace steward::changes
