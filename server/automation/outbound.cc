// Outbound effects of rules through libcurl: web requests and SMTP mail. Never called inside a
// database transaction (the engine sends them after the commit).
#include "automation/execution.h"
#include "base/time_format.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

namespace steward::automation {

namespace {

constexpr std::size_t kMaxResponseBytes = 1024 * 1024;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* body;
  bool truncated = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t bytes = size * n;
  size_t room = kMaxResponseBytes - std::min(kMaxResponseBytes, sink->body->size());
  if (bytes > room) {
    sink->body->append(data, room);
    sink->truncated = true;
    return bytes;  // keep reading (and dropping) so the connection ends cleanly
  }
  sink->body->append(data, bytes);
  return bytes;
}

size_t WriteHeader(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos && headers->size() < 100) {
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.pop_back();
    }
    while (!value.empty() && value.front() == ' ') {
      value.erase(value.begin());
    }
    for (char& ch : name) {
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    headers->emplace_back(std::move(name), std::move(value));
  }
  return size * n;
}

struct MailSource {
  std::string data;
  std::size_t offset = 0;
};

size_t ReadMail(char* buffer, size_t size, size_t n, void* user) {
  auto* src = static_cast<MailSource*>(user);
  size_t room = size * n;
  size_t left = src->data.size() - src->offset;
  size_t take = std::min(room, left);
  std::memcpy(buffer, src->data.data() + src->offset, take);
  src->offset += take;
  return take;
}

// RFC 2047 encoded-word for a header with non-ASCII text.
std::string EncodeHeader(const std::string& text) {
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 128 && c != '\r' && c != '\n';
  });
  if (ascii) {
    return text;
  }
  static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < text.size()) {
    unsigned v = (static_cast<unsigned char>(text[i]) << 16) |
                 (static_cast<unsigned char>(text[i + 1]) << 8) |
                 static_cast<unsigned char>(text[i + 2]);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
    i += 3;
  }
  if (i < text.size()) {
    unsigned v = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) {
      v |= static_cast<unsigned char>(text[i + 1]) << 8;
    }
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < text.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return "=?UTF-8?B?" + out + "?=";
}

}  // namespace

WebResponse SendWebRequest(const WebRequestSpec& spec) {
  GlobalInit();
  WebResponse out;
  CURL* curl = curl_easy_init();
  if (!curl) {
    out.error = "cannot start an HTTP client";
    return out;
  }
  Sink sink{&out.body};
  curl_slist* headers = nullptr;
  bool has_type = false;
  for (const auto& [k, v] : spec.headers) {
    std::string line = k + ": " + v;
    headers = curl_slist_append(headers, line.c_str());
    has_type = has_type || strcasecmp(k.c_str(), "content-type") == 0;
  }
  if (!has_type && !spec.body.empty()) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
  }
  headers = curl_slist_append(headers, "User-Agent: Steward-Automation/1");
  curl_easy_setopt(curl, CURLOPT_URL, spec.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(spec.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(spec.timeout_ms, 5000)));
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, spec.method.c_str());
  if (spec.method != "GET" && spec.method != "DELETE") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, spec.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(spec.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    out.sent = true;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  } else {
    out.error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return out;
}

Status SendMail(const MailSettings& settings, const MailSpec& mail) {
  GlobalInit();
  CURL* curl = curl_easy_init();
  if (!curl) {
    return Error::Unavailable("automation.mailFailed", "cannot start an SMTP client");
  }
  std::string message;
  message += "From: Steward <" + settings.from + ">\r\n";
  std::string to_line;
  for (const auto& a : mail.to) {
    to_line += (to_line.empty() ? "" : ", ") + a;
  }
  message += "To: " + to_line + "\r\n";
  message += "Subject: " + EncodeHeader(mail.subject) + "\r\n";
  message += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n\r\n";
  // Normalise line ends to CRLF.
  for (std::size_t i = 0; i < mail.body.size(); ++i) {
    char ch = mail.body[i];
    if (ch == '\n' && (i == 0 || mail.body[i - 1] != '\r')) {
      message += "\r\n";
    } else {
      message += ch;
    }
  }
  message += "\r\n";
  MailSource src{message, 0};
  curl_slist* rcpt = nullptr;
  for (const auto& a : mail.to) {
    rcpt = curl_slist_append(rcpt, ("<" + a + ">").c_str());
  }
  std::string from = "<" + settings.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, settings.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMail);
  curl_easy_setopt(curl, CURLOPT_READDATA, &src);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error::Unavailable("automation.mailFailed",
                              std::string("the mail server refused: ") + curl_easy_strerror(rc));
  }
  return Ok();
}

}  // namespace steward::automation
