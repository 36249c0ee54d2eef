// Object schemas, object types and attributes: the CMDB's configuration (administrators).
#include "base/text.h"
#include "cmdb/object_store.h"
#include "http/json.h"

#include <boost/json.hpp>

#include <map>

namespace steward::cmdb {
namespace {

using http::JsonReader;
using internal::RequireAdmin;
using internal::RequireRead;
using storage::Connection;
using storage::Row;

std::string Q(std::string_view s) { return "\"" + std::string(s) + "\""; }

Error SchemaNotFound(std::string_view key) {
  return Error::NotFound("cmdb.schemaNotFound", "no object schema " + Q(key));
}
Error TypeNotFound(std::int64_t id) {
  return Error::NotFound("cmdb.objectTypeNotFound", "no object type " + std::to_string(id));
}

bool ValidSchemaKey(std::string_view k) {
  if (k.size() < 2 || k.size() > 10 || !(k[0] >= 'A' && k[0] <= 'Z')) {
    return false;
  }
  for (char c : k) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

json::object SchemaJson(const SchemaDef& s, std::int64_t objects, std::int64_t types) {
  return json::object{{"id", s.id},
                      {"key", s.key},
                      {"name", s.name},
                      {"description", s.description},
                      {"objectCount", objects},
                      {"objectTypeCount", types}};
}

json::object AttributeJson(const Model& m, const AttrDef& a, std::int64_t for_type) {
  json::array options;
  for (const auto& o : a.options) {
    options.emplace_back(o);
  }
  const TypeDef* ref = a.ref_type_id ? m.Type(a.ref_type_id) : nullptr;
  const TypeDef* owner = m.Type(a.type_id);
  return json::object{
      {"id", a.id},
      {"objectTypeId", a.type_id},
      {"name", a.name},
      {"type", AttrTypeName(a.type)},
      {"description", a.description},
      {"required", a.required},
      {"unique", a.unique},
      {"label", a.label},
      {"options", std::move(options)},
      {"minCardinality", a.min_card},
      {"maxCardinality", a.max_card},
      {"referenceObjectTypeId", ref ? json::value(ref->id) : json::value(nullptr)},
      {"referenceObjectType", ref ? json::value(ref->name) : json::value(nullptr)},
      {"referenceKind",
       a.type == AttrType::kReference ? json::value(a.ref_kind) : json::value(nullptr)},
      {"inheritedFrom",
       a.type_id != for_type && owner ? json::value(owner->name) : json::value(nullptr)},
      {"position", a.position},
  };
}

Result<std::map<std::int64_t, std::int64_t>> CountsByType(Connection& c) {
  std::map<std::int64_t, std::int64_t> out;
  STEWARD_TRY(c.Query("SELECT object_type_id, count(*) FROM cmdb_objects GROUP BY object_type_id",
                      {}, [&](const Row& r) { out[r.Int(0)] = r.Int(1); }));
  return out;
}

json::object TypeJson(const Model& m, const TypeDef& t, std::int64_t count) {
  const SchemaDef* s = m.Schema(t.schema_id);
  return json::object{{"id", t.id},
                      {"schemaKey", s ? s->key : ""},
                      {"name", t.name},
                      {"description", t.description},
                      {"icon", t.icon},
                      {"parentId", t.parent_id ? json::value(t.parent_id) : json::value(nullptr)},
                      {"abstract", t.abstract},
                      {"inheritAttributes", t.inherit},
                      {"objectCount", count}};
}

// The type forest of a schema with own and total counts.
json::array TypeTree(const Model& m, std::int64_t schema_id, std::int64_t parent,
                     const std::map<std::int64_t, std::int64_t>& counts, std::int64_t* total,
                     int depth) {
  json::array out;
  for (const auto& t : m.types) {
    if (t.schema_id != schema_id || t.parent_id != parent || depth > 32) {
      continue;
    }
    auto it = counts.find(t.id);
    std::int64_t own = it == counts.end() ? 0 : it->second;
    std::int64_t below = 0;
    json::array children = TypeTree(m, schema_id, t.id, counts, &below, depth + 1);
    json::object node = TypeJson(m, t, own);
    node.erase("schemaKey");
    node["totalCount"] = own + below;
    node["children"] = std::move(children);
    *total += own + below;
    out.push_back(std::move(node));
  }
  return out;
}

Result<std::vector<std::string>> Options(const JsonReader& in) {
  STEWARD_ASSIGN_OR_RETURN(auto opts, in.OptionalStringArray("options", 500, 255));
  std::vector<std::string> out;
  for (const auto& o : opts.value_or(std::vector<std::string>{})) {
    if (Trim(o).empty()) {
      return Error::InvalidArgument("cmdb.badAttribute", "options cannot be empty", "options");
    }
    for (const auto& seen : out) {
      if (EqualsIgnoreCase(seen, o)) {
        return Error::InvalidArgument("cmdb.badAttribute", "option " + Q(o) + " is given twice",
                                      "options");
      }
    }
    out.emplace_back(Trim(o));
  }
  return out;
}

std::string OptionsJson(const std::vector<std::string>& options) {
  json::array a;
  for (const auto& o : options) {
    a.emplace_back(o);
  }
  return json::serialize(a);
}

// Checks and fills an attribute definition from a request body (create, or update over `a`).
Status ReadAttribute(const Model& m, const JsonReader& in, const TypeDef& owner, AttrDef& a,
                     bool create) {
  STEWARD_TRY(in.AllowOnly({"name", "type", "description", "required", "unique", "label", "options",
                            "minCardinality", "maxCardinality", "referenceObjectTypeId",
                            "referenceObjectType", "referenceKind", "position"}));
  if (create || in.Has("name")) {
    STEWARD_ASSIGN_OR_RETURN(a.name, in.RequiredString("name", 255));
    a.name = std::string(Trim(a.name));
    if (a.name.empty()) {
      return Error::InvalidArgument("cmdb.badAttribute", "name cannot be empty", "name");
    }
    static const char* kReserved[] = {
        "key",     "label",    "objecttype",           "objectschema",
        "object",  "objectid", "objecttypeid",         "objectschemaid",
        "created", "updated",  "objecttypeandchildren"};
    for (const char* r : kReserved) {
      if (AsciiLower(a.name) == r) {
        return Error::InvalidArgument(
            "cmdb.badAttribute", Q(a.name) + " is an AQL keyword; choose another name", "name");
      }
    }
  }
  if (create) {
    STEWARD_ASSIGN_OR_RETURN(auto type, in.RequiredString("type", 32));
    auto t = ParseAttrType(type);
    if (!t) {
      return Error::InvalidArgument(
          "cmdb.badAttribute",
          "type is one of text, textarea, integer, float, boolean, date, datetime, url, email, "
          "select, status, user, team, reference",
          "type");
    }
    a.type = *t;
  } else if (in.Has("type")) {
    STEWARD_ASSIGN_OR_RETURN(auto type, in.RequiredString("type", 32));
    if (ParseAttrType(type) != a.type) {
      return Error::InvalidArgument(
          "cmdb.badAttribute", "an attribute's type cannot change; add a new attribute", "type");
    }
  }
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  if (desc) {
    a.description = *desc;
  }
  STEWARD_ASSIGN_OR_RETURN(auto required, in.OptionalBool("required"));
  STEWARD_ASSIGN_OR_RETURN(auto unique, in.OptionalBool("unique"));
  STEWARD_ASSIGN_OR_RETURN(auto label, in.OptionalBool("label"));
  a.required = required.value_or(a.required);
  a.unique = unique.value_or(a.unique);
  a.label = label.value_or(a.label);
  if (a.label && ColumnOf(a.type) != Column::kText) {
    return Error::InvalidArgument("cmdb.badAttribute", "the label attribute must hold text",
                                  "label");
  }
  if (in.Has("options") || create) {
    STEWARD_ASSIGN_OR_RETURN(a.options, Options(in));
  }
  if ((a.type == AttrType::kSelect || a.type == AttrType::kStatus) && a.options.empty()) {
    return Error::InvalidArgument("cmdb.badAttribute", "a select or status attribute needs options",
                                  "options");
  }
  STEWARD_ASSIGN_OR_RETURN(auto minc, in.OptionalInt("minCardinality"));
  STEWARD_ASSIGN_OR_RETURN(auto maxc, in.OptionalInt("maxCardinality"));
  a.min_card = minc.value_or(a.min_card);
  a.max_card = maxc.value_or(a.max_card);
  if (a.min_card < 0 || a.min_card > 1000 || a.max_card == 0 || a.max_card < -1 ||
      a.max_card > 1000 || (a.max_card != -1 && a.min_card > a.max_card)) {
    return Error::InvalidArgument(
        "cmdb.badAttribute",
        "cardinality: 0 ≤ minCardinality ≤ maxCardinality ≤ 1000, maxCardinality -1 for unlimited",
        "maxCardinality");
  }
  STEWARD_ASSIGN_OR_RETURN(auto pos, in.OptionalInt("position"));
  if (pos) {
    a.position = *pos;
  }
  if (a.type == AttrType::kReference) {
    STEWARD_ASSIGN_OR_RETURN(auto ref_id, in.OptionalInt("referenceObjectTypeId"));
    STEWARD_ASSIGN_OR_RETURN(auto ref_name, in.OptionalString("referenceObjectType"));
    const TypeDef* target = nullptr;
    if (ref_id) {
      target = m.Type(*ref_id);
    } else if (ref_name) {
      auto named = m.TypesNamed(*ref_name, owner.schema_id);
      if (named.empty()) {
        named = m.TypesNamed(*ref_name);
      }
      if (named.size() == 1) {
        target = named[0];
      }
    } else if (!create) {
      target = m.Type(a.ref_type_id);
    }
    if (!target) {
      return Error::InvalidArgument("cmdb.badAttribute",
                                    "a reference attribute needs referenceObjectTypeId (or a "
                                    "unique referenceObjectType name) of an existing type",
                                    "referenceObjectTypeId");
    }
    a.ref_type_id = target->id;
    STEWARD_ASSIGN_OR_RETURN(auto kind, in.OptionalString("referenceKind", 64));
    if (kind) {
      a.ref_kind = std::string(Trim(*kind));
    }
    if (a.ref_kind.empty()) {
      a.ref_kind = "references";
    }
  } else if (in.Has("referenceObjectTypeId") || in.Has("referenceKind")) {
    return Error::InvalidArgument("cmdb.badAttribute",
                                  "only reference attributes take a reference type",
                                  "referenceObjectTypeId");
  }
  // A name shared with an inherited attribute or a child's own attribute would be ambiguous.
  for (const auto& other : m.attributes) {
    if (other.id == a.id || !EqualsIgnoreCase(other.name, a.name)) {
      continue;
    }
    if (m.IsA(owner.id, other.type_id) || m.IsA(other.type_id, owner.id)) {
      const TypeDef* t = m.Type(other.type_id);
      if (other.type_id == owner.id || (t && (t->inherit || m.IsA(other.type_id, owner.id)))) {
        return Error::AlreadyExists("cmdb.attributeExists",
                                    Q(owner.name) + " already has an attribute " + Q(a.name),
                                    "name");
      }
    }
  }
  return Ok();
}

Status InsertAttribute(Connection& c, const AttrDef& a) {
  return c.Exec(
      "INSERT INTO cmdb_attributes(object_type_id, name, type, description, position, required, "
      "unique_values, is_label, min_cardinality, max_cardinality, reference_type_id, "
      "reference_kind, options) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {a.type_id, a.name, AttrTypeName(a.type), a.description, a.position, a.required, a.unique,
       a.label, a.min_card, a.max_card,
       a.ref_type_id ? storage::Param(a.ref_type_id) : storage::Param(), a.ref_kind,
       OptionsJson(a.options)});
}

}  // namespace

Result<json::object> CmdbService::ListSchemas(const Principal& p) {
  STEWARD_TRY(RequireRead(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    std::map<std::int64_t, std::int64_t> objects;
    STEWARD_TRY(c.Query("SELECT schema_id, count(*) FROM cmdb_objects GROUP BY schema_id", {},
                        [&](const Row& r) { objects[r.Int(0)] = r.Int(1); }));
    json::array out;
    for (const auto& s : m.schemas) {
      std::int64_t types = 0;
      for (const auto& t : m.types) {
        types += t.schema_id == s.id;
      }
      out.push_back(SchemaJson(s, objects[s.id], types));
    }
    return json::object{{"schemas", std::move(out)}};
  });
}

Result<json::object> CmdbService::CreateSchema(const Principal& p, const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"key", "name", "description"}));
  const json::value* key_value = in.Get("key");
  if (!key_value || !key_value->is_string()) {
    STEWARD_ASSIGN_OR_RETURN(auto typed, in.RequiredString("key"));  // missing or not text
    (void)typed;
  }
  std::string key = key_value && key_value->is_string() ? std::string(key_value->get_string()) : "";
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  if (!ValidSchemaKey(key)) {
    return Error::InvalidArgument("cmdb.badKey",
                                  "a schema key is 2 to 10 capital letters or digits, starting "
                                  "with a letter (SVC)",
                                  "key");
  }
  if (Trim(name).empty()) {
    return Error::InvalidArgument("cmdb.badName", "name cannot be empty", "name");
  }
  std::int64_t now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(
        auto taken,
        c.QueryInt("SELECT id FROM cmdb_schemas WHERE key = ? OR lower(name) = lower(?)",
                   {key, name}));
    if (taken) {
      return Error::AlreadyExists("cmdb.schemaExists",
                                  "a schema with key " + key + " or name " + Q(name) + " exists",
                                  "key");
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("INSERT INTO cmdb_schemas(key, name, description, created_at, "
                            "updated_at) VALUES (?,?,?,?,?) RETURNING id",
                            {key, std::string(Trim(name)), desc.value_or(""), now, now}));
    return SchemaJson(SchemaDef{*id, key, std::string(Trim(name)), desc.value_or("")}, 0, 0);
  });
}

