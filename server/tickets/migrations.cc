#include "tickets/tickets.h"

namespace steward::tickets {

// A changed row is noted once per transaction with the text the index still holds (the first
// old value); WHERE NOT EXISTS rather than OR IGNORE, which a firing statement's own conflict
// clause would override.
const char* const kTextIndexTriggers = R"sql(
CREATE TRIGGER issues_fts_ai AFTER INSERT ON issues BEGIN
  INSERT INTO issues_fts_pending(id, had_old) SELECT new.id, 0
  WHERE NOT EXISTS (SELECT 1 FROM issues_fts_pending WHERE id = new.id);
END;
CREATE TRIGGER issues_fts_ad AFTER DELETE ON issues BEGIN
  INSERT INTO issues_fts_pending(id, had_old, summary, description)
  SELECT old.id, 1, old.summary, old.description
  WHERE NOT EXISTS (SELECT 1 FROM issues_fts_pending WHERE id = old.id);
END;
CREATE TRIGGER issues_fts_au AFTER UPDATE OF summary, description ON issues BEGIN
  INSERT INTO issues_fts_pending(id, had_old, summary, description)
  SELECT old.id, 1, old.summary, old.description
  WHERE NOT EXISTS (SELECT 1 FROM issues_fts_pending WHERE id = old.id);
END;
CREATE TRIGGER comments_fts_ai AFTER INSERT ON comments BEGIN
  INSERT INTO comments_fts_pending(id, had_old) SELECT new.id, 0
  WHERE NOT EXISTS (SELECT 1 FROM comments_fts_pending WHERE id = new.id);
END;
CREATE TRIGGER comments_fts_ad AFTER DELETE ON comments BEGIN
  INSERT INTO comments_fts_pending(id, had_old, body) SELECT old.id, 1, old.body
  WHERE NOT EXISTS (SELECT 1 FROM comments_fts_pending WHERE id = old.id);
END;
CREATE TRIGGER comments_fts_au AFTER UPDATE OF body ON comments BEGIN
  INSERT INTO comments_fts_pending(id, had_old, body) SELECT old.id, 1, old.body
  WHERE NOT EXISTS (SELECT 1 FROM comments_fts_pending WHERE id = old.id);
END;
)sql";

Status FlushTextIndex(storage::Connection& c) {
  STEWARD_ASSIGN_OR_RETURN(auto pending,
                           c.QueryInt("SELECT EXISTS (SELECT 1 FROM issues_fts_pending) OR EXISTS "
                                      "(SELECT 1 FROM comments_fts_pending)"));
  if (pending.value_or(0) == 0) {
    return Ok();
  }
  static constexpr const char* kApply[] = {
      "INSERT INTO issues_fts(issues_fts, rowid, summary, description) SELECT 'delete', id, "
      "summary, description FROM issues_fts_pending WHERE had_old",
      "INSERT INTO issues_fts(rowid, summary, description) SELECT i.id, i.summary, "
      "i.description FROM issues_fts_pending p JOIN issues i ON i.id = p.id",
      "DELETE FROM issues_fts_pending",
      "INSERT INTO comments_fts(comments_fts, rowid, body) SELECT 'delete', id, body FROM "
      "comments_fts_pending WHERE had_old",
      "INSERT INTO comments_fts(rowid, body) SELECT m.id, m.body FROM comments_fts_pending p "
      "JOIN comments m ON m.id = p.id",
      "DELETE FROM comments_fts_pending",
  };
  STEWARD_TRY(c.Exec("SAVEPOINT text_index"));
  Status s = Ok();
  for (const char* sql : kApply) {
    s = c.Exec(sql);
    if (!s.ok()) {
      (void)c.Exec("ROLLBACK TO text_index");
      break;
    }
  }
  Status released = c.Exec("RELEASE text_index");
  return s.ok() ? released : s;
}

