#include "sql/ast.h"

namespace steward::sql {
namespace {
std::shared_ptr<Expr> Make(Expr::Kind k) {
  auto e = std::make_shared<Expr>();
  e->kind = k;
  return e;
}
}  // namespace

ExprPtr Col(std::string alias, std::string name) {
  auto e = Make(Expr::Kind::kColumn);
  e->table = std::move(alias);
  e->name = std::move(name);
  return e;
}
ExprPtr P(Value v) {
  auto e = Make(Expr::Kind::kParam);
  e->value = std::move(v);
  return e;
}
ExprPtr Int(std::int64_t n) {
  auto e = Make(Expr::Kind::kInt);
  e->number = n;
  return e;
}
ExprPtr Bin(BinaryOp op, ExprPtr a, ExprPtr b) {
  auto e = Make(Expr::Kind::kBinary);
  e->op = op;
  e->args = {std::move(a), std::move(b)};
  return e;
}
ExprPtr And(std::vector<ExprPtr> terms) {
  std::vector<ExprPtr> kept;
  for (auto& t : terms) {
    if (t->kind == Expr::Kind::kFalse) {
      return False();
    }
    if (t->kind == Expr::Kind::kBinary && t->op == BinaryOp::kAnd) {
      kept.insert(kept.end(), t->args.begin(), t->args.end());  // (a AND b) AND c: one level
    } else if (t->kind != Expr::Kind::kTrue) {
      kept.push_back(std::move(t));
    }
  }
  if (kept.empty()) {
    return True();
  }
  if (kept.size() == 1) {
    return kept[0];
  }
  auto e = Make(Expr::Kind::kBinary);
  e->op = BinaryOp::kAnd;
  e->args = std::move(kept);
  return e;
}
ExprPtr Or(std::vector<ExprPtr> terms) {
  std::vector<ExprPtr> kept;
  for (auto& t : terms) {
    if (t->kind == Expr::Kind::kTrue) {
      return True();
    }
    if (t->kind == Expr::Kind::kBinary && t->op == BinaryOp::kOr) {
      kept.insert(kept.end(), t->args.begin(), t->args.end());
    } else if (t->kind != Expr::Kind::kFalse) {
      kept.push_back(std::move(t));
    }
  }
  if (kept.empty()) {
    return False();
  }
  if (kept.size() == 1) {
    return kept[0];
  }
  auto e = Make(Expr::Kind::kBinary);
  e->op = BinaryOp::kOr;
  e->args = std::move(kept);
  return e;
}
ExprPtr Not(ExprPtr a) {
  if (a->kind == Expr::Kind::kTrue) {
    return False();
  }
  if (a->kind == Expr::Kind::kFalse) {
    return True();
  }
  auto e = Make(Expr::Kind::kNot);
  e->args = {std::move(a)};
  return e;
}
ExprPtr IsNull(ExprPtr a, bool negated) {
  auto e = Make(Expr::Kind::kIsNull);
  e->negated = negated;
  e->args = {std::move(a)};
  return e;
}
ExprPtr InList(ExprPtr a, std::vector<ExprPtr> list, bool negated) {
  if (list.empty()) {
    return negated ? True() : False();
  }
  auto e = Make(Expr::Kind::kInList);
  e->negated = negated;
  e->args.push_back(std::move(a));
  for (auto& x : list) {
    e->args.push_back(std::move(x));
  }
  return e;
}
ExprPtr InSelect(ExprPtr a, SelectPtr s, bool negated) {
  auto e = Make(Expr::Kind::kInSelect);
  e->negated = negated;
  e->args = {std::move(a)};
  e->select = std::move(s);
  return e;
}
ExprPtr Exists(SelectPtr s, bool negated) {
  auto e = Make(Expr::Kind::kExists);
  e->negated = negated;
  e->select = std::move(s);
  return e;
}
ExprPtr Scalar(SelectPtr s) {
  auto e = Make(Expr::Kind::kScalar);
  e->select = std::move(s);
  return e;
}
ExprPtr Call(Special f, std::vector<ExprPtr> args, std::string table) {
  auto e = Make(Expr::Kind::kSpecial);
  e->special = f;
  e->args = std::move(args);
  e->table = std::move(table);
  return e;
}
ExprPtr True() { return Make(Expr::Kind::kTrue); }
ExprPtr False() { return Make(Expr::Kind::kFalse); }

}  // namespace steward::sql
