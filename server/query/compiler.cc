#include "query/compiler.h"

#include "query/parser.h"

#include <algorithm>
#include <cstring>

namespace steward::query {
namespace {
using sql::BinaryOp;
using sql::Col;
using sql::ExprPtr;
using sql::P;

ExprPtr ValueExpr(const sql::Value& v) { return P(v); }
}  // namespace

namespace {

// Fields' own functions (aqlFunction) become sub-queries chosen by the caller.
std::optional<QueryError> ResolveFieldFunctions(BoundClause& c, const FunctionResolver& resolve) {
  for (auto& child : c.children) {
    if (auto err = ResolveFieldFunctions(child, resolve)) {
      return err;
    }
  }
  if (!c.field) {
    return std::nullopt;
  }
  for (auto& v : c.values) {
    if (v.kind != BoundValue::Kind::kFunction ||
        std::find(c.field->functions.begin(), c.field->functions.end(), v.function) ==
            c.field->functions.end()) {
      continue;
    }
    if (!resolve) {
      return QueryError{"query.badValue", v.function + "() is not available here", v.span};
    }
    auto r = resolve(*c.field, v.function, v.args, v.span);
    if (auto* e = std::get_if<QueryError>(&r)) {
      return *e;
    }
    v.kind = BoundValue::Kind::kSubquery;
    v.subquery = std::get<sql::SelectPtr>(r);
  }
  return std::nullopt;
}

}  // namespace

std::variant<CompiledQuery, QueryError> Compile(std::string_view jql, const FieldRegistry& registry,
                                                const CompileContext& ctx) {
  auto parsed = Parse(jql);
  if (auto* e = std::get_if<QueryError>(&parsed)) {
    return *e;
  }
  auto bound = Bind(std::get<ast::Query>(parsed), registry, ctx.lookup);
  if (auto* e = std::get_if<QueryError>(&bound)) {
    return *e;
  }
  CompiledQuery out;
  out.bound = std::get<BoundQuery>(std::move(bound));
  if (out.bound.where) {
    if (auto err = ResolveFieldFunctions(*out.bound.where, ctx.resolve_function)) {
      return *err;
    }
  }
  if (auto err = RunPasses(out.bound, ctx.passes)) {
    return *err;
  }
  LowerContext lower = ctx.lower;
  lower.now_ms = ctx.passes.now_ms;
  out.lowered = Lower(out.bound, lower);
  return out;
}

sql::Select PageSelect(const CompiledQuery& q, const Cursor* after, int limit, bool few) {
  sql::Select s;
  s.from = "issues";
  s.from_alias = "i";
  s.indexed_by = q.lowered.index_hint;
  s.columns.push_back({Col("i", "id"), ""});
  if (q.lowered.candidates) {
    s.joins.push_back(sql::Join{false, "", q.lowered.candidates, "h",
                                sql::Bin(BinaryOp::kEq, Col("h", "id"), Col("i", "id"))});
  }
  const auto& keys = q.lowered.order;
  for (size_t k = 0; k < keys.size(); ++k) {
    s.columns.push_back({keys[k].expr, "k" + std::to_string(k)});
  }
  bool id_desc = keys.empty() ? false : keys.back().desc;
  std::vector<ExprPtr> where = {q.lowered.where};
  if (after && after->keys.size() == keys.size()) {
    // Rows strictly after the cursor in (key0, key1, ..., id) order, NULLs last in each key.
    std::vector<ExprPtr> alternatives;
    std::vector<ExprPtr> equal_prefix;
    for (size_t k = 0; k < keys.size(); ++k) {
      const ExprPtr& e = keys[k].expr;
      const sql::Value& v = after->keys[k];
      bool null = std::holds_alternative<std::monostate>(v);
      if (!null) {
        ExprPtr beyond =
            sql::Or({sql::IsNull(e),
                     sql::Bin(keys[k].desc ? BinaryOp::kLt : BinaryOp::kGt, e, ValueExpr(v))});
        std::vector<ExprPtr> alt = equal_prefix;
        alt.push_back(beyond);
        alternatives.push_back(sql::And(std::move(alt)));
        equal_prefix.push_back(sql::Bin(BinaryOp::kEq, e, ValueExpr(v)));
      } else {
        equal_prefix.push_back(sql::IsNull(e));
      }
    }
    std::vector<ExprPtr> last = equal_prefix;
    last.push_back(sql::Bin(id_desc ? BinaryOp::kLt : BinaryOp::kGt, Col("i", "id"), P(after->id)));
    alternatives.push_back(sql::And(std::move(last)));
    where.push_back(sql::Or(std::move(alternatives)));
  }
  s.where = sql::And(std::move(where));
  for (const auto& k : keys) {
    s.order_by.push_back(sql::OrderItem{k.expr, k.desc, true, few});
  }
  s.order_by.push_back(sql::OrderItem{Col("i", "id"), id_desc, true, few});
  s.limit = P(static_cast<std::int64_t>(limit));
  return s;
}

sql::Select CountSelect(const CompiledQuery& q, int cap) {
  sql::Select inner;
  inner.from = "issues";
  inner.from_alias = "i";
  inner.indexed_by = q.lowered.index_hint;
  inner.columns.push_back({sql::Int(1), "one"});
  if (q.lowered.count_candidates) {
    inner.joins.push_back(sql::Join{false, "", q.lowered.count_candidates, "h",
                                    sql::Bin(BinaryOp::kEq, Col("h", "id"), Col("i", "id"))});
  }
  inner.where = q.lowered.where;
  inner.limit = P(static_cast<std::int64_t>(cap));
  sql::Select s;
  s.columns.push_back({sql::Call(sql::Special::kCount, {}), "n"});
  s.from_subquery = std::make_shared<const sql::Select>(std::move(inner));
  s.from_alias = "matching";
  return s;
}

sql::SelectPtr IdSelect(const CompiledQuery& q) {
  auto s = std::make_shared<sql::Select>();
  s->from = "issues";
  s->from_alias = "i";
  s->columns.push_back({Col("i", "id"), ""});
  if (q.lowered.count_candidates) {
    s->joins.push_back(sql::Join{false, "", q.lowered.count_candidates, "h",
                                 sql::Bin(BinaryOp::kEq, Col("h", "id"), Col("i", "id"))});
  }
  s->where = q.lowered.where;
  return s;
}

namespace {
const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string B64(const std::string& in) {
  std::string out;
  size_t i = 0;
  while (i + 2 < in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += {kB64[(n >> 18) & 63], kB64[(n >> 12) & 63], kB64[(n >> 6) & 63], kB64[n & 63]};
    i += 3;
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += {kB64[(n >> 18) & 63], kB64[(n >> 12) & 63]};
  } else if (i + 2 == in.size()) {
    unsigned n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kB64[(n >> 18) & 63], kB64[(n >> 12) & 63], kB64[(n >> 6) & 63]};
  }
  return out;
}

std::optional<std::string> UnB64(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::strchr(kB64, c);
    if (!p || c == '\0') {
      return std::nullopt;
    }
    buf = (buf << 6) | static_cast<unsigned>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

void PutInt(std::string& out, std::int64_t v) {
  for (int i = 0; i < 8; ++i) {
    out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
  }
}
std::optional<std::int64_t> GetInt(std::string_view& in) {
  if (in.size() < 8) {
    return std::nullopt;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  }
  in.remove_prefix(8);
  return static_cast<std::int64_t>(v);
}
}  // namespace

// Encoding: for each key a tag byte (n null, i int64, r double, t text with a length) and the
// value; then the id.
std::string EncodeCursor(const Cursor& c) {
  std::string raw;
  for (const auto& v : c.keys) {
    if (std::holds_alternative<std::monostate>(v)) {
      raw += 'n';
    } else if (auto* i = std::get_if<std::int64_t>(&v)) {
      raw += 'i';
      PutInt(raw, *i);
    } else if (auto* d = std::get_if<double>(&v)) {
      raw += 'r';
      std::int64_t bits = 0;
      std::memcpy(&bits, d, sizeof bits);
      PutInt(raw, bits);
    } else {
      const auto& s = std::get<std::string>(v);
      raw += 't';
      PutInt(raw, static_cast<std::int64_t>(s.size()));
      raw += s;
    }
  }
  PutInt(raw, c.id);
  return B64(raw);
}

std::optional<Cursor> DecodeCursor(std::string_view text, size_t keys) {
  if (text.size() > 4096) {
    return std::nullopt;
  }
  auto raw = UnB64(text);
  if (!raw) {
    return std::nullopt;
  }
  std::string_view in = *raw;
  Cursor c;
  for (size_t k = 0; k < keys; ++k) {
    if (in.empty()) {
      return std::nullopt;
    }
    char tag = in[0];
    in.remove_prefix(1);
    if (tag == 'n') {
      c.keys.emplace_back(std::monostate{});
    } else if (tag == 'i') {
      auto v = GetInt(in);
      if (!v) {
        return std::nullopt;
      }
      c.keys.emplace_back(*v);
    } else if (tag == 'r') {
      auto v = GetInt(in);
      if (!v) {
        return std::nullopt;
      }
      double d = 0;
      std::int64_t bits = *v;
      std::memcpy(&d, &bits, sizeof d);
      c.keys.emplace_back(d);
    } else if (tag == 't') {
      auto n = GetInt(in);
      if (!n || *n < 0 || static_cast<std::uint64_t>(*n) > in.size()) {
        return std::nullopt;
      }
      c.keys.emplace_back(std::string(in.substr(0, static_cast<size_t>(*n))));
      in.remove_prefix(static_cast<size_t>(*n));
    } else {
      return std::nullopt;
    }
  }
  auto id = GetInt(in);
  if (!id || !in.empty()) {
    return std::nullopt;
  }
  c.id = *id;
  return c;
}

std::string Explain(const CompiledQuery& q, sql::Dialect d) {
  sql::Printed where = sql::PrintExpr(*q.lowered.where, d);
  std::string out = "where: " + where.text + "\nparams:";
  for (const auto& p : where.params) {
    if (std::holds_alternative<std::monostate>(p)) {
      out += " NULL";
    } else if (auto* i = std::get_if<std::int64_t>(&p)) {
      out += " " + std::to_string(*i);
    } else if (auto* r = std::get_if<double>(&p)) {
      out += " " + std::to_string(*r);
    } else {
      out += " '" + std::get<std::string>(p) + "'";
    }
  }
  out += "\norder:";
  for (const auto& k : q.lowered.order) {
    out += " " + sql::PrintExpr(*k.expr, d).text + (k.desc ? " DESC" : " ASC");
  }
  return out + "\n";
}

}  // namespace steward::query
