#include "storage/database.h"
#include "storage/migrations.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

namespace steward::storage {
namespace {

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("steward-db-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    SqliteOptions o;
    o.path = (dir_ / "t.db").string();
    auto db = OpenSqlite(o);
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    std::vector<Migration> m = {
        {"t", 1, "init", "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL);"}};
    ASSERT_TRUE(ApplyMigrations(*db_, m).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteDatabaseTest, MigrationsApplyOnce) {
  std::vector<Migration> m = {{"t", 1, "init", "CREATE TABLE kv (k TEXT);"},
                              {"t", 2, "more", "CREATE TABLE other (x INTEGER);"}};
  auto ran = ApplyMigrations(*db_, m);
  ASSERT_TRUE(ran.ok());
  EXPECT_EQ(*ran, 1);  // version 1 was applied in SetUp; only 2 runs
}

TEST_F(SqliteDatabaseTest, FailedWriteRollsBackAlone) {
  Status bad = db_->WriteTx([](Connection& c) -> Status {
    STEWARD_TRY(c.Exec("INSERT INTO kv(k, v) VALUES ('a', 1)"));
    return Error::InvalidArgument("test.fail", "fail");
  });
  EXPECT_FALSE(bad.ok());
  Status good =
      db_->WriteTx([](Connection& c) { return c.Exec("INSERT INTO kv(k, v) VALUES ('b', 2)"); });
  EXPECT_TRUE(good.ok());
  auto count = db_->Read([](Connection& c) { return c.QueryInt("SELECT count(*) FROM kv"); });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(**count, 1);
}

TEST_F(SqliteDatabaseTest, DuplicateKeyIsAlreadyExists) {
  ASSERT_TRUE(
      db_->WriteTx([](Connection& c) { return c.Exec("INSERT INTO kv VALUES ('a', 1)"); }).ok());
  Status dup = db_->WriteTx([](Connection& c) { return c.Exec("INSERT INTO kv VALUES ('a', 2)"); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersAreBatchedWithoutLosingAny) {
  constexpr int kThreads = 16, kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string k = std::to_string(t) + ":" + std::to_string(i);
        Status s = db_->WriteTx([&](Connection& c) {
          return c.Exec("INSERT INTO kv(k, v) VALUES (?, ?)", {k, i});
        });
        if (!s.ok()) {
          failures++;
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(failures.load(), 0);
  auto count = db_->Read([](Connection& c) { return c.QueryInt("SELECT count(*) FROM kv"); });
  EXPECT_EQ(**count, kThreads * kEach);
  auto stats = db_->Stats();
  EXPECT_LT(stats.commits, stats.transactions);  // group commit batched some
}

TEST_F(SqliteDatabaseTest, ParametersAreNeverSpliced) {
  std::string hostile = "x'); DROP TABLE kv; --";
  ASSERT_TRUE(db_->WriteTx([&](Connection& c) {
                   return c.Exec("INSERT INTO kv(k, v) VALUES (?, 1)", {hostile});
                 })
                  .ok());
  auto v = db_->Read([&](Connection& c) { return c.QueryString("SELECT k FROM kv WHERE v = 1"); });
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(**v, hostile);
}

}  // namespace
}  // namespace steward::storage
