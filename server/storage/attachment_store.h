// AttachmentStore: attachment bytes stored content-addressed beside the database
// (<data>/attachments/ab/cd/<sha256>), written to a temporary file, fsynced and renamed into
// place before the metadata row commits, so an answered upload is durable. Identical content is
// stored once. The media type is sniffed from the bytes (libmagic), never taken from the client.
//
// Thread-safety: safe from any thread (libmagic calls are serialised).
#pragma once

#include "base/result.h"

#include <mutex>
#include <string>
#include <string_view>

namespace steward::storage {

inline constexpr size_t kMaxAttachmentBytes = 20 * 1024 * 1024;

class AttachmentStore {
 public:
  explicit AttachmentStore(std::string root) : root_(std::move(root)) {}

  struct Stored {
    std::string sha256;
    std::string mime_type;
  };
  Result<Stored> Put(std::string_view bytes);
  Result<std::string> Get(std::string_view sha256) const;
  std::string Sniff(std::string_view bytes);

 private:
  std::string PathFor(std::string_view sha256) const;
  std::string root_;
  std::mutex magic_mu_;
};

}  // namespace steward::storage
