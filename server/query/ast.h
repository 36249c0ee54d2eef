// The JQL syntax tree, as written: clauses `field operator operand`, history predicates, AND /
// OR / NOT, and ORDER BY. Nothing here knows fields, types or SQL (the binder does). The shape
// follows Jira's parsed-query model: value, list, function and keyword (EMPTY) operands.
//
// Thread-safety: plain values.
#pragma once
#include "query/lexer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace steward::query::ast {

enum class Op {
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kContains,     // ~
  kNotContains,  // !~
  kIn,
  kNotIn,
  kIs,     // IS EMPTY
  kIsNot,  // IS NOT EMPTY
  kWas,
  kWasNot,
  kWasIn,
  kWasNotIn,
  kChanged,
};
std::string_view OpName(Op op);

struct Operand {
  enum class Kind { kValue, kList, kFunction, kEmpty };
  Kind kind = Kind::kValue;
  std::string text;            // kValue: the value; kFunction: the function name
  bool quoted = false;         // kValue written in quotes
  std::vector<Operand> items;  // kList: values or functions; kFunction: arguments
  Span span;
};

// WAS / CHANGED predicates: FROM, TO, BY, BEFORE, AFTER, ON, DURING.
struct HistoryPredicate {
  enum class Kind { kFrom, kTo, kBy, kBefore, kAfter, kOn, kDuring };
  Kind kind = Kind::kFrom;
  std::vector<Operand> operands;  // DURING has two
  Span span;
};

struct Clause {
  enum class Kind { kTerminal, kAnd, kOr, kNot };
  Kind kind = Kind::kTerminal;
  // kTerminal
  std::string field;
  Span field_span;
  Op op = Op::kEq;
  Span op_span;
  std::optional<Operand> operand;  // absent for CHANGED
  std::vector<HistoryPredicate> predicates;
  // kAnd / kOr / kNot
  std::vector<Clause> children;
  Span span;  // the whole clause
};

struct OrderItem {
  std::string field;
  Span span;
  bool desc = false;
  bool explicit_direction = false;
};

struct Query {
  std::optional<Clause> where;
  std::vector<OrderItem> order_by;
};

}  // namespace steward::query::ast
