#include "http/static_files.h"

#include "base/text.h"

#include <fstream>
#include <sstream>
#include <string_view>

namespace steward::http {
namespace {

std::string_view ContentType(std::string_view ext) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [e, t] : kTypes) {
    if (e == ext) {
      return t;
    }
  }
  return "application/octet-stream";
}

bool ReadFile(const std::filesystem::path& p, std::string& out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) {
    return false;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

// A compressed copy is used only if it is not older than its file (a copy left behind by an
// earlier build must never stand in for a newer file).
bool FreshCopy(const std::filesystem::path& file, const std::filesystem::path& copy) {
  std::error_code e1, e2;
  auto original = std::filesystem::last_write_time(file, e1);
  auto compressed = std::filesystem::last_write_time(copy, e2);
  return !e1 && !e2 && compressed >= original;
}

// True when Accept-Encoding names gzip (or *) without q=0.
bool AcceptsGzip(const Request& req) {
  for (std::string_view item : Split(req.Header("accept-encoding"), ',')) {
    std::vector<std::string_view> parts = Split(item, ';');
    std::string coding = AsciiLower(Trim(parts[0]));
    if (coding != "gzip" && coding != "*") {
      continue;
    }
    bool refused = false;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string param = AsciiLower(Trim(parts[i]));
      if (param.rfind("q=", 0) == 0) {
        std::string_view q = std::string_view(param).substr(2);
        refused = q.find_first_not_of("0.") == std::string_view::npos;  // q=0, q=0.0, q=0.000
      }
    }
    if (!refused) {
      return true;
    }
  }
  return false;
}

// The policy for the app's pages: scripts, styles and connections only from this origin (the
// component library sets inline style attributes, hence 'unsafe-inline' for styles only).
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'";

}  // namespace

bool StaticFiles::Available() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(root_ / "index.html", ec);
}

Result<Response> StaticFiles::Serve(const Request& req) const {
  auto decoded = PercentDecode(req.path, false);
  if (!decoded) {
    return Error::InvalidArgument("http.badPath", "malformed path");
  }
  std::filesystem::path rel;
  std::string_view last;
  for (std::string_view seg : Split(*decoded, '/')) {
    if (seg.empty() || seg == ".") {
      continue;
    }
    if (seg == ".." || seg.find('\0') != std::string_view::npos ||
        seg.find('\\') != std::string_view::npos) {
      return Error::NotFound("http.notFound", "no such page: " + req.path);
    }
    rel /= std::string(seg);
    last = seg;
  }
  Response resp;
  std::string ext;
  if (!rel.empty()) {
    ext = rel.extension().string();
    std::filesystem::path file = root_ / rel;
    bool gz = false;
    if (AcceptsGzip(req) && FreshCopy(file, file.string() + ".gz") &&
        ReadFile(file.string() + ".gz", resp.body)) {
      gz = true;
    } else if (!ReadFile(file, resp.body)) {
      resp.body.clear();
      if (last.find('.') != std::string_view::npos) {
        return Error::NotFound("http.notFound", "no such file: " + req.path);
      }
      rel.clear();  // a client-side route: the app's page
    }
    if (!rel.empty()) {
      resp.content_type = std::string(ContentType(ext));
      bool hashed = rel.begin() != rel.end() && *rel.begin() == "assets";
      resp.SetHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
      resp.SetHeader("Vary", "Accept-Encoding");
      if (gz) {
        resp.SetHeader("Content-Encoding", "gzip");
      }
    }
  }
  if (rel.empty()) {
    if (!ReadFile(root_ / "index.html", resp.body)) {
      return Error::NotFound("http.webNotBuilt", "the web app is not built (no index.html in " +
                                                     root_.string() + "); `make run` builds it");
    }
    resp.content_type = "text/html; charset=utf-8";
    resp.SetHeader("Cache-Control", "no-cache");
    ext = ".html";
  }
  if (ext == ".html") {
    resp.SetHeader("Content-Security-Policy", std::string(kPageSecurityPolicy));
    resp.SetHeader("X-Frame-Options", "DENY");
    resp.SetHeader("Referrer-Policy", "same-origin");
  }
  return resp;
}

}  // namespace steward::http
