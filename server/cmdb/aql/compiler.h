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
};

struct Compiled {
  sql::ExprPtr where;                 // over cmdb_objects o
  std::vector<sql::OrderItem> order;  // ends with o.id
};

std::variant<Compiled, QueryError> Compile(std::string_view text, const CompileContext& ctx);

// SELECT o.id FROM cmdb_objects o WHERE ... ORDER BY ... LIMIT limit OFFSET start.
sql::Select PageSelect(const Compiled& c, int start, int limit);
// SELECT count(*) over at most `cap` matches.
sql::Select CountSelect(const Compiled& c, int cap);
// SELECT o.id FROM cmdb_objects o WHERE ... (for IN sub-queries, e.g. JQL's aqlFunction()).
sql::SelectPtr IdSelect(const Compiled& c);

}  // namespace steward::cmdb::aql
