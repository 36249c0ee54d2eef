#include "automation/cron.h"

#include "base/text.h"
#include "base/time_format.h"

#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace steward::automation {
namespace {

constexpr char kBadCron[] = "automation.badCron";
constexpr std::int64_t kDaySeconds = 86400;
// Instants NextAfter works with: years 1 to 9999.
constexpr std::int64_t kMinSeconds = -62135596800;
constexpr std::int64_t kMaxSeconds = 253402300799;
constexpr int kMaxSteps = 100000;  // a safety net; real searches take a few hundred steps

Error BadCron(std::string_view expression, const std::string& message) {
  std::string shown(expression.substr(0, 100));
  return Error::InvalidArgument(kBadCron, "invalid cron expression '" + shown + "': " + message);
}

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED",
                                                       "THU", "FRI", "SAT"};

// How one field is written: its name for messages, the range of its numbers, and its names.
struct FieldSpec {
  const char* name;
  int min;
  int max;
  const std::string_view* names = nullptr;  // names[i] is the value names_base + i
  int names_count = 0;
  int names_base = 0;
  bool allow_question = false;  // "?" (any): day-of-month and day-of-week
  bool allow_last = false;      // "L": day-of-month
};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// A number or a name of the field; nullopt if it is neither.
std::optional<int> FieldValue(std::string_view s, const FieldSpec& spec) {
  if (AllDigits(s)) {
    if (s.size() > 4) {
      return 100000;  // out of every range; reported as such
    }
    int v = 0;
    for (char c : s) {
      v = v * 10 + (c - '0');
    }
    return v;
  }
  for (int i = 0; i < spec.names_count; ++i) {
    if (EqualsIgnoreCase(s, spec.names[i])) {
      return spec.names_base + i;
    }
  }
  return std::nullopt;
}

// Parses one field into `bits` (bit v set when value v matches, in the field's own numbering).
// Sets *last for "L" and *star when the field starts with "*" or "?" (Vixie's rule for days).
Status ParseField(std::string_view expression, std::string_view text, const FieldSpec& spec,
                  std::vector<bool>& bits, bool* last, bool* star) {
  auto fail = [&](const std::string& why) {
    return BadCron(expression, std::string("the ") + spec.name + " field '" +
                                   std::string(text.substr(0, 40)) + "' " + why);
  };
  bits.assign(static_cast<std::size_t>(spec.max) + 1, false);
  if (star != nullptr) {
    *star = !text.empty() && (text[0] == '*' || text[0] == '?');
  }
  if (text.empty()) {
    return fail("is empty");
  }
  for (std::string_view item : Split(text, ',')) {
    if (item.empty()) {
      return fail("has an empty list item");
    }
    if (EqualsIgnoreCase(item, "L")) {
      if (!spec.allow_last) {
        return fail("uses 'L', which is only supported alone in the day-of-month field");
      }
      *last = true;
      continue;
    }
    auto unsupported = [&]() {
      return fail("uses '" + std::string(item.substr(0, 20)) +
                  "': W, # and nL are not supported (only 'L' alone in the day of month)");
    };
    if (item.find('#') != std::string_view::npos) {
      return unsupported();
    }
    std::string_view base = item;
    int step = 1;
    bool has_step = false;
    if (std::size_t slash = item.find('/'); slash != std::string_view::npos) {
      base = item.substr(0, slash);
      std::string_view step_text = item.substr(slash + 1);
      if (!AllDigits(step_text) || step_text.size() > 4) {
        return fail("has a bad step '" + std::string(step_text.substr(0, 20)) +
                    "': expected a whole number");
      }
      step = std::stoi(std::string(step_text));
      if (step < 1 || step > spec.max - spec.min + 1) {
        return fail("has a step of " + std::to_string(step) + ", outside 1-" +
                    std::to_string(spec.max - spec.min + 1));
      }
      has_step = true;
    }
    int lo = spec.min;
    int hi = spec.max;
    if (base == "*" || base == "?") {
      if (base == "?" && !spec.allow_question) {
        return fail("uses '?', which only the day-of-month and day-of-week fields accept");
      }
    } else if (std::size_t dash = base.find('-'); dash != std::string_view::npos) {
      std::optional<int> a = FieldValue(base.substr(0, dash), spec);
      std::optional<int> b = FieldValue(base.substr(dash + 1), spec);
      if (!a || !b) {
        return fail("has a bad range '" + std::string(base.substr(0, 20)) + "'");
      }
      lo = *a;
      hi = *b;
      if (lo > hi) {
        return fail("has the reversed range '" + std::string(base.substr(0, 20)) + "'");
      }
    } else {
      std::optional<int> a = FieldValue(base, spec);
      if (!a) {
        char end = base.empty() ? ' ' : base.back();
        if (end == 'W' || end == 'w' || end == 'L' || end == 'l') {
          return unsupported();
        }
        return fail("has the bad value '" + std::string(base.substr(0, 20)) + "'");
      }
      lo = *a;
      hi = has_step ? spec.max : *a;  // "5/15": from 5 every 15 (Quartz)
    }
    if (lo < spec.min || hi > spec.max) {
      return fail("is out of range " + std::to_string(spec.min) + "-" + std::to_string(spec.max));
    }
    for (int v = lo; v <= hi; v += step) {
      bits[static_cast<std::size_t>(v)] = true;
    }
  }
  return Ok();
}

