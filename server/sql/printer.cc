// SQL printers: sql::Select → {text, params} for SQLite and PostgreSQL. Every Param becomes a
// placeholder (`?` or `$n`); identifiers and operators come from the AST's own constants.
#include "sql/ast.h"

namespace steward::sql {
namespace {

// A full-text search in the compilers' neutral form — terms separated by spaces, a phrase in
// double quotes, a prefix term ending in `*`, every term already reduced to letters and digits —
// spelled in the dialect's own query syntax.
std::string FullTextQuery(const std::string& neutral, Dialect d) {
  std::vector<std::pair<std::string, bool>> terms;  // (words separated by ' ', prefix)
  size_t i = 0;
  while (i < neutral.size()) {
    if (neutral[i] == ' ') {
      ++i;
      continue;
    }
    std::string term;
    if (neutral[i] == '"') {
      size_t end = neutral.find('"', i + 1);
      if (end == std::string::npos) {
        end = neutral.size();
      }
      term = neutral.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      size_t end = neutral.find(' ', i);
      if (end == std::string::npos) {
        end = neutral.size();
      }
      term = neutral.substr(i, end - i);
      i = end;
    }
    bool prefix = !term.empty() && term.back() == '*';
    if (prefix) {
      term.pop_back();
    }
    if (!term.empty()) {
      terms.emplace_back(term, prefix);
    }
  }
  std::string out;
  for (const auto& [term, prefix] : terms) {
    if (d == Dialect::kSqlite) {
      out += (out.empty() ? "" : " ") + std::string("\"") + term + "\"" + (prefix ? "*" : "");
    } else {
      std::string t = term;
      for (char& c : t) {
        if (c == ' ') {
          c = '\x01';
        }
      }
      std::string spelled;
      for (char c : t) {
        spelled += c == '\x01' ? std::string(" <-> ") : std::string(1, c);
      }
      out += (out.empty() ? "" : " & ") + spelled + (prefix ? ":*" : "");
    }
  }
  return out;
}

class Printer {
 public:
  explicit Printer(Dialect d) : d_(d) {}

  void SelectStmt(const Select& s) {
    out_ += "SELECT ";
    if (s.distinct) {
      out_ += "DISTINCT ";
    }
    for (size_t i = 0; i < s.columns.size(); ++i) {
      out_ += i ? ", " : "";
      Expression(*s.columns[i].first);
      if (!s.columns[i].second.empty()) {
        out_ += " AS " + s.columns[i].second;
      }
    }
    if (s.columns.empty()) {
      out_ += "1";
    }
    out_ += " FROM ";
    if (s.from_subquery) {
      out_ += "(";
      SelectStmt(*s.from_subquery);
      out_ += ")";
    } else {
      out_ += s.from;
    }
    if (!s.from_alias.empty()) {
      out_ += " " + s.from_alias;
    }
    if (!s.indexed_by.empty() && d_ == Dialect::kSqlite) {
      out_ += " INDEXED BY " + s.indexed_by;
    }
    for (const Join& j : s.joins) {
      out_ += j.left ? " LEFT JOIN " : " JOIN ";
      if (j.subquery) {
        out_ += "(";
        SelectStmt(*j.subquery);
        out_ += ")";
      } else {
        out_ += j.table;
      }
      out_ += " " + j.alias + " ON ";
      Expression(*j.on);
    }
    if (s.where && s.where->kind != Expr::Kind::kTrue) {
      out_ += " WHERE ";
      Expression(*s.where);
    }
    for (const SelectPtr& u : s.union_all) {
      out_ += " UNION ALL ";
      SelectStmt(*u);
    }
    if (!s.group_by.empty()) {
      out_ += " GROUP BY ";
      for (size_t i = 0; i < s.group_by.size(); ++i) {
        out_ += i ? ", " : "";
        Expression(*s.group_by[i]);
      }
    }
    if (!s.order_by.empty()) {
      out_ += " ORDER BY ";
      for (size_t i = 0; i < s.order_by.size(); ++i) {
        const OrderItem& o = s.order_by[i];
        out_ += i ? ", " : "";
        if (o.no_index && d_ == Dialect::kSqlite) {
          out_ += "+";  // a unary plus keeps SQLite from satisfying the order by an index
        }
        Expression(*o.expr);
        out_ += o.desc ? " DESC" : " ASC";
        // SQLite sorts NULLs first ascending, PostgreSQL last: say it explicitly where the
        // default differs from what is asked.
        bool default_last = d_ == Dialect::kPostgres ? !o.desc : o.desc;
        if (o.nulls_last != default_last) {
          out_ += o.nulls_last ? " NULLS LAST" : " NULLS FIRST";
        }
      }
    }
    if (s.limit) {
      out_ += " LIMIT ";
      Expression(**s.limit);
    }
    if (s.offset) {
      out_ += " OFFSET ";
      Expression(**s.offset);
    }
  }

