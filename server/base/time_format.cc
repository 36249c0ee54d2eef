#include "base/time_format.h"

#include <cstdio>

namespace steward {

// Howard Hinnant's civil-from-days algorithm (public domain).
Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) {
    return false;
  }
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') {
      return false;
    }
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) {
    return false;
  }
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

}  // namespace

std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string FormatIsoUtc(TimestampMs t) {
  std::int64_t days = t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
  std::int64_t rem = t - days * 86400000;
  Civil c = CivilFromDays(days);
  int ms = static_cast<int>(rem % 1000);
  int secs = static_cast<int>(rem / 1000);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", c.y, c.m, c.d, secs / 3600,
                (secs / 60) % 60, secs % 60, ms);
  return buf;
}

std::string FormatDate(std::int64_t days_since_epoch) {
  Civil c = CivilFromDays(days_since_epoch);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

std::optional<std::int64_t> ParseDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || !Digits(s, 0, 4, y) || s[4] != '-' || !Digits(s, 5, 2, m) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || !ValidDate(y, m, d)) {
    return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<TimestampMs> ParseIsoDateTime(std::string_view s) {
  if (s.size() < 16) {
    return std::nullopt;
  }
  auto days = ParseDate(s.substr(0, 10));
  int hh = 0, mi = 0, ss = 0, ms = 0;
  if (!days || (s[10] != 'T' && s[10] != ' ') || !Digits(s, 11, 2, hh) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || hh > 23 || mi > 59) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, ss) || ss > 60) {
      return std::nullopt;
    }
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int scale = 100;
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (pos - start < 3) {
          ms += (s[pos] - '0') * scale;
          scale /= 10;
        }
        ++pos;
      }
      if (pos == start) {
        return std::nullopt;
      }
    }
  }
  std::int64_t offset_min = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      pos++;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() - pos == 6) {
      int oh = 0, om = 0;
      if (!Digits(s, pos + 1, 2, oh) || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
          oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset_min = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  return *days * 86400000 + (hh * 3600 + mi * 60 + ss) * 1000LL + ms - offset_min * 60000;
}

}  // namespace steward
