#include "automation/cron.h"

#include "base/time_format.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <vector>

namespace steward::automation {
namespace {

TimestampMs T(const std::string& iso) {
  std::optional<TimestampMs> t = ParseIsoDateTime(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

// The next `n` firings after `after`, as ISO UTC text ("none" once there is no next one).
std::vector<std::string> Fires(const std::string& expr, const std::string& zone,
                               const std::string& after, int n = 1) {
  Result<CronSchedule> s = CronSchedule::Parse(expr, zone);
  if (!s.ok()) {
    ADD_FAILURE() << expr << ": " << s.error().message;
    return {};
  }
  std::vector<std::string> out;
  TimestampMs t = T(after);
  for (int i = 0; i < n; ++i) {
    std::optional<TimestampMs> next = s->NextAfter(t);
    if (!next) {
      out.push_back("none");
      break;
    }
    EXPECT_GT(*next, t);
    out.push_back(FormatIsoUtc(*next));
    t = *next;
  }
  return out;
}

std::string Next(const std::string& expr, const std::string& zone, const std::string& after) {
  std::vector<std::string> f = Fires(expr, zone, after);
  return f.empty() ? "error" : f[0];
}

using V = std::vector<std::string>;

// --- syntax forms
// ----------------------------------------------------------------------------------

TEST(Cron, EveryFifteenMinutesStrictlyAfter) {
  EXPECT_EQ(Next("*/15 * * * *", "UTC", "2026-11-25T10:07:00Z"), "2026-11-25T10:15:00.000Z");
  EXPECT_EQ(Next("*/15 * * * *", "UTC", "2026-11-25T10:15:00.000Z"), "2026-11-25T10:30:00.000Z");
  EXPECT_EQ(Next("*/15 * * * *", "UTC", "2026-11-25T10:14:59.999Z"), "2026-11-25T10:15:00.000Z");
  EXPECT_EQ(Next("*/15 * * * *", "UTC", "2026-11-25T10:15:00.001Z"), "2026-11-25T10:30:00.000Z");
  EXPECT_EQ(Next("*/15 * * * *", "UTC", "2026-11-25T23:50:00Z"), "2026-11-26T00:00:00.000Z");
  EXPECT_EQ(Next("* * * * *", "UTC", "2026-11-25T10:00:30.500Z"), "2026-11-25T10:01:00.000Z");
}

TEST(Cron, ListsRangesAndSteps) {
  EXPECT_EQ(
      Fires("0 1,5 * * *", "UTC", "2026-11-25T02:00:00Z", 3),
      (V{"2026-11-25T05:00:00.000Z", "2026-11-26T01:00:00.000Z", "2026-11-26T05:00:00.000Z"}));
  EXPECT_EQ(
      Fires("10-50/10 * * * *", "UTC", "2026-11-25T10:00:00Z", 6),
      (V{"2026-11-25T10:10:00.000Z", "2026-11-25T10:20:00.000Z", "2026-11-25T10:30:00.000Z",
         "2026-11-25T10:40:00.000Z", "2026-11-25T10:50:00.000Z", "2026-11-25T11:10:00.000Z"}));
  EXPECT_EQ(Fires("0 9-17/4 * * *", "UTC", "2026-11-25T00:00:00Z", 4),
            (V{"2026-11-25T09:00:00.000Z", "2026-11-25T13:00:00.000Z", "2026-11-25T17:00:00.000Z",
               "2026-11-26T09:00:00.000Z"}));
  EXPECT_EQ(Fires("0 5/20 * * * ?", "UTC", "2026-11-25T10:00:00Z", 4),
            (V{"2026-11-25T10:05:00.000Z", "2026-11-25T10:25:00.000Z", "2026-11-25T10:45:00.000Z",
               "2026-11-25T11:05:00.000Z"}));
  EXPECT_EQ(
      Fires("0 0,30 8-9 * * *", "UTC", "2026-11-25T08:10:00Z", 3),
      (V{"2026-11-25T08:30:00.000Z", "2026-11-25T09:00:00.000Z", "2026-11-25T09:30:00.000Z"}));
  EXPECT_EQ(Next("  0\t9  * * *  ", "UTC", "2026-11-25T10:00:00Z"), "2026-11-26T09:00:00.000Z");
}

TEST(Cron, WeekdaysByNumberAndName) {
  // 2026-11-28 is a Saturday.
  for (const char* expr : {"0 9 * * MON-FRI", "0 9 * * 1-5", "0 9 * * mon-fri", "0 9 * * Mon"}) {
    EXPECT_EQ(Next(expr, "UTC", "2026-11-28T12:00:00Z"), "2026-11-30T09:00:00.000Z") << expr;
  }
  for (const char* expr : {"0 12 * * 0", "0 12 * * 7", "0 12 * * SUN", "0 12 * * sun"}) {
    EXPECT_EQ(Next(expr, "UTC", "2026-11-25T12:00:00Z"), "2026-11-29T12:00:00.000Z") << expr;
  }
  EXPECT_EQ(
      Fires("0 9 * * MON,WED,FRI", "UTC", "2026-11-25T10:00:00Z", 3),
      (V{"2026-11-27T09:00:00.000Z", "2026-11-30T09:00:00.000Z", "2026-12-02T09:00:00.000Z"}));
  EXPECT_EQ(Next("0 0 * * 6-7", "UTC", "2026-11-25T10:00:00Z"), "2026-11-28T00:00:00.000Z");
}

TEST(Cron, MonthNames) {
  EXPECT_EQ(Next("0 0 1 JAN *", "UTC", "2026-11-25T10:00:00Z"), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 1 jan,Jul *", "UTC", "2027-01-02T00:00:00Z"), "2027-07-01T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 1 MAR-MAY *", "UTC", "2026-11-25T00:00:00Z"), "2027-03-01T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 1 */3 *", "UTC", "2026-11-25T00:00:00Z"), "2027-01-01T00:00:00.000Z");
}

TEST(Cron, LastDayOfMonth) {
  EXPECT_EQ(Next("0 0 L * *", "UTC", "2024-02-10T00:00:00Z"), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 L * *", "UTC", "2025-02-10T00:00:00Z"), "2025-02-28T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 L * *", "UTC", "2026-04-10T00:00:00Z"), "2026-04-30T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 L * *", "UTC", "2026-12-31T00:00:00Z"), "2027-01-31T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 L 2 *", "UTC", "2024-03-01T00:00:00Z"), "2025-02-28T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 0 L * ?", "UTC", "2026-11-01T00:00:00Z"), "2026-11-30T00:00:00.000Z");
  EXPECT_EQ(
      Fires("0 0 1,L * *", "UTC", "2026-11-15T00:00:00Z", 3),
      (V{"2026-11-30T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "2026-12-31T00:00:00.000Z"}));
}

TEST(Cron, LeapDaysAndImpossibleDates) {
  EXPECT_EQ(Next("0 0 29 2 *", "UTC", "2025-03-01T00:00:00Z"), "2028-02-29T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 29 2 *", "UTC", "2024-02-28T00:00:00Z"), "2024-02-29T00:00:00.000Z");
  // 2100 is not a leap year: the next 29 February after 2096 is in 2104, beyond five years.
  EXPECT_EQ(Next("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 31 4,6,9,11 *", "UTC", "2026-01-01T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 31 * *", "UTC", "2026-11-01T00:00:00Z"), "2026-12-31T00:00:00.000Z");
}

TEST(Cron, DayOfMonthOrDayOfWeek) {
  // Both restricted: either matches (Vixie cron). 2026-11-06 is a Friday.
  EXPECT_EQ(Fires("0 0 13 * FRI", "UTC", "2026-11-01T00:00:00Z", 7),
            (V{"2026-11-06T00:00:00.000Z", "2026-11-13T00:00:00.000Z", "2026-11-20T00:00:00.000Z",
               "2026-11-27T00:00:00.000Z", "2026-12-04T00:00:00.000Z", "2026-12-11T00:00:00.000Z",
               "2026-12-13T00:00:00.000Z"}));
  // A day field starting with '*' counts as unrestricted: then both must match.
  EXPECT_EQ(Fires("0 0 */2 * 1", "UTC", "2026-11-01T00:00:00Z", 2),
            (V{"2026-11-09T00:00:00.000Z", "2026-11-23T00:00:00.000Z"}));
  EXPECT_EQ(
      Fires("0 0 L * MON", "UTC", "2026-11-25T00:00:00Z", 3),
      (V{"2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z", "2026-12-14T00:00:00.000Z"}));
}

TEST(Cron, QuartzFields) {
  // Quartz numbers days 1-7 from Sunday.
  EXPECT_EQ(Next("0 0 12 ? * 2", "UTC", "2026-11-25T00:00:00Z"), "2026-11-30T12:00:00.000Z");
  EXPECT_EQ(Next("0 0 12 ? * 1", "UTC", "2026-11-25T00:00:00Z"), "2026-11-29T12:00:00.000Z");
  EXPECT_EQ(Next("0 30 9 ? * 7", "UTC", "2026-11-25T00:00:00Z"), "2026-11-28T09:30:00.000Z");
  EXPECT_EQ(Next("0 15 10 ? * MON-FRI", "UTC", "2026-11-27T11:00:00Z"), "2026-11-30T10:15:00.000Z");
  EXPECT_EQ(Next("0 15 10 ? * 2-6", "UTC", "2026-11-27T11:00:00Z"), "2026-11-30T10:15:00.000Z");
  EXPECT_EQ(Next("0 0 8 1 * ?", "UTC", "2026-11-25T00:00:00Z"), "2026-12-01T08:00:00.000Z");
  // Seconds.
  EXPECT_EQ(Fires("30 * * * * ?", "UTC", "2026-11-25T10:00:00Z", 2),
            (V{"2026-11-25T10:00:30.000Z", "2026-11-25T10:01:30.000Z"}));
  EXPECT_EQ(
      Fires("*/20 * * * * ?", "UTC", "2026-11-25T10:00:00Z", 3),
      (V{"2026-11-25T10:00:20.000Z", "2026-11-25T10:00:40.000Z", "2026-11-25T10:01:00.000Z"}));
}

TEST(Cron, QuartzYears) {
  EXPECT_EQ(Next("0 0 0 1 1 ? 2030", "UTC", "2026-11-25T00:00:00Z"), "2030-01-01T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 0 1 1 ? 2020", "UTC", "2026-11-25T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 0 1 1 ? 2027-2028", "UTC", "2027-06-01T00:00:00Z"),
            "2028-01-01T00:00:00.000Z");
  EXPECT_EQ(Next("0 0 0 1 1 ? 2027-2028", "UTC", "2028-06-01T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 0 1 1 ? 2199", "UTC", "2026-11-25T00:00:00Z"), "none");
  EXPECT_EQ(Next("0 0 0 * * ? *", "UTC", "2026-11-25T10:00:00Z"), "2026-11-26T00:00:00.000Z");
}

TEST(Cron, Macros) {
  const std::string after = "2026-11-25T10:20:00Z";
  EXPECT_EQ(Next("@hourly", "UTC", after), "2026-11-25T11:00:00.000Z");
  EXPECT_EQ(Next("@daily", "UTC", after), "2026-11-26T00:00:00.000Z");
  EXPECT_EQ(Next("@midnight", "UTC", after), "2026-11-26T00:00:00.000Z");
  EXPECT_EQ(Next("@DAILY", "UTC", after), "2026-11-26T00:00:00.000Z");
  EXPECT_EQ(Next("@weekly", "UTC", after), "2026-11-29T00:00:00.000Z");
  EXPECT_EQ(Next("@monthly", "UTC", after), "2026-12-01T00:00:00.000Z");
  EXPECT_EQ(Next("@yearly", "UTC", after), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(Next("@annually", "UTC", after), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(Next("@daily", "Europe/Berlin", after), "2026-11-25T23:00:00.000Z");
}

// --- time zones and daylight saving
// -------------------------------------------------------------------

TEST(Cron, BerlinSpringForwardSkipsTheMissingHour) {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
  EXPECT_EQ(
      Fires("30 2 * * *", "Europe/Berlin", "2026-03-27T12:00:00Z", 3),
      (V{"2026-03-28T01:30:00.000Z", "2026-03-30T00:30:00.000Z", "2026-03-31T00:30:00.000Z"}));
  EXPECT_EQ(
      Fires("*/15 * * * *", "Europe/Berlin", "2026-03-29T00:30:00Z", 3),
      (V{"2026-03-29T00:45:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:15:00.000Z"}));
  EXPECT_EQ(
      Fires("0 * * * *", "Europe/Berlin", "2026-03-28T23:30:00Z", 3),
      (V{"2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"}));
  EXPECT_EQ(Fires("0 30 2 * * ?", "Europe/Berlin", "2026-03-28T12:00:00Z", 1),
            (V{"2026-03-30T00:30:00.000Z"}));
}

TEST(Cron, BerlinFallBackFiresOnce) {
  // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:00-02:59 happens twice.
  EXPECT_EQ(Fires("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2),
            (V{"2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"}));
  EXPECT_EQ(
      Fires("0 * * * *", "Europe/Berlin", "2026-10-24T23:30:00Z", 3),
      (V{"2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z", "2026-10-25T03:00:00.000Z"}));
  EXPECT_EQ(Fires("*/30 * * * *", "Europe/Berlin", "2026-10-24T23:50:00Z", 4),
            (V{"2026-10-25T00:00:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T02:00:00.000Z",
               "2026-10-25T02:30:00.000Z"}));
  // From inside the repeated hour, its second 02:30 does not fire.
  EXPECT_EQ(Next("30 2 * * *", "Europe/Berlin", "2026-10-25T01:10:00Z"),
            "2026-10-26T01:30:00.000Z");
  EXPECT_EQ(Next("30 2 * * *", "Europe/Berlin", "2026-10-25T00:10:00Z"),
            "2026-10-25T00:30:00.000Z");
}

TEST(Cron, NewYork) {
  EXPECT_EQ(Next("0 9 * * *", "America/New_York", "2026-11-25T00:00:00Z"),
            "2026-11-25T14:00:00.000Z");
  EXPECT_EQ(Next("0 9 * * *", "America/New_York", "2026-07-01T00:00:00Z"),
            "2026-07-01T13:00:00.000Z");
  // Spring forward on 2026-03-08: no 02:30 that day.
  EXPECT_EQ(Fires("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2),
            (V{"2026-03-09T06:30:00.000Z", "2026-03-10T06:30:00.000Z"}));
  // Fall back on 2026-11-01: 01:30 happens twice, fires at the first (EDT).
  EXPECT_EQ(Fires("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2),
            (V{"2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"}));
  EXPECT_EQ(Next("0 0 * * *", "Asia/Tokyo", "2026-11-25T10:00:00Z"), "2026-11-25T15:00:00.000Z");
}

// --- errors
// --------------------------------------------------------------------------------------------

TEST(Cron, RejectsBadExpressionsNamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "fields"},
      {"* * * *", "fields"},
      {"* * * * * * * *", "fields"},
      {"60 * * * *", "minute"},
      {"* 24 * * *", "hour"},
      {"* * 0 * *", "day-of-month"},
      {"* * 32 * *", "day-of-month"},
      {"* * * 13 *", "month"},
      {"* * * JANUARY *", "month"},
      {"* * * * 8", "day-of-week"},
      {"* * * * FOO", "day-of-week"},
      {"0 0 12 ? * 0", "day-of-week"},
      {"5-1 * * * *", "reversed"},
      {"*/0 * * * *", "step"},
      {"*/61 * * * *", "step"},
      {"*/x * * * *", "step"},
      {"abc * * * *", "minute"},
      {"L * * * *", "minute"},
      {"? * * * *", "minute"},
      {"1,,2 * * * *", "empty"},
      {"0 0 0 15W * ?", "not supported"},
      {"0 0 0 LW * ?", "not supported"},
      {"0 0 0 ? * 5#3", "not supported"},
      {"0 0 0 ? * 6L", "not supported"},
      {"0 0 0 1 1 ? 20x0", "year"},
      {"0 0 0 1 1 ? 1969", "year"},
      {"0 0 0 1 1 ? 2030,2031", "year"},
      {"99999 * * * *", "minute"},
      {"@reboot", "macro"},
  };
  for (const auto& [expr, needle] : cases) {
    Result<CronSchedule> s = CronSchedule::Parse(expr, "UTC");
    ASSERT_FALSE(s.ok()) << expr;
    EXPECT_EQ(s.error().message_id, "automation.badCron") << expr;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << expr;
    EXPECT_NE(s.error().message.find(needle), std::string::npos)
        << expr << " -> " << s.error().message;
  }
}

TEST(Cron, RejectsUnknownTimeZones) {
  for (const char* zone : {"Mars/Olympus", "", "utc", "../../etc/passwd", "Europe/Berlin "}) {
    Result<CronSchedule> s = CronSchedule::Parse("0 9 * * *", zone);
    ASSERT_FALSE(s.ok()) << zone;
    EXPECT_EQ(s.error().message_id, "automation.badTimeZone") << zone;
  }
}

TEST(Cron, KeepsExpressionAndZone) {
  Result<CronSchedule> s = CronSchedule::Parse(" 0 9 * * MON-FRI ", "Europe/Berlin");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expression(), "0 9 * * MON-FRI");
  EXPECT_EQ(s->time_zone(), "Europe/Berlin");
}

// --- efficiency
// ----------------------------------------------------------------------------------------

TEST(Cron, SearchesAreFast) {
  auto start = std::chrono::steady_clock::now();
  for (const char* expr : {"0 0 29 2 *", "0 0 30 2 *", "0 0 0 1 1 ? 2199", "0 0 L 2 MON"}) {
    Result<CronSchedule> s = CronSchedule::Parse(expr, "Europe/Berlin");
    ASSERT_TRUE(s.ok()) << expr;
    TimestampMs t = T("2026-01-01T00:00:00Z");
    for (int i = 0; i < 200; ++i) {
      std::optional<TimestampMs> next = s->NextAfter(t);
      if (!next) {
        break;
      }
      t = *next;
    }
  }
  Result<CronSchedule> every_second = CronSchedule::Parse("* * * * * ?", "Europe/Berlin");
  ASSERT_TRUE(every_second.ok());
  TimestampMs t = T("2026-10-25T00:59:00Z");
  for (int i = 0; i < 5000; ++i) {
    std::optional<TimestampMs> next = every_second->NextAfter(t);
    ASSERT_TRUE(next.has_value());
    ASSERT_GT(*next, t);
    t = *next;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Cron, ExtremeInstants) {
  Result<CronSchedule> s = CronSchedule::Parse("* * * * *", "UTC");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->NextAfter(std::numeric_limits<TimestampMs>::max()).has_value());
  EXPECT_FALSE(s->NextAfter(std::numeric_limits<TimestampMs>::min()).has_value());
  EXPECT_EQ(s->NextAfter(-1), 0);
}

}  // namespace
}  // namespace steward::automation
