// JQL binder: ast::Query → BoundQuery. Resolves every field against the registry, checks that
// the operator suits the field and that each operand suits the field's type, resolves named
// values (statuses, priorities, options...) to ids and parses absolute dates. Functions and
// relative dates stay symbolic here; the passes fold them.
//
// Thread-safety: pure functions over immutable inputs.
#pragma once
#include "query/field_registry.h"

#include <functional>
#include <variant>

namespace steward::query {

struct BoundValue {
  enum class Kind {
    kText,         // text (also usernames, labels, keys)
    kNumber,       // number
    kInstant,      // epoch ms; `day` when written as a calendar date (it then covers the day)
    kRelative,     // relative date offset in ms from now ("-7d"), folded by a pass
    kIds,          // resolved ids of a named value
    kFunction,     // a function call, expanded by a pass
    kCurrentUser,  // the caller's user id (after the function pass): `number`
    kTeamMembers,  // members of the team named `text` (after the function pass)
    kSubquery,     // a field's own function resolved by the caller: `subquery` selects values
  };
  Kind kind = Kind::kText;
  std::string text;
  double number = 0;
  std::int64_t ms = 0;
  bool day = false;
  std::vector<std::int64_t> ids;
  std::string function;           // kFunction: lower-cased name
  std::vector<std::string> args;  // kFunction arguments
  Span span;
  sql::SelectPtr subquery;  // kSubquery
};

struct BoundPredicate {
  ast::HistoryPredicate::Kind kind;
  std::vector<BoundValue> values;
  Span span;
};

struct BoundClause {
  enum class Kind { kTerminal, kAnd, kOr, kNot };
  Kind kind = Kind::kTerminal;
  const FieldSpec* field = nullptr;
  ast::Op op = ast::Op::kEq;
  bool empty = false;              // the operand was EMPTY / NULL
  std::vector<BoundValue> values;  // the operand (one, or a list)
  std::vector<BoundPredicate> predicates;
  std::vector<BoundClause> children;
  Span span;
};

struct BoundOrder {
  const FieldSpec* field = nullptr;
  bool desc = false;
  Span span;
};

struct BoundQuery {
  std::optional<BoundClause> where;
  std::vector<BoundOrder> order_by;
  bool has_text_search = false;  // a top-level AND term is a full-text `~`
};

// Resolves a written value of a lookup field (FieldStorage::lookup_table/lookup_column: users by
// username, components by name, issues by key...) to the ids it names; an empty result means
// "no such value". Given by the caller, who has the database; without one, lookups stay
// symbolic and lower to subqueries.
using Lookup = std::function<std::vector<std::int64_t>(
    const std::string& table, const std::string& column, const std::string& value)>;

std::variant<BoundQuery, QueryError> Bind(const ast::Query& q, const FieldRegistry& registry,
                                          const Lookup& lookup = nullptr);

// Date parsing shared with the passes: "2025-01-31", "2025/01/31", "2025-01-31 14:30[:ss]"
// (UTC) → epoch ms, with `day` set for date-only values.
std::optional<std::pair<std::int64_t, bool>> ParseAbsoluteDate(std::string_view s);
// "-7d", "2w", "-2w 3d", "4h", "-30m", "1M", "1y" → signed milliseconds.
std::optional<std::int64_t> ParseRelativeDuration(std::string_view s);

}  // namespace steward::query
