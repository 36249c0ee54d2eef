// LiveFeed: tells connected browsers, within a fraction of a second, which issues changed, as
// server-sent events (`GET /api/v1/stream`).
//
// It tails the transactional outbox: every ticket change writes an `events` row in the same
// transaction as the change, so the feed sees only committed changes, in commit order, made by
// this node or any other on the same database. One thread polls the outbox while anyone
// listens and hands each event to the subscribers allowed to see its issue (staff of the
// project; for customers, their own and shared requests, never internal notes). Messages say
// what changed, not the new values: clients refetch through the API with its permissions.
//
//   event: issue
//   id: 4711
//   data: {"id":4711,"topic":"comment.created","key":"ITO-5","projectKey":"ITO"}
//
// Thread-safety: Subscribe() from any thread; the sinks are called from the feed's thread.
#pragma once

#include "http/message.h"
#include "storage/database.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace steward::tickets {

class LiveFeed {
 public:
  struct Options {
    std::chrono::milliseconds poll{150};
    std::chrono::seconds keep_alive{15};
  };
  LiveFeed(storage::Database& db, Options options);
  explicit LiveFeed(storage::Database& db) : LiveFeed(db, Options{}) {}
  ~LiveFeed();
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  // A stream for this principal; the transport opens it and the feed writes to it until the
  // client goes away. Starts the polling thread on first use.
  std::shared_ptr<http::StreamSource> Subscribe(const http::Principal& who);

  // Stops the thread and ends every stream.
  void Stop();

  std::size_t subscriber_count() const;

  class Subscriber;  // one open stream

 private:
  void Run();
  Status Poll();
  void Add(const std::shared_ptr<Subscriber>& s, std::int64_t newest);

  storage::Database& db_;
  Options options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  std::int64_t last_id_ = -1;  // -1: not read yet (the next poll starts at the newest event)
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace steward::tickets