template <std::size_t N>
void CopyBits(const std::vector<bool>& from, int shift, std::bitset<N>& to) {
  to.reset();
  for (std::size_t v = 0; v < from.size(); ++v) {
    if (from[v]) {
      auto target = static_cast<int>(v) + shift;
      if (target >= 0 && static_cast<std::size_t>(target) < N) {
        to.set(static_cast<std::size_t>(target));
      }
    }
  }
}

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

const date::time_zone* LocateZone(std::string_view name) {
  if (name.empty() || name.size() > 100) {
    return nullptr;
  }
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

// A local calendar time being searched, one second resolution.
struct Cursor {
  int year;
  unsigned month;
  unsigned day;
  int hour;
  int minute;
  int second;

  static Cursor FromLocalSeconds(std::int64_t s) {
    std::int64_t days = FloorDiv(s, kDaySeconds);
    std::int64_t rem = s - days * kDaySeconds;
    Civil c = CivilFromDays(days);
    return Cursor{c.y,
                  c.m,
                  c.d,
                  static_cast<int>(rem / 3600),
                  static_cast<int>(rem / 60 % 60),
                  static_cast<int>(rem % 60)};
  }
  std::int64_t Days() const { return DaysFromCivil(year, month, day); }
  std::int64_t LocalSeconds() const {
    return Days() * kDaySeconds + hour * 3600 + minute * 60 + second;
  }

  void NextMonth() {
    if (++month > 12) {
      month = 1;
      ++year;
    }
    day = 1;
    hour = minute = second = 0;
  }
  void NextDay() {
    if (++day > DaysInMonth(year, month)) {
      NextMonth();
      return;
    }
    hour = minute = second = 0;
  }
  void NextHour() {
    if (++hour > 23) {
      NextDay();
      return;
    }
    minute = second = 0;
  }
  void NextMinute() {
    if (++minute > 59) {
      NextHour();
      return;
    }
    second = 0;
  }
  void NextSecond() {
    if (++second > 59) {
      NextMinute();
    }
  }
};

// The first set bit at or after `from`, or -1.
template <std::size_t N>
int NextBit(const std::bitset<N>& bits, int from, int last) {
  for (int v = std::max(from, 0); v <= last; ++v) {
    if (bits.test(static_cast<std::size_t>(v))) {
      return v;
    }
  }
  return -1;
}

}  // namespace

