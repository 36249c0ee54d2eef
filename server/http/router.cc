#include "http/router.h"

#include "base/metrics.h"
#include "base/text.h"
#include "http/json.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>

namespace steward::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  for (std::string_view s : Split(path, '/')) {
    if (!s.empty()) {
      out.emplace_back(s);
    }
  }
  return out;
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) {
    return false;
  }
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string NewRequestId() {
  static const std::string prefix = [] {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", rd());
    return std::string(buf);
  }();
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(counter.fetch_add(1) + 1);
}

}  // namespace

void Router::Add(Method method, std::string pattern, Access access, Handler handler) {
  Route r;
  r.method = method;
  r.segments = SplitPath(pattern);
  r.pattern = std::move(pattern);
  r.access = access;
  r.handler = std::move(handler);
  r.metrics = MakeMetrics(method, r.pattern);
  routes_.push_back(std::move(r));
}

Router::RouteMetrics Router::MakeMetrics(Method method, const std::string& pattern) {
  auto& registry = MetricsRegistry::Global();
  std::string labels =
      "method=\"" + std::string(MethodName(method)) + "\",route=\"" + EscapeLabel(pattern) + "\"";
  RouteMetrics m;
  m.labels = labels;
  m.latency = &registry.GetHistogram("steward_http_request_seconds",
                                     "HTTP request latency by route", labels);
  m.by_status = std::make_shared<std::array<std::atomic<Counter*>, 500>>();
  return m;
}

void Router::RouteMetrics::Count(int status) const {
  if (status < 100 || status > 599) {
    status = 500;
  }
  std::atomic<Counter*>& slot = (*by_status)[static_cast<size_t>(status - 100)];
  Counter* c = slot.load(std::memory_order_acquire);
  if (!c) {
    c = &MetricsRegistry::Global().GetCounter(
        "steward_http_requests_total", "HTTP requests by route and status",
        labels + ",status=\"" + std::to_string(status) + "\"");
    slot.store(c, std::memory_order_release);
  }
  c->Add();
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) {
    out.push_back({r.method, r.pattern});
  }
  return out;
}

Response Router::Dispatch(Request& req, const Route*& matched) const {
  std::vector<std::string_view> segs;
  for (std::string_view s : Split(req.path, '/')) {
    if (!s.empty()) {
      segs.push_back(s);
    }
  }
  const Route* match = nullptr;
  bool path_matched = false;
  std::string allow;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) {
      continue;
    }
    bool ok = true;
    for (size_t i = 0; i < segs.size(); ++i) {
      const std::string& p = r.segments[i];
      if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
        continue;
      }
      if (p != segs[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      continue;
    }
    path_matched = true;
    Method m = req.method == Method::kHead ? Method::kGet : req.method;
    if (r.method == m) {
      match = &r;
      break;
    }
    if (!allow.empty()) {
      allow += ", ";
    }
    allow += MethodName(r.method);
  }
  if (!match && !path_matched && fallback_ &&
      (req.method == Method::kGet || req.method == Method::kHead) &&
      req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    req.route = "static";
    Result<Response> served = fallback_(req);
    if (!served.ok()) {
      return ErrorResponse(served.error(), req.request_id);
    }
    return std::move(served).value();
  }
  if (!match) {
    req.route = "unmatched";
    if (path_matched) {
      Response resp = ErrorResponse(
          Error::InvalidArgument("http.methodNotAllowed",
                                 std::string(MethodName(req.method)) + " is not allowed here"),
          req.request_id);
      resp.status = 405;
      resp.SetHeader("Allow", allow);
      return resp;
    }
    return ErrorResponse(Error::NotFound("http.notFound", "no such endpoint: " + req.path),
                         req.request_id);
  }
  req.route = match->pattern;
  matched = match;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = match->segments[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      auto decoded = PercentDecode(segs[i], false);
      if (!decoded) {
        return ErrorResponse(Error::InvalidArgument("http.badPath", "malformed path"),
                             req.request_id);
      }
      req.path_params.emplace_back(p.substr(1, p.size() - 2), std::move(*decoded));
    }
  }
  if (authenticator_) {
    auto who = authenticator_(req);
    if (who.ok()) {
      req.principal = std::move(who).value();
    } else if (match->access != Access::kPublic) {
      return ErrorResponse(who.error(), req.request_id);
    }
    // On public routes (health, login) bad or stale credentials just mean "anonymous".
  }
  if (match->access == Access::kAuthenticated && !req.principal) {
    return ErrorResponse(
        Error::Unauthenticated("http.unauthenticated",
                               "sign in, or send an API token as Bearer or Basic authorization"),
        req.request_id);
  }
  Result<Response> result = match->handler(req);
  if (!result.ok()) {
    const Error& e = result.error();
    if (e.code == ErrorCode::kInternal) {
      spdlog::error("request {} {} {} failed: {}", req.request_id, MethodName(req.method), req.path,
                    e.detail);
    } else if (!e.detail.empty()) {
      spdlog::warn("request {} {} {}: {}", req.request_id, MethodName(req.method), req.path,
                   e.detail);
    }
    return ErrorResponse(e, req.request_id);
  }
  return std::move(result).value();
}

Response Router::Handle(Request& req) const {
  std::int64_t start = clock_.MonotonicNs();
  std::string_view given = req.Header("x-request-id");
  req.request_id = ValidRequestId(given) ? std::string(given) : NewRequestId();
  Response resp;
  const Route* matched = nullptr;
  try {
    resp = Dispatch(req, matched);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} threw: {}", req.request_id, MethodName(req.method), req.path,
                  e.what());
    resp = ErrorResponse(Error::Internal(e.what()), req.request_id);
  } catch (...) {
    resp = ErrorResponse(Error::Internal("unknown exception"), req.request_id);
  }
  resp.SetHeader("X-Request-Id", req.request_id);
  resp.SetHeader("X-Content-Type-Options", "nosniff");
  if (req.path.rfind("/api/", 0) == 0) {
    resp.SetHeader("Cache-Control", "no-store");
  }
  double seconds = static_cast<double>(clock_.MonotonicNs() - start) / 1e9;
  const RouteMetrics& m = matched                 ? matched->metrics
                          : req.route == "static" ? fallback_metrics_
                                                  : unmatched_metrics_;
  m.latency->Observe(seconds);
  m.Count(resp.status);
  if (access_log_) {
    spdlog::info("{} {} {} {} {} {}B {:.3f}ms user={}", req.request_id, req.remote_address,
                 MethodName(req.method), req.path, resp.status, resp.body.size(), seconds * 1e3,
                 req.principal ? req.principal->username : "-");
  }
  return resp;
}

}  // namespace steward::http
