// The full-text indexes brought up to date once per commit (tickets::FlushTextIndex): after
// transactions of every shape — many edits in one, several callers batched into one commit, an
// issue created and edited and deleted in one, a caller that fails and rolls back — the indexes
// hold exactly the committed text (FTS5's own integrity check compares them with the issues and
// comments tables), nothing is left pending, and a text query inside a write transaction sees
// that transaction's changes. A real SQLite database in a temporary directory with the demo.
#include "app/application.h"
#include "sql/ast.h"
#include "sql/run.h"
#include "support/demo_app.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace steward {
namespace {

namespace json = boost::json;

class TextIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshTestDir("text-index");
    auto a = app::Application::Open(dir_.string(), SystemClock::Instance());
    ASSERT_TRUE(a.ok()) << a.error().message;
    app_ = std::move(*a);
    ASSERT_TRUE(app::LoadDemo(*app_, SystemClock::Instance().Now()).ok());
    admin_ = test_support::DemoAdmin(*app_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string NewIssue(storage::Connection& c, const std::string& summary) {
    auto id = app_->tickets().CreateIssueIn(
        c, admin_, json::object{{"project", "ITO"}, {"issueType", "Task"}, {"summary", summary}});
    EXPECT_TRUE(id.ok()) << id.error().message;
    auto key = c.QueryString("SELECT key FROM issues WHERE id = ?", {id.ok() ? *id : 0});
    EXPECT_TRUE(key.ok() && *key);
    return key.ok() && *key ? **key : "";
  }
  // Keys a committed text search finds, in key order.
  std::vector<std::string> Find(const std::string& jql) {
    tickets::SearchRequest req;
    req.jql = jql + " ORDER BY key";
    req.fields = {"key"};
    req.limit = tickets::SearchService::kMaxLimit;
    auto r = app_->search().Search(admin_, req);
    EXPECT_TRUE(r.ok()) << jql << ": " << r.error().message;
    std::vector<std::string> keys;
    if (r.ok()) {
      for (const auto& i : r->at("issues").as_array()) {
        keys.emplace_back(i.at("key").as_string());
      }
    }
    return keys;
  }
  // FTS5's check of an external-content index against its table, and what is still pending.
  void ExpectConsistent() {
    ASSERT_TRUE(
        app_->db()
            .WriteTx([](storage::Connection& c) -> Status {
              STEWARD_TRY(
                  c.Exec("INSERT INTO issues_fts(issues_fts, rank) VALUES ('integrity-check', 1)"));
              return c.Exec(
                  "INSERT INTO comments_fts(comments_fts, rank) VALUES "
                  "('integrity-check', 1)");
            })
            .ok());
    ASSERT_TRUE(app_->db()
                    .ReadTx([](storage::Connection& c) -> Status {
                      auto n = c.QueryInt(
                          "SELECT (SELECT count(*) FROM issues_fts_pending) + (SELECT count(*) "
                          "FROM comments_fts_pending)");
                      EXPECT_TRUE(n.ok());
                      EXPECT_EQ(n.ok() ? n->value_or(-1) : -1, 0);
                      return Ok();
                    })
                    .ok());
  }

  std::filesystem::path dir_;
  std::unique_ptr<app::Application> app_;
  http::Principal admin_;
};

TEST_F(TextIndexTest, ManyChangesInOneTransactionLeaveTheCommittedText) {
  std::vector<std::string> keys;
  ASSERT_TRUE(
      app_->db()
          .WriteTx([&](storage::Connection& c) -> Status {
            for (int i = 0; i < 20; ++i) {
              keys.push_back(NewIssue(c, "aardvark " + std::to_string(i)));
            }
            // Edited twice: the index must drop the first text, not the second.
            for (int i = 0; i < 10; ++i) {
              STEWARD_TRY(app_->tickets().UpdateIssueIn(
                  c, admin_, keys[i], {{"summary", "bumblebee " + std::to_string(i)}}));
              STEWARD_TRY(app_->tickets().UpdateIssueIn(
                  c, admin_, keys[i],
                  {{"summary", "chameleon " + std::to_string(i)}, {"description", "dromedary"}}));
            }
            // Created and deleted in the same transaction: never indexed.
            std::string gone = NewIssue(c, "aardvark ephemeral");
            return c.Exec("DELETE FROM issues WHERE key = ?", {gone});
          })
          .ok());
  EXPECT_EQ(Find("summary ~ aardvark").size(), 10u);
  EXPECT_TRUE(Find("summary ~ bumblebee").empty());
  EXPECT_EQ(Find("summary ~ chameleon").size(), 10u);
  EXPECT_EQ(Find("description ~ dromedary").size(), 10u);
  EXPECT_TRUE(Find("summary ~ ephemeral").empty());
  ExpectConsistent();

  // Edited again and deleted in later transactions: the old text leaves the index.
  ASSERT_TRUE(app_->tickets().UpdateIssue(admin_, keys[0], {{"summary", "flamingo"}}).ok());
  ASSERT_TRUE(app_->db()
                  .WriteTx([&](storage::Connection& c) -> Status {
                    return c.Exec("DELETE FROM issues WHERE key = ?", {keys[1]});
                  })
                  .ok());
  EXPECT_EQ(Find("summary ~ flamingo"), std::vector<std::string>{keys[0]});
  EXPECT_EQ(Find("summary ~ chameleon").size(), 8u);
  ExpectConsistent();
}

TEST_F(TextIndexTest, CommentsAndBatchedCallersAreIndexedOnce) {
  std::string key;
  ASSERT_TRUE(app_->db()
                  .WriteTx([&](storage::Connection& c) -> Status {
                    key = NewIssue(c, "gazelle");
                    return Ok();
                  })
                  .ok());
  auto comment = app_->tickets().AddComment(admin_, key, {{"body", "hippopotamus sighted"}});
  ASSERT_TRUE(comment.ok());
  EXPECT_EQ(Find("comment ~ hippopotamus"), std::vector<std::string>{key});
  ASSERT_TRUE(
      app_->tickets()
          .EditComment(admin_, key, comment->at("id").as_int64(), {{"body", "iguana sighted"}})
          .ok());
  EXPECT_TRUE(Find("comment ~ hippopotamus").empty());
  EXPECT_EQ(Find("comment ~ iguana"), std::vector<std::string>{key});

  // Callers on several threads: the writer batches them into shared commits; one of them fails
  // after its edit and is rolled back alone.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        Status s = app_->db().WriteTx([&](storage::Connection& c) -> Status {
          std::string k = NewIssue(c, "jackal " + std::to_string(t));
          STEWARD_TRY(app_->tickets().UpdateIssueIn(c, admin_, k, {{"description", "koala"}}));
          if (t == 3 && i % 5 == 0) {
            return Error::InvalidArgument("test.rollback", "rolled back on purpose");
          }
          return Ok();
        });
        EXPECT_EQ(s.ok(), !(t == 3 && i % 5 == 0));
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(Find("summary ~ jackal").size(), 95u);
  EXPECT_EQ(Find("description ~ koala").size(), 95u);
  ExpectConsistent();
}

