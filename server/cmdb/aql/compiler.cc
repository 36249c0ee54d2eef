// AQL binding and lowering, in one pass over the tree (see compiler.h for the semantics).
#include "cmdb/aql/compiler.h"

#include "base/text.h"
#include "base/time_format.h"
#include "query/binder.h"
#include "query/passes.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

namespace steward::cmdb::aql {
namespace {

using sql::BinaryOp;
using sql::ExprPtr;

constexpr std::int64_t kDayMs = 86400000;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '%' || c == '_') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string Upper(std::string_view in) {
  std::string s(in);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return s;
}

bool IsDateFunction(const std::string& n) {
  static const char* kNames[] = {"now",          "startofday",  "startofweek",
                                 "startofmonth", "startofyear", "endofday",
                                 "endofweek",    "endofmonth",  "endofyear"};
  for (const char* k : kNames) {
    if (n == k) {
      return true;
    }
  }
  return false;
}

sql::SelectPtr Sub(std::vector<std::pair<ExprPtr, std::string>> cols, std::string table,
                   std::string alias, ExprPtr where, std::vector<sql::Join> joins = {}) {
  auto s = std::make_shared<sql::Select>();
  s->columns = std::move(cols);
  s->from = std::move(table);
  s->from_alias = std::move(alias);
  s->where = std::move(where);
  s->joins = std::move(joins);
  return s;
}

// EXISTS a row of `values` (SELECT v.object_id FROM cmdb_values v WHERE ...) for the object
// `object_id`: one descent of the primary key (object, attribute). INDEXED BY, since SQLite
// would otherwise scan a range of a value index (CPU >= 32) for every object.
ExprPtr ObjectHas(const sql::SelectPtr& values, ExprPtr object_id) {
  auto check = std::make_shared<sql::Select>(*values);
  const std::string& v = values->from_alias;
  check->columns = {{sql::Int(1), ""}};
  check->indexed_by = "sqlite_autoindex_cmdb_values_1";
  check->where = sql::And(
      {sql::Bin(BinaryOp::kEq, sql::Col(v, "object_id"), std::move(object_id)), values->where});
  return sql::Exists(check);
}

class Compiler {
 public:
  explicit Compiler(const CompileContext& ctx) : ctx_(ctx), m_(*ctx.model) {}

  std::optional<QueryError> error;

  std::optional<Compiled> Run(const Query& q) {
    Compiled out;
    std::vector<ExprPtr> terms;
    if (ctx_.schema_id != 0) {
      terms.push_back(
          sql::Bin(BinaryOp::kEq, sql::Col("o", "schema_id"), sql::Int(ctx_.schema_id)));
    }
    if (q.where) {
      // The conjuncts of the top-level AND one by one: an attribute match among them may be
      // frequent, checked object by object, and then the first such is the count's driver.
      std::vector<const Expr*> conjuncts;
      if (q.where->kind == Expr::Kind::kAnd) {
        for (const auto& c : q.where->children) {
          conjuncts.push_back(&c);
        }
      } else {
        conjuncts.push_back(&*q.where);
      }
      std::vector<ExprPtr> rest = terms;
      std::vector<std::pair<double, sql::SelectPtr>> frequent;  // estimated share, values
      for (const Expr* c : conjuncts) {
        conjunct_ = c->kind == Expr::Kind::kTerm;
        ExprPtr w = Lower(*c, "o", 0);
        conjunct_ = false;
        if (!w) {
          return std::nullopt;
        }
        if (frequent_) {
          frequent.emplace_back(frequent_share_, std::move(frequent_));
        } else {
          rest.push_back(w);
        }
        frequent_.reset();
        terms.push_back(w);
      }
      if (!frequent.empty() && !rare_) {
        // The driver: the match likely to hold the fewest objects (a rare match, had there
        // been one, would drive every form of the query already).
        std::stable_sort(frequent.begin(), frequent.end(),
                         [](const auto& x, const auto& y) { return x.first < y.first; });
        out.drive = frequent[0].second;
        for (size_t i = 1; i < frequent.size(); ++i) {
          out.checks.push_back(frequent[i].second);
        }
        out.rest = sql::And(rest);
      }
    }
    out.where = sql::And(terms);
    if (q.order_by) {
      auto key = OrderKey(*q.order_by);
      if (!key) {
        return std::nullopt;
      }
      // Missing values first when ascending, last when descending.
      out.order.push_back({key, q.order_by->desc, q.order_by->desc, false});
      // Only the label and id orders have an index to walk (an attribute's is a sub-query).
      out.order_walkable = key->kind == sql::Expr::Kind::kSpecial ||
                           (key->kind == sql::Expr::Kind::kColumn && key->name == "id");
    } else {
      out.order.push_back(
          {sql::Call(sql::Special::kLower, {sql::Col("o", "label")}), false, false, false});
    }
    out.order.push_back({sql::Col("o", "id"), q.order_by && q.order_by->desc, true, false});
    return out;
  }

 private:
  std::nullptr_t Fail(std::string code, std::string message, Span span) {
    if (!error) {
      error = QueryError{std::move(code), std::move(message), span};
    }
    return nullptr;
  }

  std::string NewAlias(const char* prefix) { return prefix + std::to_string(++aliases_); }

  // Whether the values matching `rows` (over cmdb_values alias v) are many (ADR 0009).
  bool Frequent(const std::string& v, const ExprPtr& rows) {
    sql::Select probe;
    probe.columns = {{sql::Col(v, "object_id"), ""}};
    probe.from = "cmdb_values";
    probe.from_alias = v;
    probe.where = rows;
    return ctx_.count_rows(probe, kFrequentValues) >= kFrequentValues;
  }

