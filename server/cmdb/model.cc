#include "cmdb/model.h"

#include "base/text.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace steward::cmdb {
namespace {

constexpr std::array<std::pair<AttrType, std::string_view>, 14> kTypeNames = {{
    {AttrType::kText, "text"},
    {AttrType::kTextarea, "textarea"},
    {AttrType::kInteger, "integer"},
    {AttrType::kFloat, "float"},
    {AttrType::kBoolean, "boolean"},
    {AttrType::kDate, "date"},
    {AttrType::kDateTime, "datetime"},
    {AttrType::kUrl, "url"},
    {AttrType::kEmail, "email"},
    {AttrType::kSelect, "select"},
    {AttrType::kStatus, "status"},
    {AttrType::kUser, "user"},
    {AttrType::kTeam, "team"},
    {AttrType::kReference, "reference"},
}};

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string_view AttrTypeName(AttrType t) {
  for (const auto& [type, name] : kTypeNames) {
    if (type == t) {
      return name;
    }
  }
  return "text";
}

std::optional<AttrType> ParseAttrType(std::string_view s) {
  std::string lower = AsciiLower(s);
  for (const auto& [type, name] : kTypeNames) {
    if (name == lower) {
      return type;
    }
  }
  return std::nullopt;
}

Column ColumnOf(AttrType t) {
  switch (t) {
    case AttrType::kInteger:
    case AttrType::kBoolean:
    case AttrType::kDate:
    case AttrType::kDateTime:
    case AttrType::kUser:
    case AttrType::kTeam:
      return Column::kInt;
    case AttrType::kFloat:
      return Column::kReal;
    case AttrType::kReference:
      return Column::kRef;
    default:
      return Column::kText;
  }
}

const SchemaDef* Model::Schema(std::int64_t id) const {
  for (const auto& s : schemas) {
    if (s.id == id) {
      return &s;
    }
  }
  return nullptr;
}

const SchemaDef* Model::SchemaNamed(std::string_view key_or_name) const {
  for (const auto& s : schemas) {
    if (EqualsIgnoreCase(s.key, key_or_name) || EqualsIgnoreCase(s.name, key_or_name) ||
        std::to_string(s.id) == key_or_name) {
      return &s;
    }
  }
  return nullptr;
}

const TypeDef* Model::Type(std::int64_t id) const {
  for (const auto& t : types) {
    if (t.id == id) {
      return &t;
    }
  }
  return nullptr;
}

std::vector<const TypeDef*> Model::TypesNamed(std::string_view name, std::int64_t schema_id) const {
  std::vector<const TypeDef*> out;
  for (const auto& t : types) {
    if ((schema_id == 0 || t.schema_id == schema_id) && EqualsIgnoreCase(t.name, name)) {
      out.push_back(&t);
    }
  }
  return out;
}

std::vector<std::int64_t> Model::WithDescendants(std::int64_t type_id) const {
  std::vector<std::int64_t> out = {type_id};
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& t : types) {
      if (t.parent_id == out[i] && std::find(out.begin(), out.end(), t.id) == out.end()) {
        out.push_back(t.id);
      }
    }
  }
  return out;
}

bool Model::IsA(std::int64_t type_id, std::int64_t ancestor) const {
  for (int hops = 0; type_id != 0 && hops < 64; ++hops) {
    if (type_id == ancestor) {
      return true;
    }
    const TypeDef* t = Type(type_id);
    type_id = t ? t->parent_id : 0;
  }
  return false;
}

const AttrDef* Model::Attribute(std::int64_t id) const {
  for (const auto& a : attributes) {
    if (a.id == id) {
      return &a;
    }
  }
  return nullptr;
}

std::vector<const AttrDef*> Model::AttributesOf(std::int64_t type_id) const {
  std::vector<std::int64_t> chain = {type_id};  // the type, then ancestors that pass theirs on
  const TypeDef* t = Type(type_id);
  for (int hops = 0; t && t->parent_id != 0 && hops < 64; ++hops) {
    const TypeDef* parent = Type(t->parent_id);
    if (!parent || !parent->inherit) {
      break;
    }
    chain.push_back(parent->id);
    t = parent;
  }
  std::vector<const AttrDef*> out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& a : attributes) {
      if (a.type_id == *it) {
        out.push_back(&a);
      }
    }
  }
  return out;
}