Result<json::object> CmdbService::GetSchema(const Principal& p, std::string_view key) {
  STEWARD_TRY(RequireRead(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const SchemaDef* s = m.SchemaNamed(key);
    if (!s) {
      return SchemaNotFound(key);
    }
    STEWARD_ASSIGN_OR_RETURN(auto counts, CountsByType(c));
    std::int64_t total = 0;
    json::array tree = TypeTree(m, s->id, 0, counts, &total, 0);
    std::int64_t types = 0;
    for (const auto& t : m.types) {
      types += t.schema_id == s->id;
    }
    json::object out = SchemaJson(*s, total, types);
    out["objectTypes"] = std::move(tree);
    return out;
  });
}

Result<json::object> CmdbService::UpdateSchema(const Principal& p, std::string_view key,
                                               const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "description"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.OptionalString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  if (name && Trim(*name).empty()) {
    return Error::InvalidArgument("cmdb.badName", "name cannot be empty", "name");
  }
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const SchemaDef* s = m.SchemaNamed(key);
    if (!s) {
      return SchemaNotFound(key);
    }
    if (name) {
      STEWARD_ASSIGN_OR_RETURN(
          auto taken,
          c.QueryInt("SELECT id FROM cmdb_schemas WHERE lower(name) = lower(?) AND id <> ?",
                     {*name, s->id}));
      if (taken) {
        return Error::AlreadyExists("cmdb.schemaExists", "a schema named " + Q(*name) + " exists",
                                    "name");
      }
    }
    STEWARD_TRY(
        c.Exec("UPDATE cmdb_schemas SET name = coalesce(?, name), description = "
               "coalesce(?, description), updated_at = ? WHERE id = ?",
               {name, desc, clock_.Now(), s->id}));
    return Ok();
  }));
  return GetSchema(p, key);
}

