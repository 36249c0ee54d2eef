// AQL lexer and recursive-descent parser (NOT > AND > OR, as JQL).
#include "base/text.h"
#include "cmdb/aql/ast.h"

namespace steward::cmdb::aql {
namespace {

enum class Tok {
  kWord,
  kString,
  kEq,
  kEqEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kEnd
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  Span span;
};

QueryError Err(std::string code, std::string message, Span span) {
  return QueryError{std::move(code), std::move(message), span};
}

bool WordChar(char c) {
  return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '=' || c == '!' || c == '<' ||
           c == '>' || c == '(' || c == ')' || c == ',' || c == '"' || c == '\'');
}

std::variant<std::vector<Token>, QueryError> Lex(std::string_view s) {
  std::vector<Token> out;
  std::uint32_t line = 1, line_start = 0;
  auto span = [&](size_t start, size_t end) {
    return Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start), line,
                static_cast<std::uint32_t>(start - line_start + 1)};
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      ++line;
      line_start = static_cast<std::uint32_t>(i + 1);
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t start = i;
    if (c == '"' || c == '\'') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          text += s[i + 1];
          i += 2;
          continue;
        }
        if (s[i] == c) {
          closed = true;
          ++i;
          break;
        }
        text += s[i++];
      }
      if (!closed) {
        return Err("aql.syntax", "the quoted text is not closed", span(start, s.size()));
      }
      out.push_back({Tok::kString, std::move(text), span(start, i)});
      // `"Owner team".Name`: a dot right after a quoted name steps through a reference.
      if (i < s.size() && s[i] == '.') {
        out.push_back({Tok::kDot, ".", span(i, i + 1)});
        ++i;
      }
      continue;
    }
    auto two = [&](const char* op) { return s.substr(i, 2) == op; };
    Tok kind = Tok::kEnd;
    size_t len = 1;
    if (two("==")) {
      kind = Tok::kEqEq, len = 2;
    } else if (two("!=")) {
      kind = Tok::kNe, len = 2;
    } else if (two("<=")) {
      kind = Tok::kLe, len = 2;
    } else if (two(">=")) {
      kind = Tok::kGe, len = 2;
    } else if (c == '=') {
      kind = Tok::kEq;
    } else if (c == '<') {
      kind = Tok::kLt;
    } else if (c == '>') {
      kind = Tok::kGt;
    } else if (c == '(') {
      kind = Tok::kLParen;
    } else if (c == ')') {
      kind = Tok::kRParen;
    } else if (c == ',') {
      kind = Tok::kComma;
    } else if (c == '!') {
      return Err("aql.syntax", "\"!\" must be followed by \"=\"", span(i, i + 1));
    }
    if (kind != Tok::kEnd) {
      out.push_back({kind, std::string(s.substr(i, len)), span(i, i + len)});
      i += len;
      continue;
    }
    while (i < s.size() && WordChar(s[i])) {
      ++i;
    }
    // A word right after a closing parenthesis or quote that starts with '.' is a path step.
    std::string word(s.substr(start, i - start));
    if (word.size() > 1 && word[0] == '.' && !out.empty() && out.back().kind == Tok::kDot) {
      word.erase(0, 1);
    }
    out.push_back({Tok::kWord, word, span(start, i)});
  }
  out.push_back({Tok::kEnd, "", span(s.size(), s.size())});
  return out;
}

// Moves the spans of a sub-query parsed from a quoted argument to where the argument sits in
// the whole query (single-line arguments; a multi-line one keeps its own lines).
void ShiftSpan(Span& sp, std::uint32_t offset, std::uint32_t line, std::uint32_t column) {
  if (sp.line == 1) {
    sp.column += column - 1;
    sp.line = line;
  } else {
    sp.line += line - 1;
  }
  sp.offset += offset;
}

void ShiftSpans(Expr& e, std::uint32_t offset, std::uint32_t line, std::uint32_t column);

void ShiftValue(Value& v, std::uint32_t offset, std::uint32_t line, std::uint32_t column) {
  ShiftSpan(v.span, offset, line, column);
  for (auto& a : v.args) {
    ShiftValue(a, offset, line, column);
  }
  if (v.query) {
    auto copy = std::make_shared<Expr>(*v.query);
    ShiftSpans(*copy, offset, line, column);
    v.query = copy;
  }
}

