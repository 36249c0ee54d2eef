// Error and Result<T>: errors as values, the one way Steward code reports an expected failure.
//
// An Error carries a code (which the HTTP layer maps to a status in exactly one place), a stable
// message id ("<module>.<camelCaseReason>", usable as an i18n key), a public message safe to show
// to the caller, a private detail for logs only, and optionally the request field or the source
// position (for query errors) it concerns. Result<T> holds either a T or an Error.
//
// Thread-safety: plain values; safe to move between threads, not to mutate concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace steward {

enum class ErrorCode : std::uint8_t {
  kInvalidArgument,     // the request is malformed or a value is wrong (400)
  kNotFound,            // the thing does not exist or the caller may not know it exists (404)
  kAlreadyExists,       // a unique name or key is taken (409)
  kConflict,            // the state forbids this now, e.g. an illegal transition (409)
  kFailedPrecondition,  // a validator or condition failed (422)
  kPermissionDenied,    // authenticated but not allowed (403)
  kUnauthenticated,     // no or bad credentials (401)
  kPayloadTooLarge,     // a body or file above its limit (413)
  kResourceExhausted,   // rate or capacity limits (429)
  kUnavailable,         // try again later, e.g. shutting down or the disk failed (503)
  kInternal,            // a bug; the detail goes to the log, never to the caller (500)
};

// A position in a text the caller sent (used by the query languages).
struct SourcePosition {
  int offset = 0;  // byte offset, 0-based
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
  int length = 0;  // bytes covered
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_id;
  std::string message;  // public: shown to the caller
  std::string detail;   // private: logs only
  std::optional<std::string> field;
  std::optional<SourcePosition> position;

  static Error InvalidArgument(std::string id, std::string message,
                               std::optional<std::string> field = std::nullopt) {
    return Make(ErrorCode::kInvalidArgument, std::move(id), std::move(message), std::move(field));
  }
  static Error NotFound(std::string id, std::string message) {
    return Make(ErrorCode::kNotFound, std::move(id), std::move(message));
  }
  static Error AlreadyExists(std::string id, std::string message,
                             std::optional<std::string> field = std::nullopt) {
    return Make(ErrorCode::kAlreadyExists, std::move(id), std::move(message), std::move(field));
  }
  static Error Conflict(std::string id, std::string message,
                        std::optional<std::string> field = std::nullopt) {
    return Make(ErrorCode::kConflict, std::move(id), std::move(message), std::move(field));
  }
  static Error FailedPrecondition(std::string id, std::string message,
                                  std::optional<std::string> field = std::nullopt) {
    return Make(ErrorCode::kFailedPrecondition, std::move(id), std::move(message),
                std::move(field));
  }
  static Error PermissionDenied(std::string id, std::string message) {
    return Make(ErrorCode::kPermissionDenied, std::move(id), std::move(message));
  }
  static Error Unauthenticated(std::string id, std::string message) {
    return Make(ErrorCode::kUnauthenticated, std::move(id), std::move(message));
  }
  static Error PayloadTooLarge(std::string id, std::string message) {
    return Make(ErrorCode::kPayloadTooLarge, std::move(id), std::move(message));
  }
  static Error Unavailable(std::string id, std::string message, std::string detail = {}) {
    Error e = Make(ErrorCode::kUnavailable, std::move(id), std::move(message));
    e.detail = std::move(detail);
    return e;
  }
  static Error Internal(std::string detail) {
    Error e = Make(ErrorCode::kInternal, "internal", "internal error");
    e.detail = std::move(detail);
    return e;
  }

 private:
  static Error Make(ErrorCode code, std::string id, std::string message,
                    std::optional<std::string> field = std::nullopt) {
    Error e;
    e.code = code;
    e.message_id = std::move(id);
    e.message = std::move(message);
    e.field = std::move(field);
    return e;
  }
};

// Result<T>: a T or an Error. Check with ok() / operator bool before dereferencing.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace steward

#define STEWARD_CONCAT_INNER(a, b) a##b
#define STEWARD_CONCAT(a, b) STEWARD_CONCAT_INNER(a, b)

// Returns the error of a Status/Result expression from the enclosing function.
#define STEWARD_TRY(expr) STEWARD_TRY_IMPL(STEWARD_CONCAT(steward_try_r_, __COUNTER__), expr)
#define STEWARD_TRY_IMPL(tmp, expr)  \
  do {                               \
    auto&& tmp = (expr);             \
    if (!tmp.ok()) {                 \
      return std::move(tmp).error(); \
    }                                \
  } while (0)

// Declares/assigns `lhs` from a Result expression, or returns its error.
#define STEWARD_ASSIGN_OR_RETURN(lhs, expr) \
  STEWARD_ASSIGN_OR_RETURN_IMPL(STEWARD_CONCAT(steward_r_, __COUNTER__), lhs, expr)
#define STEWARD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) {                                    \
    return std::move(tmp).error();                    \
  }                                                   \
  lhs = std::move(tmp).value()
