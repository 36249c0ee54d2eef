#include "sql/run.h"

namespace steward::sql {

Dialect DialectOf(const storage::Connection& c) {
  return c.Dialect() == storage::SqlDialect::kPostgres ? Dialect::kPostgres : Dialect::kSqlite;
}

Status Run(storage::Connection& c, const Printed& printed, const storage::RowCallback& on_row) {
  std::vector<storage::Param> params;
  params.reserve(printed.params.size());
  for (const auto& v : printed.params) {
    if (auto* i = std::get_if<std::int64_t>(&v)) {
      params.emplace_back(*i);
    } else if (auto* d = std::get_if<double>(&v)) {
      params.emplace_back(*d);
    } else if (auto* s = std::get_if<std::string>(&v)) {
      params.emplace_back(std::string_view(*s));  // the printed text outlives the call
    } else {
      params.emplace_back();
    }
  }
  return c.Exec(printed.text, params, on_row);
}

}  // namespace steward::sql
