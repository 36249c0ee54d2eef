// Conversions between epoch milliseconds and the text forms of the API:
// ISO 8601 date-times in UTC ("2026-11-25T21:02:00.000Z") and calendar dates ("2026-11-25").
// Pure functions; thread-safe.
#pragma once

#include "base/clock.h"

#include <optional>
#include <string>
#include <string_view>

namespace steward {

// "2026-11-25T21:02:00.000Z"
std::string FormatIsoUtc(TimestampMs t);
// Accepts "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+HH:MM"/"-HH:MM" (or nothing: UTC).
std::optional<TimestampMs> ParseIsoDateTime(std::string_view text);

// Days since the epoch <-> "YYYY-MM-DD".
std::string FormatDate(std::int64_t days_since_epoch);
std::optional<std::int64_t> ParseDate(std::string_view text);

// Days since 1970-01-01 <-> proleptic Gregorian calendar dates.
struct Civil {
  int y;
  unsigned m;
  unsigned d;
};
std::int64_t DaysFromCivil(int y, unsigned m, unsigned d);
Civil CivilFromDays(std::int64_t days_since_epoch);

}  // namespace steward
