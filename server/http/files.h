// File uploads and downloads at the HTTP edge, shared by every module that keeps attachments
// (issues, CMDB objects): reading an upload (multipart/form-data, or a raw body with the name in
// ?filename= or X-Filename), checking file names, and answering file content safely
// (Content-Disposition with an ASCII fallback, a sandboxing CSP, inline only for raster images).
//
// Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "http/message.h"

#include <string>
#include <string_view>

namespace steward::http {

struct Upload {
  std::string filename;
  std::string bytes;
};

// The uploaded file of `req` (moves the body out of a raw upload). Fails with 400 for a bad
// multipart body and 413 when the file exceeds `max_bytes`.
Result<Upload> ReadUpload(Request& req, std::size_t max_bytes);

// 1-255 bytes of UTF-8 without control characters or slashes, and not "." or "..".
bool ValidFilename(std::string_view filename);

// A download of `bytes` named `filename` of media type `mime_type`.
Response FileResponse(const std::string& filename, const std::string& mime_type, std::string bytes);

}  // namespace steward::http
