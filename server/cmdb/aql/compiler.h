// The AQL compiler: text → parse → bind against the CMDB model → SQL AST over cmdb_objects
// (alias o), with every user value a parameter. Semantics (docs/aql.md):
//   - `=` compares case-insensitively, `==` exactly; `!=`, NOT IN and NOT LIKE never match an
//     object without a value (as JQL); IS EMPTY matches exactly those.
//   - An attribute name means that attribute on every object type that has it (in the schema
//     given, or any schema); values are checked against each attribute's type.
//   - A reference attribute compares with the referenced object's key or label; `a.b = x` steps
//     through the reference to the referenced objects' attribute b.
//   - `object HAVING inboundReferences(q[, refType IN (...)])`: objects referenced by objects
//     matching q; outboundReferences: objects referencing objects matching q;
//     connectedTickets(jql): objects held by object fields of issues matching the JQL (through a
//     hook, since the CMDB knows nothing of issues).
//   - ORDER BY one attribute or keyword; missing values first ascending; label by default.
//
// Thread-safety: pure functions over immutable inputs.
#pragma once

#include "cmdb/aql/ast.h"
#include "cmdb/model.h"
#include "sql/ast.h"

#include <functional>

namespace steward::cmdb::aql {

struct CompileContext {
  const Model* model = nullptr;
  std::int64_t schema_id = 0;  // names resolve in (and results come from) this schema; 0: all
  std::int64_t user_id = 0;    // currentUser()
  std::int64_t now_ms = 0;     // now(), startOfDay()...
  // connectedTickets(jql) → SELECT of object ids, or an error message about the JQL.
  std::function<std::variant<sql::SelectPtr, std::string>(std::string_view jql)> connected_tickets;
  // Counts the rows of a SELECT up to `cap` (the caller has the database). With it, an attribute
  // match of the top-level AND holding kFrequentValues values or more is checked object by
  // object instead of driving the query (ADR 0009). Without it every match drives.
  std::function<std::int64_t(const sql::Select& rows, std::int64_t cap)> count_rows;
};

constexpr std::int64_t kFrequentValues = 2000;

struct Compiled {
  sql::ExprPtr where;                 // over cmdb_objects o
  std::vector<sql::OrderItem> order;  // ends with o.id
  bool order_walkable = true;         // an index gives that order (label, key); not attributes
  // When the top-level AND has frequent attribute matches and no rare one: the matching
  // object ids (SELECT v.object_id FROM cmdb_values v WHERE ...) of the one likely smallest
  // (`drive`) and of the others (`checks`), and the other conjuncts (`rest`, over o). Counting
  // streams from `drive`; `o.id IN drive AND o has each check AND rest` means `where`.
  sql::SelectPtr drive;
  std::vector<sql::SelectPtr> checks;
  sql::ExprPtr rest;
};

std::variant<Compiled, QueryError> Compile(std::string_view text, const CompileContext& ctx);

// SELECT o.id FROM cmdb_objects o WHERE ... ORDER BY ... LIMIT limit OFFSET start. `few`: the
// capped count found few matches, so they are collected and sorted rather than found by
// walking the order.
sql::Select PageSelect(const Compiled& c, int start, int limit, bool few);
// SELECT count(*) over at most `cap` matches.
sql::Select CountSelect(const Compiled& c, int cap);
// SELECT count(*) over at most `cap` rows of `rows`.
sql::Select CappedCount(const sql::Select& rows, std::int64_t cap);
// SELECT o.id FROM cmdb_objects o WHERE ... (for IN sub-queries, e.g. JQL's aqlFunction()).
sql::SelectPtr IdSelect(const Compiled& c);

}  // namespace steward::cmdb::aql
