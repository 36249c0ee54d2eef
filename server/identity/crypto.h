// Secrets: argon2id password hashes, random tokens and one-way token hashes (libsodium).
// Passwords are stored only as argon2id strings; session ids and API tokens only as BLAKE2b
// hashes; the CSRF token is a keyed hash of the session id, so it is never stored at all.
//
// Thread-safety: all functions are thread-safe (libsodium is initialised once).
#pragma once

#include "base/result.h"

#include <string>
#include <string_view>

namespace steward::identity {

Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// Spends the same time as a real verification; used when the user does not exist.
void VerifyDummyPassword(std::string_view password);

// `bytes` random bytes, base64url without padding, with an optional prefix.
std::string RandomToken(std::string_view prefix, size_t bytes = 32);
// Hex BLAKE2b-256 of a token (what the database stores).
std::string HashToken(std::string_view token);
// The CSRF token that belongs to a session id.
std::string CsrfTokenFor(std::string_view session_token);
// Constant-time comparison of equal-length strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace steward::identity