const AttrDef* Model::AttributeOf(std::int64_t type_id, std::string_view name) const {
  for (const AttrDef* a : AttributesOf(type_id)) {
    if (EqualsIgnoreCase(a->name, name)) {
      return a;
    }
  }
  return nullptr;
}

const AttrDef* Model::LabelOf(std::int64_t type_id) const {
  const AttrDef* first_text = nullptr;
  for (const AttrDef* a : AttributesOf(type_id)) {
    if (a->label) {
      return a;
    }
    if (!first_text && ColumnOf(a->type) == Column::kText) {
      first_text = a;
    }
  }
  return first_text;
}

std::vector<const AttrDef*> Model::AttributesNamed(std::string_view name,
                                                   std::int64_t schema_id) const {
  std::vector<const AttrDef*> out;
  for (const auto& a : attributes) {
    if (!EqualsIgnoreCase(a.name, name)) {
      continue;
    }
    const TypeDef* t = Type(a.type_id);
    if (schema_id == 0 || (t && t->schema_id == schema_id)) {
      out.push_back(&a);
    }
  }
  return out;
}

std::optional<std::string> Model::Suggest(std::string_view name) const {
  static const std::vector<std::string> kKeywords = {"objectSchema",
                                                     "objectSchemaId",
                                                     "objectType",
                                                     "objectTypeId",
                                                     "objectTypeAndChildren",
                                                     "objectId",
                                                     "Key",
                                                     "Label",
                                                     "Created",
                                                     "Updated",
                                                     "object"};
  std::string lower = AsciiLower(name);
  std::optional<std::string> best;
  size_t best_d = std::max<size_t>(2, lower.size() / 3) + 1;
  auto consider = [&](const std::string& candidate) {
    size_t d = Distance(lower, AsciiLower(candidate));
    if (d < best_d) {
      best_d = d;
      best = candidate;
    }
  };
  for (const auto& k : kKeywords) {
    consider(k);
  }
  for (const auto& a : attributes) {
    consider(a.name);
  }
  return best;
}

Result<Model> Model::Load(storage::Connection& c) {
  Model m;
  STEWARD_TRY(c.Query("SELECT id, key, name, description FROM cmdb_schemas ORDER BY name", {},
                      [&](const storage::Row& r) {
                        m.schemas.push_back({r.Int(0), r.String(1), r.String(2), r.String(3)});
                      }));
  STEWARD_TRY(c.Query(
      "SELECT id, schema_id, parent_id, name, description, icon, abstract, inherit, position "
      "FROM cmdb_object_types ORDER BY schema_id, position, id",
      {}, [&](const storage::Row& r) {
        TypeDef t;
        t.id = r.Int(0);
        t.schema_id = r.Int(1);
        t.parent_id = r.IsNull(2) ? 0 : r.Int(2);
        t.name = r.String(3);
        t.description = r.String(4);
        t.icon = r.String(5);
        t.abstract = r.Int(6) != 0;
        t.inherit = r.Int(7) != 0;
        t.position = r.Int(8);
        m.types.push_back(std::move(t));
      }));
  STEWARD_TRY(c.Query(
      "SELECT id, object_type_id, name, type, description, position, required, unique_values, "
      "is_label, min_cardinality, max_cardinality, reference_type_id, reference_kind, options "
      "FROM cmdb_attributes ORDER BY object_type_id, position, id",
      {}, [&](const storage::Row& r) {
        AttrDef a;
        a.id = r.Int(0);
        a.type_id = r.Int(1);
        a.name = r.String(2);
        a.type = ParseAttrType(r.Text(3)).value_or(AttrType::kText);
        a.description = r.String(4);
        a.position = r.Int(5);
        a.required = r.Int(6) != 0;
        a.unique = r.Int(7) != 0;
        a.label = r.Int(8) != 0;
        a.min_card = r.Int(9);
        a.max_card = r.Int(10);
        a.ref_type_id = r.IsNull(11) ? 0 : r.Int(11);
        a.ref_kind = r.String(12);
        boost::system::error_code ec;
        auto options = boost::json::parse(r.Text(13), ec);
        if (!ec && options.is_array()) {
          for (const auto& o : options.as_array()) {
            if (o.is_string()) {
              a.options.emplace_back(o.as_string());
            }
          }
        }
        m.attributes.push_back(std::move(a));
      }));
  return m;
}

}  // namespace steward::cmdb
