#include "requests/requests.h"

namespace steward::requests {

std::vector<storage::Migration> Migrations() {
  return {
      {"requests", 1, "portals, request type groups, request types and their forms", R"sql(
CREATE TABLE portals (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL UNIQUE REFERENCES projects (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  announcement_title TEXT NOT NULL DEFAULT '',
  announcement_message TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE TABLE request_type_groups (
  id INTEGER PRIMARY KEY,
  portal_id INTEGER NOT NULL REFERENCES portals (id),
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (portal_id, name)
);
CREATE TABLE request_types (
  id INTEGER PRIMARY KEY,
  portal_id INTEGER NOT NULL REFERENCES portals (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  help_text TEXT NOT NULL DEFAULT '',
  issue_type_id INTEGER NOT NULL REFERENCES issue_types (id),
  icon TEXT NOT NULL DEFAULT 'help',
  position INTEGER NOT NULL,
  status_names TEXT NOT NULL DEFAULT '{}',
  UNIQUE (portal_id, name)
);
CREATE TABLE request_type_group_members (
  group_id INTEGER NOT NULL REFERENCES request_type_groups (id),
  request_type_id INTEGER NOT NULL REFERENCES request_types (id),
  PRIMARY KEY (group_id, request_type_id)
);
CREATE TABLE request_type_fields (
  request_type_id INTEGER NOT NULL REFERENCES request_types (id),
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  label TEXT NOT NULL,
  help TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (request_type_id, position)
);
CREATE TABLE request_issues (
  issue_id INTEGER PRIMARY KEY REFERENCES issues (id),
  request_type_id INTEGER NOT NULL REFERENCES request_types (id)
);
CREATE INDEX request_issues_type ON request_issues (request_type_id);
)sql"},
  };
}

}  // namespace steward::requests