Result<CronSchedule> CronSchedule::Parse(std::string_view expression, std::string_view time_zone) {
  std::string_view text = Trim(expression);
  if (text.size() > 1000) {
    return BadCron(text, "the expression is longer than 1000 characters");
  }
  const date::time_zone* zone = LocateZone(time_zone);
  if (zone == nullptr) {
    return Error::InvalidArgument("automation.badTimeZone",
                                  "unknown time zone '" + std::string(time_zone.substr(0, 100)) +
                                      "': expected an IANA name such as 'Europe/Berlin' or 'UTC'");
  }
  std::string body(text);
  if (!text.empty() && text[0] == '@') {
    std::string macro = AsciiLower(text);
    if (macro == "@yearly" || macro == "@annually") {
      body = "0 0 1 1 *";
    } else if (macro == "@monthly") {
      body = "0 0 1 * *";
    } else if (macro == "@weekly") {
      body = "0 0 * * 0";
    } else if (macro == "@daily" || macro == "@midnight") {
      body = "0 0 * * *";
    } else if (macro == "@hourly") {
      body = "0 * * * *";
    } else {
      return BadCron(text,
                     "unknown macro; expected @hourly, @daily, @midnight, @weekly, @monthly, "
                     "@yearly or @annually");
    }
  }
  std::vector<std::string_view> fields;
  {
    std::string_view rest = body;
    while (true) {
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
        rest.remove_prefix(1);
      }
      if (rest.empty()) {
        break;
      }
      std::size_t end = rest.find_first_of(" \t");
      fields.push_back(rest.substr(0, end));
      if (end == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(end);
    }
  }
  if (fields.size() != 5 && fields.size() != 6 && fields.size() != 7) {
    return BadCron(text,
                   "expected 5 fields (minute hour day-of-month month day-of-week) or 6-7 "
                   "Quartz fields (second first, optional year), got " +
                       std::to_string(fields.size()));
  }
  bool quartz = fields.size() >= 6;
  std::size_t at = 0;

  CronSchedule s;
  s.expression_ = std::string(text);
  s.time_zone_ = std::string(time_zone);
  std::vector<bool> bits;

  if (quartz) {
    STEWARD_TRY(ParseField(text, fields[at++], FieldSpec{"second", 0, 59}, bits, nullptr, nullptr));
    CopyBits(bits, 0, s.seconds_);
  } else {
    s.seconds_.reset();
    s.seconds_.set(0);
  }
  STEWARD_TRY(ParseField(text, fields[at++], FieldSpec{"minute", 0, 59}, bits, nullptr, nullptr));
  CopyBits(bits, 0, s.minutes_);
  STEWARD_TRY(ParseField(text, fields[at++], FieldSpec{"hour", 0, 23}, bits, nullptr, nullptr));
  CopyBits(bits, 0, s.hours_);

  FieldSpec dom{"day-of-month", 1, 31};
  dom.allow_question = true;
  dom.allow_last = true;
  bool dom_star = false;
  STEWARD_TRY(ParseField(text, fields[at++], dom, bits, &s.last_day_, &dom_star));
  CopyBits(bits, 0, s.days_);
  s.days_any_ = dom_star;

  FieldSpec month{"month", 1, 12, kMonthNames.data(), 12, 1};
  STEWARD_TRY(ParseField(text, fields[at++], month, bits, nullptr, nullptr));
  CopyBits(bits, 0, s.months_);

  // Unix: 0-7 with 0 and 7 Sunday; Quartz: 1-7 with 1 Sunday. Names are the same in both.
  FieldSpec dow = quartz ? FieldSpec{"day-of-week", 1, 7, kDayNames.data(), 7, 1}
                         : FieldSpec{"day-of-week", 0, 7, kDayNames.data(), 7, 0};
  dow.allow_question = true;
  bool dow_star = false;
  STEWARD_TRY(ParseField(text, fields[at++], dow, bits, nullptr, &dow_star));
  if (quartz) {
    CopyBits(bits, -1, s.weekdays_);
  } else {
    CopyBits(bits, 0, s.weekdays_);
    if (bits[7]) {
      s.weekdays_.set(0);
    }
  }
  s.weekdays_any_ = dow_star;

  if (fields.size() == 7) {
    std::string_view year = fields[at++];
    if (year != "*" && year != "?") {
      std::size_t dash = year.find('-');
      std::string_view a = year.substr(0, dash);
      std::string_view b = dash == std::string_view::npos ? a : year.substr(dash + 1);
      if (!AllDigits(a) || !AllDigits(b) || a.size() != 4 || b.size() != 4) {
        return BadCron(text, "the year field '" + std::string(year.substr(0, 20)) +
                                 "' must be '*', a year or a range of years (lists and steps "
                                 "are not supported)");
      }
      s.year_min_ = std::stoi(std::string(a));
      s.year_max_ = std::stoi(std::string(b));
      if (s.year_min_ < 1970 || s.year_max_ > 2199 || s.year_min_ > s.year_max_) {
        return BadCron(text, "the year field '" + std::string(year.substr(0, 20)) +
                                 "' is out of range 1970-2199 or reversed");
      }
    }
  }
  if (s.seconds_.none() || s.minutes_.none() || s.hours_.none() || s.months_.none() ||
      (s.days_.none() && !s.last_day_) || s.weekdays_.none()) {
    return BadCron(text, "a field matches no value");
  }
  return s;
}