  ExprPtr Lower(const Expr& e, const std::string& a, int depth) {
    switch (e.kind) {
      case Expr::Kind::kAnd:
      case Expr::Kind::kOr: {
        std::vector<ExprPtr> parts;
        for (const auto& c : e.children) {
          ExprPtr p = Lower(c, a, depth);
          if (!p) {
            return nullptr;
          }
          parts.push_back(p);
        }
        return e.kind == Expr::Kind::kAnd ? sql::And(parts) : sql::Or(parts);
      }
      case Expr::Kind::kNot: {
        ExprPtr p = Lower(e.children.at(0), a, depth);
        return p ? sql::Not(p) : nullptr;
      }
      case Expr::Kind::kTerm:
        return Term(e, a, depth);
    }
    return nullptr;
  }

  ExprPtr ObjectIn(const std::string& a, sql::SelectPtr s, bool negated = false) {
    return sql::InSelect(sql::Col(a, "id"), std::move(s), negated);
  }

  // ---- keywords -------------------------------------------------------------------------

  static bool Positive(Op op) {
    return op == Op::kEq || op == Op::kEqExact || op == Op::kIn || op == Op::kLike ||
           op == Op::kStartsWith || op == Op::kEndsWith || op == Op::kLt || op == Op::kLe ||
           op == Op::kGt || op == Op::kGe;
  }
  static Op PositiveOf(Op op) {
    switch (op) {
      case Op::kNe:
        return Op::kEq;
      case Op::kNotIn:
        return Op::kIn;
      case Op::kNotLike:
        return Op::kLike;
      case Op::kNotHaving:
        return Op::kHaving;
      default:
        return op;
    }
  }

  ExprPtr CheckOps(const Expr& e, std::initializer_list<Op> allowed, std::string_view what) {
    for (Op op : allowed) {
      if (op == e.op) {
        return sql::True();
      }
    }
    std::string list;
    for (Op op : allowed) {
      list += (list.empty() ? "" : ", ") + std::string(OpName(op));
    }
    return Fail("aql.badOperator",
                std::string(what) + " takes " + list + ", not " + std::string(OpName(e.op)),
                e.op_span);
  }

  // Names of object types → ids (with descendants when asked).
  std::optional<std::vector<std::int64_t>> TypeIds(const Value& v, bool children) {
    std::string name = v.text;
    if (v.kind == Value::Kind::kFunction) {
      if (AsciiLower(v.text) != "objecttypeandchildren" || v.args.size() != 1 ||
          v.args[0].kind == Value::Kind::kFunction) {
        Fail("aql.badValue",
             "objectType takes type names or objectTypeAndChildren(\"name\"), not " + v.text + "()",
             v.span);
        return std::nullopt;
      }
      children = true;
      name = v.args[0].text;
    }
    auto found = m_.TypesNamed(name, ctx_.schema_id);
    if (found.empty()) {
      std::string known;
      int n = 0;
      for (const auto& t : m_.types) {
        if ((ctx_.schema_id == 0 || t.schema_id == ctx_.schema_id) && n++ < 10) {
          known += (known.empty() ? "" : ", ") + t.name;
        }
      }
      Fail("aql.badValue",
           "no object type " + Quote(name) +
               (known.empty() ? "" : " (types: " + known + (n > 10 ? ", ..." : "") + ")"),
           v.span);
      return std::nullopt;
    }
    std::vector<std::int64_t> ids;
    for (const TypeDef* t : found) {
      if (children) {
        auto all = m_.WithDescendants(t->id);
        ids.insert(ids.end(), all.begin(), all.end());
      } else {
        ids.push_back(t->id);
      }
    }
    return ids;
  }

  std::optional<std::int64_t> IntValue(const Value& v, std::string_view what) {
    std::int64_t n = 0;
    auto r = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
    if (v.kind == Value::Kind::kFunction || r.ec != std::errc() ||
        r.ptr != v.text.data() + v.text.size()) {
      Fail("aql.badValue", std::string(what) + " takes whole numbers, not " + Quote(v.text),
           v.span);
      return std::nullopt;
    }
    return n;
  }

  ExprPtr IdTerm(const Expr& e, ExprPtr column, const std::vector<std::int64_t>& ids) {
    std::vector<ExprPtr> items;
    for (auto id : ids) {
      items.push_back(sql::Int(id));
    }
    bool negated = e.op == Op::kNe || e.op == Op::kNotIn;
    if (items.empty()) {
      return negated ? sql::True() : sql::False();
    }
    return sql::InList(std::move(column), std::move(items), negated);
  }

