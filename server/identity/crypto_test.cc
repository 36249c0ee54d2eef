#include "identity/crypto.h"

#include <gtest/gtest.h>

namespace steward::identity {
namespace {

TEST(Crypto, PasswordsHashWithArgon2idAndVerify) {
  auto h = HashPassword("demo");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "demo"));
  EXPECT_FALSE(VerifyPassword(*h, "Demo"));
  EXPECT_FALSE(VerifyPassword("garbage", "demo"));
}

TEST(Crypto, TokensAreRandomAndHashedOneWay) {
  std::string a = RandomToken("stw_"), b = RandomToken("stw_");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("stw_", 0), 0u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(b));
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(HashToken(a).find(a), std::string::npos);
}

TEST(Crypto, CsrfTokenIsBoundToTheSession) {
  EXPECT_EQ(CsrfTokenFor("s1"), CsrfTokenFor("s1"));
  EXPECT_NE(CsrfTokenFor("s1"), CsrfTokenFor("s2"));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

}  // namespace
}  // namespace steward::identity
