#include "storage/database.h"

namespace steward::storage {

Result<std::optional<std::int64_t>> Connection::QueryInt(std::string_view sql,
                                                         std::initializer_list<Param> params) {
  std::optional<std::int64_t> out;
  Status s = Query(sql, params, [&](const Row& r) {
    if (!out && !r.IsNull(0)) {
      out = r.Int(0);
    }
  });
  if (!s.ok()) {
    return std::move(s).error();
  }
  return out;
}

Result<std::optional<std::string>> Connection::QueryString(std::string_view sql,
                                                           std::initializer_list<Param> params) {
  std::optional<std::string> out;
  Status s = Query(sql, params, [&](const Row& r) {
    if (!out && !r.IsNull(0)) {
      out = r.String(0);
    }
  });
  if (!s.ok()) {
    return std::move(s).error();
  }
  return out;
}

}  // namespace steward::storage