  ExprPtr Keyword(const Expr& e, const std::string& a, const std::string& kw) {
    const std::initializer_list<Op> kEqOps = {Op::kEq, Op::kNe, Op::kIn, Op::kNotIn};
    if (kw == "objecttype" || kw == "objecttypeandchildren") {
      if (!CheckOps(e, kEqOps, e.path[0].name)) {
        return nullptr;
      }
      std::vector<std::int64_t> ids;
      for (const auto& v : e.values) {
        auto found = TypeIds(v, kw == "objecttypeandchildren");
        if (!found) {
          return nullptr;
        }
        ids.insert(ids.end(), found->begin(), found->end());
      }
      return IdTerm(e, sql::Col(a, "object_type_id"), ids);
    }
    if (kw == "objecttypeid" || kw == "objectschemaid" || kw == "objectid") {
      if (!CheckOps(e, kEqOps, e.path[0].name)) {
        return nullptr;
      }
      std::vector<std::int64_t> ids;
      for (const auto& v : e.values) {
        auto n = IntValue(v, e.path[0].name);
        if (!n) {
          return nullptr;
        }
        ids.push_back(*n);
      }
      const char* col = kw == "objecttypeid" ? "object_type_id"
                        : kw == "objectid"   ? "id"
                                             : "schema_id";
      return IdTerm(e, sql::Col(a, col), ids);
    }
    if (kw == "objectschema") {
      if (!CheckOps(e, kEqOps, e.path[0].name)) {
        return nullptr;
      }
      std::vector<std::int64_t> ids;
      for (const auto& v : e.values) {
        const SchemaDef* s = m_.SchemaNamed(v.text);
        if (!s || v.kind == Value::Kind::kFunction) {
          return Fail("aql.badValue", "no object schema " + Quote(v.text), v.span);
        }
        ids.push_back(s->id);
      }
      return IdTerm(e, sql::Col(a, "schema_id"), ids);
    }
    if (kw == "key") {
      if (!CheckOps(e,
                    {Op::kEq, Op::kEqExact, Op::kNe, Op::kIn, Op::kNotIn, Op::kLike, Op::kNotLike},
                    "Key")) {
        return nullptr;
      }
      std::vector<ExprPtr> any, keys;
      for (const auto& v : e.values) {
        if (v.kind == Value::Kind::kFunction) {
          return Fail("aql.badValue", "Key takes object keys such as SVC-438", v.span);
        }
        if (PositiveOf(e.op) == Op::kLike) {
          any.push_back(sql::Call(
              sql::Special::kLike,
              {sql::Call(sql::Special::kLower, {sql::Col(a, "key")}),
               sql::Call(sql::Special::kLower, {sql::P("%" + LikeEscape(v.text) + "%")})}));
        } else {
          keys.push_back(sql::P(Upper(v.text)));
        }
      }
      // Lists stay one IN: a long OR chain would exceed SQLite's expression depth.
      if (keys.size() == 1) {
        any.push_back(sql::Bin(BinaryOp::kEq, sql::Col(a, "key"), keys[0]));
      } else if (!keys.empty()) {
        any.push_back(sql::InList(sql::Col(a, "key"), keys));
      }
      ExprPtr pos = sql::Or(any);
      return Positive(e.op) ? pos : sql::Not(pos);
    }
    if (kw == "label") {
      return TextCompare(e, sql::Col(a, "label"), "Label", true);
    }
    if (kw == "created" || kw == "updated") {
      return DateCompare(e, sql::Col(a, kw == "created" ? "created_at" : "updated_at"),
                         e.path[0].name, false, true);
    }
    if (kw == "object") {
      return Having(e, a);
    }
    return Fail("aql.unknownAttribute", "no attribute " + Quote(e.path[0].name), e.path[0].span);
  }

  // ---- comparisons on one value column ------------------------------------------------------

  // A text comparison of `col` (case-insensitive except ==). `empty_is_blank`: the column is
  // never NULL and '' means empty (labels).
  ExprPtr TextCompare(const Expr& e, ExprPtr col, std::string_view what, bool empty_is_blank) {
    if (e.op == Op::kIsEmpty || e.op == Op::kIsNotEmpty) {
      ExprPtr empty =
          empty_is_blank ? sql::Bin(BinaryOp::kEq, col, sql::P(std::string())) : sql::IsNull(col);
      return e.op == Op::kIsEmpty ? empty : sql::Not(empty);
    }
    if (e.op == Op::kHaving || e.op == Op::kNotHaving) {
      return Fail("aql.badOperator", "HAVING takes \"object\" on its left", e.op_span);
    }
    std::vector<ExprPtr> any, exact, folded;
    ExprPtr lower = sql::Call(sql::Special::kLower, {col});
    for (const auto& v : e.values) {
      if (v.kind == Value::Kind::kFunction) {
        return Fail("aql.badValue", std::string(what) + " takes text, not " + v.text + "()",
                    v.span);
      }
      ExprPtr p = sql::Call(sql::Special::kLower, {sql::P(v.text)});
      switch (PositiveOf(e.op)) {
        case Op::kEqExact:
          exact.push_back(sql::P(v.text));
          break;
        case Op::kEq:
        case Op::kIn:
          folded.push_back(p);
          break;
        case Op::kLt:
          any.push_back(sql::Bin(BinaryOp::kLt, lower, p));
          break;
        case Op::kLe:
          any.push_back(sql::Bin(BinaryOp::kLe, lower, p));
          break;
        case Op::kGt:
          any.push_back(sql::Bin(BinaryOp::kGt, lower, p));
          break;
        case Op::kGe:
          any.push_back(sql::Bin(BinaryOp::kGe, lower, p));
          break;
        case Op::kLike:
        case Op::kStartsWith:
        case Op::kEndsWith: {
          std::string pattern = LikeEscape(v.text);
          Op pos = PositiveOf(e.op);
          pattern =
              (pos == Op::kStartsWith ? "" : "%") + pattern + (pos == Op::kEndsWith ? "" : "%");
          any.push_back(sql::Call(sql::Special::kLike,
                                  {lower, sql::Call(sql::Special::kLower, {sql::P(pattern)})}));
          break;
        }
        default:
          return Fail("aql.badOperator", std::string(OpName(e.op)) + " does not apply here",
                      e.op_span);
      }
    }
    // Lists stay one IN: a long OR chain would exceed SQLite's expression depth.
    auto in = [](ExprPtr column, std::vector<ExprPtr> items) {
      return items.size() == 1 ? sql::Bin(BinaryOp::kEq, std::move(column), items[0])
                               : sql::InList(std::move(column), std::move(items));
    };
    if (!exact.empty()) {
      any.push_back(in(col, exact));
    }
    if (!folded.empty()) {
      any.push_back(in(lower, folded));
    }
    ExprPtr pos = sql::Or(any);
    if (Positive(e.op)) {
      return pos;
    }
    if (empty_is_blank) {
      return sql::And({sql::Not(pos), sql::Bin(BinaryOp::kNe, col, sql::P(std::string()))});
    }
    return sql::Not(pos);
  }

