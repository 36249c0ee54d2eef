#include "tickets/field_values.h"

#include "base/text.h"
#include "base/time_format.h"

#include <boost/json.hpp>

#include <cmath>

namespace steward::tickets {
namespace json = boost::json;

namespace {

Error Bad(const CustomFieldDef& f, const std::string& what) {
  return Error::InvalidArgument("tickets.badFieldValue", "\"" + f.name + "\" " + what, f.name);
}

bool ValidUrl(std::string_view s) {
  if (s.size() > 2048) {
    return false;
  }
  bool scheme =
      s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("mailto:", 0) == 0;
  if (!scheme) {
    return false;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>') {
      return false;
    }
  }
  return true;
}

Result<StoredValue> ParseOne(const CustomFieldDef& f, const json::value& v, const Resolver& r) {
  StoredValue out;
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kParagraph:
    case FieldType::kUrl: {
      if (!v.is_string()) {
        return Bad(f, "must be a string");
      }
      std::string_view s = v.get_string();
      size_t max = f.type == FieldType::kParagraph ? 32768 : f.type == FieldType::kUrl ? 2048 : 255;
      if (s.size() > max) {
        return Bad(f, "is longer than " + std::to_string(max) + " characters");
      }
      if (f.type == FieldType::kUrl && !ValidUrl(s)) {
        return Bad(f, "must be an http(s) or mailto URL");
      }
      out.text = std::string(s);
      out.display = *out.text;
      return out;
    }
    case FieldType::kNumber: {
      if (!v.is_number()) {
        return Bad(f, "must be a number");
      }
      double d = v.to_number<double>();
      if (!std::isfinite(d)) {
        return Bad(f, "must be a finite number");
      }
      out.real = d;
      out.display = DisplayOf(f, out);
      return out;
    }
    case FieldType::kDate: {
      auto days = v.is_string() ? ParseDate(v.get_string()) : std::nullopt;
      if (!days) {
        return Bad(f, "must be a date \"YYYY-MM-DD\"");
      }
      out.integer = *days;
      out.display = FormatDate(*days);
      return out;
    }
    case FieldType::kDateTime: {
      auto t = v.is_string() ? ParseIsoDateTime(v.get_string()) : std::nullopt;
      if (!t) {
        return Bad(f, "must be an ISO 8601 date-time such as \"2026-03-25T20:30:00Z\"");
      }
      out.integer = *t;
      out.display = FormatIsoUtc(*t);
      return out;
    }
    case FieldType::kYesNo: {
      if (v.is_bool()) {
        out.integer = v.get_bool() ? 1 : 0;
      } else if (v.is_string() && EqualsIgnoreCase(v.get_string(), "yes")) {
        out.integer = 1;
      } else if (v.is_string() && EqualsIgnoreCase(v.get_string(), "no")) {
        out.integer = 0;
      } else {
        return Bad(f, "must be true or false");
      }
      out.display = *out.integer ? "Yes" : "No";
      return out;
    }
    case FieldType::kSelect:
    case FieldType::kMultiSelect: {
      const FieldOption* opt = nullptr;
      if (v.is_string()) {
        opt = f.FindOption(v.get_string());
      } else if (v.is_object()) {
        const auto& o = v.get_object();
        if (const auto* val = o.if_contains("value"); val && val->is_string()) {
          opt = f.FindOption(val->get_string());
        } else if (const auto* id = o.if_contains("id"); id && id->is_int64()) {
          opt = f.OptionById(id->get_int64());
          if (opt && opt->disabled) {
            opt = nullptr;
          }
        }
      } else {
        return Bad(f, "must be an option name");
      }
      if (!opt) {
        std::string names;
        for (const auto& o : f.options) {
          if (!o.disabled) {
            names += (names.empty() ? "" : ", ") + o.value;
          }
        }
        return Bad(f, "has no option " + json::serialize(v) + " (options: " + names + ")");
      }
      out.integer = opt->id;
      out.display = opt->value;
      return out;
    }
    case FieldType::kUser:
    case FieldType::kMultiUser: {
      if (!v.is_string()) {
        return Bad(f, "must be a username");
      }
      STEWARD_ASSIGN_OR_RETURN(auto user, r.user(v.get_string()));
      if (!user) {
        return Bad(f, "names an unknown user \"" + std::string(v.get_string()) + "\"");
      }
      out.integer = user->first;
      out.display = user->second;
      return out;
    }
    case FieldType::kTeam: {
      std::string key;
      if (v.is_string()) {
        key = std::string(v.get_string());
      } else if (v.is_int64()) {
        key = std::to_string(v.get_int64());
      } else {
        return Bad(f, "must be a team name");
      }
      STEWARD_ASSIGN_OR_RETURN(auto team, r.team(key));
      if (!team) {
        return Bad(f, "names an unknown team \"" + key + "\"");
      }
      out.integer = team->first;
      out.display = team->second;
      return out;
    }
    case FieldType::kObject: {
      std::string key;
      if (v.is_string()) {
        key = std::string(Trim(v.get_string()));
      } else if (v.is_object() && v.get_object().contains("key") &&
                 v.get_object().at("key").is_string()) {
        key = std::string(v.get_object().at("key").get_string());
      } else {
        return Bad(f, "takes objects by key or label");
      }
      if (key.empty() || key.size() > 255) {
        return Bad(f, "takes objects by key or label");
      }
      if (!r.object) {
        return Bad(f, "cannot be set: no object directory is installed");
      }
      STEWARD_ASSIGN_OR_RETURN(auto object, r.object(f, key));
      if (!object) {
        return Bad(f, "has no object \"" + key + "\" in its scope");
      }
      out.integer = object->id;
      out.text = object->key;
      out.display = object->label;
      return out;
    }
  }
  return Bad(f, "has an unsupported type");
}

}  // namespace

