#include "storage/migrations.h"

#include <set>
#include <utility>

namespace steward::storage {

Result<int> ApplyMigrations(Database& db, std::span<const Migration> migrations) {
  STEWARD_TRY(db.WriteTx([](Connection& c) {
    return c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
        " applied_at INTEGER NOT NULL, PRIMARY KEY (module, version))");
  }));
  std::set<std::pair<std::string, std::int64_t>> applied;
  STEWARD_TRY(db.ReadTx([&](Connection& c) {
    return c.Query("SELECT module, version FROM schema_migrations", {},
                   [&](const Row& r) { applied.emplace(r.String(0), r.Int(1)); });
  }));
  int ran = 0;
  for (const Migration& m : migrations) {
    if (applied.count({m.module, m.version})) {
      continue;
    }
    STEWARD_TRY(db.WriteTx([&](Connection& c) -> Status {
      Status s = c.ExecScript(m.sql);
      if (!s.ok()) {
        Error e = std::move(s).error();
        e.detail = "migration " + m.module + "/" + std::to_string(m.version) + " " + m.name + ": " +
                   e.detail;
        return e;
      }
      return c.Exec(
          "INSERT INTO schema_migrations(module, version, name, applied_at) "
          "VALUES (?, ?, ?, CAST(strftime('%s','now') AS INTEGER) * 1000)",
          {m.module, m.version, m.name});
    }));
    ++ran;
  }
  return ran;
}

}  // namespace steward::storage
