// The CLI's HTTP client over libcurl (see http_client.h).
#include "app/http_client.h"

#include <boost/json.hpp>
#include <curl/curl.h>

#include <memory>

namespace steward::app {

namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

HttpAnswer HttpCall(std::string_view method, const std::string& url, const std::string& token,
                    const std::string* json_body, int timeout_seconds) {
  HttpAnswer a;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    a.error = "cannot start libcurl";
    return a;
  }
  curl_slist* headers = nullptr;
  std::string auth = "Authorization: Bearer " + token;
  headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (json_body) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
  }
  std::string verb(method);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, verb.c_str());
  if (json_body) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, json_body->data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(json_body->size()));
  }
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

std::string UrlEscape(const std::string& s) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  char* e = curl ? curl_easy_escape(curl.get(), s.c_str(), static_cast<int>(s.size())) : nullptr;
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

std::string ErrorMessage(const HttpAnswer& a) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(a.body, ec);
  if (!ec && v.is_object()) {
    if (const auto* e = v.get_object().if_contains("error"); e && e->is_object()) {
      if (const auto* m = e->get_object().if_contains("message"); m && m->is_string()) {
        return std::string(m->get_string());
      }
    }
  }
  return a.body;
}

std::string TrimBase(std::string base) {
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base;
}

}  // namespace steward::app