  // Milliseconds (or days) a date value means: an absolute date, a relative one (-7d) or a date
  // function. `day_end` is set for date-only values (they cover the day).
  std::optional<std::pair<std::int64_t, bool>> DateValue(const Value& v, std::string_view what) {
    if (v.kind == Value::Kind::kFunction) {
      std::string name = AsciiLower(v.text);
      std::vector<std::string> args;
      for (const auto& a : v.args) {
        args.push_back(a.text);
      }
      std::optional<std::int64_t> ms;
      if (IsDateFunction(name) && args.size() <= 1) {
        ms = query::EvaluateDateFunction(name, args, ctx_.now_ms);
      }
      if (!ms) {
        Fail("aql.badValue",
             std::string(what) +
                 " takes dates such as 2025-01-31, -7d, now(-2h) or startOfDay(), "
                 "not " +
                 v.text + "()",
             v.span);
        return std::nullopt;
      }
      return std::make_pair(*ms, false);
    }
    if (auto abs = query::ParseAbsoluteDate(v.text)) {
      return *abs;
    }
    if (auto rel = query::ParseRelativeDuration(v.text)) {
      return std::make_pair(ctx_.now_ms + *rel, false);
    }
    Fail("aql.badValue",
         Quote(v.text) +
             " is not a date: write 2025-01-31, \"2025-01-31 14:30\", -7d or a "
             "function such as startOfDay()",
         v.span);
    return std::nullopt;
  }

  // A date comparison on `col` holding epoch ms (or days when `days`).
  ExprPtr DateCompare(const Expr& e, ExprPtr col, std::string_view what, bool days,
                      bool never_null) {
    if (e.op == Op::kIsEmpty || e.op == Op::kIsNotEmpty) {
      if (never_null) {
        return e.op == Op::kIsEmpty ? sql::False() : sql::True();
      }
      return sql::IsNull(col, e.op == Op::kIsNotEmpty);
    }
    if (!CheckOps(e, {Op::kEq, Op::kNe, Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kIn, Op::kNotIn},
                  what)) {
      return nullptr;
    }
    std::vector<ExprPtr> any;
    for (const auto& v : e.values) {
      auto d = DateValue(v, what);
      if (!d) {
        return nullptr;
      }
      auto [ms, whole_day] = *d;
      std::int64_t lo =
          days ? static_cast<std::int64_t>(std::floor(static_cast<double>(ms) / kDayMs)) : ms;
      std::int64_t hi = days ? lo + 1 : (whole_day ? ms + kDayMs : ms + 1);
      if (days && !whole_day && v.kind != Value::Kind::kFunction) {
        hi = lo + 1;
      }
      switch (PositiveOf(e.op)) {
        case Op::kEq:
        case Op::kIn:
          any.push_back(sql::And({sql::Bin(BinaryOp::kGe, col, sql::P(lo)),
                                  sql::Bin(BinaryOp::kLt, col, sql::P(hi))}));
          break;
        case Op::kLt:
          any.push_back(sql::Bin(BinaryOp::kLt, col, sql::P(lo)));
          break;
        case Op::kLe:
          any.push_back(sql::Bin(BinaryOp::kLt, col, sql::P(hi)));
          break;
        case Op::kGt:
          any.push_back(sql::Bin(BinaryOp::kGe, col, sql::P(hi)));
          break;
        case Op::kGe:
          any.push_back(sql::Bin(BinaryOp::kGe, col, sql::P(lo)));
          break;
        default:
          break;
      }
    }
    ExprPtr pos = sql::Or(any);
    return Positive(e.op) ? pos : sql::And({sql::Not(pos), sql::IsNull(col, true)});
  }

  // ---- attributes ---------------------------------------------------------------------------

