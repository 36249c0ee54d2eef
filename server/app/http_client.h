// A small blocking HTTP client (libcurl) for the CLI commands that talk to a running Steward:
// `steward gate` and `steward deploy`. JSON in, JSON out, an API token as the bearer.
//
// Thread-safety: each call uses its own libcurl handle; no shared state.
#pragma once

#include <string>
#include <string_view>

namespace steward::app {

// One answer: the HTTP status and body, or a transport error (status 0).
struct HttpAnswer {
  long status = 0;
  std::string body;
  std::string error;
};

// `method` GET or POST; `json_body` is sent as application/json when not null.
HttpAnswer HttpCall(std::string_view method, const std::string& url, const std::string& token,
                    const std::string* json_body, int timeout_seconds);

// Percent-encodes a path segment.
std::string UrlEscape(const std::string& s);

// The message of an error answer (SPEC S1.4 shape), or its body.
std::string ErrorMessage(const HttpAnswer& a);

// `base` without trailing slashes.
std::string TrimBase(std::string base);

}  // namespace steward::app
