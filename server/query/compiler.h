// The JQL compiler's front door: text → parse → bind → passes → lower, and the SELECTs that
// page through results with a keyset cursor and count them (with a cap).
//
//   auto compiled = query::Compile(jql, registry, ctx);          // or a QueryError
//   sql::Printed page = sql::Print(query::PageSelect(*compiled, cursor, 50), dialect);
//
// Thread-safety: pure functions over immutable inputs.
#pragma once
#include "query/lowering.h"
#include "query/passes.h"

namespace steward::query {

// Resolves a field's own function (FieldSpec::functions, e.g. aqlFunction("...")) into a
// SELECT of the values it means, or an error about its arguments (placed at `span`).
using FunctionResolver = std::function<std::variant<sql::SelectPtr, QueryError>(
    const FieldSpec& field, const std::string& name, const std::vector<std::string>& args,
    Span span)>;

struct CompileContext {
  PassContext passes;
  LowerContext lower;
  Lookup lookup;                      // optional: resolve lookup values to ids while binding
  FunctionResolver resolve_function;  // optional: fields' own functions
};

struct CompiledQuery {
  BoundQuery bound;
  LoweredQuery lowered;
};

std::variant<CompiledQuery, QueryError> Compile(std::string_view jql, const FieldRegistry& registry,
                                                const CompileContext& ctx);

// The position after a row: its sort-key values and its id.
struct Cursor {
  std::vector<sql::Value> keys;
  std::int64_t id = 0;
};

// SELECT i.id, <sort keys as k0..kn> FROM issues i WHERE ... ORDER BY ..., i.id LIMIT `limit`,
// starting after `after` when given. `few` says the query matches few rows (its capped count
// stayed under the cap): then they are found through the filters' indexes and sorted, instead
// of walking an index in ORDER BY order and filtering, which SQLite prefers without knowing
// how many rows it would skip.
sql::Select PageSelect(const CompiledQuery& q, const Cursor* after, int limit, bool few = false);
// SELECT count(*) over at most `cap` matching rows.
sql::Select CountSelect(const CompiledQuery& q, int cap);
// SELECT i.id of every matching issue, for IN sub-queries of other languages (AQL's
// connectedTickets()).
sql::SelectPtr IdSelect(const CompiledQuery& q);

// Cursor text (opaque to clients: base64url of a small JSON-free encoding) and back.
std::string EncodeCursor(const Cursor& c);
std::optional<Cursor> DecodeCursor(std::string_view text, size_t keys);

// A readable dump of each stage for an "explain" view and test failure messages.
std::string Explain(const CompiledQuery& q, sql::Dialect d);

}  // namespace steward::query