void ShiftSpans(Expr& e, std::uint32_t offset, std::uint32_t line, std::uint32_t column) {
  ShiftSpan(e.span, offset, line, column);
  ShiftSpan(e.op_span, offset, line, column);
  for (auto& p : e.path) {
    ShiftSpan(p.span, offset, line, column);
  }
  for (auto& v : e.values) {
    ShiftValue(v, offset, line, column);
  }
  for (auto& c : e.children) {
    ShiftSpans(c, offset, line, column);
  }
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), t_(std::move(tokens)) {}

  std::variant<Query, QueryError> Run() {
    Query q;
    if (!AtKeyword("order") && Peek().kind != Tok::kEnd) {
      auto e = Or(0);
      if (!e) {
        return *error_;
      }
      q.where = std::move(*e);
    }
    if (AtKeyword("order")) {
      Span start = Next().span;
      if (!AtKeyword("by")) {
        return Err("aql.syntax", "expected BY after ORDER", Peek().span);
      }
      Next();
      OrderBy ob;
      if (!Path(ob.path)) {
        return *error_;
      }
      ob.span = start;
      if (AtKeyword("asc") || AtKeyword("desc")) {
        ob.desc = AsciiLower(Next().text) == "desc";
      }
      q.order_by = std::move(ob);
    }
    if (Peek().kind != Tok::kEnd) {
      return Err("aql.syntax",
                 "expected AND, OR, ORDER BY or the end of the query, not \"" + Peek().text + "\"",
                 Peek().span);
    }
    return q;
  }

  // A sub-query inside a function's parentheses: stops before ',' or ')'.
  std::optional<Expr> SubQuery(int depth) { return Or(depth); }
  const Token& Peek(size_t ahead = 0) const { return t_[std::min(pos_ + ahead, t_.size() - 1)]; }
  std::optional<QueryError> error_;

 private:
  const Token& Next() {
    const Token& t = t_[pos_];
    if (pos_ + 1 < t_.size()) {
      ++pos_;
    }
    return t;
  }
  bool AtKeyword(std::string_view kw, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == Tok::kWord && EqualsIgnoreCase(t.text, kw);
  }
  std::nullopt_t Fail(std::string code, std::string message, Span span) {
    if (!error_) {
      error_ = Err(std::move(code), std::move(message), span);
    }
    return std::nullopt;
  }
  static Span Join(Span a, Span b) {
    Span s = a;
    s.length = b.offset + b.length > a.offset ? b.offset + b.length - a.offset : a.length;
    return s;
  }

  std::optional<Expr> Or(int depth) {
    if (depth > kMaxDepth) {
      return Fail("aql.syntax", "the query nests too deeply", Peek().span);
    }
    auto first = And(depth);
    if (!first) {
      return std::nullopt;
    }
    if (!AtKeyword("or")) {
      return first;
    }
    Expr e;
    e.kind = Expr::Kind::kOr;
    e.span = first->span;
    e.children.push_back(std::move(*first));
    while (AtKeyword("or")) {
      Next();
      auto next = And(depth);
      if (!next) {
        return std::nullopt;
      }
      e.span = Join(e.span, next->span);
      e.children.push_back(std::move(*next));
    }
    return e;
  }

  std::optional<Expr> And(int depth) {
    auto first = Not(depth);
    if (!first) {
      return std::nullopt;
    }
    if (!AtKeyword("and")) {
      return first;
    }
    Expr e;
    e.kind = Expr::Kind::kAnd;
    e.span = first->span;
    e.children.push_back(std::move(*first));
    while (AtKeyword("and")) {
      Next();
      auto next = Not(depth);
      if (!next) {
        return std::nullopt;
      }
      e.span = Join(e.span, next->span);
      e.children.push_back(std::move(*next));
    }
    return e;
  }

  std::optional<Expr> Not(int depth) {
    if (depth > kMaxDepth) {
      return Fail("aql.syntax", "the query nests too deeply", Peek().span);
    }
    if (AtKeyword("not")) {
      Span start = Next().span;
      auto inner = Not(depth + 1);
      if (!inner) {
        return std::nullopt;
      }
      Expr e;
      e.kind = Expr::Kind::kNot;
      e.span = Join(start, inner->span);
      e.children.push_back(std::move(*inner));
      return e;
    }
    if (Peek().kind == Tok::kLParen) {
      Span start = Next().span;
      auto inner = Or(depth + 1);
      if (!inner) {
        return std::nullopt;
      }
      if (Peek().kind != Tok::kRParen) {
        return Fail("aql.syntax", "expected \")\"", Peek().span);
      }
      inner->span = Join(start, Next().span);
      return inner;
    }
    return Term(depth);
  }

  // name(.name)*: a quoted name may be followed by a dot token; a word may hold dots.
  bool Path(std::vector<PathStep>& path) {
    const Token& t = Peek();
    if (t.kind != Tok::kWord && t.kind != Tok::kString) {
      Fail("aql.syntax",
           t.kind == Tok::kEnd ? "the query ends where an attribute name was expected"
                               : "expected an attribute name, not \"" + t.text + "\"",
           t.span);
      return false;
    }
    while (true) {
      const Token& step = Next();
      if (step.kind == Tok::kString) {
        if (step.text.empty()) {
          Fail("aql.syntax", "an attribute name cannot be empty", step.span);
          return false;
        }
        path.push_back({step.text, step.span});
      } else {
        size_t from = 0;
        const std::string& w = step.text;
        while (from <= w.size()) {
          size_t dot = w.find('.', from);
          size_t end = dot == std::string::npos ? w.size() : dot;
          if (end == from) {
            Fail("aql.syntax", "an attribute name cannot be empty",
                 Span{step.span.offset + static_cast<std::uint32_t>(from), 1, step.span.line,
                      step.span.column + static_cast<std::uint32_t>(from)});
            return false;
          }
          path.push_back({w.substr(from, end - from),
                          Span{step.span.offset + static_cast<std::uint32_t>(from),
                               static_cast<std::uint32_t>(end - from), step.span.line,
                               step.span.column + static_cast<std::uint32_t>(from)}});
          if (dot == std::string::npos) {
            break;
          }
          from = dot + 1;
        }
      }
      if (Peek().kind != Tok::kDot) {
        return true;
      }
      Next();
      if (Peek().kind != Tok::kWord && Peek().kind != Tok::kString) {
        Fail("aql.syntax", "expected an attribute name after \".\"", Peek().span);
        return false;
      }
    }
  }

  std::optional<Expr> Term(int depth) {
    Expr e;
    Span start = Peek().span;
    if (!Path(e.path)) {
      return std::nullopt;
    }
    const Token& op = Peek();
    e.op_span = op.span;
    bool list = false, none = false;
    switch (op.kind) {
      case Tok::kEq:
        e.op = Op::kEq;
        break;
      case Tok::kEqEq:
        e.op = Op::kEqExact;
        break;
      case Tok::kNe:
        e.op = Op::kNe;
        break;
      case Tok::kLt:
        e.op = Op::kLt;
        break;
      case Tok::kLe:
        e.op = Op::kLe;
        break;
      case Tok::kGt:
        e.op = Op::kGt;
        break;
      case Tok::kGe:
        e.op = Op::kGe;
        break;
      case Tok::kWord: {
        std::string w = AsciiLower(op.text);
        bool negated = false;
        if (w == "not") {
          negated = true;
          std::string next = AsciiLower(Peek(1).text);
          if (Peek(1).kind != Tok::kWord || (next != "in" && next != "like" && next != "having")) {
            return Fail("aql.syntax", "expected IN, LIKE or HAVING after NOT", Peek(1).span);
          }
          Next();
          w = next;
          e.op_span = Join(op.span, Peek().span);
        }
        if (w == "in") {
          e.op = negated ? Op::kNotIn : Op::kIn;
          list = true;
        } else if (w == "like") {
          e.op = negated ? Op::kNotLike : Op::kLike;
        } else if (w == "having") {
          e.op = negated ? Op::kNotHaving : Op::kHaving;
        } else if (w == "startswith") {
          e.op = Op::kStartsWith;
        } else if (w == "endswith") {
          e.op = Op::kEndsWith;
        } else if (w == "is") {
          Next();
          bool is_not = AtKeyword("not");
          if (is_not) {
            Next();
          }
          if (!AtKeyword("empty") && !AtKeyword("null")) {
            return Fail("aql.syntax", "expected EMPTY after IS", Peek().span);
          }
          e.op = is_not ? Op::kIsNotEmpty : Op::kIsEmpty;
          e.op_span = Join(op.span, Peek().span);
          none = true;
          e.span = Join(start, Next().span);
          return e;
        } else {
          return Fail("aql.syntax",
                      "expected an operator (= == != < > <= >= LIKE IN IS HAVING STARTSWITH "
                      "ENDSWITH) after \"" +
                          e.path.back().name + "\", not \"" + op.text + "\"",
                      op.span);
        }
        break;
      }
      default:
        return Fail("aql.syntax",
                    op.kind == Tok::kEnd ? "the query ends where an operator was expected"
                                         : "expected an operator after \"" + e.path.back().name +
                                               "\", not \"" + op.text + "\"",
                    op.span);
    }
    Next();
    (void)none;
    if (list && Peek().kind == Tok::kLParen) {
      Next();
      while (true) {
        auto v = ParseValue(depth);
        if (!v) {
          return std::nullopt;
        }
        e.values.push_back(std::move(*v));
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        if (Peek().kind != Tok::kRParen) {
          return Fail("aql.syntax", "expected \",\" or \")\" in the list", Peek().span);
        }
        e.span = Join(start, Next().span);
        return e;
      }
    }
    auto v = ParseValue(depth);
    if (!v) {
      return std::nullopt;
    }
    e.span = Join(start, v->span);
    e.values.push_back(std::move(*v));
    return e;
  }

  std::optional<Value> ParseValue(int depth) {
    const Token& t = Peek();
    if (t.kind == Tok::kString) {
      Next();
      return Value{Value::Kind::kString, t.text, {}, nullptr, {}, "", t.span};
    }
    if (t.kind != Tok::kWord) {
      return Fail("aql.syntax",
                  t.kind == Tok::kEnd ? "the query ends where a value was expected"
                                      : "expected a value, not \"" + t.text + "\"",
                  t.span);
    }
    static const char* kReserved[] = {"and", "or", "not", "order", "in", "is", "like", "having"};
    for (const char* r : kReserved) {
      if (EqualsIgnoreCase(t.text, r) && Peek(1).kind != Tok::kLParen) {
        return Fail("aql.syntax",
                    "expected a value, not the keyword \"" + t.text +
                        "\" (quote it to search for the word)",
                    t.span);
      }
    }
    Next();
    Value v{Value::Kind::kWord, t.text, {}, nullptr, {}, "", t.span};
    if (Peek().kind != Tok::kLParen) {
      return v;
    }
    v.kind = Value::Kind::kFunction;
    Span open = Next().span;
    std::string name = AsciiLower(t.text);
    if (name == "connectedtickets") {
      // The JQL argument, as written (or the contents of one quoted string).
      size_t from = open.offset + 1;
      int nest = 0;
      size_t first = pos_;
      while (Peek().kind != Tok::kEnd && !(Peek().kind == Tok::kRParen && nest == 0)) {
        nest += Peek().kind == Tok::kLParen ? 1 : Peek().kind == Tok::kRParen ? -1 : 0;
        Next();
      }
      if (Peek().kind != Tok::kRParen) {
        return Fail("aql.syntax", "connectedTickets( is not closed", Peek().span);
      }
      if (pos_ == first + 1 && t_[first].kind == Tok::kString) {
        v.jql = t_[first].text;
      } else {
        v.jql = std::string(Trim(text_.substr(from, Peek().span.offset - from)));
      }
      v.span = Join(t.span, Next().span);
      return v;
    }
    bool refs = name == "inboundreferences" || name == "inr" || name == "outboundreferences" ||
                name == "outr";
    if (refs) {
      if (Peek().kind != Tok::kRParen) {
        if (Peek().kind == Tok::kString &&
            (Peek(1).kind == Tok::kRParen || Peek(1).kind == Tok::kComma)) {
          // The AQL argument given as one quoted string.
          const Token& s = Next();
          auto inner = Parse(s.text);
          if (auto* err = std::get_if<QueryError>(&inner)) {
            QueryError shifted = *err;
            shifted.span.offset += s.span.offset + 1;
            shifted.span.column = s.span.column + 1 + err->span.offset;
            shifted.span.line = s.span.line;
            error_ = shifted;
            return std::nullopt;
          }
          auto& q = std::get<Query>(inner);
          if (q.where) {
            // Positions inside the quoted text count from the start of the whole query.
            ShiftSpans(*q.where, s.span.offset + 1, s.span.line, s.span.column + 1);
            v.query = std::make_shared<const Expr>(std::move(*q.where));
          }
        } else if (!(AtKeyword("reftype") && Peek(1).kind != Tok::kDot)) {
          auto inner = Or(depth + 1);
          if (!inner) {
            return std::nullopt;
          }
          v.query = std::make_shared<const Expr>(std::move(*inner));
        }
        if (Peek().kind == Tok::kComma) {
          Next();
        }
        if (AtKeyword("reftype")) {
          Next();
          bool in = AtKeyword("in");
          if (!in && Peek().kind != Tok::kEq) {
            return Fail("aql.syntax", "expected refType IN (...) or refType = name", Peek().span);
          }
          Next();
          bool paren = in && Peek().kind == Tok::kLParen;
          if (paren) {
            Next();
          }
          while (true) {
            const Token& k = Peek();
            if (k.kind != Tok::kWord && k.kind != Tok::kString) {
              return Fail("aql.syntax", "expected a reference kind", k.span);
            }
            v.ref_kinds.push_back(Next().text);
            if (paren && Peek().kind == Tok::kComma) {
              Next();
              continue;
            }
            break;
          }
          if (paren) {
            if (Peek().kind != Tok::kRParen) {
              return Fail("aql.syntax", "expected \")\" after the reference kinds", Peek().span);
            }
            Next();
          }
        }
      }
      if (Peek().kind != Tok::kRParen) {
        return Fail("aql.syntax", "expected \")\" to close " + t.text + "(", Peek().span);
      }
      v.span = Join(t.span, Next().span);
      return v;
    }
    if (Peek().kind != Tok::kRParen) {
      while (true) {
        auto arg = ParseValue(depth + 1);
        if (!arg) {
          return std::nullopt;
        }
        v.args.push_back(std::move(*arg));
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        break;
      }
    }
    if (Peek().kind != Tok::kRParen) {
      return Fail("aql.syntax", "expected \")\" to close " + t.text + "(", Peek().span);
    }
    v.span = Join(t.span, Next().span);
    return v;
  }

  std::string_view text_;
  std::vector<Token> t_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kEqExact:
      return "==";
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
    case Op::kLike:
      return "LIKE";
    case Op::kNotLike:
      return "NOT LIKE";
    case Op::kStartsWith:
      return "STARTSWITH";
    case Op::kEndsWith:
      return "ENDSWITH";
    case Op::kIn:
      return "IN";
    case Op::kNotIn:
      return "NOT IN";
    case Op::kIsEmpty:
      return "IS EMPTY";
    case Op::kIsNotEmpty:
      return "IS NOT EMPTY";
    case Op::kHaving:
      return "HAVING";
    case Op::kNotHaving:
      return "NOT HAVING";
  }
  return "?";
}

std::variant<Query, QueryError> Parse(std::string_view text) {
  if (text.size() > kMaxQueryBytes) {
    return Err("aql.tooLong",
               "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes",
               Span{0, 0, 1, 1});
  }
  if (!IsValidUtf8(text)) {
    return Err("aql.syntax", "the query is not valid UTF-8", Span{0, 0, 1, 1});
  }
  auto tokens = Lex(text);
  if (auto* e = std::get_if<QueryError>(&tokens)) {
    return *e;
  }
  auto& list = std::get<std::vector<Token>>(tokens);
  if (list.size() > 4000) {
    return Err("aql.tooLong", "the query has too many tokens", Span{0, 0, 1, 1});
  }
  Parser p(text, std::move(list));
  return p.Run();
}

}  // namespace steward::cmdb::aql
