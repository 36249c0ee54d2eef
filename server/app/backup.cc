// Online backup and restore of a data directory (S13): the database copied from one snapshot
// while the server keeps serving, and the content-addressed attachment files, which never change
// once written, hard-linked (or copied across file systems).
#include "app/application.h"

#include <filesystem>

namespace steward::app {
namespace fs = std::filesystem;

namespace {

Status CopyAttachments(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(from, ec)) {
    return Ok();
  }
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    fs::path rel = fs::relative(it->path(), from, ec);
    fs::path dest = to / rel;
    if (it->is_directory()) {
      fs::create_directories(dest, ec);
      continue;
    }
    if (it->path().extension().string().rfind(".tmp", 0) == 0) {
      continue;  // an upload still being written
    }
    fs::create_directories(dest.parent_path(), ec);
    fs::create_hard_link(it->path(), dest, ec);
    if (ec) {
      ec.clear();
      fs::copy_file(it->path(), dest, fs::copy_options::skip_existing, ec);
    }
    if (ec) {
      return Error::Unavailable("app.backupFailed", "cannot copy " + it->path().string(),
                                ec.message());
    }
  }
  if (ec) {
    return Error::Unavailable("app.backupFailed", "cannot read the attachments", ec.message());
  }
  return Ok();
}

}  // namespace

Status WriteBackup(Application& app, const std::string& data_dir, const std::string& target_dir) {
  std::error_code ec;
  if (fs::exists(target_dir, ec) && !fs::is_empty(target_dir, ec)) {
    return Error::AlreadyExists("app.backupExists",
                                "the backup directory is not empty: " + target_dir);
  }
  fs::create_directories(target_dir, ec);
  if (ec) {
    return Error::Unavailable("app.backupFailed", "cannot create " + target_dir, ec.message());
  }
  // Database first: every attachment row it contains has its file already (files are fsynced
  // before their rows commit), so copying the files afterwards covers them all.
  STEWARD_TRY(app.db().BackupTo((fs::path(target_dir) / "steward.db").string()));
  return CopyAttachments(fs::path(data_dir) / "attachments", fs::path(target_dir) / "attachments");
}

Status RestoreBackup(const std::string& backup_dir, const std::string& data_dir) {
  std::error_code ec;
  fs::path db = fs::path(backup_dir) / "steward.db";
  if (!fs::exists(db, ec)) {
    return Error::NotFound("app.noBackup", "no steward.db in " + backup_dir);
  }
  fs::path target = fs::path(data_dir) / "steward.db";
  if (fs::exists(target, ec)) {
    return Error::AlreadyExists("app.dataExists", "refusing to overwrite " + target.string() +
                                                      "; restore into an empty data directory");
  }
  fs::create_directories(data_dir, ec);
  fs::copy_file(db, target, ec);
  if (ec) {
    return Error::Unavailable("app.restoreFailed", "cannot copy the database", ec.message());
  }
  return CopyAttachments(fs::path(backup_dir) / "attachments", fs::path(data_dir) / "attachments");
}

}  // namespace steward::app
