// `steward gate`: the one line a CI/CD pipeline runs to wait for its deployment's change
// approval (S6.8). It polls GET /rest/deployments/0.1/pipelines/{p}/environments/{e}/
// deployments/{n}/gating-status over HTTP with an API token and exits 0 when the deployment is
// allowed, 1 when it is prevented, 2 when --wait timed out while awaiting, 3 when the deployment
// is not gated (invalid) and 4 on any other failure (unreachable server, bad token, no such
// deployment).
#include "app/gate.h"

#include <boost/json.hpp>
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace steward::app {

namespace {

namespace json = boost::json;

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string Escape(CURL* curl, const std::string& s) {
  char* e = curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

struct Answer {
  long status = 0;
  std::string body;
  std::string error;  // transport error
};

Answer Get(const std::string& url, const std::string& token, int timeout_seconds) {
  Answer a;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    a.error = "cannot start libcurl";
    return a;
  }
  curl_slist* headers = nullptr;
  std::string auth = "Authorization: Bearer " + token;
  headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    a.error = curl_easy_strerror(rc);
    return a;
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &a.status);
  return a;
}

}  // namespace

int RunGate(const GateOptions& o) {
  if (o.token.empty()) {
    std::fprintf(stderr, "steward gate: give an API token (--token or STEWARD_TOKEN)\n");
    return kGateError;
  }
  if (o.pipeline.empty() || o.environment.empty() || o.sequence < 0) {
    std::fprintf(stderr, "steward gate: --pipeline, --environment and --sequence are required\n");
    return kGateError;
  }
  std::string url;
  {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    std::string base = o.url;
    while (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    url = base + "/rest/deployments/0.1/pipelines/" + Escape(curl.get(), o.pipeline) +
          "/environments/" + Escape(curl.get(), o.environment) + "/deployments/" +
          std::to_string(o.sequence) + "/gating-status";
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout_seconds);
  std::string last;
  while (true) {
    Answer a = Get(url, o.token, 30);
    std::string status;
    std::string change;
    if (!a.error.empty()) {
      std::fprintf(stderr, "steward gate: %s: %s\n", o.url.c_str(), a.error.c_str());
      // A restarting server is not a verdict: keep waiting until the deadline.
      if (!o.wait || std::chrono::steady_clock::now() >= deadline) {
        return kGateError;
      }
    } else if (a.status != 200) {
      std::string message = a.body;
      boost::system::error_code ec;
      json::value v = json::parse(a.body, ec);
      if (!ec && v.is_object()) {
        if (const auto* e = v.get_object().if_contains("error"); e && e->is_object()) {
          if (const auto* m = e->get_object().if_contains("message"); m && m->is_string()) {
            message = std::string(m->get_string());
          }
        }
      }
      std::fprintf(stderr, "steward gate: HTTP %ld: %s\n", a.status, message.c_str());
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
