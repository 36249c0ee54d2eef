// The automation engine in virtual time, in process: scheduled rules fire when their cron says in
// their time zone (and a missed run fires once after a pause), and the outbox is consumed exactly
// once across a restart (events written while no engine ran are executed when one starts; events
// already executed never again). The application runs on a real SQLite database in a temporary
// directory with the demo loaded at a fixed "now"; the engine's thread is not started: the test
// drives FireDueSchedules and RunOnce itself.
#include "app/application.h"
#include "base/time_format.h"
#include "support/demo_app.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>

namespace steward {
namespace {

namespace json = boost::json;

// Monday 2026-11-23 07:59 UTC (08:59 in Berlin).
constexpr TimestampMs kMonday0759 = 1795420740000;
constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kDay = 86400000;

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshTestDir("engine");
    Open();
    ASSERT_TRUE(app::LoadDemo(*app_, clock_.Now()).ok());
    // Nothing from the demo is pending for these tests' rules.
    ASSERT_TRUE(app_->engine().SkipToNewest().ok());
    admin_ = test_support::DemoAdmin(*app_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    auto a = app::Application::Open(dir_.string(), clock_);
    ASSERT_TRUE(a.ok()) << a.error().message;
    app_ = std::move(*a);
  }
  std::string NewIssue(const std::string& summary) {
    auto r = app_->tickets().CreateIssue(
        admin_, json::object{{"project", "ITO"}, {"issueType", "Task"}, {"summary", summary}});
    EXPECT_TRUE(r.ok()) << r.error().message;
    return std::string(r->at("key").as_string());
  }
  json::array Labels(const std::string& key) {
    auto r = app_->tickets().GetIssue(admin_, key);
    EXPECT_TRUE(r.ok());
    return r->at("labels").as_array();
  }
  json::array Audit(std::int64_t rule) {
    auto r = app_->automation().Audit(admin_, rule, 100, std::nullopt);
    EXPECT_TRUE(r.ok());
    return r->at("values").as_array();
  }

  FakeClock clock_{kMonday0759};
  std::filesystem::path dir_;
  std::unique_ptr<app::Application> app_;
  http::Principal admin_;
};

TEST_F(EngineTest, ScheduledRuleFiresOnItsCronInItsTimeZone) {
  auto rule = app_->automation().CreateRule(
      admin_,
      json::object{
          {"name", "weekday sweep"},
          {"projects", json::array{"ITO"}},
          {"trigger", json::object{{"type", "scheduled"},
                                   {"cron", "0 9 * * MON-FRI"},
                                   {"timeZone", "Europe/Berlin"},
                                   {"jql", "project = ITO AND summary ~ \"virtual sweep\""}}},
          {"components",
           json::array{json::object{{"type", "editIssue"},
                                    {"fields", json::object{{"labels", "swept"}}}}}}});
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  std::int64_t id = rule->at("id").as_int64();
  // 09:00 in Berlin is 08:00 UTC in November.
  EXPECT_EQ(rule->at("nextRun").as_string(), "2026-11-23T08:00:00.000Z");
  std::string a = NewIssue("virtual sweep one");
  std::string b = NewIssue("virtual sweep two");
  ASSERT_TRUE(app_->engine().RunOnce(4).ok());  // the creations: no rule of theirs

  clock_.Set(kMonday0759 + 30000);
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 0);
  EXPECT_TRUE(Labels(a).empty());

  clock_.Set(kMonday0759 + kMinute);  // 08:00 UTC
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 1);
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 0);  // once
  ASSERT_TRUE(app_->engine().RunOnce(4).ok());
  EXPECT_EQ(Labels(a), (json::array{"swept"}));
  EXPECT_EQ(Labels(b), (json::array{"swept"}));
  auto audit = Audit(id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].at("outcome").as_string(), "SUCCESS");
  EXPECT_EQ(audit[0].at("items").as_array().size(), 2u);
  auto next = app_->automation().GetRule(admin_, id);
  EXPECT_EQ(next->at("nextRun").as_string(), "2026-11-24T08:00:00.000Z");  // Tuesday

  // Down from Tuesday to Friday: the missed runs fire once, then the schedule moves on.
  clock_.Set(kMonday0759 + 4 * kDay + 2 * kMinute);  // Friday 08:01 UTC
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 1);
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 0);
  next = app_->automation().GetRule(admin_, id);
  EXPECT_EQ(next->at("nextRun").as_string(), "2026-11-30T08:00:00.000Z");  // next Monday
  clock_.Set(kMonday0759 + 5 * kDay + kMinute);  // Saturday 08:00 UTC: not a weekday
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 0);
  ASSERT_TRUE(app_->engine().RunOnce(4).ok());
  EXPECT_EQ(Audit(id).size(), 2u);

  // Disabled: no schedule.
  ASSERT_TRUE(app_->automation().UpdateRule(admin_, id, json::object{{"enabled", false}}).ok());
  clock_.Set(kMonday0759 + 7 * kDay + kMinute);
  EXPECT_EQ(*app_->engine().FireDueSchedules(clock_.Now()), 0);
}

TEST_F(EngineTest, OutboxIsConsumedExactlyOnceAcrossARestart) {
  auto rule = app_->automation().CreateRule(
      admin_,
      json::object{{"name", "label new"},
                   {"projects", json::array{"ITO"}},
                   {"trigger", json::object{{"type", "issueCreated"}}},
                   {"components", json::array{json::object{{"type", "comment"},
                                                           {"internal", true},
                                                           {"body", "seen {{issue.key}}"}}}}});
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  std::int64_t id = rule->at("id").as_int64();
  std::string first = NewIssue("before the crash");
  ASSERT_TRUE(app_->engine().RunOnce(4).ok());
  ASSERT_EQ(Audit(id).size(), 1u);
  // Committed changes no engine has seen yet, then the process goes away.
  std::string second = NewIssue("committed, not executed");
  std::string third = NewIssue("also committed");
  app_.reset();
  Open();
  EXPECT_EQ(Audit(id).size(), 1u);
  auto n = app_->engine().RunOnce(4);
  ASSERT_TRUE(n.ok());
  EXPECT_GE(*n, 2);
  auto audit = Audit(id);
  ASSERT_EQ(audit.size(), 3u);
  std::set<std::string> issues;
  for (const auto& e : audit) {
    issues.insert(std::string(e.at("issue").as_string()));
    EXPECT_EQ(e.at("outcome").as_string(), "SUCCESS");
  }
  EXPECT_EQ(issues, (std::set<std::string>{first, second, third}));
  // Nothing runs twice.
  ASSERT_TRUE(app_->engine().RunOnce(4).ok());
  EXPECT_EQ(Audit(id).size(), 3u);
  auto comments = app_->tickets().ListComments(admin_, second);
  ASSERT_TRUE(comments.ok());
  std::string text = json::serialize(*comments);
  EXPECT_NE(text.find("seen " + second), std::string::npos);
}

}  // namespace
}  // namespace steward
