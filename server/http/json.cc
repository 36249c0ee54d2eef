#include "http/json.h"

#include "base/text.h"
#include "http/error_mapping.h"

#include <boost/json.hpp>

#include <charconv>

namespace steward::http {
namespace json = boost::json;

Result<json::object> ParseJsonObject(const Request& req) {
  if (req.body.size() > kMaxJsonBody) {
    return Error::PayloadTooLarge("http.bodyTooLarge", "the JSON body exceeds 1 MiB");
  }
  std::string_view ct = req.Header("content-type");
  if (!ct.empty() && ct.find("json") == std::string_view::npos) {
    return Error::InvalidArgument("http.unsupportedMediaType",
                                  "expected a JSON body (Content-Type: application/json)");
  }
  if (Trim(req.body).empty()) {
    return Error::InvalidArgument("http.emptyBody", "the request needs a JSON object body");
  }
  json::parse_options opts;
  opts.max_depth = 32;
  json::stream_parser parser({}, opts);
  boost::system::error_code ec;
  parser.write(req.body.data(), req.body.size(), ec);
  if (!ec) {
    parser.finish(ec);
  }
  if (ec) {
    return Error::InvalidArgument("http.malformedJson", "malformed JSON: " + ec.message());
  }
  json::value v = parser.release();
  if (!v.is_object()) {
    return Error::InvalidArgument("http.expectedObject", "the JSON body must be an object");
  }
  return std::move(v.as_object());
}

Response JsonResponse(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

Response NoContentResponse() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Result<int> IntQueryParam(const Request& req, std::string_view name, int fallback, int min, int max,
                          std::string_view error_id) {
  auto v = req.QueryParam(name);
  if (!v) {
    return fallback;
  }
  int out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (v->empty() || (*v)[0] == '-' || ec != std::errc() || end != v->data() + v->size() ||
      out < min || out > max) {
    return Error::InvalidArgument(std::string(error_id),
                                  std::string(name) + " must be a whole number from " +
                                      std::to_string(min) + " to " + std::to_string(max),
                                  std::string(name));
  }
  return out;
}

Result<std::int64_t> PathId(const Request& req, std::string_view name, std::string_view what) {
  std::string_view s = req.PathParam(name);
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos) {
    return Error::NotFound("http.badId", "no such " + std::string(what.empty() ? name : what));
  }
  return std::stoll(std::string(s));
}

Response ErrorResponse(const Error& error, const std::string& request_id) {
  json::object e;
  e["code"] = error.message_id.empty() ? "error" : error.message_id;
  e["message"] = error.message;
  if (error.field) {
    e["field"] = *error.field;
  }
  if (error.position) {
    e["position"] = {{"offset", error.position->offset},
                     {"line", error.position->line},
                     {"column", error.position->column},
                     {"length", error.position->length}};
  }
  if (!request_id.empty()) {
    e["requestId"] = request_id;
  }
  Response r = JsonResponse(HttpStatusFor(error.code), json::object{{"error", std::move(e)}});
  if (error.code == ErrorCode::kUnauthenticated) {
    r.SetHeader("WWW-Authenticate", "Bearer realm=\"steward\"");
  }
  return r;
}

std::string_view JsonTypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "value";
}

Status JsonReader::AllowOnly(std::initializer_list<std::string_view> allowed) const {
  for (const auto& kv : obj_) {
    bool ok = false;
    for (auto a : allowed) {
      if (kv.key() == a) {
        ok = true;
        break;
      }
    }
    if (!ok) {
      std::string name = FieldName(kv.key());
      return Error::InvalidArgument("http.unknownField", "unknown field \"" + name + "\"", name);
    }
  }
  return Ok();
}

const json::value* JsonReader::Get(std::string_view name) const { return obj_.if_contains(name); }
bool JsonReader::Has(std::string_view name) const { return obj_.contains(name); }
bool JsonReader::IsNull(std::string_view name) const {
  const json::value* v = Get(name);
  return v && v->is_null();
}

namespace {
Error WrongType(const std::string& field, std::string_view expected, const json::value& v) {
  return Error::InvalidArgument("http.wrongType",
                                "\"" + field + "\" must be " + std::string(expected) + ", not " +
                                    std::string(JsonTypeName(v)),
                                field);
}
}  // namespace

Result<std::string> JsonReader::RequiredString(std::string_view name, size_t max_len) const {
  const json::value* v = Get(name);
  if (!v || v->is_null()) {
    return Error::InvalidArgument("http.missingField", "\"" + FieldName(name) + "\" is required",
                                  FieldName(name));
  }
  STEWARD_ASSIGN_OR_RETURN(auto s, OptionalString(name, max_len));
  if (Trim(*s).empty()) {
    return Error::InvalidArgument("http.emptyField",
                                  "\"" + FieldName(name) + "\" must not be empty", FieldName(name));
  }
  return *s;
}

Result<std::optional<std::string>> JsonReader::OptionalString(std::string_view name,
                                                              size_t max_len) const {
  const json::value* v = Get(name);
  if (!v || v->is_null()) {
    return std::optional<std::string>();
  }
  if (!v->is_string()) {
    return WrongType(FieldName(name), "a string", *v);
  }
  const json::string& s = v->get_string();
  if (s.size() > max_len) {
    return Error::InvalidArgument(
        "http.tooLong",
        "\"" + FieldName(name) + "\" is longer than " + std::to_string(max_len) + " characters",
        FieldName(name));
  }
  return std::optional<std::string>(std::string(s));
}

Result<std::optional<std::int64_t>> JsonReader::OptionalInt(std::string_view name) const {
  const json::value* v = Get(name);
  if (!v || v->is_null()) {
    return std::optional<std::int64_t>();
  }
  if (v->is_int64()) {
    return std::optional<std::int64_t>(v->get_int64());
  }
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->get_uint64()));
  }
  return WrongType(FieldName(name), "an integer", *v);
}

Result<std::optional<bool>> JsonReader::OptionalBool(std::string_view name) const {
  const json::value* v = Get(name);
  if (!v || v->is_null()) {
    return std::optional<bool>();
  }
  if (!v->is_bool()) {
    return WrongType(FieldName(name), "a boolean", *v);
  }
  return std::optional<bool>(v->get_bool());
}

Result<std::optional<std::vector<std::string>>> JsonReader::OptionalStringArray(
    std::string_view name, size_t max_items, size_t max_len) const {
  const json::value* v = Get(name);
  if (!v || v->is_null()) {
    return std::optional<std::vector<std::string>>();
  }
  if (!v->is_array()) {
    return WrongType(FieldName(name), "an array of strings", *v);
  }
  const json::array& a = v->get_array();
  if (a.size() > max_items) {
    return Error::InvalidArgument(
        "http.tooMany",
        "\"" + FieldName(name) + "\" has more than " + std::to_string(max_items) + " items",
        FieldName(name));
  }
  std::vector<std::string> out;
  for (const json::value& item : a) {
    if (!item.is_string()) {
      return WrongType(FieldName(name) + "[]", "a string", item);
    }
    if (item.get_string().size() > max_len) {
      return Error::InvalidArgument(
          "http.tooLong", "an item of \"" + FieldName(name) + "\" is too long", FieldName(name));
    }
    out.emplace_back(item.get_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

}  // namespace steward::http
