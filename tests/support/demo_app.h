// Helpers for in-process tests that run the whole application on a real SQLite database in a
// temporary directory (tests/automation, tests/tickets; their targets add tests/ to the include
// path).
#pragma once

#include "app/application.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace steward::test_support {

// A fresh directory for the current test: `<tmp>/steward-<prefix>-<pid>-<test name>`, emptied.
inline std::filesystem::path FreshTestDir(std::string_view prefix) {
  auto dir = std::filesystem::temp_directory_path() /
             ("steward-" + std::string(prefix) + "-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  return dir;
}

// The demo's administrator as a principal (its id read from the database).
inline http::Principal DemoAdmin(app::Application& a) {
  http::Principal admin;
  admin.username = "admin";
  admin.kind = "admin";
  Status read = a.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id FROM users WHERE username = 'admin'", {},
                   [&](const storage::Row& r) { admin.user_id = r.Int(0); });
  });
  EXPECT_TRUE(read.ok());
  EXPECT_NE(admin.user_id, 0);
  return admin;
}

}  // namespace steward::test_support
