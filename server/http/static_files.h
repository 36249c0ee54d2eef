// StaticFiles: serves the built web app (web/dist) for every GET that no API route matches.
//
// A path naming a file under the root is served with its type; hashed build assets (/assets/…)
// are cached for a year, everything else is revalidated. Any other path without a file
// extension is a client-side route and gets index.html, so deep links and reloads work. A
// pre-compressed `name.gz` beside a file (not older than it) is sent to clients that accept
// gzip. Paths are
// percent-decoded and may not leave the root.
//
// Thread-safety: immutable after construction; Serve() is safe from any thread.
#pragma once

#include "base/result.h"
#include "http/message.h"

#include <filesystem>

namespace steward::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // True when the root holds an index.html.
  bool Available() const;
  const std::filesystem::path& root() const { return root_; }

  Result<Response> Serve(const Request& req) const;

 private:
  std::filesystem::path root_;
};

}  // namespace steward::http