  // The comparison of one value row (alias v) of attributes of type `t` with the term's values;
  // null with an error when a value does not suit the type. Positive form only.
  ExprPtr ValueMatch(const Expr& e, const std::vector<PathStep>& path, size_t step, AttrType t,
                     const std::string& v, int depth, const std::string& attr_name) {
    Op op = PositiveOf(e.op);
    if (step + 1 < path.size()) {
      // a.b...: step through the reference to the referenced objects.
      std::string r = NewAlias("r");
      ExprPtr inner = Path(e, path, step + 1, r, depth + 1);
      if (!inner) {
        return nullptr;
      }
      return sql::InSelect(sql::Col(v, "ref_id"),
                           Sub({{sql::Col(r, "id"), ""}}, "cmdb_objects", r, inner));
    }
    std::vector<ExprPtr> any;
    auto number_of = [&](const Value& val, bool integer) -> std::optional<double> {
      double d = 0;
      auto res = std::from_chars(val.text.data(), val.text.data() + val.text.size(), d);
      if (val.kind == Value::Kind::kFunction || res.ec != std::errc() ||
          res.ptr != val.text.data() + val.text.size() || !std::isfinite(d) ||
          (integer && d != std::floor(d))) {
        Fail("aql.badValue",
             Quote(attr_name) + " takes " + (integer ? "whole numbers" : "numbers") + ", not " +
                 Quote(val.text),
             val.span);
        return std::nullopt;
      }
      return d;
    };
    auto ordered = [&](ExprPtr col, ExprPtr p) -> ExprPtr {
      switch (op) {
        case Op::kEq:
        case Op::kEqExact:
        case Op::kIn:
          return sql::Bin(BinaryOp::kEq, col, p);
        case Op::kLt:
          return sql::Bin(BinaryOp::kLt, col, p);
        case Op::kLe:
          return sql::Bin(BinaryOp::kLe, col, p);
        case Op::kGt:
          return sql::Bin(BinaryOp::kGt, col, p);
        case Op::kGe:
          return sql::Bin(BinaryOp::kGe, col, p);
        default:
          return Fail("aql.badOperator",
                      Quote(attr_name) + " does not take " + std::string(OpName(e.op)), e.op_span);
      }
    };
    switch (t) {
      case AttrType::kText:
      case AttrType::kTextarea:
      case AttrType::kUrl:
      case AttrType::kEmail:
      case AttrType::kSelect:
      case AttrType::kStatus: {
        Expr copy = e;
        copy.op = op;
        ExprPtr match = TextCompare(copy, sql::Col(v, "text_value"), attr_name, false);
        // Says what the partial index cmdb_values_text covers, so SQLite may use it.
        return match ? sql::And({sql::IsNull(sql::Col(v, "text_value"), true), match}) : nullptr;
      }
      case AttrType::kInteger:
      case AttrType::kFloat: {
        bool integer = t == AttrType::kInteger;
        std::vector<ExprPtr> list;
        for (const auto& val : e.values) {
          auto d = number_of(val, integer);
          if (!d) {
            return nullptr;
          }
          ExprPtr p = integer ? sql::P(static_cast<std::int64_t>(*d)) : sql::P(*d);
          if (op == Op::kIn && e.values.size() > 1) {
            list.push_back(p);
            continue;
          }
          ExprPtr c = ordered(sql::Col(v, integer ? "int_value" : "real_value"), p);
          if (!c) {
            return nullptr;
          }
          any.push_back(c);
        }
        if (!list.empty()) {
          any.push_back(sql::InList(sql::Col(v, integer ? "int_value" : "real_value"), list));
        }
        return sql::Or(any);
      }
      case AttrType::kBoolean: {
        for (const auto& val : e.values) {
          std::string b = AsciiLower(val.text);
          std::int64_t n = b == "true" || b == "yes" || b == "1"   ? 1
                           : b == "false" || b == "no" || b == "0" ? 0
                                                                   : -1;
          if (n < 0 || val.kind == Value::Kind::kFunction) {
            return Fail("aql.badValue",
                        Quote(attr_name) + " takes true or false, not " + Quote(val.text),
                        val.span);
          }
          if (op != Op::kEq && op != Op::kIn && op != Op::kEqExact) {
            return Fail("aql.badOperator", Quote(attr_name) + " takes = != IN NOT IN", e.op_span);
          }
          any.push_back(sql::Bin(BinaryOp::kEq, sql::Col(v, "int_value"), sql::Int(n)));
        }
        return sql::Or(any);
      }
      case AttrType::kDate:
      case AttrType::kDateTime: {
        Expr copy = e;
        copy.op = op == Op::kEqExact ? Op::kEq : op;
        return DateCompare(copy, sql::Col(v, "int_value"), attr_name, t == AttrType::kDate, true);
      }
      case AttrType::kUser:
      case AttrType::kTeam: {
        std::vector<ExprPtr> names;  // = and IN: one sub-query with IN lists
        for (const auto& val : e.values) {
          if (t == AttrType::kUser && val.kind == Value::Kind::kFunction &&
              AsciiLower(val.text) == "currentuser" && val.args.empty()) {
            any.push_back(sql::Bin(BinaryOp::kEq, sql::Col(v, "int_value"), sql::P(ctx_.user_id)));
            continue;
          }
          if (val.kind == Value::Kind::kFunction) {
            return Fail(
                "aql.badValue",
                Quote(attr_name) + (t == AttrType::kUser ? " takes usernames or currentUser()"
                                                         : " takes team names"),
                val.span);
          }
          std::string u = NewAlias("u");
          ExprPtr name_match;
          if (op == Op::kLike || op == Op::kStartsWith || op == Op::kEndsWith) {
            std::string pattern = (op == Op::kStartsWith ? "" : "%") + LikeEscape(val.text) +
                                  (op == Op::kEndsWith ? "" : "%");
            ExprPtr p = sql::Call(sql::Special::kLower, {sql::P(pattern)});
            name_match =
                t == AttrType::kUser
                    ? sql::Or({sql::Call(
                                   sql::Special::kLike,
                                   {sql::Call(sql::Special::kLower, {sql::Col(u, "username")}), p}),
                               sql::Call(
                                   sql::Special::kLike,
                                   {sql::Call(sql::Special::kLower, {sql::Col(u, "display_name")}),
                                    p})})
                    : sql::Call(sql::Special::kLike,
                                {sql::Call(sql::Special::kLower, {sql::Col(u, "name")}), p});
          } else if (op == Op::kEq || op == Op::kIn || op == Op::kEqExact) {
            names.push_back(sql::Call(sql::Special::kLower, {sql::P(val.text)}));
            continue;
          } else {
            return Fail("aql.badOperator", Quote(attr_name) + " takes = != IN NOT IN LIKE IS EMPTY",
                        e.op_span);
          }
          any.push_back(
              sql::InSelect(sql::Col(v, "int_value"),
                            Sub({{sql::Col(u, "id"), ""}}, t == AttrType::kUser ? "users" : "teams",
                                u, name_match)));
        }
        if (!names.empty()) {
          std::string u = NewAlias("u");
          auto lower = [&](const char* col) {
            return sql::Call(sql::Special::kLower, {sql::Col(u, col)});
          };
          ExprPtr match = t == AttrType::kUser
                              ? sql::Or({sql::InList(lower("username"), names),
                                         sql::InList(lower("display_name"), names)})
                              : sql::InList(lower("name"), names);
          any.push_back(sql::InSelect(
              sql::Col(v, "int_value"),
              Sub({{sql::Col(u, "id"), ""}}, t == AttrType::kUser ? "users" : "teams", u, match)));
        }
        return sql::Or(any);
      }
      case AttrType::kReference: {
        std::string r = NewAlias("r");
        std::vector<ExprPtr> keys, labels;
        for (const auto& val : e.values) {
          if (val.kind == Value::Kind::kFunction) {
            return Fail("aql.badValue",
                        Quote(attr_name) +
                            " takes the key or label of an object; for more, use "
                            "object HAVING outboundReferences(...)",
                        val.span);
          }
          ExprPtr label = sql::Call(sql::Special::kLower, {sql::Col(r, "label")});
          if (op == Op::kLike || op == Op::kStartsWith || op == Op::kEndsWith) {
            std::string pattern = (op == Op::kStartsWith ? "" : "%") + LikeEscape(val.text) +
                                  (op == Op::kEndsWith ? "" : "%");
            any.push_back(sql::Call(sql::Special::kLike,
                                    {label, sql::Call(sql::Special::kLower, {sql::P(pattern)})}));
          } else if (op == Op::kEq || op == Op::kIn) {
            keys.push_back(sql::P(Upper(val.text)));
            labels.push_back(sql::Call(sql::Special::kLower, {sql::P(val.text)}));
          } else if (op == Op::kEqExact) {
            any.push_back(
                sql::Or({sql::Bin(BinaryOp::kEq, sql::Col(r, "key"), sql::P(val.text)),
                         sql::Bin(BinaryOp::kEq, sql::Col(r, "label"), sql::P(val.text))}));
          } else {
            return Fail("aql.badOperator",
                        Quote(attr_name) +
                            " takes = == != IN NOT IN LIKE IS EMPTY, or .attribute "
                            "to compare the referenced objects' attribute",
                        e.op_span);
          }
        }
        if (!keys.empty()) {
          // One IN per column: a long OR chain would exceed SQLite's expression depth.
          ExprPtr lower_label = sql::Call(sql::Special::kLower, {sql::Col(r, "label")});
          if (keys.size() == 1) {
            any.push_back(sql::Bin(BinaryOp::kEq, sql::Col(r, "key"), keys[0]));
            any.push_back(sql::Bin(BinaryOp::kEq, lower_label, labels[0]));
          } else {
            any.push_back(sql::InList(sql::Col(r, "key"), keys));
            any.push_back(sql::InList(lower_label, labels));
          }
        }
        return sql::InSelect(sql::Col(v, "ref_id"),
                             Sub({{sql::Col(r, "id"), ""}}, "cmdb_objects", r, sql::Or(any)));
      }
    }
    return nullptr;
  }

