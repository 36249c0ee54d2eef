#include "http/static_files.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace steward::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("steward-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<html>app</html>");
    Write(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    Write(root_ / "assets" / "app-1a2b.js.gz", "GZ");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(root_.parent_path() / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(root_); }

  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  static std::string Header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) {
        return v;
      }
    }
    return "";
  }

  Result<Response> Get(std::string path, std::string accept_encoding = "") {
    Request req;
    req.path = std::move(path);
    if (!accept_encoding.empty()) {
      req.headers.emplace_back("accept-encoding", accept_encoding);
    }
    return StaticFiles(root_).Serve(req);
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYear) {
  auto r = Get("/assets/app-1a2b.js");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "console.log(1)");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(*r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(*r, "Content-Encoding"), "");
}

TEST_F(StaticFilesTest, GzipCopyOnlyForClientsThatAcceptIt) {
  auto r = Get("/assets/app-1a2b.js", "br, gzip");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "GZ");
  EXPECT_EQ(Header(*r, "Content-Encoding"), "gzip");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, AStaleGzipCopyIsIgnored) {
  auto js = root_ / "assets" / "app-1a2b.js";
  fs::last_write_time(js.string() + ".gz", fs::last_write_time(js) - std::chrono::hours(1));
  auto r = Get("/assets/app-1a2b.js", "gzip");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "console.log(1)");
  EXPECT_EQ(Header(*r, "Content-Encoding"), "");
}

TEST_F(StaticFilesTest, ClientRoutesGetTheAppPageWithItsPolicy) {
  for (const char* path : {"/", "/projects/ITO/queues/3", "/portal/requests/ITO-2052"}) {
    auto r = Get(path);
    ASSERT_TRUE(r.ok()) << path;
    EXPECT_EQ(r->body, "<html>app</html>") << path;
    EXPECT_EQ(Header(*r, "Cache-Control"), "no-cache") << path;
    EXPECT_NE(Header(*r, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  }
}

TEST_F(StaticFilesTest, MissingFilesWithAnExtensionAre404) {
  auto r = Get("/assets/gone-9z.js");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(StaticFilesTest, PathsNeverLeaveTheRoot) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                           "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                           "/assets\\..\\..\\secret.txt", "/%00index.html"}) {
    auto r = Get(path);
    if (r.ok()) {
      EXPECT_NE(r->body, "secret") << path;
    }
  }
}

TEST_F(StaticFilesTest, WithoutABuildTheAppRouteSaysSo) {
  fs::remove(root_ / "index.html");
  EXPECT_FALSE(StaticFiles(root_).Available());
  auto r = Get("/projects/ITO/queues");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_id, "http.webNotBuilt");
}

}  // namespace
}  // namespace steward::http
