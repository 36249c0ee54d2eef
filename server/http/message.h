// Request and Response: Steward's own transport-neutral HTTP messages. http/beast/ converts to
// and from Boost.Beast; every handler sees only these types.
//
// Thread-safety: plain values, owned by the request being served.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace steward::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);

// Who is calling, as established by authentication.
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string kind;         // "agent", "customer", "admin", "bot"
  bool via_cookie = false;  // authenticated by session cookie (CSRF applies)
  std::string session_id;   // hashed session id when via_cookie
  bool IsAdmin() const { return kind == "admin"; }
};

struct Request {
  Method method = Method::kGet;
  std::string target;                                        // as received: path + query
  std::string path;                                          // decoded path without query
  std::string query;                                         // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::string route;  // matched route pattern, for logs and metrics
  std::vector<std::pair<std::string, std::string>> path_params;
  std::optional<Principal> principal;

  std::string_view Header(std::string_view lower_name) const;
  std::string_view PathParam(std::string_view name) const;
  // Decoded value of a query parameter, if present.
  std::optional<std::string> QueryParam(std::string_view name) const;
  std::string_view Cookie(std::string_view name) const;
};

// The body of a response produced over time (server-sent events). The transport writes the
// status line and headers, then calls Open() with a sink; the source pushes chunks through the
// sink, from any thread, until the sink returns false (the client went away or the server is
// stopping). The transport calls Close() once when the connection ends.
//
// Thread-safety: Open and Close are called by the transport; the sink is safe from any thread.
class StreamSource {
 public:
  using Sink = std::function<bool(std::string chunk)>;
  virtual ~StreamSource() = default;
  virtual void Open(Sink sink) = 0;
  virtual void Close() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, `body` is ignored and the connection streams this source's chunks until it ends.
  std::shared_ptr<StreamSource> stream;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Percent-decodes a URL component ('+' as space when `form` is true). Fails on bad escapes.
std::optional<std::string> PercentDecode(std::string_view s, bool form);
std::string PercentEncode(std::string_view s);

}  // namespace steward::http
