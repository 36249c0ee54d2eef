// The JQL field registry: every field a query may name — its canonical name, aliases, value
// type, the operators it takes, whether it sorts and keeps history — and how it is stored, so
// the compiler can lower a clause on it to SQL. Business modules fill it (tickets registers the
// system and custom fields); the compiler knows no field by name. It also feeds the query
// editor's autocomplete (GET /api/v1/query/fields).
//
// Thread-safety: built once, then immutable; share it as shared_ptr<const FieldRegistry>.
#pragma once
#include "query/ast.h"
#include "sql/ast.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace steward::query {

enum class ValueType {
  kText,      // words: ~ !~ IS
  kNumber,    // numbers
  kDate,      // calendar days (stored as days since 1970-01-01)
  kDateTime,  // instants (stored as epoch milliseconds)
  kOption,    // named values resolved to ids (status, priority, select options...)
  kUser,      // users by username, currentUser(), membersOf()
  kKey,       // issue keys
  kString,    // exact strings (labels)
};
std::string_view ValueTypeName(ValueType t);

struct BoundClause;
struct LowerContext;

// Where a field's values live. The compiler's lowering turns JQL semantics (empty fields,
// negation, lists) into SQL over this description.
struct FieldStorage {
  enum class Kind {
    kColumn,    // a column of issues (alias i)
    kSet,       // rows of a side table: table.issue_column = i.id, table.value_column = value
    kFullText,  // full-text indexes (text fields)
    kCustom,    // issue_field_values rows of one custom field
  };
  Kind kind = Kind::kColumn;
  std::string column;         // kColumn: the issues column; kSet/kCustom: the value column
  bool nullable = true;       // kColumn
  std::string table;          // kSet: side table
  std::string issue_column;   // kSet: the column referencing issues.id
  std::string filter_column;  // kSet: an extra equality filter (e.g. role = 'watcher')
  std::string filter_value;
  std::int64_t custom_id = 0;  // kCustom
  // Text values name rows of a lookup table (users by username, components by name...): the
  // stored value is that row's id.
  std::string lookup_table;
  std::string lookup_column;
  bool date_in_days = false;             // kDate values are stored as days since 1970-01-01
  bool value_index = false;              // kSet/kCustom: the side table has an index on its values
  std::vector<std::string> fts_columns;  // kFullText: "summary", "description", "comments"
};

struct FieldSpec {
  std::string name;                  // canonical, as shown ("assignee", "Impact")
  std::string id;                    // "assignee", or "cf[12]" for a custom field
  std::vector<std::string> aliases;  // other accepted names, any case
  ValueType type = ValueType::kText;
  bool custom = false;
  bool multi = false;  // several values per issue (labels, multi-selects)
  std::vector<ast::Op> operators;
  bool orderable = false;
  std::string history_field;         // change_items.field for WAS / CHANGED; empty: no history
  bool history_by_username = false;  // change_items values are usernames (else ids)
  FieldStorage storage;
  // kOption: the ids a written value means (case-insensitive); nullopt if none.
  std::function<std::optional<std::vector<std::int64_t>>(std::string_view)> resolve;
  std::vector<std::string> suggestions;  // values for autocomplete (kOption)
  // Every id a kOption column can hold: `!=` and NOT IN then lower to IN over the rest, which
  // an index can serve (NOT IN cannot).
  std::vector<std::int64_t> domain;
  // An index on this date column alone. A recent lower bound (`updated >= -1d`) is selective,
  // but SQLite cannot know it from a bound parameter and would rather walk a project's issues;
  // the compiler then names this index (INDEXED BY).
  std::string range_index;
  std::string project_range_index;  // the same with project_id first, when the query names one
  // The sort key, when orderable (default: the storage column).
  std::function<sql::ExprPtr()> sort_key;
  // Functions this field takes as values beyond the built-in ones (lower-case names, e.g.
  // "aqlfunction"): bound as kFunction, then resolved into sub-queries by the caller's
  // CompileContext::resolve_function before lowering.
  std::vector<std::string> functions;
  // Lowers a clause itself instead of the generic lowering (special fields).
  std::function<sql::ExprPtr(const BoundClause&, const LowerContext&)> lower;

  bool Allows(ast::Op op) const;
};

class FieldRegistry {
 public:
  void Add(FieldSpec spec);
  // By name, alias or id, case-insensitive; also cf[N] and customfield_N.
  const FieldSpec* Find(std::string_view name) const;
  // The closest known name to a misspelling, if any is close enough.
  std::optional<std::string> Suggest(std::string_view name) const;
  const std::vector<FieldSpec>& All() const { return fields_; }

 private:
  std::vector<FieldSpec> fields_;
  std::map<std::string, size_t> by_name_;  // lower-cased names, aliases and ids
};

}  // namespace steward::query
