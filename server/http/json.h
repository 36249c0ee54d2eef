// JSON at the HTTP edge: parsing request bodies under limits into Boost.JSON values, typed field
// access that produces S1.4 errors naming the offending field, and JSON responses.
//
// Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "http/message.h"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::http {

inline constexpr size_t kMaxJsonBody = 1 << 20;  // 1 MiB for JSON bodies

// Parses the body as a JSON object (depth ≤ 32, size ≤ kMaxJsonBody).
Result<boost::json::object> ParseJsonObject(const Request& req);

Response JsonResponse(int status, const boost::json::value& body);
// 204 with no body.
Response NoContentResponse();
// The numeric id in path parameter `name`; a malformed one is 404 http.badId ("no such
// <what>", `what` defaulting to `name`), as an unknown id would be.
Result<std::int64_t> PathId(const Request& req, std::string_view name, std::string_view what = {});
// The whole number in query parameter `name`, `fallback` when absent. Anything else than digits
// for a value in [min, max] is 400 `error_id`: "<name> must be a whole number from min to max".
Result<int> IntQueryParam(const Request& req, std::string_view name, int fallback, int min, int max,
                          std::string_view error_id = "http.badParameter");
Response ErrorResponse(const Error& error, const std::string& request_id);

// Reads an object's fields with type checks; errors name the field. `allowed` lists every field
// the caller accepts; anything else in the object is an error (unknown fields are never ignored).
class JsonReader {
 public:
  explicit JsonReader(const boost::json::object& obj, std::string prefix = "")
      : obj_(obj), prefix_(std::move(prefix)) {}

  Status AllowOnly(std::initializer_list<std::string_view> allowed) const;
  bool Has(std::string_view name) const;
  bool IsNull(std::string_view name) const;

  Result<std::string> RequiredString(std::string_view name, size_t max_len = 255) const;
  Result<std::optional<std::string>> OptionalString(std::string_view name,
                                                    size_t max_len = 255) const;
  Result<std::optional<std::int64_t>> OptionalInt(std::string_view name) const;
  Result<std::optional<bool>> OptionalBool(std::string_view name) const;
  Result<std::optional<std::vector<std::string>>> OptionalStringArray(std::string_view name,
                                                                      size_t max_items = 100,
                                                                      size_t max_len = 255) const;
  const boost::json::value* Get(std::string_view name) const;
  std::string FieldName(std::string_view name) const { return prefix_ + std::string(name); }

 private:
  const boost::json::object& obj_;
  std::string prefix_;
};

std::string_view JsonTypeName(const boost::json::value& v);

}  // namespace steward::http
