// The CMDB's configuration as one in-memory snapshot: object schemas, the object type trees with
// attribute inheritance, and attributes with their types, cardinality and reference targets
// (SPEC S5.1–S5.2). Loaded from the database in the caller's transaction (the tables are small),
// so the AQL compiler and the object service see one consistent picture.
//
// Also the attribute value rules that need no database: parsing an attribute type's name, and
// whether a type keeps several values.
//
// Thread-safety: a Model is an immutable value once loaded.
#pragma once

#include "base/result.h"
#include "storage/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::cmdb {

enum class AttrType {
  kText,
  kTextarea,
  kInteger,
  kFloat,
  kBoolean,
  kDate,
  kDateTime,
  kUrl,
  kEmail,
  kSelect,
  kStatus,
  kUser,
  kTeam,
  kReference,
};
std::string_view AttrTypeName(AttrType t);
std::optional<AttrType> ParseAttrType(std::string_view s);
// Where a value of the type is stored in cmdb_values.
enum class Column { kText, kInt, kReal, kRef };
Column ColumnOf(AttrType t);

struct SchemaDef {
  std::int64_t id = 0;
  std::string key;  // "SVC": object keys are KEY-<number>
  std::string name;
  std::string description;
};

struct TypeDef {
  std::int64_t id = 0;
  std::int64_t schema_id = 0;
  std::int64_t parent_id = 0;  // 0: a root type
  std::string name;
  std::string description;
  std::string icon;
  bool abstract = false;  // holds attributes for its children, never objects
  bool inherit = false;   // its attributes appear on its children ("allow others to inherit")
  std::int64_t position = 0;
};

struct AttrDef {
  std::int64_t id = 0;
  std::int64_t type_id = 0;  // the object type that declares it
  std::string name;
  AttrType type = AttrType::kText;
  std::string description;
  std::int64_t position = 0;
  bool required = false;
  bool unique = false;
  bool label = false;                // its value is the object's label
  std::int64_t min_card = 0;         // least number of values (required means at least 1)
  std::int64_t max_card = 1;         // -1: unlimited
  std::int64_t ref_type_id = 0;      // kReference: the target object type (and its children)
  std::string ref_kind;              // kReference: "depends on", "runs on", "applies to"...
  std::vector<std::string> options;  // kSelect / kStatus
  bool Multiple() const { return max_card != 1; }
};

class Model {
 public:
  std::vector<SchemaDef> schemas;
  std::vector<TypeDef> types;
  std::vector<AttrDef> attributes;  // ordered by declaring type, then position

  const SchemaDef* Schema(std::int64_t id) const;
  // By key (exact, case-insensitive) or name (case-insensitive) or numeric id.
  const SchemaDef* SchemaNamed(std::string_view key_or_name) const;
  const TypeDef* Type(std::int64_t id) const;
  // Types of this name (case-insensitive), in one schema or (schema 0) in all.
  std::vector<const TypeDef*> TypesNamed(std::string_view name, std::int64_t schema_id = 0) const;
  // The type and all its descendants.
  std::vector<std::int64_t> WithDescendants(std::int64_t type_id) const;
  // Whether `type_id` is `ancestor` or one of its descendants.
  bool IsA(std::int64_t type_id, std::int64_t ancestor) const;
  const AttrDef* Attribute(std::int64_t id) const;
  // The attributes objects of a type carry: those inherited (from the root down, through
  // ancestors that allow inheritance) and then its own, each in position order.
  std::vector<const AttrDef*> AttributesOf(std::int64_t type_id) const;
  const AttrDef* AttributeOf(std::int64_t type_id, std::string_view name) const;
  const AttrDef* LabelOf(std::int64_t type_id) const;
  // Attributes of this name on any type of a schema (schema 0: every schema).
  std::vector<const AttrDef*> AttributesNamed(std::string_view name,
                                              std::int64_t schema_id = 0) const;
  // The closest attribute or keyword name to a misspelling, if one is close.
  std::optional<std::string> Suggest(std::string_view name) const;

  static Result<Model> Load(storage::Connection& c);
};

}  // namespace steward::cmdb
