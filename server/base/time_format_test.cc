#include "base/time_format.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(TimeFormat, FormatsEpochAsIsoUtc) {
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(1648240200123), "2022-03-25T20:30:00.123Z");
}

TEST(TimeFormat, ParsesIsoDateTimesWithOffsets) {
  EXPECT_EQ(ParseIsoDateTime("2022-03-25T20:30:00.123Z"), 1648240200123);
  EXPECT_EQ(ParseIsoDateTime("2022-03-25T21:30:00+01:00"), 1648240200000);
  EXPECT_EQ(ParseIsoDateTime("2022-03-25T20:30"), 1648240200000);
  EXPECT_EQ(ParseIsoDateTime("2022-03-25 20:30:00Z"), 1648240200000);
}

TEST(TimeFormat, RejectsMalformedDateTimes) {
  for (const char* bad :
       {"", "2022-13-01T00:00Z", "2022-02-30T00:00Z", "2022-03-25T24:00Z", "2022-03-25T20:30:00.Z",
        "2022-03-25T20:30:00+1:00", "yesterday", "2022-03-25T20:30:00Zjunk"}) {
    EXPECT_FALSE(ParseIsoDateTime(bad).has_value()) << bad;
  }
}

TEST(TimeFormat, RoundTripsDates) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(FormatDate(*d), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-2-1").has_value());
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
}

}  // namespace
}  // namespace steward
