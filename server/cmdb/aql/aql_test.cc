#include "cmdb/aql/compiler.h"

#include <gtest/gtest.h>

namespace steward::cmdb::aql {
namespace {

// Practice Standards in miniature: Standard Changes reference Applications (another schema).
Model SampleModel() {
  Model m;
  m.schemas = {{1, "PS", "Practice Standards", ""}, {2, "SVC", "Services", ""}};
  m.types = {{10, 1, 0, "Standard Infrastructure Requests", "", "", true, true, 0},
             {11, 1, 10, "Standard Changes", "", "", false, false, 1},
             {12, 1, 10, "Approved AMI", "", "", false, false, 2},
             {20, 2, 0, "Applications", "", "", false, false, 0},
             {21, 2, 0, "Services", "", "", false, false, 1}};
  auto attr = [](std::int64_t id, std::int64_t type, const char* name, AttrType t) {
    AttrDef a;
    a.id = id;
    a.type_id = type;
    a.name = name;
    a.type = t;
    return a;
  };
  m.attributes = {attr(100, 10, "Name", AttrType::kText),
                  attr(101, 11, "Approved by", AttrType::kUser),
                  attr(102, 11, "Applications Applicable", AttrType::kReference),
                  attr(103, 12, "Size", AttrType::kInteger),
                  attr(200, 20, "Name", AttrType::kText),
                  attr(201, 20, "Owner team", AttrType::kTeam),
                  attr(210, 21, "Name", AttrType::kText),
                  attr(211, 21, "Tier", AttrType::kSelect),
                  attr(212, 21, "Depends on", AttrType::kReference),
                  attr(213, 21, "Launched", AttrType::kDate)};
  m.attributes[0].label = true;
  m.attributes[2].ref_type_id = 20;
  m.attributes[2].ref_kind = "applies to";
  m.attributes[2].max_card = -1;
  m.attributes[8].ref_type_id = 21;
  m.attributes[8].ref_kind = "depends on";
  m.attributes[7].options = {"Tier 1", "Tier 2", "Tier 3", "Tier 4"};
  return m;
}

std::string Sql(const std::string& aql) {
  static const Model model = SampleModel();
  CompileContext ctx;
  ctx.model = &model;
  ctx.user_id = 7;
  ctx.now_ms = 1764115200000;  // 2025-11-26T00:00:00Z
  ctx.connected_tickets = [](std::string_view jql) -> std::variant<sql::SelectPtr, std::string> {
    if (jql == "bad") {
      return std::string("unknown field");
    }
    auto s = std::make_shared<sql::Select>();
    s->columns = {{sql::Col("fv", "int_value"), ""}};
    s->from = "issue_field_values";
    s->from_alias = "fv";
    return s;
  };
  auto r = Compile(aql, ctx);
  if (auto* e = std::get_if<QueryError>(&r)) {
    return "ERROR " + e->code + " @" + std::to_string(e->span.offset) + ": " + e->message;
  }
  return sql::PrintExpr(*std::get<Compiled>(r).where, sql::Dialect::kSqlite).text;
}

TEST(AqlTest, LowersKeywordsAndAttributes) {
  EXPECT_EQ(Sql("objectType = \"Standard Changes\""), "o.object_type_id IN (11)");
  EXPECT_EQ(Sql("objectType IN objectTypeAndChildren(\"Standard Infrastructure Requests\")"),
            "o.object_type_id IN (10, 11, 12)");
  EXPECT_EQ(Sql("objectTypeAndChildren = \"Standard Infrastructure Requests\""),
            "o.object_type_id IN (10, 11, 12)");
  EXPECT_EQ(Sql("objectSchema = PS"), "o.schema_id IN (1)");
  EXPECT_EQ(Sql("Key = svc-438"), "o.key = ?");
  EXPECT_EQ(Sql("label = \"Oracle CRM\""), "lower(o.label) = lower(?)");
  // A reference compares with the referenced object's key or label.
  std::string ref = Sql("\"Applications Applicable\" = \"Oracle CRM\"");
  EXPECT_NE(ref.find("v1.attribute_id IN (102)"), std::string::npos) << ref;
  EXPECT_NE(ref.find("r2.key = ?"), std::string::npos) << ref;
  EXPECT_NE(ref.find("lower(r2.label) = lower(?)"), std::string::npos) << ref;
  // Dot notation steps through the reference.
  std::string dot = Sql("\"Applications Applicable\".\"Owner team\" = \"Platform Support\"");
  EXPECT_NE(dot.find("ref_id IN (SELECT r"), std::string::npos) << dot;
  EXPECT_NE(dot.find("FROM teams"), std::string::npos) << dot;
  // != never matches an object without the attribute.
  std::string ne = Sql("Tier != \"Tier 1\"");
  EXPECT_EQ(ne.rfind("(o.id IN (SELECT", 0), 0u) << ne;
  EXPECT_NE(ne.find("AND NOT ("), std::string::npos) << ne;
  EXPECT_EQ(Sql("Tier IS EMPTY"),
            "NOT (o.id IN (SELECT v1.object_id FROM cmdb_values v1 WHERE v1.attribute_id IN "
            "(211)))");
  EXPECT_EQ(Sql("Name = x").rfind("o.id IN (SELECT v1.object_id FROM cmdb_values v1", 0), 0u);
  EXPECT_NE(Sql("Name LIKE ora").find("LIKE lower(?) ESCAPE"), std::string::npos);
  EXPECT_NE(Sql("\"Approved by\" = currentUser()").find("v1.int_value = ?"), std::string::npos);
  EXPECT_NE(Sql("Launched > -30d").find("v1.int_value >= ?"), std::string::npos);
  EXPECT_NE(Sql("Size >= 10 AND Size < 20").find("v2.int_value < ?"), std::string::npos);
}

TEST(AqlTest, LowersReferenceFunctions) {
  std::string in = Sql("object HAVING inboundReferences(objectType = \"Standard Changes\")");
  EXPECT_EQ(in.rfind("o.id IN (SELECT v1.ref_id FROM cmdb_values v1", 0), 0u) << in;
  std::string out = Sql("object HAVING outR(Name = \"Oracle CRM\", refType IN (\"applies to\"))");
  EXPECT_NE(out.find("SELECT v1.object_id FROM cmdb_values v1"), std::string::npos) << out;
  EXPECT_NE(out.find("v1.attribute_id IN (102)"), std::string::npos) << out;
  EXPECT_EQ(Sql("object NOT HAVING inR()"),
            "o.id NOT IN (SELECT v1.ref_id FROM cmdb_values v1 WHERE v1.ref_id IS NOT NULL)");
  EXPECT_EQ(Sql("object HAVING connectedTickets(project = ITO AND status = Open)"),
            "o.id IN (SELECT fv.int_value FROM issue_field_values fv)");
}

TEST(AqlTest, ReportsErrorsAtTheToken) {
  struct Case {
    const char* aql;
    const char* prefix;
  } cases[] = {
      {"Nmae = x", "ERROR aql.unknownAttribute @0: no attribute \"Nmae\" (did you mean \"Name\"?)"},
      {"objectType = Laptops", "ERROR aql.badValue @13: no object type \"Laptops\""},
      {"Size = big", "ERROR aql.badValue @7: \"Size\" takes whole numbers, not \"big\""},
      {"Name = ", "ERROR aql.syntax @7: the query ends where a value was expected"},
      {"Name = \"open", "ERROR aql.syntax @7: the quoted text is not closed"},
      {"(Name = a", "ERROR aql.syntax @9: expected \")\""},
      {"Name ~ a", "ERROR aql.syntax @5"},
      {"Name.Tier = a", "ERROR aql.badValue @5: \"Name\" is not a reference attribute"},
      {"Launched = tomorrow", "ERROR aql.badValue @11: \"tomorrow\" is not a date"},
      {"Name HAVING inR()", "ERROR aql.badOperator @5: HAVING takes \"object\" on its left"},
      {"object HAVING connectedTickets(bad)",
       "ERROR aql.badValue @14: connectedTickets(): unknown field"},
      {"object HAVING inR(refType = nope)", "ERROR aql.badValue @14: no reference kind \"nope\""},
      {"Tier = a, b", "ERROR aql.syntax @8"},
      {"Name = a ORDER BY Tier.Name", "ERROR aql.syntax @23: ORDER BY takes one attribute"},
  };
  for (const auto& c : cases) {
    std::string got = Sql(c.aql);
    EXPECT_EQ(got.rfind(c.prefix, 0), 0u) << c.aql << " → " << got;
  }
}

TEST(AqlTest, HostileInputStaysAParameterAndBounded) {
  std::string sql = Sql("Name = \"x'); DROP TABLE cmdb_objects; --\"");
  EXPECT_EQ(sql.find("DROP"), std::string::npos);
  std::string deep(200, '(');
  EXPECT_EQ(Sql(deep + "Name = a" + std::string(200, ')')).rfind("ERROR aql.syntax", 0), 0u);
  EXPECT_EQ(Sql(std::string(20000, 'a')).rfind("ERROR aql.tooLong", 0), 0u);
  EXPECT_EQ(Sql("Name = \"\xff\"").rfind("ERROR aql.syntax", 0), 0u);
}

// The access paths (ADR 0009): counted values decide whether a match drives or is checked.
TEST(AqlTest, FrequentMatchesAreCheckedPerObjectAndTheLikelySmallestDrivesTheCount) {
  static const Model model = SampleModel();
  std::vector<std::string> counted;
  CompileContext ctx;
  ctx.model = &model;
  ctx.count_rows = [&](const sql::Select& rows, std::int64_t cap) -> std::int64_t {
    std::string text = sql::Print(rows, sql::Dialect::kSqlite).text;
    counted.push_back(text);
    // Tier and Launched values are many, names few.
    return text.find("211") != std::string::npos || text.find("213") != std::string::npos ? cap : 3;
  };
  auto compile = [&](const std::string& aql) {
    auto r = Compile(aql, ctx);
    EXPECT_TRUE(std::holds_alternative<Compiled>(r)) << aql;
    return std::get<Compiled>(r);
  };
  auto print = [](const sql::Select& s) { return sql::Print(s, sql::Dialect::kSqlite).text; };

  // Both frequent: checked per object by primary key; Tier (one of four options) drives the count
  // over Launched (a range: a half), though written second.
  Compiled broad = compile("objectType = Services AND Launched > 2020-01-01 AND Tier = \"Tier 1\"");
  EXPECT_EQ(counted.size(), 2u);
  std::string where = sql::PrintExpr(*broad.where, sql::Dialect::kSqlite).text;
  EXPECT_EQ(where.find(" IN (SELECT"), std::string::npos) << where;
  EXPECT_NE(where.find("EXISTS (SELECT 1 FROM cmdb_values v"), std::string::npos) << where;
  EXPECT_NE(where.find("INDEXED BY sqlite_autoindex_cmdb_values_1"), std::string::npos) << where;
  ASSERT_TRUE(broad.drive);
  EXPECT_NE(print(*broad.drive).find("attribute_id IN (211)"), std::string::npos)
      << print(*broad.drive);
  ASSERT_EQ(broad.checks.size(), 1u);
  EXPECT_NE(print(*broad.checks[0]).find("attribute_id IN (213)"), std::string::npos);
  std::string count = print(CountSelect(broad, 1001));
  EXPECT_NE(count.find("SELECT DISTINCT"), std::string::npos) << count;
  EXPECT_NE(count.find("JOIN cmdb_objects o"), std::string::npos) << count;  // for objectType
  // A few matches are sorted, found through the driver; many walk the order.
  std::string few = print(PageSelect(broad, 0, 25, true));
  EXPECT_NE(few.find("o.id IN (SELECT"), std::string::npos) << few;
  EXPECT_NE(few.find("ORDER BY +lower(o.label)"), std::string::npos) << few;
  std::string many = print(PageSelect(broad, 0, 25, false));
  EXPECT_EQ(many.find("o.id IN (SELECT"), std::string::npos) << many;

  // An attribute order has no index to walk: the matches are collected through the driver.
  Compiled by_date = compile(
      "objectType = Services AND Launched > 2020-01-01 AND Tier = \"Tier 1\" ORDER BY Launched");
  EXPECT_FALSE(by_date.order_walkable);
  std::string sorted = print(PageSelect(by_date, 0, 25, false));
  EXPECT_NE(sorted.find("o.id IN (SELECT"), std::string::npos) << sorted;
  EXPECT_TRUE(broad.order_walkable);

  // Without other conjuncts the count never reads the objects table.
  Compiled alone = compile("Tier = \"Tier 1\"");
  ASSERT_TRUE(alone.drive);
  EXPECT_EQ(print(CountSelect(alone, 1001)).find("cmdb_objects"), std::string::npos);

  // A rare match drives every form: no driver, the frequent one checked per object.
  counted.clear();
  Compiled rare = compile("Tier = \"Tier 1\" AND Name = x");
  EXPECT_EQ(counted.size(), 2u);
  EXPECT_FALSE(rare.drive);
  where = sql::PrintExpr(*rare.where, sql::Dialect::kSqlite).text;
  EXPECT_NE(where.find("o.id IN (SELECT"), std::string::npos) << where;
  EXPECT_NE(where.find("EXISTS"), std::string::npos) << where;

  // Counting stops after eight conjuncts; the rest are checked per object uncounted.
  counted.clear();
  std::string long_text = "Name = a";
  for (int i = 0; i < 20; ++i) {
    long_text += " AND Name != x" + std::to_string(i) + " AND Tier = \"Tier 1\"";
  }
  Compiled long_and = compile(long_text);
  EXPECT_EQ(counted.size(), 8u);
  EXPECT_FALSE(long_and.drive);  // "Name = a" was counted and is rare

  // Under OR or NOT nothing is counted: the values drive as before.
  counted.clear();
  Compiled either = compile("Tier = \"Tier 1\" OR Launched > 2020-01-01");
  EXPECT_TRUE(counted.empty());
  EXPECT_FALSE(either.drive);
}

}  // namespace
}  // namespace steward::cmdb::aql
