// Golden tests of the JQL compiler: every case in tests/query_golden/*.test is compiled against
// the demo world (its fields, statuses, projects and users) at a fixed "now", printed for SQLite
// and PostgreSQL and compared with the file; the SQLite text is also run on the demo database,
// so every golden query is valid SQL that executes.
//
// Regenerate after an intended change, then review the diff:
//   STEWARD_GOLDEN_UPDATE=1 build/dev/tests/steward_query_golden_tests
//
// File format: cases separated by blank lines; each has a `name:` line, a `jql:` line and the
// expected `sqlite:` and `postgres:` lines (the SQL of the first page of 50, on one line) and
// `params:` (the SQLite parameters, one per placeholder), or the `error:` a query must give.
// Lines starting with '#' are comments.
#include "app/application.h"
#include "sql/run.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace steward {
namespace {

constexpr TimestampMs kNow = 1764115200000;  // 2025-11-26T00:00:00Z

struct Case {
  std::string name, jql, sqlite, postgres, params, error;
};

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  return out;
}

std::string Value(const std::string& line, const std::string& tag) {
  return line.rfind(tag + ":", 0) == 0
             ? line.substr(tag.size() + 1 +
                           (line.size() > tag.size() + 1 && line[tag.size() + 1] == ' '))
             : "";
}

std::vector<Case> Parse(const std::vector<std::string>& lines) {
  std::vector<Case> cases;
  Case c;
  auto flush = [&] {
    if (!c.jql.empty() || !c.name.empty()) {
      cases.push_back(c);
    }
    c = Case{};
  };
  for (const auto& l : lines) {
    if (l.empty()) {
      flush();
    } else if (l[0] == '#') {
      continue;
    } else if (l.rfind("name:", 0) == 0) {
      c.name = Value(l, "name");
    } else if (l.rfind("jql:", 0) == 0) {
      c.jql = Value(l, "jql");
    } else if (l.rfind("sqlite:", 0) == 0) {
      c.sqlite = Value(l, "sqlite");
    } else if (l.rfind("postgres:", 0) == 0) {
      c.postgres = Value(l, "postgres");
    } else if (l.rfind("params:", 0) == 0) {
      c.params = Value(l, "params");
    } else if (l.rfind("error:", 0) == 0) {
      c.error = Value(l, "error");
    }
  }
  flush();
  return cases;
}

std::string ShowParams(const std::vector<sql::Value>& params) {
  std::string out;
  for (const auto& p : params) {
    out += out.empty() ? "" : " | ";
    if (std::holds_alternative<std::monostate>(p)) {
      out += "NULL";
    } else if (auto* i = std::get_if<std::int64_t>(&p)) {
      out += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&p)) {
      std::ostringstream s;
      s << *d;
      out += s.str() + "r";
    } else {
      out += "'" + std::get<std::string>(p) + "'";
    }
  }
  return out;
}

class GoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("steward-golden-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    clock_ = new FakeClock(kNow);
    auto app = app::Application::Open(dir_->string(), *clock_);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app).value().release();
    ASSERT_TRUE(app::LoadDemo(*app_, kNow).ok());
  }
  static void TearDownTestSuite() {
    delete app_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete clock_;
  }
  static inline std::filesystem::path* dir_ = nullptr;
  static inline FakeClock* clock_ = nullptr;
  static inline app::Application* app_ = nullptr;
};

TEST_F(GoldenTest, EveryCaseCompilesToItsGoldenSqlAndRuns) {
  bool update = std::getenv("STEWARD_GOLDEN_UPDATE") != nullptr;
  http::Principal admin;
  admin.user_id = 1;
  admin.username = "admin";
  admin.kind = "admin";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(STEWARD_GOLDEN_DIR)) {
    if (entry.path().extension() != ".test") {
      continue;
    }
    auto lines = Lines(entry.path().string());
    auto cases = Parse(lines);
    std::string rewritten;
    for (const auto& l : lines) {
      if (l.empty() || l[0] != '#') {
        break;
      }
      rewritten += l + "\n";
    }
    for (auto& c : cases) {
      SCOPED_TRACE(entry.path().filename().string() + ": " + c.name + ": " + c.jql);
      auto lite_sql = app_->search().Sql(admin, c.jql, sql::Dialect::kSqlite, 50);
      if (!lite_sql.ok()) {
        // A case may expect an error: its message, with the position.
        const Error& e = lite_sql.error();
        std::string got = e.message_id + " @" +
                          std::to_string(e.position ? e.position->offset : -1) + ": " + e.message;
        if (update) {
          c.error = got;
        } else {
          EXPECT_EQ(got, c.error);
        }
        rewritten += "\nname: " + c.name + "\njql: " + c.jql + "\nerror: " + c.error + "\n";
        ++checked;
        continue;
      }
      EXPECT_TRUE(c.error.empty()) << "expected the error " << c.error;
      auto pg_sql = app_->search().Sql(admin, c.jql, sql::Dialect::kPostgres, 50);
      ASSERT_TRUE(pg_sql.ok());
      const sql::Printed* lite = &lite_sql->page;
      const sql::Printed* pg = &pg_sql->page;
      std::string params = ShowParams(lite->params);
      if (update) {
        c.sqlite = lite->text;
        c.postgres = pg->text;
        c.params = params;
      } else {
        EXPECT_EQ(lite->text, c.sqlite);
        EXPECT_EQ(pg->text, c.postgres);
        EXPECT_EQ(params, c.params);
      }
      // The SQLite text runs on the demo database.
      Status ran = app_->db().ReadTx(
          [&](storage::Connection& conn) { return sql::Run(conn, *lite, nullptr); });
      EXPECT_TRUE(ran.ok()) << ran.error().detail;
      rewritten += "\nname: " + c.name + "\njql: " + c.jql + "\nsqlite: " + c.sqlite +
                   "\npostgres: " + c.postgres + "\nparams: " + c.params + "\n";
      ++checked;
    }
    if (update) {
      std::ofstream(entry.path().string()) << rewritten;
    }
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace steward