TEST_F(TextIndexTest, TextQueryInsideAWriteTransactionSeesItsChanges) {
  bool found_new = false;
  bool found_old = false;
  ASSERT_TRUE(
      app_->db()
          .WriteTx([&](storage::Connection& c) -> Status {
            std::string key = NewIssue(c, "lemming");
            STEWARD_TRY(app_->tickets().UpdateIssueIn(c, admin_, key, {{"summary", "mongoose"}}));
            auto run = [&](const std::string& jql, bool& found) -> Status {
              STEWARD_ASSIGN_OR_RETURN(auto ids, app_->search().IssueIds(c, admin_, jql));
              sql::Select s;
              s.columns = {{sql::Col("x", "id"), ""}};
              s.from = "issues";
              s.from_alias = "x";
              s.where = sql::And({sql::Bin(sql::BinaryOp::kEq, sql::Col("x", "key"), sql::P(key)),
                                  sql::InSelect(sql::Col("x", "id"), ids)});
              return sql::Run(c, sql::Print(s, sql::DialectOf(c)),
                              [&](const storage::Row&) { found = true; });
            };
            STEWARD_TRY(run("summary ~ mongoose", found_new));
            return run("summary ~ lemming", found_old);
          })
          .ok());
  EXPECT_TRUE(found_new);
  EXPECT_FALSE(found_old);
  ExpectConsistent();
}

}  // namespace
}  // namespace steward
