#include "cmdb/object_store.h"

#include "base/text.h"
#include "base/time_format.h"
#include "identity/identity.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace steward::cmdb::internal {
namespace {

using storage::Connection;
using storage::Row;

constexpr std::int64_t kDayMs = 86400000;

Error Bad(const std::string& field, const std::string& message) {
  return Error::InvalidArgument("cmdb.badValue", message, field);
}

std::string Q(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

bool ValidEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.size() > 254) {
    return false;
  }
  for (char ch : s) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '<' || ch == '>') {
      return false;
    }
  }
  size_t dot = s.find('.', at);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < s.size();
}

bool ValidUrl(std::string_view s) {
  return (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0) && s.size() > 8 &&
         s.find_first_of(" \t\n\"<>") == std::string_view::npos;
}

std::string FormatNumber(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

Result<StoredValue> ParseOne(Connection& c, const Model& m, const AttrDef& a, const json::value& v,
                             bool from_text, const std::string& field) {
  StoredValue out;
  std::string_view text;
  bool is_text = v.is_string();
  if (is_text) {
    text = v.get_string();
  }
  switch (a.type) {
    case AttrType::kText:
    case AttrType::kTextarea:
    case AttrType::kUrl:
    case AttrType::kEmail: {
      if (!is_text) {
        return Bad(field, Q(a.name) + " takes text");
      }
      size_t max = a.type == AttrType::kTextarea ? 32768 : a.type == AttrType::kUrl ? 2048 : 255;
      if (text.size() > max) {
        return Bad(field, Q(a.name) + " is at most " + std::to_string(max) + " characters");
      }
      if (!IsValidUtf8(text)) {
        return Bad(field, Q(a.name) + " is not valid UTF-8");
      }
      if (a.type == AttrType::kUrl && !ValidUrl(text)) {
        return Bad(field, Q(a.name) + " takes a URL starting with http:// or https://");
      }
      if (a.type == AttrType::kEmail && !ValidEmail(text)) {
        return Bad(field, Q(a.name) + " takes an email address such as ops@example.com");
      }
      out.text = std::string(text);
      out.display = *out.text;
      return out;
    }
    case AttrType::kInteger:
    case AttrType::kFloat: {
      double d = 0;
      if (v.is_int64()) {
        d = static_cast<double>(v.get_int64());
      } else if (v.is_uint64()) {
        d = static_cast<double>(v.get_uint64());
      } else if (v.is_double()) {
        d = v.get_double();
      } else if (is_text && from_text) {
        std::string_view t = Trim(text);
        auto r = std::from_chars(t.data(), t.data() + t.size(), d);
        if (r.ec != std::errc() || r.ptr != t.data() + t.size()) {
          return Bad(field, Q(a.name) + " takes a number, not " + Q(text));
        }
      } else {
        return Bad(field, Q(a.name) + " takes a number");
      }
      if (!std::isfinite(d)) {
        return Bad(field, Q(a.name) + " takes a finite number");
      }
      if (a.type == AttrType::kInteger) {
        if (d != std::floor(d) || d < -2147483648.0 || d > 2147483647.0) {
          return Bad(field, Q(a.name) + " takes a whole number from -2147483648 to 2147483647");
        }
        out.integer = static_cast<std::int64_t>(d);
        out.display = std::to_string(*out.integer);
      } else {
        out.real = d;
        out.display = FormatNumber(d);
      }
      return out;
    }
    case AttrType::kBoolean: {
      if (v.is_bool()) {
        out.integer = v.get_bool() ? 1 : 0;
      } else if (is_text && from_text) {
        std::string b = AsciiLower(Trim(text));
        if (b == "true" || b == "yes" || b == "1") {
          out.integer = 1;
        } else if (b == "false" || b == "no" || b == "0") {
          out.integer = 0;
        } else {
          return Bad(field, Q(a.name) + " takes true or false, not " + Q(text));
        }
      } else {
        return Bad(field, Q(a.name) + " takes true or false");
      }
      out.display = *out.integer ? "true" : "false";
      return out;
    }
    case AttrType::kDate: {
      if (!is_text) {
        return Bad(field, Q(a.name) + " takes a date such as 2025-01-31");
      }
      auto d = ParseDate(Trim(text));
      if (!d) {
        return Bad(field, Q(a.name) + " takes a date such as 2025-01-31, not " + Q(text));
      }
      out.integer = *d;
      out.display = FormatDate(*d);
      return out;
    }
    case AttrType::kDateTime: {
      if (!is_text) {
        return Bad(field, Q(a.name) + " takes a date and time such as 2025-01-31T14:30:00Z");
      }
      auto t = ParseIsoDateTime(Trim(text));
      if (!t) {
        if (auto d = ParseDate(Trim(text))) {
          t = *d * kDayMs;
        }
      }
      if (!t) {
        return Bad(field, Q(a.name) + " takes a date and time such as 2025-01-31T14:30:00Z, not " +
                              Q(text));
      }
      out.integer = *t;
      out.display = FormatIsoUtc(*t);
      return out;
    }
    case AttrType::kSelect:
    case AttrType::kStatus: {
      if (!is_text) {
        return Bad(field, Q(a.name) + " takes one of its options");
      }
      for (const auto& o : a.options) {
        if (EqualsIgnoreCase(o, Trim(text))) {
          out.text = o;
          out.display = o;
          return out;
        }
      }
      std::string list;
      for (const auto& o : a.options) {
        list += (list.empty() ? "" : ", ") + o;
      }
      return Bad(field, Q(a.name) + " has no option " + Q(text) + " (options: " + list + ")");
    }
    case AttrType::kUser: {
      std::string_view name = text;
      if (v.is_object() && v.as_object().contains("username") &&
          v.as_object().at("username").is_string()) {
        name = v.as_object().at("username").get_string();
      } else if (!is_text) {
        return Bad(field, Q(a.name) + " takes a username");
      }
      STEWARD_ASSIGN_OR_RETURN(auto u, identity::FindUser(c, Trim(name)));
      if (!u || !u->active) {
        return Bad(field, Q(a.name) + ": no active user " + Q(name));
      }
      out.integer = u->id;
      out.display = u->username;
      return out;
    }
    case AttrType::kTeam: {
      std::string name;
      if (is_text) {
        name = std::string(Trim(text));
      } else if (v.is_object() && v.as_object().contains("name") &&
                 v.as_object().at("name").is_string()) {
        name = std::string(v.as_object().at("name").get_string());
      } else if (v.is_object() && v.as_object().contains("id") &&
                 v.as_object().at("id").is_int64()) {
        name = std::to_string(v.as_object().at("id").get_int64());
      } else {
        return Bad(field, Q(a.name) + " takes a team name");
      }
      std::optional<std::pair<std::int64_t, std::string>> team;
      STEWARD_TRY(
          c.Query("SELECT id, name FROM teams WHERE lower(name) = lower(?) OR CAST(id AS "
                  "TEXT) = ?",
                  {name, name}, [&](const Row& r) {
                    team = {r.Int(0), r.String(1)};
                  }));
      if (!team) {
        return Bad(field, Q(a.name) + ": no team " + Q(name));
      }
      out.integer = team->first;
      out.display = team->second;
      return out;
    }
    case AttrType::kReference: {
      std::string_view name = text;
      if (v.is_object() && v.as_object().contains("key") && v.as_object().at("key").is_string()) {
        name = v.as_object().at("key").get_string();
      } else if (!is_text) {
        return Bad(field, Q(a.name) + " takes the key or label of an object");
      }
      name = Trim(name);
      const TypeDef* target = m.Type(a.ref_type_id);
      std::vector<std::int64_t> types = m.WithDescendants(a.ref_type_id);
      std::string in;
      for (size_t i = 0; i < types.size(); ++i) {
        in += (i ? "," : "") + std::to_string(types[i]);
      }
      // By key first (the unique index) when the name has the form of a key of a target type's
      // schema, then by label among the target types, two lowest ids. (One query with OR reads
      // every object of the type when SQLite has no statistics yet.) Type ids come from the
      // model, never from the caller.
      std::vector<std::pair<std::int64_t, std::string>> found;
      bool by_key = false;
      bool key_like = false;
      for (auto t : types) {
        const TypeDef* td = m.Type(t);
        const SchemaDef* sd = td ? m.Schema(td->schema_id) : nullptr;
        key_like =
            key_like || (sd && name.size() > sd->key.size() + 1 && name[sd->key.size()] == '-' &&
                         EqualsIgnoreCase(name.substr(0, sd->key.size()), sd->key));
      }
      auto add = [&](const Row& r) { found.emplace_back(r.Int(0), r.String(1)); };
      if (key_like) {
        STEWARD_TRY(
            c.Query("SELECT id, key FROM cmdb_objects WHERE key = upper(?) AND "
                    "object_type_id IN (" +
                        in + ")",
                    {name}, add));
        by_key = !found.empty();
      }
      if (!by_key) {
        STEWARD_TRY(c.Query("SELECT id, key FROM cmdb_objects WHERE object_type_id IN (" + in +
                                ") AND lower(label) = lower(?) ORDER BY id LIMIT 2",
                            {name}, add));
      }
      if (found.empty()) {
        return Bad(field, Q(a.name) + ": no " + (target ? target->name : std::string("object")) +
                              " " + Q(name));
      }
      if (found.size() > 1 && !EqualsIgnoreCase(found[0].second, name)) {
        return Bad(field, Q(a.name) + ": " + Q(name) + " names several objects; give a key (" +
                              found[0].second + ", " + found[1].second + ")");
      }
      out.ref = found[0].first;
      out.display = found[0].second;
      return out;
    }
  }
  return Bad(field, "unsupported attribute type");
}

// The stored values of an object, by attribute, with display strings.
Result<std::map<std::int64_t, std::vector<StoredValue>>> LoadValues(Connection& c, const Model& m,
                                                                    std::int64_t object_id) {
  std::map<std::int64_t, std::vector<StoredValue>> out;
  STEWARD_TRY(
      c.Query("SELECT v.attribute_id, v.text_value, v.int_value, v.real_value, v.ref_id, r.key, "
              "u.username, t.name FROM cmdb_values v LEFT JOIN cmdb_objects r ON r.id = v.ref_id "
              "LEFT JOIN users u ON u.id = v.int_value LEFT JOIN teams t ON t.id = v.int_value "
              "WHERE v.object_id = ? ORDER BY v.attribute_id, v.seq",
              {object_id}, [&](const Row& r) {
                StoredValue s;
                s.text = r.OptString(1);
                s.integer = r.OptInt(2);
                if (!r.IsNull(3)) {
                  s.real = r.Real(3);
                }
                s.ref = r.IsNull(4) ? 0 : r.Int(4);
                const AttrDef* a = m.Attribute(r.Int(0));
                AttrType t = a ? a->type : AttrType::kText;
                if (s.ref) {
                  s.display = r.String(5);
                } else if (t == AttrType::kUser) {
                  s.display = r.IsNull(6) ? "" : r.String(6);
                } else if (t == AttrType::kTeam) {
                  s.display = r.IsNull(7) ? "" : r.String(7);
                } else if (t == AttrType::kDate && s.integer) {
                  s.display = FormatDate(*s.integer);
                } else if (t == AttrType::kDateTime && s.integer) {
                  s.display = FormatIsoUtc(*s.integer);
                } else if (t == AttrType::kBoolean && s.integer) {
                  s.display = *s.integer ? "true" : "false";
                } else if (s.integer) {
                  s.display = std::to_string(*s.integer);
                } else if (s.real) {
                  s.display = FormatNumber(*s.real);
                } else if (s.text) {
                  s.display = *s.text;
                }
                out[r.Int(0)].push_back(std::move(s));
              }));
  return out;
}

std::string Joined(const std::vector<StoredValue>& values) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + v.display;
  }
  return out;
}

