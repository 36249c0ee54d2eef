#include "query/compiler.h"

#include "query/testing/sample_registry.h"

#include <gtest/gtest.h>

namespace steward::query {
namespace {

CompileContext Context() {
  CompileContext ctx;
  ctx.passes.now_ms = 1764115200000;  // 2025-11-26T00:00:00Z, a Wednesday
  ctx.passes.user_id = 42;
  ctx.lower.scope.unrestricted = true;
  return ctx;
}

std::string Sql(const std::string& jql, CompileContext ctx = Context()) {
  static const FieldRegistry registry = SampleRegistry();
  auto r = Compile(jql, registry, ctx);
  if (auto* e = std::get_if<QueryError>(&r)) {
    return "ERROR " + e->code + " @" + std::to_string(e->span.offset) + ": " + e->message;
  }
  return sql::PrintExpr(*std::get<CompiledQuery>(r).lowered.where, sql::Dialect::kSqlite).text;
}

TEST(CompilerTest, LowersJqlSemantics) {
  struct Case {
    const char* jql;
    const char* sql;
  } cases[] = {
      {"status = Open", "i.status_id = ?"},
      {"status in (Open, Closed)", "i.status_id IN (?, ?)"},
      {"assignee = alana",
       "(i.assignee_id IS NOT NULL AND i.assignee_id IN (SELECT l.id FROM users l WHERE "
       "lower(l.username) IN (lower(?))))"},
      // != never matches an empty field.
      {"assignee != alana",
       "(i.assignee_id IS NOT NULL AND NOT (i.assignee_id IN (SELECT l.id FROM users l WHERE "
       "lower(l.username) IN (lower(?)))))"},
      {"assignee = currentUser()", "(i.assignee_id IS NOT NULL AND i.assignee_id = ?)"},
      {"assignee is empty", "i.assignee_id IS NULL"},
      {"status is empty", "1 = 0"},
      // A positive match may drive the query from the side table's index.
      {"labels = vpn", "i.id IN (SELECT s.issue_id FROM issue_labels s WHERE s.label = ?)"},
      {"labels != vpn",
       "(EXISTS (SELECT 1 FROM issue_labels s WHERE s.issue_id = i.id) AND NOT (EXISTS (SELECT 1 "
       "FROM issue_labels s WHERE (s.issue_id = i.id AND s.label = ?))))"},
      {"labels is empty", "NOT (EXISTS (SELECT 1 FROM issue_labels s WHERE s.issue_id = i.id))"},
      {"created >= -7d", "i.created_at >= ?"},
      {"created = 2025-01-31", "(i.created_at >= ? AND i.created_at < ?)"},
      // With an ORDER BY a text term is an exact filter (without one it ranks: see below).
      {"summary ~ \"disk full\" ORDER BY created",
       "i.id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH ?)"},
      {"Impact > 2",
       "i.id IN (SELECT s.issue_id FROM issue_field_values s WHERE (s.field_id = 7 AND "
       "s.real_value > ?))"},
      {"cf[7] is not empty",
       "EXISTS (SELECT 1 FROM issue_field_values s WHERE (s.issue_id = i.id AND s.field_id = 7))"},
      {"status = Open OR NOT status = Closed", "(i.status_id = ? OR NOT (i.status_id = ?))"},
      {"status CHANGED BY alana",
       "EXISTS (SELECT 1 FROM change_groups g JOIN change_items ci ON ci.group_id = g.id WHERE "
       "(g.issue_id = i.id AND ci.field = ? AND g.author_id IS NOT NULL AND g.author_id IN "
       "(SELECT l.id FROM users l WHERE lower(l.username) IN (lower(?)))))"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Sql(c.jql), c.sql) << c.jql;
  }
}

TEST(CompilerTest, AccessPathRewrites) {
  // != over a known domain becomes IN over the rest (the sample status domain is {1, 2, 3}).
  EXPECT_EQ(Sql("status != Open"), "i.status_id IN (?, ?)");
  EXPECT_EQ(Sql("status NOT IN (Open, Closed)"), "i.status_id = ?");
  // A frequent label is checked per issue; a rare one drives the query.
  CompileContext ctx = Context();
  std::vector<std::string> asked;
  ctx.lower.frequency = [&](const std::string& table, const std::string& column,
                            const sql::Value& value, std::int64_t, std::int64_t cap) {
    asked.push_back(table + "." + column + "=" + std::get<std::string>(value));
    return std::get<std::string>(value) == "common" ? cap : std::int64_t{3};
  };
  EXPECT_EQ(Sql("labels = common", ctx),
            "EXISTS (SELECT 1 FROM issue_labels s WHERE (s.issue_id = i.id AND s.label = ?))");
  EXPECT_EQ(Sql("labels = rare", ctx),
            "i.id IN (SELECT s.issue_id FROM issue_labels s WHERE s.label = ?)");
  EXPECT_EQ(asked,
            (std::vector<std::string>{"issue_labels.label=common", "issue_labels.label=rare"}));
  // A recent lower bound on an indexed date reads through that index.
  static const FieldRegistry registry = SampleRegistry();
  auto recent = std::get<CompiledQuery>(Compile("created >= -7d", registry, Context()));
  EXPECT_EQ(recent.lowered.index_hint, "issues_created");
  auto old = std::get<CompiledQuery>(Compile("created >= -90d", registry, Context()));
  EXPECT_EQ(old.lowered.index_hint, "");
  sql::Printed page = sql::Print(PageSelect(recent, nullptr, 10, true), sql::Dialect::kSqlite);
  EXPECT_EQ(page.text,
            "SELECT i.id, i.created_at AS k0 FROM issues i INDEXED BY issues_created WHERE "
            "i.created_at >= ? ORDER BY +i.created_at DESC, +i.id DESC LIMIT ?");
  EXPECT_EQ(sql::Print(PageSelect(recent, nullptr, 10, true), sql::Dialect::kPostgres).text,
            "SELECT i.id, i.created_at AS k0 FROM issues i WHERE i.created_at >= $1 ORDER BY "
            "i.created_at DESC NULLS LAST, i.id DESC NULLS LAST LIMIT $2");
}

TEST(CompilerTest, TextWithoutOrderRanksAmongTheNewestMatches) {
  static const FieldRegistry registry = SampleRegistry();
  auto r = Compile("status = Open AND summary ~ vpn", registry, Context());
  const auto& q = std::get<CompiledQuery>(r);
  ASSERT_TRUE(q.lowered.candidates);
  sql::Printed p = sql::Print(PageSelect(q, nullptr, 20), sql::Dialect::kSqlite);
  EXPECT_EQ(p.text,
            "SELECT i.id, h.score AS k0 FROM issues i JOIN (SELECT u.id AS id, min(u.score) AS "
            "score FROM (SELECT b.id AS id, b.score AS score FROM (SELECT issues_fts.rowid AS id, "
            "steward_rank(issues_fts) AS score FROM issues_fts WHERE issues_fts MATCH ? ORDER BY "
            "issues_fts.rowid DESC LIMIT 2000) b) u GROUP BY u.id) h ON h.id = i.id WHERE "
            "i.status_id = ? ORDER BY h.score ASC NULLS LAST, i.id ASC NULLS LAST LIMIT ?");
  EXPECT_EQ(std::get<std::string>(p.params.at(0)), "{summary} : (\"vpn\")");
  // Under OR the term filters exactly and nothing is ranked.
  auto plain = Compile("status = Open OR summary ~ vpn", registry, Context());
  EXPECT_FALSE(std::get<CompiledQuery>(plain).lowered.candidates);
}

TEST(CompilerTest, BinderErrorsNameTheProblemAndItsPlace) {
  EXPECT_EQ(Sql("asignee = alana"),
            "ERROR query.unknownField @0: no field \"asignee\": did you mean \"assignee\"?");
  EXPECT_EQ(Sql("status = Opn"),
            "ERROR query.badValue @9: no status \"Opn\" (values: Open, Closed)");
  EXPECT_EQ(Sql("summary = x").substr(0, 31), "ERROR query.badOperator @8: the");
  EXPECT_EQ(Sql("created > yesterday").substr(0, 29), "ERROR query.badValue @10: \"ye");
  EXPECT_EQ(Sql("labels WAS vpn").substr(0, 30), "ERROR query.badOperator @7: \"l");
  EXPECT_EQ(Sql("Impact = lots").substr(0, 25), "ERROR query.badValue @9: ");
  EXPECT_EQ(Sql("status = currentUser()").substr(0, 25), "ERROR query.badValue @9: ");
  EXPECT_EQ(Sql("created > nosuch()").substr(0, 36), "ERROR query.badValue @10: no functio");
  EXPECT_EQ(Sql("ORDER BY summary").substr(0, 24), "ERROR query.badOrder @9:");
  CompileContext anonymous = Context();
  anonymous.passes.user_id.reset();
  EXPECT_EQ(Sql("assignee = currentUser()", anonymous).substr(0, 26), "ERROR query.badValue @11: ");
}

TEST(CompilerTest, PermissionPredicateIsAlwaysAdded) {
  CompileContext ctx = Context();
  ctx.lower.scope.unrestricted = false;
  ctx.lower.scope.user_id = 42;
  ctx.lower.scope.staff_projects = {1};
  ctx.lower.scope.customer_projects = {2};
  std::string s = Sql("status = Open", ctx);
  EXPECT_NE(s.find("i.project_id IN (?)"), std::string::npos) << s;
  EXPECT_NE(s.find("i.reporter_id = ?"), std::string::npos) << s;
  ctx.lower.scope.staff_projects.clear();
  ctx.lower.scope.customer_projects.clear();
  EXPECT_EQ(Sql("", ctx), "1 = 0");  // no project at all: nothing
}

TEST(CompilerTest, DateFunctionsUseTheInjectedClock) {
  const std::int64_t now = 1764115200000;  // Wednesday 2025-11-26 00:00 UTC
  const std::int64_t day = 86400000;
  EXPECT_EQ(*EvaluateDateFunction("now", {}, now + 5), now + 5);
  EXPECT_EQ(*EvaluateDateFunction("startofday", {}, now + 5), now);
  EXPECT_EQ(*EvaluateDateFunction("startofday", {"-1"}, now + 5), now - day);
  EXPECT_EQ(*EvaluateDateFunction("endofday", {}, now), now + day - 1);
  EXPECT_EQ(*EvaluateDateFunction("startofweek", {}, now), now - 2 * day);  // Monday
  EXPECT_EQ(*EvaluateDateFunction("startofweek", {"-1"}, now), now - 9 * day);
  EXPECT_EQ(*EvaluateDateFunction("startofmonth", {}, now), now - 25 * day);
  EXPECT_EQ(*EvaluateDateFunction("startofmonth", {"+1"}, now), now + 5 * day);  // 2025-12-01
  EXPECT_EQ(*EvaluateDateFunction("startofyear", {}, now), 1735689600000);       // 2025-01-01
  EXPECT_EQ(*EvaluateDateFunction("startofday", {"-2h"}, now), now - 2 * 3600000);
  EXPECT_EQ(*ParseRelativeDuration("-2w 3d"), -(17 * day));
  EXPECT_FALSE(ParseRelativeDuration("7x"));
  EXPECT_EQ(ParseAbsoluteDate("2025-01-31")->first, 1738281600000);
  EXPECT_TRUE(ParseAbsoluteDate("2025/01/31")->second);
  EXPECT_EQ(ParseAbsoluteDate("2025-01-31 14:30")->first, 1738281600000 + 52200000);
  EXPECT_FALSE(ParseAbsoluteDate("2025-13-01"));
}

TEST(CompilerTest, CursorRoundTripsAndRejectsGarbage) {
  Cursor c{{std::int64_t{5}, std::monostate{}, std::string("a\"b"), 2.5}, 99};
  auto back = DecodeCursor(EncodeCursor(c), 4);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, 99);
  EXPECT_EQ(std::get<std::string>(back->keys[2]), "a\"b");
  EXPECT_EQ(std::get<double>(back->keys[3]), 2.5);
  EXPECT_FALSE(DecodeCursor(EncodeCursor(c), 3));
  EXPECT_FALSE(DecodeCursor("!!!", 1));
  EXPECT_FALSE(DecodeCursor("", 1));
}

TEST(CompilerTest, PageSelectContinuesAfterTheCursor) {
  static const FieldRegistry registry = SampleRegistry();
  auto r = Compile("status = Open ORDER BY created DESC", registry, Context());
  const auto& q = std::get<CompiledQuery>(r);
  Cursor after{{std::int64_t{1000}}, 7};
  sql::Printed p = sql::Print(PageSelect(q, &after, 50), sql::Dialect::kSqlite);
  EXPECT_EQ(
      p.text,
      "SELECT i.id, i.created_at AS k0 FROM issues i WHERE (i.status_id = ? AND (i.created_at "
      "IS NULL OR i.created_at < ? OR (i.created_at = ? AND i.id < ?))) ORDER BY i.created_at "
      "DESC, i.id DESC LIMIT ?");
}

}  // namespace
}  // namespace steward::query
