// The AQL (Assets Query Language) syntax tree, as written, and its lexer and parser (SPEC S5.4,
// docs/aql.md). `<path> <operator> <value>` terms joined by AND / OR / NOT and parentheses, an
// optional `ORDER BY <path> [ASC|DESC]`. A path is an attribute or keyword name, followed by
// `.Name` steps through reference attributes. Values are words, quoted strings or function calls;
// the reference functions take whole AQL queries as arguments (parsed here, recursively), and
// connectedTickets() takes JQL, kept as text for the JQL compiler. Nothing here knows the
// schema (the compiler binds names).
//
// Thread-safety: pure functions; plain values.
#pragma once

#include "query/lexer.h"  // Span and QueryError, shared with JQL

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace steward::cmdb::aql {

using query::QueryError;
using query::Span;

enum class Op {
  kEq,       // =  (case-insensitive)
  kEqExact,  // == (case-sensitive)
  kNe,       // !=
  kLt,
  kLe,
  kGt,
  kGe,
  kLike,  // substring, case-insensitive
  kNotLike,
  kStartsWith,
  kEndsWith,
  kIn,
  kNotIn,
  kIsEmpty,
  kIsNotEmpty,
  kHaving,  // object HAVING inboundReferences(...)
  kNotHaving,
};
std::string_view OpName(Op op);

struct Expr;

struct Value {
  enum class Kind { kWord, kString, kFunction };
  Kind kind = Kind::kWord;
  std::string text;         // the word or string; kFunction: the name as written
  std::vector<Value> args;  // kFunction: plain arguments
  // inboundReferences / outboundReferences: the AQL argument (null: any object) and the
  // reference kinds of `refType IN (...)` / `refType = x`.
  std::shared_ptr<const Expr> query;
  std::vector<std::string> ref_kinds;
  std::string jql;  // connectedTickets: the JQL argument as written
  Span span;
};

struct PathStep {
  std::string name;
  Span span;
};

struct Expr {
  enum class Kind { kTerm, kAnd, kOr, kNot };
  Kind kind = Kind::kTerm;
  std::vector<PathStep> path;  // kTerm: "object" for HAVING terms
  Op op = Op::kEq;
  Span op_span;
  std::vector<Value> values;  // one, a list (IN), none (IS EMPTY)
  std::vector<Expr> children;
  Span span;
};

struct OrderBy {
  std::vector<PathStep> path;
  bool desc = false;
  Span span;
};

struct Query {
  std::optional<Expr> where;  // empty query: every object
  std::optional<OrderBy> order_by;
};

// Limits that keep hostile input cheap. (Queries arrive in URLs: the HTTP server refuses request
// heads over 16 KiB, so a longer limit could never be reached.)
constexpr std::size_t kMaxQueryBytes = 8 * 1024;
constexpr int kMaxDepth = 32;

std::variant<Query, QueryError> Parse(std::string_view text);

}  // namespace steward::cmdb::aql
