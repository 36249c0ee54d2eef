#include "base/metrics.h"

#include <cstdio>

namespace steward {

void Histogram::Observe(double seconds) {
  size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) {
    ++i;
  }
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, const std::string& name, const std::string& labels) const {
  std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  char buf[64];
  for (size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    if (i < kBounds.size()) {
      std::snprintf(buf, sizeof buf, "%g", kBounds[i]);
    } else {
      std::snprintf(buf, sizeof buf, "+Inf");
    }
    out += name + "_bucket{" + labels + sep + "le=\"" + buf + "\"} " + std::to_string(cumulative) +
           "\n";
  }
  std::snprintf(buf, sizeof buf, "%.9f", static_cast<double>(sum_ns_.load()) / 1e9);
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " + buf + "\n";
  out += name + "_count" + braces + " " + std::to_string(count_.load()) + "\n";
}

Counter& MetricsRegistry::GetCounter(const std::string& name, const std::string& help,
                                     const std::string& labels) {
  std::lock_guard lock(mu_);
  Family& f = families_[name];
  f.help = help;
  auto& slot = f.counters[labels];
  if (!slot) {
    slot = std::make_unique<Counter>();
  }
  return *slot;
}

Histogram& MetricsRegistry::GetHistogram(const std::string& name, const std::string& help,
                                         const std::string& labels) {
  std::lock_guard lock(mu_);
  Family& f = families_[name];
  f.help = help;
  f.histogram = true;
  auto& slot = f.histograms[labels];
  if (!slot) {
    slot = std::make_unique<Histogram>();
  }
  return *slot;
}

std::string MetricsRegistry::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + " " + f.help + "\n";
    out += "# TYPE " + name + (f.histogram ? " histogram\n" : " counter\n");
    for (const auto& [labels, c] : f.counters) {
      out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(c->Value()) +
             "\n";
    }
    for (const auto& [labels, h] : f.histograms) {
      h->Render(out, name, labels);
    }
  }
  return out;
}

MetricsRegistry& MetricsRegistry::Global() {
  static MetricsRegistry registry;
  return registry;
}

std::string EscapeLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace steward
