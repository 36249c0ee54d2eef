// Object fields (SPEC S3.4, S5.6): custom fields of type "object" whose values are objects of a
// directory that lives above tickets (the CMDB). Tickets keeps each value as the object's id
// (int_value) and key (text_value) and asks the ObjectDirectory that app/ installs to resolve
// written values (a key or a label, within the field's scope), to describe stored values
// (labels), to check a field's configuration, and to extend the JQL field (`= "Payment
// Processing"`, `IN aqlFunction("Tier = \"Tier 1\"")`). Without a directory, object fields
// refuse writes and render keys.
//
// Thread-safety: install the directory once at start-up, before serving; it must be safe from
// any thread.
#pragma once

#include "base/result.h"
#include "http/message.h"
#include "query/field_registry.h"
#include "storage/database.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace steward::tickets {

struct CustomFieldDef;

struct ObjectValue {
  std::int64_t id = 0;
  std::string key;
  std::string label;
};

class ObjectDirectory {
 public:
  virtual ~ObjectDirectory() = default;
  // Whether an object field's configuration (schema, filter scope, issue scope) is valid.
  virtual Status CheckConfig(storage::Connection& c, const CustomFieldDef& field) = 0;
  // A written value (key or label) of `field` → the object, if it exists within the field's
  // schema and filter scope; nullopt if not.
  virtual Result<std::optional<ObjectValue>> Resolve(storage::Connection& c,
                                                     const CustomFieldDef& field,
                                                     std::string_view text) = 0;
  // Of `ids` (values of `field`), those outside its issue scope once the placeholders are filled
  // from `context` ({field name: value or values}); empty when all are within it or the field
  // has no issue scope.
  virtual Result<std::vector<std::int64_t>> OutsideIssueScope(
      storage::Connection& c, const CustomFieldDef& field, const std::vector<std::int64_t>& ids,
      const boost::json::object& context) = 0;
  // Stored ids → objects (ids of deleted objects are left out).
  virtual Result<std::map<std::int64_t, ObjectValue>> Describe(
      storage::Connection& c, const std::vector<std::int64_t>& ids) = 0;
  // Fills the JQL field of an object field: how a clause lowers, which functions it takes.
  virtual void ExtendSearchField(query::FieldSpec& spec, const CustomFieldDef& field) = 0;
  // Resolves one of those functions (aqlFunction("...")) for `p` into a SELECT of object ids.
  virtual std::variant<sql::SelectPtr, query::QueryError> ResolveFunction(
      storage::Connection& c, const http::Principal& p, const std::string& name,
      const std::vector<std::string>& args, query::Span span) = 0;
};

void InstallObjectDirectory(ObjectDirectory* directory);
ObjectDirectory* InstalledObjectDirectory();

}  // namespace steward::tickets