Status CmdbService::DeleteSchema(const Principal& p, std::string_view key) {
  STEWARD_TRY(RequireAdmin(p));
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const SchemaDef* s = m.SchemaNamed(key);
    if (!s) {
      return SchemaNotFound(key);
    }
    for (const auto& t : m.types) {
      if (t.schema_id == s->id) {
        return Error::Conflict("cmdb.schemaNotEmpty",
                               "the schema still has object types; delete them first");
      }
    }
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_schemas WHERE id = ?", {s->id}));
    return Ok();
  });
}

Result<json::object> CmdbService::CreateObjectType(const Principal& p, std::string_view schema_key,
                                                   const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "description", "icon", "parentId", "parent", "abstract",
                            "inheritAttributes", "position"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto icon, in.OptionalString("icon", 64));
  STEWARD_ASSIGN_OR_RETURN(auto parent_id, in.OptionalInt("parentId"));
  STEWARD_ASSIGN_OR_RETURN(auto parent_name, in.OptionalString("parent", 255));
  STEWARD_ASSIGN_OR_RETURN(auto abstract, in.OptionalBool("abstract"));
  STEWARD_ASSIGN_OR_RETURN(auto inherit, in.OptionalBool("inheritAttributes"));
  STEWARD_ASSIGN_OR_RETURN(auto position, in.OptionalInt("position"));
  if (Trim(name).empty()) {
    return Error::InvalidArgument("cmdb.badName", "name cannot be empty", "name");
  }
  std::int64_t now = clock_.Now();
  STEWARD_ASSIGN_OR_RETURN(auto id, db_.Write([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const SchemaDef* s = m.SchemaNamed(schema_key);
    if (!s) {
      return SchemaNotFound(schema_key);
    }
    if (!m.TypesNamed(name, s->id).empty()) {
      return Error::AlreadyExists("cmdb.objectTypeExists",
                                  s->name + " already has an object type " + Q(name), "name");
    }
    const TypeDef* parent = nullptr;
    if (parent_id) {
      parent = m.Type(*parent_id);
    } else if (parent_name) {
      auto named = m.TypesNamed(*parent_name, s->id);
      parent = named.empty() ? nullptr : named[0];
    }
    if ((parent_id || parent_name) && (!parent || parent->schema_id != s->id)) {
      return Error::InvalidArgument("cmdb.badParent",
                                    "no parent object type of that id in " + s->name, "parentId");
    }
    std::int64_t pos = position.value_or(0);
    if (!position) {
      for (const auto& t : m.types) {
        pos = std::max(pos, t.position + 1);
      }
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto new_id,
        c.QueryInt("INSERT INTO cmdb_object_types(schema_id, parent_id, name, description, "
                   "icon, abstract, inherit, position, created_at) VALUES (?,?,?,?,?,?,?,?,?) "
                   "RETURNING id",
                   {s->id, parent ? storage::Param(parent->id) : storage::Param(),
                    std::string(Trim(name)), desc.value_or(""), icon.value_or("box"),
                    abstract.value_or(false), inherit.value_or(false), pos, now}));
    // Every object type has a label: a Name, unless it inherits one.
    bool inherits_label = false;
    TypeDef self;
    self.id = *new_id;
    self.parent_id = parent ? parent->id : 0;
    m.types.push_back(self);
    if (parent) {
      inherits_label = m.LabelOf(*new_id) != nullptr;
    }
    if (!inherits_label) {
      AttrDef a;
      a.type_id = *new_id;
      a.name = "Name";
      a.type = AttrType::kText;
      a.label = true;
      a.required = true;
      a.position = 0;
      STEWARD_TRY(InsertAttribute(c, a));
    }
    return *new_id;
  }));
  return GetObjectType(p, id);
}

