#include "http/files.h"

#include "base/text.h"

namespace steward::http {
namespace {

// Extracts the first file part of a multipart/form-data body.
Result<std::pair<std::string, std::string>> MultipartFile(const Request& req) {
  std::string_view ct = req.Header("content-type");
  size_t b = ct.find("boundary=");
  if (b == std::string_view::npos) {
    return Error::InvalidArgument("http.badMultipart", "multipart body without a boundary");
  }
  std::string boundary(ct.substr(b + 9));
  if (size_t semi = boundary.find(';'); semi != std::string::npos) {
    boundary.resize(semi);
  }
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 200) {
    return Error::InvalidArgument("http.badMultipart", "bad multipart boundary");
  }
  std::string delim = "--" + boundary;
  std::string_view body = req.body;
  size_t pos = body.find(delim);
  while (pos != std::string_view::npos) {
    size_t start = pos + delim.size();
    if (body.substr(start, 2) == "--") {
      break;
    }
    size_t headers_end = body.find("\r\n\r\n", start);
    if (headers_end == std::string_view::npos) {
      break;
    }
    std::string_view headers = body.substr(start, headers_end - start);
    size_t next = body.find("\r\n" + delim, headers_end + 4);
    if (next == std::string_view::npos) {
      break;
    }
    std::string lower = AsciiLower(headers);
    size_t fn = lower.find("filename=\"");
    if (fn != std::string::npos) {
      size_t fn_end = headers.find('"', fn + 10);
      if (fn_end == std::string_view::npos) {
        break;
      }
      return std::make_pair(std::string(headers.substr(fn + 10, fn_end - fn - 10)),
                            std::string(body.substr(headers_end + 4, next - headers_end - 4)));
    }
    pos = next + 2;
  }
  return Error::InvalidArgument("http.badMultipart", "the multipart body has no file part", "file");
}

std::string ContentDisposition(const std::string& filename, bool inline_ok) {
  std::string ascii;
  for (char c : filename) {
    ascii += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e ||
              c == '"' || c == '\\')
                 ? '_'
                 : c;
  }
  return std::string(inline_ok ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + PercentEncode(filename);
}

}  // namespace

Result<Upload> ReadUpload(Request& req, std::size_t max_bytes) {
  Upload up;
  if (req.Header("content-type").rfind("multipart/form-data", 0) == 0) {
    STEWARD_ASSIGN_OR_RETURN(auto part, MultipartFile(req));
    up.filename = std::move(part.first);
    up.bytes = std::move(part.second);
  } else {
    up.filename = req.QueryParam("filename").value_or(std::string(req.Header("x-filename")));
    up.bytes = std::move(req.body);
  }
  if (up.bytes.size() > max_bytes) {
    return Error::PayloadTooLarge(
        "http.fileTooLarge",
        "a file may be at most " + std::to_string(max_bytes / 1048576) + " MB");
  }
  return up;
}

bool ValidFilename(std::string_view f) {
  if (f.empty() || f.size() > 255 || f == "." || f == "..") {
    return false;
  }
  for (char ch : f) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == '/' || ch == '\\') {
      return false;
    }
  }
  return IsValidUtf8(f);
}

Response FileResponse(const std::string& filename, const std::string& mime_type,
                      std::string bytes) {
  Response resp;
  resp.status = 200;
  bool image = mime_type.rfind("image/", 0) == 0 && mime_type != "image/svg+xml";
  resp.content_type = mime_type;
  resp.SetHeader("Content-Disposition", ContentDisposition(filename, image));
  resp.SetHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  resp.body = std::move(bytes);
  return resp;
}

}  // namespace steward::http
