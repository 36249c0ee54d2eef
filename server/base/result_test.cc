#include "base/result.h"

#include <gtest/gtest.h>

namespace steward {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) {
    return Error::InvalidArgument("test.odd", "odd", "x");
  }
  return x / 2;
}

Result<int> Quarter(int x) {
  STEWARD_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status Check(int x) {
  STEWARD_TRY(Quarter(x));
  return Ok();
}

TEST(Result, PropagatesErrorsAndValues) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_id, "test.odd");
  EXPECT_EQ(r.error().field, "x");
  EXPECT_TRUE(Check(4).ok());
  EXPECT_EQ(Check(2).error().code, ErrorCode::kInvalidArgument);
}

TEST(Result, InternalErrorsKeepDetailPrivate) {
  Error e = Error::Internal("sqlite said something secret");
  EXPECT_EQ(e.message, "internal error");
  EXPECT_EQ(e.detail, "sqlite said something secret");
}

}  // namespace
}  // namespace steward
