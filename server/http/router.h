// Router: maps (method, path pattern) to handlers and runs the request pipeline around them —
// request id, authentication, the authentication requirement of the route, the handler, error
// mapping to the S1.4 error shape, security headers, per-route metrics and the access log.
//
// Patterns are literal segments and `{name}` placeholders: "/api/v1/issues/{key}/comments".
//
// Thread-safety: register every route before serving; Handle() is then safe from any thread.
#pragma once

#include "base/clock.h"
#include "base/metrics.h"
#include "base/result.h"
#include "http/message.h"

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace steward::http {

using Handler = std::function<Result<Response>(Request&)>;

// Establishes who calls. Returns nullopt for anonymous requests, an error for bad credentials
// (or a missing CSRF token on a cookie-authenticated state change).
using Authenticator = std::function<Result<std::optional<Principal>>(const Request&)>;

enum class Access {
  kPublic,         // anyone, authenticated or not
  kAuthenticated,  // any signed-in principal; the handler checks finer permissions
};

class Router {
 public:
  explicit Router(const Clock& clock) : clock_(clock) {}

  void Add(Method method, std::string pattern, Access access, Handler handler);
  void SetAuthenticator(Authenticator auth) { authenticator_ = std::move(auth); }
  void SetAccessLog(bool enabled) { access_log_ = enabled; }
  // Answers GET/HEAD requests outside /api/ that no route matches (the web app's files and
  // client-side routes). Runs anonymously: the page is public, its data is not.
  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }

  // Runs the whole pipeline; never throws.
  Response Handle(Request& req) const;

  struct RouteInfo {
    Method method;
    std::string pattern;
  };
  std::vector<RouteInfo> Routes() const;

 private:
  // Metric series of one route, created once so the hot path takes no lock.
  struct RouteMetrics {
    std::string labels;
    Histogram* latency = nullptr;
    // Counter per status code (100..599), created on first use and then read without a lock.
    std::shared_ptr<std::array<std::atomic<Counter*>, 500>> by_status;
    void Count(int status) const;
  };
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
    RouteMetrics metrics;
  };
  static RouteMetrics MakeMetrics(Method method, const std::string& pattern);
  Response Dispatch(Request& req, const Route*& matched) const;

  const Clock& clock_;
  std::vector<Route> routes_;
  RouteMetrics unmatched_metrics_ = MakeMetrics(Method::kOther, "unmatched");
  RouteMetrics fallback_metrics_ = MakeMetrics(Method::kGet, "static");
  Handler fallback_;
  Authenticator authenticator_;
  bool access_log_ = true;
};

}  // namespace steward::http
