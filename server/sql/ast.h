// The SQL AST the query compilers lower to: a small, dialect-neutral tree of expressions and one
// SELECT shape. It never holds SQL text built from user input: user values live only in Param
// nodes, and the printers turn them into placeholders. Identifiers and operators come from the
// compilers' own constants.
//
// Thread-safety: nodes are immutable once built and shared through shared_ptr<const>; a tree
// may be read from any number of threads.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace steward::sql {

// A bound value: NULL, integer, real or text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Expr;
struct Select;
using ExprPtr = std::shared_ptr<const Expr>;
using SelectPtr = std::shared_ptr<const Select>;

enum class BinaryOp { kEq, kNe, kLt, kLe, kGt, kGe, kAnd, kOr, kAdd, kSub };

// Dialect-specific operations the printers spell differently.
enum class Special {
  kLower,     // lower(x)
  kCoalesce,  // coalesce(a, b, ...)
  kFullText,  // a full-text match of args[0] (param: FTS query) over `table` (an FTS index)
  kMin,       // min(x), inside scalar subqueries
  kCount,     // count(*)
  kRank,      // relevance of the current full-text row, lower is better: SQLite steward_rank()
              // (registered by the storage driver), PostgreSQL -ts_rank()
  kInstr,     // position of args[1] in args[0], 0 if absent (SQLite instr, PostgreSQL strpos)
  kLike,      // args[0] LIKE args[1] ESCAPE '\' (a pattern built by the compiler, % and _ of
              // user text escaped); case-sensitive on PostgreSQL, so compilers lower() both sides
};

struct Expr {
  enum class Kind {
    kColumn,    // alias.name
    kParam,     // a bound value
    kInt,       // an integer constant chosen by the compiler (not user input)
    kBinary,    // lhs op rhs
    kNot,       // NOT a
    kIsNull,    // a IS [NOT] NULL
    kInList,    // a [NOT] IN (b, c, ...)
    kInSelect,  // a [NOT] IN (SELECT ...)
    kExists,    // [NOT] EXISTS (SELECT ...)
    kSpecial,   // dialect-specific function
    kScalar,    // (SELECT ...) as a value
    kTrue,      // always true (1 = 1)
    kFalse,     // always false (1 = 0)
  };
  Kind kind = Kind::kTrue;
  std::string table;  // kColumn: alias; kSpecial kFullText: FTS table
  std::string name;   // kColumn: column name; kSpecial kFullText: a column filter ("" for all)
  Value value;        // kParam
  std::int64_t number = 0;  // kInt
  BinaryOp op = BinaryOp::kEq;
  bool negated = false;  // kIsNull (IS NOT NULL), kInList/kInSelect (NOT IN), kExists (NOT EXISTS)
  Special special = Special::kLower;
  std::vector<ExprPtr> args;  // operands
  SelectPtr select;           // kInSelect, kExists, kScalar
};

struct Join {
  bool left = false;
  std::string table;  // a table name, or empty with `subquery`
  SelectPtr subquery;
  std::string alias;
  ExprPtr on;
};

struct OrderItem {
  ExprPtr expr;
  bool desc = false;
  bool nulls_last = true;
  bool no_index = false;  // SQLite: do not walk an index for this order (sort the rows instead)
};

struct Select {
  std::vector<std::pair<ExprPtr, std::string>> columns;  // expression, alias ("" for none)
  std::string from;                                      // table name
  std::string from_alias;
  std::string indexed_by;   // SQLite: read `from` through this index (PostgreSQL: ignored)
  SelectPtr from_subquery;  // instead of `from`
  std::vector<Join> joins;
  ExprPtr where;  // may be null
  std::vector<ExprPtr> group_by;
  std::vector<OrderItem> order_by;
  std::optional<ExprPtr> limit;   // a Param or Int
  std::optional<ExprPtr> offset;  // a Param or Int (with limit)
  bool distinct = false;
  std::vector<SelectPtr> union_all;  // SELECTs appended with UNION ALL (no ORDER BY / LIMIT)
};

// Builders: the compilers write trees with these instead of filling structs by hand.
ExprPtr Col(std::string alias, std::string name);
ExprPtr P(Value v);
ExprPtr Int(std::int64_t n);
ExprPtr Bin(BinaryOp op, ExprPtr a, ExprPtr b);
ExprPtr And(std::vector<ExprPtr> terms);  // empty: TRUE; drops TRUE terms
ExprPtr Or(std::vector<ExprPtr> terms);   // empty: FALSE; drops FALSE terms
ExprPtr Not(ExprPtr a);
ExprPtr IsNull(ExprPtr a, bool negated = false);
ExprPtr InList(ExprPtr a, std::vector<ExprPtr> list, bool negated = false);
ExprPtr InSelect(ExprPtr a, SelectPtr s, bool negated = false);
ExprPtr Exists(SelectPtr s, bool negated = false);
ExprPtr Scalar(SelectPtr s);
ExprPtr Call(Special f, std::vector<ExprPtr> args, std::string table = "");
ExprPtr True();
ExprPtr False();

// What a printer produces: SQL text with placeholders, and the values to bind in order.
struct Printed {
  std::string text;
  std::vector<Value> params;
};

enum class Dialect { kSqlite, kPostgres };

Printed Print(const Select& s, Dialect d);
Printed PrintExpr(const Expr& e, Dialect d);

}  // namespace steward::sql