Result<std::vector<StoredValue>> ParseFieldValue(const CustomFieldDef& f, const json::value& v,
                                                 const Resolver& r) {
  std::vector<StoredValue> out;
  if (v.is_null()) {
    return out;
  }
  if (f.type == FieldType::kObject && !v.is_array()) {
    // One object may be given without the array.
    return ParseFieldValue(f, json::array{v}, r);
  }
  if (IsMultiValued(f.type)) {
    if (!v.is_array()) {
      return Bad(f, "must be an array");
    }
    if (v.get_array().size() > 100) {
      return Bad(f, "has more than 100 values");
    }
    for (const auto& item : v.get_array()) {
      STEWARD_ASSIGN_OR_RETURN(auto one, ParseOne(f, item, r));
      bool dup = false;
      for (const auto& existing : out) {
        dup = dup || existing == one;
      }
      if (!dup) {
        out.push_back(std::move(one));
      }
    }
    if (f.type == FieldType::kObject && !f.object.multiple && out.size() > 1) {
      return Bad(f, "takes one object");
    }
    return out;
  }
  if (v.is_array()) {
    return Bad(f, "takes a single value, not an array");
  }
  STEWARD_ASSIGN_OR_RETURN(auto one, ParseOne(f, v, r));
  if (one.text && one.text->empty()) {
    return out;  // an empty text clears the field
  }
  out.push_back(std::move(one));
  return out;
}

std::string DisplayOf(const CustomFieldDef& f, const StoredValue& v) {
  switch (f.type) {
    case FieldType::kNumber: {
      double d = v.real.value_or(0);
      if (d == std::floor(d) && std::fabs(d) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(d));
      }
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", d);
      return buf;
    }
    case FieldType::kDate:
      return FormatDate(v.integer.value_or(0));
    case FieldType::kDateTime:
      return FormatIsoUtc(v.integer.value_or(0));
    case FieldType::kYesNo:
      return v.integer.value_or(0) ? "Yes" : "No";
    case FieldType::kSelect:
    case FieldType::kMultiSelect: {
      const FieldOption* o = f.OptionById(v.integer.value_or(0));
      return o ? o->value : v.display;
    }
    case FieldType::kObject:
      return v.display.empty() ? v.text.value_or("") : v.display;
    default:
      return v.text ? *v.text : v.display;
  }
}

json::value RenderFieldValue(const CustomFieldDef& f, const std::vector<StoredValue>& values,
                             const std::vector<std::string>& usernames) {
  auto one = [&](size_t i) -> json::value {
    const StoredValue& v = values[i];
    switch (f.type) {
      case FieldType::kNumber:
        return v.real.value_or(0);
      case FieldType::kYesNo:
        return v.integer.value_or(0) != 0;
      case FieldType::kUser:
      case FieldType::kMultiUser:
        return json::object{{"username", i < usernames.size() ? usernames[i] : ""},
                            {"displayName", v.display}};
      case FieldType::kTeam:
        return json::object{{"id", v.integer.value_or(0)}, {"name", v.display}};
      case FieldType::kObject:
        return json::object{
            {"id", v.integer.value_or(0)}, {"key", v.text.value_or("")}, {"label", v.display}};
      default:
        return json::value(DisplayOf(f, v));
    }
  };
  if (IsMultiValued(f.type)) {
    json::array a;
    for (size_t i = 0; i < values.size(); ++i) {
      a.push_back(one(i));
    }
    return a;
  }
  if (values.empty()) {
    return nullptr;
  }
  return one(0);
}

std::string DisplayString(const CustomFieldDef& f, const std::vector<StoredValue>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) {
      out += ", ";
    }
    out += DisplayOf(f, v);
  }
  return out;
}

}  // namespace steward::tickets