  // The term `path[step..] op values` over objects of alias `a`.
  // `conjunct`: the term is one of the top-level AND's, over the queried objects.
  ExprPtr Path(const Expr& e, const std::vector<PathStep>& path, size_t step, const std::string& a,
               int depth, bool conjunct = false) {
    if (depth > kMaxDepth) {
      return Fail("aql.syntax", "the query nests too deeply", path[step].span);
    }
    const PathStep& name = path[step];
    std::string kw = AsciiLower(name.name);
    static const char* kKeywords[] = {"objecttype",
                                      "objecttypeandchildren",
                                      "objecttypeid",
                                      "objectschema",
                                      "objectschemaid",
                                      "objectid",
                                      "key",
                                      "label",
                                      "created",
                                      "updated",
                                      "object"};
    for (const char* k : kKeywords) {
      if (kw == k) {
        if (step + 1 < path.size()) {
          return Fail("aql.syntax", name.name + " cannot be followed by \".\"",
                      path[step + 1].span);
        }
        return Keyword(e, a, kw);
      }
    }
    // The schema of the objects at this step: the caller's at the top, any below.
    auto attrs = m_.AttributesNamed(name.name, step == 0 ? ctx_.schema_id : 0);
    if (attrs.empty()) {
      auto hint = m_.Suggest(name.name);
      return Fail("aql.unknownAttribute",
                  "no attribute " + Quote(name.name) +
                      (hint ? " (did you mean " + Quote(*hint) + "?)" : std::string()),
                  name.span);
    }
    if (step + 1 < path.size()) {
      std::vector<const AttrDef*> refs;
      for (const AttrDef* at : attrs) {
        if (at->type == AttrType::kReference) {
          refs.push_back(at);
        }
      }
      if (refs.empty()) {
        return Fail("aql.badValue",
                    Quote(name.name) + " is not a reference attribute, so \"." +
                        path[step + 1].name + "\" cannot follow it",
                    path[step + 1].span);
      }
      attrs = refs;
    }
    if (e.op == Op::kHaving || e.op == Op::kNotHaving) {
      return Fail("aql.badOperator", "HAVING takes \"object\" on its left", e.op_span);
    }
    std::vector<std::int64_t> all_ids;
    std::map<AttrType, std::vector<std::int64_t>> by_type;
    for (const AttrDef* at : attrs) {
      all_ids.push_back(at->id);
      by_type[at->type].push_back(at->id);
    }
    auto any_value = [&](const std::vector<std::int64_t>& ids) {
      std::string v = NewAlias("v");
      std::vector<ExprPtr> items;
      for (auto id : ids) {
        items.push_back(sql::Int(id));
      }
      return ObjectIn(a, Sub({{sql::Col(v, "object_id"), ""}}, "cmdb_values", v,
                             sql::InList(sql::Col(v, "attribute_id"), items)));
    };
    if (e.op == Op::kIsEmpty) {
      return sql::Not(any_value(all_ids));
    }
    if (e.op == Op::kIsNotEmpty) {
      return any_value(all_ids);
    }
    // One sub-query per attribute type; a value that suits none of them is an error.
    std::vector<ExprPtr> groups;
    std::optional<QueryError> first_error;
    for (const auto& [type, ids] : by_type) {
      std::string v = NewAlias("v");
      ExprPtr match = ValueMatch(e, path, step, type, v, depth, name.name);
      if (!match) {
        if (!first_error) {
          first_error = error;
        }
        error.reset();
        continue;
      }
      std::vector<ExprPtr> items;
      for (auto id : ids) {
        items.push_back(sql::Int(id));
      }
      ExprPtr rows = sql::And({sql::InList(sql::Col(v, "attribute_id"), items), match});
      auto values = Sub({{sql::Col(v, "object_id"), ""}}, "cmdb_values", v, rows);
      if (conjunct && by_type.size() == 1 && Positive(e.op) && ctx_.count_rows) {
        // Counting is bounded: past kMaxCounted conjuncts a match is checked per object
        // uncounted (either form means the same; a long AND must not cost a count per term).
        if (counted_++ < kMaxCounted && !Frequent(v, rows)) {
          rare_ = true;  // few values: they drive (o.id IN (...), through a value index)
        } else {
          // Many: checked per object. The share of objects a match likely holds orders the
          // drivers: a value among a select's options, else a half.
          frequent_share_ = 0.5;
          if ((type == AttrType::kSelect || type == AttrType::kStatus) &&
              (PositiveOf(e.op) == Op::kEq || PositiveOf(e.op) == Op::kIn)) {
            size_t options = 0;
            for (const AttrDef* at : attrs) {
              options = std::max(options, at->options.size());
            }
            if (options > 0) {
              frequent_share_ = std::min(
                  1.0, static_cast<double>(e.values.size()) / static_cast<double>(options));
            }
          }
          frequent_ = values;
          return ObjectHas(values, sql::Col(a, "id"));
        }
      }
      groups.push_back(ObjectIn(a, values));
    }
    if (groups.empty()) {
      error = first_error;
      return nullptr;
    }
    ExprPtr pos = sql::Or(groups);
    if (Positive(e.op)) {
      return pos;
    }
    return sql::And({any_value(all_ids), sql::Not(pos)});
  }

