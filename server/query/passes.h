// Rewrite passes over a BoundQuery, each named and each in its own function:
//   "dates"       relative dates (-7d) and date functions (startOfWeek(-1)) → instants, using the
//                 injected clock's "now" (UTC; weeks start on Monday);
//   "functions"   currentUser() → the caller's id, membersOf("team") → that team's members.
// The permission predicate is not a rewrite of the user's clauses: lowering always adds the
// caller's scope (see lowering.h), so no pass list can drop it.
//
// Thread-safety: pure functions.
#pragma once
#include "query/binder.h"

#include <optional>
#include <set>

namespace steward::query {

struct PassContext {
  std::int64_t now_ms = 0;
  std::optional<std::int64_t> user_id;  // nullopt: no signed-in user (currentUser() fails)
  std::set<std::string> disabled;       // pass names to skip (debugging and tests only)
};

std::optional<QueryError> RunPasses(BoundQuery& q, const PassContext& ctx);

// The instant a date function means at `now_ms` (UTC), or nullopt for an unknown function.
std::optional<std::int64_t> EvaluateDateFunction(const std::string& name,
                                                 const std::vector<std::string>& args,
                                                 std::int64_t now_ms);

}  // namespace steward::query
