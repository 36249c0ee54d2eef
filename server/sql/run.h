// Running printed SQL (sql::Print) on a storage connection: the printer's dialect for that
// connection, and the printed parameters bound in order. The one bridge between the SQL AST
// and storage, for every module whose compiler lowers to the AST (JQL, AQL).
//
// Thread-safety: as the connection.
#pragma once

#include "sql/ast.h"
#include "storage/database.h"

namespace steward::sql {

// The printer dialect of `c`'s database.
Dialect DialectOf(const storage::Connection& c);

// Executes `printed`, calling `on_row` for each row.
Status Run(storage::Connection& c, const Printed& printed, const storage::RowCallback& on_row);

}  // namespace steward::sql