  ExprPtr Term(const Expr& e, const std::string& a, int depth) {
    if (e.values.empty() && e.op != Op::kIsEmpty && e.op != Op::kIsNotEmpty) {
      return Fail("aql.syntax", "expected a value", e.op_span);
    }
    if (e.values.size() > 1 && e.op != Op::kIn && e.op != Op::kNotIn) {
      return Fail("aql.syntax", "a list of values needs IN or NOT IN", e.op_span);
    }
    if (e.values.size() > 1000) {
      return Fail("aql.tooLong", "a list holds at most 1,000 values", e.op_span);
    }
    return Path(e, e.path, 0, a, depth, std::exchange(conjunct_, false));
  }

  ExprPtr Having(const Expr& e, const std::string& a) {
    if (e.op != Op::kHaving && e.op != Op::kNotHaving) {
      return Fail("aql.badOperator", "object takes HAVING or NOT HAVING", e.op_span);
    }
    const Value& f = e.values.at(0);
    std::string name = AsciiLower(f.text);
    bool negated = e.op == Op::kNotHaving;
    if (f.kind != Value::Kind::kFunction) {
      return Fail("aql.badValue",
                  "HAVING takes inboundReferences(), outboundReferences() or connectedTickets()",
                  f.span);
    }
    if (name == "connectedtickets") {
      if (!ctx_.connected_tickets) {
        return Fail("aql.badValue", "connectedTickets() is not available here", f.span);
      }
      auto sel = ctx_.connected_tickets(f.jql);
      if (auto* msg = std::get_if<std::string>(&sel)) {
        return Fail("aql.badValue", "connectedTickets(): " + *msg, f.span);
      }
      return ObjectIn(a, std::get<sql::SelectPtr>(sel), negated);
    }
    bool inbound = name == "inboundreferences" || name == "inr";
    if (!inbound && name != "outboundreferences" && name != "outr") {
      return Fail("aql.badValue",
                  "no function " + Quote(f.text) +
                      " after HAVING (inboundReferences, outboundReferences, connectedTickets)",
                  f.span);
    }
    std::string v = NewAlias("v");
    std::vector<ExprPtr> conds = {sql::IsNull(sql::Col(v, "ref_id"), true)};
    if (!f.ref_kinds.empty()) {
      std::vector<ExprPtr> attr_ids;
      for (const auto& kind : f.ref_kinds) {
        bool known = false;
        for (const auto& at : m_.attributes) {
          if (at.type == AttrType::kReference &&
              (EqualsIgnoreCase(at.ref_kind, kind) || EqualsIgnoreCase(at.name, kind))) {
            attr_ids.push_back(sql::Int(at.id));
            known = true;
          }
        }
        if (!known) {
          return Fail("aql.badValue", "no reference kind " + Quote(kind), f.span);
        }
      }
      conds.push_back(sql::InList(sql::Col(v, "attribute_id"), attr_ids));
    }
    if (f.query) {
      std::string x = NewAlias("x");
      ExprPtr inner = Lower(*f.query, x, 1);
      if (!inner) {
        return nullptr;
      }
      conds.push_back(sql::InSelect(sql::Col(v, inbound ? "object_id" : "ref_id"),
                                    Sub({{sql::Col(x, "id"), ""}}, "cmdb_objects", x, inner)));
    }
    return ObjectIn(a,
                    Sub({{sql::Col(v, inbound ? "ref_id" : "object_id"), ""}}, "cmdb_values", v,
                        sql::And(conds)),
                    negated);
  }

