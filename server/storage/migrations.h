// Versioned schema migrations. Each module owns an ordered list of migrations; app/ applies the
// lists of all modules at start-up, in dependency order, each migration in its own transaction,
// recording (module, version) in `schema_migrations`. A migration never changes once released.
//
// Thread-safety: call from one thread at start-up, before serving.
#pragma once

#include "storage/database.h"

#include <span>
#include <string>

namespace steward::storage {

struct Migration {
  std::string module;
  int version;
  std::string name;
  std::string sql;  // portable DDL; a script of statements
};

// Applies those not yet applied; returns how many ran.
Result<int> ApplyMigrations(Database& db, std::span<const Migration> migrations);

}  // namespace steward::storage