Result<json::object> CmdbService::GetObjectType(const Principal& p, std::int64_t id) {
  STEWARD_TRY(RequireRead(p));
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const TypeDef* t = m.Type(id);
    if (!t) {
      return TypeNotFound(id);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto count, c.QueryInt("SELECT count(*) FROM cmdb_objects WHERE object_type_id = ?", {id}));
    json::object out = TypeJson(m, *t, count.value_or(0));
    json::array attrs;
    for (const AttrDef* a : m.AttributesOf(id)) {
      attrs.push_back(AttributeJson(m, *a, id));
    }
    out["attributes"] = std::move(attrs);
    return out;
  });
}

Result<json::object> CmdbService::UpdateObjectType(const Principal& p, std::int64_t id,
                                                   const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(
      in.AllowOnly({"name", "description", "icon", "abstract", "inheritAttributes", "position"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.OptionalString("name", 255));
  STEWARD_ASSIGN_OR_RETURN(auto desc, in.OptionalString("description", 4000));
  STEWARD_ASSIGN_OR_RETURN(auto icon, in.OptionalString("icon", 64));
  STEWARD_ASSIGN_OR_RETURN(auto abstract, in.OptionalBool("abstract"));
  STEWARD_ASSIGN_OR_RETURN(auto inherit, in.OptionalBool("inheritAttributes"));
  STEWARD_ASSIGN_OR_RETURN(auto position, in.OptionalInt("position"));
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const TypeDef* t = m.Type(id);
    if (!t) {
      return TypeNotFound(id);
    }
    if (name) {
      if (Trim(*name).empty()) {
        return Error::InvalidArgument("cmdb.badName", "name cannot be empty", "name");
      }
      for (const TypeDef* other : m.TypesNamed(*name, t->schema_id)) {
        if (other->id != id) {
          return Error::AlreadyExists("cmdb.objectTypeExists",
                                      "an object type " + Q(*name) + " exists", "name");
        }
      }
    }
    if (abstract && *abstract && !t->abstract) {
      STEWARD_ASSIGN_OR_RETURN(
          auto any,
          c.QueryInt("SELECT id FROM cmdb_objects WHERE object_type_id = ? LIMIT 1", {id}));
      if (any) {
        return Error::Conflict("cmdb.typeHasObjects", "a type with objects cannot become abstract",
                               "abstract");
      }
    }
    if (inherit && !*inherit && t->inherit) {
      for (const auto& child : m.types) {
        if (child.parent_id == id) {
          return Error::Conflict("cmdb.typeHasChildren",
                                 "children use the inherited attributes; stop inheritance after "
                                 "removing the children",
                                 "inheritAttributes");
        }
      }
    }
    STEWARD_TRY(c.Exec(
        "UPDATE cmdb_object_types SET name = coalesce(?, name), description = coalesce(?, "
        "description), icon = coalesce(?, icon), abstract = coalesce(?, abstract), inherit = "
        "coalesce(?, inherit), position = coalesce(?, position) WHERE id = ?",
        {name ? std::optional<std::string>(std::string(Trim(*name))) : std::nullopt, desc, icon,
         abstract ? storage::Param(*abstract) : storage::Param(),
         inherit ? storage::Param(*inherit) : storage::Param(), position, id}));
    return Ok();
  }));
  return GetObjectType(p, id);
}

