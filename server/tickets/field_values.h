// Custom field values: validating a JSON value sent for a field of a given type and turning it
// into stored rows (issue_field_values: text_value / int_value / real_value), and back into the
// API's JSON and a display string for history. User and team references are resolved by the
// caller through `Resolver` so that this file stays free of storage.
//
// Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "tickets/catalog.h"
#include "tickets/object_fields.h"

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace steward::tickets {

struct StoredValue {
  std::optional<std::string> text;
  std::optional<std::int64_t> integer;
  std::optional<double> real;
  std::string display;  // for history and rendering references
  bool operator==(const StoredValue& o) const {
    return text == o.text && integer == o.integer && real == o.real;
  }
};

struct Resolver {
  // username -> (user id, display name); nullopt if unknown.
  std::function<Result<std::optional<std::pair<std::int64_t, std::string>>>(std::string_view)> user;
  // team name or numeric id -> (team id, name)
  std::function<Result<std::optional<std::pair<std::int64_t, std::string>>>(std::string_view)> team;
  // an object field's written value (key or label) -> the object; unset: objects refused
  std::function<Result<std::optional<ObjectValue>>(const CustomFieldDef&, std::string_view)> object;
};

// Validates `value` for `field`; null or an empty array clears the field (empty result).
Result<std::vector<StoredValue>> ParseFieldValue(const CustomFieldDef& field,
                                                 const boost::json::value& value,
                                                 const Resolver& resolve);

// The API representation of stored values (display carries user/team names).
boost::json::value RenderFieldValue(const CustomFieldDef& field,
                                    const std::vector<StoredValue>& values,
                                    const std::vector<std::string>& usernames);
// One display string for history ("a, b").
std::string DisplayString(const CustomFieldDef& field, const std::vector<StoredValue>& values);
// The display string of one stored value (options by name, dates formatted).
std::string DisplayOf(const CustomFieldDef& field, const StoredValue& v);

}  // namespace steward::tickets
