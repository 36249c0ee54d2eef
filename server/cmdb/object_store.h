// Inside the CMDB module: attribute values checked and turned into cmdb_values rows, objects
// written with their label, uniqueness and cardinality rules and history, and objects rendered
// as the API's JSON. Shared by the object service, import and the demo loader; every function
// runs in the caller's transaction.
//
// Thread-safety: stateless functions over the caller's connection.
#pragma once

#include "cmdb/cmdb.h"

#include <boost/json/value.hpp>

namespace steward::cmdb::internal {

// One stored value of an attribute (a row of cmdb_values without its keys).
struct StoredValue {
  std::optional<std::string> text;
  std::optional<std::int64_t> integer;
  std::optional<double> real;
  std::int64_t ref = 0;
  std::string display;  // for history: the text, the username, the object key...
  bool operator==(const StoredValue& o) const {
    return text == o.text && integer == o.integer && real == o.real && ref == o.ref;
  }
};

// Validates `value` for `attr`; null or [] clears. `from_text`: values arrive as text (CSV
// cells, several joined by "||"), so numbers, booleans and dates are parsed from strings.
Result<std::vector<StoredValue>> ParseValue(storage::Connection& c, const Model& m,
                                            const AttrDef& attr, const json::value& value,
                                            bool from_text, const std::string& field);

struct WriteOptions {
  bool partial = false;  // update only the attributes given (else: a new object)
  bool from_text = false;
  std::int64_t actor = 0;
  std::int64_t now = 0;
  std::string field_prefix = "attributes.";  // for error fields
  std::string key;  // a new object's key, when the caller chooses it (demo, import)
  // Import: a new object's key numbered from here (the caller read the schema's next_number and
  // moves it once at the end), instead of an UPDATE per object.
  std::int64_t* next_number = nullptr;
  std::string schema_key;
};

struct WriteOutcome {
  std::int64_t id = 0;
  std::string key;
  bool changed = false;
};

// Creates an object of `type` (existing empty) or updates `existing`, applying `attributes`
// ({name: value}). Checks every rule before writing anything; writes history rows.
Result<WriteOutcome> WriteObject(storage::Connection& c, const Model& m, const TypeDef& type,
                                 std::optional<std::int64_t> existing,
                                 const json::object& attributes, const WriteOptions& o);

// The API form of objects, in the order of `ids` (missing ids are skipped).
Result<json::array> RenderObjects(storage::Connection& c, const Model& m,
                                  const std::vector<std::int64_t>& ids);

// The id, type and schema of an object by key (case-insensitive); nullopt if none.
struct ObjectRow {
  std::int64_t id = 0;
  std::int64_t type_id = 0;
  std::int64_t schema_id = 0;
  std::string key;
  std::string label;
};
Result<std::optional<ObjectRow>> FindByKey(storage::Connection& c, std::string_view key);
Error ObjectNotFound(std::string_view key);

Status RequireRead(const Principal& p);
Status RequireEdit(const Principal& p);
Status RequireAdmin(const Principal& p);

}  // namespace steward::cmdb::internal
