#include "query/parser.h"

#include <gtest/gtest.h>

namespace steward::query {
namespace {

// A compact rendering of the tree: (AND a b), field op operand.
std::string Show(const ast::Operand& o) {
  switch (o.kind) {
    case ast::Operand::Kind::kEmpty:
      return "EMPTY";
    case ast::Operand::Kind::kValue:
      return o.quoted ? "'" + o.text + "'" : o.text;
    case ast::Operand::Kind::kFunction: {
      std::string s = o.text + "(";
      for (size_t i = 0; i < o.items.size(); ++i) {
        s += (i ? "," : "") + Show(o.items[i]);
      }
      return s + ")";
    }
    case ast::Operand::Kind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < o.items.size(); ++i) {
        s += (i ? "," : "") + Show(o.items[i]);
      }
      return s + "]";
    }
  }
  return "?";
}

std::string Show(const ast::Clause& c) {
  switch (c.kind) {
    case ast::Clause::Kind::kTerminal: {
      std::string s = c.field + " " + std::string(ast::OpName(c.op));
      if (c.operand) {
        s += " " + Show(*c.operand);
      }
      for (const auto& p : c.predicates) {
        s += " p" + std::to_string(static_cast<int>(p.kind));
        for (const auto& o : p.operands) {
          s += ":" + Show(o);
        }
      }
      return s;
    }
    case ast::Clause::Kind::kNot:
      return "(NOT " + Show(c.children[0]) + ")";
    default: {
      std::string s = c.kind == ast::Clause::Kind::kAnd ? "(AND" : "(OR";
      for (const auto& ch : c.children) {
        s += " " + Show(ch);
      }
      return s + ")";
    }
  }
}

std::string Show(const ast::Query& q) {
  std::string s = q.where ? Show(*q.where) : "-";
  for (const auto& o : q.order_by) {
    s += " | " + o.field + (o.desc ? " DESC" : "");
  }
  return s;
}

struct Case {
  const char* jql;
  const char* tree;
};

TEST(ParserTest, ParsesTheLanguage) {
  const Case cases[] = {
      {"", "-"},
      {"project = ITO", "project = ITO"},
      {"PROJECT=ITO and Status!=\"In Progress\"", "(AND PROJECT = ITO Status != 'In Progress')"},
      {"a = 1 OR b = 2 AND c = 3", "(OR a = 1 (AND b = 2 c = 3))"},
      {"(a = 1 OR b = 2) AND c = 3", "(AND (OR a = 1 b = 2) c = 3)"},
      {"NOT a = 1 AND !b = 2", "(AND (NOT a = 1) (NOT b = 2))"},
      {"a = 1 && b = 2 || c = 3", "(OR (AND a = 1 b = 2) c = 3)"},
      {"status IN (Open, 'Waiting for support') ", "status IN [Open,'Waiting for support']"},
      {"status not in (Done)", "status NOT IN [Done]"},
      {"assignee is empty", "assignee IS EMPTY"},
      {"assignee IS NOT null", "assignee IS NOT EMPTY"},
      {"assignee = currentUser()", "assignee = currentUser()"},
      {"assignee in membersOf(\"Platform Support\")", "assignee IN membersOf('Platform Support')"},
      {"created >= -7d", "created >= -7d"},
      {"created > startOfWeek(-1)", "created > startOfWeek(-1)"},
      {"cf[10012] = High", "cf[10012] = High"},
      {"\"Request participants\" = alana", "Request participants = alana"},
      {"summary ~ \"disk full\" and text !~ printer",
       "(AND summary ~ 'disk full' text !~ printer)"},
      {"status WAS Open BY alana BEFORE 2025-01-01", "status WAS Open p2:alana p3:2025-01-01"},
      {"status was not in (Open, Closed)", "status WAS NOT IN [Open,Closed]"},
      {"status CHANGED FROM Open TO Closed DURING (2025-01-01, now())",
       "status CHANGED p0:Open p1:Closed p6:2025-01-01:now()"},
      {"ORDER BY created DESC", "- | created DESC"},
      {"project = ITO order by priority desc, created", "project = ITO | priority DESC | created"},
      {"key = ITO-12", "key = ITO-12"},
  };
  for (const auto& c : cases) {
    auto r = Parse(c.jql);
    if (auto* e = std::get_if<QueryError>(&r)) {
      ADD_FAILURE() << c.jql << ": " << e->message;
      continue;
    }
    EXPECT_EQ(Show(std::get<ast::Query>(r)), c.tree) << c.jql;
  }
}

struct ErrorCase {
  const char* jql;
  std::uint32_t offset;
  const char* contains;
};

TEST(ParserTest, ErrorsPointAtTheTokenAndSayWhatWasExpected) {
  const ErrorCase cases[] = {
      {"status = ", 9, "expected a value"},
      {"status", 6, "expected an operator"},
      {"status = Open AND", 17, "expected a field name"},
      {"(status = Open", 14, "\")\" to close"},
      {"status = Open)", 13, "\"AND\", \"OR\", \"ORDER BY\""},
      {"status in Open", 10, "\"(\" to start a list"},
      {"status = \"Open", 9, "not closed"},
      {"status = Open ORDER created", 20, "\"BY\""},
      {"status = and", 9, "quote \"and\""},
      {"status # Open", 7, "unexpected character \"#\""},
      {"assignee IS alana", 12, "\"EMPTY\" or \"NULL\""},
      {"status WAS Open FROM Closed", 16, "FROM and TO go with CHANGED"},
      {"f = x(", 6, "a function argument"},
  };
  for (const auto& c : cases) {
    auto r = Parse(c.jql);
    auto* e = std::get_if<QueryError>(&r);
    ASSERT_NE(e, nullptr) << c.jql;
    EXPECT_EQ(e->span.offset, c.offset) << c.jql << ": " << e->message;
    EXPECT_NE(e->message.find(c.contains), std::string::npos) << c.jql << ": " << e->message;
    EXPECT_EQ(e->span.line, 1u);
  }
}

TEST(ParserTest, LinesAndColumnsCountCharacters) {
  auto r = Parse("project = ITO\n  AND é = 1 AND");
  auto* e = std::get_if<QueryError>(&r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->span.line, 2u);
  EXPECT_EQ(e->span.column, 16u);  // just after "  AND é = 1 AND" (15 characters)
}

TEST(ParserTest, HostileInputIsRefusedCheaply) {
  std::string deep(100, '(');
  auto r = Parse(deep + "a = 1");
  ASSERT_TRUE(std::holds_alternative<QueryError>(r));
  EXPECT_EQ(std::get<QueryError>(r).code, "query.tooDeep");
  r = Parse(std::string(5000, '(') + "a = 1");  // more tokens than allowed
  ASSERT_TRUE(std::holds_alternative<QueryError>(r));
  EXPECT_EQ(std::get<QueryError>(r).code, "query.tooLong");
  std::string nots;
  for (int i = 0; i < 1000; ++i) {
    nots += "NOT ";
  }
  r = Parse(nots + "a = 1");
  ASSERT_TRUE(std::holds_alternative<QueryError>(r));
  std::string long_query(kMaxQueryBytes + 1, 'a');
  r = Parse(long_query);
  ASSERT_TRUE(std::holds_alternative<QueryError>(r));
  EXPECT_EQ(std::get<QueryError>(r).code, "query.tooLong");
  r = Parse(std::string("a = \0b", 6));
  ASSERT_TRUE(std::holds_alternative<QueryError>(r));
}

}  // namespace
}  // namespace steward::query
