// steward_bench_sqlite: the raw-SQLite baseline for the create benchmark. Inserts issue rows
// straight through the sqlite3 C API into a seeded database (same schema, indexes and FTS
// triggers), one durable commit per row (WAL, synchronous=FULL), from one thread, for a fixed
// time; then the same with 64 rows per commit. Prints rows/s for both.
//
// Usage: steward_bench_sqlite --db DIR/steward.db --seconds 5
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <sqlite3.h>
#include <string>

namespace {

bool Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
    sqlite3_free(err);
    return false;
  }
  return true;
}

double Run(sqlite3* db, sqlite3_stmt* ins, int per_commit, double seconds, long long& number,
           long long project, long long type, long long status, long long reporter) {
  auto start = std::chrono::steady_clock::now();
  long long rows = 0;
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
         seconds) {
    Exec(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < per_commit; ++i) {
      ++number;
      std::string key = "BASE-" + std::to_string(number);
      sqlite3_bind_int64(ins, 1, project);
      sqlite3_bind_int64(ins, 2, number);
      sqlite3_bind_text(ins, 3, key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(ins, 4, type);
      sqlite3_bind_int64(ins, 5, status);
      sqlite3_bind_text(ins, 6, "vpn timeout for remote staff in emea region", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 7, "users report the vpn drops every few minutes since the patch", -1,
                        SQLITE_STATIC);
      sqlite3_bind_int64(ins, 8, reporter);
      if (sqlite3_step(ins) != SQLITE_DONE) {
        std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db));
        return 0;
      }
      sqlite3_reset(ins);
      ++rows;
    }
    Exec(db, "COMMIT");
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(rows) / secs;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Raw SQLite insert baseline"};
  std::string path;
  double seconds = 5;
  cli.add_option("--db", path, "Seeded steward.db")->required();
  cli.add_option("--seconds", seconds, "Duration of each run");
  CLI11_PARSE(cli, argc, argv);

  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    return 1;
  }
  Exec(db,
       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
       "PRAGMA cache_size=-65536;");
  Exec(db,
       "INSERT INTO projects(key, name, created_at) VALUES ('BASE', 'Baseline', 0) "
       "ON CONFLICT DO NOTHING");
  long long project = 0, type = 0, status = 0, reporter = 0, number = 0;
  auto one = [&](const char* sql, long long& out) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    if (sqlite3_step(s) == SQLITE_ROW) {
      out = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
  };
  one("SELECT id FROM projects WHERE key = 'BASE'", project);
  one("SELECT id FROM issue_types WHERE name = 'Incident'", type);
  one("SELECT id FROM statuses WHERE name = 'Open'", status);
  one("SELECT id FROM users WHERE username = 'admin'", reporter);
  one("SELECT coalesce(max(number), 0) FROM issues WHERE project_id = (SELECT id FROM projects "
      "WHERE key = 'BASE')",
      number);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO issues(project_id, number, key, issue_type_id, status_id, "
                     "summary, description, reporter_id, created_at, updated_at) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0)",
                     -1, &ins, nullptr);
  double single = Run(db, ins, 1, seconds, number, project, type, status, reporter);
  double batched = Run(db, ins, 64, seconds, number, project, type, status, reporter);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  std::printf("{\"raw_single_commit_rows_per_s\": %.0f, \"raw_64_per_commit_rows_per_s\": %.0f}\n",
              single, batched);
  return 0;
}