  void Expression(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::kColumn:
        out_ += e.table.empty() ? e.name : e.table + "." + e.name;
        return;
      case Expr::Kind::kParam:
        Placeholder(e.value);
        return;
      case Expr::Kind::kInt:
        out_ += std::to_string(e.number);
        return;
      case Expr::Kind::kTrue:
        out_ += "1 = 1";
        return;
      case Expr::Kind::kFalse:
        out_ += "1 = 0";
        return;
      case Expr::Kind::kBinary: {
        if (e.op == BinaryOp::kAnd || e.op == BinaryOp::kOr) {
          out_ += "(";
          for (size_t i = 0; i < e.args.size(); ++i) {
            out_ += i ? (e.op == BinaryOp::kAnd ? " AND " : " OR ") : "";
            Expression(*e.args[i]);
          }
          out_ += ")";
          return;
        }
        Expression(*e.args[0]);
        out_ += " " + std::string(OpText(e.op)) + " ";
        Expression(*e.args[1]);
        return;
      }
      case Expr::Kind::kNot:
        out_ += "NOT (";
        Expression(*e.args[0]);
        out_ += ")";
        return;
      case Expr::Kind::kIsNull:
        Expression(*e.args[0]);
        out_ += e.negated ? " IS NOT NULL" : " IS NULL";
        return;
      case Expr::Kind::kInList:
        Expression(*e.args[0]);
        out_ += e.negated ? " NOT IN (" : " IN (";
        for (size_t i = 1; i < e.args.size(); ++i) {
          out_ += i > 1 ? ", " : "";
          Expression(*e.args[i]);
        }
        out_ += ")";
        return;
      case Expr::Kind::kInSelect:
        Expression(*e.args[0]);
        out_ += e.negated ? " NOT IN (" : " IN (";
        SelectStmt(*e.select);
        out_ += ")";
        return;
      case Expr::Kind::kExists:
        out_ += e.negated ? "NOT EXISTS (" : "EXISTS (";
        SelectStmt(*e.select);
        out_ += ")";
        return;
      case Expr::Kind::kScalar:
        out_ += "(";
        SelectStmt(*e.select);
        out_ += ")";
        return;
      case Expr::Kind::kSpecial:
        SpecialCall(e);
        return;
    }
  }

  Printed Take() { return {std::move(out_), std::move(params_)}; }

 private:
  static const char* OpText(BinaryOp op) {
    switch (op) {
      case BinaryOp::kEq:
        return "=";
      case BinaryOp::kNe:
        return "<>";
      case BinaryOp::kLt:
        return "<";
      case BinaryOp::kLe:
        return "<=";
      case BinaryOp::kGt:
        return ">";
      case BinaryOp::kGe:
        return ">=";
      case BinaryOp::kAdd:
        return "+";
      case BinaryOp::kSub:
        return "-";
      case BinaryOp::kAnd:
        return "AND";
      case BinaryOp::kOr:
        return "OR";
    }
    return "=";
  }

  void Placeholder(Value v) {
    params_.push_back(std::move(v));
    out_ += d_ == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(params_.size());
  }

  void Args(const Expr& e) {
    for (size_t i = 0; i < e.args.size(); ++i) {
      out_ += i ? ", " : "";
      Expression(*e.args[i]);
    }
  }

  void SpecialCall(const Expr& e) {
    switch (e.special) {
      case Special::kLower:
        out_ += "lower(";
        Args(e);
        out_ += ")";
        return;
      case Special::kCoalesce:
        out_ += "coalesce(";
        Args(e);
        out_ += ")";
        return;
      case Special::kMin:
        out_ += "min(";
        Args(e);
        out_ += ")";
        return;
      case Special::kCount:
        out_ += "count(*)";
        return;
      case Special::kInstr:
        out_ += d_ == Dialect::kSqlite ? "instr(" : "strpos(";
        Args(e);
        out_ += ")";
        return;
      case Special::kLike:
        out_ += "(";
        Expression(*e.args.at(0));
        out_ += " LIKE ";
        Expression(*e.args.at(1));
        out_ += " ESCAPE '\\')";
        return;
      case Special::kRank:
        if (d_ == Dialect::kSqlite) {
          out_ += "steward_rank(" + e.table + ")";
        } else {
          out_ += "-ts_rank(" + e.table + ".document, " + e.table + ".query)";
        }
        return;
      case Special::kFullText: {
        const Expr& q = *e.args.at(0);
        std::string neutral =
            q.kind == Expr::Kind::kParam && std::holds_alternative<std::string>(q.value)
                ? std::get<std::string>(q.value)
                : std::string();
        if (d_ == Dialect::kSqlite) {
          out_ += e.table + " MATCH ";
          std::string spelled = FullTextQuery(neutral, d_);
          Placeholder(e.name.empty() ? spelled : "{" + e.name + "} : (" + spelled + ")");
        } else {
          out_ += e.table + ".document @@ to_tsquery('simple', ";
          Placeholder(FullTextQuery(neutral, d_));
          out_ += ")";
        }
        return;
      }
    }
  }

  Dialect d_;
  std::string out_;
  std::vector<Value> params_;
};

}  // namespace

Printed Print(const Select& s, Dialect d) {
  Printer p(d);
  p.SelectStmt(s);
  return p.Take();
}

Printed PrintExpr(const Expr& e, Dialect d) {
  Printer p(d);
  p.Expression(e);
  return p.Take();
}

}  // namespace steward::sql