Status CmdbService::DeleteObjectType(const Principal& p, std::int64_t id) {
  STEWARD_TRY(RequireAdmin(p));
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const TypeDef* t = m.Type(id);
    if (!t) {
      return TypeNotFound(id);
    }
    for (const auto& other : m.types) {
      if (other.parent_id == id) {
        return Error::Conflict("cmdb.typeHasChildren", Q(t->name) + " has child object types");
      }
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto any, c.QueryInt("SELECT id FROM cmdb_objects WHERE object_type_id = ? LIMIT 1", {id}));
    if (any) {
      return Error::Conflict("cmdb.typeHasObjects", Q(t->name) + " still has objects");
    }
    for (const auto& a : m.attributes) {
      if (a.ref_type_id == id && a.type_id != id) {
        return Error::Conflict("cmdb.typeReferenced", "attribute " + Q(a.name) + " of " +
                                                          Q(m.Type(a.type_id)->name) +
                                                          " references " + Q(t->name));
      }
    }
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_attributes WHERE object_type_id = ?", {id}));
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_object_types WHERE id = ?", {id}));
    return Ok();
  });
}

Result<json::object> CmdbService::CreateAttribute(const Principal& p, std::int64_t type_id,
                                                  const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_ASSIGN_OR_RETURN(auto attr_id, db_.Write([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const TypeDef* t = m.Type(type_id);
    if (!t) {
      return TypeNotFound(type_id);
    }
    AttrDef a;
    a.type_id = type_id;
    a.position = 1;
    for (const auto& other : m.attributes) {
      if (other.type_id == type_id) {
        a.position = std::max(a.position, other.position + 1);
      }
    }
    STEWARD_TRY(ReadAttribute(m, in, *t, a, true));
    if (a.required) {
      STEWARD_ASSIGN_OR_RETURN(
          auto any, c.QueryInt("SELECT id FROM cmdb_objects WHERE object_type_id IN (" + [&] {
            std::string s;
            for (auto id : m.WithDescendants(type_id)) {
              s += (s.empty() ? "" : ",") + std::to_string(id);
            }
            return s;
          }() + ") LIMIT 1"));
      if (any) {
        return Error::Conflict("cmdb.typeHasObjects",
                               "objects of this type exist without a value: add the attribute "
                               "as optional, fill it, then make it required",
                               "required");
      }
    }
    if (a.label) {
      STEWARD_TRY(
          c.Exec("UPDATE cmdb_attributes SET is_label = 0 WHERE object_type_id = ?", {type_id}));
    }
    STEWARD_TRY(InsertAttribute(c, a));
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("SELECT id FROM cmdb_attributes WHERE object_type_id = ? AND "
                            "lower(name) = lower(?)",
                            {type_id, a.name}));
    return *id;
  }));
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const AttrDef* a = m.Attribute(attr_id);
    return AttributeJson(m, *a, a->type_id);
  });
}

