// Clock: the one source of the current time. Production code never reads the system clock
// directly; it is handed a Clock so that SLA, schedules and tests can run in virtual time.
//
// Times are milliseconds since the Unix epoch (UTC), the unit stored in the database.
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace steward {

using TimestampMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, ms since the epoch.
  virtual TimestampMs Now() const = 0;
  // Monotonic time in nanoseconds, for durations only.
  virtual std::int64_t MonotonicNs() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  TimestampMs Now() const override;
  std::int64_t MonotonicNs() const override;
  static SystemClock& Instance();
};

// A clock that moves only when told to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimestampMs start) : now_(start) {}
  TimestampMs Now() const override { return now_.load(); }
  std::int64_t MonotonicNs() const override { return now_.load() * 1'000'000; }
  void Advance(std::int64_t ms) { now_ += ms; }
  void Set(TimestampMs t) { now_ = t; }

 private:
  std::atomic<TimestampMs> now_;
};

}  // namespace steward
