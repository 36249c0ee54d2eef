#include "sql/ast.h"

#include <gtest/gtest.h>

namespace steward::sql {
namespace {

Select Sample() {
  Select s;
  s.columns = {{Col("i", "id"), ""}};
  s.from = "issues";
  s.from_alias = "i";
  s.where = And({Bin(BinaryOp::kEq, Col("i", "status_id"), P(std::int64_t{3})),
                 Or({IsNull(Col("i", "assignee_id")),
                     InList(Col("i", "priority_id"), {P(std::int64_t{1}), P(std::int64_t{2})})})});
  s.order_by = {{Col("i", "created_at"), true, true}};
  s.limit = P(std::int64_t{50});
  return s;
}

TEST(PrinterTest, SqliteUsesQuestionMarks) {
  Printed p = Print(Sample(), Dialect::kSqlite);
  EXPECT_EQ(p.text,
            "SELECT i.id FROM issues i WHERE (i.status_id = ? AND (i.assignee_id IS NULL OR "
            "i.priority_id IN (?, ?))) ORDER BY i.created_at DESC LIMIT ?");
  ASSERT_EQ(p.params.size(), 4u);
  EXPECT_EQ(std::get<std::int64_t>(p.params[0]), 3);
  EXPECT_EQ(std::get<std::int64_t>(p.params[3]), 50);
}

TEST(PrinterTest, PostgresNumbersPlaceholdersAndSaysWhereNullsGo) {
  Printed p = Print(Sample(), Dialect::kPostgres);
  EXPECT_EQ(p.text,
            "SELECT i.id FROM issues i WHERE (i.status_id = $1 AND (i.assignee_id IS NULL OR "
            "i.priority_id IN ($2, $3))) ORDER BY i.created_at DESC NULLS LAST LIMIT $4");
}

TEST(PrinterTest, HostileTextStaysAParameter) {
  std::string hostile = "x'); DROP TABLE issues; --";
  Printed p = PrintExpr(*Bin(BinaryOp::kEq, Col("i", "summary"), P(hostile)), Dialect::kSqlite);
  EXPECT_EQ(p.text, "i.summary = ?");
  EXPECT_EQ(std::get<std::string>(p.params.at(0)), hostile);
}

TEST(PrinterTest, FullTextQueryIsSpelledPerDialect) {
  auto e = Call(Special::kFullText, {P(std::string("vpn \"disk full\" print*"))}, "issues_fts");
  Printed s = PrintExpr(*e, Dialect::kSqlite);
  EXPECT_EQ(s.text, "issues_fts MATCH ?");
  EXPECT_EQ(std::get<std::string>(s.params.at(0)), "\"vpn\" \"disk full\" \"print\"*");
  Printed pg = PrintExpr(*e, Dialect::kPostgres);
  EXPECT_EQ(pg.text, "issues_fts.document @@ to_tsquery('simple', $1)");
  EXPECT_EQ(std::get<std::string>(pg.params.at(0)), "vpn & disk <-> full & print:*");
}

TEST(PrinterTest, AndOrFoldConstants) {
  EXPECT_EQ(And({})->kind, Expr::Kind::kTrue);
  EXPECT_EQ(Or({})->kind, Expr::Kind::kFalse);
  EXPECT_EQ(And({True(), False()})->kind, Expr::Kind::kFalse);
  EXPECT_EQ(InList(Col("i", "id"), {}, false)->kind, Expr::Kind::kFalse);
}

}  // namespace
}  // namespace steward::sql