std::optional<TimestampMs> CronSchedule::NextAfter(TimestampMs after) const {
  const date::time_zone* zone = LocateZone(time_zone_);
  if (zone == nullptr) {
    return std::nullopt;
  }
  // Candidates are whole seconds strictly after `after`.
  std::int64_t start = FloorDiv(after, 1000) + 1;
  if (start < kMinSeconds + 2 * kDaySeconds || start > kMaxSeconds - 6 * 366 * kDaySeconds) {
    return std::nullopt;
  }
  try {
    auto offset_at = [&](std::int64_t sys_seconds) {
      return static_cast<std::int64_t>(
          zone->get_info(date::sys_seconds{std::chrono::seconds{sys_seconds}}).offset.count());
    };
    const std::int64_t limit = start + 5 * 366 * kDaySeconds;  // nothing within five years
    Cursor c = Cursor::FromLocalSeconds(start + offset_at(start));
    const std::int64_t last_day = c.Days() + 5 * 366 + 2;

    auto day_matches = [&]() {
      bool dom = days_[c.day] || (last_day_ && c.day == DaysInMonth(c.year, c.month));
      bool dow = weekdays_[static_cast<std::size_t>((c.Days() % 7 + 7 + 4) % 7)];
      if (days_any_ || weekdays_any_) {
        return dom && dow;
      }
      return dom || dow;  // both restricted: either matches (Vixie cron)
    };

    for (int step = 0; step < kMaxSteps; ++step) {
      if (c.Days() > last_day) {
        return std::nullopt;
      }
      if (year_min_ != 0) {
        if (c.year > year_max_) {
          return std::nullopt;
        }
        if (c.year < year_min_) {
          c = Cursor{year_min_, 1, 1, 0, 0, 0};
          continue;
        }
      }
      if (!months_[c.month]) {
        int m = NextBit(months_, static_cast<int>(c.month) + 1, 12);
        if (m < 0) {
          c = Cursor{c.year + 1, 1, 1, 0, 0, 0};
        } else {
          c = Cursor{c.year, static_cast<unsigned>(m), 1, 0, 0, 0};
        }
        continue;
      }
      if (!day_matches()) {
        c.NextDay();
        continue;
      }
      if (!hours_[static_cast<std::size_t>(c.hour)]) {
        int h = NextBit(hours_, c.hour + 1, 23);
        if (h < 0) {
          c.NextDay();
        } else {
          c.hour = h;
          c.minute = c.second = 0;
        }
        continue;
      }
      if (!minutes_[static_cast<std::size_t>(c.minute)]) {
        int m = NextBit(minutes_, c.minute + 1, 59);
        if (m < 0) {
          c.NextHour();
        } else {
          c.minute = m;
          c.second = 0;
        }
        continue;
      }
      if (!seconds_[static_cast<std::size_t>(c.second)]) {
        int sec = NextBit(seconds_, c.second + 1, 59);
        if (sec < 0) {
          c.NextMinute();
        } else {
          c.second = sec;
        }
        continue;
      }
      // Every field matches this local time; find the instant it denotes.
      std::int64_t local = c.LocalSeconds();
      auto info = zone->get_info(date::local_seconds{std::chrono::seconds{local}});
      if (info.result == date::local_info::nonexistent) {
        // Skipped by a spring-forward: continue from the first local time after the gap.
        std::int64_t gap_end = info.second.begin.time_since_epoch().count() +
                               static_cast<std::int64_t>(info.second.offset.count());
        if (gap_end > local) {
          c = Cursor::FromLocalSeconds(gap_end);
        } else {
          c.NextSecond();
        }
        continue;
      }
      std::int64_t instant = local - static_cast<std::int64_t>(info.first.offset.count());
      if (instant >= start) {
        if (instant > limit) {
          return std::nullopt;
        }
        return instant * 1000;
      }
      // Already past: the first occurrence of a repeated local time was before `after`, and the
      // second one does not fire. Continue after the repeated hour.
      if (info.result == date::local_info::ambiguous) {
        std::int64_t repeat_end = info.first.end.time_since_epoch().count() +
                                  static_cast<std::int64_t>(info.first.offset.count());
        if (repeat_end > local) {
          c = Cursor::FromLocalSeconds(repeat_end);
          continue;
        }
      }
      c.NextSecond();
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace steward::automation