std::optional<std::string> OptJoined(const std::vector<StoredValue>& values) {
  if (values.empty()) {
    return std::nullopt;
  }
  return Joined(values);
}

}  // namespace

Error ObjectNotFound(std::string_view key) {
  return Error::NotFound("cmdb.objectNotFound", "no object " + Q(key));
}

Status RequireRead(const Principal& p) {
  if (!CmdbService::CanRead(p)) {
    return Error::PermissionDenied("cmdb.forbidden",
                                   "the CMDB is open to agents and administrators");
  }
  return Ok();
}

Status RequireEdit(const Principal& p) {
  if (!CmdbService::CanEdit(p)) {
    return Error::PermissionDenied("cmdb.forbidden",
                                   "only agents and administrators change objects");
  }
  return Ok();
}

Status RequireAdmin(const Principal& p) {
  if (!p.IsAdmin()) {
    return Error::PermissionDenied("cmdb.forbidden",
                                   "only administrators change schemas, object types, attributes "
                                   "and run imports");
  }
  return Ok();
}

Result<std::optional<ObjectRow>> FindByKey(Connection& c, std::string_view key) {
  std::optional<ObjectRow> out;
  std::string upper(key);
  for (char& ch : upper) {
    if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  STEWARD_TRY(
      c.Query("SELECT id, object_type_id, schema_id, key, label FROM cmdb_objects WHERE key = ?",
              {upper}, [&](const Row& r) {
                out = ObjectRow{r.Int(0), r.Int(1), r.Int(2), r.String(3), r.String(4)};
              }));
  return out;
}

Result<std::vector<StoredValue>> ParseValue(Connection& c, const Model& m, const AttrDef& a,
                                            const json::value& value, bool from_text,
                                            const std::string& field) {
  std::vector<json::value> items;
  if (value.is_null()) {
    return std::vector<StoredValue>();
  }
  if (value.is_array()) {
    for (const auto& v : value.as_array()) {
      items.push_back(v);
    }
  } else if (from_text && value.is_string()) {
    std::string_view s = value.get_string();
    if (Trim(s).empty()) {
      return std::vector<StoredValue>();
    }
    if (a.Multiple()) {
      size_t from = 0;
      while (from <= s.size()) {
        size_t sep = s.find("||", from);
        std::string_view part = s.substr(from, sep == std::string_view::npos ? s.npos : sep - from);
        if (!Trim(part).empty()) {
          items.emplace_back(json::string(Trim(part)));
        }
        if (sep == std::string_view::npos) {
          break;
        }
        from = sep + 2;
      }
    } else {
      items.push_back(value);
    }
  } else {
    items.push_back(value);
  }
  if (items.size() > 1000) {
    return Bad(field, Q(a.name) + " takes at most 1000 values");
  }
  std::vector<StoredValue> out;
  for (const auto& v : items) {
    STEWARD_ASSIGN_OR_RETURN(auto one, ParseOne(c, m, a, v, from_text, field));
    bool dup = false;
    for (const auto& o : out) {
      dup = dup || o == one;
    }
    if (!dup) {
      out.push_back(std::move(one));
    }
  }
  if (a.max_card != -1 && static_cast<std::int64_t>(out.size()) > a.max_card) {
    return Bad(field, Q(a.name) + " takes at most " + std::to_string(a.max_card) +
                          (a.max_card == 1 ? " value" : " values"));
  }
  if (!out.empty() && static_cast<std::int64_t>(out.size()) < a.min_card) {
    return Bad(field, Q(a.name) + " takes at least " + std::to_string(a.min_card) + " values");
  }
  return out;
}

Result<WriteOutcome> WriteObject(Connection& c, const Model& m, const TypeDef& type,
                                 std::optional<std::int64_t> existing,
                                 const json::object& attributes, const WriteOptions& o) {
  if (type.abstract) {
    return Error::InvalidArgument("cmdb.abstractType",
                                  Q(type.name) + " is abstract: create objects of its children",
                                  "objectTypeId");
  }
  if (attributes.size() > 200) {
    return Bad("attributes", "at most 200 attributes per object");
  }
  // 1. Parse every given value; unknown names are errors.
  std::map<std::int64_t, std::vector<StoredValue>> next;
  for (const auto& [name, value] : attributes) {
    std::string field = o.field_prefix + std::string(name);
    const AttrDef* a = m.AttributeOf(type.id, name);
    if (!a) {
      return Error::InvalidArgument("cmdb.unknownAttribute",
                                    Q(type.name) + " has no attribute " + Q(name), field);
    }
    if (next.count(a->id)) {
      return Bad(field, Q(a->name) + " is given twice");
    }
    STEWARD_ASSIGN_OR_RETURN(auto values, ParseValue(c, m, *a, value, o.from_text, field));
    next[a->id] = std::move(values);
  }
  std::map<std::int64_t, std::vector<StoredValue>> old;
  if (existing) {
    STEWARD_ASSIGN_OR_RETURN(old, LoadValues(c, m, *existing));
  }
  // 2. Required attributes hold a value afterwards; the label attribute always does.
  const AttrDef* label_attr = m.LabelOf(type.id);
  for (const AttrDef* a : m.AttributesOf(type.id)) {
    bool required = a->required || a == label_attr;
    if (!required) {
      continue;
    }
    auto it = next.find(a->id);
    bool empty = it != next.end() ? it->second.empty() : (!existing || old[a->id].empty());
    if (empty) {
      return Error::InvalidArgument("cmdb.required", Q(a->name) + " is required",
                                    o.field_prefix + a->name);
    }
  }
  // 3. Unique attributes: no other object of the schema holds the same value.
  for (const auto& [attr_id, values] : next) {
    const AttrDef* a = m.Attribute(attr_id);
    if (!a->unique) {
      continue;
    }
    for (const auto& v : values) {
      std::optional<std::string> other;
      std::int64_t self = existing.value_or(0);
      if (v.text) {
        STEWARD_ASSIGN_OR_RETURN(
            other, c.QueryString("SELECT o.key FROM cmdb_values v JOIN cmdb_objects o ON o.id = "
                                 "v.object_id WHERE v.attribute_id = ? AND v.text_value IS NOT "
                                 "NULL AND lower(v.text_value) = lower(?) AND v.object_id <> ? "
                                 "LIMIT 1",
                                 {attr_id, *v.text, self}));
      } else if (v.integer) {
        STEWARD_ASSIGN_OR_RETURN(
            other, c.QueryString("SELECT o.key FROM cmdb_values v JOIN cmdb_objects o ON o.id = "
                                 "v.object_id WHERE v.attribute_id = ? AND v.int_value = ? AND "
                                 "v.object_id <> ? LIMIT 1",
                                 {attr_id, *v.integer, self}));
      } else if (v.real) {
        STEWARD_ASSIGN_OR_RETURN(
            other, c.QueryString("SELECT o.key FROM cmdb_values v JOIN cmdb_objects o ON o.id = "
                                 "v.object_id WHERE v.attribute_id = ? AND v.real_value = ? AND "
                                 "v.object_id <> ? LIMIT 1",
                                 {attr_id, *v.real, self}));
      } else if (v.ref) {
        STEWARD_ASSIGN_OR_RETURN(
            other, c.QueryString("SELECT o.key FROM cmdb_values v JOIN cmdb_objects o ON o.id = "
                                 "v.object_id WHERE v.ref_id = ? AND v.attribute_id = ? AND "
                                 "v.object_id <> ? LIMIT 1",
                                 {v.ref, attr_id, self}));
      }
      if (other) {
        return Error::AlreadyExists(
            "cmdb.notUnique",
            Q(a->name) + " must be unique: " + *other + " already has " + Q(v.display),
            o.field_prefix + a->name);
      }
    }
  }
  // 4. Write.
  WriteOutcome out;
  std::optional<std::int64_t> actor = o.actor ? std::optional<std::int64_t>(o.actor) : std::nullopt;
  if (!existing) {
    std::string key = o.key;
    if (o.next_number) {
      key = o.schema_key + "-" + std::to_string((*o.next_number)++);
    } else if (key.empty()) {
      STEWARD_ASSIGN_OR_RETURN(
          auto numbered,
          c.QueryString("UPDATE cmdb_schemas SET next_number = next_number + 1 WHERE "
                        "id = ? RETURNING key || '-' || CAST(next_number - 1 AS TEXT)",
                        {type.schema_id}));
      if (!numbered) {
        return Error::Internal("object type without a schema");
      }
      key = *numbered;
    } else {
      // A chosen key: the schema's key, a dash and a number not yet used.
      STEWARD_ASSIGN_OR_RETURN(
          auto prefix,
          c.QueryString("SELECT key FROM cmdb_schemas WHERE id = ?", {type.schema_id}));
      std::int64_t n = 0;
      size_t dash = key.rfind('-');
      std::string_view digits =
          dash == std::string::npos ? std::string_view() : std::string_view(key).substr(dash + 1);
      auto r = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (dash == std::string::npos || key.substr(0, dash) != prefix.value_or("") ||
          digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() ||
          n <= 0) {
        return Bad("key", "a key is the schema's key, a dash and a number, such as " +
                              prefix.value_or("KEY") + "-12");
      }
      STEWARD_ASSIGN_OR_RETURN(auto taken,
                               c.QueryInt("SELECT id FROM cmdb_objects WHERE key = ?", {key}));
      if (taken) {
        return Error::AlreadyExists("cmdb.keyTaken", key + " is taken", "key");
      }
      STEWARD_TRY(
          c.Exec("UPDATE cmdb_schemas SET next_number = CASE WHEN next_number > ? THEN next_number "
                 "ELSE ? END WHERE id = ?",
                 {n, n + 1, type.schema_id}));
    }
    std::string label;
    if (label_attr && next.count(label_attr->id) && !next[label_attr->id].empty()) {
      label = next[label_attr->id][0].display;
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("INSERT INTO cmdb_objects(schema_id, object_type_id, key, label, "
                            "created_at, updated_at, created_by, updated_by) VALUES "
                            "(?,?,?,?,?,?,?,?) RETURNING id",
                            {type.schema_id, type.id, key, label, o.now, o.now, actor, actor}));
    out.id = *id;
    out.key = key;
    out.changed = true;
    STEWARD_TRY(
        c.Exec("INSERT INTO cmdb_history(object_id, author_id, created_at, attribute, "
               "from_value, to_value) VALUES (?,?,?,'object',NULL,'created')",
               {out.id, actor, o.now}));
  } else {
    out.id = *existing;
  }
  for (const auto& [attr_id, values] : next) {
    const std::vector<StoredValue>& before = old[attr_id];
    if (existing && before == values) {
      continue;
    }
    out.changed = true;
    if (existing) {
      STEWARD_TRY(c.Exec("DELETE FROM cmdb_values WHERE object_id = ? AND attribute_id = ?",
                         {out.id, attr_id}));
      STEWARD_TRY(
          c.Exec("INSERT INTO cmdb_history(object_id, author_id, created_at, attribute, "
                 "from_value, to_value) VALUES (?,?,?,?,?,?)",
                 {out.id, actor, o.now, m.Attribute(attr_id)->name, OptJoined(before),
                  OptJoined(values)}));
    }
    std::int64_t seq = 0;
    for (const auto& v : values) {
      STEWARD_TRY(
          c.Exec("INSERT INTO cmdb_values(object_id, attribute_id, seq, text_value, int_value, "
                 "real_value, ref_id) VALUES (?,?,?,?,?,?,?)",
                 {out.id, attr_id, seq++, v.text, v.integer,
                  v.real ? storage::Param(*v.real) : storage::Param(),
                  v.ref ? storage::Param(v.ref) : storage::Param()}));
    }
  }
  if (existing && out.changed) {
    std::optional<std::string> label;
    if (label_attr && next.count(label_attr->id)) {
      label = next[label_attr->id].empty() ? std::string() : next[label_attr->id][0].display;
    }
    STEWARD_TRY(
        c.Exec("UPDATE cmdb_objects SET updated_at = ?, updated_by = ?, label = coalesce(?, label) "
               "WHERE id = ?",
               {o.now, actor, label, out.id}));
    STEWARD_ASSIGN_OR_RETURN(auto key,
                             c.QueryString("SELECT key FROM cmdb_objects WHERE id = ?", {out.id}));
    out.key = key.value_or("");
  }
  return out;
}

Result<json::array> RenderObjects(Connection& c, const Model& m,
                                  const std::vector<std::int64_t>& ids) {
  json::array out;
  if (ids.empty()) {
    return out;
  }
  std::string in;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) {
      in += ',';
    }
    in += std::to_string(ids[i]);  // ids from our own queries
  }
  struct Obj {
    json::object o;
    std::map<std::int64_t, json::array> values;
    std::int64_t type_id = 0;
  };
  std::map<std::int64_t, Obj> objs;
  STEWARD_TRY(c.Query(
      "SELECT o.id, o.key, o.label, o.object_type_id, o.schema_id, o.created_at, o.updated_at "
      "FROM cmdb_objects o WHERE o.id IN (" +
          in + ")",
      {}, [&](const Row& r) {
        Obj& ob = objs[r.Int(0)];
        ob.type_id = r.Int(3);
        const TypeDef* t = m.Type(r.Int(3));
        const SchemaDef* s = m.Schema(r.Int(4));
        ob.o["id"] = r.Int(0);
        ob.o["key"] = r.String(1);
        ob.o["label"] = r.String(2);
        ob.o["objectType"] = json::object{{"id", r.Int(3)}, {"name", t ? t->name : ""}};
        ob.o["schema"] =
            json::object{{"id", r.Int(4)}, {"key", s ? s->key : ""}, {"name", s ? s->name : ""}};
        ob.o["created"] = FormatIsoUtc(r.Int(5));
        ob.o["updated"] = FormatIsoUtc(r.Int(6));
      }));
  STEWARD_TRY(
      c.Query("SELECT v.object_id, v.attribute_id, v.text_value, v.int_value, v.real_value, r.key, "
              "r.label, rt.name, u.username, u.display_name, t.name FROM cmdb_values v "
              "JOIN cmdb_attributes a ON a.id = v.attribute_id "
              "LEFT JOIN cmdb_objects r ON r.id = v.ref_id "
              "LEFT JOIN cmdb_object_types rt ON rt.id = r.object_type_id "
              "LEFT JOIN users u ON a.type = 'user' AND u.id = v.int_value "
              "LEFT JOIN teams t ON a.type = 'team' AND t.id = v.int_value "
              "WHERE v.object_id IN (" +
                  in + ") ORDER BY v.object_id, v.attribute_id, v.seq",
              {}, [&](const Row& r) {
                const AttrDef* a = m.Attribute(r.Int(1));
                if (!a) {
                  return;
                }
                json::value val;
                switch (a->type) {
                  case AttrType::kInteger:
                    val = r.IsNull(3) ? json::value(nullptr) : json::value(r.Int(3));
                    break;
                  case AttrType::kFloat:
                    val = r.IsNull(4) ? json::value(nullptr) : json::value(r.Real(4));
                    break;
                  case AttrType::kBoolean:
                    val = !r.IsNull(3) && r.Int(3) != 0;
                    break;
                  case AttrType::kDate:
                    val = r.IsNull(3) ? json::value(nullptr) : json::value(FormatDate(r.Int(3)));
                    break;
                  case AttrType::kDateTime:
                    val = r.IsNull(3) ? json::value(nullptr) : json::value(FormatIsoUtc(r.Int(3)));
                    break;
                  case AttrType::kUser:
                    val = json::object{{"username", r.IsNull(8) ? "" : r.String(8)},
                                       {"displayName", r.IsNull(9) ? "" : r.String(9)}};
                    break;
                  case AttrType::kTeam:
                    val = json::object{{"id", r.IsNull(3) ? 0 : r.Int(3)},
                                       {"name", r.IsNull(10) ? "" : r.String(10)}};
                    break;
                  case AttrType::kReference:
                    val = json::object{{"key", r.IsNull(5) ? "" : r.String(5)},
                                       {"label", r.IsNull(6) ? "" : r.String(6)},
                                       {"objectType", r.IsNull(7) ? "" : r.String(7)}};
                    break;
                  default:
                    val = r.IsNull(2) ? json::value(nullptr) : json::value(r.String(2));
                }
                objs[r.Int(0)].values[a->id].push_back(std::move(val));
              }));
  for (auto id : ids) {
    auto it = objs.find(id);
    if (it == objs.end()) {
      continue;
    }
    json::object attrs;
    for (const AttrDef* a : m.AttributesOf(it->second.type_id)) {
      auto v = it->second.values.find(a->id);
      if (a->Multiple()) {
        attrs[a->name] = v == it->second.values.end() ? json::array() : v->second;
      } else {
        attrs[a->name] =
            v == it->second.values.end() || v->second.empty() ? json::value(nullptr) : v->second[0];
      }
    }
    it->second.o["attributes"] = std::move(attrs);
    out.push_back(std::move(it->second.o));
  }
  return out;
}

}  // namespace steward::cmdb::internal