std::vector<storage::Migration> Migrations() {
  return {
      {"tickets", 1, "projects, workflows, fields, issues, comments, links, history", R"sql(
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  lead_id INTEGER REFERENCES users (id),
  next_number INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE TABLE project_roles (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('administrator', 'agent', 'collaborator', 'customer')),
  user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  team_id INTEGER REFERENCES teams (id) ON DELETE CASCADE,
  organization_id INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
  CHECK ((CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN team_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE UNIQUE INDEX project_roles_unique ON project_roles
  (project_id, role, coalesce(user_id, 0), coalesce(team_id, 0), coalesce(organization_id, 0));
CREATE INDEX project_roles_user ON project_roles (user_id);
CREATE TABLE components (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE statuses (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('todo', 'in_progress', 'done'))
);
CREATE UNIQUE INDEX statuses_name ON statuses (lower(name));
CREATE TABLE workflows (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  initial_status_id INTEGER NOT NULL REFERENCES statuses (id)
);
CREATE TABLE workflow_statuses (
  workflow_id INTEGER NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, status_id)
);
CREATE TABLE transitions (
  id INTEGER PRIMARY KEY,
  workflow_id INTEGER NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  from_status_id INTEGER REFERENCES statuses (id),
  to_status_id INTEGER NOT NULL REFERENCES statuses (id),
  rules TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE issue_types (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  subtask INTEGER NOT NULL DEFAULT 0,
  workflow_id INTEGER NOT NULL REFERENCES workflows (id)
);
CREATE TABLE priorities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL,
  color TEXT NOT NULL DEFAULT ''
);
CREATE TABLE resolutions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE custom_fields (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text', 'paragraph', 'number', 'date', 'datetime', 'select',
    'multiselect', 'yesno', 'user', 'multiuser', 'team', 'url')),
  description TEXT NOT NULL DEFAULT '',
  issue_types TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX custom_fields_name ON custom_fields (lower(name));
CREATE TABLE custom_field_options (
  id INTEGER PRIMARY KEY,
  field_id INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  position INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  UNIQUE (field_id, value)
);
CREATE TABLE link_types (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  outward TEXT NOT NULL,
  inward TEXT NOT NULL
);
CREATE TABLE issues (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id),
  number INTEGER NOT NULL,
  key TEXT NOT NULL UNIQUE,
  issue_type_id INTEGER NOT NULL REFERENCES issue_types (id),
  status_id INTEGER NOT NULL REFERENCES statuses (id),
  resolution_id INTEGER REFERENCES resolutions (id),
  priority_id INTEGER REFERENCES priorities (id),
  summary TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  assignee_id INTEGER REFERENCES users (id),
  reporter_id INTEGER NOT NULL REFERENCES users (id),
  parent_id INTEGER REFERENCES issues (id),
  due_date INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER,
  UNIQUE (project_id, number)
);
CREATE INDEX issues_project_status ON issues (project_id, status_id);
CREATE INDEX issues_assignee ON issues (assignee_id, status_id, updated_at);
CREATE INDEX issues_reporter ON issues (reporter_id);
CREATE INDEX issues_parent ON issues (parent_id);
CREATE INDEX issues_project_updated ON issues (project_id, updated_at);
CREATE TABLE issue_labels (
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  PRIMARY KEY (issue_id, label)
);
CREATE INDEX issue_labels_label ON issue_labels (label);
CREATE TABLE issue_components (
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  component_id INTEGER NOT NULL REFERENCES components (id),
  PRIMARY KEY (issue_id, component_id)
);
CREATE TABLE issue_users (
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('participant', 'approver', 'watcher')),
  user_id INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (issue_id, role, user_id)
);
CREATE INDEX issue_users_user ON issue_users (user_id, role);
CREATE TABLE issue_organizations (
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (issue_id, organization_id)
);
CREATE INDEX issue_organizations_org ON issue_organizations (organization_id);
CREATE TABLE issue_field_values (
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES custom_fields (id),
  seq INTEGER NOT NULL DEFAULT 0,
  text_value TEXT,
  int_value INTEGER,
  real_value REAL,
  PRIMARY KEY (issue_id, field_id, seq)
);
CREATE INDEX issue_field_values_int ON issue_field_values (field_id, int_value);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  internal INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX comments_issue ON comments (issue_id, id);
CREATE TABLE comment_mentions (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (comment_id, user_id)
);
CREATE TABLE issue_links (
  id INTEGER PRIMARY KEY,
  link_type_id INTEGER NOT NULL REFERENCES link_types (id),
  source_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  author_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  UNIQUE (link_type_id, source_id, target_id)
);
CREATE INDEX issue_links_target ON issue_links (target_id);
CREATE TABLE change_groups (
  id INTEGER PRIMARY KEY,
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  author_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX change_groups_issue ON change_groups (issue_id, id);
CREATE TABLE change_items (
  group_id INTEGER NOT NULL REFERENCES change_groups (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  from_value TEXT,
  from_string TEXT,
  to_value TEXT,
  to_string TEXT,
  internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX change_items_group ON change_items (group_id);
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX attachments_issue ON attachments (issue_id);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  issue_id INTEGER,
  actor_id INTEGER,
  payload TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
)sql"},
      {"tickets", 2, "full-text index over summary and description (SQLite FTS5)", R"sql(
CREATE VIRTUAL TABLE issues_fts USING fts5(summary, description, content='issues', content_rowid='id');
CREATE TRIGGER issues_fts_ai AFTER INSERT ON issues BEGIN
  INSERT INTO issues_fts(rowid, summary, description) VALUES (new.id, new.summary, new.description);
END;
CREATE TRIGGER issues_fts_ad AFTER DELETE ON issues BEGIN
  INSERT INTO issues_fts(issues_fts, rowid, summary, description)
  VALUES ('delete', old.id, old.summary, old.description);
END;
CREATE TRIGGER issues_fts_au AFTER UPDATE OF summary, description ON issues BEGIN
  INSERT INTO issues_fts(issues_fts, rowid, summary, description)
  VALUES ('delete', old.id, old.summary, old.description);
  INSERT INTO issues_fts(rowid, summary, description) VALUES (new.id, new.summary, new.description);
END;
)sql"},
      {"tickets", 3, "index links by source", R"sql(
CREATE INDEX issue_links_source ON issue_links (source_id);
)sql"},
      {"tickets", 4, "full-text index over comments; queues and their stars", R"sql(
CREATE VIRTUAL TABLE comments_fts USING fts5(body, content='comments', content_rowid='id');
INSERT INTO comments_fts(comments_fts) VALUES ('rebuild');
INSERT INTO comments_fts(comments_fts) VALUES ('optimize');
CREATE TRIGGER comments_fts_ai AFTER INSERT ON comments BEGIN
  INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER comments_fts_ad AFTER DELETE ON comments BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER comments_fts_au AFTER UPDATE OF body ON comments BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TABLE queues (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  jql TEXT NOT NULL,
  grp TEXT NOT NULL DEFAULT 'Team priority' CHECK (grp IN ('Team priority', 'Other')),
  columns TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE queue_stars (
  queue_id INTEGER NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, user_id)
);
CREATE INDEX issues_created ON issues (created_at);
CREATE INDEX issues_updated ON issues (updated_at);
)sql"},
      {"tickets", 5, "indexes for queue queries (resolved, project by created); planner stats",
       R"sql(
CREATE INDEX issues_resolved ON issues (resolved_at);
CREATE INDEX issues_project_created ON issues (project_id, created_at);
PRAGMA analysis_limit = 1000;
ANALYZE;
)sql"},
      // Object fields (S5.6). SQLite cannot alter a CHECK constraint; widening it in the stored
      // schema is SQLite's documented procedure for loosening constraints (lang_altertable.html,
      // "making other kinds of table schema changes"): existing rows stay valid. The
      // schema_version change makes every connection re-read the schema. See ADR 0008.
      {"tickets", 6, "object fields: the object type and a configuration per field", R"sql(
ALTER TABLE custom_fields ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''team'', ''url'')', '''team'', ''url'', ''object'')')
  WHERE type = 'table' AND name = 'custom_fields';
PRAGMA writable_schema = OFF;
PRAGMA schema_version = 1000000;
)sql"},
      // The triggers of tickets/2 and tickets/4 become notes applied once per commit
      // (FlushTextIndex).
      {"tickets", 7, "full-text indexes brought up to date once per commit", std::string(R"sql(
CREATE TABLE issues_fts_pending (
  id INTEGER PRIMARY KEY,
  had_old INTEGER NOT NULL,
  summary TEXT,
  description TEXT
);
CREATE TABLE comments_fts_pending (
  id INTEGER PRIMARY KEY,
  had_old INTEGER NOT NULL,
  body TEXT
);
DROP TRIGGER issues_fts_ai;
DROP TRIGGER issues_fts_ad;
DROP TRIGGER issues_fts_au;
DROP TRIGGER comments_fts_ai;
DROP TRIGGER comments_fts_ad;
DROP TRIGGER comments_fts_au;
)sql") + kTextIndexTriggers},
  };
}

}  // namespace steward::tickets
