// Lowering: BoundQuery → SQL AST over the issues table (alias i). JQL's semantics live here, in
// one place: `!=` and NOT IN never match an empty field, every clause is two-valued (never SQL
// NULL) so NOT means what it says, history clauses search change_groups/change_items, and the
// caller's permission scope is always ANDed in. User values only ever become Param nodes.
//
// Thread-safety: pure functions.
#pragma once
#include "query/binder.h"

#include <functional>
#include <optional>

namespace steward::query {

// What the caller may see. Unrestricted: everything (administrators). Otherwise the issues of
// staff projects, plus in customer projects the requests the user reported, participates in
// or that are shared with one of the user's organizations.
struct Scope {
  bool unrestricted = false;
  std::int64_t user_id = 0;
  std::vector<std::int64_t> staff_projects;
  std::vector<std::int64_t> customer_projects;
};

// How many rows of a side table hold a value, counted up to `cap` (the caller has the
// database). SQLite's statistics give only the average per value, so a frequent label looks as
// rare as any; this tells the lowering whether a match should drive the query (rare) or be
// checked issue by issue (frequent).
using Frequency = std::function<std::int64_t(const std::string& table, const std::string& column,
                                             const sql::Value& value, std::int64_t filter_field,
                                             std::int64_t cap)>;
constexpr std::int64_t kDriveFromSideTable = 2000;

struct LowerContext {
  Scope scope;
  std::int64_t now_ms = 0;  // for access-path hints (set by Compile from the passes' clock)
  Frequency frequency;      // optional
  // Restrict to one project (a queue's), as if the query began with `project = X AND`.
  std::optional<std::int64_t> project_id;
};

// A lower bound within this much of "now" counts as recent (selective) for index hints.
constexpr std::int64_t kRecentRangeMs = 31LL * 86400000;

// One ORDER BY key of the lowered query (the issue id always comes last as a tie-break).
struct SortKey {
  sql::ExprPtr expr;
  bool desc = false;
};

// Relevance mode: a query whose top-level AND has a full-text term and no ORDER BY is ranked.
// The term is not lowered into `where`; instead `candidates` (id, score) holds the newest
// kRelevanceCandidates matches of each full-text index, best score lowest, and the page joins
// it (alias h) and orders by h.score. A bounded candidate set keeps a common word fast at a
// million issues; docs/jql.md says what it means for results.
constexpr int kRelevanceCandidates = 2000;

struct LoweredQuery {
  sql::ExprPtr where;  // the user's clauses AND the permission predicate
  std::vector<SortKey> order;
  sql::SelectPtr candidates;        // relevance mode only: (id, score)
  sql::SelectPtr count_candidates;  // the same ids without the rank, for counting
  std::string index_hint;           // the issues index to read through, if one is clearly best
};

LoweredQuery Lower(const BoundQuery& q, const LowerContext& ctx);

// The lowering of one clause (exposed for fields that lower themselves and for tests).
sql::ExprPtr LowerClause(const BoundClause& c, const LowerContext& ctx);

// The permission predicate alone.
sql::ExprPtr PermissionPredicate(const Scope& scope);

// A user's search text in the printers' neutral full-text form: words (letters and digits),
// "phrases" in double quotes, prefix* terms. Empty if the text has no words.
std::string NeutralFullText(std::string_view text);

}  // namespace steward::query
