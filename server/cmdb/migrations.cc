#include "cmdb/cmdb.h"

namespace steward::cmdb {

std::vector<storage::Migration> Migrations() {
  return {
      {"cmdb", 1, "object schemas, object types, attributes, objects, values and history", R"sql(
CREATE TABLE cmdb_schemas (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  next_number INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX cmdb_schemas_name ON cmdb_schemas (lower(name));
CREATE TABLE cmdb_object_types (
  id INTEGER PRIMARY KEY,
  schema_id INTEGER NOT NULL REFERENCES cmdb_schemas (id),
  parent_id INTEGER REFERENCES cmdb_object_types (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  icon TEXT NOT NULL DEFAULT 'box',
  abstract INTEGER NOT NULL DEFAULT 0,
  inherit INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX cmdb_object_types_name ON cmdb_object_types (schema_id, lower(name));
CREATE INDEX cmdb_object_types_parent ON cmdb_object_types (parent_id);
CREATE TABLE cmdb_attributes (
  id INTEGER PRIMARY KEY,
  object_type_id INTEGER NOT NULL REFERENCES cmdb_object_types (id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  required INTEGER NOT NULL DEFAULT 0,
  unique_values INTEGER NOT NULL DEFAULT 0,
  is_label INTEGER NOT NULL DEFAULT 0,
  min_cardinality INTEGER NOT NULL DEFAULT 0,
  max_cardinality INTEGER NOT NULL DEFAULT 1,
  reference_type_id INTEGER REFERENCES cmdb_object_types (id),
  reference_kind TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX cmdb_attributes_name ON cmdb_attributes (object_type_id, lower(name));
CREATE TABLE cmdb_objects (
  id INTEGER PRIMARY KEY,
  schema_id INTEGER NOT NULL REFERENCES cmdb_schemas (id),
  object_type_id INTEGER NOT NULL REFERENCES cmdb_object_types (id),
  key TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id),
  updated_by INTEGER REFERENCES users (id)
);
CREATE INDEX cmdb_objects_type_label ON cmdb_objects (object_type_id, lower(label));
CREATE INDEX cmdb_objects_label ON cmdb_objects (lower(label));
CREATE TABLE cmdb_values (
  object_id INTEGER NOT NULL REFERENCES cmdb_objects (id) ON DELETE CASCADE,
  attribute_id INTEGER NOT NULL REFERENCES cmdb_attributes (id),
  seq INTEGER NOT NULL,
  text_value TEXT,
  int_value INTEGER,
  real_value REAL,
  ref_id INTEGER REFERENCES cmdb_objects (id),
  PRIMARY KEY (object_id, attribute_id, seq)
);
-- Partial: a value row fills one column, so each insert touches one value index. Queries on
-- lower(text_value) say "text_value IS NOT NULL" to use it; comparisons on the other columns
-- imply it.
CREATE INDEX cmdb_values_text ON cmdb_values (attribute_id, lower(text_value))
  WHERE text_value IS NOT NULL;
CREATE INDEX cmdb_values_int ON cmdb_values (attribute_id, int_value) WHERE int_value IS NOT NULL;
CREATE INDEX cmdb_values_real ON cmdb_values (attribute_id, real_value)
  WHERE real_value IS NOT NULL;
CREATE INDEX cmdb_values_ref ON cmdb_values (ref_id, attribute_id) WHERE ref_id IS NOT NULL;
CREATE TABLE cmdb_history (
  id INTEGER PRIMARY KEY,
  object_id INTEGER NOT NULL REFERENCES cmdb_objects (id) ON DELETE CASCADE,
  author_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL,
  attribute TEXT NOT NULL,
  from_value TEXT,
  to_value TEXT
);
CREATE INDEX cmdb_history_object ON cmdb_history (object_id, id);
)sql"},
      {"cmdb", 2, "attachments of objects", R"sql(
CREATE TABLE cmdb_attachments (
  id INTEGER PRIMARY KEY,
  object_id INTEGER NOT NULL REFERENCES cmdb_objects (id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  author_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX cmdb_attachments_object ON cmdb_attachments (object_id, id);
)sql"},
      // Values clustered by (object, attribute): checking an object's attribute is one b-tree
      // descent that finds the value itself, and every value index carries the object id, so
      // a value index alone answers "which objects" (ADR 0009).
      {"cmdb", 3, "values stored in primary-key order", R"sql(
CREATE TABLE cmdb_values_clustered (
  object_id INTEGER NOT NULL REFERENCES cmdb_objects (id) ON DELETE CASCADE,
  attribute_id INTEGER NOT NULL REFERENCES cmdb_attributes (id),
  seq INTEGER NOT NULL,
  text_value TEXT,
  int_value INTEGER,
  real_value REAL,
  ref_id INTEGER REFERENCES cmdb_objects (id),
  PRIMARY KEY (object_id, attribute_id, seq)
) WITHOUT ROWID;
INSERT INTO cmdb_values_clustered
  SELECT object_id, attribute_id, seq, text_value, int_value, real_value, ref_id
  FROM cmdb_values ORDER BY object_id, attribute_id, seq;
DROP TABLE cmdb_values;
ALTER TABLE cmdb_values_clustered RENAME TO cmdb_values;
CREATE INDEX cmdb_values_text ON cmdb_values (attribute_id, lower(text_value))
  WHERE text_value IS NOT NULL;
CREATE INDEX cmdb_values_int ON cmdb_values (attribute_id, int_value) WHERE int_value IS NOT NULL;
CREATE INDEX cmdb_values_real ON cmdb_values (attribute_id, real_value)
  WHERE real_value IS NOT NULL;
CREATE INDEX cmdb_values_ref ON cmdb_values (ref_id, attribute_id) WHERE ref_id IS NOT NULL;
)sql"},
      // AUTOINCREMENT: a deleted attachment's id (and so its download URL) is never reused.
      {"cmdb", 4, "attachment ids never reused", R"sql(
CREATE TABLE cmdb_attachments_numbered (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  object_id INTEGER NOT NULL REFERENCES cmdb_objects (id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  author_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL
);
INSERT INTO cmdb_attachments_numbered
  SELECT id, object_id, filename, mime_type, size, sha256, author_id, created_at
  FROM cmdb_attachments;
DROP TABLE cmdb_attachments;
ALTER TABLE cmdb_attachments_numbered RENAME TO cmdb_attachments;
CREATE INDEX cmdb_attachments_object ON cmdb_attachments (object_id, id);
)sql"},
      // The model version: every change of a schema's name, an object type or an attribute
      // sets a new random version in its own transaction, so a process keeps the model it
      // loaded until then. Random, not counted: a rolled-back change's version is never given
      // to a committed one (a counter would repeat it).
      {"cmdb", 5, "a version of the model (schemas, object types, attributes) for caching", R"sql(
CREATE TABLE cmdb_model_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO cmdb_model_version(id, version) VALUES (1, 1);
CREATE TRIGGER cmdb_schemas_inserted AFTER INSERT ON cmdb_schemas
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_schemas_updated AFTER UPDATE OF key, name, description ON cmdb_schemas
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_schemas_deleted AFTER DELETE ON cmdb_schemas
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_object_types_inserted AFTER INSERT ON cmdb_object_types
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_object_types_updated AFTER UPDATE ON cmdb_object_types
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_object_types_deleted AFTER DELETE ON cmdb_object_types
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_attributes_inserted AFTER INSERT ON cmdb_attributes
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_attributes_updated AFTER UPDATE ON cmdb_attributes
BEGIN UPDATE cmdb_model_version SET version = random(); END;
CREATE TRIGGER cmdb_attributes_deleted AFTER DELETE ON cmdb_attributes
BEGIN UPDATE cmdb_model_version SET version = random(); END;
)sql"},
  };
}

}  // namespace steward::cmdb
