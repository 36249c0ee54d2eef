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

// Readers keep their snapshot between calls; a read that starts after a write was answered
// must still see that write, on the writing thread and on every other.
TEST_F(SqliteDatabaseTest, ReadsSeeEveryAnsweredWrite) {
  ASSERT_TRUE(
      db_->WriteTx([](Connection& c) { return c.Exec("INSERT INTO kv VALUES ('n', 0)"); }).ok());
  std::atomic<int> acked{0};
  std::atomic<bool> stop{false};
  std::atomic<int> stale{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        int before = acked.load();
        auto v =
            db_->Read([](Connection& c) { return c.QueryInt("SELECT v FROM kv WHERE k='n'"); });
        if (!v.ok() || !*v || **v < before) {
          stale++;
        }
        reads++;
      }
    });
  }
  for (int i = 1; i <= 300; ++i) {
    ASSERT_TRUE(db_->WriteTx([&](Connection& c) {
                     return c.Exec("UPDATE kv SET v = ? WHERE k = 'n'", {i});
                   })
                    .ok());
    acked = i;
    auto mine = db_->Read([](Connection& c) { return c.QueryInt("SELECT v FROM kv WHERE k='n'"); });
    ASSERT_TRUE(mine.ok());
    ASSERT_EQ(**mine, i);
  }
  stop = true;
  for (auto& th : readers) {
    th.join();
  }
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(stale.load(), 0);
}

TEST_F(SqliteDatabaseTest, ReadInsideReadUsesItsOwnConnection) {
  ASSERT_TRUE(
      db_->WriteTx([](Connection& c) { return c.Exec("INSERT INTO kv VALUES ('a', 7)"); }).ok());
  auto outer = db_->Read([&](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto a, c.QueryInt("SELECT v FROM kv WHERE k = 'a'"));
    auto inner = db_->Read([](Connection& c2) { return c2.QueryInt("SELECT count(*) FROM kv"); });
    if (!inner.ok()) {
      return inner.error();
    }
    return *a + **inner;
  });
  ASSERT_TRUE(outer.ok());
  EXPECT_EQ(*outer, 8);
}

TEST_F(SqliteDatabaseTest, FailedReadDoesNotPoisonTheNextOne) {
  Status bad = db_->ReadTx([](Connection& c) { return c.Exec("SELECT * FROM no_such_table"); });
  EXPECT_FALSE(bad.ok());
  auto ok = db_->Read([](Connection& c) { return c.QueryInt("SELECT count(*) FROM kv"); });
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(**ok, 0);
}

}  // namespace
}  // namespace steward::storage