Result<json::object> CmdbService::UpdateAttribute(const Principal& p, std::int64_t id,
                                                  const json::object& body) {
  STEWARD_TRY(RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const AttrDef* found = m.Attribute(id);
    if (!found) {
      return Error::NotFound("cmdb.attributeNotFound", "no attribute " + std::to_string(id));
    }
    AttrDef a = *found;
    STEWARD_TRY(ReadAttribute(m, in, *m.Type(a.type_id), a, false));
    if (a.label && !found->label) {
      STEWARD_TRY(
          c.Exec("UPDATE cmdb_attributes SET is_label = 0 WHERE object_type_id = ?", {a.type_id}));
    }
    STEWARD_TRY(
        c.Exec("UPDATE cmdb_attributes SET name = ?, description = ?, position = ?, required = ?, "
               "unique_values = ?, is_label = ?, min_cardinality = ?, max_cardinality = ?, "
               "reference_type_id = ?, reference_kind = ?, options = ? WHERE id = ?",
               {a.name, a.description, a.position, a.required, a.unique, a.label, a.min_card,
                a.max_card, a.ref_type_id ? storage::Param(a.ref_type_id) : storage::Param(),
                a.ref_kind, OptionsJson(a.options), id}));
    if (a.label && !found->label) {
      // Objects take their label from the new label attribute (type ids from the model).
      std::string type_ids;
      for (auto t : m.WithDescendants(a.type_id)) {
        type_ids += (type_ids.empty() ? "" : ",") + std::to_string(t);
      }
      STEWARD_TRY(c.Exec(
          "UPDATE cmdb_objects SET label = coalesce((SELECT text_value FROM cmdb_values v WHERE "
          "v.object_id = cmdb_objects.id AND v.attribute_id = ? ORDER BY v.seq LIMIT 1), '') "
          "WHERE object_type_id IN (" +
              type_ids + ")",
          {id}));
    }
    return Ok();
  }));
  return db_.ReadAfterWrite([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const AttrDef* a = m.Attribute(id);
    return AttributeJson(m, *a, a->type_id);
  });
}

Status CmdbService::DeleteAttribute(const Principal& p, std::int64_t id) {
  STEWARD_TRY(RequireAdmin(p));
  return db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto m, Model::Load(c));
    const AttrDef* a = m.Attribute(id);
    if (!a) {
      return Error::NotFound("cmdb.attributeNotFound", "no attribute " + std::to_string(id));
    }
    if (a->label) {
      return Error::Conflict("cmdb.labelAttribute",
                             "the label attribute cannot be deleted; make another attribute the "
                             "label first");
    }
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_values WHERE attribute_id = ?", {id}));
    STEWARD_TRY(c.Exec("DELETE FROM cmdb_attributes WHERE id = ?", {id}));
    return Ok();
  });
}

}  // namespace steward::cmdb
