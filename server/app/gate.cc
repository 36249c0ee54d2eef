// `steward gate`: the one line a CI/CD pipeline runs to wait for its deployment's change
// approval (S6.8). It polls GET /rest/deployments/0.1/pipelines/{p}/environments/{e}/
// deployments/{n}/gating-status over HTTP with an API token and exits 0 when the deployment is
// allowed, 1 when it is prevented, 2 when --wait timed out while awaiting, 3 when the deployment
// is not gated (invalid) and 4 on any other failure (unreachable server, bad token, no such
// deployment).
#include "app/gate.h"

#include "app/http_client.h"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace steward::app {

namespace json = boost::json;

int RunGate(const GateOptions& o) {
  if (o.token.empty()) {
    std::fprintf(stderr, "steward gate: give an API token (--token or STEWARD_TOKEN)\n");
    return kGateError;
  }
  if (o.pipeline.empty() || o.environment.empty() || o.sequence < 0) {
    std::fprintf(stderr, "steward gate: --pipeline, --environment and --sequence are required\n");
    return kGateError;
  }
  std::string url = TrimBase(o.url) + "/rest/deployments/0.1/pipelines/" + UrlEscape(o.pipeline) +
                    "/environments/" + UrlEscape(o.environment) + "/deployments/" +
                    std::to_string(o.sequence) + "/gating-status";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout_seconds);
  std::string last;
  while (true) {
    HttpAnswer a = HttpCall("GET", url, o.token, nullptr, 30);
    std::string status;
    std::string change;
    if (!a.error.empty()) {
      std::fprintf(stderr, "steward gate: %s: %s\n", o.url.c_str(), a.error.c_str());
      // A restarting server is not a verdict: keep waiting until the deadline.
      if (!o.wait || std::chrono::steady_clock::now() >= deadline) {
        return kGateError;
      }
    } else if (a.status != 200) {
      std::fprintf(stderr, "steward gate: HTTP %ld: %s\n", a.status, ErrorMessage(a).c_str());
      return kGateError;
    } else {
      boost::system::error_code ec;
      json::value v = json::parse(a.body, ec);
      const json::object* obj = !ec && v.is_object() ? &v.get_object() : nullptr;
      const json::value* s = obj ? obj->if_contains("gatingStatus") : nullptr;
      if (!s || !s->is_string()) {
        std::fprintf(stderr, "steward gate: unexpected answer: %s\n", a.body.c_str());
        return kGateError;
      }
      status = std::string(s->get_string());
      if (const auto* d = obj->if_contains("details");
          d && d->is_array() && !d->get_array().empty()) {
        const auto& first = d->get_array()[0];
        if (first.is_object()) {
          if (const auto* link = first.get_object().if_contains("issueLink");
              link && link->is_string()) {
            change = std::string(link->get_string());
          }
        }
      }
      if (status != last) {
        std::printf("steward gate: %s%s%s\n", status.c_str(), change.empty() ? "" : " — ",
                    change.c_str());
        std::fflush(stdout);
        last = status;
      }
      if (status == "allowed") {
        return kGateAllowed;
      }
      if (status == "prevented") {
        return kGatePrevented;
      }
      if (status == "invalid") {
        return kGateInvalid;
      }
      if (!o.wait) {
        return kGateTimedOut;  // awaiting, and not asked to wait
      }
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      std::fprintf(stderr, "steward gate: still %s after %d s\n",
                   status.empty() ? "unreachable" : status.c_str(), o.timeout_seconds);
      return status.empty() ? kGateError : kGateTimedOut;
    }
    auto pause = std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(static_cast<std::int64_t>(o.interval_seconds * 1000)),
        deadline - now);
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace steward::app
