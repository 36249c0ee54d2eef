#include "storage/attachment_store.h"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <magic.h>
#include <random>
#include <sodium.h>
#include <sstream>
#include <unistd.h>

namespace steward::storage {
namespace fs = std::filesystem;

std::string AttachmentStore::PathFor(std::string_view sha) const {
  return root_ + "/" + std::string(sha.substr(0, 2)) + "/" + std::string(sha.substr(2, 2)) + "/" +
         std::string(sha);
}

std::string AttachmentStore::Sniff(std::string_view bytes) {
  std::lock_guard lock(magic_mu_);
  magic_t m = magic_open(MAGIC_MIME_TYPE);
  std::string out = "application/octet-stream";
  if (m && magic_load(m, nullptr) == 0) {
    const char* t = magic_buffer(m, bytes.data(), bytes.size());
    if (t) {
      out = t;
    }
  }
  if (m) {
    magic_close(m);
  }
  return out;
}

Result<AttachmentStore::Stored> AttachmentStore::Put(std::string_view bytes) {
  if (bytes.size() > kMaxAttachmentBytes) {
    return Error::PayloadTooLarge("tickets.attachmentTooLarge",
                                  "an attachment may be at most 20 MB");
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  Stored out{hex, Sniff(bytes)};
  std::string path = PathFor(out.sha256);
  std::error_code ec;
  if (fs::exists(path, ec)) {
    return out;
  }
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) {
    return Error::Unavailable("tickets.attachmentStore", "cannot store the attachment now",
                              ec.message());
  }
  std::random_device rd;
  std::string tmp = path + ".tmp" + std::to_string(rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    return Error::Unavailable("tickets.attachmentStore", "cannot store the attachment now",
                              "open " + tmp + " failed");
  }
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error::Unavailable("tickets.attachmentStore", "cannot store the attachment now",
                                "write failed");
    }
    off += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Error::Unavailable("tickets.attachmentStore", "cannot store the attachment now",
                              "fsync/rename failed");
  }
  int dir = ::open(fs::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return out;
}

Result<std::string> AttachmentStore::Get(std::string_view sha256) const {
  std::ifstream in(PathFor(sha256), std::ios::binary);
  if (!in) {
    return Error::NotFound("tickets.attachmentMissing", "the attachment content is missing");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace steward::storage
