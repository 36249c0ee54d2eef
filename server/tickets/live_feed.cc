#include "tickets/live_feed.h"

#include "tickets/issue_service_internal.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>

namespace steward::tickets {
namespace {
using internal::AccessFor;
using storage::Connection;
using storage::Row;
}  // namespace

class LiveFeed::Subscriber : public http::StreamSource {
 public:
  explicit Subscriber(http::Principal who) : who_(std::move(who)) {}

  void Open(Sink sink) override {
    std::lock_guard lock(mu_);
    sink_ = std::move(sink);
    // The reconnect delay for EventSource, and a first line so proxies flush the head.
    if (!sink_("retry: 3000\n: connected\n\n")) {
      closed_ = true;
    }
  }
  void Close() override { closed_ = true; }

  bool closed() const { return closed_.load(); }
  bool opened() {
    std::lock_guard lock(mu_);
    return static_cast<bool>(sink_);
  }
  // False once the client has gone.
  bool Send(std::string chunk) {
    std::lock_guard lock(mu_);
    if (closed_ || !sink_) {
      return !closed_;
    }
    if (!sink_(std::move(chunk))) {
      closed_ = true;
    }
    return !closed_;
  }

  // May this subscriber hear about an event on this issue? Project roles are cached for the
  // life of the stream (a reconnect picks up new roles).
  Result<bool> MaySee(Connection& c, std::int64_t issue_id, std::int64_t project_id,
                      std::int64_t reporter_id, bool internal) {
    auto it = roles_.find(project_id);
    if (it == roles_.end()) {
      STEWARD_ASSIGN_OR_RETURN(auto access, AccessFor(c, who_, project_id));
      int standing = access.IsStaff() ? 2 : access.Has("customer") ? 1 : 0;
      it = roles_.emplace(project_id, standing).first;
    }
    if (it->second == 2) {
      return true;
    }
    if (it->second == 0 || internal) {
      return false;
    }
    if (reporter_id == who_.user_id) {
      return true;
    }
    return internal::SharedWith(c, issue_id, who_.user_id);
  }

 private:
  http::Principal who_;
  std::mutex mu_;
  Sink sink_;
  std::atomic<bool> closed_{false};
  std::map<std::int64_t, int> roles_;  // project → 0 none, 1 customer, 2 staff; feed thread only
};

LiveFeed::LiveFeed(storage::Database& db, Options options) : db_(db), options_(options) {}

LiveFeed::~LiveFeed() { Stop(); }

std::shared_ptr<http::StreamSource> LiveFeed::Subscribe(const http::Principal& who) {
  auto s = std::make_shared<Subscriber>(who);
  // The first listener starts at the newest committed event, read now, so that nothing
  // committed after this call is missed.
  auto newest = db_.Read([](Connection& c) -> Result<std::int64_t> {
    STEWARD_ASSIGN_OR_RETURN(auto id, c.QueryInt("SELECT coalesce(max(id), 0) FROM events"));
    return id.value_or(0);
  });
  Add(s, newest.ok() ? *newest : -1);
  return s;
}

void LiveFeed::Add(const std::shared_ptr<Subscriber>& s, std::int64_t newest) {
  std::lock_guard lock(mu_);
  if (last_id_ < 0) {
    last_id_ = newest;
  }
  if (stopping_) {
    s->Close();
    return;
  }
  subscribers_.push_back(s);
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { Run(); });
  }
  cv_.notify_all();
}

void LiveFeed::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (auto& s : subscribers_) {
      s->Close();
    }
    subscribers_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::size_t LiveFeed::subscriber_count() const {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

void LiveFeed::Run() {
  auto next_ping = std::chrono::steady_clock::now() + options_.keep_alive;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (subscribers_.empty()) {
      last_id_ = -1;  // nobody listens: the next listener starts at the newest event
      cv_.wait(lock, [&] { return stopping_ || !subscribers_.empty(); });
      continue;
    }
    cv_.wait_for(lock, options_.poll, [&] { return stopping_; });
    if (stopping_) {
      break;
    }
    bool ping = std::chrono::steady_clock::now() >= next_ping;
    if (ping) {
      next_ping = std::chrono::steady_clock::now() + options_.keep_alive;
    }
    lock.unlock();
    Status s = Poll();
    if (!s.ok()) {
      spdlog::warn("live feed: {}", s.error().message);
    }
    lock.lock();
    std::erase_if(subscribers_, [&](const std::shared_ptr<Subscriber>& sub) {
      return sub->closed() || (ping && sub->opened() && !sub->Send(": ping\n\n"));
    });
  }
}

Status LiveFeed::Poll() {
  std::vector<std::shared_ptr<Subscriber>> subs;
  std::int64_t after = 0;
  {
    std::lock_guard lock(mu_);
    for (auto& s : subscribers_) {
      if (!s->closed() && s->opened()) {
        subs.push_back(s);
      }
    }
    after = last_id_;
  }
  struct Message {
    Subscriber* to;
    std::string text;
  };
  std::vector<Message> out;
  std::int64_t last = after;
  Status read = db_.ReadTx([&](Connection& c) -> Status {
    if (after < 0) {
      STEWARD_ASSIGN_OR_RETURN(auto newest, c.QueryInt("SELECT coalesce(max(id), 0) FROM events"));
      last = newest.value_or(0);
      return Ok();
    }
    struct Event {
      std::int64_t id, issue_id, project_id, reporter_id;
      std::string topic, key, project_key;
      bool internal;
    };
    std::vector<Event> events;
    STEWARD_TRY(c.Query(
        "SELECT e.id, e.topic, e.issue_id, e.payload, i.key, i.project_id, p.key, i.reporter_id "
        "FROM events e LEFT JOIN issues i ON i.id = e.issue_id LEFT JOIN projects p ON p.id = "
        "i.project_id WHERE e.id > ? ORDER BY e.id LIMIT 500",
        {after}, [&](const Row& r) {
          last = r.Int(0);
          if (r.IsNull(4)) {
            return;  // an event without an issue (a deployment report): nothing for browsers
          }
          Event e;
          e.id = r.Int(0);
          e.topic = r.String(1);
          e.issue_id = r.Int(2);
          e.internal = r.Text(3).find("\"internal\":true") != std::string_view::npos;
          e.key = r.String(4);
          e.project_id = r.Int(5);
          e.project_key = r.String(6);
          e.reporter_id = r.Int(7);
          events.push_back(std::move(e));
        }));
    for (const auto& e : events) {
      boost::json::object data{
          {"id", e.id}, {"topic", e.topic}, {"key", e.key}, {"projectKey", e.project_key}};
      std::string text = "event: issue\nid: " + std::to_string(e.id) +
                         "\ndata: " + boost::json::serialize(data) + "\n\n";
      for (auto& s : subs) {
        STEWARD_ASSIGN_OR_RETURN(bool may,
                                 s->MaySee(c, e.issue_id, e.project_id, e.reporter_id, e.internal));
        if (may) {
          out.push_back({s.get(), text});
        }
      }
    }
    return Ok();
  });
  STEWARD_TRY(read);
  {
    std::lock_guard lock(mu_);
    if (last_id_ == after) {
      last_id_ = last;
    }
  }
  for (auto& m : out) {
    m.to->Send(std::move(m.text));
  }
  return Ok();
}

}  // namespace steward::tickets
