-- Shared by the wrk scripts: prints one JSON line with throughput and latency percentiles.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "requests_per_s": %.0f, "p50_ms": %.3f, "p99_ms": %.3f, "socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.requests / secs, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
