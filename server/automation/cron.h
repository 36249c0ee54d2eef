// CronSchedule: when a scheduled automation rule fires (S7.2). Parses cron expressions and finds
// the next firing time after a given instant in an IANA time zone, across daylight-saving
// changes (a local time that does not exist is skipped to the next that does; a repeated local
// hour fires once, at its first occurrence).
//
// Accepted: Unix 5 fields "min hour day-of-month month day-of-week"; Quartz 6 or 7 fields with
// seconds first (and an optional year), as Jira's scheduled trigger uses; lists, ranges, steps,
// month and weekday names, "?" (any), "L" (last day of the month), and the macros @hourly,
// @daily, @weekly, @monthly, @yearly. A day-of-month and a day-of-week both restricted match when
// either does (Vixie cron).
//
// Thread-safety: immutable after Parse; safe to share.
#pragma once

#include "base/clock.h"
#include "base/result.h"

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace steward::automation {

class CronSchedule {
 public:
  // Errors: "automation.badCron" (InvalidArgument) naming the field; "automation.badTimeZone".
  static Result<CronSchedule> Parse(std::string_view expression, std::string_view time_zone);

  // The first firing instant strictly after `after`, or nullopt if none within five years.
  std::optional<TimestampMs> NextAfter(TimestampMs after) const;

  const std::string& expression() const { return expression_; }
  const std::string& time_zone() const { return time_zone_; }

 private:
  std::string expression_;
  std::string time_zone_;
  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool last_day_ = false;    // "L" in day-of-month
  bool days_any_ = true;     // day-of-month was "*" or "?"
  bool weekdays_any_ = true;
  int year_min_ = 0;  // 0: any year
  int year_max_ = 0;
};

}  // namespace steward::automation