  ExprPtr OrderKey(const OrderBy& ob) {
    if (ob.path.size() != 1) {
      return Fail("aql.syntax", "ORDER BY takes one attribute", ob.path[1].span);
    }
    std::string kw = AsciiLower(ob.path[0].name);
    if (kw == "label") {
      return sql::Call(sql::Special::kLower, {sql::Col("o", "label")});
    }
    if (kw == "key" || kw == "objectid") {
      return sql::Col("o", "id");
    }
    if (kw == "created" || kw == "updated") {
      return sql::Col("o", kw == "created" ? "created_at" : "updated_at");
    }
    if (kw == "objecttype") {
      return sql::Col("o", "object_type_id");
    }
    auto attrs = m_.AttributesNamed(ob.path[0].name, ctx_.schema_id);
    if (attrs.empty()) {
      auto hint = m_.Suggest(ob.path[0].name);
      return Fail("aql.unknownAttribute",
                  "no attribute " + Quote(ob.path[0].name) +
                      (hint ? " (did you mean " + Quote(*hint) + "?)" : std::string()),
                  ob.path[0].span);
    }
    std::vector<ExprPtr> ids;
    for (const AttrDef* at : attrs) {
      ids.push_back(sql::Int(at->id));
    }
    std::string v = NewAlias("v");
    Column col = ColumnOf(attrs[0]->type);
    ExprPtr value;
    std::vector<sql::Join> joins;
    if (col == Column::kRef) {
      std::string r = NewAlias("r");
      joins.push_back({false, "cmdb_objects", nullptr, r,
                       sql::Bin(BinaryOp::kEq, sql::Col(r, "id"), sql::Col(v, "ref_id"))});
      value = sql::Call(sql::Special::kLower, {sql::Col(r, "label")});
    } else if (col == Column::kText) {
      value = sql::Call(sql::Special::kLower, {sql::Col(v, "text_value")});
    } else {
      value = sql::Col(v, col == Column::kInt ? "int_value" : "real_value");
    }
    return sql::Scalar(
        Sub({{sql::Call(sql::Special::kMin, {value}), ""}}, "cmdb_values", v,
            sql::And({sql::Bin(BinaryOp::kEq, sql::Col(v, "object_id"), sql::Col("o", "id")),
                      sql::InList(sql::Col(v, "attribute_id"), ids)}),
            joins));
  }

  const CompileContext& ctx_;
  const Model& m_;
  int aliases_ = 0;
  bool conjunct_ = false;      // the term being lowered is a top-level conjunct
  sql::SelectPtr frequent_;    // set by a frequent conjunct: its matching values' object ids
  double frequent_share_ = 0;  // ... and the share of objects it likely holds
  bool rare_ = false;          // a conjunct's values were counted and found few
  int counted_ = 0;            // conjuncts whose values were (or would have been) counted
  static constexpr int kMaxCounted = 8;
};

}  // namespace

std::variant<Compiled, QueryError> Compile(std::string_view text, const CompileContext& ctx) {
  auto parsed = Parse(text);
  if (auto* e = std::get_if<QueryError>(&parsed)) {
    return *e;
  }
  Compiler c(ctx);
  auto out = c.Run(std::get<Query>(parsed));
  if (!out) {
    return c.error.value_or(QueryError{"aql.syntax", "the query could not be compiled", Span{}});
  }
  return std::move(*out);
}

sql::Select PageSelect(const Compiled& c, int start, int limit, bool few) {
  sql::Select s;
  s.columns = {{sql::Col("o", "id"), ""}};
  s.from = "cmdb_objects";
  s.from_alias = "o";
  s.where = c.where;
  s.order_by = c.order;
  if (few) {
    // Sort the few matches; walking an order index would pass every object that fails.
    for (auto& item : s.order_by) {
      item.no_index = true;
    }
  }
  if (few || !c.order_walkable) {
    // The matches are collected and sorted: through the driver rather than by checking every
    // object.
    if (c.drive) {
      std::vector<ExprPtr> terms = {sql::InSelect(sql::Col("o", "id"), c.drive)};
      for (const auto& check : c.checks) {
        terms.push_back(ObjectHas(check, sql::Col("o", "id")));
      }
      terms.push_back(c.rest);
      s.where = sql::And(terms);
    }
  }
  s.limit = sql::Int(limit);
  if (start > 0) {
    s.offset = sql::Int(start);
  }
  return s;
}

sql::Select CountSelect(const Compiled& c, int cap) {
  sql::Select rows;
  rows.columns = {{sql::Int(1), "one"}};
  rows.from = "cmdb_objects";
  rows.from_alias = "o";
  rows.where = c.where;
  if (c.drive) {
    // Stream the driver's values (no IN list built first), each object once, the other
    // matches checked on the value's object id before the object row is read (if at all): the
    // count stops after `cap` matches.
    const std::string& d = c.drive->from_alias;
    ExprPtr object_id = sql::Col(d, "object_id");
    rows.columns = {{object_id, ""}};
    rows.distinct = true;
    rows.from = "cmdb_values";
    rows.from_alias = d;
    std::vector<ExprPtr> terms = {c.drive->where};
    for (const auto& check : c.checks) {
      terms.push_back(ObjectHas(check, object_id));
    }
    if (c.rest && c.rest->kind != sql::Expr::Kind::kTrue) {
      rows.joins = {{false, "cmdb_objects", nullptr, "o",
                     sql::Bin(BinaryOp::kEq, sql::Col("o", "id"), object_id)}};
      terms.push_back(c.rest);
    }
    rows.where = sql::And(terms);
  }
  return CappedCount(rows, cap);
}

sql::Select CappedCount(const sql::Select& rows, std::int64_t cap) {
  auto inner = std::make_shared<sql::Select>(rows);
  inner->limit = sql::Int(cap);
  sql::Select s;
  s.columns = {{sql::Call(sql::Special::kCount, {}), ""}};
  s.from_subquery = inner;
  s.from_alias = "c";
  return s;
}

sql::SelectPtr IdSelect(const Compiled& c) {
  auto s = std::make_shared<sql::Select>();
  s->columns = {{sql::Col("o", "id"), ""}};
  s->from = "cmdb_objects";
  s->from_alias = "o";
  s->where = c.where;
  return s;
}

}  // namespace steward::cmdb::aql
