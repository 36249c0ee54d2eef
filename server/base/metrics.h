// Process-wide metrics in the Prometheus text format: counters and latency histograms with
// labels. Families are created once (at wiring time or lazily on first use) and never removed.
//
// Thread-safety: all methods are safe from any thread; observations are lock-free on the hot
// path once a labelled series exists (series creation takes a mutex).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace steward {

class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Histogram over seconds with fixed buckets from 100 µs to 10 s.
class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 10.0};
  void Observe(double seconds);
  void Render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_ns_{0};
};

class MetricsRegistry {
 public:
  // `labels` is the rendered label set without braces, e.g. `route="/x",method="GET"`.
  Counter& GetCounter(const std::string& name, const std::string& help, const std::string& labels);
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const std::string& labels);
  std::string Render() const;

  static MetricsRegistry& Global();

 private:
  struct Family {
    std::string help;
    bool histogram = false;
    std::map<std::string, std::unique_ptr<Counter>> counters;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

// Escapes a label value for the text format.
std::string EscapeLabel(const std::string& v);

}  // namespace steward
