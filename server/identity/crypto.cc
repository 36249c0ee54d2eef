#include "identity/crypto.h"

#include <cstring>
#include <mutex>
#include <sodium.h>

namespace steward::identity {
namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::abort();  // cannot run without a working CSPRNG
    }
  });
}

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Unavailable("identity.hashFailed", "cannot hash the password now",
                              "crypto_pwhash_str_alg failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  InitSodium();
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummyPassword(std::string_view password) {
  static const std::string dummy = [] {
    auto h = HashPassword("steward-dummy-password");
    return h.ok() ? *h : std::string();
  }();
  (void)VerifyPassword(dummy, password);
}

std::string RandomToken(std::string_view prefix, size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return std::string(prefix) + out;
}

std::string HashToken(std::string_view token) {
  InitSodium();
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return Hex(h, sizeof h);
}

std::string CsrfTokenFor(std::string_view session_token) {
  InitSodium();
  static constexpr unsigned char kKey[] = "steward.csrf.v1.domain-separator";
  unsigned char h[24];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), kKey, sizeof kKey - 1);
  return Hex(h, sizeof h);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace steward::identity
