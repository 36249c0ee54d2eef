#include "automation/automation.h"

namespace steward::automation {

std::vector<storage::Migration> Migrations() {
  return {
      {"automation", 1, "rules, audit log, outbox cursor, loop records, schedules, pending work",
       R"sql(
CREATE TABLE automation_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  projects TEXT NOT NULL DEFAULT '[]',
  trigger_type TEXT NOT NULL,
  trigger TEXT NOT NULL,
  components TEXT NOT NULL DEFAULT '[]',
  owner_id INTEGER REFERENCES users (id),
  actor_id INTEGER NOT NULL REFERENCES users (id),
  allow_rule_trigger INTEGER NOT NULL DEFAULT 0,
  notify_on_error INTEGER NOT NULL DEFAULT 1,
  rate_limit INTEGER NOT NULL DEFAULT 10000,
  webhook_hash TEXT UNIQUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX automation_rules_name ON automation_rules (lower(name));
CREATE TABLE automation_audit (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
  event_id INTEGER,
  trigger TEXT NOT NULL,
  issue_id INTEGER,
  issue_key TEXT,
  outcome TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '[]',
  messages TEXT NOT NULL DEFAULT '[]',
  duration_us INTEGER NOT NULL DEFAULT 0,
  depth INTEGER NOT NULL DEFAULT 0,
  event_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL
);
CREATE INDEX automation_audit_rule ON automation_audit (rule_id, id);
CREATE TABLE automation_cursors (
  name TEXT PRIMARY KEY,
  event_id INTEGER NOT NULL
);
CREATE TABLE automation_causes (
  event_id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  depth INTEGER NOT NULL
);
CREATE TABLE automation_schedules (
  rule_id INTEGER PRIMARY KEY REFERENCES automation_rules (id) ON DELETE CASCADE,
  next_at INTEGER NOT NULL
);
CREATE INDEX automation_schedules_next ON automation_schedules (next_at);
CREATE TABLE automation_pending (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('resume', 'email', 'request')),
  rule_id INTEGER NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
  audit_id INTEGER,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"},
  };
}

}  // namespace steward::automation
