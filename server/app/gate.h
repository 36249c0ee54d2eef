// `steward gate`: a CI/CD pipeline's deployment gate (S6.8), a small HTTP client of the
// gating-status endpoint. See gate.cc and docs/deployment-gating.md.
//
// Thread-safety: RunGate blocks the calling thread; no shared state.
#pragma once

#include <string>

namespace steward::app {

// Exit codes, one per verdict.
inline constexpr int kGateAllowed = 0;
inline constexpr int kGatePrevented = 1;
inline constexpr int kGateTimedOut = 2;  // still awaiting at the deadline (or without --wait)
inline constexpr int kGateInvalid = 3;   // the deployment is not gated
inline constexpr int kGateError = 4;     // unreachable, unauthorised, no such deployment

struct GateOptions {
  std::string url = "http://127.0.0.1:8080";
  std::string token;
  std::string pipeline, environment;
  long long sequence = -1;
  bool wait = false;
  int timeout_seconds = 3600;
  double interval_seconds = 10;
};

int RunGate(const GateOptions& options);

}  // namespace steward::app
