// JQL parser: tokens → ast::Query, by recursive descent. Precedence: NOT binds tightest, then
// AND, then OR (`a OR b AND c` is `a OR (b AND c)`); parentheses group. A syntax error names the
// token where it stopped and what was expected there.
//
// Thread-safety: pure functions.
#pragma once
#include "query/ast.h"

#include <variant>

namespace steward::query {

// Nesting deeper than this (parentheses, NOT) is refused rather than recursed into.
constexpr int kMaxDepth = 64;

std::variant<ast::Query, QueryError> Parse(std::string_view text);

}  // namespace steward::query
