#include "query/parser.h"

#include <algorithm>
#include <array>

namespace steward::query {
namespace ast {
std::string_view OpName(Op op) {
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kContains:
      return "~";
    case Op::kNotContains:
      return "!~";
    case Op::kIn:
      return "IN";
    case Op::kNotIn:
      return "NOT IN";
    case Op::kIs:
      return "IS";
    case Op::kIsNot:
      return "IS NOT";
    case Op::kWas:
      return "WAS";
    case Op::kWasNot:
      return "WAS NOT";
    case Op::kWasIn:
      return "WAS IN";
    case Op::kWasNotIn:
      return "WAS NOT IN";
    case Op::kChanged:
      return "CHANGED";
  }
  return "?";
}
}  // namespace ast

namespace {

using ast::Clause;
using ast::Op;
using ast::Operand;

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr std::array<std::string_view, 19> kReserved = {
    "and",  "or",  "not",     "in",   "is", "empty",  "null",  "order", "by",    "asc",
    "desc", "was", "changed", "from", "to", "before", "after", "on",    "during"};

bool IsReserved(std::string_view w) {
  return std::any_of(kReserved.begin(), kReserved.end(),
                     [&](std::string_view r) { return IEquals(r, w); });
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  std::variant<ast::Query, QueryError> Run() {
    ast::Query q;
    if (!AtKeyword("order") && Peek().kind != TokenKind::kEnd) {
      auto c = Or(0);
      if (!c) {
        return *error_;
      }
      q.where = std::move(*c);
    }
    if (AtKeyword("order")) {
      Next();
      if (!AtKeyword("by")) {
        return Fail("\"BY\" after \"ORDER\"");
      }
      Next();
      while (true) {
        auto f = FieldName();
        if (!f) {
          return *error_;
        }
        ast::OrderItem item;
        item.field = f->first;
        item.span = f->second;
        if (AtKeyword("asc") || AtKeyword("desc")) {
          item.desc = AtKeyword("desc");
          item.explicit_direction = true;
          Next();
        }
        q.order_by.push_back(std::move(item));
        if (Peek().kind != TokenKind::kComma) {
          break;
        }
        Next();
      }
    }
    if (Peek().kind != TokenKind::kEnd) {
      if (!q.order_by.empty()) {
        return Fail("\",\", \"ASC\", \"DESC\" or the end of the query");
      }
      return Fail("\"AND\", \"OR\", \"ORDER BY\" or the end of the query");
    }
    return q;
  }

 private:
  const Token& Peek(size_t ahead = 0) const { return t_[std::min(pos_ + ahead, t_.size() - 1)]; }
  const Token& Next() {
    const Token& t = t_[pos_];
    if (pos_ + 1 < t_.size()) {
      ++pos_;
    }
    return t;
  }
  bool AtKeyword(std::string_view kw, size_t ahead = 0) const {
    return Peek(ahead).kind == TokenKind::kWord && IEquals(Peek(ahead).text, kw);
  }

  QueryError Fail(const std::string& expected) {
    const Token& t = Peek();
    std::string found =
        t.kind == TokenKind::kEnd ? "the end of the query" : "\"" + std::string(t.text) + "\"";
    if (t.kind == TokenKind::kString) {
      found = "\"" + t.text + "\"";
    }
    error_ = QueryError{"query.syntax", "expected " + expected + " but found " + found, t.span};
    return *error_;
  }

  static Span Cover(const Span& a, const Span& b) {
    Span s = a;
    s.length = std::max<std::uint32_t>(a.length, b.offset + b.length - a.offset);
    return s;
  }

  std::optional<Clause> Or(int depth) {
    auto first = And(depth);
    if (!first) {
      return std::nullopt;
    }
    if (!(AtKeyword("or") || Peek().kind == TokenKind::kBarBar)) {
      return first;
    }
    Clause c;
    c.kind = Clause::Kind::kOr;
    c.span = first->span;
    c.children.push_back(std::move(*first));
    while (AtKeyword("or") || Peek().kind == TokenKind::kBarBar) {
      Next();
      auto next = And(depth);
      if (!next) {
        return std::nullopt;
      }
      c.span = Cover(c.span, next->span);
      c.children.push_back(std::move(*next));
    }
    return c;
  }

  std::optional<Clause> And(int depth) {
    auto first = Unary(depth);
    if (!first) {
      return std::nullopt;
    }
    if (!(AtKeyword("and") || Peek().kind == TokenKind::kAmpAmp)) {
      return first;
    }
    Clause c;
    c.kind = Clause::Kind::kAnd;
    c.span = first->span;
    c.children.push_back(std::move(*first));
    while (AtKeyword("and") || Peek().kind == TokenKind::kAmpAmp) {
      Next();
      auto next = Unary(depth);
      if (!next) {
        return std::nullopt;
      }
      c.span = Cover(c.span, next->span);
      c.children.push_back(std::move(*next));
    }
    return c;
  }

  std::optional<Clause> Unary(int depth) {
    if (depth >= kMaxDepth) {
      Fail("less nesting (at most " + std::to_string(kMaxDepth) + " levels)");
      error_->code = "query.tooDeep";
      error_->message = "the query nests deeper than " + std::to_string(kMaxDepth) + " levels";
      return std::nullopt;
    }
    if (AtKeyword("not") || Peek().kind == TokenKind::kBang) {
      Span start = Next().span;
      auto inner = Unary(depth + 1);
      if (!inner) {
        return std::nullopt;
      }
      Clause c;
      c.kind = Clause::Kind::kNot;
      c.span = Cover(start, inner->span);
      c.children.push_back(std::move(*inner));
      return c;
    }
    if (Peek().kind == TokenKind::kLParen) {
      Span start = Next().span;
      auto inner = Or(depth + 1);
      if (!inner) {
        return std::nullopt;
      }
      if (Peek().kind != TokenKind::kRParen) {
        Fail("\")\" to close the \"(\" at column " + std::to_string(start.column));
        return std::nullopt;
      }
      Span end = Next().span;
      inner->span = Cover(start, end);
      return inner;
    }
    return Terminal();
  }

  // A field: a word, a quoted name, or cf[123].
  std::optional<std::pair<std::string, Span>> FieldName() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString) {
      Next();
      return std::make_pair(t.text, t.span);
    }
    if (t.kind != TokenKind::kWord || IsReserved(t.text)) {
      Fail("a field name");
      return std::nullopt;
    }
    Token word = Next();
    if (Peek().kind == TokenKind::kLBracket) {
      Next();
      if (Peek().kind != TokenKind::kWord) {
        Fail("a custom field id inside \"[ ]\"");
        return std::nullopt;
      }
      std::string id = Next().text;
      if (Peek().kind != TokenKind::kRBracket) {
        Fail("\"]\"");
        return std::nullopt;
      }
      Span end = Next().span;
      return std::make_pair(word.text + "[" + id + "]", Cover(word.span, end));
    }
    return std::make_pair(word.text, word.span);
  }

  std::optional<Clause> Terminal() {
    auto field = FieldName();
    if (!field) {
      return std::nullopt;
    }
    Clause c;
    c.kind = Clause::Kind::kTerminal;
    c.field = field->first;
    c.field_span = field->second;
    const Token& t = Peek();
    c.op_span = t.span;
    bool list_operand = false, empty_operand = false, history = false;
    switch (t.kind) {
      case TokenKind::kEq:
        c.op = Op::kEq;
        break;
      case TokenKind::kNe:
        c.op = Op::kNe;
        break;
      case TokenKind::kLt:
        c.op = Op::kLt;
        break;
      case TokenKind::kLe:
        c.op = Op::kLe;
        break;
      case TokenKind::kGt:
        c.op = Op::kGt;
        break;
      case TokenKind::kGe:
        c.op = Op::kGe;
        break;
      case TokenKind::kTilde:
        c.op = Op::kContains;
        break;
      case TokenKind::kNotTilde:
        c.op = Op::kNotContains;
        break;
      default:
        if (AtKeyword("in")) {
          c.op = Op::kIn;
          list_operand = true;
        } else if (AtKeyword("not") && AtKeyword("in", 1)) {
          Next();
          c.op = Op::kNotIn;
          list_operand = true;
        } else if (AtKeyword("is")) {
          c.op = Op::kIs;
          if (AtKeyword("not", 1)) {
            Next();
            c.op = Op::kIsNot;
          }
          empty_operand = true;
        } else if (AtKeyword("was")) {
          c.op = Op::kWas;
          history = true;
          if (AtKeyword("not", 1)) {
            Next();
            c.op = Op::kWasNot;
          }
          if (AtKeyword("in", 1)) {
            Next();
            c.op = c.op == Op::kWas ? Op::kWasIn : Op::kWasNotIn;
            list_operand = true;
          }
        } else if (AtKeyword("changed")) {
          c.op = Op::kChanged;
          history = true;
        } else {
          Fail("an operator (=, !=, <, <=, >, >=, ~, !~, IN, NOT IN, IS, IS NOT, WAS, CHANGED)");
          return std::nullopt;
        }
    }
    Span op_end = Next().span;
    c.op_span = Cover(c.op_span, op_end);
    Span last = c.op_span;
    if (c.op != Op::kChanged) {
      std::optional<Operand> operand;
      if (empty_operand) {
        if (!(AtKeyword("empty") || AtKeyword("null"))) {
          Fail("\"EMPTY\" or \"NULL\" after \"" + std::string(ast::OpName(c.op)) + "\"");
          return std::nullopt;
        }
        operand = Operand{Operand::Kind::kEmpty, Next().text, false, {}, t_[pos_ - 1].span};
      } else if (list_operand) {
        operand = List();
      } else {
        operand = Single(/*allow_list=*/false);
      }
      if (!operand) {
        return std::nullopt;
      }
      last = operand->span;
      c.operand = std::move(*operand);
    }
    if (history) {
      while (true) {
        ast::HistoryPredicate p;
        if (AtKeyword("from")) {
          p.kind = ast::HistoryPredicate::Kind::kFrom;
        } else if (AtKeyword("to")) {
          p.kind = ast::HistoryPredicate::Kind::kTo;
        } else if (AtKeyword("by")) {
          p.kind = ast::HistoryPredicate::Kind::kBy;
        } else if (AtKeyword("before")) {
          p.kind = ast::HistoryPredicate::Kind::kBefore;
        } else if (AtKeyword("after")) {
          p.kind = ast::HistoryPredicate::Kind::kAfter;
        } else if (AtKeyword("on")) {
          p.kind = ast::HistoryPredicate::Kind::kOn;
        } else if (AtKeyword("during")) {
          p.kind = ast::HistoryPredicate::Kind::kDuring;
        } else {
          break;
        }
        if (c.op != Op::kChanged && (p.kind == ast::HistoryPredicate::Kind::kFrom ||
                                     p.kind == ast::HistoryPredicate::Kind::kTo)) {
          Fail("BY, BEFORE, AFTER, ON or DURING (FROM and TO go with CHANGED)");
          return std::nullopt;
        }
        p.span = Next().span;
        if (p.kind == ast::HistoryPredicate::Kind::kDuring) {
          if (Peek().kind != TokenKind::kLParen) {
            Fail("\"(\" after DURING: DURING (\"from\", \"to\")");
            return std::nullopt;
          }
          Next();
          for (int i = 0; i < 2; ++i) {
            auto o = Single(false);
            if (!o) {
              return std::nullopt;
            }
            p.operands.push_back(std::move(*o));
            if (i == 0) {
              if (Peek().kind != TokenKind::kComma) {
                Fail("\",\" between the two dates of DURING");
                return std::nullopt;
              }
              Next();
            }
          }
          if (Peek().kind != TokenKind::kRParen) {
            Fail("\")\" after the two dates of DURING");
            return std::nullopt;
          }
          p.span = Cover(p.span, Next().span);
        } else {
          auto o = Single(false);
          if (!o) {
            return std::nullopt;
          }
          p.span = Cover(p.span, o->span);
          p.operands.push_back(std::move(*o));
        }
        last = p.span;
        c.predicates.push_back(std::move(p));
      }
    }
    c.span = Cover(c.field_span, last);
    return c;
  }

  // A value, EMPTY/NULL, or a function call.
  std::optional<Operand> Single(bool in_list) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString) {
      Next();
      return Operand{Operand::Kind::kValue, t.text, true, {}, t.span};
    }
    if (t.kind != TokenKind::kWord) {
      Fail(in_list ? "a value" : "a value, a function or EMPTY");
      return std::nullopt;
    }
    if (AtKeyword("empty") || AtKeyword("null")) {
      Next();
      return Operand{Operand::Kind::kEmpty, t.text, false, {}, t.span};
    }
    if (IsReserved(t.text)) {
      Fail("a value (quote \"" + t.text + "\" to search for the word itself)");
      return std::nullopt;
    }
    Token word = Next();
    if (Peek().kind != TokenKind::kLParen) {
      return Operand{Operand::Kind::kValue, word.text, false, {}, word.span};
    }
    Next();
    Operand f{Operand::Kind::kFunction, word.text, false, {}, word.span};
    if (Peek().kind != TokenKind::kRParen) {
      while (true) {
        const Token& a = Peek();
        if (a.kind != TokenKind::kWord && a.kind != TokenKind::kString) {
          Fail("a function argument");
          return std::nullopt;
        }
        Next();
        f.items.push_back(
            Operand{Operand::Kind::kValue, a.text, a.kind == TokenKind::kString, {}, a.span});
        if (Peek().kind != TokenKind::kComma) {
          break;
        }
        Next();
      }
    }
    if (Peek().kind != TokenKind::kRParen) {
      Fail("\",\" or \")\" in the arguments of " + word.text + "()");
      return std::nullopt;
    }
    f.span = Cover(word.span, Next().span);
    return f;
  }

  std::optional<Operand> List() {
    const Token& t = Peek();
    if (t.kind != TokenKind::kLParen) {
      // `x IN membersOf("team")`: a function standing for a list.
      if (t.kind == TokenKind::kWord && Peek(1).kind == TokenKind::kLParen) {
        return Single(false);
      }
      Fail("\"(\" to start a list of values");
      return std::nullopt;
    }
    Operand list{Operand::Kind::kList, "", false, {}, t.span};
    Next();
    while (true) {
      auto item = Single(true);
      if (!item) {
        return std::nullopt;
      }
      list.items.push_back(std::move(*item));
      if (Peek().kind != TokenKind::kComma) {
        break;
      }
      Next();
    }
    if (Peek().kind != TokenKind::kRParen) {
      Fail("\",\" or \")\" in the list of values");
      return std::nullopt;
    }
    list.span = Cover(list.span, Next().span);
    return list;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  std::optional<QueryError> error_;
};

}  // namespace

std::variant<ast::Query, QueryError> Parse(std::string_view text) {
  auto lexed = Lex(text);
  if (auto* err = std::get_if<QueryError>(&lexed)) {
    return *err;
  }
  return Parser(std::get<std::vector<Token>>(std::move(lexed))).Run();
}

}  // namespace steward::query
