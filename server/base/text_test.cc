#include "base/text.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

TEST(Text, FoldsAsciiCase) {
  EXPECT_EQ(AsciiLower("Alana GRANT"), "alana grant");
  EXPECT_TRUE(EqualsIgnoreCase("Awaiting Implementation", "awaiting implementation"));
  EXPECT_FALSE(EqualsIgnoreCase("Open", "Opened"));
}

TEST(Text, TrimsAndSplits) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  auto parts = Split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Zürich ✓"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xFF\xFE"));
  EXPECT_FALSE(IsValidUtf8("a\xE2\x82"));
}

}  // namespace
}  // namespace steward
